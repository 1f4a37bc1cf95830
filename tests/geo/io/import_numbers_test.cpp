// Numbers where they enter through import and the population join: as planners write them, within
// the model's bounds, and refused naming file, layer, feature and field when they are not.
#include <catch2/catch.hpp>

#include <string>

#include "geo/crs.h"
#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/io/import.h"
#include "io_test_util.h"

using namespace pc;
using pc::test::TempDir;

namespace {

ImportOptions as(ImportTarget t) {
    ImportOptions o;
    o.target = t;
    return o;
}

InputError refused(const std::string& path, ImportTarget t) {
    Project p;
    return test::expect_refused(p, path, as(t));
}

const std::string kPoint = "POINT(113.5 -7.1)";

}  // namespace

TEST_CASE("initiative budgets and years as planners write them in a CSV", "[io][import][numbers]") {
    TempDir dir;
    const std::string path = dir / "inisiatif.csv";
    test::write_text(path,
                     "nama;pilar;tahun_mulai;tahun_selesai;anggaran_rp;wkt\n"
                     "A;governance;2025;2027;Rp 1.500.000,50;" + kPoint + "\n"
                     "B;economy;2025.0;2026,0;Rp 2,5 M;" + kPoint + "\n"
                     "C;living;2026;;750 juta;" + kPoint + "\n"
                     "D;society;;;1,2 T;" + kPoint + "\n"
                     "E;branding;2025;2025;IDR 1,500,000.49;" + kPoint + "\n");
    Project p;
    import_layer(p, path, as(ImportTarget::Initiatives));
    REQUIRE(p.initiatives.size() == 5);
    CHECK(p.initiatives[0].budget_rp == 1'500'001);  // halves up
    CHECK(p.initiatives[0].start_year == 2025);
    CHECK(p.initiatives[0].end_year == 2027);
    CHECK(p.initiatives[1].budget_rp == 2'500'000'000);
    CHECK(p.initiatives[1].start_year == 2025);  // not 20250
    CHECK(p.initiatives[1].end_year == 2026);
    CHECK(p.initiatives[2].budget_rp == 750'000'000);
    CHECK(p.initiatives[2].end_year == 2026);  // no end year: the start year
    CHECK(p.initiatives[3].budget_rp == 1'200'000'000'000);
    CHECK(p.initiatives[3].start_year == 0);
    CHECK(p.initiatives[4].budget_rp == 1'500'000);
}

TEST_CASE("initiative numbers out of bounds are refused, naming the feature and field", "[io][import][numbers]") {
    TempDir dir;
    struct Case {
        const char* start;
        const char* end;
        const char* budget;
        const char* radius;
        const char* field;
    };
    const Case cases[] = {
        {"2025", "99999", "100", "", "tahun_selesai"},
        {"-2147483648", "2147483647", "100", "", "tahun_mulai"},
        {"4294969321", "2025", "100", "", "tahun_mulai"},
        {"2025", "2029", "-300", "", "anggaran_rp"},
        {"2025", "2029", "12345678901234567890123", "", "anggaran_rp"},
        {"2025", "2029", "100", "-500", "radius_m"},
        {"2025", "2029", "100", "1000000000", "radius_m"},
        {"2025", "2029", "seratus", "", "anggaran_rp"},
    };
    for (const Case& c : cases) {
        const std::string path = dir / "inisiatif.csv";
        test::write_text(path, std::string("nama,pilar,tahun_mulai,tahun_selesai,anggaran_rp,radius_m,lon,lat\n") + "Ekstrem,governance," +
                                   c.start + "," + c.end + "," + c.budget + "," + c.radius + ",113.5,-7.1\n");
        INFO(c.start << " " << c.end << " " << c.budget << " " << c.radius);
        const InputError e = refused(path, ImportTarget::Initiatives);
        CHECK(e.where().file == path);
        CHECK(e.where().field == c.field);
        CHECK_THAT(e.where().feature, Catch::Contains("Ekstrem"));
    }
}

TEST_CASE("an initiative radius of 0 means no service area, a facility's is refused", "[io][import][numbers]") {
    TempDir dir;
    const std::string ini = dir / "ini.csv";
    test::write_text(ini, "nama,pilar,radius_m,lon,lat\nPelatihan,society,0,113.5,-7.1\nWifi,governance,1.500,113.5,-7.1\n");
    Project p;
    import_layer(p, ini, as(ImportTarget::Initiatives));
    REQUIRE(p.initiatives.size() == 2);
    CHECK_FALSE(p.initiatives[0].radius_m);
    CHECK(p.initiatives[1].radius_m == 1500.0);  // "1.500": Indonesian thousands
    const std::string fas = dir / "fas.csv";
    for (const char* r : {"-500", "0", "1e9"}) {
        test::write_text(fas, std::string("nama,jenis,radius_m,lon,lat\nPuskesmas A,puskesmas,") + r + ",113.5,-7.1\n");
        INFO(r);
        const InputError e = refused(fas, ImportTarget::Facilities);
        CHECK(e.where().field == "radius_m");  // not silently the type's default
    }
}

TEST_CASE("numbers in typed columns: a year cell 2025.0, budgets past 2^53, populations out of bounds", "[io][import][numbers]") {
    TempDir dir;
    const std::string path = dir / "typed.gpkg";
    {
        auto ds = create_vector(path, "GPKG");
        auto srs = wgs84();
        OGRLayer* l = ds->CreateLayer("inisiatif", srs.get(), wkbPoint, nullptr);
        OGRFieldDefn nama("nama", OFTString), pilar("pilar", OFTString), mulai("tahun_mulai", OFTReal),
            anggaran("anggaran_rp", OFTInteger64);
        for (auto* f : {&nama, &pilar, &mulai, &anggaran}) REQUIRE(l->CreateField(f) == OGRERR_NONE);
        OGRFeature f(l->GetLayerDefn());
        f.SetField("nama", "A");
        f.SetField("pilar", "economy");
        f.SetField("tahun_mulai", 2025.0);
        f.SetField("anggaran_rp", GIntBig(9'007'199'254'740'993));  // 2^53 + 1: kept exactly
        OGRPoint pt(113.5, -7.1);
        f.SetGeometry(&pt);
        REQUIRE(l->CreateFeature(&f) == OGRERR_NONE);
    }
    Project p;
    import_layer(p, path, as(ImportTarget::Initiatives));
    REQUIRE(p.initiatives.size() == 1);
    CHECK(p.initiatives[0].start_year == 2025);
    CHECK(p.initiatives[0].budget_rp == 9'007'199'254'740'993);

    const std::string desa = dir / "desa.csv";
    const std::string square = "\"POLYGON((113.4 -7.1,113.41 -7.1,113.41 -7.09,113.4 -7.09,113.4 -7.1))\"";
    test::write_text(desa, "kode,nama,penduduk,wkt\n1,Desa Besar,1e308," + square + "\n");
    CHECK(refused(desa, ImportTarget::Desa).where().field == "penduduk");
    test::write_text(desa, "kode,nama,penduduk,wkt\n1,Desa Besar,-5," + square + "\n");
    CHECK(refused(desa, ImportTarget::Desa).where().field == "penduduk");
    test::write_text(desa, "kode,nama,penduduk,wkt\n1,Desa Padat,250.000," + square + "\n");
    Project q;
    const ImportReport rep = import_layer(q, desa, as(ImportTarget::Desa));
    REQUIRE(q.desa.size() == 1);
    CHECK(q.desa[0].population == 250000.0);
    bool warned = false;
    for (auto& w : rep.warnings) warned |= w.find("more than any desa") != std::string::npos;
    CHECK(warned);
}

TEST_CASE("join_population: numbers as written, impossible ones refused, implausible ones warned", "[io][join][numbers]") {
    TempDir dir;
    Project p;
    for (int i = 0; i < 3; ++i) {
        AdminUnit u;
        u.id = new_uuid();
        u.code = "35.28.01.200" + std::to_string(i + 1);
        u.geometry = test::square(113.4 + 0.01 * i, -7.1, 0.01);
        p.desa.push_back(u);
    }
    const std::string table = dir / "penduduk.csv";
    test::write_text(table, "kode,penduduk\n35.28.01.2001,12.345\n35.28.01.2002,\"1.234,5\"\n35.28.01.2003,250 000\n");
    const PopulationJoinReport r = join_population(p, table, "kode", "penduduk");
    CHECK(p.desa[0].population == 12345.0);
    CHECK(p.desa[1].population == 1234.5);
    CHECK(p.desa[2].population == 250000.0);
    REQUIRE(r.warnings.size() == 1);
    CHECK_THAT(r.warnings[0], Catch::Contains("row 3"));
    for (const char* bad : {"1e308", "-5", "banyak", "10.000.001"}) {
        test::write_text(table, std::string("kode,penduduk\n35.28.01.2001,") + bad + "\n");
        const Project before = p;
        INFO(bad);
        try {
            join_population(p, table, "kode", "penduduk");
            FAIL("joined " << bad);
        } catch (const InputError& e) {
            CHECK(e.where().field == "penduduk");
            CHECK(e.where().feature == "row 1");
        }
        CHECK(p == before);
    }
}
