#include "geo/analysis/scenario.h"

#include <algorithm>
#include <map>
#include <set>

namespace pc {
namespace {

template <class T>
bool accepts(const std::vector<T>& list, T value) {
    return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

// A service key no project uses: the baseline of a contribution "beyond nothing".
constexpr const char* kNothing = "__scenario_plan_only__";

// Units of both runs side by side (same engine: same units in the same order).
std::vector<ScenarioUnit> pair_units(const std::vector<UnitMetrics>& base, const std::vector<UnitMetrics>& plan) {
    std::vector<ScenarioUnit> out;
    out.reserve(base.size());
    for (std::size_t i = 0; i < base.size(); ++i) {
        const UnitMetrics& b = base[i];
        const UnitMetrics* p = i < plan.size() && plan[i].code == b.code ? &plan[i] : nullptr;
        if (!p)
            for (const auto& m : plan)
                if (m.code == b.code) p = &m;
        ScenarioUnit u;
        u.code = b.code;
        u.name = b.name;
        u.parent_code = b.parent_code;
        u.population = b.population;
        u.area_km2 = b.area_km2;
        u.baseline_covered_population = b.covered_population;
        u.baseline_covered_km2 = b.covered_km2;
        u.plan_covered_population = p ? p->covered_population : b.covered_population;
        u.plan_covered_km2 = p ? p->covered_km2 : b.covered_km2;
        out.push_back(std::move(u));
    }
    return out;
}

}  // namespace

bool in_plan(const Initiative& i, const ScenarioFilter& f) {
    if (!accepts(f.statuses, i.status) || !accepts(f.pillars, i.pillar)) return false;
    if (f.years.empty()) return true;
    const int from = std::min(i.start_year, i.end_year ? i.end_year : i.start_year);
    const int to = std::max(i.start_year, i.end_year);
    for (int y : f.years)
        if (from > 0 && y >= from && y <= to) return true;
    return false;
}

std::vector<ServiceFeature> plan_features(const Project& p, const ScenarioFilter& f, const std::string& service) {
    std::vector<ServiceFeature> out;
    for (const auto& i : p.initiatives)
        if (in_plan(i, f) && i.radius_m && *i.radius_m > 0 && !i.geometry.empty())
            out.push_back(ServiceFeature{service, i.id, i.geometry, *i.radius_m});
    return out;
}

Project plan_project(const Project& project, const ScenarioFilter& f, const std::string& service) {
    Project p = project;
    for (const auto& i : project.initiatives) {
        if (!in_plan(i, f) || !i.radius_m || *i.radius_m <= 0 || i.geometry.empty()) continue;
        Facility fac;
        fac.id = i.id;
        fac.type = service;
        fac.name = i.name;
        fac.radius_m = i.radius_m;
        fac.geometry = i.geometry;
        p.facilities.push_back(std::move(fac));
    }
    return p;
}

bool gap_closed(double baseline_uncovered, double plan_uncovered, double drop_pct) {
    if (baseline_uncovered <= 0.5) return false;
    if (plan_uncovered <= 0.5) return true;
    return (baseline_uncovered - plan_uncovered) >= baseline_uncovered * drop_pct / 100.0;
}

void classify_gaps(ScenarioComparison& c, double drop_pct) {
    c.gap_closed_drop_pct = drop_pct;
    std::map<std::string, std::size_t> closed_in;
    c.district.desa_gaps_closed = 0;
    for (auto& d : c.desa) {
        d.gap_closed = gap_closed(d.baseline_uncovered_population(), d.plan_uncovered_population(), drop_pct);
        if (d.gap_closed) {
            ++closed_in[d.parent_code];
            ++c.district.desa_gaps_closed;
        }
    }
    for (auto& k : c.kecamatan) {
        k.gap_closed = gap_closed(k.baseline_uncovered_population(), k.plan_uncovered_population(), drop_pct);
        k.desa_gaps_closed = closed_in[k.code];
    }
    c.district.gap_closed = gap_closed(c.district.baseline_uncovered_population(), c.district.plan_uncovered_population(), drop_pct);
}

ScenarioComparison compare_scenarios(const Project& project, const ScenarioFilter& filter, const std::string& service,
                                     double drop_pct, const AnalysisOptions& options) {
    ScenarioComparison out;
    out.service = service;
    out.gap_closed_drop_pct = drop_pct;
    for (const auto& i : project.initiatives)
        if (in_plan(i, filter)) {
            if (i.radius_m && *i.radius_m > 0 && !i.geometry.empty()) {
                ++out.initiatives_in_plan;
                out.plan_budget_rp += i.budget_rp;
            } else {
                ++out.initiatives_without_radius;
            }
        }
    AnalysisOptions o = options;
    o.keep_gap_geometry = false;  // figures only
    CoverageEngine engine(project, o);
    const ServiceCoverage base = engine.service(service);
    for (auto& sf : plan_features(project, filter, service)) engine.apply(FeatureChange{std::nullopt, std::move(sf)});
    const ServiceCoverage plan = engine.service(service);

    out.desa = pair_units(base.desa, plan.desa);
    out.kecamatan = pair_units(base.kecamatan, plan.kecamatan);
    out.district = pair_units({base.district}, {plan.district}).front();
    classify_gaps(out, drop_pct);
    return out;
}

std::vector<PillarContribution> pillar_contributions(const Project& project, const ScenarioFilter& filter,
                                                     const std::string& service, const AnalysisOptions& options) {
    ScenarioFilter f = filter;
    f.pillars.clear();
    const std::string key = service.empty() ? std::string(kNothing) : service;
    std::vector<PillarContribution> out;
    std::vector<std::vector<ServiceFeature>> features(std::size(kPillars));
    bool any_radius = false;
    for (Pillar pl : kPillars) {
        PillarContribution c;
        c.pillar = pl;
        std::set<std::string> opd;
        for (const auto& i : project.initiatives) {
            if (i.pillar != pl || !in_plan(i, f)) continue;
            ++c.initiatives;
            c.budget_rp += i.budget_rp;
            if (!i.opd.empty()) opd.insert(i.opd);
            if (i.radius_m && *i.radius_m > 0 && !i.geometry.empty()) {
                ++c.with_radius;
                features[std::size_t(pl)].push_back(ServiceFeature{key, i.id, i.geometry, *i.radius_m});
                any_radius = true;
            }
        }
        c.opd.assign(opd.begin(), opd.end());
        out.push_back(std::move(c));
    }
    if (!any_radius) return out;
    AnalysisOptions o = options;
    o.keep_gap_geometry = false;
    CoverageEngine engine(project, o);
    // Each pillar alone on top of the baseline: apply its features, sum what they add, take them back.
    for (Pillar pl : kPillars) {
        auto& fs = features[std::size_t(pl)];
        auto& c = out[std::size_t(pl)];
        for (const auto& sf : fs) {
            auto r = engine.apply(FeatureChange{std::nullopt, sf});
            c.newly_covered_population += r.district.covered_population_delta;
            c.newly_covered_km2 += r.district.covered_km2_delta;
        }
        for (auto it = fs.rbegin(); it != fs.rend(); ++it) engine.apply(FeatureChange{*it, std::nullopt});
    }
    return out;
}

}  // namespace pc
