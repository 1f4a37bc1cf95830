// The bounds of the model's numbers (geo/bounds.h).
#include "geo/bounds.h"

#include <cmath>
#include <cstdio>

namespace pc {
namespace {

std::string number_text(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

Where with_field(Where where, const char* field) {
    where.field = field;
    return where;
}

}  // namespace

void check_year(int year, const Where& where) {
    if (year == 0) throw InputError(where, "year 0 is not in the masterplan era");
    year_or_unset(year, where);
}

int year_or_unset(std::int64_t year, const Where& where) {
    if (year == 0) return 0;
    if (year < kFirstYear || year > kLastYear)
        throw InputError(where, "year " + std::to_string(year) + " is not in the masterplan era (" + std::to_string(kFirstYear) +
                                    "-" + std::to_string(kLastYear) + ")");
    return int(year);
}

void check_budget(std::int64_t rupiah, const Where& where) {
    if (rupiah < 0) throw InputError(where, "budget " + std::to_string(rupiah) + " is negative: a budget is 0 or more rupiah");
    if (rupiah >= kBudgetLimitRp)
        throw InputError(where, "budget " + std::to_string(rupiah) + " is too large: budgets are under Rp 10^16 (10 million miliar)");
}

void check_radius(double metres, const Where& where) {
    if (!std::isfinite(metres) || metres < kMinRadiusM || metres > kMaxRadiusM)
        throw InputError(where, "radius " + number_text(metres) + " m is not between 1 m and 100 km");
}

std::string check_population(AdminLevel level, double persons, const Where& where) {
    const bool per_desa = level == AdminLevel::Desa;
    if (!std::isfinite(persons) || persons < 0)
        throw InputError(where, "population " + number_text(persons) + " is not a number of persons (0 or more)");
    const double limit = per_desa ? kDesaPopulationLimit : kAreaPopulationLimit;
    if (persons > limit)
        throw InputError(where, "population " + number_text(persons) + " is more than a " + to_key(level) + " can have (" +
                                    number_text(limit) + ")");
    if (per_desa && persons > kDesaPopulationWarning)
        return (where.describe().empty() ? "" : where.describe() + ": ") + "population " + number_text(persons) +
               " is more than any desa has (over " + number_text(kDesaPopulationWarning) + "): check it";
    return "";
}

void validate_initiative(const Initiative& in, const Where& where) {
    if (in.start_year != 0) check_year(in.start_year, with_field(where, "start_year"));
    if (in.end_year != 0) check_year(in.end_year, with_field(where, "end_year"));
    if (in.start_year != 0 && in.end_year != 0 && in.end_year < in.start_year)
        throw InputError(with_field(where, "end_year"), "end year " + std::to_string(in.end_year) + " is before start year " +
                                                            std::to_string(in.start_year));
    check_budget(in.budget_rp, with_field(where, "budget_rp"));
    if (in.radius_m) check_radius(*in.radius_m, with_field(where, "radius_m"));
}

void validate_facility(const Facility& f, const Where& where) {
    if (f.radius_m) check_radius(*f.radius_m, with_field(where, "radius_m"));
}

std::string validate_admin_unit(const AdminUnit& u, const Where& where) {
    return u.population ? check_population(u.level, *u.population, with_field(where, "population")) : "";
}

}  // namespace pc
