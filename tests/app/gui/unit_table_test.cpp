// Sorting of the per-desa / per-kecamatan tables (unit_table.h).
#include <catch2/catch.hpp>

#include <cmath>

#include "unit_table.h"

using namespace pc;
using namespace pc::gui;

namespace {

UnitMetrics unit(const char* name, double pop, double cov_pop, double cov_area, double uncovered, double dist) {
    UnitMetrics u;
    u.name = name;
    u.population = pop;
    u.coverage_ratio_population = cov_pop;
    u.coverage_ratio_area = cov_area;
    u.uncovered_population = uncovered;
    u.nearest_facility_m = dist;
    return u;
}

}  // namespace

TEST_CASE("gui: the unit table sorts by each column, stable, missing distances last", "[gui][table]") {
    std::vector<UnitMetrics> u{unit("Sumberejo", 3000, 0.5, 0.25, 1500, 1200),
                               unit("Andong", 1000, 1.0, 0.75, 0, NAN),
                               unit("Kedung", 2000, 0.5, 0.5, 1000, 300),
                               unit("Bakalan", 4000, 0.0, 0.0, 4000, 5000)};
    using V = std::vector<std::size_t>;
    CHECK(sorted_rows(u, UnitColumn::Name, true) == V{1, 3, 2, 0});
    CHECK(sorted_rows(u, UnitColumn::Name, false) == V{0, 2, 3, 1});
    CHECK(sorted_rows(u, UnitColumn::Population, true) == V{1, 2, 0, 3});
    CHECK(sorted_rows(u, UnitColumn::Uncovered, false) == V{3, 0, 2, 1});
    // Equal coverage (0.5): the earlier unit first, whichever the direction.
    CHECK(sorted_rows(u, UnitColumn::CoveragePopulation, true) == V{3, 0, 2, 1});
    CHECK(sorted_rows(u, UnitColumn::CoveragePopulation, false) == V{1, 0, 2, 3});
    CHECK(sorted_rows(u, UnitColumn::CoverageArea, true) == V{3, 0, 2, 1});
    // No facility (NaN) is last both ways.
    CHECK(sorted_rows(u, UnitColumn::Distance, true) == V{2, 0, 3, 1});
    CHECK(sorted_rows(u, UnitColumn::Distance, false) == V{3, 0, 2, 1});
    CHECK(sorted_rows({}, UnitColumn::Name, true).empty());
}
