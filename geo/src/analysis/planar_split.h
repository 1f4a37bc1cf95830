#pragma once
// split_locate (declared in planar.h): a template over the candidate type, so that polygons and the
// union of a service's buffers (service_area.h) share one implementation of cutting and locating.
#include <algorithm>
#include <cmath>

#include "planar.h"

namespace pc::planar {

namespace detail {
inline double cross(double ax, double ay, double bx, double by) { return ax * by - ay * bx; }
}  // namespace detail

template <class Cand>
void split_locate(const Seg& s, std::span<const Cand* const> cands, Split& out, const std::uint8_t* hints) {
    out.pieces.clear();
    out.locs.clear();
    out.ts.clear();
    out.coll.clear();
    out.contact.assign(cands.size(), 0);
    const double dx = s.b.x - s.a.x, dy = s.b.y - s.a.y;
    const double len2 = dx * dx + dy * dy;
    if (len2 == 0) return;
    const double len = std::sqrt(len2);
    const double tt = kTol / len;  // the tolerance as a parameter along s
    auto param = [&](const Pt& p) { return ((p.x - s.a.x) * dx + (p.y - s.a.y) * dy) / len2; };
    out.ts.push_back({0.0, s.a, Split::kNoCand, false});
    out.ts.push_back({1.0, s.b, Split::kNoCand, false});
    const Box sb = Box::of(s.a, s.b).grown(kTol);
    for (std::uint32_t ci = 0; ci < cands.size(); ++ci) {
        cands[ci]->edges_in(sb, [&](const Seg& f) {
            // Signed distances of f's ends from the line of s.
            double d1 = detail::cross(dx, dy, f.a.x - s.a.x, f.a.y - s.a.y) / len;
            double d2 = detail::cross(dx, dy, f.b.x - s.a.x, f.b.y - s.a.y) / len;
            bool z1 = std::abs(d1) <= kTol, z2 = std::abs(d2) <= kTol;
            if (!z1 && !z2 && (d1 > 0) == (d2 > 0)) return;  // f wholly on one side of s's line
            // f touches or crosses the line of s: a contact unless it does so beyond s's ends.
            {
                double t1 = param(f.a), t2 = param(f.b);
                double lo = std::min(t1, t2), hi = std::max(t1, t2);
                if (hi >= -tt && lo <= 1 + tt) out.contact[ci] = 1;
            }
            if (z1 && z2) {
                double t1 = param(f.a), t2 = param(f.b);
                double lo = std::max(0.0, std::min(t1, t2)), hi = std::min(1.0, std::max(t1, t2));
                if (hi - lo > tt) out.coll.push_back({ci, lo, hi, t2 > t1});
                if (t1 > tt && t1 < 1 - tt) out.ts.push_back({t1, f.a, ci, false});
                if (t2 > tt && t2 < 1 - tt) out.ts.push_back({t2, f.b, ci, false});
                return;
            }
            if (z1 || z2) {
                const Pt& p = z1 ? f.a : f.b;
                double t = param(p);
                if (t > tt && t < 1 - tt) out.ts.push_back({t, p, ci, false});
                return;
            }
            double fx = f.b.x - f.a.x, fy = f.b.y - f.a.y;
            double flen = std::sqrt(fx * fx + fy * fy);
            double d3 = detail::cross(fx, fy, s.a.x - f.a.x, s.a.y - f.a.y) / flen;
            double d4 = detail::cross(fx, fy, s.b.x - f.a.x, s.b.y - f.a.y) / flen;
            if (std::abs(d3) <= kTol || std::abs(d4) <= kTol) return;  // an end of s lies on f
            if ((d3 > 0) == (d4 > 0)) return;
            Pt x = crossing_point(s, f);
            double t = param(x);
            if (t > tt && t < 1 - tt) out.ts.push_back({t, x, ci, true});
        });
    }
    // Usually few points: an insertion sort (stable, no allocation); a long edge across many others
    // gets a real sort.
    if (out.ts.size() > 24) {
        std::stable_sort(out.ts.begin(), out.ts.end(), [](auto& a, auto& b) { return a.t < b.t; });
    } else {
        for (std::size_t i = 1; i < out.ts.size(); ++i)
            for (std::size_t j = i; j > 0 && out.ts[j].t < out.ts[j - 1].t; --j) std::swap(out.ts[j], out.ts[j - 1]);
    }
    // Candidates without a contact: one location for the whole segment.
    const std::size_t nc0 = cands.size();
    std::uint8_t* whole = nullptr;
    std::uint8_t whole_buf[64];
    std::vector<std::uint8_t> whole_vec;
    if (nc0 <= 64) whole = whole_buf;
    else {
        whole_vec.resize(nc0);
        whole = whole_vec.data();
    }
    for (std::size_t ci = 0; ci < nc0; ++ci) {
        if (out.contact[ci]) whole[ci] = kUnknown;
        else if (hints && hints[ci] != kUnknown) whole[ci] = hints[ci];
        else whole[ci] = std::uint8_t(cands[ci]->locate_piece(s));
    }
    const std::size_t nc = cands.size();
    // A candidate's side flips at a proper crossing of its boundary and nowhere else between two
    // pieces; it is looked up again (point location) only after anything else: a touch, a run
    // along its boundary, a crossing at its vertex, two of its edges at one point.
    out.side.assign(nc, kUnknown);
    for (std::size_t k = 0; k + 1 < out.ts.size(); ++k) {
        const Pt& p = out.ts[k].p;
        std::size_t k2 = k + 1;
        while (k2 + 1 < out.ts.size() && out.ts[k2].p == p) ++k2;
        const Pt& q = out.ts[k2].p;
        if (p == q) continue;
        double t0 = out.ts[k].t, t1 = out.ts[k2].t;
        // The cuts at p, the piece's start: [k, k2) (equal points are adjacent after the sort).
        const std::size_t g0 = k, g1 = k2;
        k = k2 - 1;
        Seg piece{p, q};
        out.pieces.push_back(piece);
        for (std::uint32_t ci = 0; ci < nc; ++ci) {
            if (whole[ci] != kUnknown) {
                out.locs.push_back(Loc(whole[ci]));
                continue;
            }
            Loc loc = Loc::Out;
            bool found = false;
            for (auto& c : out.coll)
                if (c.cand == ci && c.lo <= t0 + tt && c.hi >= t1 - tt) {
                    loc = c.same ? Loc::OnSame : Loc::OnOpp;
                    found = true;
                    break;
                }
            if (found) {
                out.side[ci] = kUnknown;
                out.locs.push_back(loc);
                continue;
            }
            std::uint8_t& side = out.side[ci];
            if (side == std::uint8_t(Loc::In) || side == std::uint8_t(Loc::Out)) {
                std::size_t cuts = 0;
                bool proper = true;
                for (std::size_t g = g0; g < g1; ++g)
                    if (out.ts[g].cand == ci) {
                        ++cuts;
                        proper = proper && out.ts[g].proper;
                    }
                if (cuts == 0) {
                    out.locs.push_back(Loc(side));  // the cut was another candidate's
                    continue;
                }
                if (cuts == 1 && proper) {
                    side = side == std::uint8_t(Loc::In) ? std::uint8_t(Loc::Out) : std::uint8_t(Loc::In);
                    out.locs.push_back(Loc(side));
                    continue;
                }
            }
            loc = cands[ci]->locate_piece(piece);
            side = std::uint8_t(loc);
            out.locs.push_back(loc);
        }
    }
}

extern template void split_locate<Poly>(const Seg&, std::span<const Poly* const>, Split&, const std::uint8_t*);

template <class Cand>
void append_union_pieces(const Seg& e, std::uint32_t self, const std::vector<const Cand*>& cands,
                         const std::vector<std::uint32_t>& ids, Split& split, ChainHints& chain, std::vector<Seg>& out) {
    if (cands.empty()) {
        chain.update(e, ids, split);
        out.push_back(e);
        return;
    }
    split_locate<Cand>(e, cands, split, chain.hints(e, ids));
    chain.update(e, ids, split);
    for (std::size_t k = 0; k < split.pieces.size(); ++k) {
        bool keep = true;
        for (std::size_t c = 0; c < cands.size() && keep; ++c) {
            const Loc l = split.locs[k * cands.size() + c];
            if (l == Loc::In || l == Loc::OnOpp || (l == Loc::OnSame && ids[c] < self)) keep = false;
        }
        if (keep) out.push_back(split.pieces[k]);
    }
}

}  // namespace pc::planar
