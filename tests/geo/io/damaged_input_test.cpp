// Read all or refuse: every input that is not the project file is read whole or refused with a
// message naming file, layer, feature and field. Each test damages a file of its own making (or a
// copy of a ../shared/data district file) the way disks, crashes and other programs do: a zeroed
// page, a garbage geometry blob, text in a number column, a stale cached count, a truncated file.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>
#include <vector>

#include "geo/crs.h"
#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/io/district.h"
#include "geo/io/import.h"
#include "geo/io/project_file.h"
#include "io_test_util.h"
#include "skip.h"

using namespace pc;
using pc::test::TempDir;

namespace {

// A GeoPackage layer `desa` of n rows (kode, nama, penduduk), each polygon with enough vertices that
// a row fills most of a 4 KB page: the table has many b-tree pages.
void write_desa_gpkg(const std::string& path, int n, bool with_geometry_for_all = true) {
    auto ds = create_vector(path, "GPKG");
    auto srs = wgs84();
    OGRLayer* l = ds->CreateLayer("desa", srs.get(), wkbMultiPolygon, nullptr);
    REQUIRE(l);
    OGRFieldDefn kode("kode", OFTString), nama("nama", OFTString), pop("penduduk", OFTReal);
    REQUIRE(l->CreateField(&kode) == OGRERR_NONE);
    REQUIRE(l->CreateField(&nama) == OGRERR_NONE);
    REQUIRE(l->CreateField(&pop) == OGRERR_NONE);
    REQUIRE(ds->StartTransaction() == OGRERR_NONE);
    for (int i = 0; i < n; ++i) {
        OGRFeature f(l->GetLayerDefn());
        f.SetField("kode", ("35.28.01.20" + std::to_string(10 + i)).c_str());
        f.SetField("nama", ("Desa " + std::to_string(i + 1)).c_str());
        f.SetField("penduduk", 1000.0 + i);
        if (with_geometry_for_all || i != 3) {
            const double x = 113.40 + 0.01 * (i % 10), y = -7.10 - 0.01 * (i / 10);
            auto* ring = new OGRLinearRing();
            for (int k = 0; k < 160; ++k) {  // a square traced with 40 vertices a side
                const int side = k / 40;
                const double t = (k % 40) / 40.0 * 0.01;
                const double px = side == 0 ? x + t : side == 1 ? x + 0.01 : side == 2 ? x + 0.01 - t : x;
                const double py = side == 0 ? y : side == 1 ? y + t : side == 2 ? y + 0.01 : y + 0.01 - t;
                ring->addPoint(px, py);
            }
            ring->closeRings();
            auto* poly = new OGRPolygon();
            poly->addRingDirectly(ring);
            OGRMultiPolygon mp;
            mp.addGeometryDirectly(poly);
            f.SetGeometry(&mp);
        }
        REQUIRE(l->CreateFeature(&f) == OGRERR_NONE);
    }
    REQUIRE(ds->CommitTransaction() == OGRERR_NONE);
}

// Runs SQL on a GeoPackage through GDAL (its SQLite connection has the functions the GeoPackage's
// triggers call, which a plain SQLite connection lacks).
void gpkg_sql(const std::string& path, const std::string& sql) {
    auto ds = open_vector(path, true);
    GdalErrorCapture capture;
    ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
    INFO(sql);
    REQUIRE_FALSE(capture.failed());
}

std::uint32_t be(const std::string& b, std::size_t at, int bytes) {
    std::uint32_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(b[at + std::size_t(i)]);
    return v;
}

// The leaf pages of a table's b-tree, read from the file's bytes (SQLite file format, section 1.6).
std::vector<std::uint32_t> leaf_pages(const std::string& b, std::uint32_t page, std::uint32_t size) {
    const std::size_t off = std::size_t(page - 1) * size, h = off + (page == 1 ? 100 : 0);
    const auto type = static_cast<unsigned char>(b.at(h));
    if (type == 0x0d) return {page};
    REQUIRE(type == 0x05);  // an interior table page
    std::vector<std::uint32_t> out;
    const std::uint32_t cells = be(b, h + 3, 2);
    for (std::uint32_t i = 0; i < cells; ++i) {
        const std::uint32_t cell = be(b, h + 12 + 2 * i, 2);
        auto sub = leaf_pages(b, be(b, off + cell, 4), size);
        out.insert(out.end(), sub.begin(), sub.end());
    }
    auto right = leaf_pages(b, be(b, h + 8, 4), size);
    out.insert(out.end(), right.begin(), right.end());
    return out;
}

// Copies `src` to `dst` with one page of `table` zeroed: its root page (root = true), or its
// leaf_index-th leaf page. Returns the number of leaf pages the table has.
std::size_t zero_page(const std::string& src, const std::string& dst, const std::string& table, bool root,
                      std::size_t leaf_index = 1) {
    const std::uint32_t root_page = std::uint32_t(std::stoul(test::sql_value(src, "SELECT rootpage FROM sqlite_master WHERE name = '" + table + "'")));
    std::string b = test::read_bytes(src);
    std::uint32_t size = be(b, 16, 2);
    if (size == 1) size = 65536;
    const auto leaves = leaf_pages(b, root_page, size);
    REQUIRE(leaves.size() > leaf_index);
    const std::uint32_t page = root ? root_page : leaves[leaf_index];
    std::fill(b.begin() + std::ptrdiff_t(page - 1) * size, b.begin() + std::ptrdiff_t(page) * size, '\0');
    test::write_text(dst, b);
    return leaves.size();
}

ImportOptions desa_options() {
    ImportOptions o;
    o.target = ImportTarget::Desa;
    o.layer = "desa";
    return o;
}

using test::expect_refused;

}  // namespace

TEST_CASE("a GeoPackage with a zeroed leaf page is refused, not read in part", "[io][import][damaged]") {
    TempDir dir;
    const std::string good = dir / "desa.gpkg", bad = dir / "desa_leaf_zeroed.gpkg";
    write_desa_gpkg(good, 40);
    Project p;
    REQUIRE(import_layer(p, good, desa_options()).imported == 40);  // the undamaged file reads whole
    const std::size_t leaves = zero_page(good, bad, "desa", false, 1);
    REQUIRE(leaves >= 10);  // one row a page or so: the damage takes a few rows, not all
    Project q;
    const InputError e = expect_refused(q, bad, desa_options());
    CHECK(e.where().layer == "desa");
    CHECK_THAT(e.where().feature, Catch::Contains("FID"));
    CHECK_THAT(e.reason(), Catch::Contains("damaged") && Catch::Contains("malformed"));
}

TEST_CASE("a GeoPackage whose table root page is zeroed is refused, not read as empty", "[io][import][damaged]") {
    TempDir dir;
    const std::string good = dir / "desa.gpkg", bad = dir / "desa_root_zeroed.gpkg";
    write_desa_gpkg(good, 40);
    zero_page(good, bad, "desa", true);
    Project p;
    const InputError e = expect_refused(p, bad, desa_options());
    CHECK(e.where().layer == "desa");
    CHECK_THAT(e.reason(), Catch::Contains("damaged"));
}

TEST_CASE("load_district refuses a district file with one desa page zeroed (it read 7 of 34)", "[io][district][damaged][realdata]") {
    const std::string src = test::shared_file("kota_pasuruan_3575.gpkg");
    if (src.empty()) return;
    TempDir dir;
    const std::string bad = dir / "kota_pasuruan_damaged.gpkg";
    zero_page(src, bad, "desa", false, 1);
    try {
        load_district(bad, DistrictOptions{});
        FAIL("load_district read a damaged district file");
    } catch (const InputError& e) {
        CHECK(e.where().file == bad);
        CHECK(e.where().layer == "desa");
        CHECK_THAT(e.reason(), Catch::Contains("damaged"));
    }
}

TEST_CASE("a garbage geometry blob is refused, not read as a desa without geometry", "[io][import][damaged]") {
    TempDir dir;
    const std::string path = dir / "desa.gpkg";
    write_desa_gpkg(path, 12);
    gpkg_sql(path, "UPDATE desa SET geom = x'0102030405060708' WHERE fid = 5");
    Project p;
    const InputError e = expect_refused(p, path, desa_options());
    CHECK(e.where().layer == "desa");
    CHECK(e.where().feature == "FID 5");
    CHECK_THAT(e.reason(), Catch::Contains("geometry"));
}

TEST_CASE("text in a number column is refused, not read as 0", "[io][import][damaged]") {
    TempDir dir;
    const std::string path = dir / "desa.gpkg";
    write_desa_gpkg(path, 12);
    gpkg_sql(path, "UPDATE desa SET penduduk = 'seribu' WHERE fid = 7");
    // Independently: SQLite holds the text, and GDAL alone reads it as the number 0.
    REQUIRE(test::sql_value(path, "SELECT typeof(penduduk) FROM desa WHERE fid = 7") == "text");
    {
        auto ds = open_vector(path);
        OGRFeatureUniquePtr f(ds->GetLayerByName("desa")->GetFeature(7));
        REQUIRE(f);
        REQUIRE(f->GetFieldAsDouble("penduduk") == 0.0);
    }
    Project p;
    const InputError e = expect_refused(p, path, desa_options());
    CHECK(e.where().feature == "FID 7");
    CHECK(e.where().field == "penduduk");
    CHECK_THAT(e.reason(), Catch::Contains("seribu"));
}

TEST_CASE("a GeoPackage whose cached feature count is stale (0 for 5 rows) is read whole", "[io][import][damaged]") {
    TempDir dir;
    const std::string path = dir / "desa.gpkg";
    write_desa_gpkg(path, 5);
    gpkg_sql(path, "UPDATE gpkg_ogr_contents SET feature_count = 0 WHERE table_name = 'desa'");
    {
        auto ds = open_vector(path);
        REQUIRE(ds->GetLayerByName("desa")->GetFeatureCount() == 0);  // what GDAL reports
    }
    Project p;
    const ImportReport rep = import_layer(p, path, desa_options());
    CHECK(rep.imported == 5);
    CHECK(p.desa.size() == 5);
    bool warned = false;
    for (auto& w : rep.warnings) warned |= w.find("stale") != std::string::npos;
    CHECK(warned);
}

TEST_CASE("a desa without geometry is refused: its people would drop out", "[io][import][damaged]") {
    TempDir dir;
    const std::string path = dir / "desa.gpkg";
    write_desa_gpkg(path, 6, false);  // the fourth desa has no geometry
    Project p;
    const InputError e = expect_refused(p, path, desa_options());
    CHECK_THAT(e.where().feature, Catch::StartsWith("4 (35.28.01.2013 Desa 4)"));
    CHECK_THAT(e.reason(), Catch::Contains("no geometry"));
}

TEST_CASE("an initiative without geometry is imported without a place, not dropped", "[io][import]") {
    TempDir dir;
    const std::string path = dir / "ini.geojson";
    test::write_text(path, R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"nama":"A","pilar":"governance","anggaran_rp":100},"geometry":{"type":"Point","coordinates":[113.5,-7.1]}},
      {"type":"Feature","properties":{"nama":"B","pilar":"economy","anggaran_rp":250},"geometry":null}]})");
    Project p;
    ImportOptions o;
    o.target = ImportTarget::Initiatives;
    const ImportReport rep = import_layer(p, path, o);
    REQUIRE(p.initiatives.size() == 2);
    CHECK(p.initiatives[1].name == "B");
    CHECK(p.initiatives[1].geometry.empty());
    CHECK(p.initiatives[1].budget_rp == 250);
    CHECK(rep.skipped == 0);
}

TEST_CASE("duplicate facility UUIDs are renumbered with a warning naming the feature", "[io][import][damaged]") {
    TempDir dir;
    const std::string path = dir / "fas.geojson";
    const std::string u = "6f1c2a4e-1111-4222-8333-444455556666";
    test::write_text(path, R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"uuid":")" + u + R"(","nama":"Puskesmas A","jenis":"puskesmas"},"geometry":{"type":"Point","coordinates":[113.5,-7.1]}},
      {"type":"Feature","properties":{"uuid":")" + u + R"(","nama":"Puskesmas B","jenis":"puskesmas"},"geometry":{"type":"Point","coordinates":[113.6,-7.1]}}]})");
    Project p;
    ImportOptions o;
    o.target = ImportTarget::Facilities;
    const ImportReport rep = import_layer(p, path, o);
    REQUIRE(p.facilities.size() == 2);
    CHECK(p.facilities[0].id == u);
    CHECK(p.facilities[1].id != u);
    CHECK(is_uuid(p.facilities[1].id));
    bool named = false;
    for (auto& w : rep.warnings) named |= w.find("Puskesmas B") != std::string::npos && w.find(u) != std::string::npos;
    CHECK(named);
}

TEST_CASE("an unclosed ring is repaired and the warning says why", "[io][import]") {
    TempDir dir;
    const std::string path = dir / "open_ring.csv";
    test::write_text(path, "kode,nama,penduduk,wkt\n"
                           "1,Desa Terbuka,100,\"POLYGON((113.4 -7.1,113.41 -7.1,113.41 -7.09,113.4 -7.09))\"\n");
    Project p;
    ImportOptions o;
    o.target = ImportTarget::Desa;
    const ImportReport rep = import_layer(p, path, o);
    REQUIRE(rep.repaired == 1);
    bool why = false;
    for (auto& w : rep.warnings) why |= w.find("ring not closed") != std::string::npos;
    CHECK(why);
    REQUIRE(p.desa.size() == 1);
    CHECK(p.desa[0].geometry.polygons.at(0).rings.at(0).size() == 5);
}

TEST_CASE("a truncated Shapefile is refused, not read up to the cut", "[io][import][damaged]") {
    TempDir dir;
    const std::string path = dir / "fas.shp";
    {
        auto ds = create_vector(path, "ESRI Shapefile");
        auto srs = wgs84();
        OGRLayer* l = ds->CreateLayer("fas", srs.get(), wkbPoint, nullptr);
        OGRFieldDefn nama("nama", OFTString), jenis("jenis", OFTString);
        l->CreateField(&nama);
        l->CreateField(&jenis);
        for (int i = 0; i < 20; ++i) {
            OGRFeature f(l->GetLayerDefn());
            f.SetField("nama", ("Sekolah " + std::to_string(i)).c_str());
            f.SetField("jenis", "sekolah");
            OGRPoint pt(113.4 + 0.001 * i, -7.1);
            f.SetGeometry(&pt);
            REQUIRE(l->CreateFeature(&f) == OGRERR_NONE);
        }
    }
    std::filesystem::resize_file(path, std::filesystem::file_size(path) - 28 * 5);  // the last 5 points gone
    Project p;
    ImportOptions o;
    o.target = ImportTarget::Facilities;
    const InputError e = expect_refused(p, path, o);
    CHECK(e.where().layer == "fas");
}

TEST_CASE("files GDAL cannot open are described: empty, text, unknown binary", "[io][damaged]") {
    TempDir dir;
    test::write_text(dir / "empty.gpkg", "");
    test::write_text(dir / "notes.tif", "nama,kode\nDesa A,1\n");
    test::write_text(dir / "blob.dat", std::string("\x7f\x01\x02\x03\x00\x00", 6));
    CHECK(describe_unreadable(dir / "empty.gpkg") == "the file is empty (0 bytes)");
    CHECK_THAT(describe_unreadable(dir / "notes.tif"), Catch::StartsWith("a text file") && Catch::Contains("'nama,kode'"));
    CHECK_THAT(describe_unreadable(dir / "blob.dat"), Catch::Contains("starting 7f 01 02 03"));
    CHECK(describe_unreadable(dir / "missing.gpkg") == "the file does not exist");
    try {
        open_raster(dir / "notes.tif");
        FAIL("a text file opened as a raster");
    } catch (const InputError& e) {
        CHECK_THAT(e.reason(), Catch::Contains("a text file"));
    }
}

TEST_CASE("GdalErrorCapture sees this thread's errors only, and nests", "[gdal][damaged]") {
    gdal_init();
    GdalErrorCapture outer;
    {
        GdalErrorCapture inner;
        CPLError(CE_Failure, CPLE_AppDefined, "inner failure");
        CHECK(inner.failed());
        CHECK(inner.message() == "inner failure");
    }
    CHECK_FALSE(outer.failed());
    CPLError(CE_Warning, CPLE_AppDefined, "a warning");
    CHECK_FALSE(outer.failed());
    CHECK(outer.warnings().size() == 1);
    std::thread other([] { CPLError(CE_Failure, CPLE_AppDefined, "another thread"); });
    other.join();
    CHECK_FALSE(outer.failed());
    CPLError(CE_Failure, CPLE_AppDefined, "outer failure");
    CHECK_THROWS_AS(outer.check({"f.gpkg", "desa"}, "cannot be read"), InputError);
}

namespace {
// A population GeoTIFF of n x n cells of 30" near Pamekasan, every cell `value` but one `odd`.
void write_population_tiff(const std::string& path, int n, float value, float odd) {
    gdal_init();
    auto* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    REQUIRE(drv);
    GDALDatasetUniquePtr ds(drv->Create(path.c_str(), n, n, 1, GDT_Float32, nullptr));
    REQUIRE(ds);
    double gt[6] = {113.4, 1.0 / 120, 0, -7.1, 0, -1.0 / 120};
    ds->SetGeoTransform(gt);
    auto srs = wgs84();
    ds->SetSpatialRef(srs.get());
    std::vector<float> cells(std::size_t(n * n), value);
    cells[5] = odd;
    REQUIRE(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, n, n, cells.data(), n, n, GDT_Float32, 0, 0) == CE_None);
}
}  // namespace

TEST_CASE("a population raster: impossible cell values and a truncated file are refused", "[io][raster][damaged]") {
    TempDir dir;
    const std::string good = dir / "pop.tif";
    write_population_tiff(good, 64, 25.5f, 30.0f);
    CHECK(read_population_raster(good).cells.size() == 64 * 64);
    const std::string huge = dir / "pop_huge.tif";
    write_population_tiff(huge, 64, 25.5f, 1e12f);
    try {
        read_population_raster(huge);
        FAIL("a cell of 10^12 persons was read");
    } catch (const InputError& e) {
        CHECK(e.where().feature == "pixel 5,0");
    }
    const std::string cut = dir / "pop_cut.tif";
    test::write_text(cut, test::read_bytes(good).substr(0, 8 * 1024));  // the strips after 8 KB are gone
    try {
        read_population_raster(cut);
        FAIL("a truncated raster was read");
    } catch (const InputError& e) {
        CHECK_THAT(e.reason(), Catch::Contains("damaged"));
        CHECK_THAT(e.where().feature, Catch::StartsWith("row "));
    }
}

TEST_CASE("the project loader holds numbers to the model's bounds (a year of 4294969321 no longer wraps to 2025)",
          "[io][project][numbers]") {
    struct Case {
        const char* sql;
        const char* field;
    };
    const Case cases[] = {
        {"UPDATE initiatives SET start_year = 4294969321", "start_year"},
        {"UPDATE initiatives SET end_year = 2147483647", "end_year"},
        {"UPDATE initiatives SET budget_rp = -300", "budget_rp"},
        {"UPDATE initiatives SET radius_m = -500", "radius_m"},
        {"UPDATE facilities SET radius_m = 1e9", "radius_m"},
        {"UPDATE initiatives SET start_year = 2030, end_year = 2025", "end_year"},
        {"UPDATE desa SET population = 1e308", "population"},
        {"UPDATE desa SET population = -1", "population"},
        {"UPDATE population_grid SET population = 2e7", "population"},
        {"UPDATE settings SET value = '99999' WHERE key = 'period_end'", "value"},
    };
    for (const Case& c : cases) {
        INFO(c.sql);
        TempDir dir;
        const std::string path = dir / "p.gpkg";
        save_project(test::sample_project(), path);
        REQUIRE_NOTHROW(load_project(path));
        gpkg_sql(path, c.sql);
        bool refused = false;
        try {
            load_project(path);
        } catch (const InputError& e) {
            refused = true;
            CHECK(e.where().file == path);
            CHECK_FALSE(e.where().feature.empty());
            CHECK(e.where().field == c.field);
        }
        CHECK(refused);
    }
}
