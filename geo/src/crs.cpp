#include "geo/crs.h"

#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

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

std::string utm_crs_for(double lon, double lat) {
    int zone = int(std::floor((lon + 180.0) / 6.0)) + 1;
    zone = std::clamp(zone, 1, 60);
    char buf[32];
    std::snprintf(buf, sizeof buf, "EPSG:%d", (lat < 0 ? 32700 : 32600) + zone);
    return buf;
}

CrsTransform::CrsTransform(const OGRSpatialReference& from, const OGRSpatialReference& to) {
    OGRSpatialReference a(from), b(to);
    // Without this, EPSG:4326 would be read as lat/lon and coordinates would swap silently.
    a.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    b.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    t_.reset(OGRCreateCoordinateTransformation(&a, &b));
    if (!t_) throw GdalError("cannot transform between these coordinate systems: " + gdal_last_error());
}

CrsTransform::CrsTransform(const std::string& from, const std::string& to)
    : CrsTransform(*make_srs(from), *make_srs(to)) {}

CrsTransform::~CrsTransform() = default;
CrsTransform::CrsTransform(CrsTransform&&) noexcept = default;
CrsTransform& CrsTransform::operator=(CrsTransform&&) noexcept = default;

Coord CrsTransform::apply(Coord c) const {
    if (!t_->Transform(1, &c.x, &c.y))
        throw GdalError("coordinate transformation failed at " + std::to_string(c.x) + " " + std::to_string(c.y));
    return c;
}

namespace {
void transform_run(OGRCoordinateTransformation& t, std::vector<Coord>& cs) {
    if (cs.empty()) return;
    // Coord is {x, y}: transform in one call with a stride of 2 doubles.
    std::vector<double> xs(cs.size()), ys(cs.size());
    for (std::size_t i = 0; i < cs.size(); ++i) { xs[i] = cs[i].x; ys[i] = cs[i].y; }
    if (!t.Transform(int(cs.size()), xs.data(), ys.data()))
        throw GdalError("coordinate transformation failed near " + std::to_string(cs[0].x) + " " +
                        std::to_string(cs[0].y));
    for (std::size_t i = 0; i < cs.size(); ++i) cs[i] = {xs[i], ys[i]};
}
}  // namespace

void CrsTransform::apply_in_place(Geometry& g) const {
    transform_run(*t_, g.points);
    for (auto& l : g.lines) transform_run(*t_, l);
    for (auto& p : g.polygons)
        for (auto& r : p.rings) transform_run(*t_, r);
}

Geometry CrsTransform::apply(const Geometry& g) const {
    Geometry out = g;
    apply_in_place(out);
    return out;
}

CrsTransform CrsTransform::inverse() const {
    return CrsTransform(*t_->GetTargetCS(), *t_->GetSourceCS());
}

}  // namespace pc
