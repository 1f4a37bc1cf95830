#pragma once
// Lon/lat <-> the analysis CRS for whole batches of coordinates, with whole-geometry helpers: the
// engine's own WGS 84 / UTM (geo/utm.h: the zones it picks by itself) or, for any other CRS, a forward
// and an inverse CrsTransform (geo/crs.h). One per thread, like the transforms. Below, "exact" is
// the one of the two in use.
//
// The exact projection costs 120-250 ns a point. Over a small area the transverse Mercator and its
// inverse are analytic, so a tensor Chebyshev polynomial of degree 4 to 12 fitted from the exact
// values reproduces them to far below a nanometre there, at a quarter of the cost or less. Two fits:
// - forward, a batch of 256 points or more (a district's or province's desa) over its own box;
//   smaller batches go to the exact projection, so that small units (a 1 mm sliver) keep exact
//   coordinates;
// - inverse, the engine's LocalFit: over the district's projected box, made once and shared by every
//   thread, for the new vertices of gap geometry (crossings, buffer arcs) on their way to lon/lat
//   (output only: every area is computed in the projected plane); points outside go to the exact one.
// A fit is checked against the exact projection at points between the nodes and at the box's corners
// and used only when every one of them agrees to 1e-8 m (forward) or 1e-13 degrees (inverse, ~1e-8 m);
// otherwise (a province, a CRS PROJ bends sharply) the points are projected exactly one by one.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "geo/crs.h"
#include "geo/geometry.h"
#include "geo/utm.h"

namespace pc::analysis {

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
    double c0x_ = 0, c0y_ = 0;       // the constant coefficients, added last
    std::vector<double> c_;          // n_ × n_ coefficients, x and y interleaved, the constant's set to 0
};

// The inverse fitted over one projected box.
struct LocalFit {
    Envelope projected;
    Chebyshev2 inverse;
};

class Projection {
public:
    // `crs`: "EPSG:xxxx", WKT or a PROJ string. Throws InputError when PROJ does not know it.
    // `local_fit`: where its owner keeps the LocalFit once made (read at each call; nullptr: none).
    explicit Projection(const std::string& crs, const std::unique_ptr<const LocalFit>* local_fit = nullptr);

    // In place, over n interleaved (x, y) pairs: lon/lat -> projected, and back.
    void forward(double* xy, std::size_t n) const;
    void inverse(double* xy, std::size_t n) const;
    // Whole geometries (forward: the exact coordinates, never a fit's).
    Geometry forward(const Geometry& lonlat) const;
    void inverse_in_place(Geometry& g) const;

    // The inverse fitted over the projection of `lonlat` (a district's box with a margin) and checked;
    // nullptr where no fit of degree 12 or less agrees with the exact projection.
    std::unique_ptr<const LocalFit> fit_over(const Envelope& lonlat) const;

private:
    const LocalFit* local_fit() const { return local_fit_ ? local_fit_->get() : nullptr; }
    void exact_forward(double* xy, std::size_t n) const;
    void exact_inverse(double* xy, std::size_t n) const;

    std::optional<UtmZone> utm_;
    std::optional<CrsTransform> forward_, inverse_;  // any CRS but a WGS 84 / UTM zone
    const std::unique_ptr<const LocalFit>* local_fit_;
};

}  // namespace pc::analysis
