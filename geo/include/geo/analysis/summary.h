#pragma once
// Pieces of the analysis that need no geometry engine: initiative statistics from per-initiative
// facts, provenance (parameters, input hash, time). Used by CoverageEngine::run and usable alone.
#include <string>
#include <vector>

#include "geo/analysis/engine.h"
#include "geo/analysis/results.h"
#include "geo/model.h"

namespace pc {

// Counts and budgets of the project's initiatives. `reach` holds one entry per initiative in
// project order (kecamatan, zones, population within radius), as the engine computed them.
InitiativeStats summarise_initiatives(const Project& project, std::vector<InitiativeReach> reach);

// "quadrant_segments=8;top_gaps=10;use_population_grid=1"
std::string analysis_parameters(const AnalysisOptions& options);

// SHA-256 over the settings and every desa, kecamatan, kabupaten, facility, zone, initiative and
// population cell (ids, codes, populations, radii, geometries) in project order: the inputs an
// analysis used. Without `population_grid_used` (desa population spread by area: the grid, if any,
// plays no part) the grid's cells are left out and only that fact is hashed.
std::string inputs_sha256(const Project& project, bool population_grid_used = true);

// Now, UTC, ISO 8601 ("2026-11-23T09:30:00Z").
std::string utc_now_iso8601();

}  // namespace pc
