#pragma once
// Polygons for the planar tests, made by hand.
#include "analysis/planar.h"

namespace pc::test {

// The axis-aligned square (rectangle) [x0, x1] x [y0, y1], counter-clockwise, finished.
inline planar::Poly square(double x0, double y0, double x1, double y1) {
    planar::Poly p;
    p.add_ring({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, false);
    p.finish();
    return p;
}

}  // namespace pc::test
