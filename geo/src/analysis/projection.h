#pragma once
// Lon/lat <-> the analysis CRS for whole batches of coordinates: a forward and an inverse
// CrsTransform (geo/crs.h; the WGS 84 / UTM zones the engine picks by itself are built without
// PROJ's database), with whole-geometry helpers. One per thread, like the transforms.
//
// A large batch over a small area (a district's desa: tens of thousands of points within a degree)
// goes through a Chebyshev interpolant of the transform fitted on that area from PROJ's own values:
// the transverse Mercator is analytic, so a tensor polynomial of degree 8 to 12 reproduces it to far
// below a nanometre there, at a third of PROJ's cost per point. The fit is checked against PROJ at
// points between the nodes and used only when every one of them agrees to 1e-9 m; otherwise (a
// province, a CRS PROJ bends sharply) the batch goes to PROJ point by point.
#include <string>
#include <vector>

#include "geo/crs.h"
#include "geo/geometry.h"

namespace pc::analysis {

class Projection {
public:
    // `crs`: "EPSG:xxxx", WKT or a PROJ string. Throws InputError when PROJ does not know it.
    explicit Projection(const std::string& crs) : forward_("EPSG:4326", crs), inverse_(forward_.inverse()) {}

    // In place, over n interleaved (x, y) pairs: lon/lat -> projected, and back.
    void forward(double* xy, std::size_t n) const;
    void inverse(double* xy, std::size_t n) const { inverse_.transform_xy(xy, n); }
    // Whole geometries (every vertex in one PROJ call).
    Geometry forward(const Geometry& lonlat) const { return forward_.apply(lonlat); }
    void inverse_in_place(Geometry& g) const { inverse_.apply_in_place(g); }

private:
    CrsTransform forward_, inverse_;
};

// A tensor Chebyshev interpolant of a map R² -> R² over a box, fitted from the map's values at the
// Chebyshev points (exact there). Evaluation: Clenshaw in each variable.
class Chebyshev2 {
public:
    // Fits `degree` (per variable) to `f` over [x0, x1] × [y0, y1]; f maps n interleaved points in place.
    template <class F>
    void fit(double x0, double y0, double x1, double y1, int degree, F&& f);
    void apply(double* xy, std::size_t n) const;

private:
    double cx_ = 0, cy_ = 0, hx_ = 1, hy_ = 1;
    double rx_ = 0, ry_ = 0;         // the map's value at the centre (the coefficients are relative to it)
    int n_ = 0;                      // coefficients per variable (degree + 1)
    std::vector<double> ax_, ay_;    // n_ × n_ coefficients of each output
};

}  // namespace pc::analysis
