#pragma once
// What lies at a point of the map, for the Identify tool: the desa holding it (and so its kecamatan
// and kabupaten) and the zones it is in. Exact point-in-polygon (even-odd over every ring, holes
// included) after an envelope test, so a click on a province's 8,494 desa answers at once.
#include <optional>
#include <vector>

#include "geo/model.h"

namespace pc {

struct PlaceAt {
    std::optional<std::size_t> desa, kecamatan, kabupaten;  // indices into the project's layers
    std::vector<std::size_t> zones;
};

// True when `lonlat` lies inside the polygon(s) of `g` (a point on an edge may go either way).
bool polygon_contains(const Geometry& g, Coord lonlat);
PlaceAt place_at(const Project& project, Coord lonlat);

}  // namespace pc
