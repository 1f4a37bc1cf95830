#pragma once
// Internal: GeoPackage geometry blobs (a "GP" header with flags, SRS id and envelope, then ISO WKB)
// <-> pc::Geometry, without GDAL. Reading follows OGR's reading of the same blobs: Z and M are
// dropped, a collection keeps its highest dimension, empty parts are skipped; what OGR would
// linearise (curves) is refused with a message instead.
#include <stdexcept>
#include <string>
#include <string_view>

#include "geo/geometry.h"
#include "../io/table_model.h"

namespace pc::store {

// Why a blob is not a geometry we can read ("truncated WKB", "unknown geometry type 99" ...).
class BadGeometry : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

Geometry parse_gpkg_geometry(std::string_view blob);

// The envelope recorded in the header (or computed from the WKB when there is none); empty for an
// empty geometry.
Envelope gpkg_envelope(std::string_view blob);
bool gpkg_is_empty(std::string_view blob);

// A blob of `g` as the declared layer type asks (Multi* types always write multi geometries,
// single types a single part), little-endian, with an XY envelope; "" for an empty geometry
// (written as NULL, as OGR does).
// `envelope` (optional) receives the envelope written in the header.
std::string gpkg_geometry_blob(const Geometry& g, io::LayerGeometry layer_type, int srs_id = 4326,
                               Envelope* envelope = nullptr);

}  // namespace pc::store
