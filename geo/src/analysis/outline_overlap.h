#pragma once
// area(D ∩ O) for a region D known only by its boundary pieces (the district: the union of the desa)
// and a polygon O of few, long edges (the kabupaten outline), by the same boundary integration as
// overlay.h: ∂(D ∩ O) = (∂D inside O, or along ∂O on the same side) + (∂O strictly inside D).
//
// overlay() would give the same sum for a UnitSet of the one unit D, but D's boundary runs along O's
// everywhere: O's km-wide edge boxes (and its coarse cells, two edges a cell) meet nearly every piece
// of D, and O's edges, each against all of D, need D's cells and y-bins. Here O's edges are binned in
// cells sized to D's pieces, along the cells their segments pass; the pieces of D that come near an
// edge of O are noted while D is walked, and they are all that edge is cut against. A piece's side
// is read from what the other boundary does at its start (carried from the piece before, one
// crossing segment, a vertex's sector) where that settles it; D's point location (its y-bins) is
// built only after a few points that it does not settle.
#include <vector>

#include "planar.h"

namespace pc::planar {

// Twice area(D ∩ O), D given by its boundary pieces (closed loops, interior on the left, in ring
// order where they join), O a polygon. The same pieces, locations and sums as overlay(): the very
// same value.
long double intersection_area2(const std::vector<Seg>& d, const Poly& o);

}  // namespace pc::planar
