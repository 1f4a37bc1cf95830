// The coverage engine.
//
// Definitions (quoted by the README):
// * Analysis CRS: AnalysisOptions::analysis_crs, else ProjectSettings::analysis_crs, else the WGS 84 UTM
//   zone of the centre of the envelope of all desa (utm_crs_for). Every area and distance is measured
//   in that CRS, in metres (areas reported in km²).
// * Preparation (once, in the constructor): desa, kecamatan, the kabupaten outline, zones and grid
//   cells are projected to the analysis CRS. Invalid polygons are repaired with GEOS MakeValid
//   (polygonal part kept) and counted (DataQuality::geometries_repaired, a FlaggedFeature with GEOS's
//   is_valid_reason). Kecamatan geometry = union of its desa (desa.parent_code == kecamatan code;
//   without a kecamatan list, desa are grouped by parent_code). District geometry D = union of all desa.
//   DataQuality: desa_overlap_km2 = Σ area(desa) − area(D); desa_overlap_pairs = pairs of desa whose
//   intersection exceeds 100 m²; desa_gap_km2 = area enclosed by D and covered by no desa (the holes of
//   D less any desa lying in them); outline_not_in_desa_km2 = area(outline \ D), desa_not_in_outline_km2
//   = area(D \ outline).
// * Services: every facility type in the settings (even with no features) and every type present in
//   the facilities, plus "initiatives" for initiatives that have a radius. Buffer of a feature
//   B_f = GEOSBuffer(projected geometry, radius, quadrant_segments) (radius 0: a polygon is itself,
//   a point or line covers nothing). A feature whose geometry does not intersect D (1 mm tolerance)
//   is flagged "outside the district" and left out.
// * For a unit u: A = area(u); S_u = union of the buffers whose envelope meets u's; C = area(u ∩ S_u);
//   coverage_ratio_area = C / A; gap = u \ S_u (lon/lat).
// * Population: pieces of uniform density cover each desa. AreaWeighted: one piece, the desa, with
//   its population P. GridExact (population grid, desa without population): the fragments cell ∩ desa,
//   each with cell.pop · area(fragment) / area(cell) (the exact area fraction, not the cell by its
//   centre); P = Σ fragment pops. GridRescaled (grid and desa populations): as GridExact, each desa's
//   fragments scaled by P_official / Σ fragment pops (a desa whose fragments sum to 0 falls back to
//   area weighting, with a warning). Persons of a desa inside a region X =
//   Σ piece.pop · area(piece ∩ X) / area(piece). covered = persons inside S_u; uncovered = P − covered.
// * Kecamatan and district: area figures on their dissolved geometry; population figures are sums over
//   their desa. Every area of a dissolved unit or of an intersection with a service area is computed by
//   boundary integration (planar.h): area(X) = ½ Σ over the pieces of ∂X of x·dy − y·dx, where ∂D and ∂K
//   are the desa edges cut at their neighbours' edges and kept where no other desa (of the kecamatan)
//   covers them, and ∂(U ∩ S) = (∂U inside S) + (∂S inside U). This is exact for the same polygons (an
//   overlap counts once) without building a union, and a what-if only looks at the touched desa. The
//   dissolved geometries themselves (GEOS unions) are built only for the gap geometry outputs.
//   Zones: unit = Z ∩ D (area figures on it); parts desa ∩ Z ("<zone>/<desa>"), with
//   population = persons of the desa inside the part; a zone's population figures = Σ over its parts.
// * nearest_facility_m: distance from the unit's centroid (grid methods: the population-weighted centre
//   of its pieces) to the nearest feature geometry of the service (radius not counted); NaN without
//   features.
// * gap_ranking: desa by uncovered population desc, then uncovered area (A − C) desc; top N.
// * What-if: only desa whose envelope meets the changed buffers are recomputed. With R = envelope of the
//   before and after buffers and L = (union of the service's buffers meeting R) ∩ R, the change of a
//   unit's covered area is area(u ∩ L_after) − area(u ∩ L_before) (exact: outside R nothing changes);
//   the same for kecamatan and the district (boundary integration over the touched desa); population changes are summed
//   from the desa. Computed as area(u ∩ (B_after \ O)) − area(u ∩ (B_before \ O)), O = the other buffers.
#include "geo/analysis/engine.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <mutex>
#include <set>

#include "geo/analysis/summary.h"
#include "geo/crs.h"
#include "geo/error.h"
#include "geo/geos.h"
#include "geo/parallel.h"
#include "planar.h"

namespace pc {

namespace {

constexpr const char* kInitiatives = "initiatives";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A thread-safe pool of objects that must not be used by two threads at once (GEOS contexts, PROJ
// transforms). Objects live as long as the pool.
template <class T>
class Pool {
public:
    explicit Pool(std::function<std::unique_ptr<T>()> make) : make_(std::move(make)) {}
    T* acquire() {
        {
            std::lock_guard lock(m_);
            if (!free_.empty()) {
                T* t = free_.back();
                free_.pop_back();
                return t;
            }
        }
        auto t = make_();
        std::lock_guard lock(m_);
        all_.push_back(std::move(t));
        return all_.back().get();
    }
    void release(T* t) {
        std::lock_guard lock(m_);
        free_.push_back(t);
    }

private:
    std::function<std::unique_ptr<T>()> make_;
    std::mutex m_;
    std::vector<std::unique_ptr<T>> all_;
    std::vector<T*> free_;
};

template <class T>
class Lease {
public:
    explicit Lease(Pool<T>& p) : p_(&p), t_(p.acquire()) {}
    ~Lease() { if (t_) p_->release(t_); }
    Lease(Lease&& o) noexcept : p_(o.p_), t_(o.t_) { o.t_ = nullptr; }
    Lease(const Lease&) = delete;
    T& operator*() const { return *t_; }
    T* operator->() const { return t_; }

private:
    Pool<T>* p_;
    T* t_;
};

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

// Records the wall time since the previous call under a step's name.
class PhaseClock {
public:
    explicit PhaseClock(std::vector<PhaseTime>& out) : out_(out) {}
    void operator()(const char* name) {
        auto now = std::chrono::steady_clock::now();
        out_.push_back({name, std::chrono::duration<double, std::milli>(now - t_).count()});
        t_ = now;
    }

private:
    std::vector<PhaseTime>& out_;
    std::chrono::steady_clock::time_point t_ = std::chrono::steady_clock::now();
};

// Half of v[i] (the boundary sums are twice the areas); 0 for a region that was not computed.
double half(const std::vector<long double>& v, std::size_t i) { return v.empty() ? 0.0 : double(v[i] / 2); }

double env_distance(const Envelope& e, Coord p) {
    double dx = std::max({e.min_x - p.x, 0.0, p.x - e.max_x});
    double dy = std::max({e.min_y - p.y, 0.0, p.y - e.max_y});
    return std::hypot(dx, dy);
}

bool is_polygonal(GeosContext& c, const GEOSGeometry* g) {
    int t = GEOSGeomTypeId_r(c.get(), g);
    return t == GEOS_POLYGON || t == GEOS_MULTIPOLYGON;
}

// A part of a desa over which its population is spread evenly.
struct Piece {
    GeomPtr owned;                 // null when `g` is the desa's own geometry
    const GEOSGeometry* g = nullptr;
    Envelope env;
    double area = 0;               // m²
    double pop = 0;
    Coord centroid;
};

struct DesaS {
    Uuid id;
    std::string code, name, parent;
    GeomPtr geom;
    Envelope env;
    double area = 0;
    double pop = 0;
    std::vector<Piece> pieces;
    bool whole = true;  // one piece = the desa itself (area weighting)
    Coord centre;
    std::size_t kec = 0;
    planar::Poly poly;  // local coordinates (minus State::origin)
    // The desa's edges cut where they meet its neighbours' edges, each piece flagged when it lies on
    // the boundary of the district (the union of all desa) and of its kecamatan (the union of its desa).
    struct BoundaryPiece {
        planar::Seg s;
        std::uint8_t flags;
    };
    static constexpr std::uint8_t kOnDistrict = 1, kOnKecamatan = 2;
    std::vector<BoundaryPiece> boundary;
};

struct KecS {
    std::string code, name, parent;
    GeomPtr geom;  // own outline without desa; else the union of its desa, built when gap geometry is asked
    Envelope env;
    double area = 0;
    std::vector<std::size_t> desa;
    Coord centre;
};

struct ZoneDesaS {
    std::size_t zone = 0, desa = 0;
    GeomPtr geom;
    Envelope env;
    double area = 0;
    double pop = 0;
    std::vector<Piece> pieces;
    bool whole = true;
    Coord centre;
};

struct ZoneS {
    std::string code, name;
    GeomPtr raw;       // the zone itself (for initiatives inside/outside)
    GeomPtr geom;      // zone ∩ district
    Envelope env, raw_env;
    double area = 0;
    Coord centre;
    std::vector<std::size_t> parts;  // into zone_desa
};

struct Feat {
    Uuid id;
    GeomPtr geom;    // projected feature geometry
    GeomPtr buffer;  // null when outside
    Envelope genv, benv;
    double radius = 0;
    bool outside = false;
    std::optional<Coord> point;  // when the feature is a single point
    planar::Poly bpoly;          // the buffer in local coordinates
};

struct ServiceS {
    std::string key;
    std::vector<Feat> feats;
    std::size_t inside() const {
        std::size_t n = 0;
        for (auto& f : feats) n += !f.outside;
        return n;
    }
};

Coord weighted_centre(const std::vector<const Piece*>& pieces, Coord fallback) {
    double w = 0, x = 0, y = 0;
    for (auto* p : pieces) {
        w += p->pop;
        x += p->pop * p->centroid.x;
        y += p->pop * p->centroid.y;
    }
    if (w <= 0) return fallback;
    return {x / w, y / w};
}

}  // namespace

std::optional<ServiceFeature> service_feature(const Project& p, const Facility& f) {
    if (f.type.empty()) return std::nullopt;
    return ServiceFeature{f.type, f.id, f.geometry, p.service_radius_m(f)};
}

std::optional<ServiceFeature> service_feature(const Initiative& i) {
    if (!i.radius_m) return std::nullopt;
    // An initiative counts in the figures of the service it provides (a WiFi point in "wifi").
    return ServiceFeature{i.service.empty() ? std::string(kInitiatives) : i.service, i.id, i.geometry, *i.radius_m};
}

struct CoverageEngine::State {
    // Declared first so that they are destroyed last: every geometry below belongs to one of them.
    Pool<GeosContext> contexts{[] { return std::make_unique<GeosContext>(); }};
    std::string crs;
    Pool<CrsTransform> forward{[this] { return std::make_unique<CrsTransform>("EPSG:4326", crs); }};
    Pool<CrsTransform> inverse{[this] { return std::make_unique<CrsTransform>(crs, "EPSG:4326"); }};

    AnalysisOptions options;
    PopulationMethod method = PopulationMethod::AreaWeighted;
    DataQuality quality;  // preparation findings (facility flags are added by run)
    std::vector<PhaseTime> phases;

    std::vector<DesaS> desa;
    std::vector<KecS> kec;
    std::vector<ZoneS> zones;
    std::vector<ZoneDesaS> zone_desa;
    Coord origin;               // subtracted from projected coordinates for the planar areas
    planar::BoxGrid desa_grid;  // desa boxes, local coordinates
    Envelope district_env;
    double district_area = 0;
    Coord district_centre;
    std::vector<std::string> settings_types;
    std::vector<FacilityType> type_labels;
    std::string district_code_cache, district_name_cache;
    std::map<std::string, ServiceS> services;

    std::mutex edit_mutex;  // one edit at a time
    // The dissolved geometries (the district, the kecamatan unions) serve only the gap geometry outputs:
    // built on first use, guarded by dissolved_mutex.
    std::mutex dissolved_mutex;
    bool dissolved = false;
    GeomPtr district;

    // --- helpers -------------------------------------------------------------------------------
    planar::Poly to_poly(GeosContext& c, const GEOSGeometry* g) const {
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
    planar::Box local_box(const Envelope& e) const {
        if (e.empty()) return {};
        return {e.min_x - origin.x, e.min_y - origin.y, e.max_x - origin.x, e.max_y - origin.y};
    }

    // Whether a projected feature meets the district (the union of the desa), within 1 mm: it meets
    // one of the desa.
    bool meets_district(GeosContext& c, const GEOSGeometry* g, const Envelope& genv) const {
        bool hit = false;
        if (GEOSGeomTypeId_r(c.get(), g) == GEOS_POINT) {  // most features: a point in a desa polygon
            planar::Pt pt{genv.min_x - origin.x, genv.min_y - origin.y};
            desa_grid.query(planar::Box::of(pt, pt), [&](std::uint32_t i) {
                hit = hit || desa[i].poly.locate(pt) != planar::Poly::PointLoc::Out;
            });
            if (hit) return true;
        }
        desa_grid.query(local_box(genv).grown(1e-3), [&](std::uint32_t i) {
            if (hit) return;
            const GEOSGeometry* d = desa[i].geom.get();
            hit = c.check_predicate(GEOSIntersects_r(c.get(), d, g), "intersects") ||
                  c.check_predicate(GEOSDistanceWithin_r(c.get(), d, g, 1e-3), "distance within");
        });
        return hit;
    }

    // Twice the areas of desa ∩ R, K ∩ R (each kecamatan K) and D ∩ R (the district) for a region R =
    // the union of `polys`, whose boundary pieces are `rb`, by boundary integration: the pieces of the
    // units' boundaries inside R (or along R's boundary on the same side: counted from the units' side)
    // plus the pieces of R's boundary strictly inside the units. `touched` = the desa to compute (all
    // when empty); results for the others stay 0.
    struct Covered {
        std::vector<long double> desa, kec;
        long double district = 0;
    };
    Covered covered(const std::vector<const planar::Poly*>& polys, const std::vector<planar::Seg>& rb,
                    const std::vector<std::size_t>& touched) const {
        using planar::Loc;
        Covered out;
        out.desa.assign(desa.size(), 0);
        out.kec.assign(kec.size(), 0);
        if (polys.empty()) return out;
        std::vector<planar::Box> boxes;
        planar::Box all;
        for (auto* p : polys) {
            boxes.push_back(p->box());
            all.add(p->box());
        }
        planar::BoxGrid grid;
        grid.build(boxes);
        const unsigned nw = worker_count();
        std::vector<planar::Split> splits(nw);
        std::vector<std::vector<const planar::Poly*>> cand_w(nw);
        std::vector<std::vector<std::uint32_t>> ids_w(nw);
        std::vector<planar::ChainHints> chain_w(nw);
        std::vector<long double> part_d(desa.size(), 0), part_k(desa.size(), 0);
        const std::size_t nd = touched.empty() ? desa.size() : touched.size();
        // (1) the units' boundary pieces inside R.
        parallel_for(nd, [&](std::size_t t, unsigned w) {
            std::size_t i = touched.empty() ? t : touched[t];
            auto& d = desa[i];
            if (!d.poly.box().meets(all)) return;
            auto& split = splits[w];
            auto& cands = cand_w[w];
            auto& ids = ids_w[w];
            auto& chain = chain_w[w];
            chain.reset();
            long double sd = 0, sD = 0, sK = 0;
            for (auto& bp : d.boundary) {
                cands.clear();
                ids.clear();
                grid.query(planar::Box::of(bp.s.a, bp.s.b).grown(planar::kTol), [&](std::uint32_t j) {
                    cands.push_back(polys[j]);
                    ids.push_back(j);
                });
                if (cands.empty()) {
                    chain.update(bp.s, ids, split);  // outside every candidate
                    continue;
                }
                planar::split_locate(bp.s, cands, split, chain.hints(bp.s, ids));
                chain.update(bp.s, ids, split);
                for (std::size_t k = 0; k < split.pieces.size(); ++k) {
                    planar::UnionLoc at;
                    for (std::size_t c = 0; c < cands.size(); ++c) at.add(split.locs[k * cands.size() + c]);
                    if (!at.inside_or_same()) continue;
                    double term = planar::cross_term(split.pieces[k].a, split.pieces[k].b);
                    sd += term;
                    if (bp.flags & DesaS::kOnDistrict) sD += term;
                    if (bp.flags & DesaS::kOnKecamatan) sK += term;
                }
            }
            out.desa[i] += sd;
            part_d[i] = sD;
            part_k[i] = sK;
        });
        // (2) R's boundary pieces strictly inside the units.
        struct Acc {
            std::vector<long double> desa, kec;
            long double district = 0;
        };
        std::vector<Acc> acc(nw);
        for (auto& a : acc) {
            a.desa.assign(desa.size(), 0);
            a.kec.assign(kec.size(), 0);
        }
        const std::size_t chunk = 64;
        std::vector<std::vector<std::size_t>> kecs_w(nw);
        parallel_for((rb.size() + chunk - 1) / chunk, [&](std::size_t ch, unsigned w) {
            auto& split = splits[w];
            auto& cands = cand_w[w];
            auto& ids = ids_w[w];
            auto& kecs = kecs_w[w];
            auto& chain = chain_w[w];
            chain.reset();
            auto& a = acc[w];
            for (std::size_t r = ch * chunk; r < std::min(rb.size(), (ch + 1) * chunk); ++r) {
                const planar::Seg& s = rb[r];
                cands.clear();
                ids.clear();
                desa_grid.query(planar::Box::of(s.a, s.b).grown(planar::kTol), [&](std::uint32_t j) {
                    if (desa[j].poly.empty()) return;
                    cands.push_back(&desa[j].poly);
                    ids.push_back(j);
                });
                if (cands.empty()) {
                    chain.update(s, ids, split);
                    continue;
                }
                planar::split_locate(s, cands, split, chain.hints(s, ids));
                chain.update(s, ids, split);
                const std::size_t nc = cands.size();
                for (std::size_t k = 0; k < split.pieces.size(); ++k) {
                    const Loc* locs = &split.locs[k * nc];
                    double term = planar::cross_term(split.pieces[k].a, split.pieces[k].b);
                    planar::UnionLoc at;
                    kecs.clear();
                    for (std::size_t c = 0; c < nc; ++c) {
                        if (locs[c] == Loc::In) a.desa[ids[c]] += term;
                        at.add(locs[c]);
                        if (locs[c] != Loc::Out) kecs.push_back(desa[ids[c]].kec);
                    }
                    if (at.inside()) a.district += term;
                    std::sort(kecs.begin(), kecs.end());
                    kecs.erase(std::unique(kecs.begin(), kecs.end()), kecs.end());
                    for (auto kk : kecs) {
                        planar::UnionLoc in_k;
                        for (std::size_t c = 0; c < nc; ++c)
                            if (desa[ids[c]].kec == kk) in_k.add(locs[c]);
                        if (in_k.inside()) a.kec[kk] += term;
                    }
                }
            }
        });
        for (auto& a : acc) {
            for (std::size_t i = 0; i < desa.size(); ++i) out.desa[i] += a.desa[i];
            for (std::size_t k = 0; k < kec.size(); ++k) out.kec[k] += a.kec[k];
            out.district += a.district;
        }
        for (std::size_t i = 0; i < desa.size(); ++i) {
            out.district += part_d[i];
            out.kec[desa[i].kec] += part_k[i];
        }
        return out;
    }
    Covered covered_by(const planar::Poly& region, const std::vector<std::size_t>& touched) const {
        return covered({&region}, region.edges(), touched);
    }

    // The dissolved geometries for the gap outputs (GEOS unions: the costly part, hence on demand).
    void ensure_dissolved() {
        std::lock_guard lock(dissolved_mutex);
        if (dissolved) return;
        Workers w(*this, false);
        parallel_for(kec.size(), [&](std::size_t i, unsigned k) {
            GeosContext& c = *w.ctx[k];
            auto& ks = kec[i];
            if (ks.desa.empty()) return;
            std::vector<GeomPtr> parts;
            for (auto d : ks.desa) parts.push_back(c.clone(desa[d].geom.get()));
            ks.geom = c.union_all(std::move(parts));
            prime(c.get(), ks.geom.get());
        });
        GeosContext& c = *w.ctx[0];
        std::vector<GeomPtr> parts;
        for (auto& ks : kec)
            if (!ks.desa.empty()) parts.push_back(c.clone(ks.geom.get()));
        district = parts.empty() ? c.empty_polygon() : c.union_all(std::move(parts));
        prime(c.get(), district.get());
        dissolved = true;
    }
    // Per-worker leases for a parallel loop.
    struct Workers {
        std::vector<Lease<GeosContext>> ctx;
        std::vector<Lease<CrsTransform>> fwd, inv;
        Workers(State& s, bool transforms) {
            unsigned n = worker_count();
            for (unsigned i = 0; i < n; ++i) {
                ctx.emplace_back(s.contexts);
                if (transforms) {
                    fwd.emplace_back(s.forward);
                    inv.emplace_back(s.inverse);
                }
            }
        }
    };

    GeomPtr project_polygonal(GeosContext& c, const CrsTransform& fwd, const Geometry& g, const std::string& layer,
                              const Uuid& id, const std::string& label, std::mutex& m) {
        if (g.kind != GeometryKind::Polygon || g.empty()) return c.empty_polygon();
        GeomPtr out;
        try {
            out = c.from(fwd.apply(g));
        } catch (const GeosError& e) {
            std::lock_guard lock(m);
            quality.flagged.push_back({layer, id, label, std::string("unusable geometry left out: ") + e.what()});
            return c.empty_polygon();
        }
        if (!c.is_valid(out.get())) {
            std::string reason = c.is_valid_reason(out.get());
            auto fixed = c.make_valid(out.get());
            out = c.polygonal_part(fixed.get());
            std::lock_guard lock(m);
            ++quality.geometries_repaired;
            quality.flagged.push_back({layer, id, label, "invalid geometry repaired: " + reason});
        }
        return out;
    }

    Feat make_feat(GeosContext& c, const CrsTransform& fwd, const ServiceFeature& sf) const {
        Feat f;
        f.id = sf.id;
        f.radius = sf.radius_m;
        if (sf.geometry.empty()) {
            f.geom = c.empty_polygon();
            f.outside = true;
            return f;
        }
        f.geom = c.from(fwd.apply(sf.geometry));
        if (sf.geometry.kind == GeometryKind::Polygon && !c.is_valid(f.geom.get()))
            f.geom = c.polygonal_part(c.make_valid(f.geom.get()).get());
        f.genv = c.envelope(f.geom.get());
        if (GEOSGeomTypeId_r(c.get(), f.geom.get()) == GEOS_POINT) f.point = f.genv.centre();
        // Outside = does not intersect the district; 1 mm of tolerance absorbs the lon/lat round trip of a
        // feature drawn on the district's edge.
        f.outside = !meets_district(c, f.geom.get(), f.genv);
        if (f.outside) return f;
        if (sf.radius_m > 0 || is_polygonal(c, f.geom.get()))
            f.buffer = c.buffer(f.geom.get(), std::max(0.0, sf.radius_m), options.quadrant_segments);
        else
            f.buffer = c.empty_polygon();
        f.benv = c.envelope(f.buffer.get());
        prime(c.get(), f.geom.get());
        prime(c.get(), f.buffer.get());
        f.bpoly = to_poly(c, f.buffer.get());
        return f;
    }

    static GeomPtr local_union(GeosContext& c, const ServiceS& s, const Envelope& env) {
        std::vector<GeomPtr> parts;
        for (auto& f : s.feats)
            if (!f.outside && f.benv.intersects(env)) parts.push_back(c.clone(f.buffer.get()));
        if (parts.empty()) return nullptr;
        return c.union_all(std::move(parts));
    }

    static double nearest_m(GeosContext& c, const ServiceS& s, Coord p) {
        // Points (most features) directly; the others through GEOS, nearest envelope first.
        double best_point = std::numeric_limits<double>::infinity();
        bool any = false;
        std::vector<std::pair<double, const Feat*>> cand;
        for (auto& f : s.feats) {
            if (f.outside || f.genv.empty()) continue;
            any = true;
            if (f.point) best_point = std::min(best_point, std::hypot(f.point->x - p.x, f.point->y - p.y));
            else cand.push_back({env_distance(f.genv, p), &f});
        }
        if (!any) return kNaN;
        if (cand.empty()) return best_point;
        std::sort(cand.begin(), cand.end(), [](auto& a, auto& b) { return a.first < b.first; });
        auto pt = c.own(GEOSGeom_createPointFromXY_r(c.get(), p.x, p.y), "point");
        double best = best_point;
        for (auto& [lb, f] : cand) {
            if (lb >= best) break;
            best = std::min(best, c.distance(pt.get(), f->geom.get()));
        }
        return best;
    }

    // Persons of pieces inside region s (a prepared test first: covers -> whole, disjoint -> 0).
    static double pieces_within(GeosContext& c, const std::vector<Piece>& pieces, const GEOSGeometry* s,
                                const GEOSPreparedGeometry* ps, const Envelope& senv) {
        double sum = 0;
        for (auto& p : pieces) {
            if (p.pop == 0 || p.area <= 0 || !p.env.intersects(senv)) continue;
            if (ps && c.check_predicate(GEOSPreparedCovers_r(c.get(), ps, p.g), "covers")) {
                sum += p.pop;
            } else if (!ps || c.check_predicate(GEOSPreparedIntersects_r(c.get(), ps, p.g), "intersects")) {
                auto i = c.intersection(p.g, s);
                sum += p.pop * std::min(1.0, c.area(i.get()) / p.area);
            }
        }
        return sum;
    }

    // A unit's area figures from its area and covered area (m²).
    static void set_area_figures(UnitMetrics& m, double area, double covered) {
        covered = std::clamp(covered, 0.0, std::max(0.0, area));
        m.area_km2 = area / 1e6;
        m.covered_km2 = covered / 1e6;
        m.coverage_ratio_area = area > 0 ? covered / area : 0;
    }
    // u \ S in lon/lat (u itself without a service area).
    static Geometry gap_of(GeosContext& c, const CrsTransform& inv, const GEOSGeometry* u, const GeomPtr& S) {
        Geometry gap = S ? c.to_geometry(c.difference(u, S.get()).get()) : c.to_geometry(u);
        inv.apply_in_place(gap);
        return gap;
    }

    // Area figures of a unit for one service; returns the local union (null when none).
    GeomPtr cover_unit(GeosContext& c, const CrsTransform* inv, const GEOSGeometry* u, const Envelope& env, double area,
                       const ServiceS* s, UnitMetrics& m) const {
        GeomPtr S = s ? local_union(c, *s, env) : nullptr;
        set_area_figures(m, area, S ? c.area(c.intersection(u, S.get()).get()) : 0.0);
        if (options.keep_gap_geometry && inv) m.gap = gap_of(c, *inv, u, S);
        return S;
    }

    static void finish_population(UnitMetrics& m) {
        m.covered_population = std::clamp(m.covered_population, 0.0, std::max(0.0, m.population));
        m.uncovered_population = m.population - m.covered_population;
        m.coverage_ratio_population = m.population > 0 ? m.covered_population / m.population : 0;
    }

    double pop_covered(GeosContext& c, const std::vector<Piece>& pieces, bool whole, double pop, double area,
                       const UnitMetrics& m, const GEOSGeometry* S) const {
        if (!S) return 0;
        if (whole) return area > 0 ? pop * (m.covered_km2 * 1e6) / area : 0;
        auto ps = c.prepare(S);
        return pieces_within(c, pieces, S, ps.get(), c.envelope(S));
    }

    double population_within_projected(GeosContext& c, const GEOSGeometry* poly) const {
        if (GEOSisEmpty_r(c.get(), poly) == 1) return 0;
        auto env = c.envelope(poly);
        auto ps = c.prepare(poly);
        double sum = 0;
        for (auto& d : desa)
            if (d.env.intersects(env)) sum += pieces_within(c, d.pieces, poly, ps.get(), env);
        return sum;
    }

    std::vector<std::string> service_keys() const {
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

    const ServiceS* find_service(const std::string& key) const {
        auto it = services.find(key);
        return it == services.end() ? nullptr : &it->second;
    }

    void prepare(const Project& p);
    std::vector<ServiceCoverage> compute(const Project& p, const std::vector<std::string>& keys) const;
    WhatIfResult change(const FeatureChange& ch, bool commit);
};

void CoverageEngine::State::prepare(const Project& p) {
    PhaseClock phase(phases);
    // Analysis CRS.
    crs = options.analysis_crs.empty() ? p.settings.analysis_crs : options.analysis_crs;
    if (crs.empty()) {
        Envelope e;
        for (auto& d : p.desa) e.expand(d.geometry.envelope());
        if (e.empty())
            for (auto& k : p.kabupaten) e.expand(k.geometry.envelope());
        if (e.empty()) throw InputError({"", "desa", "", ""}, "the project has no desa: nothing to analyse");
        crs = utm_crs_for(e.centre().x, e.centre().y);
    }
    for (auto& t : p.settings.facility_types) settings_types.push_back(t.key);
    type_labels = p.settings.facility_types;

    std::mutex m;
    Workers w(*this, true);
    GeosContext& c0 = *w.ctx[0];

    // Desa.
    desa.resize(p.desa.size());
    parallel_for(p.desa.size(), [&](std::size_t i, unsigned k) {
        auto& src = p.desa[i];
        auto& d = desa[i];
        GeosContext& c = *w.ctx[k];
        d.id = src.id;
        d.code = src.code;
        d.name = src.name;
        d.parent = src.parent_code;
        d.geom = project_polygonal(c, *w.fwd[k], src.geometry, "desa", src.id, src.code.empty() ? src.name : src.code, m);
        d.env = c.envelope(d.geom.get());
        d.area = c.area(d.geom.get());
        d.centre = GEOSisEmpty_r(c.get(), d.geom.get()) == 1 ? d.env.centre() : c.centroid(d.geom.get());
        prime(c.get(), d.geom.get());
    });

    // Local origin for the planar areas: the centre of all desa; their polygons and a grid of their boxes.
    district_env = Envelope{};
    for (auto& d : desa) district_env.expand(d.env);
    origin = district_env.empty() ? Coord{0, 0} : district_env.centre();
    parallel_for(desa.size(), [&](std::size_t i, unsigned k) { desa[i].poly = to_poly(*w.ctx[k], desa[i].geom.get()); });
    {
        std::vector<planar::Box> boxes;
        for (auto& d : desa) boxes.push_back(d.poly.box());
        desa_grid.build(boxes);
    }
    phase("desa: projection, repair, polygons");
    // Kecamatan: from the project's list, else grouped by parent_code; geometry = union of its desa.
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
        kec[it->second].desa.push_back(i);
    }
    // Kecamatan without desa keep their own outline (they have no population).
    for (auto& ks : kec) {
        if (!ks.desa.empty()) {
            for (auto d : ks.desa) ks.env.expand(desa[d].env);
            continue;
        }
        const AdminUnit* src = nullptr;
        for (auto& u : p.kecamatan)
            if (u.code == ks.code) src = &u;
        ks.geom = src ? project_polygonal(c0, *w.fwd[0], src->geometry, "kecamatan", src->id, src->code, m) : c0.empty_polygon();
        ks.env = c0.envelope(ks.geom.get());
        ks.area = c0.area(ks.geom.get());
        ks.centre = GEOSisEmpty_r(c0.get(), ks.geom.get()) == 1 ? ks.env.centre() : c0.centroid(ks.geom.get());
        prime(c0.get(), ks.geom.get());
    }

    // Boundary pass: every desa edge cut where it meets a neighbour's edges; a piece lies on the
    // district's boundary unless a neighbour covers it (inside it, or along its edge on the other side;
    // a stretch shared on the same side belongs to the lower index), and on the kecamatan's boundary
    // unless a neighbour of the same kecamatan does. Areas and centroids of the district and the
    // kecamatan are then sums over those pieces (Green), so overlaps count once without a union.
    struct Boundary {
        long double aD = 0, aK = 0, mDx = 0, mDy = 0, mKx = 0, mKy = 0;
        std::vector<std::uint32_t> nb;  // neighbours (boxes meet), sorted
        std::vector<long double> pair;  // per neighbour: twice the part of area(desa ∩ neighbour) seen from here
    };
    std::vector<Boundary> bnd(desa.size());
    std::vector<planar::Split> splits(worker_count());
    parallel_for(desa.size(), [&](std::size_t i, unsigned k) {
        using planar::Loc;
        auto& d = desa[i];
        auto& b = bnd[i];
        if (d.poly.empty()) return;
        desa_grid.query(d.poly.box().grown(planar::kTol), [&](std::uint32_t j) {
            if (j != i && !desa[j].poly.empty()) b.nb.push_back(j);
        });
        std::sort(b.nb.begin(), b.nb.end());
        b.pair.assign(b.nb.size(), 0);
        std::vector<const planar::Poly*> cands;
        std::vector<std::uint32_t> ci;
        auto& split = splits[k];
        d.boundary.reserve(d.poly.edges().size());
        auto add = [&](const planar::Seg& s, std::uint8_t flags) {
            long double t = planar::cross_term(s.a, s.b);
            long double mx = (s.a.x + s.b.x) * t, my = (s.a.y + s.b.y) * t;
            if (flags & DesaS::kOnDistrict) {
                b.aD += t;
                b.mDx += mx;
                b.mDy += my;
            }
            if (flags & DesaS::kOnKecamatan) {
                b.aK += t;
                b.mKx += mx;
                b.mKy += my;
            }
            d.boundary.push_back({s, flags});
        };
        // Walking each ring, a neighbour's location stays known from edge to edge until its boundary
        // comes near (a contact): most edges need no point location at all.
        std::vector<std::uint8_t> known(b.nb.size(), planar::kUnknown), hints;
        const planar::Seg* prev = nullptr;
        for (auto& e : d.poly.edges()) {
            if (!prev || !(prev->b == e.a)) std::fill(known.begin(), known.end(), planar::kUnknown);
            prev = &e;
            cands.clear();
            ci.clear();
            hints.clear();
            auto eb = planar::Box::of(e.a, e.b).grown(planar::kTol);
            for (std::uint32_t n = 0; n < b.nb.size(); ++n) {
                if (desa[b.nb[n]].poly.box().meets(eb)) {
                    cands.push_back(&desa[b.nb[n]].poly);
                    ci.push_back(n);
                    hints.push_back(known[n]);
                } else {
                    known[n] = std::uint8_t(planar::Loc::Out);
                }
            }
            if (cands.empty()) {
                add(e, DesaS::kOnDistrict | DesaS::kOnKecamatan);
                continue;
            }
            planar::split_locate(e, cands, split, hints.data());
            const std::size_t nc = cands.size();
            for (std::size_t c = 0; c < nc; ++c)
                known[ci[c]] = split.contact[c] || split.pieces.empty() ? planar::kUnknown : std::uint8_t(split.locs[c]);
            for (std::size_t q = 0; q < split.pieces.size(); ++q) {
                const auto& piece = split.pieces[q];
                double t = planar::cross_term(piece.a, piece.b);
                bool on_d = true, on_k = true;
                for (std::size_t c = 0; c < nc; ++c) {
                    std::uint32_t j = b.nb[ci[c]];
                    Loc l = split.locs[q * nc + c];
                    if (l == Loc::In || l == Loc::OnOpp || (l == Loc::OnSame && j < i)) {
                        on_d = false;
                        if (desa[j].kec == d.kec) on_k = false;
                    }
                    if (l == Loc::In || (l == Loc::OnSame && i < j)) b.pair[ci[c]] += t;
                }
                add(piece, std::uint8_t((on_d ? DesaS::kOnDistrict : 0) | (on_k ? DesaS::kOnKecamatan : 0)));
            }
        }
    });
    {
        long double aD = 0, mDx = 0, mDy = 0;
        std::vector<long double> aK(kec.size(), 0), mKx(kec.size(), 0), mKy(kec.size(), 0);
        for (std::size_t i = 0; i < desa.size(); ++i) {
            auto& b = bnd[i];
            aD += b.aD;
            mDx += b.mDx;
            mDy += b.mDy;
            aK[desa[i].kec] += b.aK;
            mKx[desa[i].kec] += b.mKx;
            mKy[desa[i].kec] += b.mKy;
        }
        district_area = double(aD / 2);
        district_centre = aD > 0 ? Coord{double(mDx / (3 * aD)) + origin.x, double(mDy / (3 * aD)) + origin.y}
                                 : district_env.centre();
        for (std::size_t k = 0; k < kec.size(); ++k) {
            auto& ks = kec[k];
            if (ks.desa.empty()) continue;
            ks.area = double(aK[k] / 2);
            ks.centre = aK[k] > 0 ? Coord{double(mKx[k] / (3 * aK[k])) + origin.x, double(mKy[k] / (3 * aK[k])) + origin.y}
                                  : ks.env.centre();
        }
        // Overlapping pairs: area(a ∩ b) = (a's pieces inside b) + (b's pieces inside a).
        for (std::size_t i = 0; i < desa.size(); ++i)
            for (std::size_t n = 0; n < bnd[i].nb.size(); ++n) {
                std::uint32_t j = bnd[i].nb[n];
                if (j <= i) continue;
                auto& nbj = bnd[j].nb;
                auto it = std::lower_bound(nbj.begin(), nbj.end(), std::uint32_t(i));
                if (it == nbj.end() || *it != i) continue;
                long double shared2 = bnd[i].pair[n] + bnd[j].pair[std::size_t(it - nbj.begin())];
                if (shared2 / 2 > 100.0) ++quality.desa_overlap_pairs;
            }
    }
    phase("district and kecamatan: boundary pass");

    // Data quality: overlaps, gaps (the holes of D: clockwise loops of its boundary), outline.
    {
        double sum = 0;
        for (auto& d : desa) sum += d.area;
        quality.desa_overlap_km2 = std::max(0.0, sum - district_area) / 1e6;
        std::vector<planar::Seg> outline;
        for (auto& d : desa)
            for (auto& bp : d.boundary)
                if (bp.flags & DesaS::kOnDistrict) outline.push_back(bp.s);
        auto loops = planar::loop_areas(outline);
        quality.desa_gap_km2 = -loops.cw2 / 2 / 1e6;
        if (!p.kabupaten.empty() && !p.kabupaten.front().geometry.empty()) {
            auto& k = p.kabupaten.front();
            auto g = project_polygonal(c0, *w.fwd[0], k.geometry, "kabupaten", k.id, k.code, m);
            double outline_area = c0.area(g.get());
            double both = double(covered_by(to_poly(c0, g.get()), {}).district / 2);
            quality.outline_not_in_desa_km2 = std::max(0.0, outline_area - both) / 1e6;
            quality.desa_not_in_outline_km2 = std::max(0.0, district_area - both) / 1e6;
        }
    }
    phase("data quality: gaps, outline");
    // Population pieces.
    bool any_pop = false, all_pop = !p.desa.empty();
    for (auto& d : p.desa) {
        if (d.population) any_pop = true;
        else all_pop = false;
    }
    bool grid = options.use_population_grid && p.population_grid && !p.population_grid->cells.empty();
    method = !grid ? PopulationMethod::AreaWeighted : any_pop ? PopulationMethod::GridRescaled : PopulationMethod::GridExact;
    if (!grid) {
        std::size_t missing = 0;
        for (std::size_t i = 0; i < desa.size(); ++i) {
            auto& d = desa[i];
            d.pop = p.desa[i].population.value_or(0.0);
            missing += !p.desa[i].population;
            d.whole = true;
            if (d.area > 0) d.pieces.push_back({nullptr, d.geom.get(), d.env, d.area, d.pop, d.centre});
        }
        if (missing)
            quality.warnings.push_back(std::to_string(missing) + " desa have no population: counted as 0");
    } else {
        if (any_pop && !all_pop)
            quality.warnings.push_back("some desa have no official population: their grid values are used unscaled");
        struct Cell {
            GeomPtr g;
            Envelope env;
            double area = 0, pop = 0;
        };
        auto& src = p.population_grid->cells;
        std::vector<Cell> cells(src.size());
        parallel_for(src.size(), [&](std::size_t i, unsigned k) {
            GeosContext& c = *w.ctx[k];
            cells[i].pop = src[i].population;
            if (src[i].population <= 0 || src[i].geometry.kind != GeometryKind::Polygon) return;
            cells[i].g = project_polygonal(c, *w.fwd[k], src[i].geometry, "population_grid", "", "cell " + std::to_string(i), m);
            cells[i].env = c.envelope(cells[i].g.get());
            cells[i].area = c.area(cells[i].g.get());
            prime(c.get(), cells[i].g.get());
        });
        std::vector<std::string> warn(desa.size());
        parallel_for(desa.size(), [&](std::size_t i, unsigned k) {
            GeosContext& c = *w.ctx[k];
            auto& d = desa[i];
            d.whole = false;
            if (d.area <= 0) return;
            auto pd = c.prepare(d.geom.get());
            double sum = 0;
            for (auto& cell : cells) {
                if (!cell.g || cell.area <= 0 || !cell.env.intersects(d.env)) continue;
                Piece piece;
                if (c.check_predicate(GEOSPreparedCovers_r(c.get(), pd.get(), cell.g.get()), "covers")) {
                    piece.owned = c.clone(cell.g.get());
                    piece.area = cell.area;
                } else if (c.check_predicate(GEOSPreparedIntersects_r(c.get(), pd.get(), cell.g.get()), "intersects")) {
                    piece.owned = c.polygonal_part(c.intersection(cell.g.get(), d.geom.get()).get());
                    piece.area = c.area(piece.owned.get());
                    if (piece.area <= 0) continue;
                } else {
                    continue;
                }
                piece.g = piece.owned.get();
                piece.env = c.envelope(piece.g);
                piece.pop = cell.pop * std::min(1.0, piece.area / cell.area);
                piece.centroid = c.centroid(piece.g);
                prime(c.get(), piece.g);
                sum += piece.pop;
                d.pieces.push_back(std::move(piece));
            }
            auto& official = p.desa[i].population;
            if (official && method == PopulationMethod::GridRescaled) {
                if (sum > 0) {
                    for (auto& piece : d.pieces) piece.pop *= *official / sum;
                } else {
                    d.pieces.clear();
                    d.whole = true;
                    d.pieces.push_back({nullptr, d.geom.get(), d.env, d.area, *official, d.centre});
                    warn[i] = "desa " + d.code + ": the population grid has no people in it; its population is spread by area";
                }
                d.pop = *official;
            } else {
                d.pop = sum;
            }
            std::vector<const Piece*> ps;
            for (auto& piece : d.pieces) ps.push_back(&piece);
            d.centre = weighted_centre(ps, d.centre);
        });
        for (auto& s : warn)
            if (!s.empty()) quality.warnings.push_back(s);
        // Kecamatan and district centres: population-weighted.
        std::vector<const Piece*> all;
        for (auto& ks : kec) {
            std::vector<const Piece*> ps;
            for (auto di : ks.desa)
                for (auto& piece : desa[di].pieces) ps.push_back(&piece);
            ks.centre = weighted_centre(ps, ks.centre);
            all.insert(all.end(), ps.begin(), ps.end());
        }
        district_centre = weighted_centre(all, district_centre);
    }

    phase("population pieces");
    // Zones: zone ∩ district, and its parts desa ∩ zone with their population pieces.
    zones.resize(p.zones.size());
    for (std::size_t zi = 0; zi < p.zones.size(); ++zi) {
        auto& z = zones[zi];
        auto& src = p.zones[zi];
        z.code = src.code;
        z.name = src.name;
        z.raw = project_polygonal(c0, *w.fwd[0], src.geometry, "zones", src.id, src.code, m);
        z.raw_env = c0.envelope(z.raw.get());
        prime(c0.get(), z.raw.get());
        for (std::size_t di = 0; di < desa.size(); ++di)
            if (desa[di].env.intersects(z.raw_env)) {
                ZoneDesaS zd;
                zd.zone = zi;
                zd.desa = di;
                z.parts.push_back(zone_desa.size());
                zone_desa.push_back(std::move(zd));
            }
    }
    std::vector<char> keep(zone_desa.size(), 1);
    parallel_for(zone_desa.size(), [&](std::size_t i, unsigned k) {
        GeosContext& c = *w.ctx[k];
        auto& zd = zone_desa[i];
        auto& d = desa[zd.desa];
        auto& z = zones[zd.zone];
        auto pz = c.prepare(z.raw.get());
        if (!c.check_predicate(GEOSPreparedIntersects_r(c.get(), pz.get(), d.geom.get()), "intersects")) {
            keep[i] = 0;
            return;
        }
        zd.geom = c.polygonal_part(c.intersection(d.geom.get(), z.raw.get()).get());
        zd.area = c.area(zd.geom.get());
        if (zd.area <= 0) {
            keep[i] = 0;
            return;
        }
        zd.env = c.envelope(zd.geom.get());
        zd.centre = c.centroid(zd.geom.get());
        prime(c.get(), zd.geom.get());
        zd.whole = d.whole;
        if (d.whole) {
            double pop = d.pieces.empty() ? 0 : d.pieces[0].pop;
            zd.pop = d.area > 0 ? pop * zd.area / d.area : 0;
            zd.pieces.push_back({nullptr, zd.geom.get(), zd.env, zd.area, zd.pop, zd.centre});
        } else {
            std::vector<const Piece*> ps;
            for (auto& piece : d.pieces) {
                if (!piece.env.intersects(z.raw_env)) continue;
                Piece q;
                if (c.check_predicate(GEOSPreparedCovers_r(c.get(), pz.get(), piece.g), "covers")) {
                    q.owned = c.clone(piece.g);
                    q.area = piece.area;
                } else if (c.check_predicate(GEOSPreparedIntersects_r(c.get(), pz.get(), piece.g), "intersects")) {
                    q.owned = c.polygonal_part(c.intersection(piece.g, z.raw.get()).get());
                    q.area = c.area(q.owned.get());
                    if (q.area <= 0) continue;
                } else {
                    continue;
                }
                q.g = q.owned.get();
                q.env = c.envelope(q.g);
                q.pop = piece.area > 0 ? piece.pop * std::min(1.0, q.area / piece.area) : 0;
                q.centroid = c.centroid(q.g);
                prime(c.get(), q.g);
                zd.pop += q.pop;
                zd.pieces.push_back(std::move(q));
            }
            for (auto& q : zd.pieces) ps.push_back(&q);
            zd.centre = weighted_centre(ps, zd.centre);
        }
    });
    {
        // Drop parts that turned out empty; renumber.
        std::vector<ZoneDesaS> kept;
        for (auto& z : zones) z.parts.clear();
        for (std::size_t i = 0; i < zone_desa.size(); ++i)
            if (keep[i]) {
                zones[zone_desa[i].zone].parts.push_back(kept.size());
                kept.push_back(std::move(zone_desa[i]));
            }
        zone_desa = std::move(kept);
        // Z ∩ D = the union of the parts Z ∩ desa.
        for (auto& z : zones) {
            std::vector<GeomPtr> parts;
            for (auto pi : z.parts) parts.push_back(c0.clone(zone_desa[pi].geom.get()));
            z.geom = parts.empty() ? c0.empty_polygon() : c0.polygonal_part(c0.union_all(std::move(parts)).get());
            z.env = c0.envelope(z.geom.get());
            z.area = c0.area(z.geom.get());
            z.centre = GEOSisEmpty_r(c0.get(), z.geom.get()) == 1 ? z.env.centre() : c0.centroid(z.geom.get());
            prime(c0.get(), z.geom.get());
        }
        if (method != PopulationMethod::AreaWeighted)
            for (auto& z : zones) {
                std::vector<const Piece*> ps;
                for (auto pi : z.parts)
                    for (auto& q : zone_desa[pi].pieces) ps.push_back(&q);
                z.centre = weighted_centre(ps, z.centre);
            }
    }

    phase("zones");
    // Service features.
    for (auto& t : settings_types) services[t].key = t;
    std::vector<ServiceFeature> sfs;
    for (auto& f : p.facilities)
        if (auto sf = service_feature(p, f)) sfs.push_back(std::move(*sf));
    for (auto& i : p.initiatives)
        if (auto sf = service_feature(i)) sfs.push_back(std::move(*sf));
    std::vector<Feat> feats(sfs.size());
    parallel_for(sfs.size(), [&](std::size_t i, unsigned k) { feats[i] = make_feat(*w.ctx[k], *w.fwd[k], sfs[i]); });
    for (std::size_t i = 0; i < sfs.size(); ++i) {
        auto& s = services[sfs[i].service];
        s.key = sfs[i].service;
        s.feats.push_back(std::move(feats[i]));
    }
    phase("service features: buffers");
}

std::vector<ServiceCoverage> CoverageEngine::State::compute(const Project& p, const std::vector<std::string>& keys) const {
    auto& self = const_cast<State&>(*this);  // pools only
    Workers w(self, options.keep_gap_geometry);
    std::vector<const ServiceS*> svcs;
    std::vector<ServiceCoverage> out(keys.size());
    for (std::size_t si = 0; si < keys.size(); ++si) {
        auto& sc = out[si];
        sc.service = keys[si];
        const ServiceS* s = find_service(keys[si]);
        svcs.push_back(s);
        if (auto* t = p.facility_type(keys[si])) sc.label = t->label;
        else sc.label = keys[si] == kInitiatives ? "Inisiatif (radius layanan)" : keys[si];
        if (s) {
            sc.features_used = s->inside();
            sc.features_outside = s->feats.size() - sc.features_used;
        }
        sc.desa.resize(desa.size());
        sc.kecamatan.resize(kec.size());
        sc.zones.resize(zones.size());
        sc.zone_desa.resize(zone_desa.size());
    }
    const std::string district_code = p.settings.district_code;

    // Covered areas of desa, kecamatan and district per service, by boundary integration.
    if (options.keep_gap_geometry) self.ensure_dissolved();
    std::vector<Covered> cov(keys.size());
    for (std::size_t si = 0; si < keys.size(); ++si) {
        if (!svcs[si]) continue;
        std::vector<const planar::Poly*> polys;
        for (auto& f : svcs[si]->feats)
            if (!f.outside && !f.bpoly.empty()) polys.push_back(&f.bpoly);
        cov[si] = covered(polys, planar::union_boundary(polys), {});
    }

    // Tasks, largest first: district per service, kecamatan, zones, desa, zone parts.
    enum Kind : std::uint8_t { District, Kec, Zone, Desa, ZoneDesa };
    struct Task {
        Kind kind;
        std::size_t index;
    };
    std::vector<Task> tasks;
    for (std::size_t si = 0; si < keys.size(); ++si) tasks.push_back({District, si});
    for (std::size_t i = 0; i < kec.size(); ++i) tasks.push_back({Kec, i});
    for (std::size_t i = 0; i < zones.size(); ++i) tasks.push_back({Zone, i});
    for (std::size_t i = 0; i < desa.size(); ++i) tasks.push_back({Desa, i});
    for (std::size_t i = 0; i < zone_desa.size(); ++i) tasks.push_back({ZoneDesa, i});

    parallel_for(tasks.size(), [&](std::size_t ti, unsigned k) {
        GeosContext& c = *w.ctx[k];
        const CrsTransform* inv = options.keep_gap_geometry ? &*w.inv[k] : nullptr;
        auto [kind, i] = tasks[ti];
        switch (kind) {
            case District: {
                // Area figures come from the boundary integration (below); here the geometries.
                auto& m = out[i].district;
                m.layer = "kabupaten";
                m.code = district_code;
                m.name = p.settings.district_name;
                m.nearest_facility_m = svcs[i] ? nearest_m(c, *svcs[i], district_centre) : kNaN;
                if (!options.keep_gap_geometry) break;
                GeomPtr S = svcs[i] ? local_union(c, *svcs[i], district_env) : nullptr;
                m.gap = gap_of(c, *inv, district.get(), S);
                if (S) {
                    Geometry area = c.to_geometry(c.intersection(S.get(), district.get()).get());
                    inv->apply_in_place(area);
                    out[i].service_area = std::move(area);
                }
                break;
            }
            case Kec: {
                auto& ks = kec[i];
                for (std::size_t si = 0; si < keys.size(); ++si) {
                    auto& m = out[si].kecamatan[i];
                    m.layer = "kecamatan";
                    m.code = ks.code;
                    m.name = ks.name;
                    m.parent_code = ks.parent;
                    m.nearest_facility_m = svcs[si] ? nearest_m(c, *svcs[si], ks.centre) : kNaN;
                    if (ks.desa.empty()) {
                        cover_unit(c, inv, ks.geom.get(), ks.env, ks.area, svcs[si], m);
                    } else if (inv) {
                        GeomPtr S = svcs[si] ? local_union(c, *svcs[si], ks.env) : nullptr;
                        m.gap = gap_of(c, *inv, ks.geom.get(), S);
                    }
                }
                break;
            }
            case Zone: {
                auto& z = zones[i];
                for (std::size_t si = 0; si < keys.size(); ++si) {
                    auto& m = out[si].zones[i];
                    m.layer = "zone";
                    m.code = z.code;
                    m.name = z.name;
                    m.parent_code = district_code;
                    cover_unit(c, nullptr, z.geom.get(), z.env, z.area, svcs[si], m);
                    m.nearest_facility_m = svcs[si] ? nearest_m(c, *svcs[si], z.centre) : kNaN;
                }
                break;
            }
            case Desa: {
                auto& d = desa[i];
                for (std::size_t si = 0; si < keys.size(); ++si) {
                    auto& m = out[si].desa[i];
                    m.layer = "desa";
                    m.code = d.code;
                    m.name = d.name;
                    m.parent_code = d.parent;
                    const double covered_m2 =
                        cov[si].desa.empty() ? 0.0 : std::clamp(double(cov[si].desa[i] / 2), 0.0, d.area);
                    set_area_figures(m, d.area, covered_m2);
                    // The local union of the buffers only for what needs geometry: gaps, grid population.
                    GeomPtr S = (inv || !d.whole) && svcs[si] && covered_m2 > 0 ? local_union(c, *svcs[si], d.env) : nullptr;
                    if (inv) m.gap = gap_of(c, *inv, d.geom.get(), S);
                    m.population = d.pop;
                    m.covered_population = d.whole ? (d.area > 0 ? d.pop * covered_m2 / d.area : 0)
                                                   : pop_covered(c, d.pieces, d.whole, d.pop, d.area, m, S.get());
                    finish_population(m);
                    m.nearest_facility_m = svcs[si] ? nearest_m(c, *svcs[si], d.centre) : kNaN;
                }
                break;
            }
            case ZoneDesa: {
                auto& zd = zone_desa[i];
                auto& d = desa[zd.desa];
                for (std::size_t si = 0; si < keys.size(); ++si) {
                    auto& m = out[si].zone_desa[i];
                    m.layer = "zone_desa";
                    m.code = zones[zd.zone].code + "/" + d.code;
                    m.name = d.name;
                    m.parent_code = zones[zd.zone].code;
                    GeomPtr S = cover_unit(c, nullptr, zd.geom.get(), zd.env, zd.area, svcs[si], m);
                    m.population = zd.pop;
                    m.covered_population = pop_covered(c, zd.pieces, zd.whole, zd.pop, zd.area, m, S.get());
                    finish_population(m);
                    m.nearest_facility_m = svcs[si] ? nearest_m(c, *svcs[si], zd.centre) : kNaN;
                }
                break;
            }
        }
    });

    // Population sums, ranking.
    for (std::size_t si = 0; si < out.size(); ++si) {
        auto& sc = out[si];
        double dp = 0, dc = 0;
        set_area_figures(sc.district, district_area, double(cov[si].district / 2));
        for (std::size_t ki = 0; ki < kec.size(); ++ki) {
            auto& m = sc.kecamatan[ki];
            m.population = m.covered_population = 0;
            if (!kec[ki].desa.empty()) set_area_figures(m, kec[ki].area, half(cov[si].kec, ki));
            for (auto di : kec[ki].desa) {
                m.population += sc.desa[di].population;
                m.covered_population += sc.desa[di].covered_population;
            }
            finish_population(m);
        }
        for (auto& m : sc.desa) {
            dp += m.population;
            dc += m.covered_population;
        }
        sc.district.population = dp;
        sc.district.covered_population = dc;
        finish_population(sc.district);
        for (std::size_t zi = 0; zi < zones.size(); ++zi) {
            auto& m = sc.zones[zi];
            for (auto pi : zones[zi].parts) {
                m.population += sc.zone_desa[pi].population;
                m.covered_population += sc.zone_desa[pi].covered_population;
            }
            finish_population(m);
        }
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
    return out;
}

WhatIfResult CoverageEngine::State::change(const FeatureChange& ch, bool commit) {
    WhatIfResult r;
    if (!ch.before && !ch.after) return r;
    r.service = ch.after ? ch.after->service : ch.before->service;
    r.district.code = district_code_cache;
    r.district.name = district_name_cache;
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
        Lease<CrsTransform> fwd(forward);
        after = make_feat(c, *fwd, *ch.after);
    }
    const Feat* old_f = before_svc ? &before_svc->feats[before_index] : nullptr;
    const bool same_service = before_svc && before_svc->key == r.service;
    const ServiceS* svc = find_service(r.service);

    // With O = the other buffers, S_before = O ∪ B_before and S_after = O ∪ B_after, so a unit's covered
    // area changes by area(u ∩ (B_after \ O)) − area(u ∩ (B_before \ O)): exact, and small polygons only.
    auto novel = [&](const Feat& f) -> GeomPtr {
        if (f.outside || !f.buffer || GEOSisEmpty_r(c.get(), f.buffer.get()) == 1) return nullptr;
        auto pb = c.prepare(f.buffer.get());
        std::vector<GeomPtr> others;
        if (svc)
            for (auto& o : svc->feats) {
                if (&o == old_f || o.outside || !o.benv.intersects(f.benv)) continue;
                if (!c.check_predicate(GEOSPreparedIntersects_r(c.get(), pb.get(), o.buffer.get()), "intersects")) continue;
                // Cell sites often share a mast: an equal or larger buffer around the same point adds nothing.
                if (f.point && o.point && f.point->x == o.point->x && f.point->y == o.point->y && o.radius >= f.radius)
                    return nullptr;
                others.push_back(c.clone(o.buffer.get()));
            }
        if (others.empty()) return c.clone(f.buffer.get());
        auto o = c.union_all(std::move(others));
        auto n = c.difference(f.buffer.get(), o.get());
        if (GEOSisEmpty_r(c.get(), n.get()) == 1) return nullptr;
        return n;
    };
    GeomPtr N0 = old_f && same_service ? novel(*old_f) : nullptr;
    GeomPtr N1 = after ? novel(*after) : nullptr;
    Envelope e0 = N0 ? c.envelope(N0.get()) : Envelope{}, e1 = N1 ? c.envelope(N1.get()) : Envelope{};
    Envelope R = e0;
    R.expand(e1);

    if (!R.empty()) {
        PreparedPtr p0 = N0 ? c.prepare(N0.get()) : nullptr;
        PreparedPtr p1 = N1 ? c.prepare(N1.get()) : nullptr;
        std::vector<std::size_t> touched;
        for (std::size_t i = 0; i < desa.size(); ++i)
            if (desa[i].env.intersects(R)) touched.push_back(i);
        r.desa_touched = touched.size();
        // Covered areas inside N (boundary integration over the touched units only).
        Covered c0 = N0 ? covered_by(to_poly(c, N0.get()), touched) : Covered{};
        Covered c1 = N1 ? covered_by(to_poly(c, N1.get()), touched) : Covered{};
        auto pop_in = [&](const std::vector<Piece>& pieces, const GeomPtr& N, const Envelope& ne, const PreparedPtr& pn) {
            return N ? pieces_within(c, pieces, N.get(), pn.get(), ne) : 0.0;
        };
        std::map<std::size_t, UnitDelta> kd;
        for (auto i : touched) {
            auto& d = desa[i];
            double da = half(c1.desa, i) - half(c0.desa, i);
            double dp = d.whole ? (d.area > 0 ? d.pop * da / d.area : 0) : pop_in(d.pieces, N1, e1, p1) - pop_in(d.pieces, N0, e0, p0);
            r.district.covered_population_delta += dp;
            auto& k = kd[d.kec];
            k.covered_population_delta += dp;
            if (std::abs(da) < 1e-6 && std::abs(dp) < 1e-9) continue;
            r.desa.push_back({d.code, d.name, da / 1e6, dp});
        }
        r.district.covered_km2_delta = double((c1.district - c0.district) / 2) / 1e6;
        for (auto& [ki, k] : kd) k.covered_km2_delta = (half(c1.kec, ki) - half(c0.kec, ki)) / 1e6;
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

// ---------------------------------------------------------------------------------------------------

CoverageEngine::CoverageEngine(const Project& project, AnalysisOptions options, const WorkControl& control)
    : s_(std::make_unique<State>()) {
    s_->options = std::move(options);
    s_->district_code_cache = project.settings.district_code;
    s_->district_name_cache = project.settings.district_name;
    control.report(0, "preparing");
    control.check();
    s_->prepare(project);
    control.check();
    control.report(1, "prepared");
}

CoverageEngine::~CoverageEngine() = default;
CoverageEngine::CoverageEngine(CoverageEngine&&) noexcept = default;
CoverageEngine& CoverageEngine::operator=(CoverageEngine&&) noexcept = default;

AnalysisResult CoverageEngine::run(const Project& project, const WorkControl& control) const {
    control.report(0, "analysing");
    control.check();
    AnalysisResult r;
    r.provenance.tool = "PetaCerdas 0.1.0";
    r.provenance.computed_at = utc_now_iso8601();
    r.provenance.analysis_crs = s_->crs;
    r.provenance.population_method = s_->method;
    r.provenance.parameters = analysis_parameters(s_->options);
    r.provenance.inputs_sha256 = inputs_sha256(project);

    r.services = s_->compute(project, s_->service_keys());
    control.check();
    control.report(0.9, "initiatives");

    // Quality: preparation findings plus the features left out.
    r.quality = s_->quality;
    std::set<Uuid> outside;
    for (auto& [k, s] : s_->services)
        for (auto& f : s.feats)
            if (f.outside) outside.insert(f.id);
    for (auto& f : project.facilities)
        if (outside.count(f.id)) {
            ++r.quality.facilities_outside;
            r.quality.flagged.push_back({"facilities", f.id, f.name, "outside the district"});
        }
    for (auto& i : project.initiatives)
        if (i.radius_m && outside.count(i.id)) {
            ++r.quality.initiatives_outside;
            r.quality.flagged.push_back({"initiatives", i.id, i.name, "outside the district"});
        }

    // Initiatives: kecamatan of the point on surface, zones met, population within radius.
    std::vector<InitiativeReach> reach(project.initiatives.size());
    auto& st = *s_;
    Lease<CrsTransform> fwd0(st.forward);
    std::vector<Geometry> projected(project.initiatives.size());
    for (std::size_t i = 0; i < projected.size(); ++i)
        if (!project.initiatives[i].geometry.empty()) projected[i] = fwd0->apply(project.initiatives[i].geometry);
    State::Workers w(st, false);
    parallel_for(project.initiatives.size(), [&](std::size_t i, unsigned k) {
        GeosContext& c = *w.ctx[k];
        auto& ini = project.initiatives[i];
        auto& out = reach[i];
        out.id = ini.id;
        out.name = ini.name;
        out.radius_m = ini.radius_m.value_or(0.0);
        if (projected[i].empty()) return;
        auto g = c.from(projected[i]);
        if (projected[i].kind == GeometryKind::Polygon && !c.is_valid(g.get()))
            g = c.polygonal_part(c.make_valid(g.get()).get());
        if (GEOSisEmpty_r(c.get(), g.get()) == 1) return;
        Coord pos = c.point_on_surface(g.get());
        auto pt = c.own(GEOSGeom_createPointFromXY_r(c.get(), pos.x, pos.y), "point");
        // The first kecamatan (in order) that holds the point: one of its desa does, or its own outline.
        std::size_t best = st.kec.size();
        Envelope penv{pos.x, pos.y, pos.x, pos.y};
        st.desa_grid.query(st.local_box(penv), [&](std::uint32_t di) {
            auto& d = st.desa[di];
            if (d.kec < best && c.check_predicate(GEOSIntersects_r(c.get(), d.geom.get(), pt.get()), "intersects")) best = d.kec;
        });
        for (std::size_t ki = 0; ki < best; ++ki) {
            auto& ks = st.kec[ki];
            if (ks.desa.empty() && ks.env.intersects(penv) && c.check_predicate(GEOSIntersects_r(c.get(), ks.geom.get(), pt.get()), "intersects")) {
                best = ki;
                break;
            }
        }
        if (best < st.kec.size()) out.kecamatan_code = st.kec[best].code;
        auto genv = c.envelope(g.get());
        for (auto& z : st.zones)
            if (z.raw_env.intersects(genv) && c.check_predicate(GEOSIntersects_r(c.get(), z.raw.get(), g.get()), "intersects"))
                out.zone_codes.push_back(z.code);
        if (ini.radius_m && *ini.radius_m > 0) {
            auto b = c.buffer(g.get(), *ini.radius_m, st.options.quadrant_segments);
            out.population_within_radius = st.population_within_projected(c, b.get());
        }
    });
    r.initiatives = summarise_initiatives(project, std::move(reach));
    control.report(1, "done");
    return r;
}

double CoverageEngine::population_within(const Geometry& polygon_lonlat) const {
    if (polygon_lonlat.kind != GeometryKind::Polygon || polygon_lonlat.empty()) return 0;
    Lease<GeosContext> c(s_->contexts);
    Lease<CrsTransform> fwd(s_->forward);
    auto g = c->from(fwd->apply(polygon_lonlat));
    if (!c->is_valid(g.get())) g = c->polygonal_part(c->make_valid(g.get()).get());
    return s_->population_within_projected(*c, g.get());
}

ServiceCoverage CoverageEngine::service(const std::string& key) const {
    // A throwaway project carrying only what compute() reads besides the engine's state: labels and codes.
    Project p;
    p.settings.district_code = s_->district_code_cache;
    p.settings.district_name = s_->district_name_cache;
    p.settings.facility_types = s_->type_labels;
    auto out = s_->compute(p, {key});
    return std::move(out.front());
}

WhatIfResult CoverageEngine::what_if(const FeatureChange& change) const { return s_->change(change, false); }
WhatIfResult CoverageEngine::apply(const FeatureChange& change) { return s_->change(change, true); }

const std::string& CoverageEngine::analysis_crs() const { return s_->crs; }
PopulationMethod CoverageEngine::population_method() const { return s_->method; }
const DataQuality& CoverageEngine::quality() const { return s_->quality; }
const std::vector<PhaseTime>& CoverageEngine::preparation_phases() const { return s_->phases; }

}  // namespace pc
