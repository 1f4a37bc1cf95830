// Border truth (features across the district's border serve the desa they reach) and the engine's
// checks on awkward geometry (no silent clamps): each result against GEOS overlays computed here,
// independently of the engine's boundary integration.
#include <catch2/catch.hpp>

#include <cmath>

#include "engine_test_util.h"
#include "geo/analysis/engine.h"
#include "geo/geos.h"

using namespace pc;
using namespace pc::test;

namespace {

const ServiceCoverage& bts(const AnalysisResult& r) {
    const ServiceCoverage* s = r.service("bts");
    REQUIRE(s);
    return *s;
}

const FlaggedFeature* flag_of(const AnalysisResult& r, const Uuid& id) {
    for (auto& f : r.quality.flagged)
        if (f.id == id) return &f;
    return nullptr;
}

// GEOS's own figures for a lon/lat unit against lon/lat buffers, all projected to UTM 49S here.
struct Reference {
    GeosContext c;
    CrsTransform to_utm{"EPSG:4326", "EPSG:32749"};
    GeomPtr utm_of(const Geometry& g) { return c.from(to_utm.apply(g)); }
    GeomPtr buffer(const Geometry& point, double r) { return c.buffer(utm_of(point).get(), r, 8); }
    double area_km2(const GEOSGeometry* g) { return c.area(g) / 1e6; }
};

}  // namespace

TEST_CASE("border truth: a tower across the border serves the desa it reaches", "[analysis][border]") {
    Reference ref;
    Project p = base_project();
    p.desa.push_back(desa("35.99.01.2001", "35.99.01", utm().rect(0, 0, 1000, 1000), 1000.0));
    p.desa.push_back(desa("35.99.01.2002", "35.99.01", utm().rect(1000, 0, 2000, 1000), 1000.0));
    auto across = facility("bts", utm().point(-500, 500), 1000.0);  // stands 500 m west of the border
    auto far = facility("bts", utm().point(-5000, 500), 1000.0);    // reaches nothing
    // Its buffer's easternmost vertex (angle 0) lies exactly on the border: a touch, no area.
    auto touching = facility("bts", utm().point(-1000, 500), 1000.0);
    p.facilities = {across, far, touching};

    SECTION("by default it counts, wherever it stands") {
        CoverageEngine e(p);
        auto r = e.run(p);
        const auto& s = bts(r);
        CHECK(s.features_used == 1);
        CHECK(s.features_outside == 3);
        CHECK(s.features_across_border == 1);
        CHECK(r.quality.facilities_outside == 3);
        CHECK(r.quality.facilities_across_border == 1);
        // Covered: the part of the 32-gon inside the first desa, as GEOS computes it.
        auto unit = ref.utm_of(p.desa[0].geometry);
        auto b = ref.buffer(across.geometry, 1000);
        const double expected = ref.area_km2(ref.c.intersection(unit.get(), b.get()).get());
        CHECK(expected > 0.25);
        CHECK(s.desa[0].covered_km2 == Approx(expected).epsilon(1e-9));
        CHECK(s.desa[1].covered_km2 == Approx(0).margin(1e-12));
        CHECK(s.district.covered_km2 == Approx(expected).epsilon(1e-9));
        CHECK(s.desa[0].covered_population == Approx(1000.0 * expected / s.desa[0].area_km2).epsilon(1e-9));
        // data_quality: each outside feature listed, saying what became of it.
        auto* fa = flag_of(r, across.id);
        REQUIRE(fa);
        CHECK(fa->problem == "outside the district, serving across the border: reaches 1 desa");
        auto* ff = flag_of(r, far.id);
        REQUIRE(ff);
        CHECK(ff->problem.find("reaches no desa: left out") != std::string::npos);
        auto* ft = flag_of(r, touching.id);
        REQUIRE(ft);
        CHECK(ft->problem.find("reaches no desa") != std::string::npos);
        CHECK(s.desa[0].nearest_facility_m == Approx(1000).epsilon(1e-6));  // from the centroid (500, 500)
    }
    SECTION("counting only the district's own: the setting, or the option") {
        for (int how = 0; how < 2; ++how) {
            Project q = p;
            AnalysisOptions o;
            if (how == 0) q.settings.features_inside_only = true;
            else o.inside_only = true;
            CoverageEngine e(q, o);
            auto r = e.run(q);
            const auto& s = bts(r);
            CHECK(s.features_used == 0);
            CHECK(s.features_across_border == 0);
            CHECK(s.desa[0].covered_km2 == 0);
            CHECK(std::isnan(s.desa[0].nearest_facility_m));
            auto* fa = flag_of(r, across.id);
            REQUIRE(fa);
            CHECK(fa->problem.find("left out (only features inside the district count)") != std::string::npos);
            CHECK(r.provenance.parameters.find("features=inside_only") != std::string::npos);
        }
    }
    SECTION("what-if: moving the tower across the border changes what it should") {
        CoverageEngine e(p);
        ServiceFeature before{"bts", across.id, across.geometry, 1000};
        ServiceFeature after{"bts", across.id, utm().point(-900, 500), 1000};  // 100 m reach left
        auto w = e.what_if(FeatureChange{before, after});
        auto unit = ref.utm_of(p.desa[0].geometry);
        const double a0 = ref.area_km2(ref.c.intersection(unit.get(), ref.buffer(before.geometry, 1000).get()).get());
        const double a1 = ref.area_km2(ref.c.intersection(unit.get(), ref.buffer(after.geometry, 1000).get()).get());
        CHECK(w.district.covered_km2_delta == Approx(a1 - a0).epsilon(1e-9));
        e.apply(FeatureChange{before, after});
        Project moved = p;
        moved.facilities[0].geometry = after.geometry;
        auto fresh = CoverageEngine(moved).run(moved);
        CHECK(bts(e.run(moved)).desa[0].covered_km2 == Approx(bts(fresh).desa[0].covered_km2).epsilon(1e-12));
    }
}

TEST_CASE("no silent clamps: awkward desa against GEOS overlays", "[analysis][checks]") {
    Reference ref;
    Project p = base_project();
    SECTION("neighbours whose shared edge is offset by 1e-7 m: a sliver gap, kept") {
        p.desa.push_back(desa("35.99.01.2001", "35.99.01", utm().rect(0, 0, 1000, 1000), 100.0));
        p.desa.push_back(desa("35.99.01.2002", "35.99.01", utm().rect(1000 + 1e-7, 0, 2000, 1000), 100.0));
        p.facilities.push_back(facility("bts", utm().point(1000, 500), 400.0));
    }
    SECTION("neighbours overlapping by 1e-7 m") {
        p.desa.push_back(desa("35.99.01.2001", "35.99.01", utm().rect(0, 0, 1000 + 1e-7, 1000), 100.0));
        p.desa.push_back(desa("35.99.01.2002", "35.99.01", utm().rect(1000, 0, 2000, 1000), 100.0));
        p.facilities.push_back(facility("bts", utm().point(1000, 500), 400.0));
    }
    SECTION("a hole touching its shell at a vertex") {
        // The shell has a vertex at (0, 500) where the hole touches it (one shared point: valid OGC).
        Geometry shell = Geometry::polygon({{0, 0}, {1000, 0}, {1000, 1000}, {0, 1000}, {0, 500}, {0, 0}});
        Ring hole{{0, 500}, {300, 600}, {300, 400}, {0, 500}};
        shell.polygons[0].rings.push_back(hole);
        p.desa.push_back(desa("35.99.01.2001", "35.99.01", utm().ll(shell), 100.0));
        p.desa.push_back(desa("35.99.01.2002", "35.99.01", utm().rect(1000, 0, 2000, 1000), 100.0));
        p.facilities.push_back(facility("bts", utm().point(200, 500), 300.0));
    }
    SECTION("a sliver desa 1 mm wide along its neighbour") {
        p.desa.push_back(desa("35.99.01.2001", "35.99.01", utm().rect(0, 0, 1000, 1000), 100.0));
        p.desa.push_back(desa("35.99.01.2002", "35.99.01", utm().rect(1000, 0, 1000.001, 1000), 1.0));
        p.desa.push_back(desa("35.99.02.2003", "35.99.02", utm().rect(1000.001, 0, 2000, 1000), 100.0));
        p.facilities.push_back(facility("bts", utm().point(1000, 500), 600.0));
    }
    CoverageEngine e(p);
    auto r = e.run(p);
    const auto& s = bts(r);
    CHECK(r.quality.geometries_repaired == 0);
    // No unit needed the GEOS fallback: the integration agreed with GEOS everywhere.
    for (auto& f : r.quality.flagged) CHECK(f.problem.find("GEOS overlay") == std::string::npos);
    std::vector<GeomPtr> units, buffers;
    for (auto& d : p.desa) units.push_back(ref.utm_of(d.geometry));
    for (auto& f : p.facilities) buffers.push_back(ref.buffer(f.geometry, *f.radius_m));
    GeomPtr S = ref.c.clone(buffers[0].get());
    double district_covered = 0;
    std::vector<GeomPtr> all;
    for (std::size_t i = 0; i < units.size(); ++i) {
        INFO("desa " << p.desa[i].code);
        const double a = ref.area_km2(units[i].get());
        const double c = ref.area_km2(ref.c.intersection(units[i].get(), S.get()).get());
        // The reference projects with PROJ, the engine with its own UTM (utm.h): the two agree to 1e-8 m,
        // which moves a 1 mm sliver's area by up to its perimeter (2 km) times that: 2e-11 km².
        constexpr double projections = 2e-11;
        CHECK(s.desa[i].area_km2 == Approx(a).epsilon(1e-9).margin(projections));
        CHECK(s.desa[i].covered_km2 == Approx(c).epsilon(1e-9).margin(projections));
        // The gap geometry is valid and holds the uncovered area.
        auto gap = ref.utm_of(s.desa[i].gap);
        CHECK(ref.c.is_valid(gap.get()));
        CHECK(ref.area_km2(gap.get()) == Approx(a - c).epsilon(1e-9).margin(projections));
        all.push_back(ref.c.clone(units[i].get()));
    }
    auto D = ref.c.union_all(std::move(all));
    district_covered = ref.area_km2(ref.c.intersection(D.get(), S.get()).get());
    CHECK(s.district.area_km2 == Approx(ref.area_km2(D.get())).epsilon(1e-9));
    CHECK(s.district.covered_km2 == Approx(district_covered).epsilon(1e-9));
    auto dgap = ref.utm_of(s.district.gap);
    CHECK(ref.c.is_valid(dgap.get()));
    CHECK(ref.area_km2(dgap.get()) == Approx(ref.area_km2(D.get()) - district_covered).epsilon(1e-9));
    auto sa = ref.utm_of(s.service_area);
    CHECK(ref.c.is_valid(sa.get()));
    CHECK(ref.area_km2(sa.get()) == Approx(district_covered).epsilon(1e-9));
}

TEST_CASE("a desa that is a line or a point is flagged, its people not covered", "[analysis][checks]") {
    Project p = base_project();
    p.desa.push_back(desa("35.99.01.2001", "35.99.01", utm().rect(0, 0, 1000, 1000), 100.0));
    Geometry line = utm().ll(Geometry::line({{1000, 0}, {2000, 1000}}));
    Geometry point = utm().point(1500, 500);
    p.desa.push_back(desa("35.99.01.2002", "35.99.01", line, 250.0));
    p.desa.push_back(desa("35.99.01.2003", "35.99.01", point, 40.0));
    p.facilities.push_back(facility("bts", utm().point(1500, 500), 5000.0));  // covers everything
    CoverageEngine e(p);
    auto r = e.run(p);
    const auto& s = bts(r);
    for (int i : {1, 2}) {
        auto* f = flag_of(r, p.desa[std::size_t(i)].id);
        REQUIRE(f);
        CHECK(f->problem.find(i == 1 ? "a line" : "a point") != std::string::npos);
        CHECK(s.desa[std::size_t(i)].area_km2 == 0);
        CHECK(s.desa[std::size_t(i)].population == *p.desa[std::size_t(i)].population);
        CHECK(s.desa[std::size_t(i)].covered_population == 0);
        CHECK(s.desa[std::size_t(i)].uncovered_population == *p.desa[std::size_t(i)].population);
    }
    CHECK(s.desa[0].coverage_ratio_population == Approx(1.0));
    // The kecamatan and district keep those people, uncovered: not silently dropped.
    CHECK(s.kecamatan[0].population == Approx(390.0));
    CHECK(s.district.uncovered_population == Approx(290.0));
    CHECK(r.quality.warnings.size() >= 2);
}

TEST_CASE("no silent clamps: a desa crossing itself, found by the boundary pass, repaired beside its neighbour",
          "[analysis][checks]") {
    // Desa A: a bow-tie with unequal lobes (its edges (0,0)-(1000,1000) and (1000,0)-(0,500) cross at
    // (333.3, 333.3)): its signed area, 0.25 km², is not the 5/12 km² of the two lobes. Its one ring is
    // well formed, so only the boundary pass's contact test finds it; GEOS repairs it (MakeValid,
    // structure) and the pass runs again beside B, which shares A's edge at x = 1000.
    Reference ref;
    Project p = base_project();
    const Geometry a = utm().ll(Geometry::polygon({{0, 0}, {1000, 1000}, {1000, 0}, {0, 500}, {0, 0}}));
    p.desa.push_back(desa("35.99.01.2001", "35.99.01", a, 100.0));
    p.desa.push_back(desa("35.99.01.2002", "35.99.01", utm().rect(1000, 0, 2000, 1000), 100.0));
    p.facilities.push_back(facility("bts", utm().point(1000, 500), 600.0));
    CoverageEngine e(p);
    CHECK(e.quality().geometries_repaired == 1);
    auto r = e.run(p);
    const auto& s = bts(r);
    // GEOS's own figures for the repaired desa.
    auto unit_a = ref.utm_of(a);
    REQUIRE_FALSE(ref.c.is_valid(unit_a.get()));
    auto repaired = ref.c.polygonal_part(ref.c.make_valid(unit_a.get()).get());
    auto unit_b = ref.utm_of(p.desa[1].geometry);
    auto S = ref.buffer(p.facilities[0].geometry, 600.0);
    CHECK(ref.area_km2(repaired.get()) == Approx(5.0 / 12).epsilon(1e-6));  // the two lobes (UTM rounding)
    CHECK(s.desa[0].area_km2 == Approx(ref.area_km2(repaired.get())).epsilon(1e-9));
    CHECK(s.desa[0].covered_km2 == Approx(ref.area_km2(ref.c.intersection(repaired.get(), S.get()).get())).epsilon(1e-9));
    CHECK(s.desa[1].covered_km2 == Approx(ref.area_km2(ref.c.intersection(unit_b.get(), S.get()).get())).epsilon(1e-9));
    std::vector<GeomPtr> both;
    both.push_back(ref.c.clone(repaired.get()));
    both.push_back(ref.c.clone(unit_b.get()));
    auto D = ref.c.union_all(std::move(both));
    CHECK(s.district.area_km2 == Approx(ref.area_km2(D.get())).epsilon(1e-9));
    CHECK(s.district.covered_km2 == Approx(ref.area_km2(ref.c.intersection(D.get(), S.get()).get())).epsilon(1e-9));
    CHECK(s.kecamatan[0].area_km2 == Approx(ref.area_km2(D.get())).epsilon(1e-9));
    // No unit left to the GEOS fallback: the second pass, on the repaired desa, agreed with GEOS.
    for (auto& f : r.quality.flagged) CHECK(f.problem.find("GEOS overlay") == std::string::npos);
}

TEST_CASE("data quality: the district outline against the desa, valid or repaired by GEOS", "[analysis][checks]") {
    // Two desa side by side: (0..2000) x (0..1000) m, 2 km² together.
    Project p = base_project();
    p.desa.push_back(desa("35.99.01.2001", "35.99.01", utm().rect(0, 0, 1000, 1000), 100.0));
    p.desa.push_back(desa("35.99.01.2002", "35.99.01", utm().rect(1000, 0, 2000, 1000), 100.0));
    AdminUnit outline;
    outline.id = next_id();
    outline.level = AdminLevel::Kabupaten;
    outline.code = "35.99";
    double outside = 0, uncovered = 0;  // outline minus desa, desa minus outline (km²), by hand
    bool repaired = false;
    SECTION("a valid outline shifted 200 m west and 100 m south: the planar rings, no GEOS") {
        // (-200..1800) x (-100..900): 2 km², of which 1.8 x 0.9 = 1.62 km² over the desa.
        outline.geometry = utm().rect(-200, -100, 1800, 900);
        outside = 2 - 1.62;
        uncovered = 2 - 1.62;
    }
    SECTION("a bow-tie outline: GEOS repairs it into two triangles inside the desa") {
        // The ring crosses itself at (1000, 500); MakeValid keeps both lobes, 0.5 km² each.
        outline.geometry = utm().ll(Geometry::polygon({{0, 0}, {2000, 1000}, {2000, 0}, {0, 1000}, {0, 0}}));
        outside = 0;
        uncovered = 1;
        repaired = true;
    }
    p.kabupaten.push_back(outline);
    const AnalysisResult r = CoverageEngine(p).run(p);
    CHECK(r.quality.outline_not_in_desa_km2 == Approx(outside).margin(1e-12));
    CHECK(r.quality.desa_not_in_outline_km2 == Approx(uncovered).margin(1e-12));
    CHECK(r.quality.geometries_repaired == (repaired ? 1u : 0u));
    const FlaggedFeature* f = flag_of(r, outline.id);
    CHECK((f != nullptr) == repaired);
    if (f) CHECK(f->problem.find("invalid geometry repaired") != std::string::npos);
}
