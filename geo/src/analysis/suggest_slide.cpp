// A suggestion slide's parameters as options, and the knee of the cumulative curve (suggest.h).
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "geo/analysis/suggest.h"
#include "geo/error.h"

namespace pc {

SuggestOptions suggest_options(const ViewSuggestion& slide, const Project& project) {
    SuggestOptions o;
    o.service = slide.service;
    if (o.service.empty() && !project.settings.facility_types.empty()) o.service = project.settings.facility_types.front().key;
    o.count = slide.budget_rp > 0 ? sites_for_budget(slide.budget_rp, slide.cost_per_site_rp)
                                  : std::size_t(std::max(0, slide.count));
    if (o.count == 0) throw InputError({"", "views", "", "suggestion"}, "the budget or count buys no site");
    o.radius_m = slide.radius_m;
    o.within = slide.within;
    if (slide.candidates == "desa") {
        o.source = CandidateSource::DesaCentres;
    } else if (slide.candidates.rfind("grid:", 0) == 0 && std::atof(slide.candidates.c_str() + 5) > 0) {
        o.source = CandidateSource::Grid;
        o.grid_spacing_m = std::atof(slide.candidates.c_str() + 5);
    } else {
        throw InputError({"", "views", "", "suggestion"},
                         "candidates must be 'desa' or 'grid:M' (M metres), not '" + slide.candidates + "'");
    }
    return o;
}

std::size_t suggestion_knee(const std::vector<double>& cumulative) {
    const std::size_t n = cumulative.size();
    if (n == 0) return 0;
    // Distance above the chord, up to the chord's constant length: cn·k − n·ck (negated: above).
    const double cn = cumulative.back();
    std::size_t best = 1;
    double best_d = -1e300;
    for (std::size_t k = 1; k <= n; ++k) {
        const double d = double(n) * cumulative[k - 1] - cn * double(k);
        if (d > best_d + 1e-9 * std::max(1.0, std::abs(cn) * double(n))) {
            best_d = d;
            best = k;
        }
    }
    return best;
}

}  // namespace pc
