#include "boundary_pass.h"

#include <algorithm>

#include "geo/parallel.h"

namespace pc::planar {

BoundaryPass boundary_pass(const std::vector<Poly>& desa, const std::vector<std::uint32_t>& group,
                           std::size_t group_count) {
    const std::size_t n = desa.size();
    BoxGrid grid;
    {
        std::vector<Box> boxes;
        boxes.reserve(n);
        for (auto& p : desa) boxes.push_back(p.box());
        grid.build(boxes);
    }
    struct PerDesa {
        std::vector<Seg> pieces;
        std::vector<std::uint8_t> flags;
        long double aD = 0, aK = 0, mDx = 0, mDy = 0, mKx = 0, mKy = 0;
        std::vector<std::uint32_t> nb;  // neighbours (boxes meet), sorted
        std::vector<long double> pair;  // per neighbour: twice the part of area(desa ∩ neighbour) seen from here
    };
    std::vector<PerDesa> per(n);
    std::size_t edges = 0;
    for (auto& p : desa) edges += p.edges().size();
    const unsigned nw = edges < 20000 ? 1 : worker_count();
    std::vector<Split> splits(std::max(nw, worker_count()));
    auto work = [&](std::size_t i, unsigned w) {
        const Poly& d = desa[i];
        auto& b = per[i];
        if (d.empty()) return;
        grid.query(d.box().grown(kTol), [&](std::uint32_t j) {
            if (j != i && !desa[j].empty()) b.nb.push_back(j);
        });
        std::sort(b.nb.begin(), b.nb.end());
        b.pair.assign(b.nb.size(), 0);
        std::vector<const Poly*> cands;
        std::vector<std::uint32_t> ci;
        auto& split = splits[w];
        b.pieces.reserve(d.edges().size() + d.edges().size() / 4);
        b.flags.reserve(b.pieces.capacity());
        auto add = [&](const Seg& s, std::uint8_t flags) {
            long double t = cross_term(s.a, s.b);
            long double mx = (long double)(s.a.x + s.b.x) * t, my = (long double)(s.a.y + s.b.y) * t;
            if (flags & kOnWhole) {
                b.aD += t;
                b.mDx += mx;
                b.mDy += my;
            }
            if (flags & kOnGroup) {
                b.aK += t;
                b.mKx += mx;
                b.mKy += my;
            }
            b.pieces.push_back(s);
            b.flags.push_back(flags);
        };
        // Walking each ring, a neighbour's location stays known from edge to edge until its boundary
        // comes near (a contact): most edges need no point location at all.
        std::vector<std::uint8_t> known(b.nb.size(), kUnknown), hints;
        const Seg* prev = nullptr;
        for (auto& e : d.edges()) {
            if (!prev || !(prev->b == e.a)) std::fill(known.begin(), known.end(), kUnknown);
            prev = &e;
            cands.clear();
            ci.clear();
            hints.clear();
            auto eb = Box::of(e.a, e.b).grown(kTol);
            for (std::uint32_t k = 0; k < b.nb.size(); ++k) {
                if (desa[b.nb[k]].box().meets(eb)) {
                    cands.push_back(&desa[b.nb[k]]);
                    ci.push_back(k);
                    hints.push_back(known[k]);
                } else {
                    known[k] = std::uint8_t(Loc::Out);
                }
            }
            if (cands.empty()) {
                add(e, kOnWhole | kOnGroup);
                continue;
            }
            split_locate<Poly>(e, cands, split, hints.data());
            const std::size_t nc = cands.size();
            for (std::size_t c = 0; c < nc; ++c)
                known[ci[c]] = split.contact[c] || split.pieces.empty() ? kUnknown : std::uint8_t(split.locs[c]);
            for (std::size_t q = 0; q < split.pieces.size(); ++q) {
                const auto& piece = split.pieces[q];
                double t = cross_term(piece.a, piece.b);
                bool on_d = true, on_k = true;
                for (std::size_t c = 0; c < nc; ++c) {
                    std::uint32_t j = b.nb[ci[c]];
                    Loc l = split.locs[q * nc + c];
                    if (l == Loc::In || l == Loc::OnOpp || (l == Loc::OnSame && j < i)) {
                        on_d = false;
                        if (group[j] == group[i]) on_k = false;
                    }
                    if (l == Loc::In || (l == Loc::OnSame && i < j)) b.pair[ci[c]] += t;
                }
                add(piece, std::uint8_t((on_d ? kOnWhole : 0) | (on_k ? kOnGroup : 0)));
            }
        }
    };
    if (nw <= 1) {
        for (std::size_t i = 0; i < n; ++i) work(i, 0);
    } else {
        parallel_for(n, work);
    }

    BoundaryPass r;
    r.units.polys.resize(n);
    r.units.flags.resize(n);
    r.units.group = group;
    r.units.group_count = group_count;
    r.group2.assign(group_count, 0);
    std::vector<long double> mKx(group_count, 0), mKy(group_count, 0);
    long double mDx = 0, mDy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        auto& b = per[i];
        r.district2 += b.aD;
        mDx += b.mDx;
        mDy += b.mDy;
        r.group2[group[i]] += b.aK;
        mKx[group[i]] += b.mKx;
        mKy[group[i]] += b.mKy;
        for (std::size_t k = 0; k < b.pieces.size(); ++k)
            if (b.flags[k] & kOnWhole) r.district_boundary.push_back(b.pieces[k]);
        r.units.polys[i].add_edges(b.pieces);
        r.units.polys[i].finish();
        r.units.flags[i] = std::move(b.flags);
    }
    if (r.district2 > 0) r.district_centroid = {double(mDx / (3 * r.district2)), double(mDy / (3 * r.district2))};
    r.group_centroid.resize(group_count);
    for (std::size_t g = 0; g < group_count; ++g)
        if (r.group2[g] > 0) r.group_centroid[g] = {double(mKx[g] / (3 * r.group2[g])), double(mKy[g] / (3 * r.group2[g]))};
    // Overlapping pairs: area(a ∩ b) = (a's pieces inside b) + (b's pieces inside a).
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t k = 0; k < per[i].nb.size(); ++k) {
            std::uint32_t j = per[i].nb[k];
            if (j <= i) continue;
            auto& nbj = per[j].nb;
            auto it = std::lower_bound(nbj.begin(), nbj.end(), std::uint32_t(i));
            if (it == nbj.end() || *it != i) continue;
            long double shared2 = per[i].pair[k] + per[j].pair[std::size_t(it - nbj.begin())];
            if (shared2 / 2 > 100.0) ++r.overlap_pairs;
        }
    r.units.index();
    return r;
}

}  // namespace pc::planar
