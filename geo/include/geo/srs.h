#pragma once
// GDAL spatial references (geo::geo only; the core uses CrsTransform's PROJ definitions instead).
// Axis order is always traditional GIS order: x = easting/longitude.
#include <memory>
#include <string>

#include "geo/crs.h"

class OGRSpatialReference;

namespace pc {

// "EPSG:32749", WKT, PROJ string ... -> a spatial reference with traditional GIS axis order.
// Throws InputError (naming `what`) for a CRS that PROJ does not know.
std::unique_ptr<OGRSpatialReference> make_srs(const std::string& definition, const std::string& what = "CRS");
std::unique_ptr<OGRSpatialReference> wgs84();

}  // namespace pc
