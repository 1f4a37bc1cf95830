// Zones (KPPN/KSPN): the unit is zone ∩ district; each desa meeting the zone gives a part desa ∩ zone
// ("<zone>/<desa>"), whose population is the desa's persons inside the part.
#include <algorithm>

#include "engine_state.h"
#include "geo/parallel.h"

namespace pc::analysis {

void State::prepare_zones(const Project& p, Workers& w, std::mutex& m) {
    if (p.zones.empty()) return;  // before any GEOS context is made (the first costs 30 µs)
    GeosContext& c0 = w.ctx(0);
    zones.resize(p.zones.size());
    for (std::size_t zi = 0; zi < p.zones.size(); ++zi) {
        auto& z = zones[zi];
        auto& src = p.zones[zi];
        z.code = src.code;
        z.name = src.name;
        z.raw = project_polygonal(c0, w.proj(0), src.geometry, "zones", src.id, src.code, m, nullptr);
        z.raw_env = c0.envelope(z.raw.get());
        prime(c0.get(), z.raw.get());
        desa_units.units.grid.query(local_box(z.raw_env), [&](std::uint32_t di) {
            ZonePartS part;
            part.zone = zi;
            part.desa = di;
            parts.push_back(std::move(part));
        });
    }
    if (zones.empty()) return;
    ensure_desa_geoms();
    std::vector<char> keep(parts.size(), 1);
    struct PartFrag {
        GeomPtr geom;
        double area = 0, pop = 0;
        Coord centroid;
    };
    std::vector<std::vector<PartFrag>> part_frags(parts.size());
    parallel_for(parts.size(), [&](std::size_t i, unsigned k) {
        GeosContext& c = w.ctx(k);
        auto& part = parts[i];
        auto& d = desa[part.desa];
        auto& z = zones[part.zone];
        if (d.area <= 0) {
            keep[i] = 0;
            return;
        }
        auto pz = c.prepare(z.raw.get());
        if (!c.check_predicate(GEOSPreparedIntersects_r(c.get(), pz.get(), d.geom.get()), "intersects")) {
            keep[i] = 0;
            return;
        }
        part.geom = c.polygonal_part(c.intersection(d.geom.get(), z.raw.get()).get());
        part.area = c.area(part.geom.get());
        if (part.area <= 0) {
            keep[i] = 0;
            return;
        }
        part.centre = c.centroid(part.geom.get());
        prime(c.get(), part.geom.get());
        part.whole = d.whole;
        if (d.whole) {
            part.pop = d.area > 0 ? d.pop * part.area / d.area : 0;
            return;
        }
        double w_sum = 0, cx = 0, cy = 0;
        for (auto j : desa_fragments->of_owner[part.desa]) {
            const GEOSGeometry* fg = desa_fragments->geom[j].get();
            PartFrag q;
            GeomPtr owned;
            if (c.check_predicate(GEOSPreparedCovers_r(c.get(), pz.get(), fg), "covers")) {
                q.geom = c.clone(fg);
                q.area = desa_fragments->area[j];
            } else if (c.check_predicate(GEOSPreparedIntersects_r(c.get(), pz.get(), fg), "intersects")) {
                q.geom = c.polygonal_part(c.intersection(fg, z.raw.get()).get());
                q.area = c.area(q.geom.get());
                if (q.area <= 0) continue;
            } else {
                continue;
            }
            const double fa = desa_fragments->area[j];
            q.pop = fa > 0 ? desa_fragments->pop[j] * std::min(1.0, q.area / fa) : 0;
            q.centroid = c.centroid(q.geom.get());
            part.pop += q.pop;
            w_sum += q.pop;
            cx += q.pop * q.centroid.x;
            cy += q.pop * q.centroid.y;
            part_frags[i].push_back(std::move(q));
        }
        if (w_sum > 0) part.centre = {cx / w_sum, cy / w_sum};
    });
    // Drop the parts that turned out empty; Z ∩ D = the union of a zone's parts.
    std::vector<ZonePartS> kept;
    std::vector<std::vector<PartFrag>> kept_frags;
    for (auto& z : zones) z.parts.clear();
    for (std::size_t i = 0; i < parts.size(); ++i)
        if (keep[i]) {
            zones[parts[i].zone].parts.push_back(kept.size());
            kept.push_back(std::move(parts[i]));
            kept_frags.push_back(std::move(part_frags[i]));
        }
    parts = std::move(kept);
    for (auto& z : zones) {
        std::vector<GeomPtr> pieces;
        for (auto pi : z.parts) pieces.push_back(c0.clone(parts[pi].geom.get()));
        z.geom = pieces.empty() ? c0.empty_polygon() : c0.polygonal_part(c0.union_all(std::move(pieces)).get());
        z.area = c0.area(z.geom.get());
        Envelope env = c0.envelope(z.geom.get());
        z.centre = GEOSisEmpty_r(c0.get(), z.geom.get()) == 1 ? env.centre() : c0.centroid(z.geom.get());
        prime(c0.get(), z.geom.get());
        if (method != PopulationMethod::AreaWeighted) {
            double ws = 0, cx = 0, cy = 0;
            for (auto pi : z.parts) {
                ws += parts[pi].pop;
                cx += parts[pi].pop * parts[pi].centre.x;
                cy += parts[pi].pop * parts[pi].centre.y;
            }
            if (ws > 0) z.centre = {cx / ws, cy / ws};
        }
        zone_units.polys.push_back(to_poly(c0, z.geom.get()));
    }
    zone_units.index();
    for (auto& part : parts) part_units.polys.push_back(to_poly(c0, part.geom.get()));
    part_units.index();
    if (method != PopulationMethod::AreaWeighted) {
        Fragments f;
        f.of_owner.resize(parts.size());
        for (std::size_t i = 0; i < parts.size(); ++i)
            for (auto& q : kept_frags[i]) {
                f.of_owner[i].push_back(std::uint32_t(f.pop.size()));
                f.units.polys.push_back(to_poly(c0, q.geom.get()));
                f.pop.push_back(q.pop);
                f.area.push_back(q.area);
                f.owner.push_back(std::uint32_t(i));
                f.centroid.push_back(q.centroid);
                f.geom.push_back(std::move(q.geom));
            }
        f.units.index();
        part_fragments = std::move(f);
    }
}

}  // namespace pc::analysis
