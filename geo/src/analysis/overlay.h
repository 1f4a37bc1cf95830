#pragma once
// Units against a region R (a service area, or the change a what-if makes): twice the covered area
// of every unit, of every group of units and of their union, by boundary integration — and, when
// asked, the boundary pieces of every unit's gap (u \ R) and of R ∩ (the union), to be assembled into
// polygons (rings.h). No GEOS overlay.
//
// ∂(u ∩ R) = (∂u inside R, or along ∂R with R on the same side) + (∂R strictly inside u), and
// ∂(u \ R) = (the rest of ∂u) + (∂R strictly inside u, reversed). Groups (the kecamatan) and the union
// (the district) are dissolved units: their boundaries are the unit pieces flagged kOnGroup / kOnWhole
// (a neighbour covers no such piece), and a piece of ∂R lies inside them when it lies inside one of
// their units or along a boundary between two of them.
#include <cstdint>
#include <vector>

#include "planar.h"

namespace pc::planar {

inline constexpr std::uint8_t kOnGroup = 1, kOnWhole = 2;

struct UnitSet {
    // Per unit: edges = its boundary pieces in ring order (a unit's pieces are cut where any other
    // unit's edges meet them, so that neighbours share their vertices).
    std::vector<Poly> polys;
    // Per unit and edge: kOnGroup | kOnWhole. Empty: no groups (every flag 0).
    std::vector<std::vector<std::uint8_t>> flags;
    std::vector<std::uint32_t> group;  // per unit (with flags)
    std::size_t group_count = 0;
    BoxGrid grid;                      // unit boxes; index() builds it

    void index();
    bool grouped() const { return !flags.empty(); }
};

struct OverlayOptions {
    const std::vector<std::size_t>* touched = nullptr;  // the units to compute (all when null)
    bool pieces = false;                                // collect the gap and covered-area pieces
    // With pieces: also the gap pieces of a unit that R does not meet (its own edges; when false, its
    // unit_gap stays empty: the caller has the unit's outline).
    bool unmet_unit_gaps = true;
};

struct Overlay {
    std::vector<long double> unit, group;  // twice area(u ∩ R), twice area(group ∩ R)
    long double whole = 0;                 // twice area(∪ units ∩ R) (grouped sets only)
    // With OverlayOptions::pieces:
    std::vector<std::vector<Seg>> unit_gap, group_gap;  // boundary pieces of u \ R, group \ R
    std::vector<Seg> whole_gap, whole_covered;          // of (∪ units) \ R and of (∪ units) ∩ R
    std::vector<std::uint8_t> unit_met;                 // u's boundary or interior met ∂R (else its gap is u or nothing)
    std::vector<std::uint8_t> group_met;
    // Per group (all units computed): R meets none of its units and cuts none of their edges, so its
    // gap is its own dissolved outline and group_gap stays empty. Empty when not known.
    std::vector<std::uint8_t> group_own;
};

// R: a ServiceArea, or a Poly (whose edges are its boundary pieces).
template <class Region>
Overlay overlay(const UnitSet& units, const Region& region, const OverlayOptions& options);

}  // namespace pc::planar
