#pragma once
// Coordinate reference systems through PROJ's C API. Axis order is always x = easting/longitude,
// y = northing/latitude, whatever the CRS's authority says (proj_normalize_for_visualization).
#include <cstddef>
#include <memory>
#include <string>

#include "geo/geometry.h"

class OGRSpatialReference;

namespace pc {

// The WGS 84 / UTM zone that holds a lon/lat point, as "EPSG:327xx" (south) or "EPSG:326xx" (north).
std::string utm_crs_for(double lon, double lat);

// A CRS as other programs' files describe it (a QGIS project's <spatialrefsys>).
struct CrsDescription {
    std::string wkt;     // WKT2 (2019), one line
    std::string proj4;   // "+proj=longlat +datum=WGS84 +no_defs"
    std::string authid;  // "EPSG:4326" ("" when the CRS has no identifier)
    std::string name;    // "WGS 84"
    bool geographic = false;
};
// Throws InputError for a CRS that PROJ does not know. EPSG:4326 and the WGS 84 / UTM zones are
// described without PROJ (as PROJ describes them).
CrsDescription describe_crs(const std::string& definition);
// The same, always by PROJ (for the UTM zones: what describe_crs's own text is tested against).
CrsDescription describe_crs_with_proj(const std::string& definition);

// A transform between two CRS. Not thread-safe: one per thread (each has its own PROJ context).
class CrsTransform {
public:
    // "EPSG:32749", WKT, PROJJSON, "+proj=..." strings. Throws InputError for a CRS that PROJ does
    // not know, GdalError when PROJ finds no transformation between them.
    CrsTransform(const std::string& from, const std::string& to);
    // From GDAL spatial references: defined in the GDAL library (geo::geo, srs.cpp), not the core.
    CrsTransform(const OGRSpatialReference& from, const OGRSpatialReference& to);
    ~CrsTransform();
    CrsTransform(CrsTransform&&) noexcept;
    CrsTransform& operator=(CrsTransform&&) noexcept;

    Coord apply(Coord c) const;
    // n points in place, interleaved x0,y0,x1,y1,... (one PROJ call).
    void transform_xy(double* xy, std::size_t n) const;
    void apply_in_place(Geometry& g) const;
    Geometry apply(const Geometry& g) const;
    CrsTransform inverse() const;
    // The inverse on this transform's own PROJ objects (no second pipeline to build): use the two
    // from one thread at a time only.
    CrsTransform inverse_sharing() const;

private:
    struct Impl;
    explicit CrsTransform(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace pc
