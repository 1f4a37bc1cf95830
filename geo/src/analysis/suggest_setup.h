#pragma once
// What a site suggestion works on (suggest_setup.cpp): the service and its radius, the area asked
// about, the uncovered demand and the candidate sites with their discs.
#include <memory>
#include <string>
#include <vector>

#include "engine_state.h"
#include "geo/analysis/suggest.h"
#include "suggest_demand.h"

namespace pc::analysis::suggest {

struct Setup {
    const State* st = nullptr;
    std::unique_ptr<Lease<GeosContext>> ctx;
    std::string service, service_label, within_label;
    double radius = 0;
    std::vector<std::size_t> desa;  // the desa of the area
    double population = 0;           // people of the area
    std::unique_ptr<Demand> demand;  // uncovered by the existing sites
    std::vector<SiteCandidate> candidates;
    std::vector<planar::Pt> centres;  // local
    std::vector<Disc> discs;
    GeosContext& c() const { return **ctx; }
};

Setup build_setup(const State& st, const Project& project, const SuggestOptions& options, const WorkControl& control);

}  // namespace pc::analysis::suggest
