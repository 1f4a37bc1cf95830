// The project (and its metrics) as plain tables, and one writer of a table into any OGR dataset.
#include <cpl_string.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <set>
#include <variant>

#include "geo/crs.h"
#include "geo/error.h"
#include "geo/gdal.h"
#include "io_internal.h"

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
                cols.push_back({x.name, OFTString});
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
        cols[i].type = seen_kind[i] == 1 ? OFTInteger64 : seen_kind[i] == 2 ? OFTReal : OFTString;
    t.columns.insert(t.columns.end(), cols.begin(), cols.end());
    for (std::size_t r = 0; r < features.size(); ++r) {
        auto& row = t.rows[r];
        row.resize(first_extra_column + cols.size());
        for (auto& x : features[r].extra) {
            int i = find(x.name);
            auto& cell = row[first_extra_column + std::size_t(i)];
            cell = x.value;
            // Mixed int/real columns are real.
            if (cols[std::size_t(i)].type == OFTReal)
                if (auto* iv = std::get_if<std::int64_t>(&x.value)) cell = double(*iv);
            if (cols[std::size_t(i)].type == OFTString) {
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
    t.geometry_type = wkbMultiPolygon;
    t.is_feature_layer = true;
    t.columns = {{"uuid"}, {"code"}, {"name"}, {"parent_code"}, {"bps_code"}, {"population", OFTReal}};
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
        t.rows.push_back({s.service, m.layer, m.code, m.name, m.parent_code, m.area_km2, m.covered_km2,
                          m.coverage_ratio_area, m.population, m.covered_population, m.uncovered_population,
                          m.coverage_ratio_population, real_or_null(m.nearest_facility_m),
                          rank[i] ? FieldValue(rank[i]) : FieldValue{}});
        t.geometries.push_back(m.gap.empty() ? nullptr : &m.gap);
    }
}

Table metrics_table(const std::string& name) {
    Table t;
    t.name = name;
    t.geometry_type = wkbMultiPolygon;  // the gap: unit minus service area
    t.columns = {{"service"},
                 {"layer"},
                 {"code"},
                 {"name"},
                 {"parent_code"},
                 {"area_km2", OFTReal},
                 {"covered_km2", OFTReal},
                 {"coverage_ratio_area", OFTReal},
                 {"population", OFTReal},
                 {"covered_population", OFTReal},
                 {"uncovered_population", OFTReal},
                 {"coverage_ratio_population", OFTReal},
                 {"nearest_facility_m", OFTReal},
                 {"gap_rank", OFTInteger}};
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

OGRwkbGeometryType kind_layer_type(const Table& t, GeometryKind kind) {
    switch (kind) {
        case GeometryKind::Line: return wkbMultiLineString;
        case GeometryKind::Polygon: return wkbMultiPolygon;
        case GeometryKind::Point:
        case GeometryKind::Empty: break;
    }
    for (auto* g : t.geometries)
        if (g && g->kind == GeometryKind::Point && g->points.size() > 1) return wkbMultiPoint;
    return wkbPoint;
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

std::vector<Table> project_tables(const Project& p, const AnalysisResult* metrics) {
    std::vector<Table> out;
    out.push_back(admin_table("kabupaten", p.kabupaten));
    out.push_back(admin_table("kecamatan", p.kecamatan));
    out.push_back(admin_table("desa", p.desa));
    {
        Table t;
        t.name = "facilities";
        t.geometry_type = wkbUnknown;  // points, lines and polygons in one layer
        t.is_feature_layer = true;
        t.columns = {{"uuid"}, {"type"}, {"name"}, {"radius_m", OFTReal}};
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
        t.geometry_type = wkbUnknown;
        t.is_feature_layer = true;
        t.columns = {{"uuid"},           {"name"},        {"description"},
                     {"pillar"},         {"element"},     {"opd"},
                     {"start_year", OFTInteger},          {"end_year", OFTInteger},
                     {"budget_rp", OFTInteger64},         {"funding_source"},
                     {"status"},         {"quick_win", OFTInteger, OFSTBoolean},
                     {"rpjmd_ref"},      {"radius_m", OFTReal},
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
        t.geometry_type = wkbMultiPolygon;
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
        t.geometry_type = wkbPolygon;
        t.is_feature_layer = true;
        // Cells have no identity in the model; the uuid column is there for GIS users' joins.
        t.columns = {{"uuid"}, {"population", OFTReal}};
        for (auto& c : p.population_grid->cells) {
            t.rows.push_back({new_uuid(), c.population});
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
        kv("has_population_grid", p.population_grid ? "1" : "0");
        kv("population_grid_source", p.population_grid ? p.population_grid->source : "");
        out.push_back(std::move(t));
    }
    {
        Table t;
        t.name = "facility_types";
        t.columns = {{"key"}, {"label"}, {"default_radius_m", OFTReal}, {"colour"}};
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
    if (!metrics) return out;

    const AnalysisResult& r = *metrics;
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

    std::set<std::string> area_names;
    for (auto& s : r.services) {
        Table t;
        t.name = "service_area_" + layer_safe(s.service);
        for (int k = 2; !area_names.insert(t.name).second; ++k)  // layer names are case-insensitive
            t.name = "service_area_" + layer_safe(s.service) + "_" + std::to_string(k);
        t.geometry_type = wkbMultiPolygon;
        t.columns = {{"service"}, {"label"}, {"features_used", OFTInteger64}, {"features_outside", OFTInteger64}};
        t.rows.push_back({s.service, s.label, i64(std::int64_t(s.features_used)), i64(std::int64_t(s.features_outside))});
        t.geometries.push_back(s.service_area.empty() ? nullptr : &s.service_area);
        out.push_back(std::move(t));
    }
    {
        Table t;
        t.name = "data_quality";
        t.columns = {{"kind"}, {"key"}, {"value", OFTReal}, {"layer"}, {"uuid"}, {"code_or_name"}, {"problem"}};
        auto& q = r.quality;
        auto count = [&](const char* k, double v) { t.rows.push_back({std::string("count"), std::string(k), v, "", "", "", ""}); };
        count("geometries_repaired", double(q.geometries_repaired));
        count("facilities_outside", double(q.facilities_outside));
        count("initiatives_outside", double(q.initiatives_outside));
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
        t.columns = {{"dimension"}, {"key"}, {"count", OFTInteger64}, {"budget_rp", OFTInteger64}};
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
        t.columns = {{"uuid"}, {"name"}, {"kecamatan_code"}, {"zone_codes"}, {"radius_m", OFTReal}, {"population_within_radius", OFTReal}};
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

void write_layer_styles(GDALDataset& ds, const std::vector<LayerStyle>& styles) {
    // As QGIS's OGR provider creates it (QgsOgrProviderMetadata::saveStyle), so QGIS finds the
    // default style of a layer by f_table_name + f_geometry_column and useAsDefault.
    OGRLayer* layer = ds.GetLayerByName("layer_styles");
    if (!layer) {
        CPLStringList lco;
        lco.SetNameValue("FID", "id");
        CPLErrorReset();
        layer = ds.CreateLayer("layer_styles", nullptr, wkbNone, lco.List());
        if (!layer) throw GdalError("cannot create layer_styles in '" + std::string(ds.GetDescription()) + "': " + gdal_last_error());
        struct F {
            const char* name;
            OGRFieldType type;
            int width;
        };
        for (const F& f : {F{"f_table_catalog", OFTString, 256}, F{"f_table_schema", OFTString, 256},
                           F{"f_table_name", OFTString, 256}, F{"f_geometry_column", OFTString, 256},
                           F{"styleName", OFTString, 30}, F{"styleQML", OFTString, 0}, F{"styleSLD", OFTString, 0},
                           F{"useAsDefault", OFTInteger, 0}, F{"description", OFTString, 0}, F{"owner", OFTString, 30},
                           F{"ui", OFTString, 30}, F{"update_time", OFTDateTime, 0}}) {
            OGRFieldDefn fd(f.name, f.type);
            if (f.width) fd.SetWidth(f.width);
            if (std::string(f.name) == "useAsDefault") fd.SetSubType(OFSTBoolean);
            if (f.type == OFTDateTime) fd.SetDefault("CURRENT_TIMESTAMP");
            if (layer->CreateField(&fd) != OGRERR_NONE) throw GdalError("cannot create field " + std::string(f.name) + " of layer_styles: " + gdal_last_error());
        }
    }
    // A fixed time when OGR_CURRENT_DATE is set (reproducible files, as GDAL does for gpkg_contents).
    int y = 0, mo = 0, d = 0, h = 0, mi = 0;
    float sec = 0;
    if (const char* fixed = CPLGetConfigOption("OGR_CURRENT_DATE", nullptr)) {
        std::sscanf(fixed, "%d-%d-%dT%d:%d:%f", &y, &mo, &d, &h, &mi, &sec);
    } else {
        std::time_t now = std::time(nullptr);
        std::tm t{};
        gmtime_r(&now, &t);
        y = t.tm_year + 1900, mo = t.tm_mon + 1, d = t.tm_mday, h = t.tm_hour, mi = t.tm_min, sec = float(t.tm_sec);
    }
    const bool tx = ds.TestCapability(ODsCTransactions) && ds.StartTransaction() == OGRERR_NONE;
    try {
        for (auto& st : styles) {
            OGRLayer* target = ds.GetLayerByName(st.layer.c_str());
            if (!target) continue;
            const std::string geom_col = target->GetGeometryColumn();
            // One default style per layer: drop ours (and any other default) for this layer first.
            std::string filter = "f_table_name = '" + st.layer + "'";
            layer->SetAttributeFilter(filter.c_str());
            std::vector<GIntBig> old;
            for (auto& f : *layer) old.push_back(f->GetFID());
            layer->SetAttributeFilter(nullptr);
            for (auto fid : old)
                if (layer->DeleteFeature(fid) != OGRERR_NONE) throw GdalError("cannot replace the style of '" + st.layer + "': " + gdal_last_error());
            OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
            f->SetField("f_table_catalog", "");
            f->SetField("f_table_schema", "");
            f->SetField("f_table_name", st.layer.c_str());
            f->SetField("f_geometry_column", geom_col.c_str());
            f->SetField("styleName", st.name.c_str());
            f->SetField("styleQML", st.qml.c_str());
            f->SetField("styleSLD", st.sld.c_str());
            f->SetField("useAsDefault", 1);
            f->SetField("description", st.description.c_str());
            f->SetField("owner", "");
            f->SetField("ui", "");
            f->SetField(f->GetFieldIndex("update_time"), y, mo, d, h, mi, sec, 100);
            if (layer->CreateFeature(f.get()) != OGRERR_NONE) throw GdalError("cannot write the style of '" + st.layer + "': " + gdal_last_error());
        }
        if (tx && ds.CommitTransaction() != OGRERR_NONE) throw GdalError("cannot commit layer_styles: " + gdal_last_error());
    } catch (...) {
        if (tx) ds.RollbackTransaction();
        throw;
    }
}

void write_table(GDALDataset& ds, const Table& t, const WriteOptions& o) {
    const std::string lname = o.layer_name.empty() ? t.name : o.layer_name;
    const OGRwkbGeometryType gtype = o.geometry_type != wkbNone ? o.geometry_type : t.geometry_type;
    std::vector<Column> cols = t.columns;
    cols.insert(cols.end(), o.extra_columns.begin(), o.extra_columns.end());
    std::vector<std::string> written;
    for (auto& c : cols) {
        auto it = o.rename.find(c.name);
        std::string n = it != o.rename.end() ? it->second : c.name;
        for (auto& w : written)
            if (iequals(w, n) || n.empty())
                throw InputError({ds.GetDescription(), lname, "", c.name},
                                 "field name clashes with another field of the layer ('" + w + "')");
        written.push_back(n);
    }
    auto srs = wgs84();
    CPLStringList lco;
    for (auto& s : o.layer_options) lco.AddString(s.c_str());
    CPLErrorReset();
    OGRLayer* layer = ds.CreateLayer(lname.c_str(), gtype == wkbNone ? nullptr : srs.get(), gtype, lco.List());
    if (!layer) throw GdalError("cannot create layer '" + lname + "' in '" + ds.GetDescription() + "': " + gdal_last_error());
    for (std::size_t i = 0; i < cols.size(); ++i) {
        OGRFieldDefn fd(written[i].c_str(), cols[i].type);
        fd.SetSubType(cols[i].subtype);
        if (cols[i].type == OFTString && std::string(ds.GetDriverName()) == "ESRI Shapefile") fd.SetWidth(254);
        if (layer->CreateField(&fd) != OGRERR_NONE)
            throw GdalError("cannot create field '" + written[i] + "' in layer '" + lname + "': " + gdal_last_error());
    }
    // Drivers may reorder or add fields (KML puts Name/Description first): write by name.
    std::vector<int> field_index(cols.size());
    for (std::size_t i = 0; i < cols.size(); ++i) field_index[i] = layer->GetLayerDefn()->GetFieldIndex(written[i].c_str());
    const bool tx = ds.TestCapability(ODsCTransactions) && ds.StartTransaction() == OGRERR_NONE;
    try {
        auto* defn = layer->GetLayerDefn();
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            const Geometry* g = r < t.geometries.size() ? t.geometries[r] : nullptr;
            if (o.keep && !o.keep(g)) continue;
            OGRFeatureUniquePtr f(OGRFeature::CreateFeature(defn));
            if (o.fid_from_row) f->SetFID(GIntBig(r) + 1);
            std::vector<FieldValue> row = t.rows[r];
            if (o.extra_values) {
                auto more = o.extra_values(g);
                row.insert(row.end(), more.begin(), more.end());
            }
            for (std::size_t i = 0; i < row.size() && i < cols.size(); ++i) {
                const int idx = field_index[i];
                if (idx < 0) continue;
                std::visit(
                    [&](auto&& v) {
                        using V = std::decay_t<decltype(v)>;
                        if constexpr (std::is_same_v<V, std::monostate>) f->SetFieldNull(idx);
                        else if constexpr (std::is_same_v<V, std::int64_t>) f->SetField(idx, GIntBig(v));
                        else if constexpr (std::is_same_v<V, double>) f->SetField(idx, v);
                        else f->SetField(idx, v.c_str());
                    },
                    row[i]);
            }
            if (o.style) {
                auto st = o.style(r);
                if (!st.empty()) f->SetStyleString(st.c_str());
            }
            if (gtype != wkbNone && g) {
                auto og = to_ogr(*g, gtype);
                if (og) {
                    og->assignSpatialReference(layer->GetSpatialRef());
                    f->SetGeometryDirectly(og.release());
                }
            }
            CPLErrorReset();
            if (layer->CreateFeature(f.get()) != OGRERR_NONE)
                throw GdalError("cannot write feature " + std::to_string(r) + " of layer '" + lname + "': " + gdal_last_error());
        }
        if (tx && ds.CommitTransaction() != OGRERR_NONE)
            throw GdalError("cannot commit layer '" + lname + "': " + gdal_last_error());
    } catch (...) {
        if (tx) ds.RollbackTransaction();
        throw;
    }
}

}  // namespace pc::io
