#include "boundary_pass.h"

#include <algorithm>
#include <cmath>

#include "edge_index.h"
#include "validity.h"
#include "geo/parallel.h"

namespace pc::planar {

namespace {

// Whether nothing cuts e: every edge near it is e reversed or meets e at one end and leaves it (its
// far end off e's line). split_locate would then return e whole: along the candidates holding e
// reversed (on the other side), and located as a whole against the others (which all touch it).
// `twin[c]`: whether candidate c holds e reversed.
bool uncut(const Seg& e, const NearGather& near, std::size_t nc, std::uint8_t* twin) {
    const double dx = e.b.x - e.a.x, dy = e.b.y - e.a.y;
    double len = -1;  // computed once, at the first edge that needs it
    for (std::size_t c = 0; c < nc; ++c) {
        const NearEdges& cand = near[c];
        twin[c] = 0;
        for (std::uint32_t k = 0; k < cand.count; ++k) {
            const Seg& f = *cand.edges[k];
            // Another edge must share an end with e and leave it: its far end off e's line.
            const Pt* far;
            if (f.a == e.b) {
                if (f.b == e.a) {
                    twin[c] = 1;
                    continue;
                }
                far = &f.b;
            } else if (f.a == e.a) {
                far = &f.b;
            } else if (f.b == e.a || f.b == e.b) {
                far = &f.a;
            } else {
                return false;
            }
            if (len < 0) len = std::sqrt(dx * dx + dy * dy);
            const double dist = std::abs(dx * (far->y - e.a.y) - dy * (far->x - e.a.x)) / len;
            if (dist <= 10 * kTol) return false;  // (nearly) collinear: let the general cut decide
        }
    }
    return true;
}

}  // namespace

BoundaryPass boundary_pass(const std::vector<Poly>& desa, const std::vector<std::uint32_t>& group,
                           std::size_t group_count, const std::vector<std::vector<RingSpan>>* rings) {
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
        std::vector<Seg> outline;  // the pieces on the district's boundary
        Poly poly;                 // the pieces as a polygon (built by the worker)
        // Per desa, doubles suffice (local coordinates: terms ~1e6 m², a few thousand of them); the
        // sums over all desa below are long double.
        double aD = 0, aK = 0, mDx = 0, mDy = 0, mKx = 0, mKy = 0;
        std::vector<std::uint32_t> nb;  // neighbours (boxes meet), sorted
        bool self_contact = false;      // two of its own non-consecutive edges meet (with `rings`)
        std::vector<double> pair;  // per neighbour: twice the part of area(desa ∩ neighbour) seen from here
    };
    std::vector<PerDesa> per(n);
    std::size_t edges = 0;
    for (auto& p : desa) edges += p.edges().size();
    const unsigned nw = edges < kParallelFrom ? 1 : worker_count();
    std::vector<Split> splits(std::max(nw, worker_count()));
    std::vector<const Poly*> ptrs(n);
    for (std::size_t i = 0; i < n; ++i) ptrs[i] = &desa[i];
    EdgeIndex index;
    index.build(ptrs);
    struct Neighbour {
        Box box;
        std::uint32_t id;     // the desa
        std::uint32_t stamp;  // the last edge it had edges near
        std::uint8_t known;   // its location on the current edge when known without a contact
        bool live;            // in Scratch::live
        bool same_group;      // in the desa's kecamatan
    };
    struct Scratch {
        NearGather near;
        // Per candidate (sized for the most seen so far): its index among the desa's neighbours, its
        // location when known without a contact (split_locate's hints), whether it holds e reversed.
        std::vector<std::uint32_t> cand_nb;
        std::vector<std::uint8_t> hints;
        std::vector<std::pair<std::uint32_t, Loc>> others;  // neighbours without a contact: (index, location)
        std::vector<Neighbour> nbs;
        // The neighbours whose location on the current edge is not known to be Out: only those can
        // hold an edge that none of their edges comes near.
        std::vector<std::uint32_t> live;
        std::vector<std::uint8_t> twin;
        std::vector<std::uint32_t> nb_of;  // per desa: its index among the current desa's neighbours
    };
    std::vector<Scratch> scratch(splits.size());
    auto work = [&](std::size_t i, unsigned w) {
        const Poly& d = desa[i];
        auto& b = per[i];
        if (d.empty()) return;
        b.nb.reserve(16);  // a desa has ~7 neighbours: one allocation instead of four
        grid.query(d.box().grown(kTol), [&](std::uint32_t j) {
            if (j != i && !desa[j].empty()) b.nb.push_back(j);
        });
        std::sort(b.nb.begin(), b.nb.end());
        b.pair.assign(b.nb.size(), 0);
        auto& split = splits[w];
        auto& sc = scratch[w];
        b.pieces.reserve(d.edges().size() + d.edges().size() / 4);
        b.flags.reserve(b.pieces.capacity());
        // Flags and sums of one piece, from its location against the neighbours that hold it.
        auto add = [&](const Seg& s, double t, std::uint8_t flags) {  // t: cross_term(s.a, s.b)
            const double mx = (s.a.x + s.b.x) * t, my = (s.a.y + s.b.y) * t;
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
        // Walking each ring, a neighbour's location stays known from edge to edge until one of its
        // edges comes near (a contact): most edges need no point location at all.
        const std::uint32_t nnb = std::uint32_t(b.nb.size());
        sc.nbs.resize(nnb);
        Neighbour* nbs = sc.nbs.data();
        sc.nb_of.resize(n);
        for (std::uint32_t k = 0; k < nnb; ++k) {
            const std::uint32_t j = b.nb[k];
            nbs[k] = {desa[j].box(), j, ~0u, kUnknown, false, group[j] == group[i]};
            sc.nb_of[j] = k;
        }
        double* pair = b.pair.data();
        struct PieceFlags {
            bool on_d = true, on_k = true;
        };
        auto see = [&](PieceFlags& pf, double t, std::uint32_t k, Loc l) {
            const Neighbour& nb = nbs[k];
            if (l == Loc::In || l == Loc::OnOpp || (l == Loc::OnSame && nb.id < i)) {
                pf.on_d = false;
                if (nb.same_group) pf.on_k = false;
            }
            if (l == Loc::In || (l == Loc::OnSame && i < nb.id)) pair[k] += t;
        };
        auto flags_of = [](const PieceFlags& pf) {
            return std::uint8_t((pf.on_d ? kOnWhole : 0) | (pf.on_k ? kOnGroup : 0));
        };
        std::uint32_t edge_no = 0;
        const Seg* prev = nullptr;
        SelfContact own{nullptr, d.edges().data(), rings ? &(*rings)[i] : nullptr};
        const bool check_own = rings && !(*rings)[i].empty();
        auto& live = sc.live;
        auto revive = [&](std::uint32_t k) {
            if (nbs[k].known != std::uint8_t(Loc::Out) && !nbs[k].live) {
                nbs[k].live = true;
                live.push_back(k);
            }
        };
        for (auto& e : d.edges()) {
            if (!prev || !(prev->b == e.a)) {
                live.clear();
                for (std::uint32_t k = 0; k < nnb; ++k) {
                    nbs[k].known = kUnknown;
                    nbs[k].live = true;
                    live.push_back(k);
                }
            }
            prev = &e;
            const auto eb = Box::of(e.a, e.b).grown(kTol);
            // Neighbours with edges near e: cut e against those edges.
            // With `rings`, the desa's own edges near e come too: two that meet make it suspect
            // (validity.h: the contact test certainly_valid would otherwise sweep for separately).
            own.self = &e;
            const std::size_t nc = sc.near.gather(index, ptrs, eb, std::uint32_t(i), check_own && !own.found ? &own : nullptr);
            ++edge_no;
            if (sc.cand_nb.size() < nc) {
                sc.cand_nb.resize(nc);
                sc.hints.resize(nc);
                sc.twin.resize(nc);
            }
            std::uint32_t* cand_nb = sc.cand_nb.data();
            for (std::size_t k = 0; k < nc; ++k) {
                const std::uint32_t ni = sc.nb_of[sc.near[k].owner];
                nbs[ni].stamp = edge_no;
                cand_nb[k] = ni;
            }
            // The other neighbours hold e whole or not at all. One whose box misses e, or that holds
            // none of e, leaves the live list until one of its edges comes near again.
            sc.others.clear();
            std::size_t kept = 0;
            for (std::size_t r = 0; r < live.size(); ++r) {
                const std::uint32_t k = live[r];
                Neighbour& nb = nbs[k];
                if (nb.stamp != edge_no) {
                    if (!nb.box.meets(eb)) nb.known = std::uint8_t(Loc::Out);
                    else if (nb.known == kUnknown) nb.known = std::uint8_t(desa[nb.id].locate_piece(e));
                    if (Loc(nb.known) == Loc::Out) {
                        nb.live = false;
                        continue;
                    }
                    sc.others.push_back({k, Loc(nb.known)});
                }
                live[kept++] = k;
            }
            live.resize(kept);
            if (nc == 0 || uncut(e, sc.near, nc, sc.twin.data())) {
                // e stays whole: the common case of a clean coverage, where a neighbour's edge is e
                // reversed and the others near e only meet its ends.
                PieceFlags pf;
                const double t = cross_term(e.a, e.b);
                for (std::size_t c = 0; c < nc; ++c) {
                    see(pf, t, cand_nb[c], sc.twin[c] ? Loc::OnOpp : sc.near[c].locate_piece(e));
                    nbs[cand_nb[c]].known = kUnknown;  // a contact
                    revive(cand_nb[c]);
                }
                for (auto& [k, l] : sc.others) see(pf, t, k, l);
                add(e, t, flags_of(pf));
                continue;
            }
            // A candidate's location known without a contact: what the live loop above left (it
            // changes only the other neighbours').
            for (std::size_t c = 0; c < nc; ++c) sc.hints[c] = nbs[cand_nb[c]].known;
            split_locate<NearEdges>(e, sc.near.cands(), split, sc.hints.data());
            for (std::size_t c = 0; c < nc; ++c) {
                nbs[cand_nb[c]].known = split.contact[c] || split.pieces.empty() ? kUnknown : std::uint8_t(split.locs[c]);
                revive(cand_nb[c]);
            }
            for (std::size_t q = 0; q < split.pieces.size(); ++q) {
                const auto& piece = split.pieces[q];
                const double t = cross_term(piece.a, piece.b);
                PieceFlags pf;
                for (std::size_t c = 0; c < nc; ++c) see(pf, t, cand_nb[c], split.locs[q * nc + c]);
                for (auto& [k, l] : sc.others) see(pf, t, k, l);
                add(piece, t, flags_of(pf));
            }
        }
        b.self_contact = own.found;
        b.outline.reserve(
            std::size_t(std::count_if(b.flags.begin(), b.flags.end(), [](std::uint8_t f) { return f & kOnWhole; })));
        for (std::size_t k = 0; k < b.pieces.size(); ++k)
            if (b.flags[k] & kOnWhole) b.outline.push_back(b.pieces[k]);
        b.poly.assign_edges(std::move(b.pieces));
        // Without 2D cells: a service area's boundary queries a desa's edges a few dozen times, where
        // building its cells cost more than the queries save (edges_in scans its y-bins instead).
        b.poly.finish(false);
    };
    if (nw <= 1) {
        for (std::size_t i = 0; i < n; ++i) work(i, 0);
    } else {
        parallel_for(n, work);
    }

    BoundaryPass r;
    if (rings) {
        r.self_contact.resize(n);
        for (std::size_t i = 0; i < n; ++i) r.self_contact[i] = per[i].self_contact;
    }
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
        r.district_boundary.insert(r.district_boundary.end(), b.outline.begin(), b.outline.end());
        r.units.polys[i] = std::move(b.poly);
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
            const double shared2 = per[i].pair[k] + per[j].pair[std::size_t(it - nbj.begin())];
            if (shared2 / 2 > 100.0) ++r.overlap_pairs;
        }
    r.units.index();
    return r;
}

}  // namespace pc::planar
