#pragma once
// The coverage engine. Built once from a project (projects to the analysis CRS, repairs geometry,
// indexes units, cuts population cells by desa), then answers the full analysis and what-if edits.
// Keeps its own incremental state: apply() an edit and run() equals a fresh engine on the edited project.
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/analysis/results.h"
#include "geo/error.h"
#include "geo/model.h"

namespace pc {

namespace analysis {
struct State;
}

struct AnalysisOptions {
    std::string analysis_crs;        // overrides the project's setting; "" = project's, else auto UTM
    int quadrant_segments = 8;       // buffer segments per quarter circle (GEOS and PostGIS default)
    bool use_population_grid = true; // use the project's population grid when it has one
    std::size_t top_gaps = 10;
    bool keep_gap_geometry = true;   // fill UnitMetrics::gap and ServiceCoverage::service_area (off for speed)
    // Count only the features that stand inside the district. By default every feature whose service
    // area reaches the district counts, wherever it stands (what people actually get).
    bool inside_only = false;
};

// Progress and cancellation of long work (building an engine, a full run). Both optional.
struct WorkControl {
    // Called with the share done (0..1) and the current step's name, from the calling thread or a
    // worker: it must be thread-safe and quick.
    std::function<void(double fraction, const char* step)> progress;
    // When it becomes true, the work stops at its next check and throws pc::Cancelled.
    const std::atomic<bool>* cancel = nullptr;

    void report(double fraction, const char* step) const {
        if (progress) progress(fraction, step);
    }
    void check() const {
        if (cancel && cancel->load(std::memory_order_relaxed)) throw Cancelled();
    }
};

// A feature that serves an area: a facility, or an initiative with a radius.
struct ServiceFeature {
    std::string service;  // facility type key (a facility's, or what an initiative provides), or "initiatives"
    Uuid id;
    Geometry geometry;    // lon/lat
    double radius_m = 0;
};
std::optional<ServiceFeature> service_feature(const Project& p, const Facility& f);
// nullopt without a radius; the service is the one the initiative provides, else "initiatives".
std::optional<ServiceFeature> service_feature(const Initiative& i);

// One edit seen by the engine: add (before empty), move/change (both), remove (after empty).
struct FeatureChange {
    std::optional<ServiceFeature> before;
    std::optional<ServiceFeature> after;
};

struct UnitDelta {
    std::string code;
    std::string name;
    double covered_km2_delta = 0;
    double covered_population_delta = 0;
};

struct WhatIfResult {
    std::string service;
    std::size_t desa_touched = 0;          // desa whose figures were recomputed
    std::vector<UnitDelta> desa;           // changed desa only
    std::vector<UnitDelta> kecamatan;      // changed kecamatan only
    UnitDelta district;
};

// CPU time (all threads) of one step of the engine's construction (benchmarks print them).
struct PhaseTime {
    std::string name;
    double ms = 0;
};

class CoverageEngine {
public:
    CoverageEngine(const Project& project, AnalysisOptions options = {}, const WorkControl& control = {});
    ~CoverageEngine();
    CoverageEngine(CoverageEngine&&) noexcept;
    CoverageEngine& operator=(CoverageEngine&&) noexcept;

    // The full analysis of the current state, spread over all cores. `project` must be the project
    // the engine was built from with the same edits applied (coverage comes from the engine's own
    // state; initiative attributes, names and settings from `project`).
    AnalysisResult run(const Project& project, const WorkControl& control = {}) const;
    // Persons inside a lon/lat polygon (by the engine's population method), e.g. within a radius.
    double population_within(const Geometry& polygon_lonlat) const;
    // Figures of one service only (cheap: reuses the per-desa state).
    ServiceCoverage service(const std::string& key) const;

    // Change in covered area/population the edit would make; touches only the desa its buffers meet.
    WhatIfResult what_if(const FeatureChange& change) const;
    // Makes the edit part of the engine's state (incrementally). The const members may be called from
    // several threads at once; apply() must not overlap any other call.
    WhatIfResult apply(const FeatureChange& change);

    const std::string& analysis_crs() const;
    PopulationMethod population_method() const;
    const DataQuality& quality() const;
    const std::vector<PhaseTime>& preparation_phases() const;
    // The prepared state, for the engine's own parts outside this class (site suggestion).
    const analysis::State& state() const;

private:
    std::unique_ptr<analysis::State> s_;
};

}  // namespace pc
