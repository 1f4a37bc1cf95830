#pragma once
// Triangulation of polygons with holes, for drawing fills. Done once when a layer changes (never per
// frame), in the coordinates the geometry has (lon/lat for the model). Ear clipping (earcut's
// algorithm) does valid polygons in linear-ish time; a polygon whose triangles do not add up to its
// area (invalid input) is repaired with GEOS MakeValid and triangulated by GEOS's constrained Delaunay
// triangulation, and what still cannot be triangulated is counted, not thrown.
#include <cstdint>
#include <vector>

#include "geo/geometry.h"

namespace pc {

class GeosContext;

// Triangles covering the polygonal part of `g` (holes left out): three vertices per triangle.
// Points and lines give nothing. Throws GeosError only when GEOS fails even on the repaired shape.
std::vector<Coord> triangulate(const GeosContext& ctx, const Geometry& g);

struct LayerTriangles {
    std::vector<Coord> vertices;     // triangles of every feature, three vertices each
    std::vector<std::uint32_t> first;  // feature i has vertices [first[i], first[i+1]); size n + 1
    std::size_t failed = 0;          // features that could not be triangulated (left empty)
    std::size_t triangles(std::size_t feature) const { return (first[feature + 1] - first[feature]) / 3; }
};

// Triangulates every feature, spread over all cores; nullptr entries give no triangles. verify = false
// skips the area check and repair (for display-only simplified shapes, where a sliver does not matter).
LayerTriangles tessellate_layer(const std::vector<const Geometry*>& features, bool verify = true);

}  // namespace pc
