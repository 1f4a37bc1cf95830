// A site suggestion's inputs from the engine's state: the area (district, kecamatan or zone), the
// population pieces of its desa minus the existing service area, and the candidate sites.
#include "suggest_setup.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace pc::analysis::suggest {

namespace {

std::string lower(std::string s) {
    for (auto& ch : s) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

GeomPtr to_local(GeosContext& c, Geometry g, Coord origin) {
    g.translate(-origin.x, -origin.y);
    return c.from(g);
}

GeomPtr to_local(GeosContext& c, const GEOSGeometry* projected, Coord origin) {
    return to_local(c, c.to_geometry(projected), origin);
}

// The area asked about: every desa, one kecamatan's, or a zone's parts.
struct Area {
    enum Kind { District, Kecamatan, Zone } kind = District;
    std::size_t index = 0;
    std::string label;
};

Area find_area(const State& st, const std::string& within) {
    Area a;
    a.label = st.district_name.empty() ? st.district_code : st.district_name;
    if (within.empty()) return a;
    const std::string key = lower(within);
    for (std::size_t z = 0; z < st.zones.size(); ++z)
        if (lower(st.zones[z].code) == key || lower(st.zones[z].name) == key)
            return {Area::Zone, z, st.zones[z].name.empty() ? st.zones[z].code : st.zones[z].name};
    for (std::size_t k = 0; k < st.kec.size(); ++k)
        if (lower(st.kec[k].code) == key || lower(st.kec[k].name) == key)
            return {Area::Kecamatan, k, "Kecamatan " + st.kec[k].name};
    std::string known;
    for (auto& z : st.zones) known += (known.empty() ? "" : ", ") + z.code;
    throw InputError({"", "zones", within, "--within"},
                     "no zone or kecamatan has this code or name" +
                         (known.empty() ? std::string(" (the project has no zones)") : " (zones: " + known + ")"));
}

}  // namespace

Setup build_setup(const State& st, const Project& project, const SuggestOptions& o, const WorkControl& control) {
    Setup s;
    s.st = &st;
    auto& self = const_cast<State&>(st);  // pools only
    s.ctx = std::make_unique<Lease<GeosContext>>(self.contexts);
    GeosContext& c = s.c();

    // Service and radius.
    s.service = o.service;
    const FacilityType* type = project.facility_type(o.service);
    const ServiceS* service = st.find_service(o.service);
    if (!type && !service) {
        std::string known;
        for (auto& t : project.settings.facility_types) known += (known.empty() ? "" : ", ") + t.key;
        throw InputError({"", "facility_types", o.service, "--service"}, "unknown service (facility types: " + known + ")");
    }
    s.service_label = type ? type->label : o.service;
    s.radius = o.radius_m > 0 ? o.radius_m : type ? type->default_radius_m : 0;
    if (!(s.radius > 0)) throw InputError({"", "facility_types", o.service, "--radius"}, "the service has no radius: give --radius");
    if (o.count < 1) throw InputError({"", "", "", "--count"}, "at least one site must be asked for");

    // The area and its desa.
    const Area area = find_area(st, o.within);
    s.within_label = area.label;
    GeomPtr zone_local;
    PreparedPtr zone_prepared;
    std::vector<char> in_area(st.desa.size(), 0);
    if (area.kind == Area::Zone) {
        zone_local = to_local(c, st.zones[area.index].raw.get(), st.origin);
        zone_prepared = c.prepare(zone_local.get());
        for (auto pi : st.zones[area.index].parts) in_area[st.parts[pi].desa] = 1;
    } else {
        for (std::size_t i = 0; i < st.desa.size(); ++i) in_area[i] = area.kind == Area::District || st.desa[i].kec == area.index;
    }
    for (std::size_t i = 0; i < st.desa.size(); ++i)
        if (in_area[i] && st.desa[i].area > 0) s.desa.push_back(i);

    // The existing service area (counted features, as the analysis builds it), in local metres.
    GeomPtr existing;
    PreparedPtr existing_prepared;
    if (service) {
        std::vector<GeomPtr> parts;
        for (auto& f : service->feats) {
            if (!f.counted) continue;
            GeomPtr g = f.point ? c.from(Geometry::point(f.point->x - st.origin.x, f.point->y - st.origin.y))
                                : to_local(c, f.geom.get(), st.origin);
            parts.push_back(c.buffer(g.get(), std::max(0.0, f.radius), st.options.quadrant_segments));
        }
        if (!parts.empty()) {
            existing = c.union_all(std::move(parts));
            existing_prepared = c.prepare(existing.get());
        }
    }

    // Demand: the population pieces of the area's desa, minus the existing service area.
    std::vector<Demand::Input> inputs;
    auto add_piece = [&](GeomPtr g, std::size_t owner, double pop, double area_m2) {
        if (!(pop > 0) || !(area_m2 > 0)) return;
        const double density = pop / area_m2;
        if (zone_local) {
            if (!c.check_predicate(GEOSPreparedIntersects_r(c.get(), zone_prepared.get(), g.get()), "intersects")) return;
            if (!c.check_predicate(GEOSPreparedCovers_r(c.get(), zone_prepared.get(), g.get()), "covers"))
                g = c.polygonal_part(c.intersection(g.get(), zone_local.get()).get());
        }
        s.population += density * c.area(g.get());
        if (existing && c.check_predicate(GEOSPreparedIntersects_r(c.get(), existing_prepared.get(), g.get()), "intersects"))
            g = c.polygonal_part(c.difference(g.get(), existing.get()).get());
        inputs.push_back({std::move(g), std::uint32_t(owner), density});
    };
    for (auto i : s.desa) {
        control.check();
        const DesaS& d = st.desa[i];
        if (d.whole || !st.desa_fragments) {
            add_piece(to_local(c, d.projected, st.origin), i, d.pop, d.area);
        } else {
            const Fragments& f = *st.desa_fragments;
            for (auto j : f.of_owner[i]) add_piece(to_local(c, f.geom[j].get(), st.origin), i, f.pop[j], f.area[j]);
        }
    }
    control.report(0.1, "demand");
    s.demand = std::make_unique<Demand>(c, std::move(inputs), s.radius / 2);

    // Candidates, in lon/lat first: their projection is then the very one the analysis makes of a
    // facility placed there.
    auto inside_area = [&](planar::Pt lp) {
        if (zone_local) {
            auto pt = c.from(Geometry::point(lp.x, lp.y));
            return c.check_predicate(GEOSPreparedContains_r(c.get(), zone_prepared.get(), pt.get()), "contains");
        }
        bool hit = false;
        st.desa_units.units.grid.query(planar::Box::of(lp, lp), [&](std::uint32_t di) {
            if (!hit && in_area[di] && st.desa_units.units.polys[di].locate(lp) != planar::Poly::PointLoc::Out) hit = true;
        });
        return hit;
    };
    Lease<Projection> proj(self.projections);
    switch (o.source) {
    case CandidateSource::DesaCentres:
        if (zone_local) {
            // The zone's part of each desa: its point on surface.
            for (auto pi : st.zones[area.index].parts) {
                const ZonePartS& part = st.parts[pi];
                if (!(part.area > 0)) continue;
                double xy[2] = {0, 0};
                const Coord p = c.point_on_surface(part.geom.get());
                xy[0] = p.x;
                xy[1] = p.y;
                proj->inverse(xy, 1);
                s.candidates.push_back({{xy[0], xy[1]}, st.desa[part.desa].code});
            }
        } else {
            for (auto i : s.desa) {
                auto g = c.from(st.desa[i].lonlat);
                s.candidates.push_back({c.point_on_surface(g.get()), st.desa[i].code});
            }
        }
        break;
    case CandidateSource::Grid: {
        if (!(o.grid_spacing_m > 0)) throw InputError({"", "", "", "--candidates"}, "the grid spacing must be positive");
        Envelope e;
        for (auto i : s.desa) e.expand(st.desa[i].env);
        const double step = o.grid_spacing_m;
        std::vector<double> xy;
        for (double y = std::ceil(e.min_y / step) * step; y <= e.max_y; y += step)
            for (double x = std::ceil(e.min_x / step) * step; x <= e.max_x; x += step) {
                if (!inside_area(st.local({x, y}))) continue;
                xy.push_back(x);
                xy.push_back(y);
            }
        const std::vector<double> projected = xy;
        proj->inverse(xy.data(), xy.size() / 2);
        for (std::size_t k = 0; k < xy.size(); k += 2)
            s.candidates.push_back({{xy[k], xy[k + 1]},
                                    "E" + std::to_string(std::llround(projected[k])) + " N" + std::to_string(std::llround(projected[k + 1]))});
        break;
    }
    case CandidateSource::Given:
        s.candidates = o.given;
        break;
    }
    if (s.candidates.empty())
        throw InputError({"", "", s.within_label, "--candidates"}, "no candidate site lies in the area asked about");
    std::vector<double> xy;
    xy.reserve(2 * s.candidates.size());
    for (auto& cand : s.candidates) {
        xy.push_back(cand.lonlat.x);
        xy.push_back(cand.lonlat.y);
    }
    proj->forward(xy.data(), xy.size() / 2);
    for (std::size_t k = 0; k < s.candidates.size(); ++k) {
        s.centres.push_back(st.local({xy[2 * k], xy[2 * k + 1]}));
        s.discs.push_back(make_disc(s.centres.back(), s.radius, st.options.quadrant_segments));
    }
    control.report(0.2, "candidates");
    return s;
}

}  // namespace pc::analysis::suggest
