// Polygons from boundary pieces (geo/src/analysis/rings.h): hand-drawn shells and holes, from pieces
// in ring order, backward and shuffled; a hole touching its shell (a walk through a vertex twice);
// islands in lakes; chains that do not close.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "analysis/rings.h"
#include "analysis/vertex_index.h"

using namespace pc::planar;

namespace {

// The pieces of a closed ring (first vertex not repeated), in its order.
void add_ring(std::vector<Seg>& pieces, const std::vector<Pt>& ring) {
    for (std::size_t i = 0; i < ring.size(); ++i) pieces.push_back({ring[i], ring[(i + 1) % ring.size()]});
}

double area2(const Assembly& a, const Assembly::Span& r) {
    double s = 0;
    for (auto q = r.begin; q + 1 < r.end; ++q) s += cross_term(a.pts[q], a.pts[q + 1]);
    return s;
}

// Per polygon: its shell's area and its holes' areas (each twice, signed), sorted by shell area,
// then by holes.
struct Shape {
    double shell2;
    std::vector<double> holes2;
    std::size_t shell_vertices;
};
std::vector<Shape> shapes(const Assembly& a) {
    std::vector<Shape> out;
    for (std::size_t p = 0; p < a.polygon_count(); ++p) {
        Shape s{area2(a, a.rings[a.polygons[p]]), {}, a.rings[a.polygons[p]].end - a.rings[a.polygons[p]].begin};
        for (auto r = a.polygons[p] + 1; r < a.polygons[p + 1]; ++r) s.holes2.push_back(area2(a, a.rings[r]));
        std::sort(s.holes2.begin(), s.holes2.end());
        out.push_back(s);
    }
    std::sort(out.begin(), out.end(), [](const Shape& x, const Shape& y) {
        return x.shell2 != y.shell2 ? x.shell2 < y.shell2 : x.holes2.size() < y.holes2.size();
    });
    return out;
}

// Every ring closed, and every vertex of a ring once (simple as OGC wants).
void check_rings(const Assembly& a) {
    for (auto& r : a.rings) {
        REQUIRE(r.end - r.begin >= 4);
        CHECK(a.pts[r.begin] == a.pts[r.end - 1]);
        std::vector<std::pair<double, double>> v;
        for (auto q = r.begin; q + 1 < r.end; ++q) v.push_back({a.pts[q].x, a.pts[q].y});
        std::sort(v.begin(), v.end());
        CHECK(std::adjacent_find(v.begin(), v.end()) == v.end());
    }
}

}  // namespace

TEST_CASE("rings: a shell and its hole from pieces in ring order, backward or shuffled", "[planar][rings]") {
    std::vector<Seg> pieces;
    add_ring(pieces, {{0, 0}, {10, 0}, {10, 10}, {0, 10}});  // counter-clockwise: 100 m²
    add_ring(pieces, {{2, 2}, {2, 8}, {8, 8}, {8, 2}});      // clockwise: 36 m²
    auto check = [](const std::vector<Seg>& ps) {
        const Assembly a = assemble_polygons(ps);
        CHECK(a.open_chains == 0);
        CHECK(a.area2 == 2 * (100 - 36));
        REQUIRE(a.polygon_count() == 1);
        REQUIRE(a.polygons[1] - a.polygons[0] == 2);
        CHECK(area2(a, a.rings[0]) == 200);
        CHECK(area2(a, a.rings[1]) == -72);
        check_rings(a);
    };
    SECTION("in ring order") { check(pieces); }
    SECTION("backward (each piece still pointing its way)") {
        std::reverse(pieces.begin(), pieces.end());
        check(pieces);
    }
    SECTION("shuffled") {
        std::mt19937 rng(7);
        for (int round = 0; round < 20; ++round) {
            std::shuffle(pieces.begin(), pieces.end(), rng);
            check(pieces);
        }
    }
}

TEST_CASE("rings: a hole touching its shell is cut out of the walk and stays a hole", "[planar][rings]") {
    // The shell's left side is cut at (0, 2), where the hole (a diamond of 2 m²) touches it: the walk
    // down that side turns into the hole (the sharpest left turn) and passes (0, 2) twice.
    std::vector<Seg> pieces;
    add_ring(pieces, {{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 2}});
    add_ring(pieces, {{0, 2}, {1, 3}, {2, 2}, {1, 1}});
    std::mt19937 rng(11);
    for (int round = 0; round < 20; ++round) {
        INFO("round " << round);
        const Assembly a = assemble_polygons(pieces);
        CHECK(a.open_chains == 0);
        CHECK(a.area2 == 2 * (16 - 2));
        const auto s = shapes(a);
        REQUIRE(s.size() == 1);
        CHECK(s[0].shell2 == 32);
        CHECK(s[0].shell_vertices == 6);
        CHECK(s[0].holes2 == std::vector<double>{-4});
        check_rings(a);
        std::shuffle(pieces.begin(), pieces.end(), rng);
    }
}

TEST_CASE("rings: two squares touching at a corner are two polygons", "[planar][rings]") {
    std::vector<Seg> pieces;
    add_ring(pieces, {{0, 0}, {1, 0}, {1, 1}, {0, 1}});
    add_ring(pieces, {{1, 1}, {2, 1}, {2, 2}, {1, 2}});
    std::mt19937 rng(3);
    for (int round = 0; round < 20; ++round) {
        const Assembly a = assemble_polygons(pieces);
        const auto s = shapes(a);
        REQUIRE(s.size() == 2);
        CHECK(s[0].shell2 == 2);
        CHECK(s[1].shell2 == 2);
        CHECK(s[0].holes2.empty());
        CHECK(s[1].holes2.empty());
        check_rings(a);
        std::shuffle(pieces.begin(), pieces.end(), rng);
    }
}

TEST_CASE("rings: islands in lakes, each hole in the smallest shell around it", "[planar][rings]") {
    std::vector<Seg> pieces;
    add_ring(pieces, {{20, 0}, {22, 0}, {22, 2}, {20, 2}});              // a square of 4 m² ...
    add_ring(pieces, {{20.5, 0.5}, {20.5, 1.5}, {21.5, 1.5}, {21.5, 0.5}});  // ... with a hole of 1 m²
    add_ring(pieces, {{0, 0}, {10, 0}, {10, 10}, {0, 10}});              // land of 100 m² ...
    add_ring(pieces, {{2, 2}, {2, 8}, {8, 8}, {8, 2}});                  // ... a lake of 36 m² ...
    add_ring(pieces, {{4, 4}, {6, 4}, {6, 6}, {4, 6}});                  // ... an island of 4 m² in it
    add_ring(pieces, {{30, 0}, {30, 1}, {31, 1}, {31, 0}});              // a hole in no shell: left out
    std::mt19937 rng(5);
    for (int round = 0; round < 20; ++round) {
        const Assembly a = assemble_polygons(pieces);
        CHECK(a.area2 == 2 * ((4 - 1) + (100 - 36) + 4));
        const auto s = shapes(a);
        REQUIRE(s.size() == 3);
        CHECK(s[0].shell2 == 8);  // the island: no hole
        CHECK(s[0].holes2.empty());
        CHECK(s[1].shell2 == 8);  // the square and its own hole
        CHECK(s[1].holes2 == std::vector<double>{-2});
        CHECK(s[2].shell2 == 200);  // the land and its lake
        CHECK(s[2].holes2 == std::vector<double>{-72});
        check_rings(a);
        std::shuffle(pieces.begin(), pieces.end(), rng);
    }
}

TEST_CASE("rings: chains that do not close are counted, not made polygons", "[planar][rings]") {
    std::vector<Seg> pieces;
    add_ring(pieces, {{0, 0}, {1, 0}, {1, 1}, {0, 1}});
    pieces.push_back({{5, 5}, {6, 5}});
    pieces.push_back({{6, 5}, {6, 6}});  // a chain of two pieces
    pieces.push_back({{9, 9}, {9, 9}});  // a zero-length piece: nothing
    const Assembly a = assemble_polygons(pieces);
    CHECK(a.open_chains == 1);
    REQUIRE(a.polygon_count() == 1);
    CHECK(a.area2 == 2);
    check_rings(a);
    CHECK(assemble_polygons({}).polygon_count() == 0);
}

TEST_CASE("rings: assemblies into one reused Assembly each give their own polygons", "[planar][rings]") {
    // The working memory is kept per thread and `out` is reused: nothing of an earlier assembly (its
    // vertices, its walks through a vertex twice, its open chains) may leak into the next.
    std::vector<Seg> lakes, touching, open;
    add_ring(lakes, {{0, 0}, {10, 0}, {10, 10}, {0, 10}});
    add_ring(lakes, {{2, 2}, {2, 8}, {8, 8}, {8, 2}});
    add_ring(lakes, {{4, 4}, {6, 4}, {6, 6}, {4, 6}});
    add_ring(touching, {{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 2}});
    add_ring(touching, {{0, 2}, {1, 3}, {2, 2}, {1, 1}});
    add_ring(open, {{0, 0}, {1, 0}, {1, 1}, {0, 1}});
    open.push_back({{5, 5}, {6, 5}});
    Assembly out;
    for (int round = 0; round < 3; ++round) {
        INFO("round " << round);
        assemble_polygons(open, out);
        CHECK(out.open_chains == 1);
        CHECK(out.area2 == 2);
        REQUIRE(out.polygon_count() == 1);
        CHECK(out.pts.size() == 5);
        assemble_polygons(lakes, out);
        CHECK(out.open_chains == 0);
        CHECK(out.area2 == 2 * (100 - 36 + 4));
        CHECK(out.polygon_count() == 2);
        CHECK(out.rings.size() == 3);
        check_rings(out);
        assemble_polygons(touching, out);
        CHECK(out.open_chains == 0);
        CHECK(out.area2 == 2 * (16 - 2));
        const auto s = shapes(out);
        REQUIRE(s.size() == 1);
        CHECK(s[0].shell_vertices == 6);
        CHECK(s[0].holes2 == std::vector<double>{-4});
        check_rings(out);
        assemble_polygons({}, out);
        CHECK(out.polygon_count() == 0);
        CHECK(out.pts.empty());
        CHECK(out.area2 == 0);
    }
}

TEST_CASE("vertex index: a vertex beside the last one found, without hashing", "[planar][rings]") {
    VertexIndex vi;
    const std::vector<Pt> ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}};
    for (std::size_t i = 0; i < ring.size(); ++i) vi.insert(ring[i], {100.0 + double(i), -double(i)});
    std::uint32_t near = VertexIndex::kNone;
    CHECK(vi.beside(ring[0], near) == nullptr);  // nothing found yet
    const pc::Coord* c = vi.find(ring[1]);
    REQUIRE(c);
    near = vi.place(c);
    CHECK(near == 1);
    const pc::Coord* next = vi.beside(ring[2], near);  // after it
    REQUIRE(next);
    CHECK(next->x == 102);
    CHECK(near == 2);
    const pc::Coord* back = vi.beside(ring[1], near);  // before it (a ring along an earlier neighbour)
    REQUIRE(back);
    CHECK(back->x == 101);
    CHECK(near == 1);
    CHECK(vi.beside(ring[3], near) == nullptr);  // two places away: left to find()
    CHECK(near == 1);
    CHECK(vi.beside(Pt{5, 5}, near) == nullptr);
    near = 3;
    CHECK(vi.beside(ring[0], near) == nullptr);  // the last has no vertex after it
    CHECK(vi.beside(ring[2], near)->y == -2);
}
