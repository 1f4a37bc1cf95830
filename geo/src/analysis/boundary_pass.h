#pragma once
// The desa as a unit set for the overlay: every desa edge cut where it meets a neighbour's edges, each
// piece flagged when it lies on the boundary of the district (the union of all desa: no neighbour
// covers it — inside a neighbour, or along its edge on the other side; a stretch shared on the same
// side belongs to the lower index) and of its kecamatan (likewise among the desa of its kecamatan).
// Areas and centroids of the district and the kecamatan are then sums over those pieces (Green's
// theorem): overlaps count once, without building a union.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "overlay.h"
#include "planar.h"
#include "validity.h"

namespace pc::planar {

struct BoundaryPass {
    UnitSet units;                    // polys = the desa as pieces, flags, groups = kecamatan
    long double district2 = 0;        // twice the district's area
    Pt district_centroid;             // of the dissolved district (0,0 when it has no area)
    std::vector<long double> group2;  // twice each kecamatan's dissolved area
    std::vector<Pt> group_centroid;
    std::size_t overlap_pairs = 0;    // pairs of desa overlapping by more than 100 m²
    std::vector<Seg> district_boundary;  // the pieces flagged kOnWhole
    // With `rings`: per desa, whether two of its own edges that do not follow each other meet (within
    // 1e-9 m) — what certainly_valid's sweep finds, here from the edge index the pass builds anyway.
    std::vector<std::uint8_t> self_contact;
};

// `desa`: the desa polygons (local coordinates); `group[i]`: desa i's kecamatan in [0, group_count).
// `rings` (optional): each desa's rings in its Poly (an empty list: not checked).
BoundaryPass boundary_pass(const std::vector<Poly>& desa, const std::vector<std::uint32_t>& group,
                           std::size_t group_count, const std::vector<std::vector<RingSpan>>* rings = nullptr);

}  // namespace pc::planar
