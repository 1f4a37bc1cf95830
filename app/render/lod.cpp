#include "render/lod.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "geo/parallel.h"

namespace pc::gui {
namespace {

struct GridPoint {
    std::int64_t x, y;
    friend bool operator==(const GridPoint&, const GridPoint&) = default;
};

struct PointHash {
    std::size_t operator()(const GridPoint& p) const {
        return std::size_t(std::uint64_t(p.x) * 0x9e3779b97f4a7c15ull ^ (std::uint64_t(p.y) + 0x632be59bd9b4e019ull));
    }
};

bool less(const GridPoint& a, const GridPoint& b) { return a.x < b.x || (a.x == b.x && a.y < b.y); }

// Douglas-Peucker over pts[first..last] (both kept), marking kept points.
void douglas_peucker(const std::vector<GridPoint>& pts, std::size_t first, std::size_t last, double tol, std::vector<char>& keep) {
    std::vector<std::pair<std::size_t, std::size_t>> stack{{first, last}};
    while (!stack.empty()) {
        auto [a, b] = stack.back();
        stack.pop_back();
        if (b <= a + 1) continue;
        const double ax = double(pts[a].x), ay = double(pts[a].y);
        const double dx = double(pts[b].x) - ax, dy = double(pts[b].y) - ay;
        const double len2 = dx * dx + dy * dy;
        double worst = -1;
        std::size_t at = a;
        for (std::size_t i = a + 1; i < b; ++i) {
            const double px = double(pts[i].x) - ax, py = double(pts[i].y) - ay;
            double d2;
            if (len2 == 0) {
                d2 = px * px + py * py;
            } else {
                const double cross = px * dy - py * dx;
                d2 = cross * cross / len2;
            }
            if (d2 > worst) {
                worst = d2;
                at = i;
            }
        }
        if (worst > tol * tol) {
            keep[at] = 1;
            stack.push_back({a, at});
            stack.push_back({at, b});
        }
    }
}

struct SegmentKey {
    GridPoint a, b;  // a < b lexicographically: the segment without its direction
    friend bool operator==(const SegmentKey&, const SegmentKey&) = default;
};

struct SegmentHash {
    std::size_t operator()(const SegmentKey& k) const {
        std::uint64_t h = 1469598103934665603ull;
        for (std::int64_t v : {k.a.x, k.a.y, k.b.x, k.b.y}) {
            h ^= std::uint64_t(v) + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
        }
        return std::size_t(h);
    }
};

}  // namespace

SnapGrid SnapGrid::metres(Coord o, double cell_m) {
    constexpr double kMetresPerDegree = 6371008.8 * 3.14159265358979323846 / 180.0;
    SnapGrid g;
    g.lon0 = o.x;
    g.lat0 = o.y;
    g.cell_lat = cell_m / kMetresPerDegree;
    g.cell_lon = cell_m / (kMetresPerDegree * std::max(0.05, std::cos(o.y * 3.14159265358979323846 / 180.0)));
    return g;
}

std::int64_t SnapGrid::ix(double lon) const { return std::int64_t(std::llround((lon - lon0) / cell_lon)); }
std::int64_t SnapGrid::iy(double lat) const { return std::int64_t(std::llround((lat - lat0) / cell_lat)); }

Geometry snap_polygons(const Geometry& g, const SnapGrid& grid) {
    if (g.kind != GeometryKind::Polygon) return g;
    Geometry out;
    out.kind = GeometryKind::Polygon;
    std::vector<GridPoint> pts;
    for (const Polygon& poly : g.polygons) {
        Polygon sp;
        for (std::size_t r = 0; r < poly.rings.size(); ++r) {
            pts.clear();
            for (const Coord& c : poly.rings[r]) {
                GridPoint p{grid.ix(c.x), grid.iy(c.y)};
                if (pts.empty() || !(pts.back() == p)) pts.push_back(p);
            }
            while (pts.size() > 1 && pts.front() == pts.back()) pts.pop_back();
            if (pts.size() < 3) {
                if (r == 0) break;  // no shell: the whole polygon is below a cell
                continue;
            }
            Ring ring;
            ring.reserve(pts.size() + 1);
            for (const GridPoint& p : pts) ring.push_back(grid.at(p.x, p.y));
            ring.push_back(ring.front());
            sp.rings.push_back(std::move(ring));
        }
        if (!sp.rings.empty()) out.polygons.push_back(std::move(sp));
    }
    if (out.polygons.empty()) out.kind = GeometryKind::Empty;
    return out;
}

std::vector<std::vector<double>> unique_segments(const std::vector<const Geometry*>& features, const SnapGrid& grid) {
    std::vector<std::vector<double>> out(features.size());
    std::unordered_set<SegmentKey, SegmentHash> seen;
    std::size_t total = 0;
    for (const Geometry* g : features)
        if (g) total += g->vertex_count();
    seen.reserve(total);
    auto path = [&](const std::vector<Coord>& pts, std::vector<double>& segs) {
        if (pts.size() < 2) return;
        GridPoint prev{grid.ix(pts[0].x), grid.iy(pts[0].y)};
        for (std::size_t i = 1; i < pts.size(); ++i) {
            GridPoint cur{grid.ix(pts[i].x), grid.iy(pts[i].y)};
            if (cur == prev) continue;
            bool ordered = prev.x < cur.x || (prev.x == cur.x && prev.y < cur.y);
            SegmentKey k = ordered ? SegmentKey{prev, cur} : SegmentKey{cur, prev};
            if (seen.insert(k).second) {
                Coord a = grid.at(prev.x, prev.y), b = grid.at(cur.x, cur.y);
                segs.insert(segs.end(), {a.x, a.y, b.x, b.y});
            }
            prev = cur;
        }
    };
    for (std::size_t f = 0; f < features.size(); ++f) {
        const Geometry* g = features[f];
        if (!g) continue;
        for (const Polygon& poly : g->polygons)
            for (const Ring& ring : poly.rings) path(ring, out[f]);
        for (const auto& line : g->lines) path(line, out[f]);
    }
    return out;
}

LayerTopology layer_topology(const std::vector<const Geometry*>& features, const SnapGrid& exact) {
    LayerTopology t;
    t.segments = unique_segments(features, exact);
    std::unordered_map<GridPoint, int, PointHash> degree;
    std::size_t total = 0;
    for (const auto& segs : t.segments) total += segs.size() / 2;
    degree.reserve(total);
    for (const auto& segs : t.segments)
        for (std::size_t i = 0; i + 3 < segs.size(); i += 4) {
            ++degree[GridPoint{exact.ix(segs[i]), exact.iy(segs[i + 1])}];
            ++degree[GridPoint{exact.ix(segs[i + 2]), exact.iy(segs[i + 3])}];
        }
    t.junction.resize(features.size());
    parallel_for(features.size(), [&](std::size_t f, unsigned) {
        const Geometry* g = features[f];
        if (!g) return;
        for (const Polygon& poly : g->polygons) {
            std::vector<std::vector<char>> pr;
            for (const Ring& ring : poly.rings) {
                std::vector<char> j(ring.size(), 0);
                for (std::size_t i = 0; i < ring.size(); ++i) {
                    auto it = degree.find(GridPoint{exact.ix(ring[i].x), exact.iy(ring[i].y)});
                    j[i] = it != degree.end() && it->second != 2;
                }
                pr.push_back(std::move(j));
            }
            t.junction[f].push_back(std::move(pr));
        }
    });
    return t;
}

SimplifiedLayer simplify_layer(const std::vector<const Geometry*>& features, const LayerTopology& topo, const SnapGrid& grid,
                               double tol) {
    using GridRing = std::vector<GridPoint>;
    SimplifiedLayer out;
    out.polygons.resize(features.size());
    parallel_for(features.size(), [&](std::size_t f, unsigned) {
        const Geometry* src = features[f];
        if (!src || src->kind != GeometryKind::Polygon || f >= topo.junction.size()) return;
        Geometry& g = out.polygons[f];
        GridRing ring;
        std::vector<char> keep;
        GridRing chain;
        std::vector<char> chain_keep;
        std::vector<std::size_t> fixed;
        for (std::size_t pi = 0; pi < src->polygons.size() && pi < topo.junction[f].size(); ++pi) {
            const Polygon& sp = src->polygons[pi];
            Polygon poly;
            for (std::size_t r = 0; r < sp.rings.size() && r < topo.junction[f][pi].size(); ++r) {
                const std::vector<char>& junction = topo.junction[f][pi][r];
                // Snap; a point merged from several keeps the junction mark of any of them.
                ring.clear();
                keep.clear();
                for (std::size_t i = 0; i < sp.rings[r].size(); ++i) {
                    const Coord& c = sp.rings[r][i];
                    GridPoint p{grid.ix(c.x), grid.iy(c.y)};
                    if (!ring.empty() && ring.back() == p) {
                        keep.back() = char(keep.back() | junction[i]);
                        continue;
                    }
                    ring.push_back(p);
                    keep.push_back(junction[i]);
                }
                while (ring.size() > 1 && ring.front() == ring.back()) {
                    keep.front() = char(keep.front() | keep.back());
                    ring.pop_back();
                    keep.pop_back();
                }
                const std::size_t n = ring.size();
                if (n < 3) {
                    if (r == 0) break;
                    continue;
                }
                std::size_t lo = 0, hi = 0;
                for (std::size_t i = 0; i < n; ++i) {
                    if (less(ring[i], ring[lo])) lo = i;
                    if (less(ring[hi], ring[i])) hi = i;
                }
                if (std::count(keep.begin(), keep.end(), 1) < 2) keep[lo] = keep[hi] = 1;
                // Chains between kept points, each simplified from its lesser end so both polygons
                // that share it get the same vertices.
                fixed.clear();
                for (std::size_t i = 0; i < n; ++i)
                    if (keep[i]) fixed.push_back(i);
                for (std::size_t k = 0; k < fixed.size(); ++k) {
                    std::size_t a = fixed[k], b = fixed[(k + 1) % fixed.size()];
                    std::size_t len = (b + n - a) % n;
                    if (len < 2) continue;
                    chain.clear();
                    for (std::size_t j = 0; j <= len; ++j) chain.push_back(ring[(a + j) % n]);
                    const bool reversed = less(chain.back(), chain.front());
                    if (reversed) std::reverse(chain.begin(), chain.end());
                    chain_keep.assign(chain.size(), 0);
                    douglas_peucker(chain, 0, chain.size() - 1, tol, chain_keep);
                    if (reversed) std::reverse(chain_keep.begin(), chain_keep.end());
                    for (std::size_t j = 1; j < len; ++j)
                        if (chain_keep[j]) keep[(a + j) % n] = 1;
                }
                Ring out_ring;
                for (std::size_t i = 0; i < n; ++i)
                    if (keep[i]) out_ring.push_back(grid.at(ring[i].x, ring[i].y));
                if (out_ring.size() < 3) {
                    if (r == 0) break;
                    continue;
                }
                out_ring.push_back(out_ring.front());
                poly.rings.push_back(std::move(out_ring));
            }
            if (!poly.rings.empty()) g.polygons.push_back(std::move(poly));
        }
        g.kind = g.polygons.empty() ? GeometryKind::Empty : GeometryKind::Polygon;
    });
    std::vector<const Geometry*> ptrs;
    for (const auto& g : out.polygons) ptrs.push_back(&g);
    out.segments = unique_segments(ptrs, grid);
    return out;
}

std::size_t pick_level(const std::vector<double>& cells_m, double ppm, double max_cell_px) {
    std::size_t best = 0;
    for (std::size_t i = 0; i < cells_m.size(); ++i)
        if (cells_m[i] * ppm <= max_cell_px) best = i;
    return best;
}

}  // namespace pc::gui
