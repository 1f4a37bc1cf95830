// Facilities and initiatives as the buffers of their services, and which of them count.
//
// Border truth: a feature counts wherever it stands when its service area reaches the district (a
// tower, a puskesmas or a school across the border serves the people inside it). A feature outside
// the district whose buffer reaches no desa is left out (most likely a placement error). With
// AnalysisOptions::inside_only, only the features that stand in the district count.
#include <algorithm>
#include <cmath>

#include "engine_state.h"
#include "geo/parallel.h"

namespace pc::analysis {

namespace {

bool is_polygonal(GeosContext& c, const GEOSGeometry* g) {
    int t = GEOSGeomTypeId_r(c.get(), g);
    return t == GEOS_POLYGON || t == GEOS_MULTIPOLYGON;
}

double env_distance(const Envelope& e, Coord p) {
    double dx = std::max({e.min_x - p.x, 0.0, p.x - e.max_x});
    double dy = std::max({e.min_y - p.y, 0.0, p.y - e.max_y});
    return std::hypot(dx, dy);
}

}  // namespace

Feat State::make_feat(const std::function<GeosContext&()>& context, const Geometry& projected_in,
                      const ServiceFeature& sf) const {
    Feat f;
    f.id = sf.id;
    f.radius = sf.radius_m;
    if (sf.geometry.empty()) {
        f.outside = true;
        return f;
    }
    const bool single_point = sf.geometry.kind == GeometryKind::Point && projected_in.points.size() == 1;
    Geometry projected = projected_in;
    if (single_point) {
        // Most features: a point. No GEOS object (built on demand where GEOS needs one).
        f.point = projected.points[0];
        f.genv.expand(*f.point);
    } else {
        GeosContext& c = context();
        f.geom = c.from(projected);
        if (sf.geometry.kind == GeometryKind::Polygon && !c.is_valid(f.geom.get())) {
            f.geom = c.polygonal_part(c.make_valid(f.geom.get()).get());
            projected = c.to_geometry(f.geom.get());
        }
        f.genv = c.envelope(f.geom.get());
        prime(c.get(), f.geom.get());
    }
    // Outside = does not meet the district; 1 mm of tolerance absorbs the lon/lat round trip of a
    // feature drawn on the district's edge.
    f.outside = !meets_district(projected);
    if (single_point && sf.radius_m > 0) {
        f.buffer = planar::disc_buffer(local(*f.point), sf.radius_m, options.quadrant_segments);
    } else if (!single_point && (sf.radius_m > 0 || is_polygonal(context(), f.geom.get()))) {
        GeosContext& c = context();
        auto b = c.buffer(f.geom.get(), std::max(0.0, sf.radius_m), options.quadrant_segments);
        f.buffer.poly = to_poly(c, b.get());
    }
    if (f.buffer.poly.empty()) return f;  // serves no area
    if (!f.outside) {
        f.counted = true;
        return f;
    }
    // Standing outside: does the buffer reach a desa (an area in common, not just a touch)?
    if (options.inside_only) return f;
    desa_units.units.grid.query(f.buffer.box(), [&](std::uint32_t i) {
        if (desa[i].area > 0 && planar::interiors_meet(f.buffer, desa_units.units.polys[i])) ++f.reaches;
    });
    f.counted = f.reaches > 0;
    return f;
}

void State::prepare_services(const Project& p, Workers& w) {
    for (auto& t : settings_types) services[t].key = t;
    std::vector<ServiceFeature> sfs;
    for (auto& f : p.facilities)
        if (auto sf = service_feature(p, f)) sfs.push_back(std::move(*sf));
    for (auto& i : p.initiatives)
        if (auto sf = service_feature(i)) sfs.push_back(std::move(*sf));
    // Points projected in one batch; other geometries one by one.
    std::vector<Geometry> projected(sfs.size());
    {
        std::vector<double> xy;
        for (auto& sf : sfs)
            if (sf.geometry.kind == GeometryKind::Point && sf.geometry.points.size() == 1) {
                xy.push_back(sf.geometry.points[0].x);
                xy.push_back(sf.geometry.points[0].y);
            }
        w.proj(0).forward(xy.data(), xy.size() / 2);
        std::size_t k = 0;
        for (std::size_t i = 0; i < sfs.size(); ++i) {
            const auto& g = sfs[i].geometry;
            if (g.kind == GeometryKind::Point && g.points.size() == 1) {
                projected[i] = Geometry::point(xy[2 * k], xy[2 * k + 1]);
                ++k;
            } else if (!g.empty()) {
                projected[i] = w.proj(0).forward(g);
            }
        }
    }
    std::vector<Feat> feats(sfs.size());
    auto make = [&](std::size_t i, unsigned k) {
        feats[i] = make_feat([&]() -> GeosContext& { return w.ctx(k); }, projected[i], sfs[i]);
    };
    if (sfs.size() < 4096) {
        for (std::size_t i = 0; i < sfs.size(); ++i) make(i, 0);
    } else {
        parallel_for(sfs.size(), make);
    }
    for (std::size_t i = 0; i < sfs.size(); ++i) {
        auto& s = services[sfs[i].service];
        s.key = sfs[i].service;
        s.feats.push_back(std::move(feats[i]));
    }
}

std::vector<const planar::Buffer*> State::counted_buffers(const ServiceS& s) const {
    std::vector<const planar::Buffer*> out;
    for (auto& f : s.feats)
        if (f.counted) out.push_back(&f.buffer);
    return out;
}

NearestFeature::NearestFeature(const ServiceS& s) : s_(&s) {
    std::vector<Coord> pts;
    for (auto& f : s.feats) {
        if (!f.counted || f.genv.empty()) continue;
        any_ = true;
        if (f.point) pts.push_back(*f.point);
        else others_.push_back(&f);
    }
    if (pts.empty()) return;
    Envelope e;
    for (auto& p : pts) e.expand(p);
    box_ = e;
    // About two points a cell.
    const double area = std::max(e.width() * e.height(), 1.0);
    cell_ = std::max(std::sqrt(2 * area / double(pts.size())), 1.0);
    nx_ = std::min(4096, int(e.width() / cell_) + 1);
    ny_ = std::min(4096, int(e.height() / cell_) + 1);
    start_.assign(std::size_t(nx_) * ny_ + 1, 0);
    auto cell_of = [&](const Coord& p) {
        int x = std::clamp(int((p.x - box_.min_x) / cell_), 0, nx_ - 1), y = std::clamp(int((p.y - box_.min_y) / cell_), 0, ny_ - 1);
        return std::size_t(y) * nx_ + x;
    };
    for (auto& p : pts) ++start_[cell_of(p) + 1];
    for (std::size_t c = 1; c < start_.size(); ++c) start_[c] += start_[c - 1];
    points_.resize(pts.size());
    std::vector<std::uint32_t> fill(start_.begin(), start_.end() - 1);
    for (auto& p : pts) points_[fill[cell_of(p)]++] = p;
}

double NearestFeature::operator()(const std::function<GeosContext&()>& context, Coord p) const {
    if (!any_) return std::numeric_limits<double>::quiet_NaN();
    double best = std::numeric_limits<double>::infinity();
    // hypot only for a point whose squared distance is within 1e-12 of the least so far: any other is
    // farther by far more than hypot's rounding, so `best` (the least hypot) is the same, at every ring.
    double best2 = std::numeric_limits<double>::infinity();
    if (!points_.empty()) {
        // Rings of cells around p's cell (clamped to the grid) until the ring is farther than the best.
        const int px = int(std::floor((p.x - box_.min_x) / cell_)), py = int(std::floor((p.y - box_.min_y) / cell_));
        const int cx = std::clamp(px, 0, nx_ - 1), cy = std::clamp(py, 0, ny_ - 1);
        const double outside = env_distance(box_, p);
        for (int ring = 0;; ++ring) {
            // Every cell of this ring is at least (ring - 1) cells from p (p may be anywhere in its cell).
            if (ring > 0 && std::max(outside, (ring - 1) * cell_) > best) break;
            if (cx - ring < 0 && cy - ring < 0 && cx + ring >= nx_ && cy + ring >= ny_) break;
            for (int y = cy - ring; y <= cy + ring; ++y) {
                if (y < 0 || y >= ny_) continue;
                const bool edge_row = y == cy - ring || y == cy + ring;
                for (int x = cx - ring; x <= cx + ring; x += edge_row ? 1 : 2 * ring) {
                    if (x >= 0 && x < nx_) {
                        std::size_t cell = std::size_t(y) * nx_ + x;
                        for (std::uint32_t i = start_[cell]; i < start_[cell + 1]; ++i) {
                            const double dx = points_[i].x - p.x, dy = points_[i].y - p.y, d2 = dx * dx + dy * dy;
                            if (!(d2 <= best2 * (1 + 1e-12))) continue;
                            best2 = std::min(best2, d2);
                            best = std::min(best, std::hypot(dx, dy));
                        }
                    }
                }
            }
        }
    }
    if (others_.empty()) return best;
    std::vector<std::pair<double, const Feat*>> cand;
    for (auto* f : others_) cand.push_back({env_distance(f->genv, p), f});
    std::sort(cand.begin(), cand.end(), [](auto& a, auto& b) { return a.first < b.first; });
    GeosContext& c = context();
    auto pt = c.own(GEOSGeom_createPointFromXY_r(c.get(), p.x, p.y), "point");
    for (auto& [lb, f] : cand) {
        if (lb >= best) break;
        best = std::min(best, c.distance(pt.get(), f->geom.get()));
    }
    return best;
}

}  // namespace pc::analysis
