#include "gap_geometry.h"

namespace pc::analysis {

Geometry to_lonlat(const planar::Assembly& a, Coord origin, const Projection& projection,
                   const planar::VertexIndex& known, planar::VertexIndex* made) {
    Geometry g;
    const std::size_t np = a.polygon_count();
    if (np == 0) return g;
    g.kind = GeometryKind::Polygon;
    g.polygons.resize(np);
    // Input vertices get their own lon/lat; new ones (crossings, buffer vertices) are projected back
    // in one call, below. Working memory per thread (an engine run converts hundreds of gaps).
    thread_local std::vector<Coord*> unknown;
    thread_local std::vector<planar::Pt> unknown_at;  // their local coordinates, for `made`
    thread_local std::vector<double> xy;
    unknown.clear();
    unknown_at.clear();
    constexpr std::uint32_t kNone = planar::VertexIndex::kNone;
    std::uint32_t near_known = kNone, near_made = kNone;  // where the last vertex was found
    bool along_s = false;                                  // the last vertex was a new one
    for (std::size_t pi = 0; pi < np; ++pi) {
        auto& rings = g.polygons[pi].rings;
        rings.resize(a.polygons[pi + 1] - a.polygons[pi]);
        for (std::size_t ri = 0; ri < rings.size(); ++ri) {
            const planar::Assembly::Span span = a.rings[a.polygons[pi] + ri];
            const planar::Pt* src = &a.pts[span.begin];
            auto& dst = rings[ri];
            dst.resize(span.end - span.begin);
            // The last vertex closes the ring (the first again): copied below, not looked up.
            for (std::size_t k = 0; k + 1 < dst.size(); ++k) {
                // A vertex is in at most one of the tables (`made` takes only what `known` lacks), so
                // the order of the look-ups is free: after a new vertex (a ring along ∂S), `made` first
                // — a miss in the large `known` is a cache miss.
                const planar::Pt& p = src[k];
                const Coord* c = known.beside(p, near_known);
                bool new_vertex = false;
                if (!c && made && (c = made->beside(p, near_made))) {
                    new_vertex = true;
                } else if (!c) {
                    const std::uint64_t h = planar::VertexIndex::hash(p);
                    if (along_s && made && (c = made->find(p, h))) {
                        near_made = made->place(c);
                        new_vertex = true;
                    } else if ((c = known.find(p, h))) {
                        near_known = known.place(c);
                    } else if (made && !along_s && (c = made->find(p, h))) {
                        near_made = made->place(c);  // projected back before, by the same call: the same bits
                        new_vertex = true;
                    }
                }
                along_s = new_vertex || !c;
                if (c) {
                    dst[k] = *c;
                } else {
                    dst[k] = {src[k].x + origin.x, src[k].y + origin.y};
                    unknown.push_back(&dst[k]);
                    if (made) unknown_at.push_back(src[k]);
                }
            }
        }
    }
    if (!unknown.empty()) {
        xy.resize(2 * unknown.size());
        for (std::size_t k = 0; k < unknown.size(); ++k) {
            xy[2 * k] = unknown[k]->x;
            xy[2 * k + 1] = unknown[k]->y;
        }
        projection.inverse(xy.data(), unknown.size());
        for (std::size_t k = 0; k < unknown.size(); ++k) *unknown[k] = {xy[2 * k], xy[2 * k + 1]};
        if (made)
            for (std::size_t k = 0; k < unknown.size(); ++k) made->insert(unknown_at[k], *unknown[k]);
    }
    for (auto& polygon : g.polygons)
        for (auto& ring : polygon.rings) ring.back() = ring.front();
    return g;
}

Geometry assemble_lonlat(const std::vector<planar::Seg>& pieces, Coord origin, const Projection& projection,
                         const planar::VertexIndex& known, std::size_t* open_chains, planar::VertexIndex* made) {
    thread_local planar::Assembly a;  // its memory reused
    planar::assemble_polygons(pieces, a);
    if (open_chains) *open_chains = a.open_chains;
    return to_lonlat(a, origin, projection, known, made);
}

GeomPtr geos_local_union(GeosContext& c, const ServiceS& s, const Envelope& env, int quadrant_segments) {
    std::vector<GeomPtr> parts;
    for (auto& f : s.feats) {
        if (!f.counted) continue;
        GeomPtr point;
        const GEOSGeometry* g = f.geom.get();
        if (!g) {
            if (!f.point) continue;
            point = c.from(Geometry::point(f.point->x, f.point->y));
            g = point.get();
        }
        auto b = c.buffer(g, std::max(0.0, f.radius), quadrant_segments);
        if (c.envelope(b.get()).intersects(env)) parts.push_back(std::move(b));
    }
    if (parts.empty()) return nullptr;
    return c.union_all(std::move(parts));
}

}  // namespace pc::analysis
