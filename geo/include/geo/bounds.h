#pragma once
// The bounds every number of the model is held to, wherever it enters: import, the document's
// commands, the project loader. A value outside is refused with an InputError naming where it came
// from; none is clamped or replaced by a default.
#include <cstdint>
#include <string>

#include "geo/error.h"
#include "geo/model.h"

namespace pc {

inline constexpr int kFirstYear = 1945;  // the masterplan era: from independence ...
inline constexpr int kLastYear = 2100;   // ... to the end of any plan
inline constexpr std::int64_t kBudgetLimitRp = 10'000'000'000'000'000;  // budgets are < 10^16 rupiah
inline constexpr double kDesaPopulationWarning = 200'000;   // more than any desa has: a warning
inline constexpr double kDesaPopulationLimit = 10'000'000;  // a typo or a unit mix-up: refused
inline constexpr double kAreaPopulationLimit = 300'000'000; // a kecamatan or kabupaten: more than Indonesia
inline constexpr double kMinRadiusM = 1;
inline constexpr double kMaxRadiusM = 100'000;

void check_year(int year, const Where& where);                // kFirstYear..kLastYear
// A year column of a file (64 bits wide): 0 (not set) or a year of the era, checked before it is
// narrowed to int (4294969321 must be refused, not wrap to 2025).
int year_or_unset(std::int64_t year, const Where& where);
void check_budget(std::int64_t rupiah, const Where& where);   // 0 <= b < kBudgetLimitRp
void check_radius(double metres, const Where& where);         // kMinRadiusM..kMaxRadiusM, finite
// Finite, >= 0, at most the level's limit (a desa and a population grid cell: kDesaPopulationLimit).
// Returns a warning ("" when none) for a desa above kDesaPopulationWarning.
std::string check_population(AdminLevel level, double persons, const Where& where);

// An initiative's numbers: years 0 (not set) or kFirstYear..kLastYear with end >= start, budget,
// radius (none, or kMinRadiusM..kMaxRadiusM). Fields named as in the project file (start_year ...);
// `where` names the file, layer and feature.
void validate_initiative(const Initiative& initiative, const Where& where);
// A facility's own radius (none, or within the bounds).
void validate_facility(const Facility& facility, const Where& where);
// A unit's population (none, or as check_population; the warning is returned).
std::string validate_admin_unit(const AdminUnit& unit, const Where& where);

}  // namespace pc
