// Real-data tests on ../shared/data: the four seed districts are imported with the importer, analysed
// by the engine, and every figure is checked against the same definitions computed independently in
// SpatiaLite SQL through GDAL (spatialite_reference.h), directly on the shared GeoPackages.
//
// Tolerances: areas 1e-6 relative (plus 1 m² absolute for desa that are barely covered). Both sides
// run the same PROJ pipeline and GEOS 3.11 buffers with 8 quadrant segments; they only differ in the
// order the buffers are unioned, which moves noded vertices by far less than a millimetre.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "geo/analysis/engine.h"
#include "geo/crs.h"
#include "geo/geos.h"
#include "geo/io/import.h"
#include "geo/realdata/spatialite_reference.h"

using namespace pc;
namespace fs = std::filesystem;

namespace {

constexpr double kAreaRel = 1e-6;
constexpr double kAreaAbsKm2 = 1e-6;  // 1 m²
constexpr double kPopRel = 1e-6;
constexpr double kPopAbs = 1e-3;      // persons

std::string shared_file(const char* name) {
    fs::path dir = PC_SHARED_DATA;
    if (!fs::is_directory(dir)) return "";
    return (dir / name).string();
}

#define PC_REQUIRE_SHARED(path_var, file)                               \
    const std::string path_var = shared_file(file);                     \
    if (path_var.empty()) {                                             \
        WARN("../shared/data absent: real-data tests skipped");         \
        SUCCEED();                                                      \
        return;                                                         \
    }

ImportReport import_admin(Project& p, const std::string& path, ImportTarget target, const char* layer,
                          const char* parent_field) {
    ImportOptions o;
    o.target = target;
    o.layer = layer;
    o.mapping.code = "kode";
    o.mapping.name = "nama";
    o.mapping.parent_code = parent_field;
    o.mapping.population = "pop_est_sp2020";
    return import_layer(p, path, o);
}

ImportReport import_bts(Project& p, const std::string& path) {
    ImportOptions o;
    o.target = ImportTarget::Facilities;
    o.layer = "bts_opencellid";
    o.facility_type = "bts";
    o.mapping.name = "cell";
    o.mapping.radius = "range_m";
    return import_layer(p, path, o);
}

// Desa (pop_est_sp2020) and dissolved kecamatan of one district file.
Project district_project(const std::string& path) {
    Project p;
    p.settings.facility_types = default_facility_types();
    import_admin(p, path, ImportTarget::Desa, "desa", "kode_kec");
    import_admin(p, path, ImportTarget::Kecamatan, "kecamatan", "kode_kab");
    return p;
}

AnalysisOptions area_weighted() {
    AnalysisOptions o;
    o.use_population_grid = false;
    o.keep_gap_geometry = false;
    return o;
}

GDALDatasetUniquePtr open_reference(const std::string& path) {
    gdal_init();
    return open_vector(path);
}

std::map<std::string, const UnitMetrics*> by_code(const std::vector<UnitMetrics>& units) {
    std::map<std::string, const UnitMetrics*> m;
    for (const auto& u : units) m[u.code] = &u;
    return m;
}

void check_area(double ours, double ref) {
    CHECK(ours == Approx(ref).epsilon(kAreaRel).margin(kAreaAbsKm2));
}
void check_pop(double ours, double ref) {
    CHECK(ours == Approx(ref).epsilon(kPopRel).margin(kPopAbs));
}

// Per desa, per kecamatan and district figures of one service against the SQL reference.
void check_service(const ServiceCoverage& sc, const reference::RefCoverage& ref) {
    INFO("service " << sc.service);
    CHECK(sc.features_used == static_cast<std::size_t>(ref.facilities_counted));
    CHECK(sc.features_outside == static_cast<std::size_t>(ref.facilities_total - ref.facilities_inside));
    CHECK(sc.features_across_border == static_cast<std::size_t>(ref.facilities_counted - ref.facilities_inside));

    REQUIRE(sc.desa.size() == ref.desa.size());
    auto desa = by_code(sc.desa);
    for (const auto& r : ref.desa) {
        INFO("desa " << r.code);
        auto it = desa.find(r.code);
        REQUIRE(it != desa.end());
        const UnitMetrics& u = *it->second;
        check_area(u.area_km2, r.area_km2);
        check_area(u.covered_km2, r.covered_km2);
        check_pop(u.population, r.population);
        check_pop(u.covered_population, r.covered_population);
        check_pop(u.uncovered_population, r.population - r.covered_population);
    }

    REQUIRE(sc.kecamatan.size() == ref.kecamatan.size());
    auto kec = by_code(sc.kecamatan);
    for (const auto& r : ref.kecamatan) {
        INFO("kecamatan " << r.code);
        auto it = kec.find(r.code);
        REQUIRE(it != kec.end());
        const UnitMetrics& k = *it->second;
        check_area(k.area_km2, r.area_km2);
        check_area(k.covered_km2, r.covered_km2);
        check_pop(k.population, r.population);
        check_pop(k.covered_population, r.covered_population);
    }

    double pop = 0, covered_pop = 0;
    for (const auto& r : ref.desa) {
        pop += r.population;
        covered_pop += r.covered_population;
    }
    INFO("district");
    check_area(sc.district.area_km2, ref.district_area_km2);
    check_area(sc.district.covered_km2, ref.district_covered_km2);
    check_pop(sc.district.population, pop);
    check_pop(sc.district.covered_population, covered_pop);
}

const ServiceCoverage& require_service(const AnalysisResult& r, const std::string& key) {
    const ServiceCoverage* sc = r.service(key);
    INFO("service " << key);
    REQUIRE(sc != nullptr);
    return *sc;
}

}  // namespace

TEST_CASE("real data: Kabupaten Pasuruan BTS coverage equals SpatiaLite SQL", "[realdata]") {
    PC_REQUIRE_SHARED(path, "kab_pasuruan_3514.gpkg");
    Project p = district_project(path);
    import_bts(p, path);
    REQUIRE(p.desa.size() == 365);
    REQUIRE(p.kecamatan.size() == 24);
    REQUIRE(p.facilities.size() == 116);

    CoverageEngine engine(p, area_weighted());
    CHECK(engine.analysis_crs() == "EPSG:32749");
    CHECK(engine.population_method() == PopulationMethod::AreaWeighted);
    AnalysisResult result = engine.run(p);

    auto ds = open_reference(path);
    auto ref = reference::sql_coverage(*ds, 32749, "SELECT fid, geom, range_m AS r FROM bts_opencellid",
                                       "pop_est_sp2020");
    CHECK(ref.facilities_total == 116);
    CHECK(ref.facilities_total - ref.facilities_inside == 5);  // cells off the coast / in desa gaps
    check_service(require_service(result, "bts"), ref);
}

TEST_CASE("real data: Kabupaten Pasuruan desa overlaps match SQL and the data README", "[realdata]") {
    PC_REQUIRE_SHARED(path, "kab_pasuruan_3514.gpkg");
    Project p = district_project(path);
    CoverageEngine engine(p, area_weighted());
    const DataQuality& q = engine.quality();

    auto ds = open_reference(path);
    auto ref = reference::sql_desa_overlap(*ds, 32749);
    // The README's measured figures (EPSG:6933 there, UTM 49S here: area scale differs by < 0.1 %).
    CHECK(ref.pairs_over_100m2 == 547);
    CHECK(ref.pairs_over_100m2_km2 == Approx(0.53).margin(0.005));
    CHECK(ref.sum_minus_union_km2 == Approx(0.53).margin(0.01));

    CHECK(q.desa_overlap_pairs == static_cast<std::size_t>(ref.pairs_over_100m2));
    // A difference of two ~1,493 km² sums: 1e-9 relative noding noise on each is ~1.5e-6 km².
    CHECK(q.desa_overlap_km2 == Approx(ref.sum_minus_union_km2).margin(1e-5));
    CHECK(q.geometries_repaired == 0);  // README: none of the seed districts' desa needed repair

    // Gaps: the holes of the union of all desa. The README's "829 rings, 0.33 km², largest 0.52 ha" are
    // the slivers inside each kecamatan's dissolve (kecamatan.n_slivers_removed); the district-wide
    // union also has the gaps along kecamatan borders, so it has more.
    auto holes = reference::sql_union_holes(*ds, 32749);
    long long kec_slivers = 0;
    reference::sql_rows(*ds, "SELECT SUM(n_slivers_removed) AS n FROM kecamatan",
                        [&](const OGRFeature& f) { kec_slivers = static_cast<long long>(reference::real(f, "n")); });
    CHECK(kec_slivers == 829);
    CHECK(holes.rings >= kec_slivers);
    CHECK(holes.km2 > 0.33);
    CHECK(holes.km2 < 1.0);
    // The engine reports the uncovered area inside the district: the holes less the desa that sit in
    // them (one here: 86 m² inside a hole, touching its ring).
    CHECK(holes.uncovered_km2 <= holes.km2);
    CHECK(holes.uncovered_km2 > holes.km2 - 0.001);
    CHECK(q.desa_gap_km2 == Approx(holes.uncovered_km2).margin(1e-5));
}

TEST_CASE("real data: Kabupaten Pasuruan what-if of a new tower equals the SQL of the edited set", "[realdata]") {
    PC_REQUIRE_SHARED(path, "kab_pasuruan_3514.gpkg");
    Project p = district_project(path);
    import_bts(p, path);
    CoverageEngine engine(p, area_weighted());
    AnalysisResult before = engine.run(p);
    const ServiceCoverage& sb = require_service(before, "bts");

    auto ds = open_reference(path);
    // A tower of 2,500 m at the point on surface of Wonokitri (Tosari, the Bromo gate; no cell there).
    const char* new_points_sql =
        "SELECT ST_X(ST_PointOnSurface(geom)) AS x, ST_Y(ST_PointOnSurface(geom)) AS y, kode FROM desa "
        "WHERE kode IN ('35.14.24.2005') ORDER BY kode";
    double x = 0, y = 0;
    reference::sql_rows(*ds, new_points_sql, [&](const OGRFeature& f) {
        x = reference::real(f, "x");
        y = reference::real(f, "y");
    });
    REQUIRE(x != 0);

    ServiceFeature added{"bts", new_uuid(), Geometry::point(x, y), 2500};
    WhatIfResult w = engine.what_if(FeatureChange{std::nullopt, added});
    CHECK(w.service == "bts");
    CHECK(w.desa_touched > 0);
    CHECK(w.desa_touched < 40);  // a 2.5 km buffer meets a handful of desa, not the district

    std::string edited_sql =
        "SELECT fid, geom, range_m AS r FROM bts_opencellid UNION ALL "
        "SELECT -1 AS fid, ST_PointOnSurface(geom) AS geom, 2500.0 AS r FROM desa WHERE kode = '35.14.24.2005'";
    auto ref_after = reference::sql_coverage(*ds, 32749, edited_sql, "pop_est_sp2020");

    check_area(sb.district.covered_km2 + w.district.covered_km2_delta, ref_after.district_covered_km2);
    auto desa_before = by_code(sb.desa);
    std::map<std::string, const UnitDelta*> deltas;
    for (const auto& d : w.desa) deltas[d.code] = &d;
    for (const auto& r : ref_after.desa) {
        INFO("desa " << r.code);
        const UnitMetrics& u = *desa_before.at(r.code);
        double dk = deltas.count(r.code) ? deltas[r.code]->covered_km2_delta : 0.0;
        double dp = deltas.count(r.code) ? deltas[r.code]->covered_population_delta : 0.0;
        check_area(u.covered_km2 + dk, r.covered_km2);
        check_pop(u.covered_population + dp, r.covered_population);
    }

    // apply() then run() gives the edited figures too.
    engine.apply(FeatureChange{std::nullopt, added});
    Facility f;
    f.id = added.id;
    f.type = "bts";
    f.radius_m = 2500;
    f.geometry = added.geometry;
    p.facilities.push_back(f);
    AnalysisResult after = engine.run(p);
    const ServiceCoverage& sa = require_service(after, "bts");
    check_area(sa.district.covered_km2, ref_after.district_covered_km2);
    CHECK(sa.features_used == static_cast<std::size_t>(ref_after.facilities_counted));
}

TEST_CASE("real data: Kota Pasuruan BTS coverage, area-weighted and population grid, equals SQL", "[realdata]") {
    PC_REQUIRE_SHARED(path, "kota_pasuruan_3575.gpkg");
    Project p = district_project(path);
    import_bts(p, path);
    REQUIRE(p.desa.size() == 34);
    REQUIRE(p.facilities.size() == 10);

    auto ds = open_reference(path);
    const std::string bts_sql = "SELECT fid, geom, range_m AS r FROM bts_opencellid";
    auto ref = reference::sql_coverage(*ds, 32749, bts_sql, "pop_est_sp2020");
    CHECK(ref.facilities_total - ref.facilities_inside == 3);

    SECTION("area-weighted") {
        CoverageEngine engine(p, area_weighted());
        check_service(require_service(engine.run(p), "bts"), ref);
        auto ov = reference::sql_desa_overlap(*ds, 32749);
        CHECK(ov.pairs_over_100m2 == 43);  // README
        CHECK(engine.quality().desa_overlap_pairs == static_cast<std::size_t>(ov.pairs_over_100m2));
        CHECK(engine.quality().desa_overlap_km2 == Approx(ov.sum_minus_union_km2).margin(1e-6));
        CHECK(engine.quality().desa_gap_km2 == Approx(reference::sql_union_holes(*ds, 32749).km2).margin(1e-6));
    }
    SECTION("population grid rescaled to the desa totals") {
        ImportOptions o;
        o.target = ImportTarget::PopulationGrid;
        o.layer = "popgrid_ghs";
        o.mapping.population = "pop";
        import_layer(p, path, o);
        REQUIRE(p.population_grid);
        REQUIRE(p.population_grid->cells.size() == 60);

        AnalysisOptions opt;
        opt.use_population_grid = true;
        opt.keep_gap_geometry = false;
        CoverageEngine engine(p, opt);
        CHECK(engine.population_method() == PopulationMethod::GridRescaled);
        AnalysisResult r = engine.run(p);
        CHECK(r.provenance.population_method == PopulationMethod::GridRescaled);
        const ServiceCoverage& sc = require_service(r, "bts");

        auto grid = reference::sql_grid_covered_population(*ds, 32749, bts_sql, "pop_est_sp2020");
        REQUIRE(grid.size() == ref.desa.size());  // every kelurahan meets a cell with people
        auto desa = by_code(sc.desa);
        double total = 0;
        for (const auto& rd : ref.desa) {
            INFO("desa " << rd.code);
            const UnitMetrics& u = *desa.at(rd.code);
            check_area(u.covered_km2, rd.covered_km2);  // areas do not depend on the method
            check_pop(u.population, rd.population);
            check_pop(u.covered_population, grid.at(rd.code));
            total += grid.at(rd.code);
        }
        check_pop(sc.district.covered_population, total);
        // The grid moves people: it must not coincide with the area-weighted figure everywhere.
        double aw = 0;
        for (const auto& rd : ref.desa) aw += rd.covered_population;
        CHECK(std::abs(total - aw) > 1.0);
    }
}

TEST_CASE("real data: Pamekasan towers and puskesmas equal SQL, bad coordinates are flagged", "[realdata]") {
    PC_REQUIRE_SHARED(path, "kab_pamekasan_3528.gpkg");
    Project p = district_project(path);
    import_bts(p, path);
    p.settings.facility_types.push_back({"klinik", "Klinik", 2000, 0x2e86abff});
    p.settings.facility_types.push_back({"apotek", "Apotek", 1000, 0x44af69ff});
    ImportOptions o;
    o.target = ImportTarget::Facilities;
    o.layer = "faskes";
    o.mapping.name = "nama";
    o.mapping.type = "jenis";  // puskesmas take the type's default radius, 3,000 m
    o.replace = false;         // keep the towers
    ImportReport rep = import_layer(p, path, o);
    CHECK(rep.read == 106);
    CHECK(rep.imported == 104);  // two records have no coordinates
    REQUIRE(p.desa.size() == 189);
    REQUIRE(p.facility_type("puskesmas")->default_radius_m == 3000);

    CoverageEngine engine(p, area_weighted());
    CHECK(engine.analysis_crs() == "EPSG:32749");
    AnalysisResult r = engine.run(p);

    auto ds = open_reference(path);
    auto ref_bts = reference::sql_coverage(*ds, 32749, "SELECT fid, geom, range_m AS r FROM bts_opencellid",
                                           "pop_est_sp2020");
    check_service(require_service(r, "bts"), ref_bts);
    auto ref_pkm = reference::sql_coverage(
        *ds, 32749, "SELECT fid, geom, 3000.0 AS r FROM faskes WHERE jenis = 'puskesmas'", "pop_est_sp2020");
    CHECK(ref_pkm.facilities_total == 21);
    check_service(require_service(r, "puskesmas"), ref_pkm);

    // Which faskes lie outside the union of desa, by SQL; the README lists 3 outside_district and
    // 1 lat_sign_error.
    auto ref_all = reference::sql_coverage(*ds, 32749, "SELECT fid, geom, 0.0 AS r FROM faskes", "pop_est_sp2020");
    std::set<std::string> outside_names;
    for (long long fid : ref_all.outside_fids)
        reference::sql_rows(*ds, "SELECT nama, coord_status FROM faskes WHERE fid = " + std::to_string(fid),
                            [&](const OGRFeature& f) {
                                outside_names.insert(reference::text(f, "nama"));
                                CHECK(reference::text(f, "coord_status") != "ok");
                            });
    CHECK(outside_names.size() == 4);
    CHECK(r.quality.facilities_outside == outside_names.size() + (ref_bts.facilities_total - ref_bts.facilities_inside));
    std::set<std::string> flagged;
    for (const auto& f : r.quality.flagged)
        if (f.layer == "facilities") flagged.insert(f.code_or_name);
    for (const auto& n : outside_names) {
        INFO("faskes " << n);
        CHECK(flagged.count(n) == 1);
    }

    auto ov = reference::sql_desa_overlap(*ds, 32749);
    CHECK(ov.pairs_over_100m2 == 318);  // README
    CHECK(r.quality.desa_overlap_pairs == static_cast<std::size_t>(ov.pairs_over_100m2));
    CHECK(r.quality.desa_overlap_km2 == Approx(ov.sum_minus_union_km2).margin(1e-5));
    CHECK(r.quality.desa_gap_km2 == Approx(reference::sql_union_holes(*ds, 32749).km2).margin(1e-5));
}

TEST_CASE("real data: Padang Pariaman (UTM 47S) nagari service equals SQL", "[realdata]") {
    PC_REQUIRE_SHARED(path, "kab_padang_pariaman_1305.gpkg");
    Project p = district_project(path);
    REQUIRE(p.desa.size() == 103);
    REQUIRE(p.kecamatan.size() == 17);

    // No facility data exists for Padang Pariaman: a puskesmas of 2,500 m at the centroid of the six
    // most populous nagari (the same SQL expression gives the points to both sides).
    const std::string pick = "FROM desa ORDER BY pop_est_sp2020 DESC, kode LIMIT 6";
    auto ds = open_reference(path);
    reference::sql_rows(*ds, "SELECT nama, ST_X(ST_Centroid(geom)) AS x, ST_Y(ST_Centroid(geom)) AS y " + pick,
                        [&](const OGRFeature& f) {
                            Facility fac;
                            fac.id = new_uuid();
                            fac.type = "puskesmas";
                            fac.name = "Puskesmas " + reference::text(f, "nama");
                            fac.radius_m = 2500;
                            fac.geometry = Geometry::point(reference::real(f, "x"), reference::real(f, "y"));
                            p.facilities.push_back(fac);
                        });
    REQUIRE(p.facilities.size() == 6);

    CoverageEngine engine(p, area_weighted());
    CHECK(engine.analysis_crs() == "EPSG:32747");
    AnalysisResult r = engine.run(p);
    auto ref = reference::sql_coverage(
        *ds, 32747, "SELECT fid, ST_Centroid(geom) AS geom, 2500.0 AS r " + pick, "pop_est_sp2020");
    CHECK(ref.facilities_inside == 6);
    check_service(require_service(r, "puskesmas"), ref);

    auto ov = reference::sql_desa_overlap(*ds, 32747);
    CHECK(ov.pairs_over_100m2 == 130);  // README
    CHECK(r.quality.desa_overlap_pairs == static_cast<std::size_t>(ov.pairs_over_100m2));
    CHECK(r.quality.desa_overlap_km2 == Approx(ov.sum_minus_union_km2).margin(1e-5));
    CHECK(r.quality.desa_gap_km2 == Approx(reference::sql_union_holes(*ds, 32747).km2).margin(1e-5));
    // The district's population is the SP2020 census total the desa were scaled to.
    CHECK(require_service(r, "puskesmas").district.population == Approx(430626).margin(2));
}

namespace {

// Every gap and the service area: valid, and holding exactly the uncovered area.
void check_gap_geometry(const ServiceCoverage& sc) {
    GeosContext c;
    CrsTransform to_utm("EPSG:4326", "EPSG:32749");
    auto check = [&](const UnitMetrics& u) {
        INFO(u.layer << " " << u.code);
        auto g = c.from(to_utm.apply(u.gap));
        CHECK(c.is_valid(g.get()));
        const double gap_km2 = c.area(g.get()) / 1e6;
        CHECK(gap_km2 == Approx(u.area_km2 - u.covered_km2).epsilon(1e-9).margin(1e-9));
    };
    for (auto& u : sc.desa) check(u);
    for (auto& u : sc.kecamatan) check(u);
    check(sc.district);
    auto sa = c.from(to_utm.apply(sc.service_area));
    CHECK(c.is_valid(sa.get()));
    CHECK(c.area(sa.get()) / 1e6 == Approx(sc.district.covered_km2).epsilon(1e-9));
}

}  // namespace

TEST_CASE("real data: Kota Pasuruan towers at 2 km, across the border too, equal SQL with all towers", "[realdata][border]") {
    PC_REQUIRE_SHARED(path, "kota_pasuruan_3575.gpkg");
    Project p = district_project(path);
    import_bts(p, path);
    for (auto& f : p.facilities) f.radius_m = 2000.0;
    auto ds = open_reference(path);
    const std::string towers = "SELECT fid, geom, 2000.0 AS r FROM bts_opencellid";
    AnalysisOptions o = area_weighted();
    o.keep_gap_geometry = true;

    SECTION("every tower whose 2 km reach meets the kota counts") {
        auto ref = reference::sql_coverage(*ds, 32749, towers, "pop_est_sp2020");
        CHECK(ref.facilities_total == 10);
        CHECK(ref.facilities_total - ref.facilities_inside == 3);  // just outside the kota
        CHECK(ref.facilities_counted == 10);                      // and all three reach it
        CoverageEngine engine(p, o);
        AnalysisResult r = engine.run(p);
        const ServiceCoverage& sc = require_service(r, "bts");
        check_service(sc, ref);
        CHECK(r.quality.facilities_across_border == 3);
        check_gap_geometry(sc);
    }
    SECTION("counting only the kota's own towers equals SQL with those") {
        auto ref = reference::sql_coverage(*ds, 32749, towers, "pop_est_sp2020", true);
        CHECK(ref.facilities_counted == 7);
        o.inside_only = true;
        CoverageEngine engine(p, o);
        AnalysisResult r = engine.run(p);
        const ServiceCoverage& sc = require_service(r, "bts");
        check_service(sc, ref);
        // The issue measured the inside-only count 9.9 % short of all towers (55,150 against 61,223
        // people with another population field); the share is the same here.
        CoverageEngine all(p, area_weighted());
        const double everyone = require_service(all.run(p), "bts").district.covered_population;
        CHECK(1 - sc.district.covered_population / everyone == Approx(1 - 55150.0 / 61223.0).margin(0.002));
    }
}

TEST_CASE("real data: Kabupaten Pasuruan gap geometry is valid and holds the uncovered area", "[realdata]") {
    PC_REQUIRE_SHARED(path, "kab_pasuruan_3514.gpkg");
    Project p = district_project(path);
    import_bts(p, path);
    AnalysisOptions o = area_weighted();
    o.keep_gap_geometry = true;
    CoverageEngine engine(p, o);
    AnalysisResult r = engine.run(p);
    for (auto& f : r.quality.flagged) CHECK(f.problem.find("GEOS overlay") == std::string::npos);
    check_gap_geometry(require_service(r, "bts"));
}
