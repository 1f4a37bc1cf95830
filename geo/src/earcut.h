#pragma once
// Ear clipping of a polygon with holes (the algorithm of Mapbox's earcut, ISC licence, written anew
// for our types): holes are bridged into the shell, ears are cut in z-order for speed, and
// self-touching or slightly invalid rings are cured locally rather than refused. Private to
// tessellate.cpp.
#include <cstdint>
#include <vector>

#include "geo/geometry.h"

namespace pc::detail {

// Indices into the concatenation of the rings (each without its closing vertex), three per triangle.
// `ring_starts` has the first index of every ring (rings[0] = shell) and a last entry = vertex count.
std::vector<std::uint32_t> earcut(const std::vector<Coord>& vertices, const std::vector<std::uint32_t>& ring_starts);

}  // namespace pc::detail
