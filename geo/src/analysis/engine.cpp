// The coverage engine: the driver. The steps live in files of their own (engine_state.h lists them).
//
// Definitions (quoted by the README):
// * Analysis CRS: AnalysisOptions::analysis_crs, else ProjectSettings::analysis_crs, else the WGS 84 UTM
//   zone of the centre of the envelope of all desa (utm_crs_for). Every area and distance is measured
//   in that CRS, in metres (areas reported in km²).
// * Preparation: desa, kecamatan, the kabupaten outline, zones and grid cells are projected to the
//   analysis CRS; invalid polygons are repaired with GEOS MakeValid (structure method, polygonal part
//   kept) and flagged. A desa whose geometry is a line or a point has no area: flagged, its people
//   count as not covered. Kecamatan = union of its desa; district D = union of all desa.
// * Services: every facility type in the settings and in the facilities, plus "initiatives" for
//   initiatives with a radius. Buffer B_f = buffer(projected geometry, radius, quadrant_segments) (a
//   point's is GEOS's regular polygon; radius 0: a polygon is itself, a point or line covers nothing).
//   Border truth: B_f counts when the feature stands in D (1 mm tolerance) or, standing outside, when
//   B_f reaches a desa (interiors meet); a feature outside whose buffer reaches no desa is flagged and
//   left out. AnalysisOptions::inside_only counts only the features standing in D.
// * S = ∪ counted B_f. For a unit u: A = area(u); C = area(u ∩ S); gap = u \ S (lon/lat); ratios C/A.
//   Areas of units, of their intersections with S and of the dissolved kecamatan and district by
//   boundary integration (overlay.h); gap and service-area geometry assembled from the same pieces
//   (rings.h). A desa whose integrated area disagrees with GEOS's (1e-9 relative), or whose pieces do
//   not close, is computed with a GEOS overlay instead and flagged.
// * Population (population.cpp): area weighting, or grid fragments (exact area shares); covered =
//   persons inside S; kecamatan, district and zone figures sum their desa / parts.
// * nearest_facility_m: from the unit's centroid (grid methods: population-weighted centre) to the
//   nearest counted feature (radius not counted); NaN without features.
// * gap_ranking: desa by uncovered population desc, then uncovered area desc; top N.
// * What-if (what_if.cpp): exact change from B \ O over the desa it meets.
#include "geo/analysis/engine.h"

#include <set>
#include <unordered_map>

#include "engine_state.h"
#include "geo/analysis/summary.h"
#include "geo/crs.h"
#include "geo/parallel.h"

namespace pc {

using analysis::Lease;
using analysis::State;

namespace {

}  // namespace

std::optional<ServiceFeature> service_feature(const Project& p, const Facility& f) {
    if (f.type.empty()) return std::nullopt;
    return ServiceFeature{f.type, f.id, f.geometry, p.service_radius_m(f)};
}

std::optional<ServiceFeature> service_feature(const Initiative& i) {
    if (!i.radius_m) return std::nullopt;
    // An initiative counts in the figures of the service it provides (a WiFi point in "wifi").
    return ServiceFeature{i.service.empty() ? std::string(analysis::kInitiatives) : i.service, i.id, i.geometry, *i.radius_m};
}

namespace analysis {

void State::prepare(const Project& p, const WorkControl& control) {
    PhaseClock phase(phases);
    clock = &phase;
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
    options.inside_only = options.inside_only || p.settings.features_inside_only;
    district_code = p.settings.district_code;
    district_name = p.settings.district_name;

    std::mutex m;
    Workers w(contexts, &projections, worker_count());
    prepare_units(p, w, m);
    phase("desa: checks");
    control.check();
    control.report(0.4, "desa");
    prepare_quality(p, w, m);
    phase("data quality: gaps, outline");
    prepare_population(p, w, m);
    phase("population pieces");
    control.check();
    control.report(0.7, "population");
    prepare_zones(p, w, m);
    phase("zones");
    prepare_services(p, w);
    phase("service features: buffers");
    clock = nullptr;
}

}  // namespace analysis

CoverageEngine::CoverageEngine(const Project& project, AnalysisOptions options, const WorkControl& control)
    : s_(std::make_unique<State>()) {
    s_->options = std::move(options);
    control.report(0, "preparing");
    control.check();
    s_->prepare(project, control);
    control.check();
    control.report(1, "prepared");
}

CoverageEngine::~CoverageEngine() = default;
CoverageEngine::CoverageEngine(CoverageEngine&&) noexcept = default;
CoverageEngine& CoverageEngine::operator=(CoverageEngine&&) noexcept = default;

AnalysisResult CoverageEngine::run(const Project& project, const WorkControl& control) const {
    control.report(0, "analysing");
    control.check();
    auto& st = *s_;
    AnalysisResult r;
    r.provenance.tool = "PetaCerdas 0.1.0";
    r.provenance.computed_at = utc_now_iso8601();
    r.provenance.analysis_crs = st.crs;
    r.provenance.population_method = st.method;
    r.provenance.parameters = analysis_parameters(st.options);
    r.provenance.inputs_sha256 = inputs_sha256(project, st.method != PopulationMethod::AreaWeighted);

    std::vector<FlaggedFeature> run_flags;
    r.services = st.compute(project, st.service_keys(), control, &run_flags);
    control.check();
    control.report(0.9, "initiatives");

    // Quality: preparation findings, the features outside the district, the units GEOS computed.
    r.quality = st.quality;
    // Only the features standing outside need a name: find them by id.
    std::unordered_map<Uuid, const analysis::Feat*> by_id;
    for (auto& [k, s] : st.services)
        for (auto& f : s.feats)
            if (f.outside) by_id[f.id] = &f;
    auto flag = [&](const char* layer, const Uuid& id, const std::string& label, std::size_t& outside,
                    std::size_t& across) {
        if (by_id.empty()) return;
        auto it = by_id.find(id);
        if (it == by_id.end()) return;
        const analysis::Feat& f = *it->second;
        ++outside;
        std::string problem;
        if (f.counted) {
            ++across;
            problem = "outside the district, serving across the border: reaches " + std::to_string(f.reaches) + " desa";
        } else if (st.options.inside_only) {
            problem = "outside the district, left out (only features inside the district count)";
        } else if (f.buffer.poly.empty()) {
            problem = "outside the district, without a service area: left out";
        } else {
            problem = "outside the district, and its service area reaches no desa: left out (misplaced?)";
        }
        r.quality.flagged.push_back({layer, id, label, problem});
    };
    for (auto& f : project.facilities)
        flag("facilities", f.id, f.name, r.quality.facilities_outside, r.quality.facilities_across_border);
    for (auto& i : project.initiatives)
        if (i.radius_m) flag("initiatives", i.id, i.name, r.quality.initiatives_outside, r.quality.initiatives_across_border);
    r.quality.flagged.insert(r.quality.flagged.end(), run_flags.begin(), run_flags.end());

    // Initiatives: kecamatan of the point on surface, zones met, population within radius.
    std::vector<InitiativeReach> reach(project.initiatives.size());
    Lease<analysis::Projection> proj0(st.projections);
    std::vector<Geometry> projected(project.initiatives.size());
    for (std::size_t i = 0; i < projected.size(); ++i)
        if (!project.initiatives[i].geometry.empty()) projected[i] = proj0->forward(project.initiatives[i].geometry);
    analysis::Workers w(st.contexts, nullptr, worker_count());
    auto one = [&](std::size_t i, unsigned k) {
        GeosContext& c = w.ctx(k);
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
        // The first kecamatan (in order) that holds the point: one of its desa does, or its own outline.
        std::size_t best = st.kec.size();
        const planar::Pt lp = st.local(pos);
        st.desa_units.units.grid.query(planar::Box::of(lp, lp), [&](std::uint32_t di) {
            if (st.desa[di].kec < best && st.desa_units.units.polys[di].locate(lp) != planar::Poly::PointLoc::Out)
                best = st.desa[di].kec;
        });
        for (std::size_t ki = 0; ki < best; ++ki) {
            auto& ks = st.kec[ki];
            if (ks.lone && st.lone_kec.polys[*ks.lone].locate(lp) != planar::Poly::PointLoc::Out) {
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
    };
    if (project.initiatives.size() < 64) {
        for (std::size_t i = 0; i < project.initiatives.size(); ++i) one(i, 0);
    } else {
        parallel_for(project.initiatives.size(), one);
    }
    r.initiatives = summarise_initiatives(project, std::move(reach));
    control.report(1, "done");
    return r;
}

double CoverageEngine::population_within(const Geometry& polygon_lonlat) const {
    if (polygon_lonlat.kind != GeometryKind::Polygon || polygon_lonlat.empty()) return 0;
    Lease<GeosContext> c(s_->contexts);
    Lease<analysis::Projection> proj(s_->projections);
    auto g = c->from(proj->forward(polygon_lonlat));
    if (!c->is_valid(g.get())) g = c->polygonal_part(c->make_valid(g.get()).get());
    return s_->population_within_projected(*c, g.get());
}

ServiceCoverage CoverageEngine::service(const std::string& key) const {
    // A throwaway project carrying only what compute() reads besides the engine's state: labels and codes.
    Project p;
    p.settings.district_code = s_->district_code;
    p.settings.district_name = s_->district_name;
    p.settings.facility_types = s_->type_labels;
    auto out = s_->compute(p, {key}, {}, nullptr);
    return std::move(out.front());
}

WhatIfResult CoverageEngine::what_if(const FeatureChange& change) const { return s_->change(change, false); }
WhatIfResult CoverageEngine::apply(const FeatureChange& change) { return s_->change(change, true); }

const std::string& CoverageEngine::analysis_crs() const { return s_->crs; }
PopulationMethod CoverageEngine::population_method() const { return s_->method; }
const DataQuality& CoverageEngine::quality() const { return s_->quality; }
const std::vector<PhaseTime>& CoverageEngine::preparation_phases() const { return s_->phases; }
const analysis::State& CoverageEngine::state() const { return *s_; }

}  // namespace pc
