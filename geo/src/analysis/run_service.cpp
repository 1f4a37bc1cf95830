// One run of the engine: for every service, its area S (the union of its counted buffers) against
// the desa (with their kecamatan and the district), the zones and the zone parts, by the overlay;
// covered areas and people, gap geometry, distances, the gap ranking.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "engine_state.h"
#include "gap_geometry.h"
#include "geo/parallel.h"

namespace pc::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Within this (relative to the unit's area, and 1e-6 m²), a covered area outside [0, area] is the
// rounding of a sum of cross products; beyond it, the unit is computed by GEOS instead.
bool plausible(double covered, double area) {
    const double tol = 1e-9 * std::max(area, 1.0) + 1e-6;
    return covered >= -tol && covered <= area + tol;
}

void set_identity(UnitMetrics& m, const char* layer, const std::string& code, const std::string& name,
                  const std::string& parent_code) {
    m.layer = layer;
    m.code = code;
    m.name = name;
    m.parent_code = parent_code;
}

void set_area_figures(UnitMetrics& m, double area, double covered) {
    covered = std::clamp(covered, 0.0, std::max(0.0, area));  // rounding only (see plausible)
    m.area_km2 = area / 1e6;
    m.covered_km2 = covered / 1e6;
    m.coverage_ratio_area = area > 0 ? covered / area : 0;
}

void finish_population(UnitMetrics& m) {
    // Covered people follow covered area (≤ the unit's); only rounding can pass the total.
    m.covered_population = std::clamp(m.covered_population, 0.0, std::max(0.0, m.population));
    m.uncovered_population = m.population - m.covered_population;
    m.coverage_ratio_population = m.population > 0 ? m.covered_population / m.population : 0;
}

// Units one by one on this thread, or over every core when the desa hold kParallelFrom edges or more.
void for_each(std::size_t n, bool threads, const std::function<void(std::size_t, unsigned)>& fn) {
    if (!threads || n < 2 || worker_count() <= 1) {
        for (std::size_t i = 0; i < n; ++i) fn(i, 0);
    } else {
        parallel_for(n, fn);
    }
}

}  // namespace

Geometry State::gap_of(std::size_t which, const std::vector<planar::Seg>* gap_pieces, bool untouched,
                        const Projection& proj, planar::VertexIndex* made) {
    if (gap_pieces && !untouched) return assemble_lonlat(*gap_pieces, origin, proj, lonlat_of, nullptr, made);
    Dissolved& d = which < kec.size() ? kec_dissolved[which] : district_dissolved;
    std::call_once(d.gathered, [&] {
        // The kecamatan's (district's) pieces as the overlay goes through them: unit by unit, edge by edge.
        const auto& units = desa_units.units;
        const std::uint8_t flag = which < kec.size() ? planar::kOnGroup : planar::kOnWhole;
        auto add = [&](std::size_t i) {
            const auto& edges = units.polys[i].edges();
            for (std::size_t k = 0; k < edges.size(); ++k)
                if (units.flags[i][k] & flag) d.pieces.push_back(edges[k]);
        };
        if (which < kec.size())
            for (auto i : kec[which].desa) add(i);  // ascending
        else
            for (std::size_t i = 0; i < units.polys.size(); ++i) add(i);
    });
    // A service that does not meet the outline leaves the overlay its very pieces, in the same order:
    // the same polygons (bit for bit), without assembling them again.
    if (gap_pieces && (gap_pieces->size() != d.pieces.size() ||
                       std::memcmp(gap_pieces->data(), d.pieces.data(), d.pieces.size() * sizeof(planar::Seg)) != 0))
        return assemble_lonlat(*gap_pieces, origin, proj, lonlat_of, nullptr, made);
    std::call_once(d.built, [&] { d.lonlat = assemble_lonlat(d.pieces, origin, proj, lonlat_of, nullptr, made); });
    return d.lonlat;
}

std::vector<std::string> State::service_keys() const {
    std::vector<std::string> keys = settings_types;
    std::vector<std::string> others;
    for (auto& [k, s] : services)
        if (k != kInitiatives && !s.feats.empty() && std::find(keys.begin(), keys.end(), k) == keys.end())
            others.push_back(k);
    keys.insert(keys.end(), others.begin(), others.end());  // std::map: already sorted
    auto it = services.find(kInitiatives);
    if (it != services.end() && !it->second.feats.empty()) keys.push_back(kInitiatives);
    return keys;
}

const ServiceS* State::find_service(const std::string& key) const {
    auto it = services.find(key);
    return it == services.end() ? nullptr : &it->second;
}

std::vector<ServiceCoverage> State::compute(const Project& p, const std::vector<std::string>& keys,
                                            const WorkControl& control, std::vector<FlaggedFeature>* flags) const {
    auto& self = const_cast<State&>(*this);  // pools only
    const bool gaps = options.keep_gap_geometry;
    Workers w(self.contexts, &self.projections, worker_count());
    std::vector<ServiceCoverage> out(keys.size());
    std::mutex flag_mutex;
    std::vector<planar::VertexIndex> made(worker_count());  // per worker: new vertices in lon/lat (gap_geometry.h)
    std::size_t edges = 0;
    for (auto& poly : desa_units.units.polys) edges += poly.edges().size();
    const bool threads = edges >= kParallelFrom;
    for (std::size_t si = 0; si < keys.size(); ++si) {
        control.check();
        control.report(double(si) / double(std::max<std::size_t>(keys.size(), 1)), "services");
        auto& sc = out[si];
        sc.service = keys[si];
        const ServiceS* s = find_service(keys[si]);
        if (auto* t = p.facility_type(keys[si])) sc.label = t->label;
        else sc.label = keys[si] == kInitiatives ? "Inisiatif (radius layanan)" : keys[si];
        if (s)
            for (auto& f : s->feats) {
                sc.features_used += f.counted;
                sc.features_outside += f.outside;
                sc.features_across_border += f.outside && f.counted;
            }
        sc.desa.resize(desa.size());
        sc.kecamatan.resize(kec.size());
        sc.zones.resize(zones.size());
        sc.zone_desa.resize(parts.size());

        planar::ServiceArea S;
        if (s) S.build(counted_buffers(*s));
        if (gaps)
            for (auto& m : made)  // ∂S's vertices and its crossings with the desa: ~1.5 a piece of ∂S
                if (m.size() == 0) m.reserve(2 * S.boundary().size());
        planar::OverlayOptions oo;
        oo.pieces = gaps;
        oo.unmet_unit_gaps = false;  // a desa (a lone kecamatan) that S does not meet keeps its own outline
        const planar::Overlay ov = planar::overlay(desa_units.units, S, oo);
        const NearestFeature nearest = s ? NearestFeature(*s) : NearestFeature(ServiceS{});
        const auto ctx0 = [&]() -> GeosContext& { return w.ctx(0); };
        std::vector<double> frag_cov;
        if (desa_fragments) frag_cov = fragments_covered(*desa_fragments, planar::overlay(desa_fragments->units, S, {}), desa.size());

        // Desa.
        for_each(desa.size(), threads, [&](std::size_t i, unsigned k) {
            // A GEOS context only where one is needed (a fallback, a non-point facility).
            const auto ctx = [&]() -> GeosContext& { return w.ctx(k); };
            const auto& d = desa[i];
            auto& m = sc.desa[i];
            set_identity(m, "desa", d.code, d.name, d.parent);
            double covered = double(ov.unit[i] / 2);
            bool by_geos = d.fallback || !plausible(covered, d.area);
            std::size_t open = 0;
            if (!by_geos && gaps) {
                if (!ov.unit_met[i]) m.gap = d.lonlat;
                else m.gap = assemble_lonlat(ov.unit_gap[i], origin, w.proj(k), lonlat_of, &open, &made[k]);
                by_geos = open > 0;
            }
            if (by_geos && d.area > 0) {
                GeosContext& c = ctx();
                self.ensure_desa_geoms();
                // GEOS overlay of this desa alone (flagged: the boundary integration disagreed).
                GeomPtr Sg = s ? geos_local_union(c, *s, d.env, options.quadrant_segments) : nullptr;
                covered = Sg ? c.area(c.intersection(d.geom.get(), Sg.get()).get()) : 0.0;
                if (gaps) {
                    m.gap = Sg ? c.to_geometry(c.difference(d.geom.get(), Sg.get()).get()) : c.to_geometry(d.geom.get());
                    w.proj(k).inverse_in_place(m.gap);
                }
                if (!d.fallback && flags) {
                    std::lock_guard lock(flag_mutex);
                    flags->push_back(
                        {"desa", d.id, d.code,
                         "service " + keys[si] + ": boundary integration inconsistent (" +
                             (open ? std::to_string(open) + " open chains" : "covered area outside [0, area]") +
                             "): computed with a GEOS overlay"});
                }
            }
            set_area_figures(m, d.area, covered);
            m.population = d.pop;
            m.covered_population = d.whole ? (d.area > 0 ? d.pop * m.covered_km2 * 1e6 / d.area : 0) : frag_cov[i];
            finish_population(m);
            m.nearest_facility_m = s ? nearest(ctx, d.centre) : kNaN;
        });
        control.check();

        // Kecamatan: dissolved from their desa; those without desa by their own outline. A kecamatan
        // (or the district) that the service does not meet is its own gap: assembled once, kept.
        if (gaps) std::call_once(self.dissolved_made, [&] { self.kec_dissolved = std::make_unique<Dissolved[]>(kec.size()); });
        std::optional<planar::Overlay> lone_ov;
        if (!lone_kec.polys.empty()) lone_ov = planar::overlay(lone_kec, S, oo);
        for_each(kec.size(), threads, [&](std::size_t ki, unsigned k) {
            const auto& ks = kec[ki];
            auto& m = sc.kecamatan[ki];
            set_identity(m, "kecamatan", ks.code, ks.name, ks.parent);
            m.nearest_facility_m = s ? nearest([&]() -> GeosContext& { return w.ctx(k); }, ks.centre) : kNaN;
            if (ks.lone) {
                set_area_figures(m, ks.area, double(lone_ov->unit[*ks.lone] / 2));
                if (gaps) {
                    if (!lone_ov->unit_met[*ks.lone]) m.gap = lone_kec_src[*ks.lone].geometry;
                    else m.gap = assemble_lonlat(lone_ov->unit_gap[*ks.lone], origin, w.proj(k), lonlat_of, nullptr, &made[k]);
                }
                return;
            }
            set_area_figures(m, ks.area, double(ov.group[ki] / 2));
            if (gaps) {
                // Its own outline (no pieces gathered): as when S has no area.
                const bool own = S.empty() || (!ov.group_own.empty() && ov.group_own[ki]);
                m.gap = self.gap_of(ki, own ? nullptr : &ov.group_gap[ki], !S.empty() && !ov.group_met[ki], w.proj(k), &made[k]);
            }
            for (auto di : ks.desa) {
                m.population += sc.desa[di].population;
                m.covered_population += sc.desa[di].covered_population;
            }
            finish_population(m);
        });

        // District and the service area S ∩ D.
        {
            auto& m = sc.district;
            m.layer = "kabupaten";
            m.code = district_code;
            m.name = p.settings.district_name;
            m.nearest_facility_m = s ? nearest(ctx0, district_centre) : kNaN;
            set_area_figures(m, district_area, double(ov.whole / 2));
            for (auto& dm : sc.desa) {
                m.population += dm.population;
                m.covered_population += dm.covered_population;
            }
            finish_population(m);
            if (gaps) {
                const bool met = !S.empty() || !ov.whole_covered.empty();
                m.gap = self.gap_of(kec.size(), met ? &ov.whole_gap : nullptr, ov.whole_covered.empty(), w.proj(0), &made[0]);
                if (met) sc.service_area = assemble_lonlat(ov.whole_covered, origin, w.proj(0), lonlat_of, nullptr, &made[0]);
            }
        }
        control.check();

        // Zones (zone ∩ district) and their parts (desa ∩ zone).
        if (!zones.empty()) {
            planar::OverlayOptions zo;
            zo.pieces = gaps;
            const planar::Overlay zov = planar::overlay(zone_units, S, zo);
            const planar::Overlay pov = planar::overlay(part_units, S, zo);
            std::vector<double> part_frag_cov;
            if (part_fragments)
                part_frag_cov = fragments_covered(*part_fragments, planar::overlay(part_fragments->units, S, {}), parts.size());
            for (std::size_t pi = 0; pi < parts.size(); ++pi) {
                const auto& part = parts[pi];
                auto& m = sc.zone_desa[pi];
                m.layer = "zone_desa";
                m.code = zones[part.zone].code + "/" + desa[part.desa].code;
                m.name = desa[part.desa].name;
                m.parent_code = zones[part.zone].code;
                set_area_figures(m, part.area, double(pov.unit[pi] / 2));
                m.population = part.pop;
                m.covered_population = part.whole ? (part.area > 0 ? part.pop * m.covered_km2 * 1e6 / part.area : 0)
                                                  : part_frag_cov[pi];
                finish_population(m);
                m.nearest_facility_m = s ? nearest(ctx0, part.centre) : kNaN;
                if (gaps) m.gap = assemble_lonlat(pov.unit_gap[pi], origin, w.proj(0), lonlat_of, nullptr, &made[0]);
            }
            for (std::size_t zi = 0; zi < zones.size(); ++zi) {
                const auto& z = zones[zi];
                auto& m = sc.zones[zi];
                m.layer = "zone";
                m.code = z.code;
                m.name = z.name;
                m.parent_code = district_code;
                set_area_figures(m, z.area, double(zov.unit[zi] / 2));
                for (auto pi : z.parts) {
                    m.population += sc.zone_desa[pi].population;
                    m.covered_population += sc.zone_desa[pi].covered_population;
                }
                finish_population(m);
                m.nearest_facility_m = s ? nearest(ctx0, z.centre) : kNaN;
                if (gaps) m.gap = assemble_lonlat(zov.unit_gap[zi], origin, w.proj(0), lonlat_of, nullptr, &made[0]);
            }
        }

        // Gap ranking: uncovered people, then uncovered area, descending.
        std::vector<std::size_t> idx(sc.desa.size());
        for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
        auto uncovered_area = [&](std::size_t i) { return sc.desa[i].area_km2 - sc.desa[i].covered_km2; };
        std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
            if (sc.desa[a].uncovered_population != sc.desa[b].uncovered_population)
                return sc.desa[a].uncovered_population > sc.desa[b].uncovered_population;
            return uncovered_area(a) > uncovered_area(b);
        });
        idx.resize(std::min(idx.size(), options.top_gaps));
        sc.gap_ranking = std::move(idx);
    }
    control.report(1, "services");
    return out;
}

}  // namespace pc::analysis
