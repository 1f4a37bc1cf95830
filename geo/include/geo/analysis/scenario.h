#pragma once
// Baseline against plan. Baseline = the existing facilities of one service (a facility type);
// plan = the baseline plus the initiatives a ScenarioFilter selects that have a service radius,
// counted as if they were facilities of that service. Per desa, kecamatan and district: covered
// population and area in both, and which gaps the plan closes. Computed with the coverage engine's
// public API (one engine, the plan's features applied to it incrementally).
#include <cstdint>
#include <string>
#include <vector>

#include "geo/analysis/engine.h"
#include "geo/model.h"

namespace pc {

// True when the initiative passes the filter (years, statuses, pillars; see ScenarioFilter).
bool in_plan(const Initiative& initiative, const ScenarioFilter& filter);

// The plan's initiatives as service features of `service` (ids are the initiatives' ids).
std::vector<ServiceFeature> plan_features(const Project& project, const ScenarioFilter& filter, const std::string& service);

// The baseline project plus the plan's initiatives as facilities of `service` (radius kept): what
// a map of the plan draws, and an independent way to compute the plan's figures.
Project plan_project(const Project& project, const ScenarioFilter& filter, const std::string& service);

struct ScenarioUnit {
    std::string code;
    std::string name;
    std::string parent_code;
    double population = 0;
    double area_km2 = 0;
    double baseline_covered_population = 0;
    double plan_covered_population = 0;
    double baseline_covered_km2 = 0;
    double plan_covered_km2 = 0;
    double baseline_uncovered_population() const { return population - baseline_covered_population; }
    double plan_uncovered_population() const { return population - plan_covered_population; }
    double covered_population_change() const { return plan_covered_population - baseline_covered_population; }
    double covered_km2_change() const { return plan_covered_km2 - baseline_covered_km2; }
    bool gap_closed = false;        // see ScenarioComparison::gap_closed_drop_pct
    std::size_t desa_gaps_closed = 0;  // kecamatan and district: desa inside whose gap the plan closes
};

struct ScenarioComparison {
    std::string service;
    double gap_closed_drop_pct = 50;
    std::size_t initiatives_in_plan = 0;      // pass the filter and have a radius
    std::size_t initiatives_without_radius = 0;  // pass the filter but serve no area
    std::int64_t plan_budget_rp = 0;          // of the initiatives in the plan
    std::vector<ScenarioUnit> desa;           // in the engine's order
    std::vector<ScenarioUnit> kecamatan;
    ScenarioUnit district;
};

// A unit's gap counts as closed when it had uncovered people (more than half a person) and the plan
// leaves at most half a person uncovered, or cuts the uncovered population by at least `drop_pct`
// percent.
bool gap_closed(double baseline_uncovered, double plan_uncovered, double drop_pct);

// Sets gap_closed and desa_gaps_closed again for another threshold (no geometry work).
void classify_gaps(ScenarioComparison& comparison, double drop_pct);

// Baseline against plan for `service` (a facility type key). Builds one engine from `project`.
ScenarioComparison compare_scenarios(const Project& project, const ScenarioFilter& filter, const std::string& service,
                                     double gap_closed_drop_pct = 50, const AnalysisOptions& options = {});

// One pillar's part of the plan, for the pillar dashboard.
struct PillarContribution {
    Pillar pillar{};
    std::size_t initiatives = 0;
    std::int64_t budget_rp = 0;
    std::vector<std::string> opd;        // distinct, sorted
    std::size_t with_radius = 0;
    double newly_covered_population = 0; // district population the pillar's initiatives alone add to the baseline
    double newly_covered_km2 = 0;
};

// For each of the six pillars (kPillars order), the initiatives passing `filter` (its pillar list is
// ignored): counts, budgets, OPDs, and the population they newly cover beyond the baseline of
// `service` ("" = beyond nothing: everyone within their radii).
std::vector<PillarContribution> pillar_contributions(const Project& project, const ScenarioFilter& filter,
                                                     const std::string& service, const AnalysisOptions& options = {});

}  // namespace pc
