// What-if: the change an edit makes to the covered areas and people, computed only where it can
// change anything.
//
// With O = the service's other counted buffers, S_before = O ∪ B_before and S_after = O ∪ B_after, so
// a unit's covered area changes by area(u ∩ (B_after \ O)) − area(u ∩ (B_before \ O)): exact, and
// B \ O is small. Its boundary is the part of ∂B outside O and the part of ∂O inside B (reversed);
// only the desa (with their kecamatan and the district) that meet it are overlaid.
#include <algorithm>
#include <iterator>

#include "engine_state.h"

namespace pc::analysis {

namespace {

using namespace planar;

double dist2(const Pt& a, const Pt& b) { return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y); }

// Whether `other`'s inner disc holds the segment whole.
bool held(const Buffer& other, const Seg& e) {
    if (!other.disc()) return false;
    const double in = other.r_in - kTol;
    return in > 0 && dist2(e.a, other.centre) < in * in && dist2(e.b, other.centre) < in * in;
}

// ∂(B \ ∪ others): B's edges outside the others, and the others' union boundary inside B, reversed.
std::vector<Seg> difference_boundary(const Buffer& b, const std::vector<const Buffer*>& others) {
    std::vector<Seg> out;
    Split split;
    std::vector<const Poly*> cands;
    std::vector<std::uint32_t> ids;
    // ∂B outside O (along ∂O with O on the other side too: B \ O has its boundary there).
    for (auto& e : b.poly.edges()) {
        const Box eb = Box::of(e.a, e.b).grown(kTol);
        cands.clear();
        bool inside = false;
        for (auto* o : others) {
            if (!o->box().meets(eb)) continue;
            if (held(*o, e)) {
                inside = true;
                break;
            }
            cands.push_back(&o->poly);
        }
        if (inside) continue;
        if (cands.empty()) {
            out.push_back(e);
            continue;
        }
        split_locate<Poly>(e, cands, split);
        for (std::size_t k = 0; k < split.pieces.size(); ++k) {
            UnionLoc at;
            for (std::size_t c = 0; c < cands.size(); ++c) at.add(split.locs[k * cands.size() + c]);
            if (!at.inside_or_same()) out.push_back(split.pieces[k]);
        }
    }
    // ∂O strictly inside B: each other's edge pieces inside B and on the union of the others.
    const Poly* bp = &b.poly;
    for (std::uint32_t j = 0; j < others.size(); ++j) {
        for (auto& e : others[j]->poly.edges()) {
            const Box eb = Box::of(e.a, e.b).grown(kTol);
            if (!b.box().meets(eb)) continue;
            cands.assign({bp});
            ids.assign({~0u});
            bool inside = false;
            for (std::uint32_t k = 0; k < others.size(); ++k) {
                if (k == j || !others[k]->box().meets(eb)) continue;
                if (held(*others[k], e)) {
                    inside = true;
                    break;
                }
                cands.push_back(&others[k]->poly);
                ids.push_back(k);
            }
            if (inside) continue;
            split_locate<Poly>(e, cands, split);
            const std::size_t nc = cands.size();
            for (std::size_t q = 0; q < split.pieces.size(); ++q) {
                if (split.locs[q * nc] != Loc::In) continue;  // strictly inside B
                bool on_union = true;
                for (std::size_t c = 1; c < nc && on_union; ++c) {
                    Loc l = split.locs[q * nc + c];
                    if (l == Loc::In || l == Loc::OnOpp || (l == Loc::OnSame && ids[c] < j)) on_union = false;
                }
                if (on_union) out.push_back({split.pieces[q].b, split.pieces[q].a});
            }
        }
    }
    return out;
}

}  // namespace

WhatIfResult State::change(const FeatureChange& ch, bool commit) {
    WhatIfResult r;
    if (!ch.before && !ch.after) return r;
    r.service = ch.after ? ch.after->service : ch.before->service;
    r.district.code = district_code;
    r.district.name = district_name;
    std::lock_guard lock(edit_mutex);
    Lease<GeosContext> lc(contexts);
    GeosContext& c = *lc;

    // The feature as the engine has it now.
    ServiceS* before_svc = nullptr;
    std::size_t before_index = 0;
    if (ch.before)
        for (auto& [k, s] : services)
            for (std::size_t i = 0; i < s.feats.size(); ++i)
                if (s.feats[i].id == ch.before->id) {
                    before_svc = &s;
                    before_index = i;
                }
    std::optional<Feat> after;
    if (ch.after) {
        Lease<Projection> proj(projections);
        after = make_feat([&]() -> GeosContext& { return c; }, ch.after->geometry.empty() ? Geometry{} : proj->forward(ch.after->geometry), *ch.after);
    }
    const Feat* old_f = before_svc ? &before_svc->feats[before_index] : nullptr;
    const bool same_service = before_svc && before_svc->key == r.service;
    const ServiceS* svc = find_service(r.service);

    // B \ O as a region (nullopt when it is empty: B adds nothing).
    auto novel = [&](const Feat& f) -> std::optional<Poly> {
        if (!f.counted || f.buffer.poly.empty()) return std::nullopt;
        std::vector<const Buffer*> others;
        if (svc)
            for (auto& o : svc->feats) {
                if (&o == old_f || !o.counted || !o.buffer.box().meets(f.buffer.box())) continue;
                // Cell sites often share a mast: an equal or larger disc around the same point holds it.
                if (f.point && o.point && f.point->x == o.point->x && f.point->y == o.point->y && o.buffer.disc() &&
                    f.buffer.disc() && o.radius >= f.radius)
                    return std::nullopt;
                others.push_back(&o.buffer);
            }
        auto pieces = difference_boundary(f.buffer, others);
        if (pieces.empty()) return std::nullopt;
        Poly n;
        n.add_edges(pieces);
        n.finish();
        return n;
    };
    std::optional<Poly> N0 = old_f && same_service ? novel(*old_f) : std::nullopt;
    std::optional<Poly> N1 = after ? novel(*after) : std::nullopt;
    // The desa each side can change: those meeting B_before \ O, those meeting B_after \ O (apart:
    // a long move must not sweep every desa between the two places).
    std::vector<std::size_t> t0, t1, touched;
    if (N0) desa_units.units.grid.query(N0->box(), [&](std::uint32_t i) { t0.push_back(i); });
    if (N1) desa_units.units.grid.query(N1->box(), [&](std::uint32_t i) { t1.push_back(i); });
    std::sort(t0.begin(), t0.end());
    std::sort(t1.begin(), t1.end());
    std::set_union(t0.begin(), t0.end(), t1.begin(), t1.end(), std::back_inserter(touched));

    if (!touched.empty()) {
        r.desa_touched = touched.size();
        OverlayOptions o0, o1;
        o0.touched = &t0;
        o1.touched = &t1;
        const Overlay c0 = N0 ? overlay(desa_units.units, *N0, o0) : Overlay{};
        const Overlay c1 = N1 ? overlay(desa_units.units, *N1, o1) : Overlay{};
        auto half = [](const std::vector<long double>& v, std::size_t i) { return v.empty() ? 0.0 : double(v[i] / 2); };
        // People: by area for whole desa, by fragment for the grid methods.
        std::vector<double> frag_delta;
        if (desa_fragments) {
            frag_delta.assign(desa.size(), 0.0);
            auto add = [&](const std::optional<Poly>& N, const std::vector<std::size_t>& units, double sign) {
                if (!N) return;
                std::vector<std::size_t> ft;
                for (auto i : units)
                    for (auto j : desa_fragments->of_owner[i]) ft.push_back(j);
                if (ft.empty()) return;
                OverlayOptions fo;
                fo.touched = &ft;
                auto fov = overlay(desa_fragments->units, *N, fo);
                for (auto j : ft)
                    if (desa_fragments->area[j] > 0)
                        frag_delta[desa_fragments->owner[j]] +=
                            sign * desa_fragments->pop[j] * double(fov.unit[j] / 2) / desa_fragments->area[j];
            };
            add(N1, t1, 1);
            add(N0, t0, -1);
        }
        std::map<std::size_t, UnitDelta> kd;
        for (auto i : touched) {
            auto& d = desa[i];
            double da = half(c1.unit, i) - half(c0.unit, i);
            double dp = d.whole ? (d.area > 0 ? d.pop * da / d.area : 0) : (frag_delta.empty() ? 0.0 : frag_delta[i]);
            r.district.covered_population_delta += dp;
            auto& k = kd[d.kec];
            k.covered_population_delta += dp;
            if (std::abs(da) < 1e-6 && std::abs(dp) < 1e-9) continue;
            r.desa.push_back({d.code, d.name, da / 1e6, dp});
        }
        r.district.covered_km2_delta = double((c1.whole - c0.whole) / 2) / 1e6;
        for (auto& [ki, k] : kd) k.covered_km2_delta = (half(c1.group, ki) - half(c0.group, ki)) / 1e6;
        for (auto& [ki, k] : kd) {
            if (std::abs(k.covered_km2_delta) < 1e-12 && std::abs(k.covered_population_delta) < 1e-9) continue;
            k.code = kec[ki].code;
            k.name = kec[ki].name;
            r.kecamatan.push_back(k);
        }
    }

    if (commit) {
        if (before_svc) before_svc->feats.erase(before_svc->feats.begin() + std::ptrdiff_t(before_index));
        if (after) {
            auto& s = services[r.service];
            s.key = r.service;
            if (same_service) s.feats.insert(s.feats.begin() + std::ptrdiff_t(before_index), std::move(*after));
            else s.feats.push_back(std::move(*after));
        }
    }
    return r;
}

}  // namespace pc::analysis
