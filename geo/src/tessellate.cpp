#include "geo/tessellate.h"

#include <memory>

#include "geo/error.h"
#include "geo/geos.h"
#include "geo/parallel.h"

namespace pc {
namespace {

// Appends the triangles of a GEOS triangulation result (a collection of triangle polygons).
void append_triangles(const GeosContext& ctx, const GEOSGeometry* tris, std::vector<Coord>& out) {
    auto h = ctx.get();
    int n = GEOSGetNumGeometries_r(h, tris);
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* t = GEOSGetGeometryN_r(h, tris, i);
        const GEOSGeometry* ring = GEOSGetExteriorRing_r(h, t);
        if (!ring) continue;
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
        unsigned size = 0;
        if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &size) || size < 4) continue;
        for (unsigned k = 0; k < 3; ++k) {
            double x = 0, y = 0;
            GEOSCoordSeq_getXY_r(h, seq, k, &x, &y);
            out.push_back({x, y});
        }
    }
}

bool triangulate_geos(const GeosContext& ctx, const GEOSGeometry* g, std::vector<Coord>& out) {
    GEOSGeometry* tris = GEOSConstrainedDelaunayTriangulation_r(ctx.get(), g);
    if (!tris) return false;
    GeomPtr owned(tris, GeomDeleter{ctx.get()});
    append_triangles(ctx, tris, out);
    return true;
}

}  // namespace

std::vector<Coord> triangulate(const GeosContext& ctx, const Geometry& g) {
    std::vector<Coord> out;
    if (g.kind != GeometryKind::Polygon || g.polygons.empty()) return out;
    // One polygon at a time: a failure (usually invalid input) only costs that part a repair.
    for (const Polygon& poly : g.polygons) {
        if (poly.rings.empty() || poly.rings[0].size() < 4) continue;
        Geometry one;
        one.kind = GeometryKind::Polygon;
        one.polygons.push_back(poly);
        GeomPtr geos = ctx.from(one);
        std::size_t before = out.size();
        bool ok = ctx.is_valid(geos.get()) && triangulate_geos(ctx, geos.get(), out);
        if (!ok) {
            out.resize(before);
            GeomPtr repaired = ctx.polygonal_part(ctx.make_valid(geos.get()).get());
            if (!triangulate_geos(ctx, repaired.get(), out))
                throw GeosError("GEOS: cannot triangulate polygon: " + ctx.last_error());
        }
    }
    return out;
}

LayerTriangles tessellate_layer(const std::vector<const Geometry*>& features) {
    const std::size_t n = features.size();
    std::vector<std::vector<Coord>> parts(n);
    std::vector<char> failed(n, 0);
    std::vector<std::unique_ptr<GeosContext>> contexts(worker_count());
    parallel_for(n, [&](std::size_t i, unsigned w) {
        if (!features[i]) return;
        if (!contexts[w]) contexts[w] = std::make_unique<GeosContext>();
        try {
            parts[i] = triangulate(*contexts[w], *features[i]);
        } catch (const std::exception&) {
            failed[i] = 1;
        }
    });
    LayerTriangles out;
    out.first.reserve(n + 1);
    std::size_t total = 0;
    for (auto& p : parts) total += p.size();
    out.vertices.reserve(total);
    for (std::size_t i = 0; i < n; ++i) {
        out.first.push_back(std::uint32_t(out.vertices.size()));
        out.vertices.insert(out.vertices.end(), parts[i].begin(), parts[i].end());
        out.failed += failed[i];
    }
    out.first.push_back(std::uint32_t(out.vertices.size()));
    return out;
}

}  // namespace pc
