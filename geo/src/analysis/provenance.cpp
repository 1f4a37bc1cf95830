// Provenance of an analysis: the parameters, a hash of every input, the time.
#include <chrono>
#include <ctime>
#include <string_view>
#include <unordered_set>

#include "geo/analysis/summary.h"
#include "geo/hash.h"

namespace pc {

const char* to_key(PopulationMethod m) {
    switch (m) {
        case PopulationMethod::AreaWeighted: return "area_weighted";
        case PopulationMethod::GridExact: return "grid_exact";
        case PopulationMethod::GridRescaled: return "grid_rescaled";
    }
    return "?";
}

const ServiceCoverage* AnalysisResult::service(const std::string& key) const {
    for (auto& s : services)
        if (s.service == key) return &s;
    return nullptr;
}

std::string analysis_parameters(const AnalysisOptions& o) {
    return "quadrant_segments=" + std::to_string(o.quadrant_segments) + ";top_gaps=" + std::to_string(o.top_gaps) +
           ";use_population_grid=" + (o.use_population_grid ? "1" : "0") +
           ";features=" + (o.inside_only ? "inside_only" : "reaching_the_district");
}

namespace {
void add_opt(Sha256& h, const std::optional<double>& v) {
    h.add(std::int64_t(v.has_value()));
    h.add(v.value_or(0.0));
}
void add_unit(Sha256& h, const AdminUnit& u, bool geometry = true) {
    h.add(u.id).add(std::string(to_key(u.level))).add(u.code).add(u.name).add(u.parent_code).add(u.bps_code);
    add_opt(h, u.population);
    if (geometry) h.add(u.geometry);
}
}  // namespace

std::string inputs_sha256(const Project& p, bool population_grid_used) {
    Sha256 h;
    h.add(std::string("petacerdas-inputs-v1"));
    auto& s = p.settings;
    h.add(s.name).add(s.district_code).add(s.district_name);
    h.add(std::int64_t(s.period_start)).add(std::int64_t(s.period_end)).add(s.analysis_crs);
    // Only when set, so that the hash of a project saved before the setting existed stays the same.
    if (s.features_inside_only) h.add(std::string("features_inside_only"));
    h.add(std::int64_t(s.facility_types.size()));
    for (auto& t : s.facility_types) h.add(t.key).add(t.label).add(t.default_radius_m).add(std::int64_t(t.colour));
    h.add(std::int64_t(s.opd.size()));
    for (auto& o : s.opd) h.add(o);
    h.add(std::int64_t(p.kabupaten.size()));
    for (auto& u : p.kabupaten) add_unit(h, u);
    // A kecamatan with desa is their dissolve: its own geometry is not an input (nor is it hashed,
    // a third of the hashing). Only a kecamatan without desa is analysed as its own outline.
    std::unordered_set<std::string_view> with_desa;
    for (auto& d : p.desa) with_desa.insert(d.parent_code);
    h.add(std::int64_t(p.kecamatan.size()));
    for (auto& u : p.kecamatan) {
        const bool lone = !with_desa.contains(u.code);
        add_unit(h, u, lone);
        if (!lone) h.add(std::string("geometry not used"));
    }
    h.add(std::int64_t(p.desa.size()));
    for (auto& u : p.desa) add_unit(h, u);
    h.add(std::int64_t(p.facilities.size()));
    for (auto& f : p.facilities) {
        h.add(f.id).add(f.type).add(f.name);
        add_opt(h, f.radius_m);
        h.add(f.geometry);
    }
    h.add(std::int64_t(p.zones.size()));
    for (auto& z : p.zones) h.add(z.id).add(z.code).add(z.name).add(z.kind).add(z.geometry);
    h.add(std::int64_t(p.initiatives.size()));
    for (auto& i : p.initiatives) {
        h.add(i.id).add(i.name).add(i.description).add(std::string(to_key(i.pillar)))
            .add(std::string(to_key(i.element))).add(i.opd).add(std::int64_t(i.start_year))
            .add(std::int64_t(i.end_year)).add(std::int64_t(i.budget_rp)).add(i.funding_source)
            .add(std::string(to_key(i.status))).add(std::int64_t(i.quick_win)).add(i.rpjmd_ref);
        add_opt(h, i.radius_m);
        h.add(i.geometry);
    }
    if (!population_grid_used) {
        h.add(std::string("population grid not used"));
        return h.hex();
    }
    h.add(std::int64_t(p.population_grid.has_value()));
    if (p.population_grid) {
        h.add(p.population_grid->source).add(std::int64_t(p.population_grid->cells.size()));
        for (auto& c : p.population_grid->cells) h.add(c.population).add(c.geometry);
    }
    return h.hex();
}

std::string utc_now_iso8601() {
    std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace pc
