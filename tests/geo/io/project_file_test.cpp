#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "geo/demo/demo.h"
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

namespace {

struct LayerFacts {
    OGRwkbGeometryType type = wkbNone;
    long long count = -1;
    std::vector<long long> fids;
    std::vector<std::string> names;
};

LayerFacts facts(const std::string& path, const char* layer) {
    auto ds = open_vector(path);
    LayerFacts out;
    OGRLayer* l = ds->GetLayerByName(layer);
    if (!l) return out;
    out.type = l->GetGeomType();
    out.count = l->GetFeatureCount();
    for (auto& f : *l) {
        out.fids.push_back(f->GetFID());
        out.names.push_back(f->GetFieldAsString("name"));
    }
    return out;
}

Initiative initiative(const std::string& name, Geometry g) {
    Initiative i;
    i.id = new_uuid();
    i.name = name;
    i.pillar = Pillar::Living;
    i.start_year = 2026;
    i.end_year = 2027;
    i.geometry = std::move(g);
    return i;
}

}  // namespace

TEST_CASE("mixed-geometry layers: one GeoPackage layer per kind, each with its declared type, merged back in order",
          "[io][project][kinds]") {
    TempDir dir;
    Project p = test::sample_project();
    // Interleaved kinds (order must survive), a multipoint, a multipolygon and one without geometry.
    const double x = 113.45, y = -7.1;
    p.initiatives = {initiative("P1", Geometry::point(x, y)),
                     initiative("L1", Geometry::line({{x, y}, {x + 0.01, y + 0.01}})),
                     initiative("A1", Geometry::rectangle(x, y, x + 0.01, y + 0.01)),
                     initiative("P2", Geometry::point(x + 0.02, y)),
                     initiative("E1", Geometry{}),
                     initiative("L2", Geometry::line({{x, y + 0.02}, {x + 0.01, y + 0.03}, {x + 0.02, y + 0.02}})),
                     initiative("A2", Geometry::rectangle(x + 0.03, y, x + 0.04, y + 0.01))};
    p.initiatives[3].geometry.points.push_back({x + 0.025, y + 0.001});  // a multipoint
    p.initiatives[6].geometry.polygons.push_back(Geometry::rectangle(x + 0.05, y, x + 0.06, y + 0.01).polygons[0]);
    const auto path = dir / "kinds.gpkg";
    save_project(p, path);

    auto pts = facts(path, "initiatives"), lines = facts(path, "initiatives_line"), polys = facts(path, "initiatives_polygon");
    CHECK(pts.type == wkbMultiPoint);  // one feature has several points
    CHECK(lines.type == wkbMultiLineString);
    CHECK(polys.type == wkbMultiPolygon);
    // FIDs number the model's rows across the three layers (1-based).
    CHECK(pts.fids == std::vector<long long>{1, 4, 5});
    CHECK(pts.names == std::vector<std::string>{"P1", "P2", "E1"});
    CHECK(lines.fids == std::vector<long long>{2, 6});
    CHECK(polys.fids == std::vector<long long>{3, 7});
    // The sample facilities: 3 points, a line, a polygon.
    CHECK(facts(path, "facilities").type == wkbPoint);
    CHECK(facts(path, "facilities").count == 3);
    CHECK(facts(path, "facilities_line").count == 1);
    CHECK(facts(path, "facilities_polygon").count == 1);

    Project q = load_project(path);
    CHECK(q.initiatives == p.initiatives);
    CHECK(q.facilities == p.facilities);
    CHECK(q == p);

    // Only the kinds present get a layer; the point layer is always there (empty if need be).
    Project only_lines = p;
    only_lines.initiatives = {p.initiatives[1], p.initiatives[5]};
    only_lines.facilities.clear();
    save_project(only_lines, path);
    CHECK(facts(path, "initiatives").count == 0);
    CHECK(facts(path, "initiatives").type == wkbPoint);
    CHECK(facts(path, "initiatives_line").count == 2);
    CHECK(facts(path, "initiatives_polygon").count == -1);  // no such layer
    CHECK(facts(path, "facilities_line").count == -1);
    CHECK(load_project(path) == only_lines);
}

TEST_CASE("a project edited in another GIS (new line feature, FID shared with a point) loads with the edits",
          "[io][project][kinds]") {
    TempDir dir;
    Project p = test::sample_project();
    const auto path = dir / "edited.gpkg";
    save_project(p, path);
    {
        // As QGIS does: add a feature to initiatives_line (the layer numbers it after its own FIDs),
        // change an attribute of the polygon initiative.
        gdal_init();  // the save no longer does (the project file is written without GDAL)
        GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        REQUIRE(ds);
        OGRLayer* l = ds->GetLayerByName("initiatives_line");
        REQUIRE(l);
        OGRFeatureUniquePtr f(OGRFeature::CreateFeature(l->GetLayerDefn()));
        f->SetField("uuid", "0b9f6f5e-3c1a-4d2b-9e8f-123456789abc");
        f->SetField("name", "Jalur sepeda");
        f->SetField("pillar", "environment");
        f->SetField("element", "infrastruktur");
        f->SetField("status", "usulan");
        f->SetField("budget_rp", GIntBig(2'500'000'000LL));
        OGRMultiLineString ml;
        OGRLineString ls;
        ls.addPoint(113.43, -7.11);
        ls.addPoint(113.44, -7.10);
        ml.addGeometry(&ls);
        f->SetGeometry(&ml);
        REQUIRE(l->CreateFeature(f.get()) == OGRERR_NONE);
        OGRLayer* a = ds->GetLayerByName("initiatives_polygon");
        OGRFeatureUniquePtr g(a->GetNextFeature());
        REQUIRE(g);
        g->SetField("opd", "Bappeda");
        REQUIRE(a->SetFeature(g.get()) == OGRERR_NONE);
    }
    Project q = load_project(path);
    REQUIRE(q.initiatives.size() == p.initiatives.size() + 1);
    const auto it = std::find_if(q.initiatives.begin(), q.initiatives.end(), [](auto& i) { return i.name == "Jalur sepeda"; });
    REQUIRE(it != q.initiatives.end());
    CHECK(it->pillar == Pillar::Environment);
    CHECK(it->budget_rp == 2'500'000'000LL);
    REQUIRE(it->geometry.kind == GeometryKind::Line);
    CHECK(it->geometry.lines[0] == std::vector<Coord>{{113.43, -7.11}, {113.44, -7.10}});
    // Everything else as saved, except the edited OPD.
    Project expected = p;
    expected.initiatives[2].opd = "Bappeda";
    std::vector<Initiative> others;
    for (auto& i : q.initiatives)
        if (i.name != "Jalur sepeda") others.push_back(i);
    CHECK(others == expected.initiatives);
}

TEST_CASE("the demo project survives save then load unchanged: every feature, attribute and geometry",
          "[io][project][demo]") {
    TempDir dir;
    const Project p = make_demo_project();
    // The demo has facilities of several types with their own extras, and initiatives of every kind.
    std::set<std::size_t> extra_counts;
    for (auto& f : p.facilities) extra_counts.insert(f.extra.size());
    CHECK(extra_counts.size() > 1);
    std::set<GeometryKind> kinds;
    for (auto& i : p.initiatives) kinds.insert(i.geometry.kind);
    CHECK(kinds == std::set<GeometryKind>{GeometryKind::Point, GeometryKind::Line, GeometryKind::Polygon});

    const auto path = dir / "demo.gpkg";
    save_project(p, path);
    const Project q = load_project(path);
    // Field by field first, so that a failure says where.
    REQUIRE(q.facilities.size() == p.facilities.size());
    for (std::size_t i = 0; i < p.facilities.size(); ++i) {
        INFO(p.facilities[i].name);
        CHECK(q.facilities[i].id == p.facilities[i].id);
        CHECK(q.facilities[i].extra == p.facilities[i].extra);  // no other type's fields as NULL
        CHECK(test::same_geometry(q.facilities[i].geometry, p.facilities[i].geometry, 1e-9));
    }
    REQUIRE(q.initiatives.size() == p.initiatives.size());
    for (std::size_t i = 0; i < p.initiatives.size(); ++i) {
        INFO(p.initiatives[i].name);
        CHECK(q.initiatives[i].id == p.initiatives[i].id);
        CHECK(test::same_geometry(q.initiatives[i].geometry, p.initiatives[i].geometry, 1e-9));
    }
    // GeoPackage stores doubles as they are: the whole project compares equal.
    CHECK(q.settings == p.settings);
    CHECK(q.kabupaten == p.kabupaten);
    CHECK(q.kecamatan == p.kecamatan);
    CHECK(q.desa == p.desa);
    CHECK(q.facilities == p.facilities);
    CHECK(q.zones == p.zones);
    CHECK(q.initiatives == p.initiatives);
    CHECK(q == p);
    // And a second save of what was loaded is the same again (nothing accumulates).
    save_project(q, path);
    CHECK(load_project(path) == p);
}

TEST_CASE("explicit NULL extras stay NULL while absent extras stay absent", "[io][project]") {
    TempDir dir;
    Project p = test::sample_project();
    p.facilities[0].extra = {{"alamat", FieldValue{}}, {"kapasitas", std::int64_t(5)}};  // NULL address, kept
    p.facilities[1].extra = {{"kapasitas", std::int64_t(6)}};                            // no address at all
    p.facilities[2].extra = {{"alamat", std::string("Jl. Baru")}, {"kapasitas", FieldValue{}}, {"rawat_inap", std::int64_t(1)}};
    p.facilities[3].extra.clear();                                                         // no extras
    p.desa[2].extra.pop_back();  // without n_cells; desa[3] keeps its NULL n_cells
    const auto path = dir / "nulls.gpkg";
    save_project(p, path);
    Project q = load_project(path);
    for (std::size_t i = 0; i < p.facilities.size(); ++i) {
        INFO(i);
        CHECK(q.facilities[i].extra == p.facilities[i].extra);
    }
    CHECK(q.desa == p.desa);
    CHECK(q == p);
    // The absent ones are listed in absent_extras, the NULL ones are not.
    auto ds = open_vector(path);
    OGRLayer* a = ds->GetLayerByName("absent_extras");
    REQUIRE(a);
    std::set<std::string> rows;
    for (auto& f : *a)
        rows.insert(std::string(f->GetFieldAsString("layer")) + "/" + f->GetFieldAsString("uuid") + "/" + f->GetFieldAsString("field"));
    CHECK(rows.count("facilities/" + p.facilities[1].id + "/alamat"));
    CHECK(rows.count("facilities/" + p.facilities[3].id + "/rawat_inap"));
    CHECK_FALSE(rows.count("facilities/" + p.facilities[0].id + "/alamat"));
    CHECK(rows.count("desa/" + p.desa[2].id + "/n_cells"));
    CHECK_FALSE(rows.count("desa/" + p.desa[3].id + "/n_cells"));
    // A project whose features all have every extra writes no such table.
    save_project(test::sample_project(), path);
    CHECK_FALSE(open_vector(path)->GetLayerByName("absent_extras"));
}

TEST_CASE("a project file of the earlier layout (lines and polygons in the initiatives layer) still loads",
          "[io][project][kinds]") {
    TempDir dir;
    Project p = test::sample_project();
    p.initiatives.resize(1);  // the point only: no kind layers
    const auto path = dir / "old.gpkg";
    save_project(p, path);
    {
        // As files were written before the split: a line among the points of `initiatives`.
        CPLPushErrorHandler(CPLQuietErrorHandler);  // GDAL warns about the type outside the declared one
        gdal_init();  // the save no longer does (the project file is written without GDAL)
        GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        REQUIRE(ds);
        OGRLayer* l = ds->GetLayerByName("initiatives");
        OGRFeatureUniquePtr f(OGRFeature::CreateFeature(l->GetLayerDefn()));
        f->SetField("uuid", "1a2b3c4d-0000-4000-8000-00000000abcd");
        f->SetField("name", "Jalan lama");
        f->SetField("pillar", "living");
        f->SetField("element", "infrastruktur");
        f->SetField("status", "rencana");
        OGRLineString ls;
        ls.addPoint(113.42, -7.12);
        ls.addPoint(113.43, -7.11);
        f->SetGeometry(&ls);
        CHECK(l->CreateFeature(f.get()) == OGRERR_NONE);
        CPLPopErrorHandler();
    }
    Project q = load_project(path);
    REQUIRE(q.initiatives.size() == 2);
    CHECK(q.initiatives[0] == p.initiatives[0]);
    CHECK(q.initiatives[1].name == "Jalan lama");
    CHECK(q.initiatives[1].geometry == Geometry::line({{113.42, -7.12}, {113.43, -7.11}}));
    // Saved again, it takes the current layout.
    save_project(q, path);
    CHECK(facts(path, "initiatives_line").count == 1);
    CHECK(load_project(path) == q);
}

namespace {
// Every row of an SQL query on the file, read with SQLite itself (not the writer under test).
std::string all_rows(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    std::string out;
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); ++c) {
            const void* b = sqlite3_column_blob(st, c);
            out.append(b ? std::string(static_cast<const char*>(b), std::size_t(sqlite3_column_bytes(st, c))) : "NULL");
            out += '|';
        }
        out += '\n';
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}
}  // namespace

TEST_CASE("analyze's save in place after an edit leaves the layers a fresh save writes, R-tree and counts included",
          "[io][project]") {
    TempDir dir;
    Project p = test::sample_project();
    AnalysisResult before = sample_metrics(p);
    const std::string in_place_file = dir / "di_tempat.gpkg", fresh_file = dir / "baru.gpkg";
    save_project(p, in_place_file, &before);

    // The edit: one desa's gap changes shape, one only its numbers, one loses its gap, one row goes.
    AnalysisResult after = before;
    auto& desa = after.services[0].desa;
    desa[0].gap = p.zones[0].geometry;
    desa[1].covered_km2 = 12.5;
    desa[2].gap = Geometry{};
    desa.pop_back();
    after.services[0].gap_ranking = {2, 1, 0};
    SaveOptions metrics_only;
    metrics_only.metrics_only = true;
    save_project(p, in_place_file, &after, metrics_only);
    save_project(p, fresh_file, &after);

    auto same_layer = [&](const std::string& layer) {
        INFO(layer);
        const std::string rows = "SELECT * FROM \"" + layer + "\" ORDER BY fid";
        CHECK(all_rows(in_place_file, rows) == all_rows(fresh_file, rows));
        const std::string rtree = "SELECT * FROM \"rtree_" + layer + "_geom\" ORDER BY id";
        CHECK(all_rows(in_place_file, rtree) == all_rows(fresh_file, rtree));
        const std::string count = "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = '" + layer + "'";
        CHECK(all_rows(in_place_file, count) == all_rows(fresh_file, count));
        const std::string extent = "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = '" + layer + "'";
        CHECK(all_rows(in_place_file, extent) == all_rows(fresh_file, extent));
    };
    same_layer("metrics_desa");
    same_layer("metrics_district");
    CHECK(all_rows(in_place_file, "SELECT count(*) FROM metrics_desa") == "3|\n");
    // The R-tree holds the rows with a geometry: the emptied gap is out, the changed one has its new box.
    CHECK(all_rows(in_place_file, "SELECT count(*) FROM rtree_metrics_desa_geom") == "2|\n");
    // GDAL's reader (its spatial filter goes through the R-tree) sees the edit.
    auto ds = open_vector(in_place_file);
    auto* layer = ds->GetLayerByName("metrics_desa");
    const Envelope zone = p.zones[0].geometry.envelope();
    layer->SetSpatialFilterRect(zone.min_x, zone.min_y, zone.max_x, zone.max_y);
    std::set<std::int64_t> hits;
    for (auto& f : *layer) hits.insert(f->GetFID());
    CHECK(hits.count(1) == 1);
    CHECK(hits.count(3) == 0);
    CHECK(load_project(in_place_file) == p);
}

TEST_CASE("analyze's file kept open from the read to the save writes what a fresh connection writes", "[io][project]") {
    TempDir dir;
    Project p = test::sample_project();
    const AnalysisResult metrics = sample_metrics(p);
    const std::string kept_file = dir / "tetap_terbuka.gpkg", reopened_file = dir / "dibuka_lagi.gpkg";
    save_project(p, kept_file);
    save_project(p, reopened_file);
    SaveOptions metrics_only;
    metrics_only.metrics_only = true;
    metrics_only.timestamp = "2026-01-01T00:00:00.000Z";

    OpenProjectFile file;
    CHECK(load_project(kept_file, &file) == p);
    CHECK(file.connection_to(std::filesystem::absolute(kept_file).string()) != nullptr);
    CHECK(file.connection_to(std::filesystem::absolute(reopened_file).string()) == nullptr);
    // Another program writes to the file between the read and the save (QGIS adding a layer):
    // the kept connection sees it and keeps it.
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(kept_file.c_str(), &db) == SQLITE_OK);
        CHECK(sqlite3_exec(db, "CREATE TABLE catatan_qgis(id INTEGER PRIMARY KEY, isi TEXT); INSERT INTO catatan_qgis VALUES (1, 'dari QGIS')",
                           nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    metrics_only.kept_open = &file;
    save_project(p, kept_file, &metrics, metrics_only);
    metrics_only.kept_open = nullptr;
    save_project(p, reopened_file, &metrics, metrics_only);
    for (const char* layer : {"metrics_desa", "metrics_district", "provenance", "data_quality"}) {
        const std::string rows = std::string("SELECT * FROM ") + layer + " ORDER BY fid";
        CHECK(all_rows(kept_file, rows) == all_rows(reopened_file, rows));
    }
    CHECK(all_rows(kept_file, "SELECT isi FROM catatan_qgis") == "dari QGIS|\n");
    CHECK(load_project(kept_file) == p);

    // A full save by another program renames a new file over the one read: the kept connection is
    // not used (its writes would go to the replaced file), the metrics land in the new one.
    {
        OpenProjectFile replaced;
        load_project(reopened_file, &replaced);
        REQUIRE(replaced.connection_to(std::filesystem::absolute(reopened_file).string()) != nullptr);
        Project edited = p;
        edited.desa[0].name = "Desa Diganti";
        save_project(edited, reopened_file);  // temp file renamed over it
        CHECK(replaced.connection_to(std::filesystem::absolute(reopened_file).string()) == nullptr);
        metrics_only.kept_open = &replaced;
        save_project(edited, reopened_file, &metrics, metrics_only);
        metrics_only.kept_open = nullptr;
        CHECK(load_project(reopened_file).desa[0].name == "Desa Diganti");
        CHECK(all_rows(reopened_file, "SELECT count(*) FROM metrics_desa") == all_rows(kept_file, "SELECT count(*) FROM metrics_desa"));
    }

    // A damaged file is refused as a read, the connection not kept.
    const std::string damaged = dir / "rusak.gpkg";
    {
        std::ofstream out(damaged, std::ios::binary);
        std::string bytes = test::read_bytes(kept_file);
        std::fill(bytes.begin() + 4096, bytes.begin() + 8192, '\0');
        out << bytes;
    }
    OpenProjectFile not_kept;
    CHECK_THROWS_AS(load_project(damaged, &not_kept), InputError);
    CHECK(not_kept.connection_to(std::filesystem::absolute(damaged).string()) == nullptr);
}
