#include "service_area.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pc::planar {

namespace {

double dist2(const Pt& a, const Pt& b) {
    double dx = a.x - b.x, dy = a.y - b.y;
    return dx * dx + dy * dy;
}

// Squared distance from p to the segment s.
double seg_dist2(const Seg& s, const Pt& p) {
    double dx = s.b.x - s.a.x, dy = s.b.y - s.a.y;
    double l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? ((p.x - s.a.x) * dx + (p.y - s.a.y) * dy) / l2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    return dist2(p, {s.a.x + t * dx, s.a.y + t * dy});
}

// How a disc stands to a segment: holds it whole (strictly), misses it (beyond the circumcircle),
// or neither (its edges must be looked at).
enum class DiscTest : std::uint8_t { Holds, Misses, Near };

DiscTest disc_test(const Buffer& b, const Seg& s) {
    const double in = b.r_in - kTol;
    if (in > 0 && dist2(s.a, b.centre) < in * in && dist2(s.b, b.centre) < in * in) return DiscTest::Holds;
    const double out = b.r_out + kTol;
    if (seg_dist2(s, b.centre) > out * out) return DiscTest::Misses;
    return DiscTest::Near;
}

// atan2 within 1e-5 rad (Abramowitz and Stegun 4.4.49 on [0, 1], then the octant): DiscArc only needs
// an edge's angles to well within one of its disc's steps, and libm's atan2 costs ten times as much.
double rough_atan2(double y, double x) {
    const double ax = std::abs(x), ay = std::abs(y);
    const double big = std::max(ax, ay), small = std::min(ax, ay);
    if (big == 0) return 0;
    const double a = small / big, s = a * a;
    double r = a * (0.9998660 + s * (-0.3302995 + s * (0.1801410 + s * (-0.0851330 + s * 0.0208351))));
    if (ay > ax) r = M_PI / 2 - r;
    if (x < 0) r = M_PI - r;
    return y < 0 ? -r : r;
}

// A disc among the candidates of a union edge e: of its 4q edges, only those whose angles (seen from
// its centre) overlap the angles e sweeps can meet e — two or three of 32 —, and a piece is located
// by its distance from the centre unless it lies in the thin ring between the disc's inner and outer
// circles. The same cuts and locations as the disc's Poly, in the same order, for less work.
struct DiscArc {
    const Buffer* disc = nullptr;
    std::uint32_t ranges[2][2] = {{0, 0}, {0, 0}};  // the edges [from, to) that can meet e, in index order
    int range_count = 0;

    DiscArc(const Buffer& b, const Seg& e) : disc(&b) {
        const std::uint32_t n = std::uint32_t(b.poly.edges().size());
        const double step = 2 * M_PI / n;
        const double ta = rough_atan2(e.a.y - b.centre.y, e.a.x - b.centre.x);
        double sweep = rough_atan2(e.b.y - b.centre.y, e.b.x - b.centre.x) - ta;
        if (sweep > M_PI) sweep -= 2 * M_PI;
        if (sweep < -M_PI) sweep += 2 * M_PI;
        // e passes (near) the centre, or a disc of few edges: every edge (a little below a right angle:
        // the angles are rough).
        if (!(std::abs(sweep) < M_PI / 2 - 1e-3) || n < 8) {
            ranges[0][0] = 0;
            ranges[0][1] = n;
            range_count = 1;
            return;
        }
        // Two edges more on each side: the rough angles (1e-5 rad, far below a step), and the tolerance
        // of a touch. Edges that cannot meet e change nothing: more of them is the same result.
        const double lo = std::min(ta, ta + sweep), hi = std::max(ta, ta + sweep);
        long k0 = long(std::floor(lo / step)) - 2, k1 = long(std::floor(hi / step)) + 2;
        const long count = std::min<long>(k1 - k0 + 1, long(n));
        k0 = ((k0 % long(n)) + long(n)) % long(n);
        if (k0 + count <= long(n)) {
            ranges[0][0] = std::uint32_t(k0);
            ranges[0][1] = std::uint32_t(k0 + count);
            range_count = 1;
        } else {  // across edge 0: the low indices first, as the Poly would list them
            ranges[0][0] = 0;
            ranges[0][1] = std::uint32_t(k0 + count - long(n));
            ranges[1][0] = std::uint32_t(k0);
            ranges[1][1] = n;
            range_count = 2;
        }
    }
    const Box& box() const { return disc->poly.box(); }
    template <class F>
    void edges_in(const Box& b, F&& f) const {
        const auto& edges = disc->poly.edges();
        for (int r = 0; r < range_count; ++r)
            for (std::uint32_t k = ranges[r][0]; k < ranges[r][1]; ++k) {
                const Seg& s = edges[k];
                if (std::max(s.a.x, s.b.x) >= b.x0 && std::min(s.a.x, s.b.x) <= b.x1 && std::max(s.a.y, s.b.y) >= b.y0 &&
                    std::min(s.a.y, s.b.y) <= b.y1)
                    f(s);
            }
    }
    Loc locate_piece(const Seg& s) const {
        const Pt m{(s.a.x + s.b.x) / 2, (s.a.y + s.b.y) / 2};
        const double d2 = dist2(m, disc->centre), in = disc->r_in - kTol, out = disc->r_out + kTol;
        if (in > 0 && d2 < in * in) return Loc::In;
        if (d2 > out * out) return Loc::Out;
        return disc->poly.locate_piece(s);
    }
};

}  // namespace

Buffer disc_buffer(Pt c, double radius, int quadrant_segments) {
    Buffer b;
    const int q = std::max(1, quadrant_segments);
    const int n = 4 * q;
    // GEOS (OffsetSegmentGenerator::createCircle) starts at angle 0 and steps by pi / (2 q); the
    // vertices below are the same doubles (checked against GEOSBuffer in planar tests), taken in
    // counter-clockwise order. The unit circle's cosines and sines are the same for every disc.
    thread_local int table_q = 0;
    thread_local std::vector<std::pair<double, double>> unit;
    if (table_q != q) {
        const double step = M_PI / (2.0 * q);
        unit.resize(std::size_t(n));
        for (int k = 0; k < n; ++k) unit[std::size_t(k)] = {std::cos(k * step), std::sin(k * step)};
        table_q = q;
    }
    // Counter-clockwise already, no vertex repeated: the edges as they are, without an index (32 edges
    // are scanned faster than indexed).
    std::vector<Seg> edges(static_cast<std::size_t>(n));
    Pt prev{c.x + radius * unit[0].first, c.y + radius * unit[0].second};
    const Pt first = prev;
    for (int k = 1; k <= n; ++k) {
        const Pt next = k == n ? first
                               : Pt{c.x + radius * unit[std::size_t(k)].first, c.y + radius * unit[std::size_t(k)].second};
        edges[std::size_t(k - 1)] = {prev, next};
        prev = next;
    }
    b.poly.assign_edges(std::move(edges));
    b.centre = c;
    b.r_out = radius;
    b.r_in = radius * std::cos(M_PI / n);
    // Rounding of the vertices: the apothem of the polygon as built may differ from r·cos(pi/n) in the
    // last bits; keep a margin far below kTol.
    b.r_in -= 1e-9 * radius;
    return b;
}

bool interiors_meet(const Buffer& b, const Poly& p) {
    if (!b.disc()) return interiors_meet(b.poly, p);
    if (p.empty() || !b.box().meets(p.box())) return false;
    const double in = b.r_in - kTol, out = b.r_out + kTol;
    double nearest2 = std::numeric_limits<double>::infinity();
    for (const Seg& e : p.edges()) {
        // A vertex of p strictly inside the polygon's inner circle: p's area next to it is in the disc.
        if (in > 0 && dist2(e.a, b.centre) < in * in) return true;
        nearest2 = std::min(nearest2, seg_dist2(e, b.centre));
    }
    // No edge of p comes near the disc: one holds the other, or they lie apart.
    if (nearest2 > out * out) return p.locate(b.centre) == Poly::PointLoc::In;
    return interiors_meet(b.poly, p);
}

template <class F>
bool ServiceArea::buffers_near(const Box& b, F&& f) const {
    return buffer_grid_.query_until(b, f);
}

void ServiceArea::build(std::vector<const Buffer*> buffers) {
    buffers_ = std::move(buffers);
    std::vector<Box> boxes;
    boxes.reserve(buffers_.size());
    for (auto* b : buffers_) boxes.push_back(b->box());
    buffer_grid_.build(boxes);
    boundary_ = union_of_buffers(buffers_, buffer_grid_);
    std::vector<Box> seg_boxes;
    seg_boxes.reserve(boundary_.size());
    box_ = Box{};
    for (auto& s : boundary_) {
        seg_boxes.push_back(Box::of(s.a, s.b));
        box_.add(s.a);
        box_.add(s.b);
    }
    // Cells of a few pieces' length: a query for a short unit edge looks at a handful of pieces.
    double len = 0;
    for (auto& s : boundary_) len += std::sqrt(dist2(s.a, s.b));
    boundary_grid_.build(seg_boxes, boundary_.empty() ? 0 : 4 * len / double(boundary_.size()));
}

Poly::PointLoc ServiceArea::locate(const Pt& p) const {
    bool on = false;
    const Box pb = Box::of(p, p).grown(kTol);
    bool in = buffers_near(pb, [&](std::uint32_t i) {
        const Buffer& b = *buffers_[i];
        if (b.disc()) {
            double d2 = dist2(p, b.centre);
            if (b.r_in > kTol && d2 < (b.r_in - kTol) * (b.r_in - kTol)) return true;
            if (d2 > (b.r_out + kTol) * (b.r_out + kTol)) return false;
        }
        auto l = b.poly.locate(p);
        if (l == Poly::PointLoc::In) return true;
        on |= l == Poly::PointLoc::On;
        return false;
    });
    if (in) return Poly::PointLoc::In;
    return on ? Poly::PointLoc::On : Poly::PointLoc::Out;
}

Loc ServiceArea::locate_piece(const Seg& s) const {
    Pt m{(s.a.x + s.b.x) / 2, (s.a.y + s.b.y) / 2};
    auto l = locate(m);
    if (l == Poly::PointLoc::In) return Loc::In;
    if (l == Poly::PointLoc::Out) return Loc::Out;
    // On a buffer's boundary without a collinear piece of ∂S found by the caller: probe both sides.
    double dx = s.b.x - s.a.x, dy = s.b.y - s.a.y;
    double len = std::sqrt(dx * dx + dy * dy);
    if (len == 0) return Loc::Out;
    constexpr double probe = 1e-6;
    Pt left{m.x - dy / len * probe, m.y + dx / len * probe}, right{m.x + dy / len * probe, m.y - dx / len * probe};
    bool li = locate(left) == Poly::PointLoc::In, ri = locate(right) == Poly::PointLoc::In;
    if (li && ri) return Loc::In;
    if (li) return Loc::OnSame;
    if (ri) return Loc::OnOpp;
    return Loc::Out;
}

std::vector<Seg> union_of_buffers(const std::vector<const Buffer*>& buffers, const BoxGrid& grid) {
    std::vector<Seg> out;
    Split split;
    std::vector<const Poly*> cands;
    std::vector<std::uint32_t> ids;
    std::vector<DiscArc> arcs;
    std::vector<const DiscArc*> arc_ptrs;
    ChainHints chain;
    for (std::uint32_t i = 0; i < buffers.size(); ++i) {
        chain.reset();
        std::uint32_t last_holder = ~0u;  // the disc that held the previous edge: likely this one's too
        for (auto& e : buffers[i]->poly.edges()) {
            cands.clear();
            ids.clear();
            if (last_holder != ~0u && disc_test(*buffers[last_holder], e) == DiscTest::Holds) {
                chain.reset();
                continue;
            }
            last_holder = ~0u;
            // A buffer whose inner disc holds the edge settles it: inside S, not on its boundary.
            bool held = grid.query_until(Box::of(e.a, e.b).grown(kTol), [&](std::uint32_t j) {
                if (j == i) return false;
                const Buffer& b = *buffers[j];
                if (b.disc()) {
                    auto t = disc_test(b, e);
                    if (t == DiscTest::Holds) {
                        last_holder = j;
                        return true;
                    }
                    if (t == DiscTest::Misses) return false;
                }
                cands.push_back(&b.poly);
                ids.push_back(j);
                return false;
            });
            if (held) {
                chain.reset();
                continue;
            }
            // Discs only (the usual case): each cut against the few edges of its own that can meet e.
            bool discs = true;
            for (std::uint32_t j : ids) discs = discs && buffers[j]->disc();
            if (discs && !ids.empty()) {
                arcs.clear();
                for (std::uint32_t j : ids) arcs.emplace_back(*buffers[j], e);
                arc_ptrs.clear();
                for (auto& a : arcs) arc_ptrs.push_back(&a);
                append_union_pieces(e, i, arc_ptrs, ids, split, chain, out);
                continue;
            }
            append_union_pieces(e, i, cands, ids, split, chain, out);
        }
    }
    return out;
}

}  // namespace pc::planar
