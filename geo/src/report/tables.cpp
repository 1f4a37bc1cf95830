#include "geo/report/tables.h"

#include <cmath>

#include "geo/geometry.h"

namespace pc {

std::size_t ReportTable::column(const std::string& n) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].name == n) return i;
    return std::string::npos;
}

namespace {

constexpr ReportColumnType T = ReportColumnType::Text, I = ReportColumnType::Integer, R = ReportColumnType::Real;

ReportCell real(double v) { return std::isnan(v) ? ReportCell{} : ReportCell{v}; }
ReportCell integer(std::size_t v) { return ReportCell{std::int64_t(v)}; }

// Provenance columns every table row carries, so one row copied out of context can still be traced.
void add_provenance_columns(ReportTable& t) {
    t.columns.push_back({"inputs_sha256", T});
    t.columns.push_back({"population_method", T});
    t.columns.push_back({"analysis_crs", T});
}
void add_provenance_cells(std::vector<ReportCell>& row, const Provenance& p) {
    row.push_back(p.inputs_sha256);
    row.push_back(std::string(to_key(p.population_method)));
    row.push_back(p.analysis_crs);
}

ReportTable unit_table(const std::string& name, const std::string& sheet) {
    ReportTable t{name, sheet, {}, {}};
    t.columns = {{"service", T},
                 {"layer", T},
                 {"code", T},
                 {"name", T},
                 {"parent_code", T},
                 {"area_km2", R},
                 {"covered_km2", R},
                 {"coverage_ratio_area", R},
                 {"population", R},
                 {"covered_population", R},
                 {"uncovered_population", R},
                 {"coverage_ratio_population", R},
                 {"nearest_facility_m", R}};
    add_provenance_columns(t);
    return t;
}

void add_unit(ReportTable& t, const std::string& service, const UnitMetrics& m, const Provenance& p) {
    std::vector<ReportCell> row{service,
                          m.layer,
                          m.code,
                          m.name,
                          m.parent_code,
                          real(m.area_km2),
                          real(m.covered_km2),
                          real(m.coverage_ratio_area),
                          real(m.population),
                          real(m.covered_population),
                          real(m.uncovered_population),
                          real(m.coverage_ratio_population),
                          real(m.nearest_facility_m)};
    add_provenance_cells(row, p);
    t.rows.push_back(std::move(row));
}

ReportTable count_budget_table(const std::string& name, const std::string& sheet, const std::string& key_column,
                         const std::vector<CountBudget>& rows, const Provenance& p) {
    ReportTable t{name, sheet, {{key_column, T}, {"count", I}, {"budget_rp", I}}, {}};
    add_provenance_columns(t);
    for (auto& r : rows) {
        std::vector<ReportCell> row{r.key, integer(r.count), ReportCell{r.budget_rp}};
        add_provenance_cells(row, p);
        t.rows.push_back(std::move(row));
    }
    return t;
}

}  // namespace

std::vector<ReportTable> metrics_tables(const AnalysisResult& result, const ReportOptions& options) {
    const Provenance& p = result.provenance;
    std::vector<ReportTable> out;

    ReportTable desa = unit_table("metrics_desa", "desa");
    ReportTable kec = unit_table("metrics_kecamatan", "kecamatan");
    ReportTable district = unit_table("metrics_district", "district");
    ReportTable zone = unit_table("metrics_zone", "zone");
    for (auto& s : result.services) {
        for (auto& m : s.desa) add_unit(desa, s.service, m, p);
        for (auto& m : s.kecamatan) add_unit(kec, s.service, m, p);
        add_unit(district, s.service, s.district, p);
        for (auto& m : s.zones) add_unit(zone, s.service, m, p);
        for (auto& m : s.zone_desa) add_unit(zone, s.service, m, p);
    }
    // District rows also say how many features served, how many stand outside the district and how
    // many of those serve across the border.
    district.columns.insert(district.columns.begin() + 1,
                            {{"features_used", I}, {"features_outside", I}, {"features_across_border", I}});
    for (std::size_t i = 0; i < district.rows.size(); ++i) {
        auto& s = result.services[i];
        district.rows[i].insert(district.rows[i].begin() + 1, {integer(s.features_used), integer(s.features_outside),
                                                                integer(s.features_across_border)});
    }

    ReportTable gaps{"gap_ranking", "gaps", {}, {}};
    gaps.columns = {{"service", T},           {"rank", I},           {"code", T},
                    {"name", T},              {"parent_code", T},    {"uncovered_population", R},
                    {"uncovered_km2", R},     {"population", R},     {"area_km2", R},
                    {"coverage_ratio_population", R}, {"nearest_facility_m", R}, {"gap_wkt", T}};
    add_provenance_columns(gaps);
    for (auto& s : result.services) {
        std::size_t n = s.gap_ranking.size();
        if (options.gap_rows) n = std::min(n, options.gap_rows);
        for (std::size_t r = 0; r < n; ++r) {
            if (s.gap_ranking[r] >= s.desa.size()) continue;
            const UnitMetrics& m = s.desa[s.gap_ranking[r]];
            std::vector<ReportCell> row{s.service,
                                  integer(r + 1),
                                  m.code,
                                  m.name,
                                  m.parent_code,
                                  real(m.uncovered_population),
                                  real(std::max(0.0, m.area_km2 - m.covered_km2)),
                                  real(m.population),
                                  real(m.area_km2),
                                  real(m.coverage_ratio_population),
                                  real(m.nearest_facility_m),
                                  m.gap.empty() ? ReportCell{} : ReportCell{to_wkt(m.gap, options.wkt_precision)}};
            add_provenance_cells(row, p);
            gaps.rows.push_back(std::move(row));
        }
    }
    out.push_back(std::move(desa));
    out.push_back(std::move(kec));
    out.push_back(std::move(district));
    out.push_back(std::move(zone));
    out.push_back(std::move(gaps));

    const auto& in = result.initiatives;
    out.push_back(count_budget_table("initiatives_by_pillar", "pilar", "pillar", in.by_pillar, p));
    out.push_back(count_budget_table("initiatives_by_element", "elemen", "element", in.by_element, p));
    out.push_back(count_budget_table("initiatives_by_status", "status", "status", in.by_status, p));
    out.push_back(count_budget_table("initiatives_by_opd", "opd", "opd", in.by_opd, p));
    out.push_back(count_budget_table("initiatives_by_year", "tahun", "year", in.by_year, p));
    out.push_back(count_budget_table("initiatives_by_kecamatan", "inisiatif_kecamatan", "kecamatan_code",
                                     in.by_kecamatan, p));
    {
        ReportTable t{"initiatives_by_zone",
                "inisiatif_zona",
                {{"zone_code", T}, {"zone_name", T}, {"count_inside", I}, {"budget_inside_rp", I},
                 {"count_outside", I}, {"budget_outside_rp", I}},
                {}};
        add_provenance_columns(t);
        for (auto& z : in.by_zone) {
            std::vector<ReportCell> row{z.zone_code, z.zone_name, integer(z.count_inside), ReportCell{z.budget_inside_rp},
                                  integer(z.count_outside), ReportCell{z.budget_outside_rp}};
            add_provenance_cells(row, p);
            t.rows.push_back(std::move(row));
        }
        out.push_back(std::move(t));
    }
    {
        ReportTable t{"initiatives_reach",
                "inisiatif",
                {{"id", T}, {"name", T}, {"kecamatan_code", T}, {"zone_codes", T}, {"radius_m", R},
                 {"population_within_radius", R}},
                {}};
        add_provenance_columns(t);
        for (auto& r : in.reach) {
            std::string zones;
            for (auto& z : r.zone_codes) zones += (zones.empty() ? "" : ";") + z;
            std::vector<ReportCell> row{r.id, r.name, r.kecamatan_code, zones, real(r.radius_m),
                                  real(r.population_within_radius)};
            add_provenance_cells(row, p);
            t.rows.push_back(std::move(row));
        }
        out.push_back(std::move(t));
    }
    {
        const DataQuality& q = result.quality;
        ReportTable t{"data_quality",
                "data_quality",
                {{"item", T}, {"layer", T}, {"id", T}, {"code_or_name", T}, {"value", R}, {"detail", T}},
                {}};
        add_provenance_columns(t);
        auto add = [&](const std::string& item, double value, const std::string& detail) {
            std::vector<ReportCell> row{item, ReportCell{}, ReportCell{}, ReportCell{}, real(value), detail};
            add_provenance_cells(row, p);
            t.rows.push_back(std::move(row));
        };
        add("geometries_repaired", double(q.geometries_repaired), "invalid geometries made valid (GEOS MakeValid)");
        add("facilities_outside", double(q.facilities_outside), "facilities standing outside the district");
        add("facilities_across_border", double(q.facilities_across_border),
            "of those, counted: their service area reaches desa inside");
        add("initiatives_outside", double(q.initiatives_outside), "initiatives standing outside the district");
        add("initiatives_across_border", double(q.initiatives_across_border),
            "of those, counted: their service area reaches desa inside");
        add("desa_overlap_pairs", double(q.desa_overlap_pairs), "desa pairs overlapping by more than 100 m2");
        add("desa_overlap_km2", q.desa_overlap_km2, "sum of desa areas minus the area of their union (km2)");
        add("desa_gap_km2", q.desa_gap_km2, "holes inside the union of desa (km2)");
        add("outline_not_in_desa_km2", q.outline_not_in_desa_km2, "district outline minus union of desa (km2)");
        add("desa_not_in_outline_km2", q.desa_not_in_outline_km2, "union of desa minus district outline (km2)");
        for (auto& w : q.warnings) {
            std::vector<ReportCell> row{std::string("warning"), ReportCell{}, ReportCell{}, ReportCell{}, ReportCell{}, w};
            add_provenance_cells(row, p);
            t.rows.push_back(std::move(row));
        }
        for (auto& f : q.flagged) {
            std::vector<ReportCell> row{std::string("flagged"), f.layer, f.id, f.code_or_name, ReportCell{}, f.problem};
            add_provenance_cells(row, p);
            t.rows.push_back(std::move(row));
        }
        out.push_back(std::move(t));
    }
    {
        ReportTable t{"provenance", "provenance", {{"key", T}, {"value", T}}, {}};
        auto add = [&](const char* k, const std::string& v) { t.rows.push_back({std::string(k), v}); };
        add("tool", p.tool);
        add("computed_at", p.computed_at);
        add("analysis_crs", p.analysis_crs);
        add("population_method", to_key(p.population_method));
        add("parameters", p.parameters);
        add("inputs_sha256", p.inputs_sha256);
        out.push_back(std::move(t));
    }
    return out;
}

ReportTable summary_table(const AnalysisResult& result) {
    const Provenance& p = result.provenance;
    ReportTable t{"summary", "ringkasan", {}, {}};
    t.columns = {{"service", T},           {"label", T},
                 {"features_used", I},     {"features_outside", I},
                 {"features_across_border", I},
                 {"area_km2", R},          {"covered_km2", R},
                 {"coverage_area_pct", R}, {"population", R},
                 {"covered_population", R}, {"uncovered_population", R},
                 {"coverage_population_pct", R}};
    add_provenance_columns(t);
    for (auto& s : result.services) {
        const UnitMetrics& d = s.district;
        std::vector<ReportCell> row{s.service,
                              s.label,
                              integer(s.features_used),
                              integer(s.features_outside),
                              integer(s.features_across_border),
                              real(d.area_km2),
                              real(d.covered_km2),
                              real(d.coverage_ratio_area * 100),
                              real(d.population),
                              real(d.covered_population),
                              real(d.uncovered_population),
                              real(d.coverage_ratio_population * 100)};
        add_provenance_cells(row, p);
        t.rows.push_back(std::move(row));
    }
    return t;
}

}  // namespace pc
