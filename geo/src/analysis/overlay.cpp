#include "overlay.h"

#include <algorithm>

#include "geo/parallel.h"
#include "service_area.h"

namespace pc::planar {

namespace {

const std::vector<Seg>& boundary_of(const ServiceArea& r) { return r.boundary(); }
const std::vector<Seg>& boundary_of(const Poly& r) { return r.edges(); }

Seg reversed(const Seg& s) { return {s.b, s.a}; }

// Unit edges tested against ∂R's boxes together (a ring's consecutive edges lie close together).
constexpr std::size_t kFarBlock = 16;

// Work below kParallelFrom pieces is not worth a second thread (CPU time is what users wait for on a
// busy machine; threads only add to it).
unsigned workers_for(std::size_t pieces) { return pieces < kParallelFrom ? 1 : worker_count(); }

void for_each_index(std::size_t n, unsigned workers, const std::function<void(std::size_t, unsigned)>& fn) {
    if (workers <= 1) {
        for (std::size_t i = 0; i < n; ++i) fn(i, 0);
        return;
    }
    parallel_for(n, fn);
}

}  // namespace

void UnitSet::index() {
    std::vector<Box> boxes;
    boxes.reserve(polys.size());
    for (auto& p : polys) boxes.push_back(p.box());
    grid.build(boxes);
}

template <class Region>
Overlay overlay(const UnitSet& units, const Region& region, const OverlayOptions& o) {
    const std::size_t n = units.polys.size();
    const bool grouped = units.grouped();
    Overlay out;
    out.unit.assign(n, 0);
    out.group.assign(units.group_count, 0);
    if (o.pieces) {
        out.unit_gap.resize(n);
        out.group_gap.resize(units.group_count);
        out.unit_met.assign(n, 0);
        out.group_met.assign(units.group_count, 0);
    }
    const std::vector<Seg>& rb = boundary_of(region);
    const Box rbox = region.box();
    if (rbox.empty()) return out;  // nothing covered: every gap is its unit (unit_met and group_met 0)
    const std::size_t nd = o.touched ? o.touched->size() : n;
    std::size_t unit_pieces = 0;
    for (std::size_t t = 0; t < nd; ++t) unit_pieces += units.polys[o.touched ? (*o.touched)[t] : t].edges().size();
    const unsigned nw = std::max(workers_for(unit_pieces + rb.size()), 1u);
    const unsigned slots = std::max(nw, worker_count());

    // (1) Every unit's pieces against R. Per unit, so that no two threads write the same slot.
    std::vector<long double> part_group(grouped ? n : 0, 0), part_whole(grouped ? n : 0, 0);
    std::vector<std::vector<Seg>> group_gap_part(o.pieces && grouped ? n : 0), whole_gap_part(o.pieces && grouped ? n : 0),
        whole_cov_part(o.pieces && grouped ? n : 0);
    // Per unit: wholly outside R, its edges uncut (the merge appends its flagged edges itself).
    std::vector<std::uint8_t> edges_out(o.pieces && grouped ? n : 0, 0);
    std::vector<Split> splits(slots);
    std::vector<ChainHints> chains(slots);
    const std::vector<std::uint32_t> one{0};
    for_each_index(nd, nw, [&](std::size_t t, unsigned w) {
        const std::size_t i = o.touched ? (*o.touched)[t] : t;
        const Poly& poly = units.polys[i];
        if (poly.empty()) return;
        const auto& edges = poly.edges();
        const std::uint8_t* flags = grouped ? units.flags[i].data() : nullptr;
        long double su = 0, sg = 0, sw = 0;
        auto outside = [&](const Seg& piece, std::uint8_t f) {
            if (!o.pieces) return;
            out.unit_gap[i].push_back(piece);
            if (f & kOnGroup) group_gap_part[i].push_back(piece);
            if (f & kOnWhole) whole_gap_part[i].push_back(piece);
        };
        if (!poly.box().meets(rbox)) {
            // Wholly outside R: its gap is itself (unit_met stays 0); only the dissolved units need its
            // pieces, its own edges, which the merge takes from the unit.
            if (o.pieces && grouped) edges_out[i] = 1;
            return;
        }
        auto& split = splits[w];
        const Region* cand = &region;
        bool met = false;
        auto covered = [&](const Seg& piece, std::uint8_t f) {
            const long double term = cross_term(piece.a, piece.b);
            su += term;
            if (f & kOnGroup) sg += term;
            if (f & kOnWhole) {
                sw += term;
                if (o.pieces) whole_cov_part[i].push_back(piece);
            }
            met = true;
        };
        // No piece of ∂R near the unit: it lies wholly inside R or wholly outside; one point says which.
        if (!region.boundary_near(poly.box().grown(kTol))) {
            const Seg& e0 = edges[0];
            const Loc l = region.locate_piece(e0);
            if (l != Loc::In && l != Loc::OnSame) {
                // Wholly outside (unit_met stays 0): every edge is a gap piece as it is.
                if (o.pieces && o.unmet_unit_gaps) out.unit_gap[i].assign(edges.begin(), edges.end());
                if (o.pieces && grouped) edges_out[i] = 1;
                return;
            }
            for (std::size_t k = 0; k < edges.size(); ++k) {
                if (l == Loc::In || l == Loc::OnSame) covered(edges[k], flags ? flags[k] : 0);
                else outside(edges[k], flags ? flags[k] : 0);
            }
            out.unit[i] += su;
            if (grouped) {
                part_group[i] = sg;
                part_whole[i] = sw;
            }
            if (o.pieces && met) out.unit_met[i] = 1;
            return;
        }
        Loc carried = Loc::Out;  // the previous piece's location, while the ring runs on without a contact
        bool have_carried = false;
        const Pt* prev_end = nullptr;
        bool block_far = false;
        for (std::size_t k = 0; k < edges.size(); ++k) {
            const Seg& e = edges[k];
            const std::uint8_t f = flags ? flags[k] : 0;
            // A run of edges whose box no edge of ∂R comes near is far from ∂R edge by edge too: one
            // query for the run instead of one per edge.
            if (k % kFarBlock == 0) {
                Box run;
                for (std::size_t j = k; j < std::min(k + kFarBlock, edges.size()); ++j) {
                    run.add(edges[j].a);
                    run.add(edges[j].b);
                }
                block_far = !region.edge_boxes_near(run.grown(kTol));
            }
            // Far from ∂R, a piece keeps the location of the one before it on the ring, or (where the
            // ring breaks off, or the last piece touched ∂R) is located as a whole: nothing cuts it.
            if (block_far || !region.boundary_near(Box::of(e.a, e.b).grown(kTol))) {
                if (!have_carried || !prev_end || !(*prev_end == e.a)) {
                    carried = region.locate_piece(e);
                    have_carried = carried == Loc::In || carried == Loc::Out;
                }
                if (carried == Loc::In || carried == Loc::OnSame) covered(e, f);
                else outside(e, f);
                prev_end = &e.b;
                continue;
            }
            // Without a contact, split_locate takes the carried location as the hint.
            const std::uint8_t hint = have_carried && prev_end && *prev_end == e.a ? std::uint8_t(carried) : kUnknown;
            split_locate<Region>(e, std::span<const Region* const>(&cand, 1), split, &hint);
            for (std::size_t q = 0; q < split.pieces.size(); ++q) {
                const Seg& piece = split.pieces[q];
                const Loc l = split.locs[q];
                if (l == Loc::In || l == Loc::OnSame) covered(piece, f);
                else outside(piece, f);
            }
            // A location carries on only from a piece that is not along ∂R (whose side can flip at its end).
            have_carried = !split.pieces.empty() && (split.locs.back() == Loc::In || split.locs.back() == Loc::Out) &&
                           !split.contact[0];
            if (have_carried) carried = split.locs.back();
            prev_end = &e.b;
        }
        out.unit[i] += su;
        if (grouped) {
            part_group[i] = sg;
            part_whole[i] = sw;
        }
        if (o.pieces && met) out.unit_met[i] = 1;
    });

    // (2) ∂R against the units, in chunks; per worker sums and pieces, merged after.
    struct Acc {
        std::vector<long double> unit, group;
        long double whole = 0;
        std::vector<std::pair<std::uint32_t, Seg>> unit_gap, group_gap;
        std::vector<Seg> whole_gap, whole_cov;
    };
    std::vector<Acc> acc(slots);
    for (auto& a : acc) {
        a.unit.assign(n, 0);
        a.group.assign(units.group_count, 0);
    }
    std::vector<std::vector<const Poly*>> cand_w(slots);
    std::vector<std::vector<std::uint32_t>> ids_w(slots), groups_w(slots);
    const std::size_t chunk = 256;
    for_each_index((rb.size() + chunk - 1) / chunk, nw, [&](std::size_t ch, unsigned w) {
        auto& split = splits[w];
        auto& cands = cand_w[w];
        auto& ids = ids_w[w];
        auto& groups = groups_w[w];
        auto& chain = chains[w];
        auto& a = acc[w];
        chain.reset();
        for (std::size_t r = ch * chunk; r < std::min(rb.size(), (ch + 1) * chunk); ++r) {
            const Seg& s = rb[r];
            cands.clear();
            ids.clear();
            units.grid.query(Box::of(s.a, s.b).grown(kTol), [&](std::uint32_t j) {
                if (units.polys[j].empty()) return;
                cands.push_back(&units.polys[j]);
                ids.push_back(j);
            });
            if (cands.empty()) {
                chain.update(s, ids, split);
                continue;
            }
            split_locate<Poly>(s, cands, split, chain.hints(s, ids));
            chain.update(s, ids, split);
            const std::size_t nc = cands.size();
            for (std::size_t k = 0; k < split.pieces.size(); ++k) {
                const Loc* locs = &split.locs[k * nc];
                const Seg& piece = split.pieces[k];
                const long double term = cross_term(piece.a, piece.b);
                UnionLoc all;
                groups.clear();
                for (std::size_t c = 0; c < nc; ++c) {
                    if (locs[c] == Loc::In) {
                        a.unit[ids[c]] += term;
                        if (o.pieces) a.unit_gap.push_back({ids[c], reversed(piece)});
                    }
                    all.add(locs[c]);
                    if (grouped && locs[c] != Loc::Out) groups.push_back(units.group[ids[c]]);
                }
                if (!grouped) continue;
                std::sort(groups.begin(), groups.end());
                groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
                for (auto g : groups) {
                    UnionLoc in_g;
                    for (std::size_t c = 0; c < nc; ++c)
                        if (units.group[ids[c]] == g) in_g.add(locs[c]);
                    if (!in_g.inside()) continue;
                    a.group[g] += term;
                    if (o.pieces) a.group_gap.push_back({g, reversed(piece)});
                }
                if (all.inside()) {
                    a.whole += term;
                    if (o.pieces) {
                        a.whole_gap.push_back(reversed(piece));
                        a.whole_cov.push_back(piece);
                    }
                }
            }
        }
    });
    for (auto& a : acc) {
        for (std::size_t i = 0; i < n; ++i) out.unit[i] += a.unit[i];
        for (std::size_t g = 0; g < units.group_count; ++g) out.group[g] += a.group[g];
        out.whole += a.whole;
        if (!o.pieces) continue;
        for (auto& [u, s] : a.unit_gap) {
            out.unit_gap[u].push_back(s);
            out.unit_met[u] = 1;
        }
        for (auto& [g, s] : a.group_gap) {
            out.group_gap[g].push_back(s);
            out.group_met[g] = 1;
        }
        out.whole_gap.insert(out.whole_gap.end(), a.whole_gap.begin(), a.whole_gap.end());
        out.whole_covered.insert(out.whole_covered.end(), a.whole_cov.begin(), a.whole_cov.end());
    }
    if (grouped && o.pieces && !o.touched) {
        // A group that R leaves alone, its units' edges uncut, has its own dissolved outline as its
        // gap: its pieces (its units' kOnGroup edges, unit after unit) are not copied out.
        out.group_own.assign(units.group_count, 1);
        for (std::size_t g = 0; g < units.group_count; ++g)
            if (out.group_met[g]) out.group_own[g] = 0;  // a piece of ∂R inside it
        for (std::size_t i = 0; i < n; ++i)
            if (out.unit_met[i] || !(edges_out[i] || units.polys[i].empty())) out.group_own[units.group[i]] = 0;
    }
    if (grouped)
        for (std::size_t t = 0; t < nd; ++t) {
            const std::size_t i = o.touched ? (*o.touched)[t] : t;
            out.group[units.group[i]] += part_group[i];
            out.whole += part_whole[i];
            if (!o.pieces) continue;
            auto g = units.group[i];
            if (out.unit_met[i]) out.group_met[g] = 1;
            if (edges_out[i]) {
                const auto& edges = units.polys[i].edges();
                const std::uint8_t* flags = units.flags[i].data();
                const bool own = !out.group_own.empty() && out.group_own[g];
                for (std::size_t k = 0; k < edges.size(); ++k) {
                    if ((flags[k] & kOnGroup) && !own) out.group_gap[g].push_back(edges[k]);
                    if (flags[k] & kOnWhole) out.whole_gap.push_back(edges[k]);
                }
                continue;
            }
            out.group_gap[g].insert(out.group_gap[g].end(), group_gap_part[i].begin(), group_gap_part[i].end());
            out.whole_gap.insert(out.whole_gap.end(), whole_gap_part[i].begin(), whole_gap_part[i].end());
            out.whole_covered.insert(out.whole_covered.end(), whole_cov_part[i].begin(), whole_cov_part[i].end());
        }
    return out;
}

template Overlay overlay<ServiceArea>(const UnitSet&, const ServiceArea&, const OverlayOptions&);
template Overlay overlay<Poly>(const UnitSet&, const Poly&, const OverlayOptions&);

}  // namespace pc::planar
