#pragma once
// A fast test that a polygon is valid, so that GEOS's full validity check (noding every ring) runs
// only on polygons that might not be: true means valid for certain; false means "ask GEOS".
//
// True when every ring has at least three distinct vertices, no two edges meet except consecutive
// edges of one ring at their shared vertex (without folding back onto each other), every hole lies
// inside its own shell and outside its polygon's other holes, and no polygon's shell lies inside
// another polygon's area. Contacts closer than 1e-9 m count as contacts (GEOS decides those).
//
// The engine uses the two halves below: rings_well_formed per desa, and the contacts found by the
// boundary pass (boundary_pass.h), which already looks at each edge's neighbours. certainly_valid, the
// whole test in one sweep, stands for a single polygon (and is what the tests compare the halves with).
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

// certainly_valid in two halves, for a caller that finds the contacts between edges itself (the
// boundary pass, whose edge index already holds every desa edge's neighbours): every ring closed,
// three edges or more, no edge folding back on the one before, holes and shells nested as they
// must be if no two edges meet; and whether two (non-consecutive) edges meet, within 1e-9 m.
bool rings_well_formed(const Poly& poly, const std::vector<RingSpan>& rings);
bool edges_meet(const Seg& e, const Seg& f);
// Whether edges a and b (indices into the Poly) follow each other on one ring.
bool consecutive_edges(std::uint32_t a, std::uint32_t b, const std::vector<RingSpan>& rings);

}  // namespace pc::planar
