// Initiative statistics on hostile numbers: years that once wrapped the year count to 0 (SIGFPE) or
// never ended the loop, and budgets whose totals overflowed to a negative district total.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

#include "geo/analysis/summary.h"
#include "geo/bounds.h"
#include "geo/error.h"

using namespace pc;

namespace {

Initiative initiative(const std::string& name, int start, int end, std::int64_t budget) {
    Initiative in;
    in.id = new_uuid();
    in.name = name;
    in.start_year = start;
    in.end_year = end;
    in.budget_rp = budget;
    return in;
}

}  // namespace

TEST_CASE("initiative statistics: a budget spread over its years, remainder in the first", "[analysis][initiatives][numbers]") {
    Project p;
    p.initiatives = {initiative("A", 2025, 2027, 100), initiative("B", 2026, 0, 7)};
    const InitiativeStats s = summarise_initiatives(p, {});
    CHECK(s.count == 2);
    CHECK(s.budget_rp == 107);
    REQUIRE(s.by_year.size() == 3);
    // 100 over 3 years: 33 each, the 1 left over in 2025; B (no end year) counts in 2026 only.
    CHECK(s.by_year[0].key == "2025");
    CHECK(s.by_year[0].budget_rp == 34);
    CHECK(s.by_year[1].budget_rp == 33 + 7);
    CHECK(s.by_year[1].count == 2);
    CHECK(s.by_year[2].budget_rp == 33);
}

TEST_CASE("initiative statistics refuse extreme years instead of dividing by 0 or looping", "[analysis][initiatives][numbers]") {
    const int lo = std::numeric_limits<int>::min(), hi = std::numeric_limits<int>::max();
    for (auto [start, end] : {std::pair{lo, hi}, std::pair{2025, hi}, std::pair{2025, 99999}, std::pair{-5, 2025}}) {
        INFO(start << ".." << end);
        Project p;
        p.initiatives = {initiative("Tahun ekstrem", start, end, 1'000'000)};
        try {
            summarise_initiatives(p, {});
            FAIL("years " << start << ".." << end << " were accepted");
        } catch (const InputError& e) {
            CHECK(e.where().feature == "Tahun ekstrem");
            CHECK((e.where().field == "start_year" || e.where().field == "end_year"));
        }
    }
}

TEST_CASE("initiative statistics refuse budget totals that do not fit rather than wrap", "[analysis][initiatives][numbers]") {
    Project p;
    for (int i = 0; i < 1000; ++i) p.initiatives.push_back(initiative("Besar " + std::to_string(i), 2025, 2025, kBudgetLimitRp - 1));
    CHECK_THROWS_AS(summarise_initiatives(p, {}), InputError);
    p.initiatives.resize(900);  // 9 * 10^18: fits
    const InitiativeStats s = summarise_initiatives(p, {});
    CHECK(s.budget_rp == 900 * (kBudgetLimitRp - 1));
    CHECK(s.by_year.at(0).budget_rp == s.budget_rp);
}
