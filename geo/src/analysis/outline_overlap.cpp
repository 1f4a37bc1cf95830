#include "outline_overlap.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <span>

namespace pc::planar {

namespace {

// O's edges in square cells, each edge in the cells its segment passes (with a margin), not in every
// cell of its box. A query reports an edge once per cell it shares with the query box.
class SegmentCells {
public:
    SegmentCells(const std::vector<Seg>& edges, double cell) {
        for (auto& e : edges) {
            box_.add(e.a);
            box_.add(e.b);
        }
        if (box_.empty()) return;
        const double w = box_.x1 - box_.x0, h = box_.y1 - box_.y0;
        cell = std::max({cell, std::max(w, h) / 4000, 1e-6});
        inv_ = 1 / cell;
        gx_ = int(w * inv_) + 1;
        gy_ = int(h * inv_) + 1;
        // Rounding of the cell bounds below and of the interpolated y is far below this.
        const double m = kTol + 1e-9 * (w + h + cell);
        std::vector<std::pair<std::uint32_t, std::uint32_t>> at;  // (cell, edge)
        for (std::uint32_t e = 0; e < edges.size(); ++e) {
            const Seg& s = edges[e];
            const double minx = std::min(s.a.x, s.b.x), maxx = std::max(s.a.x, s.b.x);
            const double miny = std::min(s.a.y, s.b.y), maxy = std::max(s.a.y, s.b.y);
            const double dx = s.b.x - s.a.x, dy = s.b.y - s.a.y;
            const int c0 = col(minx - m), c1 = col(maxx + m);
            for (int c = c0; c <= c1; ++c) {
                double lo = miny, hi = maxy;
                if (c0 != c1 && dx != 0) {
                    // The segment's y over the column's x (grown by the margin).
                    const double xl = std::max(minx, box_.x0 + c * cell - m), xr = std::min(maxx, box_.x0 + (c + 1) * cell + m);
                    const double ya = s.a.y + (xl - s.a.x) / dx * dy, yb = s.a.y + (xr - s.a.x) / dx * dy;
                    lo = std::max(miny, std::min(ya, yb));
                    hi = std::min(maxy, std::max(ya, yb));
                }
                for (int r = row(lo - m), r1 = row(hi + m); r <= r1; ++r)
                    at.push_back({std::uint32_t(r) * std::uint32_t(gx_) + std::uint32_t(c), e});
            }
        }
        start_.assign(std::size_t(gx_) * std::size_t(gy_) + 1, 0);
        for (auto& [c, e] : at) ++start_[c + 1];
        for (std::size_t c = 1; c < start_.size(); ++c) start_[c] += start_[c - 1];
        items_.resize(at.size());
        std::vector<std::uint32_t> fill(start_.begin(), start_.end() - 1);
        for (auto& [c, e] : at) items_[fill[c]++] = e;
    }

    // f(edge) for the edges in the cells b meets (an edge in several of them comes once for each).
    template <class F>
    void near(const Box& b, F&& f) const {
        if (items_.empty() || !box_.meets(b)) return;
        const int c0 = col(b.x0), c1 = col(b.x1), r0 = row(b.y0), r1 = row(b.y1);
        for (int r = r0; r <= r1; ++r)
            for (int c = c0; c <= c1; ++c) {
                const std::size_t k = std::size_t(r) * std::size_t(gx_) + std::size_t(c);
                for (std::uint32_t i = start_[k]; i < start_[k + 1]; ++i) f(items_[i]);
            }
    }

private:
    int col(double x) const { return clamped_cell(x, box_.x0, inv_, gx_); }
    int row(double y) const { return clamped_cell(y, box_.y0, inv_, gy_); }
    Box box_;
    double inv_ = 0;
    int gx_ = 1, gy_ = 1;
    std::vector<std::uint32_t> start_, items_;
};

// Where a piece s of an edge lies against a region, from what the region's boundary does at s's
// start, when that settles it: s has no contact inside it (split_locate cut it at every one), and
// `near` (indexes into `segs`) holds every boundary segment within kTol of the edge. Nothing of the
// boundary at s's start: the location `carried` of the piece that ended there (kUnknown: none); one
// boundary segment crossing there: the region lies on its left; a vertex of the boundary there: the
// region is the sector swept counter-clockwise from the way out to the way in. False where it does
// not settle it, and where s's midpoint (what locate_piece locates) lies on the boundary: its probes
// decide then.
bool local_location(const Seg& s, const Seg& edge, const std::vector<Seg>& segs, std::span<const std::uint32_t> near,
                    std::uint8_t carried, Loc& l) {
    const Pt v = s.a;
    const Box at = Box::of(v, v).grown(4 * kTol);
    const Seg* touch[2];
    int n = 0;
    for (auto k : near) {
        const Seg& p = segs[k];
        if (!Box::of(p.a, p.b).meets(at)) continue;
        const double px = p.b.x - p.a.x, py = p.b.y - p.a.y;
        if (std::abs(px * (v.y - p.a.y) - py * (v.x - p.a.x)) > 4 * kTol * std::sqrt(px * px + py * py)) continue;
        if (n == 2) return false;
        touch[n++] = &p;
    }
    if (n == 0 && carried == kUnknown) return false;
    const Pt m{(s.a.x + s.b.x) / 2, (s.a.y + s.b.y) / 2};
    if (std::any_of(near.begin(), near.end(), [&](std::uint32_t k) { return ray_step(segs[k], m).on; })) return false;
    if (n == 0) {
        l = Loc(carried);
        return true;
    }
    const double dx = s.b.x - s.a.x, dy = s.b.y - s.a.y;
    auto cross = [](double ax, double ay, double bx, double by) { return ax * by - ay * bx; };
    if (n == 1) {
        // Only where the edge's cut at s's start is its proper crossing with that segment (not a
        // segment passing close by, crossing further on).
        const Seg& p = *touch[0];
        if (p.a == v || p.b == v || !(crossing_point(edge, p) == v)) return false;
        const double ex = edge.b.x - edge.a.x, ey = edge.b.y - edge.a.y, px = p.b.x - p.a.x, py = p.b.y - p.a.y;
        const double elen = std::sqrt(ex * ex + ey * ey), plen = std::sqrt(px * px + py * py);
        const double d1 = cross(ex, ey, p.a.x - edge.a.x, p.a.y - edge.a.y) / elen, d2 = cross(ex, ey, p.b.x - edge.a.x, p.b.y - edge.a.y) / elen;
        const double d3 = cross(px, py, edge.a.x - p.a.x, edge.a.y - p.a.y) / plen, d4 = cross(px, py, edge.b.x - p.a.x, edge.b.y - p.a.y) / plen;
        if (std::abs(d1) <= kTol || std::abs(d2) <= kTol || (d1 > 0) == (d2 > 0)) return false;
        if (std::abs(d3) <= kTol || std::abs(d4) <= kTol || (d3 > 0) == (d4 > 0)) return false;
        const double c = cross(px, py, dx, dy);
        if (c == 0) return false;
        l = c > 0 ? Loc::In : Loc::Out;
        return true;
    }
    const Seg* in = touch[0]->b == v ? touch[0] : touch[1]->b == v ? touch[1] : nullptr;
    const Seg* out = touch[0]->a == v ? touch[0] : touch[1]->a == v ? touch[1] : nullptr;
    if (!in || !out || in == out) return false;
    const double ax = in->a.x - v.x, ay = in->a.y - v.y, bx = out->b.x - v.x, by = out->b.y - v.y;
    const double cb = cross(bx, by, dx, dy), ca = cross(dx, dy, ax, ay), cba = cross(bx, by, ax, ay);
    if (cb == 0 || ca == 0 || cba == 0) return false;
    l = (cba > 0 ? cb > 0 && ca > 0 : !(cb < 0 && ca < 0)) ? Loc::In : Loc::Out;
    return true;
}

// O as split_locate's candidate for one piece of D: its edges near the piece (found beforehand).
struct OutlineNear {
    const Poly& o;
    const std::vector<std::uint32_t>* near = nullptr;
    std::uint8_t carried = kUnknown;  // the location of the piece of D that ended where this one starts
    Seg edge;                         // the piece of D being cut
    const Box& box() const { return o.box(); }
    template <class F>
    void edges_in(const Box& b, F&& f) const {
        for (auto e : *near) {
            const Seg& s = o.edges()[e];
            if (Box::of(s.a, s.b).meets(b)) f(s);
        }
    }
    Loc locate_piece(const Seg& s) const {
        Loc l;
        if (local_location(s, edge, o.edges(), *near, s.a == edge.a ? carried : kUnknown, l)) return l;
        return o.locate_piece(s);
    }
};

// D as split_locate's candidate for one edge f of O: the pieces of D that came near f, and D's point
// location as overlay() has it (a Poly of D's pieces) without building it for a few points.
class DistrictNear {
public:
    DistrictNear(const std::vector<Seg>& d, std::size_t nd, const Box& dbox) : d_(d), box_(dbox) {
        // The y-bins Poly::finish would give D (for the same answers on the boundary's tolerance).
        nbins_ = int(std::clamp<std::size_t>(nd / 2, 1, std::size_t(1) << 18));
        const double h = box_.y1 - box_.y0;
        inv_h_ = h > 0 ? nbins_ / h : 0;
    }
    const Box& box() const { return box_; }
    template <class F>
    void edges_in(const Box& b, F&& f) const {
        for (auto k : near_) {
            const Seg& p = d_[k];
            if (Box::of(p.a, p.b).meets(b)) f(p);
        }
    }
    Loc locate_piece(const Seg& s) const {
        Loc l;
        if (local_location(s, edge_, d_, near_, start_known_ && s.a == edge_.a ? std::uint8_t(start_loc_) : kUnknown, l)) return l;
        return locate_piece_by(s, [this](const Pt& p) { return locate(p); });
    }
    // Before f's split: its near pieces, and the location of the piece that ended where f starts.
    void set_edge(std::span<const std::uint32_t> near, const Seg& f, bool prev_known, Loc prev) {
        near_ = near;
        edge_ = f;
        start_known_ = prev_known && (prev == Loc::In || prev == Loc::Out);
        start_loc_ = prev;
    }

private:
    // Poly::locate over D's pieces: the edges of p's y-bin, in order. A scan of every piece for the
    // first few points, then the Poly itself.
    Poly::PointLoc locate(const Pt& p) const {
        if (poly_) return poly_->locate(p);
        if (++scans_ > 16) {
            poly_ = std::make_unique<Poly>();
            poly_->add_edges(d_);
            poly_->finish(false);
            return poly_->locate(p);
        }
        if (p.x < box_.x0 - kTol || p.x > box_.x1 + kTol || p.y < box_.y0 - kTol || p.y > box_.y1 + kTol)
            return Poly::PointLoc::Out;
        const int top = nbins_ - 1;
        auto bin_of = [&](double y) {
            const int k = int((y - box_.y0) * inv_h_);
            return k > top ? top : k;
        };
        const int k = clamped_cell(p.y, box_.y0, inv_h_, nbins_);
        bool in = false;
        for (const Seg& e : d_) {
            const double y0 = std::min(e.a.y, e.b.y), y1 = std::max(e.a.y, e.b.y);
            if (p.y < y0 - kTol || p.y > y1 + kTol) continue;  // (no contact, no crossing; nor of a zero-length piece)
            if (k < bin_of(y0) || k > bin_of(y1)) continue;
            const RayStep r = ray_step(e, p);
            if (r.on) return Poly::PointLoc::On;
            in ^= r.crosses;
        }
        return in ? Poly::PointLoc::In : Poly::PointLoc::Out;
    }

    const std::vector<Seg>& d_;
    Box box_;
    int nbins_ = 1;
    double inv_h_ = 0;
    std::span<const std::uint32_t> near_;
    Seg edge_;
    bool start_known_ = false;
    Loc start_loc_ = Loc::Out;
    mutable int scans_ = 0;
    mutable std::unique_ptr<Poly> poly_;
};

}  // namespace

long double intersection_area2(const std::vector<Seg>& d, const Poly& o) {
    const Box obox = o.box();
    const std::vector<Seg>& oe = o.edges();
    if (obox.empty() || oe.empty()) return 0;
    Box dbox;
    std::size_t nd = 0;
    for (auto& p : d)
        if (!(p.a == p.b)) {
            dbox.add(p.a);
            dbox.add(p.b);
            ++nd;
        }
    if (nd == 0) return 0;

    // One cell per two pieces of D over O's box: cells of a few pieces' length along O, and a grid
    // that costs less to clear than D's walk (finer cells: fewer edges of O to test, a larger grid).
    const double wd = obox.x1 - obox.x0, hd = obox.y1 - obox.y0;
    const SegmentCells cells(oe, std::sqrt(wd * hd / (0.5 * double(nd))));
    std::vector<std::uint32_t> seen(oe.size(), 0);
    std::uint32_t stamp = 0;
    std::vector<std::uint32_t> near;
    // The edges of O whose segment meets b (boundary_near's test, edge by edge).
    auto gather = [&](const Box& b) {
        near.clear();
        ++stamp;
        cells.near(b, [&](std::uint32_t f) {
            if (seen[f] == stamp) return;
            seen[f] = stamp;
            const Seg& s = oe[f];
            if (Box::of(s.a, s.b).meets(b) && segment_meets_box(s, b)) near.push_back(f);
        });
    };
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;  // (edge of O, piece of D) that came near
    auto note = [&](std::uint32_t k) {
        for (auto f : near) pairs.push_back({f, k});
    };

    // (1) D's pieces against O, as overlay()'s unit pass: inside O, or along ∂O with O on their side.
    long double su = 0;
    auto covered = [&](Loc l) { return l == Loc::In || l == Loc::OnSame; };
    if (!dbox.meets(obox) || !o.boundary_near(dbox.grown(kTol))) {
        if (dbox.meets(obox)) {
            // No edge of O near D: D lies wholly inside O or wholly outside; one piece says which.
            const Seg* e0 = nullptr;
            for (auto& p : d)
                if (!(p.a == p.b)) {
                    e0 = &p;
                    break;
                }
            if (covered(o.locate_piece(*e0)))
                for (auto& p : d)
                    if (!(p.a == p.b)) su += cross_term(p.a, p.b);
        } else {
            // (Nothing of D counts, but O's edges may still pass within kTol of its pieces.)
            for (std::uint32_t k = 0; k < d.size(); ++k) {
                gather(Box::of(d[k].a, d[k].b).grown(kTol));
                note(k);
            }
        }
    } else {
        OutlineNear region{o};
        const OutlineNear* cand = &region;
        Split split;
        Loc carried = Loc::Out;  // the previous piece's location, while the ring runs on without a contact
        bool have_carried = false;
        const Pt* prev_end = nullptr;
        // The location (In or Out) of the last piece of the edge before, contact or not (kUnknown: none):
        // what holds on at its end where no edge of O comes near.
        std::uint8_t last = kUnknown;
        for (std::uint32_t k = 0; k < d.size(); ++k) {
            const Seg& e = d[k];
            if (e.a == e.b) continue;
            gather(Box::of(e.a, e.b).grown(kTol));
            if (near.empty()) {
                const bool joined = prev_end && *prev_end == e.a;
                if (!have_carried || !joined) {
                    carried = joined && last != kUnknown ? Loc(last) : o.locate_piece(e);
                    have_carried = carried == Loc::In || carried == Loc::Out;
                }
                if (covered(carried)) su += cross_term(e.a, e.b);
                last = have_carried ? std::uint8_t(carried) : kUnknown;
                prev_end = &e.b;
                continue;
            }
            note(k);
            region.carried = prev_end && *prev_end == e.a ? last : kUnknown;
            region.edge = e;
            const std::uint8_t hint = have_carried && prev_end && *prev_end == e.a ? std::uint8_t(carried) : kUnknown;
            region.near = &near;
            split_locate<OutlineNear>(e, std::span<const OutlineNear* const>(&cand, 1), split, &hint);
            for (std::size_t q = 0; q < split.pieces.size(); ++q)
                if (covered(split.locs[q])) su += cross_term(split.pieces[q].a, split.pieces[q].b);
            have_carried = !split.pieces.empty() && (split.locs.back() == Loc::In || split.locs.back() == Loc::Out) &&
                           !split.contact[0];
            if (have_carried) carried = split.locs.back();
            last = !split.pieces.empty() && (split.locs.back() == Loc::In || split.locs.back() == Loc::Out)
                       ? std::uint8_t(split.locs.back())
                       : kUnknown;
            prev_end = &e.b;
        }
    }

    // (2) O's edges against D, as overlay()'s region pass: the pieces strictly inside D. Each edge is
    // cut only against the pieces of D that came near it in (1).
    std::vector<std::uint32_t> start(oe.size() + 1, 0), items(pairs.size());
    for (auto& [f, k] : pairs) ++start[f + 1];
    for (std::size_t f = 1; f < start.size(); ++f) start[f] += start[f - 1];
    {
        std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
        for (auto& [f, k] : pairs) items[fill[f]++] = k;
    }
    DistrictNear dn(d, nd, dbox);
    const DistrictNear* dcand = &dn;
    Split split;
    ChainHints chain;
    const std::vector<std::uint32_t> one{0}, none;
    long double ua = 0;
    bool prev_known = false;  // the location of the last piece of the edge before, if it was split
    Loc prev = Loc::Out;
    for (std::uint32_t r = 0; r < oe.size(); ++r) {
        if (r % 256 == 0) chain.reset();  // overlay()'s chunks
        const Seg& s = oe[r];
        if (!dbox.meets(Box::of(s.a, s.b).grown(kTol))) {
            chain.update(s, none, split);
            prev_known = false;
            continue;
        }
        dn.set_edge(std::span<const std::uint32_t>(items.data() + start[r], start[r + 1] - start[r]), s,
                    prev_known && r > 0 && oe[r - 1].b == s.a, prev);
        split_locate<DistrictNear>(s, std::span<const DistrictNear* const>(&dcand, 1), split, chain.hints(s, one));
        chain.update(s, one, split);
        for (std::size_t q = 0; q < split.pieces.size(); ++q)
            if (split.locs[q] == Loc::In) ua += cross_term(split.pieces[q].a, split.pieces[q].b);
        prev_known = !split.pieces.empty();
        if (prev_known) prev = split.locs.back();
    }
    return su + ua;
}

}  // namespace pc::planar
