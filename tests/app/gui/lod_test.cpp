// Levels of detail for drawing (render/lod.h): snapping, shared boundaries kept identical, the level
// chosen for a scale. No window needed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "render/lod.h"

using namespace pc;
using namespace pc::gui;

namespace {

// A grid of 1 m cells at the equator in degrees: 1 m = 1 / 111194.93 degrees.
constexpr double kDeg = 1.0 / (6371008.8 * 3.14159265358979323846 / 180.0);

Ring ring_m(std::vector<Coord> pts_m) {
    Ring r;
    for (const auto& c : pts_m) r.push_back({c.x * kDeg, c.y * kDeg});
    r.push_back(r.front());
    return r;
}

double ring_area(const Ring& r) {
    double a = 0;
    for (std::size_t i = 0; i + 1 < r.size(); ++i) a += r[i].x * r[i + 1].y - r[i + 1].x * r[i].y;
    return std::abs(a) / 2;
}

}  // namespace

TEST_CASE("lod: snapping to a grid drops what is smaller than a cell", "[gui][lod]") {
    SnapGrid grid = SnapGrid::metres({0, 0}, 100);
    CHECK(grid.cell_lat == Approx(100 * kDeg));
    CHECK(grid.cell_lon == Approx(100 * kDeg));  // cos(0) = 1
    Geometry big = Geometry::polygon(ring_m({{12, 7}, {1013, 3}, {990, 1040}, {4, 960}}));
    Geometry s = snap_polygons(big, grid);
    REQUIRE(s.kind == GeometryKind::Polygon);
    REQUIRE(s.polygons[0].rings[0].size() == 5);
    // (12, 7) -> (0, 0); (1013, 3) -> (1000, 0); (990, 1040) -> (1000, 1000); (4, 960) -> (0, 1000).
    CHECK(ring_area(s.polygons[0].rings[0]) == Approx(1000 * 1000 * kDeg * kDeg));
    Geometry tiny = Geometry::polygon(ring_m({{10, 10}, {40, 10}, {40, 30}}));
    CHECK(snap_polygons(tiny, grid).kind == GeometryKind::Empty);
}

TEST_CASE("lod: neighbours keep one shared boundary when simplified", "[gui][lod]") {
    // Two squares sharing a wiggly edge along x = 1000 (wiggles of 3 m, under a 10 m tolerance).
    std::vector<Coord> edge;  // from (1000, 0) up to (1000, 1000)
    for (int i = 0; i <= 100; ++i) edge.push_back({1000 + (i % 2 ? 3.0 : 0.0), double(i) * 10});
    std::vector<Coord> left{{0, 0}};
    for (const auto& c : edge) left.push_back(c);
    left.push_back({0, 1000});
    std::vector<Coord> right{{2000, 0}, {2000, 1000}};
    for (auto it = edge.rbegin(); it != edge.rend(); ++it) right.push_back(*it);
    Geometry a = Geometry::polygon(ring_m(left)), b = Geometry::polygon(ring_m(right));
    std::vector<const Geometry*> layer{&a, &b};
    SnapGrid grid = SnapGrid::metres({0, 0}, 1);
    LayerTopology topo = layer_topology(layer, grid);
    // Distinct segments: 100 shared + 3 of each outer side.
    std::size_t segs = 0;
    for (const auto& s : topo.segments) segs += s.size() / 4;
    CHECK(segs == 100 + 3 + 3);
    SimplifiedLayer simple = simplify_layer(layer, topo, grid, 10);
    REQUIRE(simple.polygons[0].kind == GeometryKind::Polygon);
    REQUIRE(simple.polygons[1].kind == GeometryKind::Polygon);
    const Ring& ra = simple.polygons[0].polygons[0].rings[0];
    const Ring& rb = simple.polygons[1].polygons[0].rings[0];
    // The wiggles are gone: each square is its 4 corners plus the 2 junctions... which are corners.
    CHECK(ra.size() == 5);
    CHECK(rb.size() == 5);
    // No gap, no overlap: the two areas add up to the 2000 m x 1000 m whole.
    CHECK(ring_area(ra) + ring_area(rb) == Approx(2000.0 * 1000 * kDeg * kDeg).epsilon(1e-6));
    // The shared boundary is drawn once.
    std::size_t simple_segs = 0;
    for (const auto& s : simple.segments) simple_segs += s.size() / 4;
    CHECK(simple_segs == 7);
}

TEST_CASE("lod: the level for a scale is the coarsest under the pixel limit", "[gui][lod]") {
    std::vector<double> cells{0, 50, 150, 450};
    CHECK(pick_level(cells, 1.0) == 0);         // 1 px per m: exact
    CHECK(pick_level(cells, 0.8 / 50) == 1);    // 50 m cells are 0.8 px
    CHECK(pick_level(cells, 0.8 / 100) == 1);   // 150 m would be 1.2 px
    CHECK(pick_level(cells, 0.8 / 450) == 3);
    CHECK(pick_level(cells, 1e-6) == 3);
    CHECK(pick_level({50, 150}, 1.0) == 0);     // without an exact level the finest is used
}
