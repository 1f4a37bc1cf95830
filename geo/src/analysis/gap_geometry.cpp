#include "gap_geometry.h"

namespace pc::analysis {

Geometry to_lonlat(const std::vector<planar::LocalPolygon>& polygons, Coord origin, const CrsTransform& inverse) {
    Geometry g;
    if (polygons.empty()) return g;
    g.kind = GeometryKind::Polygon;
    g.polygons.reserve(polygons.size());
    for (auto& lp : polygons) {
        Polygon poly;
        poly.rings.reserve(lp.rings.size());
        for (auto& r : lp.rings) {
            Ring ring;
            ring.reserve(r.size());
            for (auto& p : r) ring.push_back({p.x + origin.x, p.y + origin.y});
            poly.rings.push_back(std::move(ring));
        }
        g.polygons.push_back(std::move(poly));
    }
    inverse.apply_in_place(g);
    return g;
}

Geometry assemble_lonlat(const std::vector<planar::Seg>& pieces, Coord origin, const CrsTransform& inverse,
                         std::size_t* open_chains) {
    auto a = planar::assemble_polygons(pieces);
    if (open_chains) *open_chains = a.open_chains;
    return to_lonlat(a.polygons, origin, inverse);
}

GeomPtr geos_local_union(GeosContext& c, const ServiceS& s, const Envelope& env, int quadrant_segments) {
    std::vector<GeomPtr> parts;
    for (auto& f : s.feats) {
        if (!f.counted) continue;
        auto b = c.buffer(f.geom.get(), std::max(0.0, f.radius), quadrant_segments);
        if (c.envelope(b.get()).intersects(env)) parts.push_back(std::move(b));
    }
    if (parts.empty()) return nullptr;
    return c.union_all(std::move(parts));
}

}  // namespace pc::analysis
