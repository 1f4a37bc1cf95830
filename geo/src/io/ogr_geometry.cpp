// OGRGeometry <-> pc::Geometry.
#include <ogr_geometry.h>

#include "io_internal.h"

namespace pc::io {
namespace {

std::vector<Coord> coords_of(const OGRSimpleCurve& c) {
    std::vector<Coord> out;
    out.reserve(std::size_t(c.getNumPoints()));
    for (int i = 0; i < c.getNumPoints(); ++i) out.push_back({c.getX(i), c.getY(i)});
    return out;
}

void collect(const OGRGeometry* g, Geometry& out) {
    if (!g || g->IsEmpty()) return;
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbPoint: {
            auto* p = g->toPoint();
            out.points.push_back({p->getX(), p->getY()});
            break;
        }
        case wkbLineString:
        case wkbLinearRing:
            out.lines.push_back(coords_of(*g->toSimpleCurve()));
            break;
        case wkbPolygon: {
            auto* p = g->toPolygon();
            Polygon poly;
            if (auto* ext = p->getExteriorRing()) poly.rings.push_back(coords_of(*ext));
            for (int i = 0; i < p->getNumInteriorRings(); ++i) poly.rings.push_back(coords_of(*p->getInteriorRing(i)));
            out.polygons.push_back(std::move(poly));
            break;
        }
        case wkbMultiPoint:
        case wkbMultiLineString:
        case wkbMultiPolygon:
        case wkbGeometryCollection: {
            auto* c = g->toGeometryCollection();
            for (int i = 0; i < c->getNumGeometries(); ++i) collect(c->getGeometryRef(i), out);
            break;
        }
        case wkbCircularString:
        case wkbCompoundCurve:
        case wkbCurvePolygon:
        case wkbMultiCurve:
        case wkbMultiSurface: {
            std::unique_ptr<OGRGeometry> lin(g->getLinearGeometry());
            collect(lin.get(), out);
            break;
        }
        default: {  // TIN, polyhedral surface, triangle ...
            std::unique_ptr<OGRGeometry> mp(OGRGeometryFactory::forceToMultiPolygon(g->clone()));
            if (mp && wkbFlatten(mp->getGeometryType()) == wkbMultiPolygon) collect(mp.get(), out);
            break;
        }
    }
}

}  // namespace

Geometry from_ogr(const OGRGeometry* g) {
    Geometry out;
    collect(g, out);
    out.settle_kind();
    return out;
}

namespace {
OGRLinearRing* ring_of(const Ring& r) {
    auto* ring = new OGRLinearRing();
    ring->setNumPoints(int(r.size()), FALSE);
    for (std::size_t i = 0; i < r.size(); ++i) ring->setPoint(int(i), r[i].x, r[i].y);
    return ring;
}
OGRLineString* line_of(const std::vector<Coord>& l) {
    auto* line = new OGRLineString();
    line->setNumPoints(int(l.size()), FALSE);
    for (std::size_t i = 0; i < l.size(); ++i) line->setPoint(int(i), l[i].x, l[i].y);
    return line;
}
OGRPolygon* polygon_of(const Polygon& p) {
    auto* poly = new OGRPolygon();
    for (auto& r : p.rings) poly->addRingDirectly(ring_of(r));
    return poly;
}
}  // namespace

std::unique_ptr<OGRGeometry> to_ogr(const Geometry& g, OGRwkbGeometryType layer_type) {
    auto flat = wkbFlatten(layer_type);
    bool multi = flat == wkbMultiPoint || flat == wkbMultiLineString || flat == wkbMultiPolygon ||
                 flat == wkbGeometryCollection;
    switch (g.kind) {
        case GeometryKind::Empty: return nullptr;
        case GeometryKind::Point:
            if (g.points.empty()) return nullptr;
            if (g.points.size() == 1 && !multi) return std::make_unique<OGRPoint>(g.points[0].x, g.points[0].y);
            else {
                auto mp = std::make_unique<OGRMultiPoint>();
                for (auto& c : g.points) mp->addGeometryDirectly(new OGRPoint(c.x, c.y));
                return mp;
            }
        case GeometryKind::Line:
            if (g.lines.empty()) return nullptr;
            if (g.lines.size() == 1 && !multi) return std::unique_ptr<OGRGeometry>(line_of(g.lines[0]));
            else {
                auto ml = std::make_unique<OGRMultiLineString>();
                for (auto& l : g.lines) ml->addGeometryDirectly(line_of(l));
                return ml;
            }
        case GeometryKind::Polygon:
            if (g.polygons.empty()) return nullptr;
            if (g.polygons.size() == 1 && !multi) return std::unique_ptr<OGRGeometry>(polygon_of(g.polygons[0]));
            else {
                auto mp = std::make_unique<OGRMultiPolygon>();
                for (auto& p : g.polygons) mp->addGeometryDirectly(polygon_of(p));
                return mp;
            }
    }
    return nullptr;
}

}  // namespace pc::io
