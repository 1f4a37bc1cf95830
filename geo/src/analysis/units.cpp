// Preparation of the units: the desa projected to the analysis CRS and repaired, grouped into
// kecamatan, cut at their neighbours (boundary_pass.h); the data-quality figures that follow.
#include <algorithm>
#include <cmath>
#include <functional>

#include "engine_state.h"
#include "geo/error.h"
#include "geo/parallel.h"

namespace pc::analysis {

// GEOS 3.11 computes envelopes lazily; a geometry read by several threads must have them computed
// first (GEOS ticket 855), down to every ring.
void prime(GEOSContextHandle_t h, const GEOSGeometry* g) {
    if (!g || GEOSisEmpty_r(h, g) == 1) return;
    double x;
    GEOSGeom_getXMin_r(h, g, &x);
    int t = GEOSGeomTypeId_r(h, g);
    if (t == GEOS_POLYGON) {
        GEOSGeom_getXMin_r(h, GEOSGetExteriorRing_r(h, g), &x);
        int n = GEOSGetNumInteriorRings_r(h, g);
        for (int i = 0; i < n; ++i) GEOSGeom_getXMin_r(h, GEOSGetInteriorRingN_r(h, g, i), &x);
    } else if (t >= GEOS_MULTIPOINT) {
        int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i) prime(h, GEOSGetGeometryN_r(h, g, i));
    }
}

namespace {

const char* kind_name(GeometryKind k) {
    switch (k) {
        case GeometryKind::Point: return "a point";
        case GeometryKind::Line: return "a line";
        default: return "empty";
    }
}

}  // namespace

Workers::Workers(Pool<GeosContext>& contexts, Pool<CrsTransform>* forward, Pool<CrsTransform>* inverse, unsigned n) {
    for (unsigned i = 0; i < n; ++i) {
        ctx.emplace_back(contexts);
        if (forward) fwd.emplace_back(*forward);
        if (inverse) inv.emplace_back(*inverse);
    }
}

planar::Box State::local_box(const Envelope& e) const {
    if (e.empty()) return {};
    return {e.min_x - origin.x, e.min_y - origin.y, e.max_x - origin.x, e.max_y - origin.y};
}

planar::Poly State::to_poly(GeosContext& c, const GEOSGeometry* g) const {
    planar::Poly out;
    std::vector<double> buf;
    auto ring = [&](const GEOSGeometry* r, bool hole) {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(c.get(), r);
        unsigned n = 0;
        if (!seq || !GEOSCoordSeq_getSize_r(c.get(), seq, &n) || n < 4) return;
        buf.resize(2 * std::size_t(n));
        c.check_measure(GEOSCoordSeq_copyToBuffer_r(c.get(), seq, buf.data(), 0, 0), "coordinates");
        std::vector<planar::Pt> pts(n);
        for (unsigned i = 0; i < n; ++i) pts[i] = {buf[2 * i] - origin.x, buf[2 * i + 1] - origin.y};
        out.add_ring(std::move(pts), hole);
    };
    std::function<void(const GEOSGeometry*)> add = [&](const GEOSGeometry* x) {
        if (!x || GEOSisEmpty_r(c.get(), x) == 1) return;
        int t = GEOSGeomTypeId_r(c.get(), x);
        if (t == GEOS_POLYGON) {
            ring(GEOSGetExteriorRing_r(c.get(), x), false);
            int nh = GEOSGetNumInteriorRings_r(c.get(), x);
            for (int i = 0; i < nh; ++i) ring(GEOSGetInteriorRingN_r(c.get(), x, i), true);
        } else if (t == GEOS_MULTIPOLYGON || t == GEOS_GEOMETRYCOLLECTION) {
            int n = GEOSGetNumGeometries_r(c.get(), x);
            for (int i = 0; i < n; ++i) add(GEOSGetGeometryN_r(c.get(), x, i));
        }
    };
    add(g);
    out.finish();
    return out;
}

GeomPtr State::project_polygonal(GeosContext& c, const CrsTransform& fwd, const Geometry& g, const std::string& layer,
                                 const Uuid& id, const std::string& label, std::mutex& m, Geometry* repaired_lonlat) {
    if (repaired_lonlat) *repaired_lonlat = g;
    if (g.kind != GeometryKind::Polygon || g.empty()) {
        if (repaired_lonlat) *repaired_lonlat = Geometry{};
        return c.empty_polygon();
    }
    GeomPtr out;
    try {
        out = c.from(fwd.apply(g));
    } catch (const GeosError& e) {
        std::lock_guard lock(m);
        quality.flagged.push_back({layer, id, label, std::string("unusable geometry left out: ") + e.what()});
        if (repaired_lonlat) *repaired_lonlat = Geometry{};
        return c.empty_polygon();
    }
    prime(c.get(), out.get());
    if (!c.is_valid(out.get())) {
        std::string reason = c.is_valid_reason(out.get());
        auto fixed = c.make_valid(out.get());
        out = c.polygonal_part(fixed.get());
        prime(c.get(), out.get());
        if (repaired_lonlat) {
            Lease<CrsTransform> inv(inverse);
            *repaired_lonlat = c.to_geometry(out.get());
            inv->apply_in_place(*repaired_lonlat);
        }
        std::lock_guard lock(m);
        ++quality.geometries_repaired;
        quality.flagged.push_back({layer, id, label, "invalid geometry repaired (GEOS MakeValid, structure method): " + reason});
    }
    return out;
}

bool State::meets_district(GeosContext& c, const GEOSGeometry* g, const Envelope& genv) const {
    const auto& polys = desa_units.units.polys;
    bool hit = false;
    if (GEOSGeomTypeId_r(c.get(), g) == GEOS_POINT) {  // most features: a point in a desa polygon
        planar::Pt pt{genv.min_x - origin.x, genv.min_y - origin.y};
        desa_units.units.grid.query(planar::Box::of(pt, pt), [&](std::uint32_t i) {
            hit = hit || polys[i].locate(pt) != planar::Poly::PointLoc::Out;
        });
        if (hit) return true;
    }
    desa_units.units.grid.query(local_box(genv).grown(1e-3), [&](std::uint32_t i) {
        if (hit || desa[i].area <= 0) return;
        const GEOSGeometry* d = desa[i].geom.get();
        hit = c.check_predicate(GEOSIntersects_r(c.get(), d, g), "intersects") ||
              c.check_predicate(GEOSDistanceWithin_r(c.get(), d, g, 1e-3), "distance within");
    });
    return hit;
}

void State::prepare_units(const Project& p, Workers& w, std::mutex& m) {
    // Desa: projected, repaired; a desa that is a line or a point has no area and is flagged.
    desa.resize(p.desa.size());
    std::size_t vertices = 0;
    for (auto& d : p.desa) vertices += d.geometry.vertex_count();
    const bool parallel = vertices > 20000;
    auto project_desa = [&](std::size_t i, unsigned k) {
        auto& src = p.desa[i];
        auto& d = desa[i];
        GeosContext& c = *w.ctx[k];
        d.id = src.id;
        d.code = src.code;
        d.name = src.name;
        d.parent = src.parent_code;
        const std::string label = src.code.empty() ? src.name : src.code;
        if (src.geometry.kind != GeometryKind::Polygon || src.geometry.empty()) {
            std::lock_guard lock(m);
            quality.flagged.push_back({"desa", src.id, label,
                                       std::string("no area: its geometry is ") + kind_name(src.geometry.kind) +
                                           "; its population cannot be placed and counts as not covered"});
            quality.warnings.push_back("desa " + label + " has no area (its geometry is " + kind_name(src.geometry.kind) +
                                       "): its population counts as not covered");
        }
        d.geom = project_polygonal(c, *w.fwd[k], src.geometry, "desa", src.id, label, m, &d.lonlat);
        d.env = c.envelope(d.geom.get());
        d.area = c.area(d.geom.get());
        d.centre = GEOSisEmpty_r(c.get(), d.geom.get()) == 1 ? d.env.centre() : c.centroid(d.geom.get());
    };
    if (parallel) parallel_for(desa.size(), project_desa);
    else
        for (std::size_t i = 0; i < desa.size(); ++i) project_desa(i, 0);

    // Local origin for the planar areas: the centre of all desa.
    district_env = Envelope{};
    for (auto& d : desa) district_env.expand(d.env);
    origin = district_env.empty() ? Coord{0, 0} : district_env.centre();
    std::vector<planar::Poly> polys(desa.size());
    auto make_poly = [&](std::size_t i, unsigned k) { polys[i] = to_poly(*w.ctx[k], desa[i].geom.get()); };
    if (parallel) parallel_for(desa.size(), make_poly);
    else
        for (std::size_t i = 0; i < desa.size(); ++i) make_poly(i, 0);

    // Kecamatan: from the project's list, else grouped by parent_code.
    std::map<std::string, std::size_t> kec_index;
    for (auto& k : p.kecamatan) {
        if (kec_index.count(k.code)) continue;
        kec_index[k.code] = kec.size();
        KecS ks;
        ks.code = k.code;
        ks.name = k.name;
        ks.parent = k.parent_code.empty() ? p.settings.district_code : k.parent_code;
        kec.push_back(std::move(ks));
    }
    std::vector<std::uint32_t> group(desa.size());
    for (std::size_t i = 0; i < desa.size(); ++i) {
        auto it = kec_index.find(desa[i].parent);
        if (it == kec_index.end()) {
            it = kec_index.emplace(desa[i].parent, kec.size()).first;
            KecS ks;
            ks.code = desa[i].parent;
            ks.parent = p.settings.district_code;
            kec.push_back(std::move(ks));
        }
        desa[i].kec = it->second;
        group[i] = std::uint32_t(it->second);
        kec[it->second].desa.push_back(i);
    }
    // Kecamatan without desa keep their own outline (no population).
    GeosContext& c0 = *w.ctx[0];
    for (auto& ks : kec) {
        if (!ks.desa.empty()) {
            for (auto d : ks.desa) ks.env.expand(desa[d].env);
            continue;
        }
        const AdminUnit* src = nullptr;
        for (auto& u : p.kecamatan)
            if (u.code == ks.code) src = &u;
        Geometry lonlat;
        GeomPtr g = src ? project_polygonal(c0, *w.fwd[0], src->geometry, "kecamatan", src->id, src->code, m, &lonlat)
                        : c0.empty_polygon();
        ks.env = c0.envelope(g.get());
        ks.area = c0.area(g.get());
        ks.centre = GEOSisEmpty_r(c0.get(), g.get()) == 1 ? ks.env.centre() : c0.centroid(g.get());
        ks.lone = lone_kec.polys.size();
        lone_kec.polys.push_back(to_poly(c0, g.get()));
        lone_kec_geom.push_back(std::move(g));
        AdminUnit copy;
        if (src) copy = *src;
        copy.geometry = std::move(lonlat);
        lone_kec_src.push_back(std::move(copy));
    }
    lone_kec.index();

    desa_units = planar::boundary_pass(polys, group, kec.size());
    district_area = double(desa_units.district2 / 2);
    district_centre = desa_units.district2 > 0 ? projected(desa_units.district_centroid) : district_env.centre();
    for (std::size_t k = 0; k < kec.size(); ++k) {
        auto& ks = kec[k];
        if (ks.desa.empty()) continue;
        ks.area = double(desa_units.group2[k] / 2);
        ks.centre = desa_units.group2[k] > 0 ? projected(desa_units.group_centroid[k]) : ks.env.centre();
    }

    // No silent errors: a desa's area integrated over its cut boundary must equal GEOS's area of its
    // geometry; where it does not (beyond 1e-9, relative), the desa is computed by GEOS overlay.
    for (std::size_t i = 0; i < desa.size(); ++i) {
        const double integrated = desa_units.units.polys[i].area2() / 2;
        const double a = desa[i].area;
        if (std::abs(integrated - a) <= 1e-9 * std::max(a, 1.0)) continue;
        desa[i].fallback = true;
        fallback_desa.push_back(i);
        quality.flagged.push_back({"desa", desa[i].id, desa[i].code,
                                   "boundary integration gave " + std::to_string(integrated) + " m² against GEOS's " +
                                       std::to_string(a) + " m²: computed with a GEOS overlay"});
    }
}

void State::prepare_quality(const Project& p, Workers& w, std::mutex& m) {
    double sum = 0;
    for (auto& d : desa) sum += d.area;
    quality.desa_overlap_km2 = std::max(0.0, sum - district_area) / 1e6;
    quality.desa_overlap_pairs = desa_units.overlap_pairs;
    // Gaps between desa: the area the district's outline encloses that no desa covers. The loops of
    // its boundary taken with the sharpest right turn join an island desa touching a hole's ring to
    // that hole, so the clockwise loops are the holes less the desa inside them.
    auto loops = planar::loop_areas(desa_units.district_boundary);
    quality.desa_gap_km2 = -loops.cw2 / 2 / 1e6;
    if (loops.open_chains)
        quality.warnings.push_back("the district's boundary did not close into rings (" + std::to_string(loops.open_chains) +
                                   " open chains): gaps between desa may be missed");
    if (!p.kabupaten.empty() && !p.kabupaten.front().geometry.empty()) {
        auto& k = p.kabupaten.front();
        GeosContext& c = *w.ctx[0];
        auto g = project_polygonal(c, *w.fwd[0], k.geometry, "kabupaten", k.id, k.code, m, nullptr);
        const double outline_area = c.area(g.get());
        planar::Poly outline = to_poly(c, g.get());
        auto ov = planar::overlay(desa_units.units, outline, {});
        const double both = double(ov.whole / 2);
        quality.outline_not_in_desa_km2 = std::max(0.0, outline_area - both) / 1e6;
        quality.desa_not_in_outline_km2 = std::max(0.0, district_area - both) / 1e6;
    }
}

}  // namespace pc::analysis
