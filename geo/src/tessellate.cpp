#include "geo/tessellate.h"

#include <cmath>
#include <memory>

#include "earcut.h"

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

double ring_area(const Ring& r) {
    double a = 0;
    for (std::size_t i = 0; i + 1 < r.size(); ++i) a += r[i].x * r[i + 1].y - r[i + 1].x * r[i].y;
    return std::abs(a) / 2;
}

// Ear clipping; false when the triangles do not add up to the polygon's area (a ring crossing
// itself or a hole outside the shell), so the caller repairs it with GEOS instead.
bool triangulate_earcut(const Polygon& poly, std::vector<Coord>& out, bool verify) {
    std::vector<Coord> v;
    std::vector<std::uint32_t> starts;
    double expected = 0;
    for (std::size_t r = 0; r < poly.rings.size(); ++r) {
        const Ring& ring = poly.rings[r];
        if (ring.size() < 4) {
            if (r == 0) return true;
            continue;
        }
        starts.push_back(std::uint32_t(v.size()));
        v.insert(v.end(), ring.begin(), ring.end() - (ring.front() == ring.back() ? 1 : 0));
        if (verify) expected += r == 0 ? ring_area(ring) : -ring_area(ring);
    }
    starts.push_back(std::uint32_t(v.size()));
    std::vector<std::uint32_t> idx = detail::earcut(v, starts);
    const std::size_t before = out.size();
    double got = 0;
    for (std::size_t t = 0; t + 2 < idx.size(); t += 3) {
        const Coord &a = v[idx[t]], &b = v[idx[t + 1]], &c = v[idx[t + 2]];
        if (verify) got += std::abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) / 2;
        out.insert(out.end(), {a, b, c});
    }
    if (verify && std::abs(got - expected) > 1e-9 * std::max(1.0, expected) + 1e-6 * expected) {
        out.resize(before);
        return false;
    }
    return true;
}

std::vector<Coord> triangulate_impl(const GeosContext& ctx, const Geometry& g, bool verify) {
    std::vector<Coord> out;
    if (g.kind != GeometryKind::Polygon || g.polygons.empty()) return out;
    // One polygon at a time: a failure (usually invalid input) only costs that part a repair.
    for (const Polygon& poly : g.polygons) {
        if (poly.rings.empty() || poly.rings[0].size() < 4) continue;
        if (triangulate_earcut(poly, out, verify)) continue;
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

}  // namespace

std::vector<Coord> triangulate(const GeosContext& ctx, const Geometry& g) { return triangulate_impl(ctx, g, true); }

LayerTriangles tessellate_layer(const std::vector<const Geometry*>& features, bool verify) {
    const std::size_t n = features.size();
    std::vector<std::vector<Coord>> parts(n);
    std::vector<char> failed(n, 0);
    std::vector<std::unique_ptr<GeosContext>> contexts(worker_count());
    parallel_for(n, [&](std::size_t i, unsigned w) {
        if (!features[i]) return;
        if (!contexts[w]) contexts[w] = std::make_unique<GeosContext>();
        try {
            parts[i] = triangulate_impl(*contexts[w], *features[i], verify);
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
