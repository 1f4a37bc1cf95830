// The project (and its metrics) as plain tables.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <set>
#include <variant>

#include "geo/hash.h"
#include "context_tables.h"
#include "geo/uuid.h"
#include "table_model.h"

namespace pc::io {

const char* population_method_key(PopulationMethod m) {
    switch (m) {
        case PopulationMethod::AreaWeighted: return "area_weighted";
        case PopulationMethod::GridExact: return "grid_exact";
        case PopulationMethod::GridRescaled: return "grid_rescaled";
    }
    return "?";
}

std::string layer_safe(const std::string& s) {
    std::string out;
    for (unsigned char c : s) out += std::isalnum(c) ? char(std::tolower(c)) : '_';
    return out.empty() ? "unnamed" : out;
}

std::string colour_hex(std::uint32_t rgba) {
    char buf[10];
    std::snprintf(buf, sizeof buf, "#%08x", rgba);
    return buf;
}

std::optional<std::uint32_t> parse_colour(const std::string& s) {
    if (s.size() != 9 || s[0] != '#') return std::nullopt;
    char* end = nullptr;
    unsigned long v = std::strtoul(s.c_str() + 1, &end, 16);
    if (end != s.c_str() + 9) return std::nullopt;
    return std::uint32_t(v);
}

namespace {

FieldValue opt_real(const std::optional<double>& v) { return v ? FieldValue(*v) : FieldValue{}; }
FieldValue real_or_null(double v) { return std::isfinite(v) ? FieldValue(v) : FieldValue{}; }
FieldValue i64(std::int64_t v) { return FieldValue(v); }

// Columns for the extras of a layer: the union of names (first seen order), typed by their values.
template <class T>
void add_extras(Table& t, const std::vector<T>& features, std::size_t first_extra_column) {
    std::vector<Column> cols;
    auto find = [&](const std::string& n) -> int {
        for (std::size_t i = 0; i < cols.size(); ++i)
            if (cols[i].name == n) return int(i);
        return -1;
    };
    std::vector<int> seen_kind;  // 0 none, 1 int, 2 real, 3 string
    for (auto& f : features)
        for (auto& x : f.extra) {
            int i = find(x.name);
            if (i < 0) {
                cols.push_back({x.name, FieldType::Text});
                seen_kind.push_back(0);
                i = int(cols.size() - 1);
            }
            int k = std::holds_alternative<std::int64_t>(x.value) ? 1
                    : std::holds_alternative<double>(x.value)     ? 2
                    : std::holds_alternative<std::string>(x.value) ? 3
                                                                   : 0;
            auto& s = seen_kind[std::size_t(i)];
            if (k == 0) continue;
            if (s == 0) s = k;
            else if (s != k) s = (s <= 2 && k <= 2) ? 2 : 3;
        }
    for (std::size_t i = 0; i < cols.size(); ++i)
        cols[i].type = seen_kind[i] == 1 ? FieldType::Integer64 : seen_kind[i] == 2 ? FieldType::Real : FieldType::Text;
    t.columns.insert(t.columns.end(), cols.begin(), cols.end());
    for (std::size_t r = 0; r < features.size(); ++r) {
        auto& row = t.rows[r];
        row.resize(first_extra_column + cols.size());
        for (auto& x : features[r].extra) {
            int i = find(x.name);
            auto& cell = row[first_extra_column + std::size_t(i)];
            cell = x.value;
            // Mixed int/real columns are real.
            if (cols[std::size_t(i)].type == FieldType::Real)
                if (auto* iv = std::get_if<std::int64_t>(&x.value)) cell = double(*iv);
            if (cols[std::size_t(i)].type == FieldType::Text) {
                if (auto* iv = std::get_if<std::int64_t>(&x.value)) cell = std::to_string(*iv);
                if (auto* dv = std::get_if<double>(&x.value)) {
                    char buf[32];
                    std::snprintf(buf, sizeof buf, "%.17g", *dv);
                    cell = std::string(buf);
                }
            }
        }
    }
}

Table admin_table(const std::string& name, const std::vector<AdminUnit>& units) {
    Table t;
    t.name = name;
    t.geometry_type = LayerGeometry::MultiPolygon;
    t.is_feature_layer = true;
    t.columns = {{"uuid"}, {"code"}, {"name"}, {"parent_code"}, {"bps_code"}, {"population", FieldType::Real}};
    for (auto& u : units) {
        t.rows.push_back({u.id, u.code, u.name, u.parent_code, u.bps_code, opt_real(u.population)});
        t.geometries.push_back(&u.geometry);
    }
    add_extras(t, units, 6);
    return t;
}

void metrics_rows(Table& t, const ServiceCoverage& s, const std::vector<UnitMetrics>& ms, bool ranked) {
    std::vector<std::int64_t> rank(ms.size(), 0);
    if (ranked)
        for (std::size_t k = 0; k < s.gap_ranking.size(); ++k)
            if (s.gap_ranking[k] < rank.size()) rank[s.gap_ranking[k]] = std::int64_t(k + 1);
    for (std::size_t i = 0; i < ms.size(); ++i) {
        auto& m = ms[i];
        t.rows.push_back({uuid_for_name(t.name + "/" + s.service + "/" + m.code), s.service, m.layer, m.code, m.name,
                          m.parent_code, m.area_km2, m.covered_km2,
                          m.coverage_ratio_area, m.population, m.covered_population, m.uncovered_population,
                          m.coverage_ratio_population, real_or_null(m.nearest_facility_m),
                          rank[i] ? FieldValue(rank[i]) : FieldValue{}});
        t.geometries.push_back(m.gap.empty() ? nullptr : &m.gap);
    }
}

Table metrics_table(const std::string& name) {
    Table t;
    t.name = name;
    t.geometry_type = LayerGeometry::MultiPolygon;  // the gap: unit minus service area
    t.columns = {{"uuid"},
                 {"service"},
                 {"layer"},
                 {"code"},
                 {"name"},
                 {"parent_code"},
                 {"area_km2", FieldType::Real},
                 {"covered_km2", FieldType::Real},
                 {"coverage_ratio_area", FieldType::Real},
                 {"population", FieldType::Real},
                 {"covered_population", FieldType::Real},
                 {"uncovered_population", FieldType::Real},
                 {"coverage_ratio_population", FieldType::Real},
                 {"nearest_facility_m", FieldType::Real},
                 {"gap_rank", FieldType::Integer}};
    return t;
}

// The extra field names of a layer: the union over its features, in first-seen order (as add_extras).
template <class T>
std::vector<std::string> extra_names(const std::vector<T>& features) {
    std::vector<std::string> names;
    std::set<std::string> seen;
    for (auto& f : features)
        for (auto& x : f.extra)
            if (seen.insert(x.name).second) names.push_back(x.name);
    return names;
}

template <class T>
void absent_rows(Table& t, const std::string& layer, const std::vector<T>& features) {
    const auto names = extra_names(features);
    for (auto& f : features) {
        if (f.extra.size() == names.size()) continue;  // names are unique within a feature
        std::set<std::string> has;
        for (auto& x : f.extra) has.insert(x.name);
        for (auto& n : names)
            if (!has.count(n)) t.rows.push_back({layer, f.id, n});
    }
}

}  // namespace

std::string kind_layer_name(const std::string& base, GeometryKind kind) {
    switch (kind) {
        case GeometryKind::Line: return base + "_line";
        case GeometryKind::Polygon: return base + "_polygon";
        case GeometryKind::Point:
        case GeometryKind::Empty: break;
    }
    return base;
}

bool in_kind_layer(const Geometry* g, GeometryKind kind) {
    const GeometryKind k = g ? g->kind : GeometryKind::Empty;
    return k == kind || (kind == GeometryKind::Point && k == GeometryKind::Empty);
}

LayerGeometry kind_layer_type(const Table& t, GeometryKind kind) {
    switch (kind) {
        case GeometryKind::Line: return LayerGeometry::MultiLineString;
        case GeometryKind::Polygon: return LayerGeometry::MultiPolygon;
        case GeometryKind::Point:
        case GeometryKind::Empty: break;
    }
    for (auto* g : t.geometries)
        if (g && g->kind == GeometryKind::Point && g->points.size() > 1) return LayerGeometry::MultiPoint;
    return LayerGeometry::Point;
}

Table absent_extras_table(const Project& p) {
    Table t;
    t.name = kAbsentExtrasTable;
    t.columns = {{"layer"}, {"uuid"}, {"field"}};
    absent_rows(t, "kabupaten", p.kabupaten);
    absent_rows(t, "kecamatan", p.kecamatan);
    absent_rows(t, "desa", p.desa);
    absent_rows(t, "facilities", p.facilities);
    absent_rows(t, "zones", p.zones);
    return t;
}

std::vector<std::string> service_area_layer_names(const AnalysisResult& r) {
    std::vector<std::string> names;
    std::set<std::string> taken;
    for (auto& s : r.services) {
        std::string name = "service_area_" + layer_safe(s.service);
        for (int k = 2; !taken.insert(name).second; ++k)  // layer_safe lowers the case: unique ignoring case
            name = "service_area_" + layer_safe(s.service) + "_" + std::to_string(k);
        names.push_back(name);
    }
    return names;
}

std::vector<Table> project_tables(const Project& p, const AnalysisResult* metrics) {
    std::vector<Table> out;
    out.push_back(admin_table("kabupaten", p.kabupaten));
    out.push_back(admin_table("kecamatan", p.kecamatan));
    out.push_back(admin_table("desa", p.desa));
    {
        Table t;
        t.name = "facilities";
        t.geometry_type = LayerGeometry::Mixed;  // points, lines and polygons in one layer
        t.is_feature_layer = true;
        t.columns = {{"uuid"}, {"type"}, {"name"}, {"radius_m", FieldType::Real}};
        for (auto& f : p.facilities) {
            t.rows.push_back({f.id, f.type, f.name, opt_real(f.radius_m)});
            t.geometries.push_back(&f.geometry);
        }
        add_extras(t, p.facilities, 4);
        out.push_back(std::move(t));
    }
    {
        Table t;
        t.name = "initiatives";
        t.geometry_type = LayerGeometry::Mixed;
        t.is_feature_layer = true;
        t.columns = {{"uuid"},           {"name"},        {"description"},
                     {"pillar"},         {"element"},     {"opd"},
                     {"start_year", FieldType::Integer},          {"end_year", FieldType::Integer},
                     {"budget_rp", FieldType::Integer64},         {"funding_source"},
                     {"status"},         {"quick_win", FieldType::Boolean},
                     {"rpjmd_ref"},      {"radius_m", FieldType::Real},
                     {"service"}};
        for (auto& i : p.initiatives) {
            t.rows.push_back({i.id, i.name, i.description, std::string(to_key(i.pillar)), std::string(to_key(i.element)),
                              i.opd, i64(i.start_year), i64(i.end_year), i64(i.budget_rp), i.funding_source,
                              std::string(to_key(i.status)), i64(i.quick_win ? 1 : 0), i.rpjmd_ref, opt_real(i.radius_m),
                              i.service});
            t.geometries.push_back(&i.geometry);
        }
        out.push_back(std::move(t));
    }
    {
        Table t;
        t.name = "zones";
        t.geometry_type = LayerGeometry::MultiPolygon;
        t.is_feature_layer = true;
        t.columns = {{"uuid"}, {"code"}, {"name"}, {"kind"}};
        for (auto& z : p.zones) {
            t.rows.push_back({z.id, z.code, z.name, z.kind});
            t.geometries.push_back(&z.geometry);
        }
        add_extras(t, p.zones, 4);
        out.push_back(std::move(t));
    }
    if (p.population_grid) {
        Table t;
        t.name = "population_grid";
        t.geometry_type = LayerGeometry::Polygon;
        t.is_feature_layer = true;
        // Cells have no identity in the model; the uuid column is there for GIS users' joins, so it
        // is derived from the cell and stays the same over saves and exports.
        t.columns = {{"uuid"}, {"population", FieldType::Real}};
        std::map<std::string, std::size_t> seen;
        for (auto& c : p.population_grid->cells) {
            std::string id = population_cell_uuid(c, 0);
            const std::size_t before = seen[id]++;
            if (before) id = population_cell_uuid(c, before);
            t.rows.push_back({id, c.population});
            t.geometries.push_back(&c.geometry);
        }
        out.push_back(std::move(t));
    }
    {
        Table t;
        t.name = "settings";
        t.columns = {{"key"}, {"value"}};
        auto& s = p.settings;
        auto kv = [&](const char* k, const std::string& v) { t.rows.push_back({std::string(k), v}); };
        kv("format_version", "1");
        kv("name", s.name);
        kv("district_code", s.district_code);
        kv("district_name", s.district_name);
        kv("period_start", std::to_string(s.period_start));
        kv("period_end", std::to_string(s.period_end));
        kv("analysis_crs", s.analysis_crs);
        kv("features_inside_only", s.features_inside_only ? "1" : "0");
        kv("has_population_grid", p.population_grid ? "1" : "0");
        kv("population_grid_source", p.population_grid ? p.population_grid->source : "");
        out.push_back(std::move(t));
    }
    {
        Table t;
        t.name = "facility_types";
        t.columns = {{"key"}, {"label"}, {"default_radius_m", FieldType::Real}, {"colour"}};
        for (auto& ft : p.settings.facility_types)
            t.rows.push_back({ft.key, ft.label, ft.default_radius_m, colour_hex(ft.colour)});
        out.push_back(std::move(t));
    }
    {
        Table t;
        t.name = "opd";
        t.columns = {{"name"}};
        for (auto& o : p.settings.opd) t.rows.push_back({o});
        out.push_back(std::move(t));
    }
    for (auto& t : context_tables(p.context_layers)) out.push_back(std::move(t));
    if (!metrics) return out;
    for (auto& t : metrics_tables(*metrics)) out.push_back(std::move(t));
    return out;
}

bool is_metrics_table(const std::string& name) {
    static const std::set<std::string> fixed = {"metrics_desa",      "metrics_kecamatan", "metrics_district",
                                                "metrics_zone",      "metrics_zone_desa", "data_quality",
                                                "initiative_stats",  "initiative_reach",  "provenance"};
    return fixed.count(name) || name.rfind("service_area_", 0) == 0;
}

std::string population_cell_uuid(const PopulationCell& cell, std::size_t duplicates_before) {
    Sha256 h;
    h.add(cell.geometry).add(cell.population).add(std::int64_t(duplicates_before));
    return uuid_from_hash(h.hex());
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

bool iequals(const std::string& a, const std::string& b) { return lower(a) == lower(b); }

std::vector<Table> metrics_tables(const AnalysisResult& r) {
    std::vector<Table> out;
    Table md = metrics_table("metrics_desa"), mk = metrics_table("metrics_kecamatan"),
          mdist = metrics_table("metrics_district"), mz = metrics_table("metrics_zone"),
          mzd = metrics_table("metrics_zone_desa");
    for (auto& s : r.services) {
        metrics_rows(md, s, s.desa, true);
        metrics_rows(mk, s, s.kecamatan, false);
        metrics_rows(mdist, s, std::vector<UnitMetrics>{s.district}, false);
        metrics_rows(mz, s, s.zones, false);
        metrics_rows(mzd, s, s.zone_desa, false);
    }
    // metrics_district points into a temporary: keep the district gap pointers valid.
    mdist.geometries.clear();
    for (auto& s : r.services) mdist.geometries.push_back(s.district.gap.empty() ? nullptr : &s.district.gap);
    for (auto* t : {&md, &mk, &mdist, &mz, &mzd}) out.push_back(std::move(*t));

    const auto area_names = service_area_layer_names(r);
    for (std::size_t i = 0; i < r.services.size(); ++i) {
        const ServiceCoverage& s = r.services[i];
        Table t;
        t.name = area_names[i];
        t.geometry_type = LayerGeometry::MultiPolygon;
        t.columns = {{"uuid"}, {"service"}, {"label"}, {"features_used", FieldType::Integer64},
                     {"features_outside", FieldType::Integer64}, {"features_across_border", FieldType::Integer64}};
        t.rows.push_back({uuid_for_name(t.name + "/" + s.service), s.service, s.label, i64(std::int64_t(s.features_used)),
                          i64(std::int64_t(s.features_outside)), i64(std::int64_t(s.features_across_border))});
        t.geometries.push_back(s.service_area.empty() ? nullptr : &s.service_area);
        out.push_back(std::move(t));
    }
    {
        Table t;
        t.name = "data_quality";
        t.columns = {{"kind"}, {"key"}, {"value", FieldType::Real}, {"layer"}, {"uuid"}, {"code_or_name"}, {"problem"}};
        auto& q = r.quality;
        auto count = [&](const char* k, double v) { t.rows.push_back({std::string("count"), std::string(k), v, "", "", "", ""}); };
        count("geometries_repaired", double(q.geometries_repaired));
        count("facilities_outside", double(q.facilities_outside));
        count("facilities_across_border", double(q.facilities_across_border));
        count("initiatives_outside", double(q.initiatives_outside));
        count("initiatives_across_border", double(q.initiatives_across_border));
        count("desa_overlap_pairs", double(q.desa_overlap_pairs));
        count("desa_overlap_km2", q.desa_overlap_km2);
        count("desa_gap_km2", q.desa_gap_km2);
        count("outline_not_in_desa_km2", q.outline_not_in_desa_km2);
        count("desa_not_in_outline_km2", q.desa_not_in_outline_km2);
        for (auto& f : q.flagged)
            t.rows.push_back({std::string("flagged"), std::string(""), FieldValue{}, f.layer, f.id, f.code_or_name, f.problem});
        for (auto& w : q.warnings)
            t.rows.push_back({std::string("warning"), std::string(""), FieldValue{}, "", "", "", w});
        out.push_back(std::move(t));
    }
    {
        Table t;
        t.name = "initiative_stats";
        t.columns = {{"dimension"}, {"key"}, {"count", FieldType::Integer64}, {"budget_rp", FieldType::Integer64}};
        auto& st = r.initiatives;
        t.rows.push_back({std::string("total"), std::string(""), i64(std::int64_t(st.count)), i64(st.budget_rp)});
        auto dim = [&](const char* d, const std::vector<CountBudget>& v) {
            for (auto& c : v) t.rows.push_back({std::string(d), c.key, i64(std::int64_t(c.count)), i64(c.budget_rp)});
        };
        dim("pillar", st.by_pillar);
        dim("element", st.by_element);
        dim("status", st.by_status);
        dim("opd", st.by_opd);
        dim("year", st.by_year);
        dim("kecamatan", st.by_kecamatan);
        for (auto& z : st.by_zone) {
            t.rows.push_back({std::string("zone_inside"), z.zone_code, i64(std::int64_t(z.count_inside)), i64(z.budget_inside_rp)});
            t.rows.push_back({std::string("zone_outside"), z.zone_code, i64(std::int64_t(z.count_outside)), i64(z.budget_outside_rp)});
        }
        out.push_back(std::move(t));
    }
    {
        Table t;
        t.name = "initiative_reach";
        t.columns = {{"uuid"}, {"name"}, {"kecamatan_code"}, {"zone_codes"}, {"radius_m", FieldType::Real}, {"population_within_radius", FieldType::Real}};
        for (auto& x : r.initiatives.reach) {
            std::string zs;
            for (auto& z : x.zone_codes) zs += (zs.empty() ? "" : ";") + z;
            t.rows.push_back({x.id, x.name, x.kecamatan_code, zs, x.radius_m, x.population_within_radius});
        }
        out.push_back(std::move(t));
    }
    {
        Table t;
        t.name = "provenance";
        t.columns = {{"tool"}, {"computed_at"}, {"analysis_crs"}, {"population_method"}, {"parameters"}, {"inputs_sha256"}};
        auto& pv = r.provenance;
        t.rows.push_back({pv.tool, pv.computed_at, pv.analysis_crs, std::string(population_method_key(pv.population_method)),
                          pv.parameters, pv.inputs_sha256});
        out.push_back(std::move(t));
    }
    return out;
}

std::tm time_of(const std::string& iso) {
    std::tm t{};
    float sec = 0;
    std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%f", &t.tm_year, &t.tm_mon, &t.tm_mday, &t.tm_hour, &t.tm_min, &sec);
    t.tm_year -= 1900;
    t.tm_mon -= 1;
    t.tm_sec = int(sec);
    return t;
}

std::tm file_time() {
    if (const char* fixed = std::getenv("OGR_CURRENT_DATE"); fixed && *fixed) return time_of(fixed);
    std::tm t{};
    const std::time_t now = std::time(nullptr);
    gmtime_r(&now, &t);
    return t;
}

}  // namespace pc::io
