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
    out.ts.push_back({0.0, s.a});
    out.ts.push_back({1.0, s.b});
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
                if (t1 > tt && t1 < 1 - tt) out.ts.push_back({t1, f.a});
                if (t2 > tt && t2 < 1 - tt) out.ts.push_back({t2, f.b});
                return;
            }
            if (z1 || z2) {
                const Pt& p = z1 ? f.a : f.b;
                double t = param(p);
                if (t > tt && t < 1 - tt) out.ts.push_back({t, p});
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
            if (t > tt && t < 1 - tt) out.ts.push_back({t, x});
        });
    }
    // Usually few points: an insertion sort (stable, no allocation); a long edge across many others
    // gets a real sort.
    if (out.ts.size() > 24) {
        std::stable_sort(out.ts.begin(), out.ts.end(), [](auto& a, auto& b) { return a.first < b.first; });
    } else {
        for (std::size_t i = 1; i < out.ts.size(); ++i)
            for (std::size_t j = i; j > 0 && out.ts[j].first < out.ts[j - 1].first; --j) std::swap(out.ts[j], out.ts[j - 1]);
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
    for (std::size_t k = 0; k + 1 < out.ts.size(); ++k) {
        const Pt& p = out.ts[k].second;
        std::size_t k2 = k + 1;
        while (k2 + 1 < out.ts.size() && out.ts[k2].second == p) ++k2;
        const Pt& q = out.ts[k2].second;
        if (p == q) continue;
        double t0 = out.ts[k].first, t1 = out.ts[k2].first;
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
            if (!found) loc = cands[ci]->locate_piece(piece);
            out.locs.push_back(loc);
        }
    }
}


extern template void split_locate<Poly>(const Seg&, std::span<const Poly* const>, Split&, const std::uint8_t*);

}  // namespace pc::planar
