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
#include <vector>

#include "planar.h"

namespace pc::planar {

struct LocalPolygon {
    std::vector<std::vector<Pt>> rings;  // closed; rings[0] the shell (counter-clockwise), then holes
};

struct Assembly {
    std::vector<LocalPolygon> polygons;
    std::size_t open_chains = 0;  // chains of pieces that did not close: a defect of the overlay
    double area2 = 0;             // twice the area of the closed loops (shells minus holes)
};

Assembly assemble_polygons(const std::vector<Seg>& pieces);

}  // namespace pc::planar
