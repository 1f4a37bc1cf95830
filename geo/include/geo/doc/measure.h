#pragma once
// Distances and areas a planner measures on the map, on the WGS 84 ellipsoid (PROJ's geodesics,
// Karney's algorithms): the same wherever the district lies, with no projection's distortion.
#include <vector>

#include "geo/geometry.h"

namespace pc {

// Length of the path through `lonlat` points, in metres.
double geodesic_length_m(const std::vector<Coord>& lonlat);
// Area of the polygon with vertices `lonlat` (closed or not; either orientation), in m².
double geodesic_area_m2(const std::vector<Coord>& lonlat);

}  // namespace pc
