#pragma once
// Gap and service-area geometry in lon/lat from the overlay's boundary pieces, and the GEOS overlay
// that stands in for a unit whose boundary integration cannot be trusted.
#include <string>
#include <vector>

#include "engine_state.h"
#include "rings.h"

namespace pc::analysis {

// The assembled polygons (local coordinates) as a lon/lat geometry: input vertices take their own
// lon/lat back from `known`, the others are projected back — or taken from `made` (optional, one per
// thread), which keeps them: a new vertex of ∂S recurs in the gaps of a desa, its kecamatan, the
// district and in the service area.
Geometry to_lonlat(const planar::Assembly& a, Coord origin, const Projection& projection,
                   const planar::VertexIndex& known, planar::VertexIndex* made = nullptr);

// The polygons the pieces make, in lon/lat; `open_chains` counts pieces that did not close.
Geometry assemble_lonlat(const std::vector<planar::Seg>& pieces, Coord origin, const Projection& projection,
                         const planar::VertexIndex& known, std::size_t* open_chains = nullptr,
                         planar::VertexIndex* made = nullptr);

// The counted buffers of `s` whose envelope meets `env`, unioned by GEOS (projected); null when none.
GeomPtr geos_local_union(GeosContext& c, const ServiceS& s, const Envelope& env, int quadrant_segments);

}  // namespace pc::analysis
