// Demand of a site suggestion (suggest_demand.h): tiled uncovered pieces and the disc clip.
#include "suggest_demand.h"

#include <algorithm>
#include <cmath>

#include "geo/geometry.h"
#include "service_area.h"

namespace pc::analysis::suggest {

namespace {

constexpr std::uint32_t kNone = ~0u;

double shoelace2(const std::vector<planar::Pt>& r, std::size_t b, std::size_t e) {
    double s = 0;
    for (std::size_t i = b, j = e - 1; i < e; j = i++) s += planar::cross_term(r[j], r[i]);
    return s;
}

// Appends the rings of a polygonal GEOS geometry, shells counter-clockwise and holes clockwise.
void append_rings(GeosContext& c, const GEOSGeometry* g, Piece& p) {
    c.for_each_polygon_ring(g, [&](const double* xy, unsigned n, bool hole) {
        const std::size_t b = p.pts.size();
        for (unsigned i = 0; i + 1 < n; ++i) p.pts.push_back({xy[2 * i], xy[2 * i + 1]});
        const std::size_t e = p.pts.size();
        const double a = shoelace2(p.pts, b, e);
        if ((a < 0) != hole) std::reverse(p.pts.begin() + std::ptrdiff_t(b), p.pts.end());
        p.ring_end.push_back(std::uint32_t(e));
        for (std::size_t i = b; i < e; ++i) p.box.add(p.pts[i]);
    });
}

}  // namespace

Disc make_disc(planar::Pt centre, double radius, int quadrant_segments) {
    const planar::Buffer b = planar::disc_buffer(centre, radius, quadrant_segments);
    Disc d;
    d.centre = centre;
    d.r_out = b.r_out;
    d.r_in = b.r_in;
    for (auto& e : b.poly.edges()) d.v.push_back(e.a);
    d.box = b.poly.box();
    return d;
}

GeomPtr disc_geometry(GeosContext& c, const Disc& d) {
    Ring r;
    for (auto& p : d.v) r.push_back({p.x, p.y});
    r.push_back(r.front());
    return c.from(Geometry::polygon(std::move(r)));
}

double area_inside(const Piece& p, const Disc& d) {
    const planar::Box& b = p.box;
    if (p.pts.empty() || !b.meets(d.box)) return 0;
    const double cx = d.centre.x, cy = d.centre.y;
    const double nx = std::max({b.x0 - cx, 0.0, cx - b.x1}), ny = std::max({b.y0 - cy, 0.0, cy - b.y1});
    if (nx * nx + ny * ny >= d.r_out * d.r_out) return 0;
    const double fx = std::max(std::abs(b.x0 - cx), std::abs(b.x1 - cx));
    const double fy = std::max(std::abs(b.y0 - cy), std::abs(b.y1 - cy));
    if (fx * fx + fy * fy <= d.r_in * d.r_in) return p.area;
    // Only the disc's edges that cut the box can cut the piece.
    const std::size_t n = d.v.size();
    thread_local std::vector<std::uint32_t> active;
    active.clear();
    for (std::size_t k = 0; k < n; ++k) {
        const planar::Pt a = d.v[k], e = d.v[k + 1 == n ? 0 : k + 1];
        const double ex = e.x - a.x, ey = e.y - a.y;
        // The box corner farthest outside this edge's line (interior on the left).
        const double qx = ey > 0 ? b.x1 : b.x0, qy = ex > 0 ? b.y0 : b.y1;
        if (ex * (qy - a.y) - ey * (qx - a.x) < 0) active.push_back(std::uint32_t(k));
    }
    if (active.empty()) return p.area;
    thread_local std::vector<planar::Pt> in, out;
    double twice = 0;
    std::size_t begin = 0;
    for (auto end : p.ring_end) {
        in.assign(p.pts.begin() + std::ptrdiff_t(begin), p.pts.begin() + std::ptrdiff_t(end));
        begin = end;
        for (auto k : active) {
            if (in.empty()) break;
            const planar::Pt a = d.v[k], e = d.v[k + 1 == n ? 0 : k + 1];
            const double ex = e.x - a.x, ey = e.y - a.y;
            auto side = [&](const planar::Pt& q) { return ex * (q.y - a.y) - ey * (q.x - a.x); };
            out.clear();
            planar::Pt prev = in.back();
            double sp = side(prev);
            for (auto& q : in) {
                const double sq = side(q);
                if (sq >= 0) {
                    if (sp < 0) {
                        const double t = sp / (sp - sq);
                        out.push_back({prev.x + (q.x - prev.x) * t, prev.y + (q.y - prev.y) * t});
                    }
                    out.push_back(q);
                } else if (sp >= 0) {
                    const double t = sp / (sp - sq);
                    out.push_back({prev.x + (q.x - prev.x) * t, prev.y + (q.y - prev.y) * t});
                }
                prev = q;
                sp = sq;
            }
            std::swap(in, out);
        }
        if (in.size() >= 3) twice += shoelace2(in, 0, in.size());
    }
    return std::clamp(twice / 2, 0.0, p.area);  // beyond [0, area] only by rounding
}

Demand::Demand(GeosContext& c, std::vector<Input> inputs, double tile) : c_(&c) {
    planar::Box all;
    std::vector<Envelope> envs(inputs.size());
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        envs[i] = c.envelope(inputs[i].geom.get());
        if (envs[i].empty()) continue;
        all.add(planar::Pt{envs[i].min_x, envs[i].min_y});
        all.add(planar::Pt{envs[i].max_x, envs[i].max_y});
    }
    if (all.empty()) all = {0, 0, 1, 1};
    // At most about four million tiles, whatever the radius.
    const double w = all.x1 - all.x0, h = all.y1 - all.y0;
    tile_ = std::max({tile, std::sqrt(w * h / 4e6), 1.0});
    x0_ = all.x0;
    y0_ = all.y0;
    nx_ = int(w / tile_) + 1;
    ny_ = int(h / tile_) + 1;
    base_.assign(std::size_t(nx_) * std::size_t(ny_), {});
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        if (envs[i].empty() || inputs[i].density <= 0) continue;
        const int cx0 = std::clamp(int((envs[i].min_x - x0_) / tile_), 0, nx_ - 1);
        const int cx1 = std::clamp(int((envs[i].max_x - x0_) / tile_), 0, nx_ - 1);
        const int cy0 = std::clamp(int((envs[i].min_y - y0_) / tile_), 0, ny_ - 1);
        const int cy1 = std::clamp(int((envs[i].max_y - y0_) / tile_), 0, ny_ - 1);
        for (int y = cy0; y <= cy1; ++y)
            for (int x = cx0; x <= cx1; ++x) {
                GeomPtr part;
                if (cx0 == cx1 && cy0 == cy1) {
                    part = std::move(inputs[i].geom);
                } else {
                    const double bx = x0_ + x * tile_, by = y0_ + y * tile_;
                    part = c.polygonal_part(
                        c.own(GEOSClipByRect_r(c.get(), inputs[i].geom.get(), bx, by, bx + tile_, by + tile_), "clip by tile")
                            .get());
                }
                const std::uint32_t id = add_piece(std::move(part), inputs[i].owner, inputs[i].density);
                if (id == kNone) continue;
                base_[std::size_t(y) * std::size_t(nx_) + std::size_t(x)].push_back(id);
                base_ids_.push_back(id);
                total_ += pieces_[id].density * pieces_[id].area;
            }
    }
    cur_ = base_;
}

std::uint32_t Demand::add_piece(GeomPtr g, std::uint32_t owner, double density) {
    if (!g || GEOSisEmpty_r(c_->get(), g.get()) == 1) return kNone;
    Piece p;
    p.owner = owner;
    p.density = density;
    append_rings(*c_, g.get(), p);
    double twice = 0;
    std::size_t b = 0;
    for (auto e : p.ring_end) {
        twice += shoelace2(p.pts, b, e);
        b = e;
    }
    p.area = twice / 2;
    if (!(p.area > 0)) return kNone;
    p.geom = std::move(g);
    pieces_.push_back(std::move(p));
    return std::uint32_t(pieces_.size() - 1);
}

template <class F>
void Demand::cells_under(const planar::Box& b, F&& f) {
    const int cx0 = std::clamp(int(std::floor((b.x0 - x0_) / tile_)), 0, nx_ - 1);
    const int cx1 = std::clamp(int(std::floor((b.x1 - x0_) / tile_)), 0, nx_ - 1);
    const int cy0 = std::clamp(int(std::floor((b.y0 - y0_) / tile_)), 0, ny_ - 1);
    const int cy1 = std::clamp(int(std::floor((b.y1 - y0_) / tile_)), 0, ny_ - 1);
    if (b.x1 < x0_ || b.y1 < y0_ || b.x0 > x0_ + nx_ * tile_ || b.y0 > y0_ + ny_ * tile_) return;
    for (int y = cy0; y <= cy1; ++y)
        for (int x = cx0; x <= cx1; ++x) f(std::size_t(y) * std::size_t(nx_) + std::size_t(x));
}

double Demand::mass_inside(const Disc& d, std::vector<double>* per_owner) const {
    double sum = 0;
    const_cast<Demand*>(this)->cells_under(d.box, [&](std::size_t cell) {
        for (auto id : cur_[cell]) {
            const Piece& p = pieces_[id];
            const double a = area_inside(p, d);
            if (a <= 0) continue;
            sum += p.density * a;
            if (per_owner) (*per_owner)[p.owner] += p.density * a;
        }
    });
    return sum;
}

void Demand::cover(const Disc& d, const GEOSGeometry* dg) {
    cells_under(d.box, [&](std::size_t cell) {
        std::vector<std::uint32_t> kept;
        for (auto id : cur_[cell]) {
            const double a = area_inside(pieces_[id], d);
            if (a <= 0) {
                kept.push_back(id);
                continue;
            }
            if (a >= pieces_[id].area) continue;  // wholly inside
            auto rest = c_->polygonal_part(c_->difference(pieces_[id].geom.get(), dg).get());
            const std::uint32_t nid = add_piece(std::move(rest), pieces_[id].owner, pieces_[id].density);
            if (nid != kNone) kept.push_back(nid);
        }
        cur_[cell] = std::move(kept);
    });
}

void Demand::rebuild_under(const Disc& d, const std::vector<const Disc*>& others,
                           const std::vector<const GEOSGeometry*>& other_geoms) {
    cells_under(d.box, [&](std::size_t cell) {
        std::vector<std::uint32_t> rebuilt;
        for (auto id : base_[cell]) {
            std::uint32_t cur = id;
            for (std::size_t o = 0; o < others.size() && cur != kNone; ++o) {
                const double a = area_inside(pieces_[cur], *others[o]);
                if (a <= 0) continue;
                if (a >= pieces_[cur].area) {
                    cur = kNone;
                    break;
                }
                auto rest = c_->polygonal_part(c_->difference(pieces_[cur].geom.get(), other_geoms[o]).get());
                cur = add_piece(std::move(rest), pieces_[cur].owner, pieces_[cur].density);
            }
            if (cur != kNone) rebuilt.push_back(cur);
        }
        cur_[cell] = std::move(rebuilt);
    });
}

void Demand::reset() { cur_ = base_; }

}  // namespace pc::analysis::suggest
