#pragma once
// Coordinate reference systems through PROJ (via OGR). Axis order is always x = easting/longitude,
// y = northing/latitude, whatever the CRS's authority says.
#include <memory>
#include <string>

#include "geo/geometry.h"

class OGRSpatialReference;
class OGRCoordinateTransformation;

namespace pc {

// "EPSG:32749", WKT, PROJ string ... -> a spatial reference with traditional GIS axis order.
// Throws InputError (naming `what`) for a CRS that PROJ does not know.
std::unique_ptr<OGRSpatialReference> make_srs(const std::string& definition, const std::string& what = "CRS");
std::unique_ptr<OGRSpatialReference> wgs84();

// The WGS 84 / UTM zone that holds a lon/lat point, as "EPSG:327xx" (south) or "EPSG:326xx" (north).
std::string utm_crs_for(double lon, double lat);

// A transform between two CRS (copies them). Not thread-safe: one per thread.
class CrsTransform {
public:
    CrsTransform(const OGRSpatialReference& from, const OGRSpatialReference& to);
    CrsTransform(const std::string& from, const std::string& to);
    ~CrsTransform();
    CrsTransform(CrsTransform&&) noexcept;
    CrsTransform& operator=(CrsTransform&&) noexcept;

    Coord apply(Coord c) const;
    void apply_in_place(Geometry& g) const;
    Geometry apply(const Geometry& g) const;
    CrsTransform inverse() const;

private:
    std::unique_ptr<OGRCoordinateTransformation> t_;
};

}  // namespace pc
