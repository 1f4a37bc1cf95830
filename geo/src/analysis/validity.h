#pragma once
// A fast test that a polygon is valid, so that GEOS's full validity check (noding every ring) runs
// only on polygons that might not be: true means valid for certain; false means "ask GEOS".
//
// True when every ring has at least three distinct vertices, no two edges meet except consecutive
// edges of one ring at their shared vertex (without folding back onto each other), every hole lies
// inside its own shell and outside its polygon's other holes, and no polygon's shell lies inside
// another polygon's area. Contacts closer than 1e-9 m count as contacts (GEOS decides those).
#include <cstdint>
#include <vector>

#include "planar.h"

namespace pc::planar {

// Where a ring's edges sit in the Poly (as Poly::add_ring put them), and what it is.
struct RingSpan {
    std::uint32_t begin = 0, end = 0;  // edges [begin, end)
    std::uint32_t polygon = 0;         // which polygon of a multipolygon
    bool hole = false;
};

bool certainly_valid(const Poly& poly, const std::vector<RingSpan>& rings);

}  // namespace pc::planar
