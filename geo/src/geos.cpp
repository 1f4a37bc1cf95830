#include "geo/geos.h"

#include "geo/error.h"

namespace pc {

namespace {
// The _r handlers receive the message already formatted.
void on_geos_message(const char* message, void* user) { *static_cast<std::string*>(user) = message; }
void on_geos_notice(const char*, void*) {}
}  // namespace

GeosContext::GeosContext() : handle_(GEOS_init_r()) {
    if (!handle_) throw GeosError("GEOS: cannot create a context");
    GEOSContext_setErrorMessageHandler_r(handle_, on_geos_message, &last_error_);
    GEOSContext_setNoticeMessageHandler_r(handle_, on_geos_notice, nullptr);
}

GeosContext::~GeosContext() { GEOS_finish_r(handle_); }

GeomPtr GeosContext::own(GEOSGeometry* g, const char* what) const {
    if (!g) throw GeosError(std::string("GEOS ") + what + " failed: " + last_error_);
    return GeomPtr(g, GeomDeleter{handle_});
}

PreparedPtr GeosContext::prepare(const GEOSGeometry* g) const {
    auto* p = GEOSPrepare_r(handle_, g);
    if (!p) throw GeosError("GEOS prepare failed: " + last_error_);
    return PreparedPtr(p, PreparedDeleter{handle_});
}

STRtreePtr GeosContext::strtree(std::size_t node_capacity) const {
    auto* t = GEOSSTRtree_create_r(handle_, node_capacity);
    if (!t) throw GeosError("GEOS STRtree failed: " + last_error_);
    return STRtreePtr(t, STRtreeDeleter{handle_});
}

bool GeosContext::check_predicate(char r, const char* what) const {
    if (r == 2) throw GeosError(std::string("GEOS ") + what + " failed: " + last_error_);
    return r == 1;
}

void GeosContext::check_measure(int ok, const char* what) const {
    if (!ok) throw GeosError(std::string("GEOS ") + what + " failed: " + last_error_);
}

namespace {
GEOSCoordSequence* make_seq(GEOSContextHandle_t h, const std::vector<Coord>& cs) {
    static_assert(sizeof(Coord) == 2 * sizeof(double));
    return GEOSCoordSeq_copyFromBuffer_r(h, reinterpret_cast<const double*>(cs.data()), cs.size(), 0, 0);
}
}  // namespace

GeomPtr GeosContext::from(const Geometry& g) const {
    auto h = handle_;
    std::vector<GEOSGeometry*> parts;
    auto fail = [&](const char* what) -> GeomPtr {
        for (auto* p : parts) GEOSGeom_destroy_r(h, p);
        throw GeosError(std::string("GEOS: cannot build ") + what + ": " + last_error_);
    };
    switch (g.kind) {
        case GeometryKind::Empty: return own(GEOSGeom_createEmptyCollection_r(h, GEOS_GEOMETRYCOLLECTION), "empty");
        case GeometryKind::Point:
            for (auto& c : g.points) {
                auto* p = GEOSGeom_createPointFromXY_r(h, c.x, c.y);
                if (!p) return fail("point");
                parts.push_back(p);
            }
            if (parts.size() == 1) return own(parts[0], "point");
            return own(GEOSGeom_createCollection_r(h, GEOS_MULTIPOINT, parts.data(), unsigned(parts.size())),
                       "multipoint");
        case GeometryKind::Line:
            for (auto& l : g.lines) {
                auto* s = make_seq(h, l);
                auto* p = s ? GEOSGeom_createLineString_r(h, s) : nullptr;
                if (!p) return fail("linestring");
                parts.push_back(p);
            }
            if (parts.size() == 1) return own(parts[0], "linestring");
            return own(GEOSGeom_createCollection_r(h, GEOS_MULTILINESTRING, parts.data(), unsigned(parts.size())),
                       "multilinestring");
        case GeometryKind::Polygon:
            for (auto& poly : g.polygons) {
                if (poly.rings.empty()) continue;
                std::vector<GEOSGeometry*> holes;
                GEOSGeometry* shell = nullptr;
                bool ok = true;
                for (std::size_t i = 0; i < poly.rings.size() && ok; ++i) {
                    auto* s = make_seq(h, poly.rings[i]);
                    auto* r = s ? GEOSGeom_createLinearRing_r(h, s) : nullptr;
                    if (!r) ok = false;
                    else if (i == 0) shell = r;
                    else holes.push_back(r);
                }
                if (!ok) {
                    if (shell) GEOSGeom_destroy_r(h, shell);
                    for (auto* r : holes) GEOSGeom_destroy_r(h, r);
                    return fail("ring (too few points or not closed)");
                }
                auto* p = GEOSGeom_createPolygon_r(h, shell, holes.data(), unsigned(holes.size()));
                if (!p) return fail("polygon");
                parts.push_back(p);
            }
            if (parts.size() == 1) return own(parts[0], "polygon");
            return own(GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, parts.data(), unsigned(parts.size())),
                       "multipolygon");
    }
    return fail("geometry");
}

namespace {
std::vector<Coord> read_seq(GEOSContextHandle_t h, const GEOSCoordSequence* s) {
    unsigned n = 0;
    GEOSCoordSeq_getSize_r(h, s, &n);
    std::vector<Coord> out(n);
    if (n) GEOSCoordSeq_copyToBuffer_r(h, s, reinterpret_cast<double*>(out.data()), 0, 0);
    return out;
}

void collect(GEOSContextHandle_t h, const GEOSGeometry* g, Geometry& out) {
    int type = GEOSGeomTypeId_r(h, g);
    if (GEOSisEmpty_r(h, g) == 1) return;
    switch (type) {
        case GEOS_POINT:
            out.points.push_back(read_seq(h, GEOSGeom_getCoordSeq_r(h, g)).front());
            break;
        case GEOS_LINESTRING:
        case GEOS_LINEARRING:
            out.lines.push_back(read_seq(h, GEOSGeom_getCoordSeq_r(h, g)));
            break;
        case GEOS_POLYGON: {
            Polygon p;
            p.rings.push_back(read_seq(h, GEOSGeom_getCoordSeq_r(h, GEOSGetExteriorRing_r(h, g))));
            int nh = GEOSGetNumInteriorRings_r(h, g);
            for (int i = 0; i < nh; ++i)
                p.rings.push_back(read_seq(h, GEOSGeom_getCoordSeq_r(h, GEOSGetInteriorRingN_r(h, g, i))));
            out.polygons.push_back(std::move(p));
            break;
        }
        default: {
            int n = GEOSGetNumGeometries_r(h, g);
            for (int i = 0; i < n; ++i) collect(h, GEOSGetGeometryN_r(h, g, i), out);
        }
    }
}
}  // namespace

Geometry GeosContext::to_geometry(const GEOSGeometry* g) const {
    Geometry out;
    collect(handle_, g, out);
    out.settle_kind();
    return out;
}

GeomPtr GeosContext::clone(const GEOSGeometry* g) const { return own(GEOSGeom_clone_r(handle_, g), "clone"); }

GeomPtr GeosContext::empty_polygon() const { return own(GEOSGeom_createEmptyPolygon_r(handle_), "empty polygon"); }

double GeosContext::area(const GEOSGeometry* g) const {
    double a = 0;
    check_measure(GEOSArea_r(handle_, g, &a), "area");
    return a;
}

GeomPtr GeosContext::intersection(const GEOSGeometry* a, const GEOSGeometry* b) const {
    return own(GEOSIntersection_r(handle_, a, b), "intersection");
}

GeomPtr GeosContext::difference(const GEOSGeometry* a, const GEOSGeometry* b) const {
    return own(GEOSDifference_r(handle_, a, b), "difference");
}

GeomPtr GeosContext::unary_union(const GEOSGeometry* g) const { return own(GEOSUnaryUnion_r(handle_, g), "union"); }

GeomPtr GeosContext::collection(std::vector<GeomPtr> parts) const {
    std::vector<GEOSGeometry*> raw;
    raw.reserve(parts.size());
    for (auto& p : parts) raw.push_back(p.release());
    auto* c = GEOSGeom_createCollection_r(handle_, GEOS_GEOMETRYCOLLECTION, raw.data(), unsigned(raw.size()));
    if (!c) {
        for (auto* r : raw) GEOSGeom_destroy_r(handle_, r);
        throw GeosError("GEOS collection failed: " + last_error_);
    }
    return own(c, "collection");
}

GeomPtr GeosContext::union_all(std::vector<GeomPtr> parts) const {
    if (parts.empty()) return empty_polygon();
    if (parts.size() == 1) return std::move(parts[0]);
    auto c = collection(std::move(parts));
    return unary_union(c.get());
}

GeomPtr GeosContext::buffer(const GEOSGeometry* g, double distance, int quadrant_segments) const {
    return own(GEOSBuffer_r(handle_, g, distance, quadrant_segments), "buffer");
}

// The structure method (GEOS 3.10+): rebuilds polygons from their shells and holes as a planner
// drew them (an overlap of two shells is kept, a bow-tie becomes two triangles), where the default
// linework method can turn area into lines. One method for import and the engine alike.
GeomPtr GeosContext::make_valid(const GEOSGeometry* g) const {
    GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(handle_);
    if (!params) throw GeosError("make valid: cannot create parameters: " + last_error_);
    GEOSMakeValidParams_setMethod_r(handle_, params, GEOS_MAKE_VALID_STRUCTURE);
    GEOSMakeValidParams_setKeepCollapsed_r(handle_, params, 0);
    GEOSGeometry* out = GEOSMakeValidWithParams_r(handle_, g, params);
    GEOSMakeValidParams_destroy_r(handle_, params);
    return own(out, "make valid");
}

bool GeosContext::is_valid(const GEOSGeometry* g) const { return check_predicate(GEOSisValid_r(handle_, g), "is valid"); }

std::string GeosContext::is_valid_reason(const GEOSGeometry* g) const {
    char* r = GEOSisValidReason_r(handle_, g);
    if (!r) return last_error_;
    std::string s = r;
    GEOSFree_r(handle_, r);
    return s;
}

GeomPtr GeosContext::polygonal_part(const GEOSGeometry* g) const {
    int type = GEOSGeomTypeId_r(handle_, g);
    if (type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON) return clone(g);
    std::vector<GeomPtr> polys;
    int n = GEOSGetNumGeometries_r(handle_, g);
    for (int i = 0; i < n; ++i) {
        auto* part = GEOSGetGeometryN_r(handle_, g, i);
        int t = GEOSGeomTypeId_r(handle_, part);
        if (t == GEOS_POLYGON || t == GEOS_MULTIPOLYGON) polys.push_back(clone(part));
        else if (t == GEOS_GEOMETRYCOLLECTION) polys.push_back(polygonal_part(part));
    }
    if (polys.empty()) return empty_polygon();
    return union_all(std::move(polys));
}

Envelope GeosContext::envelope(const GEOSGeometry* g) const {
    Envelope e;
    if (GEOSisEmpty_r(handle_, g) == 1) return e;
    double x0, y0, x1, y1;
    check_measure(GEOSGeom_getXMin_r(handle_, g, &x0) && GEOSGeom_getYMin_r(handle_, g, &y0) &&
                      GEOSGeom_getXMax_r(handle_, g, &x1) && GEOSGeom_getYMax_r(handle_, g, &y1),
                  "envelope");
    e.min_x = x0; e.min_y = y0; e.max_x = x1; e.max_y = y1;
    return e;
}

GeomPtr GeosContext::envelope_polygon(const Envelope& e) const {
    return own(GEOSGeom_createRectangle_r(handle_, e.min_x, e.min_y, e.max_x, e.max_y), "rectangle");
}

Coord GeosContext::centroid(const GEOSGeometry* g) const {
    auto c = own(GEOSGetCentroid_r(handle_, g), "centroid");
    Coord out;
    check_measure(GEOSGeomGetX_r(handle_, c.get(), &out.x) && GEOSGeomGetY_r(handle_, c.get(), &out.y), "centroid");
    return out;
}

Coord GeosContext::point_on_surface(const GEOSGeometry* g) const {
    auto c = own(GEOSPointOnSurface_r(handle_, g), "point on surface");
    Coord out;
    check_measure(GEOSGeomGetX_r(handle_, c.get(), &out.x) && GEOSGeomGetY_r(handle_, c.get(), &out.y),
                  "point on surface");
    return out;
}

double GeosContext::distance(const GEOSGeometry* a, const GEOSGeometry* b) const {
    double d = 0;
    check_measure(GEOSDistance_r(handle_, a, b, &d), "distance");
    return d;
}

void GeosContext::for_each_polygon_ring(const GEOSGeometry* g,
                                        const std::function<void(const double* xy, unsigned n, bool hole)>& ring) const {
    if (!g || GEOSisEmpty_r(handle_, g) == 1) return;
    const int type = GEOSGeomTypeId_r(handle_, g);
    if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(handle_, g);
        for (int i = 0; i < n; ++i) for_each_polygon_ring(GEOSGetGeometryN_r(handle_, g, i), ring);
        return;
    }
    if (type != GEOS_POLYGON) return;
    std::vector<double> xy;
    auto one = [&](const GEOSGeometry* r, bool hole) {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(handle_, r);
        unsigned n = 0;
        if (!seq || !GEOSCoordSeq_getSize_r(handle_, seq, &n) || n < 4) return;
        xy.resize(2 * std::size_t(n));
        check_measure(GEOSCoordSeq_copyToBuffer_r(handle_, seq, xy.data(), 0, 0), "coordinates");
        ring(xy.data(), n, hole);
    };
    one(GEOSGetExteriorRing_r(handle_, g), false);
    const int holes = GEOSGetNumInteriorRings_r(handle_, g);
    for (int i = 0; i < holes; ++i) one(GEOSGetInteriorRingN_r(handle_, g, i), true);
}

}  // namespace pc
