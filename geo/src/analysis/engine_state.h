#pragma once
// What the coverage engine prepares once and every run reads (internal to geo/src/analysis).
//
// Preparation (engine.cpp drives it): units.cpp projects and repairs the desa, groups them into
// kecamatan and runs the boundary pass; population.cpp cuts the population pieces; zones.cpp the
// zones and their parts; service_features.cpp turns facilities and initiatives into buffers and
// decides which count (border truth). A run (run_service.cpp) overlays each service area with the
// unit sets (overlay.h) and assembles the gap geometry (gap_geometry.cpp); what_if.cpp answers edits.
#include <time.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "boundary_pass.h"
#include "geo/analysis/engine.h"
#include "geo/geos.h"
#include "overlay.h"
#include "pool.h"
#include "projection.h"
#include "service_area.h"
#include "vertex_index.h"

namespace pc::analysis {

inline constexpr const char* kInitiatives = "initiatives";

// Polygons of uniform population density (population-grid cells cut by desa, or by zone parts),
// as an ungrouped unit set for the overlay.
struct Fragments {
    planar::UnitSet units;
    std::vector<double> pop;           // persons
    std::vector<double> area;          // m²
    std::vector<std::uint32_t> owner;  // the desa (or zone part) it belongs to
    std::vector<std::vector<std::uint32_t>> of_owner;  // per owner: its fragments
    std::vector<Coord> centroid;       // projected
    std::vector<GeomPtr> geom;         // projected (zone parts cut the desa fragments)
};

struct DesaS {
    Uuid id;
    std::string code, name, parent;
    Geometry projected;  // projected, repaired (GEOS is built from it only where needed)
    GeomPtr geom;        // GEOS of `projected`: after State::ensure_desa_geoms()
    Geometry lonlat;    // as analysed (repaired), lon/lat: its gap where no service reaches it
    Envelope env;       // projected
    double area = 0;    // m²
    double pop = 0;
    bool whole = true;  // population spread evenly by area (no fragments)
    Coord centre;       // projected: centroid, or the population-weighted centre of its fragments
    std::size_t kec = 0;
    bool fallback = false;  // boundary integration disagreed with GEOS: computed by GEOS overlay
    bool repaired = false;  // invalid as given: made valid (its vertices are new)
};

struct KecS {
    std::string code, name, parent;
    std::vector<std::size_t> desa;
    double area = 0;  // m² (dissolved)
    Coord centre;
    Envelope env;
    // A kecamatan without desa keeps its own outline (no population): index into State::lone_kec.
    std::optional<std::size_t> lone;
};

struct ZoneS {
    std::string code, name;
    GeomPtr raw;   // the zone itself (initiatives inside/outside)
    Envelope raw_env;
    GeomPtr geom;  // zone ∩ district
    double area = 0;
    Coord centre;
    std::vector<std::size_t> parts;  // into State::parts
};

struct ZonePartS {
    std::size_t zone = 0, desa = 0;
    GeomPtr geom;
    double area = 0;
    double pop = 0;
    bool whole = true;
    Coord centre;
};

struct Feat {
    Uuid id;
    GeomPtr geom;  // projected feature geometry (not for a single point: see `point`)
    Envelope genv;
    std::optional<Coord> point;  // a single point
    double radius = 0;
    planar::Buffer buffer;       // local coordinates; empty poly: serves no area
    bool outside = false;        // stands outside the district
    bool counted = false;        // its buffer is part of the service area
    std::size_t reaches = 0;     // desa its buffer reaches (features outside the district)
};

struct ServiceS {
    std::string key;
    std::vector<Feat> feats;
};

// Records the CPU time (all threads) since the previous call under a step's name: what the step
// cost, whatever else the machine was doing.
class PhaseClock {
public:
    explicit PhaseClock(std::vector<PhaseTime>& out) : out_(out) {}
    void operator()(const char* name) {
        const double now = cpu_ms();
        out_.push_back({name, now - t_});
        t_ = now;
    }

private:
    static double cpu_ms() {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
    }
    std::vector<PhaseTime>& out_;
    double t_ = cpu_ms();
};

// GEOS contexts and PROJ transforms are per thread: pools hand one to each worker.
// Leased on first use by each worker (a small district runs on one thread and needs one of each).
class Workers {
public:
    Workers(Pool<GeosContext>& contexts, Pool<Projection>* projections, unsigned n)
        : contexts_(&contexts), projections_(projections), ctx_(n), proj_(n) {}
    GeosContext& ctx(unsigned k) {
        if (!ctx_[k]) ctx_[k].emplace(*contexts_);
        return **ctx_[k];
    }
    Projection& proj(unsigned k) {
        if (!proj_[k]) proj_[k].emplace(*projections_);
        return **proj_[k];
    }

private:
    Pool<GeosContext>* contexts_;
    Pool<Projection>* projections_;
    std::vector<std::optional<Lease<GeosContext>>> ctx_;
    std::vector<std::optional<Lease<Projection>>> proj_;
};

struct State {
    // Declared first so that they are destroyed last: every geometry below belongs to one of them.
    Pool<GeosContext> contexts{[] { return std::make_unique<GeosContext>(); }};
    std::string crs;
    std::unique_ptr<const LocalFit> local_fit;  // the inverse projection over the district's box, once made
    Pool<Projection> projections{[this] { return std::make_unique<Projection>(crs, &local_fit); }};

    AnalysisOptions options;
    PopulationMethod method = PopulationMethod::AreaWeighted;
    DataQuality quality;  // preparation findings (feature flags are added by run)
    std::vector<PhaseTime> phases;
    PhaseClock* clock = nullptr;  // during preparation: marks finer steps
    void mark(const char* step) {
        if (clock) (*clock)(step);
    }

    Coord origin;  // subtracted from projected coordinates for the planar areas
    std::vector<DesaS> desa;
    std::vector<KecS> kec;
    planar::BoundaryPass desa_units;  // the desa cut at their neighbours, kecamatan as groups
    double district_area = 0;         // m² (dissolved)
    Coord district_centre;
    Envelope district_env;
    std::vector<AdminUnit> lone_kec_src;  // kecamatan without desa: their own outlines
    planar::UnitSet lone_kec;
    std::vector<GeomPtr> lone_kec_geom;

    std::optional<Fragments> desa_fragments;  // grid methods
    std::vector<ZoneS> zones;
    std::vector<ZonePartS> parts;
    planar::UnitSet zone_units, part_units;
    std::optional<Fragments> part_fragments;

    std::vector<std::string> settings_types;
    std::vector<FacilityType> type_labels;
    std::string district_code, district_name;
    std::map<std::string, ServiceS> services;
    std::vector<std::size_t> fallback_desa;  // desa computed by GEOS overlay (see units.cpp)
    planar::VertexIndex lonlat_of;  // input vertices (local) -> their lon/lat

    // The dissolved kecamatan and district in lon/lat: the gap where a service meets none of their
    // boundary (or has no area). Each gathers its pieces and assembles its outline on first use, once.
    struct Dissolved {
        std::once_flag gathered, built;
        std::vector<planar::Seg> pieces;  // in the order the overlay leaves them when nothing meets it
        Geometry lonlat;
    };
    std::once_flag dissolved_made;
    std::unique_ptr<Dissolved[]> kec_dissolved;  // per kecamatan (those with desa)
    Dissolved district_dissolved;
    // The gap of kecamatan `which` (kec.size(): the district) in a run: its outline where the service
    // has no area (`gap_pieces` null) or meets none of it (`untouched` and the gap's pieces are its
    // own), else the assembly of `gap_pieces`.
    Geometry gap_of(std::size_t which, const std::vector<planar::Seg>* gap_pieces, bool untouched,
                    const Projection& proj, planar::VertexIndex* made);

    std::mutex edit_mutex;  // one edit at a time
    std::mutex desa_geom_mutex;
    bool desa_geoms = false;

    // --- helpers (units.cpp) ---
    planar::Pt local(Coord c) const { return {c.x - origin.x, c.y - origin.y}; }
    Coord projected(planar::Pt p) const { return {p.x + origin.x, p.y + origin.y}; }
    planar::Box local_box(const Envelope& e) const;
    planar::Poly to_poly(GeosContext& c, const GEOSGeometry* g) const;
    GeomPtr project_polygonal(GeosContext& c, const Projection& proj, const Geometry& g, const std::string& layer,
                              const Uuid& id, const std::string& label, std::mutex& m, Geometry* repaired_lonlat);
    // A lon/lat polygon projected into `out` (local coordinates, with cells) and its area (m²), when
    // the fast validity test vouches for it (validity.h); false (`out` untouched) means "ask GEOS".
    bool certainly_valid_rings(const Projection& proj, const Geometry& lonlat, planar::Poly& out, double& area) const;
    // Whether a projected feature meets the district within 1 mm (meets one of the desa).
    bool meets_district(const Geometry& projected) const;

    // The desa as GEOS geometries (zones, grid fragments, GEOS fallbacks need them; most runs do not).
    void ensure_desa_geoms();

    // --- preparation ---
    void prepare(const Project& p, const WorkControl& control);
    void prepare_units(const Project& p, Workers& w, std::mutex& m);           // units.cpp
    void prepare_quality(const Project& p, Workers& w, std::mutex& m);         // units.cpp
    void prepare_population(const Project& p, Workers& w, std::mutex& m);      // population.cpp
    void prepare_zones(const Project& p, Workers& w, std::mutex& m);           // zones.cpp
    void prepare_services(const Project& p, Workers& w);                      // service_features.cpp
    // `projected`: sf's geometry in the analysis CRS; `context` gives a GEOS context where one is needed
    // (not for a point: most features).
    Feat make_feat(const std::function<GeosContext&()>& context, const Geometry& projected, const ServiceFeature& sf) const;

    // --- runs ---
    std::vector<const planar::Buffer*> counted_buffers(const ServiceS& s) const;
    // `flags` (optional) receives the units that the run had to compute by GEOS overlay.
    std::vector<ServiceCoverage> compute(const Project& p, const std::vector<std::string>& keys,
                                         const WorkControl& control,
                                         std::vector<FlaggedFeature>* flags) const;  // run_service.cpp
    std::vector<std::string> service_keys() const;
    const ServiceS* find_service(const std::string& key) const;
    double population_within_projected(GeosContext& c, const GEOSGeometry* poly) const;  // population.cpp
    WhatIfResult change(const FeatureChange& ch, bool commit);                            // what_if.cpp
};

// Computes a GEOS geometry's lazy envelopes (down to every ring) so that threads may share it.
void prime(GEOSContextHandle_t h, const GEOSGeometry* g);

// Covered population of fragments: Σ pop · area(fragment ∩ R) / area(fragment), per owner.
std::vector<double> fragments_covered(const Fragments& f, const planar::Overlay& ov, std::size_t owners);

// The distance from a point to the nearest counted feature of a service (radius not counted; NaN
// when it has none): points through a grid, other geometries through GEOS, nearest envelope first.
class NearestFeature {
public:
    explicit NearestFeature(const ServiceS& s);
    // `context` gives a GEOS context where one is needed (a facility that is not a point).
    double operator()(const std::function<GeosContext&()>& context, Coord p) const;

private:
    const ServiceS* s_;
    bool any_ = false;
    std::vector<const Feat*> others_;
    Envelope box_;
    double cell_ = 1;
    int nx_ = 1, ny_ = 1;
    std::vector<std::uint32_t> start_;
    std::vector<Coord> points_;
};

}  // namespace pc::analysis
