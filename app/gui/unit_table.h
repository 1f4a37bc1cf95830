#pragma once
// Rows of the per-desa and per-kecamatan tables of the metrics panel: which columns there are and how
// rows sort. Pure (no ImGui), tested without a window.
#include <string>
#include <vector>

#include "geo/analysis/results.h"

namespace pc::gui {

enum class UnitColumn { Name, Population, CoveragePopulation, CoverageArea, Uncovered, Distance, Count };
inline constexpr int kUnitColumns = int(UnitColumn::Count);
const char* unit_column_name(UnitColumn c);  // English key for tr()

// Indices into `units` in the order of column `c`; ties keep the units' order (stable). Missing
// distances (NaN: the service has no facility) sort last in both directions; names compare as bytes.
std::vector<std::size_t> sorted_rows(const std::vector<UnitMetrics>& units, UnitColumn c, bool ascending);

}  // namespace pc::gui
