#include <catch2/catch.hpp>

#include <filesystem>

#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/io/export.h"
#include "geo/io/project_file.h"
#include "io_test_util.h"

using namespace pc;
using pc::test::TempDir;

namespace {

AnalysisResult sample_metrics(const Project& p) {
    AnalysisResult r;
    r.provenance.tool = "PetaCerdas test";
    r.provenance.computed_at = "2026-11-23T09:00:00Z";
    r.provenance.analysis_crs = "EPSG:32749";
    r.provenance.population_method = PopulationMethod::GridRescaled;
    r.provenance.parameters = "quadrant_segments=8";
    r.provenance.inputs_sha256 = std::string(64, 'a');
    ServiceCoverage s;
    s.service = "puskesmas";
    s.label = "Puskesmas";
    s.features_used = 1;
    s.service_area = p.zones[0].geometry;
    for (auto& d : p.desa) {
        UnitMetrics m;
        m.layer = "desa";
        m.code = d.code;
        m.name = d.name;
        m.parent_code = d.parent_code;
        m.area_km2 = 30;
        m.covered_km2 = 10;
        m.population = 100;
        m.covered_population = 40;
        m.uncovered_population = 60;
        m.gap = d.geometry;
        s.desa.push_back(m);
    }
    s.gap_ranking = {3, 2, 1, 0};
    s.district.layer = "kabupaten";
    s.district.code = "35.99";
    s.district.gap = p.kabupaten[0].geometry;
    r.services.push_back(s);
    r.quality.geometries_repaired = 2;
    r.quality.flagged.push_back({"facilities", p.facilities[0].id, "Fasilitas 0", "outside the district"});
    r.initiatives.count = 3;
    r.initiatives.by_pillar.push_back({"governance", 1, 5});
    r.initiatives.by_zone.push_back({"KPPN_UJI", "Zona Uji", 1, 10, 2, 20});
    return r;
}

std::vector<std::string> layer_names(const std::string& path) {
    auto ds = open_vector(path);
    std::vector<std::string> out;
    for (auto* l : ds->GetLayers()) out.push_back(l->GetName());
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_CASE("project save then load gives the identical project", "[io][project]") {
    TempDir dir;
    Project p = test::sample_project();
    const auto path = dir / "uji.gpkg";
    save_project(p, path);
    Project q = load_project(path);
    CHECK(q.settings == p.settings);
    CHECK(q.kabupaten == p.kabupaten);
    CHECK(q.kecamatan == p.kecamatan);
    CHECK(q.desa == p.desa);
    CHECK(q.facilities == p.facilities);
    CHECK(q.zones == p.zones);
    CHECK(q.initiatives == p.initiatives);
    CHECK(q.population_grid == p.population_grid);
    CHECK(q == p);

    // Saving again over the file works and still loads the same.
    p.desa[0].name = "Desa Baru";
    save_project(p, path);
    CHECK(load_project(path) == p);

    // A project without a population grid stays without one.
    p.population_grid.reset();
    save_project(p, path);
    CHECK(load_project(path) == p);
}

TEST_CASE("project file layers, types and metrics tables are what QGIS expects", "[io][project]") {
    TempDir dir;
    Project p = test::sample_project();
    auto metrics = sample_metrics(p);
    const auto path = dir / "uji.gpkg";
    save_project(p, path, &metrics);
    auto names = layer_names(path);
    for (auto* l : {"kabupaten", "kecamatan", "desa", "facilities", "initiatives", "zones", "population_grid", "settings",
                    "facility_types", "opd", "metrics_desa", "metrics_kecamatan", "metrics_district", "metrics_zone",
                    "service_area_puskesmas", "data_quality", "initiative_stats", "provenance"})
        CHECK(has(names, l));
    auto ds = open_vector(path);
    auto* desa = ds->GetLayerByName("desa");
    CHECK(wkbFlatten(desa->GetGeomType()) == wkbMultiPolygon);
    CHECK(desa->GetSpatialRef()->GetEPSGGeogCS() == 4326);
    CHECK(desa->GetLayerDefn()->GetFieldIndex("uuid") >= 0);
    CHECK(desa->GetLayerDefn()->GetFieldDefn(desa->GetLayerDefn()->GetFieldIndex("n_cells"))->GetType() == OFTInteger64);
    auto* ini = ds->GetLayerByName("initiatives");
    auto* idef = ini->GetLayerDefn();
    CHECK(idef->GetFieldDefn(idef->GetFieldIndex("budget_rp"))->GetType() == OFTInteger64);
    CHECK(idef->GetFieldDefn(idef->GetFieldIndex("start_year"))->GetType() == OFTInteger);
    CHECK(ds->GetLayerByName("settings")->GetGeomType() == wkbNone);
    CHECK(ds->GetLayerByName("metrics_desa")->GetFeatureCount() == 4);
    auto* prov = ds->GetLayerByName("provenance");
    OGRFeatureUniquePtr f(prov->GetNextFeature());
    REQUIRE(f);
    CHECK(std::string(f->GetFieldAsString("population_method")) == "grid_rescaled");
    CHECK(std::string(f->GetFieldAsString("inputs_sha256")) == std::string(64, 'a'));
    auto* ft = ds->GetLayerByName("facility_types");
    OGRFeatureUniquePtr t(ft->GetNextFeature());
    REQUIRE(t);
    CHECK(std::string(t->GetFieldAsString("colour")).size() == 9);
    // Metrics are derived: the project reads back unchanged.
    CHECK(load_project(path) == p);
}

TEST_CASE("a save that fails mid-way leaves the previous file byte for byte", "[io][project]") {
    TempDir dir;
    Project p = test::sample_project();
    const auto path = dir / "uji.gpkg";
    save_project(p, path);
    const auto before = test::read_bytes(path);
    REQUIRE(!before.empty());

    // The desa layer (written after kabupaten and kecamatan) gets a column that clashes with "uuid".
    Project bad = p;
    bad.desa[1].extra.push_back({"UUID", std::string("x")});
    CHECK_THROWS_AS(save_project(bad, path), InputError);
    CHECK(test::read_bytes(path) == before);
    std::size_t files = 0;
    for (auto& e : std::filesystem::directory_iterator(dir.path)) {
        ++files;
        INFO(e.path());
        CHECK(e.path().filename() == "uji.gpkg");
    }
    CHECK(files == 1);
    CHECK(load_project(path) == p);

    // A folder that does not exist: nothing written, nothing thrown away.
    CHECK_THROWS(save_project(p, dir / "missing/uji.gpkg"));
}

TEST_CASE("loading something that is not a project names the problem", "[io][project]") {
    TempDir dir;
    CHECK_THROWS_AS(load_project(dir / "nope.gpkg"), InputError);
    test::write_text(dir / "x.geojson", R"({"type":"FeatureCollection","features":[]})");
    try {
        load_project(dir / "x.geojson");
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("x.geojson") != std::string::npos);
    }
}

TEST_CASE("every export format writes the project and its metrics", "[io][export]") {
    TempDir dir;
    Project p = test::sample_project();
    auto metrics = sample_metrics(p);
    for (auto f : {ExportFormat::GeoPackage, ExportFormat::GeoJSON, ExportFormat::Shapefile, ExportFormat::KML, ExportFormat::CSV}) {
        INFO(to_key(f));
        auto out = dir / (std::string("out_") + to_key(f) + (f == ExportFormat::GeoPackage ? ".gpkg" : ""));
        auto rep = export_project(p, &metrics, out, f);
        CHECK(!rep.files.empty());
        for (auto& file : rep.files) CHECK(std::filesystem::exists(file));
        // Exporting again over the same place works.
        CHECK_NOTHROW(export_project(p, &metrics, out, f));
        CHECK(parse_export_format(to_key(f)) == f);
    }
    CHECK(std::filesystem::exists(dir / "out_geojson/metrics_desa.geojson"));
    CHECK(std::filesystem::exists(dir / "out_shp/metrics_desa.shp"));
    CHECK(std::filesystem::exists(dir / "out_shp/service_area_puskesmas.shp"));
    CHECK(std::filesystem::exists(dir / "out_csv/provenance.csv"));
    CHECK(std::filesystem::exists(dir / "out_kml/metrics_desa.kml"));
}
