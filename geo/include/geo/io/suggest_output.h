#pragma once
// A site suggestion written for QGIS and spreadsheets: one row per site in the order of the
// cumulative curve (people added, cumulative, cost per person, the desa and kecamatan it stands in
// and the desa it serves), as CSV and as a GeoPackage point layer.
#include <cstdint>
#include <string>
#include <vector>

#include "geo/analysis/suggest.h"

namespace pc {

struct SuggestionFiles {
    std::vector<std::string> files;
};

// Writes DIR/sites.csv, DIR/sites_desa.csv and DIR/sites.gpkg (layers `suggested_sites`, points in
// WGS 84, `suggested_sites_area`, their service areas, and `suggested_sites_desa`, the people each
// site adds per desa). `cost_per_site_rp` 0: no
// cost columns. Throws IoError / GdalError.
SuggestionFiles write_suggestion(const SuggestResult& r, const std::string& dir, std::int64_t cost_per_site_rp);

}  // namespace pc
