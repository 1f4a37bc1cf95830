// Import preview, the population join, and Indonesian CRS (DGN95, its TM-3 zones, UTM 46N-54S)
// checked against PROJ's own cs2cs run here.
#include <catch2/catch.hpp>

#include <cstdio>
#include <memory>

#include "geo/crs.h"
#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/io/import.h"
#include "geo/io/project_file.h"
#include "io_test_util.h"
#include "skip.h"

using namespace pc;
using pc::test::TempDir;

namespace {

Project desa_project() {
    Project p;
    p.settings.facility_types = default_facility_types();
    for (auto code : {"35.14.24.2005", "35.14.24.2006", "35.14.24.1001"}) {
        AdminUnit u;
        u.id = new_uuid();
        u.code = code;
        u.name = code;
        u.population = 7;
        u.geometry = test::square(112.9, -7.9, 0.01);
        p.desa.push_back(u);
    }
    return p;
}

// Runs a command and returns its standard output ("" when it cannot run).
std::string run(const std::string& cmd) {
    std::unique_ptr<FILE, int (*)(FILE*)> f(popen(cmd.c_str(), "r"), pclose);
    if (!f) return "";
    std::string out;
    char buf[512];
    while (std::fgets(buf, sizeof buf, f.get())) out += buf;
    return out;
}

}  // namespace

TEST_CASE("Import preview shows the guessed mapping and the first rows without importing", "[io][import][preview]") {
    TempDir dir;
    test::write_text(dir / "f.csv", "nama;jenis;lintang;bujur\nPuskesmas A;puskesmas;-7,5;112,75\nSD B;sekolah;-7,6;112,8\nX;bts;-7,7;112,9\n");
    ImportOptions o;
    o.target = ImportTarget::Facilities;
    auto p = preview_import(dir / "f.csv", o, 2);
    CHECK(p.layer == "f");
    CHECK(p.features == 3);
    CHECK(p.mapping.name == "nama");
    CHECK(p.mapping.type == "jenis");
    CHECK(p.mapping.lat == "lintang");
    CHECK(p.mapping.lon == "bujur");
    REQUIRE(p.rows.size() == 2);
    CHECK(p.fields == std::vector<std::string>{"nama", "jenis", "lintang", "bujur"});
    CHECK(p.rows[1] == std::vector<std::string>{"SD B", "sekolah", "-7,6", "112,8"});
    o.mapping.name = "jenis";
    CHECK(preview_import(dir / "f.csv", o).mapping.name == "jenis");
    o.mapping.name = "nope";
    CHECK_THROWS_AS(preview_import(dir / "f.csv", o), InputError);
}

TEST_CASE("Population join by desa code: exact or by digits, decimal comma, dotted thousands, report", "[io][import][join]") {
    TempDir dir;
    Project p = desa_project();
    test::write_text(dir / "pop.csv",
                     "kode,penduduk\n35.14.24.2005,\"1.234\"\n3514242006,\"2345,5\"\n35.14.99.9999,10\n,5\n");
    auto r = join_population(p, dir / "pop.csv", "kode", "penduduk");
    CHECK(r.rows == 3);
    CHECK(r.matched == 2);
    CHECK(p.desa[0].population == 1234.0);
    CHECK(p.desa[1].population == 2345.5);
    CHECK(p.desa[2].population == 7.0);  // not in the table: unchanged
    CHECK(r.unmatched_codes == std::vector<std::string>{"35.14.99.9999"});
    CHECK(r.desa_without_row == std::vector<std::string>{"35.14.24.1001"});

    Project before = desa_project();
    Project q = before;
    test::write_text(dir / "dup.csv", "kode,penduduk\n35.14.24.2005,1\n3514242005,2\n");
    CHECK_THROWS_WITH(join_population(q, dir / "dup.csv", "kode", "penduduk"), Catch::Contains("duplicate code"));
    CHECK(q == before);
    test::write_text(dir / "bad.csv", "kode,penduduk\n35.14.24.2005,banyak\n");
    CHECK_THROWS_WITH(join_population(q, dir / "bad.csv", "kode", "penduduk"), Catch::Contains("row 1"));
    CHECK_THROWS_WITH(join_population(q, dir / "bad.csv", "kode", "jumlah"), Catch::Contains("jumlah"));
    CHECK(q == before);
}

TEST_CASE("Population join reads an XLSX table", "[io][import][join]") {
    TempDir dir;
    {
        auto ds = create_vector(dir / "pop.xlsx", "XLSX");
        OGRLayer* l = ds->CreateLayer("Sheet1", nullptr, wkbNone);
        OGRFieldDefn k("kode", OFTString), v("penduduk", OFTInteger);
        REQUIRE(l->CreateField(&k) == OGRERR_NONE);
        REQUIRE(l->CreateField(&v) == OGRERR_NONE);
        OGRFeatureUniquePtr f(OGRFeature::CreateFeature(l->GetLayerDefn()));
        f->SetField("kode", "35.14.24.1001");
        f->SetField("penduduk", 4321);
        REQUIRE(l->CreateFeature(f.get()) == OGRERR_NONE);
    }
    Project p = desa_project();
    auto r = join_population(p, dir / "pop.xlsx", "kode", "penduduk");
    CHECK(r.matched == 1);
    CHECK(p.desa[2].population == 4321.0);
}

TEST_CASE("DGN95, its TM-3 zones and UTM 46N-54S import to the lon/lat PROJ's cs2cs gives", "[io][import][crs]") {
    if (run("command -v cs2cs").empty()) return test::skip("cs2cs (proj-bin) not installed: no check against PROJ's command line");
    struct Case {
        int epsg;
        double x, y;  // in the CRS's own axis order for cs2cs input
        bool geographic;
    };
    std::vector<Case> cases;
    cases.push_back({4755, -7.5, 112.75, true});  // DGN95 geographic: lat lon
    for (int e = 23830; e <= 23845; ++e) cases.push_back({e, 250000.123, 1100000.456, false});  // TM-3: E N
    for (int z = 46; z <= 54; ++z) {
        // Inside Indonesia's extent (lon 94..142): east of 94 in zone 46, west of 142 in zone 54.
        const double e = z == 46 ? 700000.25 : z == 54 ? 400000.25 : 600000.25;
        cases.push_back({32600 + z, e, 300000.75, false});   // UTM zN
        cases.push_back({32700 + z, e, 9400000.75, false});  // UTM zS
    }
    TempDir dir;
    for (auto& c : cases) {
        const std::string crs = "EPSG:" + std::to_string(c.epsg);
        INFO(crs);
        char cmd[256];
        std::snprintf(cmd, sizeof cmd, "echo '%.6f %.6f' | cs2cs -f %%.12f %s EPSG:4326", c.x, c.y, crs.c_str());
        double lat = 0, lon = 0;
        REQUIRE(std::sscanf(run(cmd).c_str(), "%lf %lf", &lat, &lon) == 2);  // EPSG:4326 out: lat lon
        // A GeoPackage in that CRS holding the point, in GIS order (x = easting / longitude).
        const std::string file = dir / ("p" + std::to_string(c.epsg) + ".gpkg");
        {
            auto ds = create_vector(file, "GPKG");
            auto srs = make_srs(crs);
            OGRLayer* l = ds->CreateLayer("titik", srs.get(), wkbPoint);
            OGRFieldDefn n("nama", OFTString);
            REQUIRE(l->CreateField(&n) == OGRERR_NONE);
            OGRFeatureUniquePtr f(OGRFeature::CreateFeature(l->GetLayerDefn()));
            f->SetField("nama", crs.c_str());
            OGRPoint pt = c.geographic ? OGRPoint(c.y, c.x) : OGRPoint(c.x, c.y);
            f->SetGeometry(&pt);
            REQUIRE(l->CreateFeature(f.get()) == OGRERR_NONE);
        }
        Project p;
        p.settings.facility_types = default_facility_types();
        ImportOptions o;
        o.target = ImportTarget::Facilities;
        o.facility_type = "bts";
        auto rep = import_layer(p, file, o);
        CHECK(rep.source_crs == crs);
        REQUIRE(p.facilities.size() == 1);
        auto& g = p.facilities[0].geometry;
        REQUIRE(g.kind == GeometryKind::Point);
        CHECK(std::abs(g.points[0].x - lon) < 1e-9);
        CHECK(std::abs(g.points[0].y - lat) < 1e-9);
    }
}

TEST_CASE("Import preview of a project GeoPackage's initiatives counts the line and polygon layers read with them",
          "[io][import][preview][kinds]") {
    TempDir dir;
    Project p = test::sample_project();  // initiatives: a point, a line, a polygon
    save_project(p, dir / "p.gpkg");
    ImportOptions o;
    o.target = ImportTarget::Initiatives;
    o.layer = "initiatives";
    auto pv = preview_import(dir / "p.gpkg", o);
    CHECK(pv.layer == "initiatives+initiatives_line+initiatives_polygon");
    CHECK(pv.features == 3);
    Project q;
    auto rep = import_layer(q, dir / "p.gpkg", o);
    CHECK(rep.layer == pv.layer);
    CHECK(q.initiatives == p.initiatives);
    // Another target reads the named layer only.
    o.target = ImportTarget::Zones;
    o.layer = "zones";
    CHECK(preview_import(dir / "p.gpkg", o).layer == "zones");
}
