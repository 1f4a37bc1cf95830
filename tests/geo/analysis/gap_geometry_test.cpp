// Gap rings back to lon/lat (geo/src/analysis/gap_geometry.h): an input vertex takes its own lon/lat
// from the table of input vertices, a vertex made before (kept per worker) the lon/lat it was given
// then, and only a new vertex goes through the inverse projection — whatever order the tables are
// asked in, and whether a vertex is found beside the last one or by its hash.
#include <catch2/catch.hpp>

#include <vector>

#include "analysis/gap_geometry.h"

using namespace pc;
using planar::Pt;

namespace {

// The pieces of a closed ring (first vertex not repeated), in its order.
std::vector<planar::Seg> ring_pieces(const std::vector<Pt>& ring) {
    std::vector<planar::Seg> pieces;
    for (std::size_t i = 0; i < ring.size(); ++i) pieces.push_back({ring[i], ring[(i + 1) % ring.size()]});
    return pieces;
}

}  // namespace

TEST_CASE("gap geometry: input vertices keep their lon/lat, new ones are projected back once", "[analysis][rings]") {
    const analysis::Projection proj("EPSG:32747");  // UTM 47S: Padang Pariaman
    const Coord origin{650000, 9930000};
    // A counter-clockwise ring (local metres): K* input vertices, N* new ones (crossings).
    const Pt k0{0, 0}, k1{100, 0}, n1{150, 20}, n2{150, 80}, k2{100, 100}, k3{0, 100};
    const std::vector<Pt> ring{k0, k1, n1, n2, k2, k3};
    // Input vertices with marker lon/lat (not their projection: only the table can give these). k2
    // after k3, so that it is not found beside k1 but by its hash, right after a new vertex.
    planar::VertexIndex known;
    known.reserve(4);
    known.insert(k0, {100.0, -0.5});
    known.insert(k1, {100.1, -0.5});
    known.insert(k3, {100.0, -0.3});
    known.insert(k2, {100.1, -0.3});
    auto exact = [&](const Pt& p) {
        double xy[2] = {p.x + origin.x, p.y + origin.y};
        proj.inverse(xy, 1);
        return Coord{xy[0], xy[1]};
    };
    const std::vector<Coord> want{{100.0, -0.5}, {100.1, -0.5}, exact(n1), exact(n2), {100.1, -0.3}, {100.0, -0.3},
                                  {100.0, -0.5}};
    REQUIRE(exact(n1).x > 100.3);  // not near the markers
    planar::VertexIndex made;
    std::size_t open = 9;
    const Geometry first = analysis::assemble_lonlat(ring_pieces(ring), origin, proj, known, &open, &made);
    CHECK(open == 0);
    REQUIRE(first.polygons.size() == 1);
    REQUIRE(first.polygons[0].rings.size() == 1);
    CHECK(first.polygons[0].rings[0] == want);
    CHECK(made.size() == 2);  // n1 and n2, kept for the next gap
    // Again: n1, n2 now come from `made` (looked up there first after a new vertex), k2 from `known`
    // after a miss in `made`; the same coordinates.
    const Geometry again = analysis::assemble_lonlat(ring_pieces(ring), origin, proj, known, nullptr, &made);
    CHECK(again == first);
    CHECK(made.size() == 2);
    // A made vertex that is not the projection of its point is taken as it is (it was made by the
    // same call before): proof that the table was asked.
    planar::VertexIndex marked;
    marked.insert(n2, {7, 7});
    const Geometry from_marked = analysis::assemble_lonlat(ring_pieces(ring), origin, proj, known, nullptr, &marked);
    REQUIRE(from_marked.polygons.size() == 1);
    CHECK(from_marked.polygons[0].rings[0][3] == Coord{7, 7});
    CHECK(from_marked.polygons[0].rings[0][2] == exact(n1));
    CHECK(from_marked.polygons[0].rings[0][4] == Coord{100.1, -0.3});
    // Without a table for new vertices: projected each time.
    CHECK(analysis::assemble_lonlat(ring_pieces(ring), origin, proj, known) == first);
}
