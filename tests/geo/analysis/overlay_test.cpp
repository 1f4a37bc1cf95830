// The overlay's gap pieces (geo/src/analysis/overlay.h): what a unit or a group that R leaves alone
// hands back, checked against areas computed by hand.
#include <catch2/catch.hpp>

#include "analysis/boundary_pass.h"
#include "analysis/overlay.h"
#include "planar_test_util.h"

using namespace pc::planar;
using pc::test::square;

namespace {

// Twice the area the pieces enclose (shells minus holes).
double enclosed2(const std::vector<Seg>& pieces) {
    const LoopAreas l = loop_areas(pieces);
    CHECK(l.open_chains == 0);
    return l.ccw2 + l.cw2;
}

}  // namespace

TEST_CASE("overlay: units and groups that R leaves alone, their gap pieces", "[analysis][planar]") {
    // R: the triangle x >= -1, y >= -1, x + y <= 3. Unit squares, three groups:
    //   group 0: u0 (0,0)-(1,1) wholly inside R; u1 (2,2)-(3,3) outside R, within R's box, no edge of R near
    //   group 1: u2 (10,0)-(11,1) and u3 (11,0)-(12,1), far from R, sharing an edge
    //   group 2: u4 (1,1)-(2,2), cut by x + y = 3 (its lower-left half, 0.5, is in R)
    const std::vector<Poly> desa{square(0, 0, 1, 1), square(2, 2, 3, 3), square(10, 0, 11, 1), square(11, 0, 12, 1),
                                 square(1, 1, 2, 2)};
    const BoundaryPass bp = boundary_pass(desa, {0, 0, 1, 1, 2}, 3);
    Poly r;
    r.add_ring({{-1, -1}, {4, -1}, {-1, 4}}, false);
    r.finish();

    for (const bool unmet : {true, false}) {
        INFO("unmet_unit_gaps " << unmet);
        OverlayOptions o;
        o.pieces = true;
        o.unmet_unit_gaps = unmet;
        const Overlay ov = overlay(bp.units, r, o);
        CHECK(double(ov.unit[0] / 2) == Approx(1));
        CHECK(double(ov.unit[4] / 2) == Approx(0.5));
        CHECK(double(ov.whole / 2) == Approx(1.5));
        CHECK(ov.unit_met == std::vector<std::uint8_t>{1, 0, 0, 0, 1});
        // u1 lies within R's box but outside R: its own edges when asked for, else nothing.
        CHECK(ov.unit_gap[1].size() == (unmet ? 4u : 0u));
        if (unmet) CHECK(enclosed2(ov.unit_gap[1]) == Approx(2));
        CHECK(ov.unit_gap[2].empty());  // beyond R's box: never gathered
        CHECK(enclosed2(ov.unit_gap[4]) == Approx(2 * 0.5));
        // Group 1 is left alone: its gap is its own outline, not gathered; the others are gathered.
        CHECK(ov.group_own == std::vector<std::uint8_t>{0, 1, 0});
        CHECK(ov.group_gap[1].empty());
        CHECK(enclosed2(ov.group_gap[0]) == Approx(2 * 1));    // u1 whole, u0 covered
        CHECK(enclosed2(ov.group_gap[2]) == Approx(2 * 0.5));  // u4's upper half
        // The district's gap still holds every unit R leaves alone: 5 - 1.5.
        CHECK(enclosed2(ov.whole_gap) == Approx(2 * 3.5));
        CHECK(enclosed2(ov.whole_covered) == Approx(2 * 1.5));
    }

    SECTION("a square R reaching only group 0: groups 1 and 2 are left alone") {
        // R2: the square (-1,-1)-(2,0.5) covers the lower half of u0 and nothing else.
        Poly r2 = square(-1, -1, 2, 0.5);
        OverlayOptions o;
        o.pieces = true;
        const Overlay ov = overlay(bp.units, r2, o);
        CHECK(double(ov.whole / 2) == Approx(0.5));
        CHECK(ov.group_own == std::vector<std::uint8_t>{0, 1, 1});
        CHECK(ov.group_gap[1].empty());
        CHECK(ov.group_gap[2].empty());
        CHECK(enclosed2(ov.group_gap[0]) == Approx(2 * 1.5));
        CHECK(enclosed2(ov.whole_gap) == Approx(2 * 4.5));
    }
}
