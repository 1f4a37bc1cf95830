#include "unit_table.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace pc::gui {

const char* unit_column_name(UnitColumn c) {
    switch (c) {
        case UnitColumn::Name: return "Name";
        case UnitColumn::Population: return "Population";
        case UnitColumn::CoveragePopulation: return "Coverage of population";
        case UnitColumn::CoverageArea: return "Coverage of area";
        case UnitColumn::Uncovered: return "Uncovered";
        case UnitColumn::Distance: return "Distance to nearest facility";
        case UnitColumn::Count: break;
    }
    return "";
}

std::vector<std::size_t> sorted_rows(const std::vector<UnitMetrics>& units, UnitColumn c, bool ascending) {
    std::vector<std::size_t> rows(units.size());
    std::iota(rows.begin(), rows.end(), std::size_t(0));
    auto value = [&](const UnitMetrics& u) -> double {
        switch (c) {
            case UnitColumn::Population: return u.population;
            case UnitColumn::CoveragePopulation: return u.coverage_ratio_population;
            case UnitColumn::CoverageArea: return u.coverage_ratio_area;
            case UnitColumn::Uncovered: return u.uncovered_population;
            case UnitColumn::Distance: return u.nearest_facility_m;
            default: return 0;
        }
    };
    if (c == UnitColumn::Name) {
        std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
            return ascending ? units[a].name < units[b].name : units[b].name < units[a].name;
        });
        return rows;
    }
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
        const double va = value(units[a]), vb = value(units[b]);
        if (std::isnan(va) || std::isnan(vb)) return !std::isnan(va) && std::isnan(vb);
        return ascending ? va < vb : vb < va;
    });
    return rows;
}

}  // namespace pc::gui
