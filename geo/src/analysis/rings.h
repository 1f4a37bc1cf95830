#pragma once
// Polygons from the boundary pieces of a region (interior on the left), as the overlay leaves them:
// no GEOS overlay, only the pieces it already has.
//
// Loops are followed piece by piece (at a vertex with several continuations, the sharpest left
// turn), then cut wherever a loop passes a vertex twice, so that every ring is simple as OGC wants:
// two parts touching at a point become two polygons, a hole touching its shell stays a hole.
// Counter-clockwise rings are shells, clockwise ones holes; each hole goes to the smallest shell
// around it.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "planar.h"

namespace pc::planar {

// The loops' vertices in one buffer (a few allocations per assembly, not a few per ring).
struct Assembly {
    struct Span {
        std::uint32_t begin, end;  // into pts; closed (its first vertex again at its end)
    };
    std::vector<Pt> pts;
    std::vector<Span> rings;               // polygon after polygon: its shell (counter-clockwise), then its holes
    std::vector<std::uint32_t> polygons;   // polygon p: rings[polygons[p] .. polygons[p + 1]) (empty: none)
    std::size_t open_chains = 0;  // chains of pieces that did not close: a defect of the overlay
    double area2 = 0;             // twice the area of the closed loops (shells minus holes)

    std::size_t polygon_count() const { return polygons.empty() ? 0 : polygons.size() - 1; }
};

Assembly assemble_polygons(const std::vector<Seg>& pieces);
// The same into `out`, whose memory is reused (working memory is kept per thread).
void assemble_polygons(const std::vector<Seg>& pieces, Assembly& out);

}  // namespace pc::planar
