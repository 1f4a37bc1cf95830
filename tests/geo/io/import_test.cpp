#include <catch2/catch.hpp>

#include <cpl_string.h>
#include <ogr_spatialref.h>

#include <filesystem>

#include "geo/crs.h"
#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/io/import.h"
#include "io_test_util.h"

using namespace pc;
using pc::test::TempDir;

namespace {

ImportOptions opts(ImportTarget t) {
    ImportOptions o;
    o.target = t;
    return o;
}

using test::expect_refused;

std::string polygon_json(double x, double y, double d, bool swap = false) {
    auto c = [&](double a, double b) {
        return "[" + std::to_string(swap ? b : a) + "," + std::to_string(swap ? a : b) + "]";
    };
    return R"({"type":"Polygon","coordinates":[[)" + c(x, y) + "," + c(x + d, y) + "," + c(x + d, y + d) + "," +
           c(x, y + d) + "," + c(x, y) + "]]}";
}

std::string feature_json(const std::string& props, const std::string& geom) {
    return R"({"type":"Feature","properties":)" + props + R"(,"geometry":)" + geom + "}";
}

std::string collection(const std::vector<std::string>& features) {
    std::string s = R"({"type":"FeatureCollection","features":[)";
    for (std::size_t i = 0; i < features.size(); ++i) s += (i ? "," : "") + features[i];
    return s + "]}";
}

// A point Shapefile written through GDAL; `srs` may be null (no .prj); `encoding` "" writes raw bytes.
void write_point_shapefile(const std::string& path, const OGRSpatialReference* srs,
                           const std::vector<std::tuple<double, double, std::string>>& pts, const char* encoding = nullptr) {
    auto ds = create_vector(path, "ESRI Shapefile");
    CPLStringList lco;
    if (encoding) lco.SetNameValue("ENCODING", encoding);
    auto* l = ds->CreateLayer("pts", const_cast<OGRSpatialReference*>(srs), wkbPoint, lco.List());
    REQUIRE(l);
    OGRFieldDefn name("nama", OFTString);
    REQUIRE(l->CreateField(&name) == OGRERR_NONE);
    OGRFieldDefn type("jenis", OFTString);
    REQUIRE(l->CreateField(&type) == OGRERR_NONE);
    for (auto& [x, y, n] : pts) {
        OGRFeatureUniquePtr f(OGRFeature::CreateFeature(l->GetLayerDefn()));
        f->SetField("nama", n.c_str());
        f->SetField("jenis", "puskesmas");
        f->SetGeometryDirectly(new OGRPoint(x, y));
        REQUIRE(l->CreateFeature(f.get()) == OGRERR_NONE);
    }
}

}  // namespace

TEST_CASE("guess_mapping knows Kemendagri, BIG and BPS names, case-insensitively", "[io][import]") {
    auto m = guess_mapping({"KODE", "Nama", "kode_kec", "pop_ghs", "pop_est_sp2020", "luas_km2"}, ImportTarget::Desa);
    CHECK(m.code == "KODE");
    CHECK(m.name == "Nama");
    CHECK(m.parent_code == "kode_kec");
    CHECK(m.population == "pop_est_sp2020");  // official (scaled to the census) before modelled
    auto big = guess_mapping({"NAMOBJ", "WADMKD", "WADMKC", "KDEPUM", "KDCPUM", "KDBPS", "JUMLAH_PENDUDUK"}, ImportTarget::Desa);
    CHECK(big.code == "KDEPUM");
    CHECK(big.name == "WADMKD");
    CHECK(big.parent_code == "KDCPUM");
    CHECK(big.bps_code == "KDBPS");
    CHECK(big.population == "JUMLAH_PENDUDUK");
    auto kec = guess_mapping({"WADMKC", "KDCPUM", "KDPKAB", "penduduk"}, ImportTarget::Kecamatan);
    CHECK(kec.name == "WADMKC");
    CHECK(kec.code == "KDCPUM");
    CHECK(kec.population == "penduduk");
    auto fac = guess_mapping({"nama", "jenis", "range_m", "Longtitude", "latitude"}, ImportTarget::Facilities);
    CHECK(fac.type == "jenis");
    CHECK(fac.radius == "range_m");
    CHECK(fac.lon == "Longtitude");
    CHECK(fac.lat == "latitude");
    auto z = guess_mapping({"zone_id", "zone_name", "zone_type"}, ImportTarget::Zones);
    CHECK(z.code == "zone_id");
    CHECK(z.type == "zone_type");
    CHECK(parse_import_target("Population-Grid") == ImportTarget::PopulationGrid);
}

TEST_CASE("CSV with lon/lat in any order and decimal commas, and a WKT column", "[io][import]") {
    TempDir dir;
    Project p;
    test::write_text(dir / "fas.csv", "nama;lat;jenis;lon;radius_m\n"
                                      "Puskesmas A;-7,15;puskesmas;113,48;2000\n"
                                      "Sekolah B;-7,16;sekolah;113,49;\n");
    auto rep = import_layer(p, dir / "fas.csv", opts(ImportTarget::Facilities));
    CHECK(rep.imported == 2);
    REQUIRE(p.facilities.size() == 2);
    CHECK(p.facilities[0].geometry == Geometry::point(113.48, -7.15));
    CHECK(p.facilities[0].radius_m == 2000);
    CHECK(!p.facilities[1].radius_m);
    CHECK(p.facilities[1].type == "sekolah");
    CHECK(!rep.warnings.empty());  // EPSG:4326 assumed
    CHECK(rep.source_crs == "EPSG:4326");

    test::write_text(dir / "zona.csv", "zone_id,zone_name,zone_type,wkt\n"
                                       "Z1,Zona Satu,KPPN,\"POLYGON((113.4 -7.1,113.5 -7.1,113.5 -7.0,113.4 -7.1))\"\n");
    import_layer(p, dir / "zona.csv", opts(ImportTarget::Zones));
    REQUIRE(p.zones.size() == 1);
    CHECK(p.zones[0].code == "Z1");
    CHECK(p.zones[0].kind == "KPPN");
    CHECK(p.zones[0].geometry.kind == GeometryKind::Polygon);
}

TEST_CASE("a UTM 49S Shapefile is reprojected to the right lon/lat", "[io][import]") {
    TempDir dir;
    auto utm = make_srs("EPSG:32749");
    // On the central meridian of zone 49 (111 E): E 500000 N 10000000 is exactly lon 111, lat 0.
    write_point_shapefile(dir / "utm.shp", utm.get(), {{500000, 10000000, "Titik Nol"}, {500000, 9226000, "Meridian"}});
    Project p;
    auto rep = import_layer(p, dir / "utm.shp", opts(ImportTarget::Facilities));
    CHECK(rep.source_crs == "EPSG:32749");
    REQUIRE(p.facilities.size() == 2);
    auto c = p.facilities[0].geometry.points.at(0);
    CHECK(std::abs(c.x - 111.0) < 1e-9);
    CHECK(std::abs(c.y - 0.0) < 1e-9);
    auto m = p.facilities[1].geometry.points.at(0);
    CHECK(std::abs(m.x - 111.0) < 1e-9);
    CHECK(m.y < -6.9);  // 774 km south of the equator: about 7.0 S
    CHECK(m.y > -7.1);
}

TEST_CASE("GeoJSON with lon/lat swapped is refused naming file, layer, feature and field", "[io][import][bad]") {
    TempDir dir;
    auto path = dir / "swapped.geojson";
    test::write_text(path, collection({feature_json(R"({"kode":"35.28.01","nama":"Tlanakan","penduduk":64122})",
                                                    polygon_json(113.4, -7.2, 0.05, true))}));
    Project p = test::sample_project();
    auto e = expect_refused(p, path, opts(ImportTarget::Kecamatan));
    std::string msg = e.what();
    CHECK(msg.find("longitude and latitude look swapped") != std::string::npos);
    CHECK(msg.find("swapped.geojson") != std::string::npos);
    CHECK(e.where().layer == "swapped");
    CHECK(e.where().feature.find("35.28.01") != std::string::npos);
    CHECK(e.where().feature.find("Tlanakan") != std::string::npos);
    CHECK(!e.where().field.empty());

    // Outside Indonesia and not a swap.
    test::write_text(dir / "eropa.geojson", collection({feature_json(R"({"nama":"Berlin","jenis":"x"})",
                                                                     R"({"type":"Point","coordinates":[13.4,52.5]})")}));
    auto e2 = expect_refused(p, dir / "eropa.geojson", opts(ImportTarget::Facilities));
    CHECK(std::string(e2.what()).find("outside Indonesia") != std::string::npos);
}

TEST_CASE("a Shapefile without .prj is refused unless the CRS is given", "[io][import][bad]") {
    TempDir dir;
    auto path = dir / "noprj.shp";
    write_point_shapefile(path, nullptr, {{113.5, -7.1, "A"}});
    REQUIRE(!std::filesystem::exists(dir / "noprj.prj"));
    Project p = test::sample_project();
    auto e = expect_refused(p, path, opts(ImportTarget::Facilities));
    CHECK(std::string(e.what()).find("no coordinate reference system") != std::string::npos);
    CHECK(e.where().layer == "noprj");
    CHECK(!e.where().field.empty());
    auto o = opts(ImportTarget::Facilities);
    o.source_crs = "EPSG:4326";
    auto rep = import_layer(p, path, o);
    CHECK(rep.imported == 1);

    test::write_text(dir / "noprj.prj", "PROJCS[\"nonsense\",GARBAGE[]]");
    auto e3 = expect_refused(p, path, opts(ImportTarget::Facilities));
    CHECK(std::string(e3.what()).find("unknown coordinate reference system") != std::string::npos);

    auto bad = opts(ImportTarget::Facilities);
    bad.source_crs = "EPSG:999999";
    auto e2 = expect_refused(p, path, bad);
    CHECK(std::string(e2.what()).find("unknown coordinate reference system") != std::string::npos);
}

TEST_CASE("a non-numeric population is refused naming the feature and the field", "[io][import][bad]") {
    TempDir dir;
    auto path = dir / "desa.csv";
    test::write_text(path, "kode,nama,penduduk,wkt\n"
                           "35.28.01.2001,Desa Satu,1200,\"POLYGON((113.4 -7.1,113.41 -7.1,113.41 -7.09,113.4 -7.1))\"\n"
                           "35.28.01.2002,Desa Dua,abc,\"POLYGON((113.5 -7.1,113.51 -7.1,113.51 -7.09,113.5 -7.1))\"\n");
    Project p = test::sample_project();
    auto e = expect_refused(p, path, opts(ImportTarget::Desa));
    std::string msg = e.what();
    INFO(msg);
    CHECK(msg.find("'abc' is not a number") != std::string::npos);
    CHECK(e.where().field == "penduduk");
    CHECK(e.where().feature.find("35.28.01.2002") != std::string::npos);
    CHECK(e.where().feature.find("Desa Dua") != std::string::npos);
    CHECK(e.where().layer == "desa");
}

TEST_CASE("a missing population field is refused when population is required", "[io][import][bad]") {
    TempDir dir;
    auto path = dir / "nopop.geojson";
    test::write_text(path, collection({feature_json(R"({"kode":"35.28.01","nama":"A"})", polygon_json(113.4, -7.2, 0.05))}));
    Project p;
    auto e = expect_refused(p, path, opts(ImportTarget::Kecamatan));
    CHECK(e.where().field == "population");
    CHECK(std::string(e.what()).find("no population field") != std::string::npos);
    auto o = opts(ImportTarget::Kecamatan);
    o.require_population = false;
    import_layer(p, path, o);
    REQUIRE(p.kecamatan.size() == 1);
    CHECK(!p.kecamatan[0].population);
}

TEST_CASE("duplicate codes are refused naming both features", "[io][import][bad]") {
    TempDir dir;
    auto path = dir / "dup.geojson";
    test::write_text(path, collection({feature_json(R"({"kode":"35.28.01","nama":"A","penduduk":1})", polygon_json(113.4, -7.2, 0.05)),
                                       feature_json(R"({"kode":"35.28.01","nama":"B","penduduk":2})", polygon_json(113.5, -7.2, 0.05))}));
    Project p = test::sample_project();
    auto e = expect_refused(p, path, opts(ImportTarget::Kecamatan));
    CHECK(std::string(e.what()).find("duplicate code '35.28.01'") != std::string::npos);
    CHECK(e.where().field == "kode");
    CHECK(e.where().feature.find("B") != std::string::npos);
}

TEST_CASE("empty and unreadable files and empty layers are refused", "[io][import][bad]") {
    TempDir dir;
    Project p = test::sample_project();
    test::write_text(dir / "empty.geojson", "");
    auto e = expect_refused(p, dir / "empty.geojson", opts(ImportTarget::Desa));
    CHECK(std::string(e.what()).find("empty") != std::string::npos);
    test::write_text(dir / "junk.gpkg", "this is not a geopackage at all");
    expect_refused(p, dir / "junk.gpkg", opts(ImportTarget::Desa));
    expect_refused(p, dir / "missing.shp", opts(ImportTarget::Desa));
    test::write_text(dir / "nofeatures.geojson", collection({}));
    auto e2 = expect_refused(p, dir / "nofeatures.geojson", opts(ImportTarget::Desa));
    CHECK(std::string(e2.what()).find("empty") != std::string::npos);
    auto o = opts(ImportTarget::Desa);
    o.layer = "no_such_layer";
    test::write_text(dir / "one.geojson", collection({feature_json(R"({"kode":"1","penduduk":1})", polygon_json(113.4, -7.2, 0.05))}));
    auto e3 = expect_refused(p, dir / "one.geojson", o);
    CHECK(e3.where().layer == "no_such_layer");
}

TEST_CASE("facilities without geometry are skipped with a warning", "[io][import]") {
    TempDir dir;
    auto path = dir / "fas.geojson";
    test::write_text(path, collection({feature_json(R"({"nama":"A","jenis":"puskesmas"})", R"({"type":"Point","coordinates":[113.5,-7.1]})"),
                                       feature_json(R"({"nama":"B","jenis":"apotek"})", "null")}));
    Project p;
    auto rep = import_layer(p, path, opts(ImportTarget::Facilities));
    CHECK(rep.read == 2);
    CHECK(rep.imported == 1);
    CHECK(rep.skipped == 1);
    CHECK(!rep.warnings.empty());
    CHECK(p.facility_type("puskesmas"));
}

TEST_CASE("CP1252 text in a Shapefile without .cpg is converted to UTF-8", "[io][import]") {
    TempDir dir;
    auto path = dir / "cp1252.shp";
    auto w = wgs84();
    write_point_shapefile(path, w.get(), {{113.5, -7.15, "Pamekasan Tengah \xe9"}, {113.51, -7.15, "Biasa"}}, "");
    std::filesystem::remove(dir / "cp1252.cpg");  // GDAL leaves an empty one: an old Shapefile has none
    REQUIRE(test::read_bytes(dir / "cp1252.dbf").find("Tengah \xe9") != std::string::npos);
    Project p;
    auto rep = import_layer(p, path, opts(ImportTarget::Facilities));
    REQUIRE(p.facilities.size() == 2);
    CHECK(p.facilities[0].name == "Pamekasan Tengah \xc3\xa9");
    CHECK(p.facilities[1].name == "Biasa");
    CHECK(rep.reencoded == 1);
}

TEST_CASE("invalid polygons are repaired with MakeValid and counted", "[io][import]") {
    TempDir dir;
    auto path = dir / "bowtie.geojson";
    // A bow tie (self-intersection).
    test::write_text(path, collection({feature_json(R"({"kode":"1","nama":"Dasi","penduduk":5})",
                                                    R"({"type":"Polygon","coordinates":[[[113.4,-7.2],[113.5,-7.1],[113.5,-7.2],[113.4,-7.1],[113.4,-7.2]]]})")}));
    Project p;
    auto rep = import_layer(p, path, opts(ImportTarget::Desa));
    CHECK(rep.repaired == 1);
    REQUIRE(p.desa.size() == 1);
    GeosContext ctx;
    auto g = ctx.from(p.desa[0].geometry);
    CHECK(ctx.is_valid(g.get()));
    CHECK(ctx.area(g.get()) == Approx(0.005));  // two triangles of 0.0025 deg²
}

TEST_CASE("a UUID in the source is kept, a bad one replaced", "[io][import]") {
    TempDir dir;
    auto path = dir / "ids.geojson";
    const std::string id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    test::write_text(path, collection({feature_json(R"({"uuid":")" + id + R"(","nama":"A","jenis":"wifi"})", R"({"type":"Point","coordinates":[113.5,-7.1]})"),
                                       feature_json(R"({"uuid":"nope","nama":"B","jenis":"wifi"})", R"({"type":"Point","coordinates":[113.6,-7.1]})")}));
    Project p;
    import_layer(p, path, opts(ImportTarget::Facilities));
    REQUIRE(p.facilities.size() == 2);
    CHECK(p.facilities[0].id == id);
    CHECK(is_uuid(p.facilities[1].id));
    CHECK(p.facilities[1].id != id);
}

TEST_CASE("a population raster becomes lon/lat cells, nodata and zeros left out", "[io][import]") {
    TempDir dir;
    auto path = dir / "pop.tif";
    {
        gdal_init();
        auto* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
        GDALDatasetUniquePtr ds(drv->Create(path.c_str(), 3, 2, 1, GDT_Float32, nullptr));
        double gt[6] = {113.4, 0.01, 0, -7.0, 0, -0.01};
        ds->SetGeoTransform(gt);
        auto w = wgs84();
        ds->SetSpatialRef(w.get());
        float v[6] = {1, 0, -9999, 2.5f, 3, 4};
        ds->GetRasterBand(1)->SetNoDataValue(-9999);
        REQUIRE(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 3, 2, v, 3, 2, GDT_Float32, 0, 0) == CE_None);
    }
    auto grid = read_population_raster(path);
    REQUIRE(grid.cells.size() == 4);
    CHECK(grid.cells[0].population == 1);
    auto e = grid.cells[0].geometry.envelope();
    CHECK(e.min_x == Approx(113.4));
    CHECK(e.max_x == Approx(113.41));
    CHECK(e.max_y == Approx(-7.0));
    CHECK(e.min_y == Approx(-7.01));
    CHECK(grid.cells[1].population == 2.5);
    CHECK_THROWS_AS(read_population_raster(dir / "none.tif"), InputError);
}

TEST_CASE("CSV codes that look like numbers stay text", "[io][import]") {
    TempDir dir;
    auto path = dir / "kab.csv";
    test::write_text(path, "kode,nama,penduduk,luas,wkt\n"
                           "35.10,Kabupaten Banyuwangi,1708114,\"5782,4\",\"POLYGON((114.0 -8.2,114.3 -8.2,114.3 -8.0,114.0 -8.2))\"\n");
    Project p;
    auto o = opts(ImportTarget::Kabupaten);
    auto rep = import_layer(p, path, o);
    REQUIRE(p.kabupaten.size() == 1);
    CHECK(p.kabupaten[0].code == "35.10");
    CHECK(p.kabupaten[0].population == 1708114);
    REQUIRE(p.kabupaten[0].extra.size() == 1);
    CHECK(p.kabupaten[0].extra[0].name == "luas");
    CHECK(p.kabupaten[0].extra[0].value == FieldValue(std::string("5782,4")));
}

TEST_CASE("list_layers and appending keep ids unique", "[io][import]") {
    TempDir dir;
    auto path = dir / "ids.geojson";
    const std::string id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    test::write_text(path, collection({feature_json(R"({"uuid":")" + id + R"(","nama":"A","jenis":"wifi"})",
                                                    R"({"type":"Point","coordinates":[113.5,-7.1]})")}));
    auto layers = list_layers(path);
    REQUIRE(layers.size() == 1);
    CHECK(layers[0].features == 1);
    CHECK(layers[0].crs == "EPSG:4326");
    CHECK(std::find(layers[0].fields.begin(), layers[0].fields.end(), "jenis") != layers[0].fields.end());
    Project p;
    auto o = opts(ImportTarget::Facilities);
    import_layer(p, path, o);
    o.replace = false;
    auto rep = import_layer(p, path, o);
    REQUIRE(p.facilities.size() == 2);
    CHECK(p.facilities[0].id == id);
    CHECK(p.facilities[1].id != id);
    CHECK(!rep.warnings.empty());
}

TEST_CASE("initiatives with Indonesian field names", "[io][import]") {
    TempDir dir;
    auto path = dir / "inisiatif.geojson";
    test::write_text(path, collection({feature_json(
        R"({"nama":"WiFi Taman","deskripsi":"Titik WiFi publik","pilar":"Smart Living","elemen":"Infrastruktur",)"
        R"("opd":"Diskominfo","tahun_mulai":2026,"tahun_selesai":2027,"anggaran_rp":"Rp 1.500.000.000","sumber_dana":"APBD",)"
        R"("status":"rencana","quick_win":"ya","rpjmd_ref":"3.2.1","radius_m":150,"catatan":"dibuang"})",
        R"({"type":"Point","coordinates":[113.48,-7.16]})")}));
    Project p;
    p.settings.period_start = 2025;
    p.settings.period_end = 2029;
    auto rep = import_layer(p, path, opts(ImportTarget::Initiatives));
    REQUIRE(p.initiatives.size() == 1);
    auto& i = p.initiatives[0];
    CHECK(i.name == "WiFi Taman");
    CHECK(i.description == "Titik WiFi publik");
    CHECK(i.pillar == Pillar::Living);
    CHECK(i.element == Element::Infrastruktur);
    CHECK(i.opd == "Diskominfo");
    CHECK(i.start_year == 2026);
    CHECK(i.end_year == 2027);
    CHECK(i.budget_rp == 1'500'000'000);
    CHECK(i.funding_source == "APBD");
    CHECK(i.status == Status::Rencana);
    CHECK(i.quick_win);
    CHECK(i.rpjmd_ref == "3.2.1");
    CHECK(i.radius_m == 150);
    CHECK(!rep.warnings.empty());  // "catatan" has no slot

    test::write_text(dir / "salah.geojson", collection({feature_json(R"({"nama":"X","pilar":"smart banana"})",
                                                                     R"({"type":"Point","coordinates":[113.48,-7.16]})")}));
    auto e = expect_refused(p, dir / "salah.geojson", opts(ImportTarget::Initiatives));
    CHECK(e.where().field == "pilar");
    CHECK(e.where().feature.find("X") != std::string::npos);
}
