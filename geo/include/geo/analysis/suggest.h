#pragma once
// Site suggestion: where N more sites of a service cover the most people not covered yet.
//
// Maximal covering location on the coverage engine's own population pieces (population-grid cells
// cut by desa, or whole desa of uniform density): demand = the pieces minus the service area of the
// existing counted features (kept), restricted to the district, a zone or a kecamatan. A candidate
// site serves the same disc the analysis builds for a point feature (planar::disc_buffer), so the
// people a set of sites adds is exactly what `analyze` finds after placing them. Greedy with lazy
// re-evaluation (CELF: stale gains are upper bounds, the coverage function being submodular), then
// single swaps (a chosen site replaced by any candidate) until none gains more than a rounding, and
// pair moves (two sites near each other replaced by the best pair found greedily from the best
// candidates near them) until neither helps.
#include <cstddef>
#include <string>
#include <vector>

#include "geo/analysis/engine.h"
#include "geo/geometry.h"
#include "geo/model.h"

namespace pc {

enum class CandidateSource { DesaCentres, Grid, Given };

struct SiteCandidate {
    Coord lonlat;
    std::string label;  // desa code, grid cell or the given feature's name
};

struct SuggestOptions {
    std::string service;            // facility type key ("bts", "puskesmas", ...)
    std::size_t count = 1;          // sites to choose
    double radius_m = 0;            // 0: the type's default radius
    std::string within;             // "" district; else a zone (code or name) or a kecamatan (code or name)
    CandidateSource source = CandidateSource::DesaCentres;
    double grid_spacing_m = 500;    // CandidateSource::Grid
    std::vector<SiteCandidate> given;  // CandidateSource::Given (lon/lat)
    bool swaps = true;              // improve the greedy choice by single swaps
    std::size_t max_swap_passes = 20;
    std::size_t pair_candidates = 12;  // pair moves: the best candidates tried first near two sites taken back
    // Work limit of the swaps, in exact gain evaluations (0: 20 per candidate, at least 200,000):
    // where discs are large against the candidates' spacing, every site is near every other.
    std::size_t max_swap_evaluations = 0;
};

// A desa a site serves, with the people it newly covers there.
struct ServedDesa {
    std::string code, name, kecamatan_code, kecamatan_name;
    double people = 0;
};

struct SuggestedSite {
    std::size_t candidate = 0;      // index into SuggestResult::candidates
    Coord lonlat;
    std::string label;
    std::string desa_code, desa_name, kecamatan_code, kecamatan_name;  // where it stands ("" outside every desa)
    double people_added = 0;        // newly covered, given the sites before it in this order
    double cumulative = 0;          // people added by this site and those before it
    std::vector<ServedDesa> serves; // desa it newly covers people in, most first
    Geometry service_area;          // its disc, lon/lat
};

struct SuggestResult {
    std::string service, service_label, within_label;
    double radius_m = 0;
    int quadrant_segments = 8;
    std::string analysis_crs;
    std::vector<SiteCandidate> candidates;
    double population = 0;          // people in the area
    double uncovered_before = 0;    // people in the area the existing sites do not cover
    double greedy_people = 0;       // people the greedy choice adds (before swaps)
    double people_added = 0;        // people the chosen sites add
    std::size_t swaps = 0;          // swaps made
    bool swaps_complete = true;     // false: stopped at the work limit with a swap perhaps left
    std::size_t evaluations = 0;    // exact gain evaluations
    // In the order of the cumulative curve: each site adds the most it can given the ones before.
    std::vector<SuggestedSite> sites;
};

// The number of sites a budget buys (floor(budget / cost)); UsageError-free: throws InputError.
std::size_t sites_for_budget(std::int64_t budget_rp, std::int64_t cost_per_site_rp);

// The sites that newly cover the most people. `project` is the one the engine was built from.
SuggestResult suggest_sites(const CoverageEngine& engine, const Project& project, const SuggestOptions& options,
                            const WorkControl& control = {});

// The demand and the candidates of a suggestion, for an independent check (the exactness test's
// integer program): pieces of uniform density in the engine's local metres, candidate centres there.
struct SuggestProblem {
    struct Piece {
        Geometry local;       // polygon, local metres (analysis CRS minus the engine's origin)
        double density = 0;   // persons per m²
    };
    std::vector<Piece> demand;
    std::vector<Coord> centres;  // local metres, one per candidate
    double radius_m = 0;
    int quadrant_segments = 8;
    std::vector<SiteCandidate> candidates;
};
SuggestProblem suggest_problem(const CoverageEngine& engine, const Project& project, const SuggestOptions& options);

// People the candidate set `chosen` newly covers (exact, by the suggestion's own evaluation).
double suggest_value(const CoverageEngine& engine, const Project& project, const SuggestOptions& options,
                     const std::vector<std::size_t>& chosen);

}  // namespace pc
