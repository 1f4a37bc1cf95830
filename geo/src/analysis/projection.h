#pragma once
// Lon/lat <-> the analysis CRS for whole batches of coordinates: a forward and an inverse
// CrsTransform (geo/crs.h; the WGS 84 / UTM zones the engine picks by itself are built without
// PROJ's database), with whole-geometry helpers. One per thread, like the transforms.
#include <string>

#include "geo/crs.h"
#include "geo/geometry.h"

namespace pc::analysis {

class Projection {
public:
    // `crs`: "EPSG:xxxx", WKT or a PROJ string. Throws InputError when PROJ does not know it.
    explicit Projection(const std::string& crs) : forward_("EPSG:4326", crs), inverse_(forward_.inverse()) {}

    // In place, over n interleaved (x, y) pairs: lon/lat -> projected, and back.
    void forward(double* xy, std::size_t n) const { forward_.transform_xy(xy, n); }
    void inverse(double* xy, std::size_t n) const { inverse_.transform_xy(xy, n); }
    // Whole geometries (every vertex in one PROJ call).
    Geometry forward(const Geometry& lonlat) const { return forward_.apply(lonlat); }
    void inverse_in_place(Geometry& g) const { inverse_.apply_in_place(g); }

private:
    CrsTransform forward_, inverse_;
};

}  // namespace pc::analysis
