// Preparation of the units: the desa projected to the analysis CRS and repaired, grouped into
// kecamatan, cut at their neighbours (boundary_pass.h); the data-quality figures that follow.
#include <algorithm>
#include <cstring>
#include <cmath>
#include <functional>
#include <memory>

#include "engine_state.h"
#include "outline_overlap.h"
#include "geo/error.h"
#include "geo/parallel.h"
#include "validity.h"

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

planar::Box State::local_box(const Envelope& e) const {
    if (e.empty()) return {};
    return {e.min_x - origin.x, e.min_y - origin.y, e.max_x - origin.x, e.max_y - origin.y};
}

planar::Poly State::to_poly(GeosContext& c, const GEOSGeometry* g) const {
    planar::Poly out;
    c.for_each_polygon_ring(g, [&](const double* xy, unsigned n, bool hole) {
        std::vector<planar::Pt> pts(n);
        for (unsigned i = 0; i < n; ++i) pts[i] = {xy[2 * i] - origin.x, xy[2 * i + 1] - origin.y};
        out.add_ring(std::move(pts), hole);
    });
    out.finish();
    return out;
}

GeomPtr State::project_polygonal(GeosContext& c, const Projection& proj, const Geometry& g, const std::string& layer,
                                 const Uuid& id, const std::string& label, std::mutex& m, Geometry* repaired_lonlat) {
    if (repaired_lonlat) *repaired_lonlat = g;
    if (g.kind != GeometryKind::Polygon || g.empty()) {
        if (repaired_lonlat) *repaired_lonlat = Geometry{};
        return c.empty_polygon();
    }
    GeomPtr out;
    try {
        out = c.from(proj.forward(g));
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
            *repaired_lonlat = c.to_geometry(out.get());
            proj.inverse_in_place(*repaired_lonlat);
        }
        std::lock_guard lock(m);
        ++quality.geometries_repaired;
        quality.flagged.push_back({layer, id, label, "invalid geometry repaired (GEOS MakeValid, structure method): " + reason});
    }
    return out;
}

namespace {

double seg_point_dist2(const planar::Seg& s, const planar::Pt& p) {
    const double dx = s.b.x - s.a.x, dy = s.b.y - s.a.y, l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? ((p.x - s.a.x) * dx + (p.y - s.a.y) * dy) / l2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    const double qx = s.a.x + t * dx - p.x, qy = s.a.y + t * dy - p.y;
    return qx * qx + qy * qy;
}

bool segments_within(const planar::Seg& e, const planar::Seg& f, double tol) {
    auto orient = [](const planar::Pt& a, const planar::Pt& b, const planar::Pt& c) {
        return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    };
    const double d1 = orient(e.a, e.b, f.a), d2 = orient(e.a, e.b, f.b), d3 = orient(f.a, f.b, e.a), d4 = orient(f.a, f.b, e.b);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
    const double t2 = tol * tol;
    return seg_point_dist2(e, f.a) <= t2 || seg_point_dist2(e, f.b) <= t2 || seg_point_dist2(f, e.a) <= t2 ||
           seg_point_dist2(f, e.b) <= t2;
}

}  // namespace

bool State::meets_district(const Geometry& g) const {
    // Intersects a desa, or comes within 1 mm of one: the lon/lat round trip of a feature drawn on
    // the district's edge.
    constexpr double tol = 1e-3;
    const auto& units = desa_units.units;
    auto usable = [&](std::uint32_t i) { return desa[i].area > 0 && !units.polys[i].empty(); };
    auto vertex_meets = [&](const planar::Pt& p) {
        const planar::Box b = planar::Box::of(p, p).grown(tol);
        return units.grid.query_until(b, [&](std::uint32_t i) {
            if (!usable(i)) return false;
            if (units.polys[i].locate(p) != planar::Poly::PointLoc::Out) return true;
            bool near = false;
            units.polys[i].edges_in(b, [&](const planar::Seg& s) { near = near || seg_point_dist2(s, p) <= tol * tol; });
            return near;
        });
    };
    auto edge_meets = [&](const planar::Seg& e) {
        const planar::Box b = planar::Box::of(e.a, e.b).grown(tol);
        return units.grid.query_until(b, [&](std::uint32_t i) {
            if (!usable(i)) return false;
            bool near = false;
            units.polys[i].edges_in(b, [&](const planar::Seg& s) { near = near || segments_within(e, s, tol); });
            return near;
        });
    };
    for (auto& c : g.points)
        if (vertex_meets(local(c))) return true;
    for (auto& l : g.lines) {
        for (auto& c : l)
            if (vertex_meets(local(c))) return true;
        for (std::size_t k = 0; k + 1 < l.size(); ++k)
            if (edge_meets({local(l[k]), local(l[k + 1])})) return true;
    }
    if (g.polygons.empty()) return false;
    planar::Poly area;
    for (auto& poly : g.polygons)
        for (std::size_t r = 0; r < poly.rings.size(); ++r) {
            std::vector<planar::Pt> pts;
            for (auto& c : poly.rings[r]) pts.push_back(local(c));
            for (auto& p : pts)
                if (vertex_meets(p)) return true;
            for (std::size_t k = 0; k + 1 < pts.size(); ++k)
                if (edge_meets({pts[k], pts[k + 1]})) return true;
            area.add_ring(std::move(pts), r > 0);
        }
    area.finish();
    // No vertex or edge meets a desa: a desa may still lie wholly inside the feature.
    return units.grid.query_until(area.box(), [&](std::uint32_t i) {
        return usable(i) && area.locate(units.polys[i].edges().front().a) == planar::Poly::PointLoc::In;
    });
}

void State::ensure_desa_geoms() {
    std::lock_guard lock(desa_geom_mutex);
    if (desa_geoms) return;
    Workers w(contexts, nullptr, worker_count());
    auto make = [&](std::size_t i, unsigned k) {
        GeosContext& c = w.ctx(k);
        desa[i].geom = desa[i].projected.empty() ? c.empty_polygon() : c.from(desa[i].projected);
        prime(c.get(), desa[i].geom.get());
    };
    if (desa.size() < 64) {
        for (std::size_t i = 0; i < desa.size(); ++i) make(i, 0);
    } else {
        parallel_for(desa.size(), make);
    }
    desa_geoms = true;
}

namespace {

// Twice the signed area and the area moments of a polygon's edges (Green's theorem).
void moments(const planar::Poly& p, double& area2, double& mx, double& my) {
    area2 = mx = my = 0;
    for (auto& e : p.edges()) {
        const double t = planar::cross_term(e.a, e.b);
        area2 += t;
        mx += (e.a.x + e.b.x) * t;
        my += (e.a.y + e.b.y) * t;
    }
}

}  // namespace

void State::prepare_units(const Project& p, Workers& w, std::mutex& m) {
    // Every desa coordinate in one buffer, projected by PROJ in a few large calls.
    desa.resize(p.desa.size());
    std::vector<std::size_t> first(p.desa.size() + 1, 0);
    for (std::size_t i = 0; i < p.desa.size(); ++i) {
        const auto& g = p.desa[i].geometry;
        std::size_t n = 0;
        if (g.kind == GeometryKind::Polygon)
            for (auto& poly : g.polygons)
                for (auto& r : poly.rings) n += r.size();
        first[i + 1] = first[i] + n;
    }
    const std::size_t vertices = first.back();
    // Every slot is written below: no zeroing first (these are the district's every vertex).
    const std::unique_ptr<double[]> xy(new double[2 * vertices]);
    for (std::size_t i = 0; i < p.desa.size(); ++i) {
        const auto& g = p.desa[i].geometry;
        if (g.kind != GeometryKind::Polygon) continue;
        double* o = xy.get() + 2 * first[i];
        for (auto& poly : g.polygons)
            for (auto& r : poly.rings)
                for (auto& c : r) {
                    *o++ = c.x;
                    *o++ = c.y;
                }
    }
    const bool parallel = vertices >= kParallelFrom;
    // Neighbours share their boundary vertices: each distinct coordinate is projected once (about
    // half of them in a district file are shared).
    const std::unique_ptr<std::uint32_t[]> vid(new std::uint32_t[vertices]);
    std::vector<double> unique_ll;  // lon/lat of each distinct vertex
    {
        std::size_t cap = 16;
        while (cap < 2 * vertices) cap <<= 1;
        std::vector<std::uint32_t> table(cap, ~0u);
        unique_ll.reserve(vertices);
        for (std::size_t k = 0; k < vertices; ++k) {
            std::uint64_t a, b;
            const double x = xy[2 * k] + 0.0, y = xy[2 * k + 1] + 0.0;
            std::memcpy(&a, &x, 8);
            std::memcpy(&b, &y, 8);
            std::uint64_t h = (a * 0x9e3779b97f4a7c15ull) ^ (b + 0x632be59bd9b4e019ull + (a << 6) + (a >> 2));
            h ^= h >> 31;
            for (std::size_t slot = std::size_t(h) & (cap - 1);; slot = (slot + 1) & (cap - 1)) {
                const std::uint32_t u = table[slot];
                if (u == ~0u) {
                    table[slot] = vid[k] = std::uint32_t(unique_ll.size() / 2);
                    unique_ll.push_back(xy[2 * k]);
                    unique_ll.push_back(xy[2 * k + 1]);
                    break;
                }
                if (unique_ll[2 * u] == x && unique_ll[2 * u + 1] == y) {
                    vid[k] = u;
                    break;
                }
            }
        }
    }
    std::vector<double> unique_xy = unique_ll;
    const std::size_t unique = unique_xy.size() / 2;
    if (!local_fit && unique > 0) {
        // One fit of the inverse projection over the district and a margin (crossings and buffer arcs
        // a little beyond the desa), used for gap geometry from here on.
        Envelope box;
        for (std::size_t k = 0; k < unique; ++k) box.expand(Coord{unique_ll[2 * k], unique_ll[2 * k + 1]});
        const double margin = std::max(0.02, 0.05 * std::max(box.width(), box.height()));
        box.min_x -= margin;
        box.min_y -= margin;
        box.max_x += margin;
        box.max_y += margin;
        Lease<Projection> proj(projections);
        local_fit = proj->fit_over(box);
    }
    {
        const std::size_t chunk = 65536;
        const std::size_t chunks = (unique + chunk - 1) / chunk;
        auto project = [&](std::size_t ch, unsigned) {
            Lease<Projection> proj(projections);
            const std::size_t b = ch * chunk, e = std::min(unique, b + chunk);
            proj->forward(unique_xy.data() + 2 * b, e - b);
        };
        if (parallel) parallel_for(chunks, project);
        else
            for (std::size_t ch = 0; ch < chunks; ++ch) project(ch, 0);
    }
    for (std::size_t k = 0; k < vertices; ++k) {
        xy[2 * k] = unique_xy[2 * std::size_t(vid[k])];
        xy[2 * k + 1] = unique_xy[2 * std::size_t(vid[k]) + 1];
    }
    mark("desa: projection");
    district_env = Envelope{};
    for (std::size_t k = 0; k < vertices; ++k) {
        if (!std::isfinite(xy[2 * k]) || !std::isfinite(xy[2 * k + 1])) continue;
        district_env.expand(Coord{xy[2 * k], xy[2 * k + 1]});
    }
    // Local origin for the planar areas: the centre of all desa.
    origin = district_env.empty() ? Coord{0, 0} : district_env.centre();

    // Per desa: its rings as planar polygons; a fast validity test, GEOS (check, MakeValid) only where
    // it fails; area and centroid from the rings (the shoelace formula, as GEOS computes them).
    std::vector<planar::Poly> polys(desa.size());
    // Each desa's rings in its Poly, for the boundary pass's contact test; empty for a desa GEOS has
    // already checked.
    std::vector<std::vector<planar::RingSpan>> rings(desa.size());
    // GEOS's validity check of desa i's projected geometry g (and poly, its rings): repaired by
    // MakeValid (structure method) where invalid; true when it was.
    auto check_by_geos = [&](std::size_t i, unsigned k, Geometry& g, planar::Poly& poly) {
        auto& d = desa[i];
        GeosContext& gc = w.ctx(k);
        GeomPtr geom = gc.from(g);
        if (gc.is_valid(geom.get())) return false;
        std::string reason = gc.is_valid_reason(geom.get());
        geom = gc.polygonal_part(gc.make_valid(geom.get()).get());
        g = gc.to_geometry(geom.get());
        poly = to_poly(gc, geom.get());
        d.lonlat = g;
        w.proj(k).inverse_in_place(d.lonlat);
        d.repaired = true;
        std::lock_guard lock(m);
        ++quality.geometries_repaired;
        const auto& src = p.desa[i];
        quality.flagged.push_back({"desa", src.id, src.code.empty() ? src.name : src.code,
                                   "invalid geometry repaired (GEOS MakeValid, structure method): " + reason});
        return true;
    };
    // Area, box and centre of desa i from its rings; its Poly kept for the boundary pass.
    auto settle = [&](std::size_t i, planar::Poly&& poly) {
        auto& d = desa[i];
        double a2, mx, my;
        moments(poly, a2, mx, my);
        d.area = a2 / 2;
        d.env = Envelope{poly.box().x0 + origin.x, poly.box().y0 + origin.y, poly.box().x1 + origin.x, poly.box().y1 + origin.y};
        d.centre = a2 > 0 ? projected({mx / (3 * a2), my / (3 * a2)}) : d.env.centre();
        polys[i] = std::move(poly);
    };
    auto build = [&](std::size_t i, unsigned k) {
        auto& src = p.desa[i];
        auto& d = desa[i];
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
            return;
        }
        // The projected geometry, and its rings in local coordinates.
        Geometry g;
        g.kind = GeometryKind::Polygon;
        const double* c = xy.get() + 2 * first[i];
        bool finite = true;
        for (auto& poly : src.geometry.polygons) {
            Polygon out;
            for (auto& r : poly.rings) {
                Ring ring(r.size());
                for (auto& q : ring) {
                    q = {c[0], c[1]};
                    finite = finite && std::isfinite(c[0]) && std::isfinite(c[1]);
                    c += 2;
                }
                out.rings.push_back(std::move(ring));
            }
            g.polygons.push_back(std::move(out));
        }
        if (!finite) {
            std::lock_guard lock(m);
            quality.flagged.push_back({"desa", src.id, label, "coordinates PROJ cannot project: left out"});
            return;
        }
        planar::Poly poly;
        std::vector<planar::RingSpan> spans;
        for (std::size_t a = 0; a < g.polygons.size(); ++a) {
            auto& pg = g.polygons[a];
            for (std::size_t r = 0; r < pg.rings.size(); ++r) {
                std::vector<planar::Pt> pts(pg.rings[r].size());
                for (std::size_t q = 0; q < pts.size(); ++q) pts[q] = local(pg.rings[r][q]);
                const auto begin = std::uint32_t(poly.edges().size());
                poly.add_ring(std::move(pts), r > 0);
                spans.push_back({begin, std::uint32_t(poly.edges().size()), std::uint32_t(a), r > 0});
            }
        }
        poly.finish(false);
        d.lonlat = src.geometry;
        // Rings well formed: whether two edges meet is left to the boundary pass (below), which finds
        // each edge's neighbours anyway. Otherwise GEOS decides now.
        if (planar::rings_well_formed(poly, spans)) rings[i] = std::move(spans);
        else check_by_geos(i, k, g, poly);
        d.projected = std::move(g);
        settle(i, std::move(poly));
    };
    if (parallel) parallel_for(desa.size(), build);
    else
        for (std::size_t i = 0; i < desa.size(); ++i) build(i, 0);
    mark("desa: rings, areas");
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
    for (auto& ks : kec) {
        if (!ks.desa.empty()) {
            for (auto d : ks.desa) ks.env.expand(desa[d].env);
            continue;
        }
        GeosContext& c0 = w.ctx(0);
        const AdminUnit* src = nullptr;
        for (auto& u : p.kecamatan)
            if (u.code == ks.code) src = &u;
        Geometry lonlat;
        GeomPtr g = src ? project_polygonal(c0, w.proj(0), src->geometry, "kecamatan", src->id, src->code, m, &lonlat)
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

    mark("kecamatan");
    desa_units = planar::boundary_pass(polys, group, kec.size(), &rings);
    mark("boundary pass");
    // Desa two of whose edges meet (or come within 1e-9 m): GEOS decides; a repaired one changes the
    // cut of its neighbours, so the pass runs again (rare: an imported desa was made valid already).
    bool repaired = false;
    for (std::size_t i = 0; i < desa.size(); ++i) {
        if (desa_units.self_contact.empty() || !desa_units.self_contact[i]) continue;
        planar::Poly poly = polys[i];
        Geometry g = desa[i].projected;
        if (!check_by_geos(i, 0, g, poly)) continue;
        desa[i].projected = std::move(g);
        settle(i, std::move(poly));
        repaired = true;
    }
    if (repaired) desa_units = planar::boundary_pass(polys, group, kec.size());
    mark("validity");
    // Every desa vertex's own lon/lat, for the output rings (vertex_index.h).
    lonlat_of.reserve(unique);
    for (std::size_t u = 0; u < unique; ++u) {
        const Coord c{unique_xy[2 * u], unique_xy[2 * u + 1]};
        if (std::isfinite(c.x) && std::isfinite(c.y)) lonlat_of.insert(local(c), {unique_ll[2 * u], unique_ll[2 * u + 1]});
    }
    for (std::size_t i = 0; i < desa.size(); ++i) {
        // Repaired desa: their new vertices too.
        const Geometry& pg = desa[i].projected;
        const Geometry& lg = desa[i].lonlat;
        if (!desa[i].repaired || pg.polygons.size() != lg.polygons.size()) continue;
        for (std::size_t a = 0; a < pg.polygons.size(); ++a) {
            if (pg.polygons[a].rings.size() != lg.polygons[a].rings.size()) continue;
            for (std::size_t r = 0; r < pg.polygons[a].rings.size(); ++r) {
                const Ring& pr = pg.polygons[a].rings[r];
                const Ring& lr = lg.polygons[a].rings[r];
                if (pr.size() != lr.size()) continue;
                for (std::size_t q = 0; q < pr.size(); ++q) lonlat_of.insert(local(pr[q]), lr[q]);
            }
        }
    }
    mark("desa: vertex index");

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

bool State::certainly_valid_rings(const Projection& proj, const Geometry& lonlat, planar::Poly& out, double& area) const {
    if (lonlat.kind != GeometryKind::Polygon || lonlat.empty()) return false;
    Geometry g;
    try {
        g = proj.forward(lonlat);
    } catch (const std::exception&) {
        return false;  // the GEOS path says what is wrong
    }
    planar::Poly poly;
    std::vector<planar::RingSpan> spans;
    for (std::size_t a = 0; a < g.polygons.size(); ++a)
        for (std::size_t r = 0; r < g.polygons[a].rings.size(); ++r) {
            const Ring& ring = g.polygons[a].rings[r];
            std::vector<planar::Pt> pts(ring.size());
            for (std::size_t q = 0; q < pts.size(); ++q) {
                if (!std::isfinite(ring[q].x) || !std::isfinite(ring[q].y)) return false;
                pts[q] = local(ring[q]);
            }
            const auto begin = std::uint32_t(poly.edges().size());
            poly.add_ring(std::move(pts), r > 0);
            spans.push_back({begin, std::uint32_t(poly.edges().size()), std::uint32_t(a), r > 0});
        }
    poly.finish();
    if (!planar::certainly_valid(poly, spans)) return false;
    area = poly.area2() / 2;
    out = std::move(poly);
    return true;
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
        // The outline's rings as they are; GEOS checks it (and repairs it) only where the fast test
        // cannot vouch for it, as for a desa.
        planar::Poly outline;
        double outline_area = 0;
        if (!certainly_valid_rings(w.proj(0), k.geometry, outline, outline_area)) {
            GeosContext& c = w.ctx(0);
            auto g = project_polygonal(c, w.proj(0), k.geometry, "kabupaten", k.id, k.code, m, nullptr);
            outline_area = c.area(g.get());
            outline = to_poly(c, g.get());
        }
        // area(D ∩ outline) from D's own boundary pieces (not every desa edge).
        const double both = double(planar::intersection_area2(desa_units.district_boundary, outline) / 2);
        quality.outline_not_in_desa_km2 = std::max(0.0, outline_area - both) / 1e6;
        quality.desa_not_in_outline_km2 = std::max(0.0, district_area - both) / 1e6;
    }
}

}  // namespace pc::analysis
