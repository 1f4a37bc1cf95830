// area(D ∩ O) from D's boundary pieces (geo/src/analysis/outline_overlap.h): areas computed by hand,
// and the very same value the general overlay gives (a UnitSet of the one unit D against O).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "analysis/boundary_pass.h"
#include "analysis/outline_overlap.h"
#include "analysis/overlay.h"
#include "planar_test_util.h"

using namespace pc::planar;
using pc::test::square;

namespace {

// The district's boundary pieces of unit squares at the given lower-left corners.
std::vector<Seg> district_of(const std::vector<Pt>& corners) {
    std::vector<Poly> desa;
    for (auto& c : corners) desa.push_back(square(c.x, c.y, c.x + 1, c.y + 1));
    return boundary_pass(desa, std::vector<std::uint32_t>(desa.size(), 0), 1).district_boundary;
}

// The n × n block of unit squares at (x0, y0), less the squares in `missing` (corners).
std::vector<Pt> block(int n, double x0 = 0, double y0 = 0, const std::vector<Pt>& missing = {}) {
    std::vector<Pt> out;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            const Pt c{x0 + i, y0 + j};
            if (std::find(missing.begin(), missing.end(), c) == missing.end()) out.push_back(c);
        }
    return out;
}

Poly polygon(const std::vector<std::vector<Pt>>& rings) {
    Poly p;
    for (std::size_t r = 0; r < rings.size(); ++r) p.add_ring(rings[r], r > 0);
    p.finish();
    return p;
}

// Whether a closed ring is simple: no two edges that do not follow each other meet (touching counts).
bool simple(const std::vector<Pt>& ring) {
    const std::size_t n = ring.size();
    auto orient = [](const Pt& a, const Pt& b, const Pt& c) {
        const double v = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
        return (v > 0) - (v < 0);
    };
    auto on = [](const Pt& a, const Pt& b, const Pt& p) {
        return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y && p.y <= std::max(a.y, b.y);
    };
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            if (j == i + 1 || (i == 0 && j == n - 1)) {
                // Neighbours share one vertex only: not folding back along each other.
                const Pt& a = ring[i];
                const Pt& b = ring[(i + 1) % n];
                const Pt& c = ring[(j + 1) % n];
                if (j == i + 1 && orient(a, b, c) == 0 && (c.x - b.x) * (a.x - b.x) + (c.y - b.y) * (a.y - b.y) > 0) return false;
                if (a == b || b == c) return false;
                continue;
            }
            const Pt &a = ring[i], &b = ring[(i + 1) % n], &c = ring[j], &e = ring[(j + 1) % n];
            const int o1 = orient(a, b, c), o2 = orient(a, b, e), o3 = orient(c, e, a), o4 = orient(c, e, b);
            if (o1 != o2 && o3 != o4) return false;
            if ((o1 == 0 && on(a, b, c)) || (o2 == 0 && on(a, b, e)) || (o3 == 0 && on(c, e, a)) || (o4 == 0 && on(c, e, b)))
                return false;
        }
    return true;
}

// What prepare_quality computed before: the overlay of the one unit D against O.
long double by_overlay(const std::vector<Seg>& d, const Poly& o) {
    UnitSet units;
    units.polys.emplace_back();
    units.polys[0].add_edges(d);
    units.polys[0].finish();
    units.index();
    return overlay(units, o, {}).unit[0];
}

}  // namespace

TEST_CASE("outline overlap: areas by hand, the same value as the overlay", "[analysis][planar]") {
    const std::vector<Seg> d3 = district_of(block(3));  // [0,3]²: 9
    struct Case {
        const char* what;
        std::vector<Seg> d;
        Poly o;
        double area;
    };
    const std::vector<Case> cases{
        {"O over a corner of D", d3, square(1, 1, 4, 4), 4},
        {"O inside D", d3, square(0.5, 0.5, 1.5, 2.5), 2},
        {"D inside O", d3, square(-1, -1, 5, 5), 9},
        {"O apart from D", d3, square(5, 5, 6, 6), 0},
        {"O along D's edges (shared vertices and sides)", d3, square(0, 0, 3, 2), 6},
        {"O touching D from outside along a side", d3, square(3, 0, 4, 3), 0},
        // The hypotenuse x = y runs through D's vertices (1,1) and (2,2): O's pieces start at D's
        // vertices, where D's sector decides their side.
        {"a triangle through D's vertices", d3, polygon({{{0, 0}, {3, 0}, {3, 3}}}), 4.5},
        {"a triangle from outside through D's vertices", d3, polygon({{{-1, -1}, {4, -1}, {4, 4}}}), 4.5},
        // O's vertices on D's sides (not at its vertices): O's edges start on a piece of D.
        {"a diamond with its vertices on D's sides", d3, polygon({{{1.5, 0}, {3, 1.5}, {1.5, 3}, {0, 1.5}}}), 4.5},
        {"a diamond crossing D's sides", d3, polygon({{{1.5, -1}, {4, 1.5}, {1.5, 4}, {-1, 1.5}}}), 9 - 4 * 0.125},
        // O with a hole, D with a hole (the middle desa missing: a gap between desa).
        {"O with a hole", d3, polygon({{{-1, -1}, {4, -1}, {4, 4}, {-1, 4}}, {{1, 1}, {2, 1}, {2, 2}, {1, 2}}}), 8},
        {"D with a hole", district_of(block(3, 0, 0, {{1, 1}})), square(0.5, 0.5, 2.5, 2.5), 4 - 1},
        // Two separate blocks of desa (D of two shells), O across the gap between them.
        {"D of two shells", [] {
             auto a = block(2), b = block(2, 4, 0);
             a.insert(a.end(), b.begin(), b.end());
             return district_of(a);
         }(),
         polygon({{{1, 0.5}, {5, 0.5}, {5, 1.5}, {1, 1.5}}}), 2},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        const long double a2 = intersection_area2(c.d, c.o);
        CHECK(double(a2 / 2) == Approx(c.area).margin(1e-12));
        CHECK(a2 == by_overlay(c.d, c.o));
    }
}

TEST_CASE("outline overlap: the same value as the overlay, on outlines of few long edges", "[analysis][planar]") {
    // A ragged district (a 12 × 12 block with bites out of its edge and a gap inside) against star
    // polygons of a few long edges around its centre, some with vertices on D's lattice points
    // (vertex contacts), some off it (crossings), some shifted by less than the tolerance.
    std::vector<Pt> missing{{0, 0}, {0, 5}, {1, 5}, {11, 11}, {11, 3}, {6, 0}, {5, 5}, {4, 11}};
    const std::vector<Seg> d = district_of(block(12, 0, 0, missing));
    const double tol_shift = 1e-9;
    int n = 0;
    for (int points : {3, 5, 7, 9, 13})
        for (double r_in : {3.0, 5.0, 6.0})
            for (double r_out : {6.0, 7.5, 9.0})
                for (bool lattice : {true, false})
                    for (double shift : {0.0, tol_shift}) {
                        std::vector<Pt> ring;
                        for (int k = 0; k < 2 * points; ++k) {
                            const double angle = M_PI * k / points + 0.1;
                            const double r = k % 2 ? r_in : r_out;
                            Pt p{6 + r * std::cos(angle), 6 + r * std::sin(angle)};
                            if (lattice) p = {std::round(p.x), std::round(p.y)};
                            ring.push_back({p.x + shift, p.y});
                        }
                        if (!simple(ring)) continue;  // (an outline is a valid polygon)
                        const Poly o = polygon({ring});
                        INFO(points << " points, radii " << r_in << ' ' << r_out << (lattice ? ", on lattice points" : "")
                                    << ", shifted " << shift);
                        CHECK(intersection_area2(d, o) == by_overlay(d, o));
                        ++n;
                    }
    CHECK(n > 150);
}
