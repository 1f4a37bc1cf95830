// Boundary-integration areas (geo/src/analysis/planar.h): hand-computable unions of squares (shared
// edges, identical polygons, a hole) and random overlapping discs checked against GEOS's own union.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <random>

#include "analysis/planar.h"
#include "analysis/service_area.h"
#include "geo/geos.h"
#include "planar_test_util.h"

using namespace pc;
using namespace pc::planar;
using pc::test::square;

namespace {

double union_area(const std::vector<Poly>& polys) {
    std::vector<const Poly*> ptrs;
    for (auto& p : polys) ptrs.push_back(&p);
    double s = 0;
    for (auto& e : union_boundary(ptrs)) s += cross_term(e.a, e.b);
    return s / 2;
}

LoopAreas union_loops(const std::vector<Poly>& polys) {
    std::vector<const Poly*> ptrs;
    for (auto& p : polys) ptrs.push_back(&p);
    return loop_areas(union_boundary(ptrs));
}

}  // namespace

TEST_CASE("planar: point and piece location", "[planar]") {
    Poly p = square(0, 0, 2, 2);
    CHECK(p.area2() == Approx(8.0));
    CHECK(p.locate({1, 1}) == Poly::PointLoc::In);
    CHECK(p.locate({3, 1}) == Poly::PointLoc::Out);
    CHECK(p.locate({2, 1}) == Poly::PointLoc::On);
    // A piece along the square's right edge, going up like the edge (same side) and down (other side).
    CHECK(p.locate_piece({{2, 0.5}, {2, 1.5}}) == Loc::OnSame);  // the square is on the piece's left
    CHECK(p.locate_piece({{2, 1.5}, {2, 0.5}}) == Loc::OnOpp);
    CHECK(p.locate_piece({{0.5, 0.5}, {1.5, 0.5}}) == Loc::In);
}

TEST_CASE("planar: unions of squares by their boundary", "[planar]") {
    SECTION("two squares overlapping by half") {
        auto l = union_loops({square(0, 0, 1, 1), square(0.5, 0, 1.5, 1)});
        CHECK(l.ccw2 / 2 == Approx(1.5));
        CHECK(l.cw2 == 0);
        CHECK(l.open_chains == 0);
    }
    SECTION("neighbours sharing an edge") {
        std::vector<Poly> ps{square(0, 0, 1, 1), square(1, 0, 2, 1)};
        CHECK(union_area(ps) == Approx(2.0));
        auto l = union_loops(ps);
        CHECK(l.ccw2 / 2 == Approx(2.0));
        CHECK(l.open_chains == 0);
    }
    SECTION("a neighbour sharing part of an edge (a vertex of one in the middle of the other's edge)") {
        std::vector<Poly> ps{square(0, 0, 1, 2), square(1, 0.5, 2, 1.5)};
        CHECK(union_area(ps) == Approx(3.0));
        CHECK(union_loops(ps).open_chains == 0);
    }
    SECTION("identical polygons count once") {
        CHECK(union_area({square(0, 0, 1, 1), square(0, 0, 1, 1), square(0, 0, 1, 1)}) == Approx(1.0));
    }
    SECTION("eight squares around a hole") {
        std::vector<Poly> ps;
        for (int y = 0; y < 3; ++y)
            for (int x = 0; x < 3; ++x)
                if (x != 1 || y != 1) ps.push_back(square(x, y, x + 1, y + 1));
        auto l = union_loops(ps);
        CHECK(l.ccw2 / 2 == Approx(9.0));
        CHECK(-l.cw2 / 2 == Approx(1.0));  // the hole
        CHECK(union_area(ps) == Approx(8.0));
        CHECK(l.open_chains == 0);
    }
    SECTION("squares touching at a corner only (a pinch vertex)") {
        auto l = union_loops({square(0, 0, 1, 1), square(1, 1, 2, 2)});
        CHECK(l.ccw2 / 2 == Approx(2.0));
        CHECK(l.cw2 == 0);
        CHECK(l.open_chains == 0);
    }
    SECTION("a windmill of four rectangles sharing parts of edges around a hole") {
        std::vector<Poly> ps{square(0, 0, 2, 1), square(2, 0, 3, 2), square(1, 2, 3, 3), square(0, 1, 1, 3)};
        auto l = union_loops(ps);
        CHECK(l.ccw2 / 2 == Approx(9.0));
        CHECK(-l.cw2 / 2 == Approx(1.0));
    }
}

TEST_CASE("planar: union of random overlapping discs equals GEOS's union", "[planar]") {
    GeosContext c;
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> pos(0, 20000), rad(300, 3000);
    for (int round = 0; round < 5; ++round) {
        std::vector<Poly> polys;
        std::vector<GeomPtr> geoms;
        for (int i = 0; i < 60; ++i) {
            double x = pos(rng), y = pos(rng), r = rad(rng);
            if (i % 7 == 3 && i > 0) {  // a mast shared with the previous disc: identical polygons
                auto g = c.clone(geoms.back().get());
                geoms.push_back(std::move(g));
            } else {
                auto pt = c.own(GEOSGeom_createPointFromXY_r(c.get(), x, y), "point");
                geoms.push_back(c.buffer(pt.get(), r, 8));
            }
            Geometry g = c.to_geometry(geoms.back().get());
            Poly p;
            for (auto& poly : g.polygons)
                for (std::size_t k = 0; k < poly.rings.size(); ++k) {
                    std::vector<Pt> ring;
                    for (auto& q : poly.rings[k]) ring.push_back({q.x, q.y});
                    p.add_ring(ring, k > 0);
                }
            p.finish();
            polys.push_back(std::move(p));
        }
        std::vector<GeomPtr> parts;
        for (auto& g : geoms) parts.push_back(c.clone(g.get()));
        double expected = c.area(c.union_all(std::move(parts)).get());
        CHECK(union_area(polys) == Approx(expected).epsilon(1e-9));
    }
}

TEST_CASE("a disc's interior against a polygon's: the distance shortcuts say what cutting the edges says",
          "[analysis][planar]") {
    // Random star polygons (wiggly, like desa) and discs of random size and place around them: inside,
    // across the boundary, touching from outside, apart, holding the polygon, held by it.
    std::mt19937_64 rng(404);
    std::uniform_real_distribution<double> u(0, 1);
    std::size_t met = 0, apart = 0;
    for (int trial = 0; trial < 600; ++trial) {
        Poly p;
        std::vector<Pt> ring;
        const std::size_t n = 5 + std::size_t(trial % 70);
        for (std::size_t k = 0; k < n; ++k) {
            const double t = 2 * M_PI * (double(k) + 0.8 * u(rng)) / double(n), r = 600 + 400 * u(rng);
            ring.push_back({r * std::cos(t), r * std::sin(t)});
        }
        p.add_ring(ring, false);
        p.finish();
        const double radius = 50 + 2500 * u(rng) * u(rng);
        const double dist = 3000 * u(rng), angle = 2 * M_PI * u(rng);
        const Buffer b = disc_buffer({dist * std::cos(angle), dist * std::sin(angle)}, radius, 8);
        INFO("trial " << trial);
        const bool by_edges = interiors_meet(b.poly, p);
        CHECK(interiors_meet(b, p) == by_edges);
        met += by_edges;
        apart += !by_edges;
    }
    CHECK(met > 100);
    CHECK(apart > 100);
}

TEST_CASE("the union of discs: cut against each disc's nearby arc, the same pieces as against whole polygons",
          "[analysis][planar]") {
    // union_of_buffers cuts a disc's edge only against the few edges of each other disc that its angles
    // can reach; union_boundary cuts it against every edge of every polygon. Clusters of discs of mixed
    // radii (towers 50 m to 5 km), some sharing a centre or touching: the same pieces, bit for bit.
    std::mt19937_64 rng(2027);
    std::uniform_real_distribution<double> u(0, 1);
    for (int trial = 0; trial < 60; ++trial) {
        std::vector<Buffer> discs;
        const int count = 2 + trial % 25;
        for (int k = 0; k < count; ++k) {
            Pt c{4000 * u(rng), 4000 * u(rng)};
            if (k > 0 && trial % 5 == 0) c = discs[std::size_t(k - 1)].centre;  // concentric
            double r = 50 + 5000 * u(rng) * u(rng) * u(rng);
            if (k > 0 && trial % 7 == 0) {  // touching the previous one from outside
                const Buffer& prev = discs[std::size_t(k - 1)];
                r = 300;
                c = {prev.centre.x + prev.r_out + r, prev.centre.y};
            }
            discs.push_back(disc_buffer(c, r, 8));
        }
        std::vector<const Buffer*> buffers;
        std::vector<const Poly*> polys;
        std::vector<Box> boxes;
        for (auto& d : discs) {
            buffers.push_back(&d);
            polys.push_back(&d.poly);
            boxes.push_back(d.box());
        }
        BoxGrid grid;
        grid.build(boxes);
        auto by_arcs = union_of_buffers(buffers, grid);
        auto by_polys = union_boundary(polys);
        auto key = [](const Seg& s) { return std::make_tuple(s.a.x, s.a.y, s.b.x, s.b.y); };
        auto less = [&](const Seg& a, const Seg& b) { return key(a) < key(b); };
        std::sort(by_arcs.begin(), by_arcs.end(), less);
        std::sort(by_polys.begin(), by_polys.end(), less);
        INFO("trial " << trial << ", " << count << " discs");
        REQUIRE(by_arcs.size() == by_polys.size());
        std::size_t differ = 0;
        for (std::size_t k = 0; k < by_arcs.size(); ++k) differ += key(by_arcs[k]) != key(by_polys[k]);
        CHECK(differ == 0);
    }
}

TEST_CASE("planar: a box grid reports each box that meets a query once, and query_until stops at the first",
          "[planar]") {
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> u(0, 1);
    for (int trial = 0; trial < 20; ++trial) {
        std::vector<Box> boxes;
        for (int k = 0; k < 300; ++k) {
            const double x = 1000 * u(rng), y = 1000 * u(rng), w = 200 * u(rng) * u(rng), h = 200 * u(rng) * u(rng);
            boxes.push_back({x, y, x + w, y + h});
        }
        BoxGrid grid;
        grid.build(boxes);
        for (int q = 0; q < 200; ++q) {
            const double x = 1100 * u(rng) - 50, y = 1100 * u(rng) - 50, w = 300 * u(rng) * u(rng), h = 300 * u(rng) * u(rng);
            const Box b{x, y, x + w, y + h};
            std::vector<std::uint32_t> got, want;
            grid.query(b, [&](std::uint32_t id) { got.push_back(id); });
            for (std::uint32_t id = 0; id < boxes.size(); ++id)
                if (boxes[id].meets(b)) want.push_back(id);
            std::sort(got.begin(), got.end());
            REQUIRE(got == want);  // sorted: a duplicate or a miss shows
            std::size_t calls = 0;
            const bool any = grid.query_until(b, [&](std::uint32_t) { return ++calls == 1; });
            CHECK(any == !want.empty());
            CHECK(calls == (want.empty() ? 0u : 1u));
        }
    }
}

TEST_CASE("planar: a polygon's edges_in reports each edge whose box meets the query once", "[planar]") {
    // A star of 2,000 vertices queried with random boxes: through its 2D cells (about two edges
    // each), through its y-bins (finished without cells: an edge spans several bins), and unfinished.
    std::mt19937_64 rng(12);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<Pt> ring;
    for (int k = 0; k < 2000; ++k) {
        const double a = 2 * M_PI * k / 2000, r = 300 + 200 * u(rng);
        ring.push_back({500 + r * std::cos(a), 400 + 0.6 * r * std::sin(a)});
    }
    Poly p;
    p.add_ring(ring, false);
    const int mode = GENERATE(0, 1, 2);
    if (mode < 2) p.finish(mode == 0);
    for (int q = 0; q < 500; ++q) {
        const double x = 1000 * u(rng), y = 800 * u(rng), w = 150 * u(rng) * u(rng), h = 150 * u(rng) * u(rng);
        const Box b{x, y, x + w, y + h};
        std::vector<const Seg*> got, want;
        p.edges_in(b, [&](const Seg& s) { got.push_back(&s); });
        for (auto& s : p.edges())
            if (Box::of(s.a, s.b).meets(b)) want.push_back(&s);
        std::sort(got.begin(), got.end());
        REQUIRE(got == want);
    }
    // A box over the whole star: every edge once, in many buffers' worth.
    std::vector<const Seg*> all;
    p.edges_in(p.box(), [&](const Seg& s) { all.push_back(&s); });
    std::sort(all.begin(), all.end());
    CHECK(std::adjacent_find(all.begin(), all.end()) == all.end());
    CHECK(all.size() == p.edges().size());
}
