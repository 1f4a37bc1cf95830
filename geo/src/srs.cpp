// GDAL spatial references, and CrsTransform built from them (through their WKT, so the transform
// itself is the core's PROJ one).
#include "geo/srs.h"

#include <ogr_spatialref.h>

#include "geo/error.h"
#include "geo/gdal.h"

namespace pc {

std::unique_ptr<OGRSpatialReference> make_srs(const std::string& definition, const std::string& what) {
    gdal_init();
    auto srs = std::make_unique<OGRSpatialReference>();
    if (definition.empty() || srs->SetFromUserInput(definition.c_str()) != OGRERR_NONE)
        throw InputError({}, what + ": unknown coordinate reference system '" + definition + "'");
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

std::unique_ptr<OGRSpatialReference> wgs84() { return make_srs("EPSG:4326"); }

namespace {
std::string definition_of(const OGRSpatialReference& srs) {
    // WKT2 keeps everything the reference has (a TOWGS84 a .prj added to an EPSG datum, say).
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    if (srs.exportToWkt(&wkt, options) != OGRERR_NONE || !wkt) {
        CPLFree(wkt);
        throw GdalError("cannot describe the coordinate system for PROJ: " + gdal_last_error());
    }
    std::string out = wkt;
    CPLFree(wkt);
    return out;
}
}  // namespace

CrsTransform::CrsTransform(const OGRSpatialReference& from, const OGRSpatialReference& to)
    : CrsTransform(definition_of(from), definition_of(to)) {}

}  // namespace pc
