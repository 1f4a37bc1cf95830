#pragma once
// A site suggestion for the masterplan: the cumulative curve (people covered against the number of
// sites: where adding more stops paying) and the map of the sites with their service areas, as SVG,
// with the table of sites and a statement of the method. A section to embed, or a whole page.
#include <cstdint>
#include <string>

#include "geo/analysis/suggest.h"
#include "geo/model.h"
#include "geo/report/html.h"

namespace pc {

// The curve: bars of the people each site adds, the cumulative line, axes and labels.
std::string suggestion_curve_svg(const SuggestResult& r, ReportLanguage language, int width = 720, int height = 320);
// The map: the desa (outlines), the sites' service areas and numbered markers, lon/lat scaled by
// cos(latitude) (a district is small enough for that to keep shapes).
std::string suggestion_map_svg(const SuggestResult& r, const Project& project, int width = 720, int height = 560);
// <section> with heading, summary, curve, map and the table of sites.
std::string suggestion_section_html(const SuggestResult& r, const Project& project, ReportLanguage language,
                                    std::int64_t cost_per_site_rp);
// A self-contained page with that section (written beside and renamed into place). Throws IoError.
void write_suggestion_html(const SuggestResult& r, const Project& project, ReportLanguage language,
                           std::int64_t cost_per_site_rp, const std::string& path);

}  // namespace pc
