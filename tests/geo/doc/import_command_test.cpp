// Importing a layer through the document: one undoable command, the engine rebuilt so that the
// figures include the imported features; errors leave the document as it was.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "geo/analysis/engine.h"
#include "geo/doc/document.h"
#include "geo/doc/import_command.h"
#include "geo/error.h"

using namespace pc;
namespace fs = std::filesystem;

namespace {

// Four square desa of 0.01° near Pasuruan (≈ 1.1 km), 1000 persons each, no facility yet.
Project four_desa() {
    Project p;
    p.settings.name = "Impor uji";
    p.settings.district_code = "99.98";
    p.settings.facility_types = default_facility_types();
    p.settings.opd = default_opd_list();
    p.settings.period_start = 2025;
    p.settings.period_end = 2029;
    const double lon0 = 112.80, lat0 = -7.75, d = 0.01;
    AdminUnit kec;
    kec.id = new_uuid();
    kec.level = AdminLevel::Kecamatan;
    kec.code = "99.98.01";
    kec.name = "Kecamatan Uji";
    kec.population = 4000;
    kec.geometry = Geometry::rectangle(lon0, lat0, lon0 + 2 * d, lat0 + 2 * d);
    p.kecamatan.push_back(kec);
    for (int i = 0; i < 4; ++i) {
        AdminUnit u;
        u.id = new_uuid();
        u.level = AdminLevel::Desa;
        u.code = "99.98.01.200" + std::to_string(i + 1);
        u.name = "Desa " + std::to_string(i + 1);
        u.parent_code = kec.code;
        u.population = 1000;
        double x = lon0 + (i % 2) * d, y = lat0 + (i / 2) * d;
        u.geometry = Geometry::rectangle(x, y, x + d, y + d);
        p.desa.push_back(u);
    }
    return p;
}

std::string write_csv(const std::string& name, const std::string& text) {
    auto path = fs::temp_directory_path() / ("pc_import_cmd_" + std::to_string(::getpid()) + "_" + name);
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
}

}  // namespace

TEST_CASE("import as a document command: applied, undone, redone, the figures follow", "[doc][import]") {
    const Project original = four_desa();
    Document doc(original);
    const ServiceCoverage* before = doc.analysis().service("puskesmas");
    CHECK((!before || before->district.covered_population == 0));

    // Latitude before longitude, decimal commas, semicolons: as planners' spreadsheets are.
    const std::string csv = write_csv("puskesmas.csv",
                                      "lintang;bujur;nama_fasilitas;jenis;radius\n"
                                      "-7,745;112,805;Puskesmas Uji;puskesmas;200\n");
    ImportOptions o;
    o.target = ImportTarget::Facilities;
    o.replace = false;
    o.mapping.lat = "lintang";
    o.mapping.lon = "bujur";
    o.mapping.name = "nama_fasilitas";
    o.mapping.radius = "radius";
    auto edit = make_import(doc.project(), csv, o);
    CHECK(edit.report.imported == 1);
    CHECK(doc.project() == original);  // making the command changes nothing
    doc.execute(std::move(edit.command));

    REQUIRE(doc.project().facilities.size() == 1);
    const Facility& f = doc.project().facilities[0];
    CHECK(f.name == "Puskesmas Uji");
    CHECK(f.type == "puskesmas");
    CHECK(f.radius_m == 200);
    CHECK(f.geometry == Geometry::point(112.805, -7.745));
    CHECK(doc.dirty());
    CHECK(doc.can_undo());
    CHECK(doc.undo_command()->label() == "Import 1 facilities from " + fs::path(csv).filename().string());

    // The buffer (32-gon of radius 200 m: 16·r²·sin(π/16) = 0.124858 km²) lies inside desa 1, whose
    // 1000 persons are spread evenly: covered persons = 1000 · covered / area.
    const ServiceCoverage* s = doc.analysis().service("puskesmas");
    REQUIRE(s);
    const double polygon_km2 = 16 * 0.2 * 0.2 * std::sin(M_PI / 16);
    CHECK(s->district.covered_km2 == Approx(polygon_km2).epsilon(0.002));
    REQUIRE(s->desa.size() == 4);
    const UnitMetrics& d1 = s->desa[0];
    CHECK(d1.covered_km2 == Approx(polygon_km2).epsilon(0.002));
    CHECK(d1.covered_population == Approx(1000 * d1.covered_km2 / d1.area_km2).epsilon(1e-9));
    CHECK(s->desa[3].covered_population == 0);
    // And equal to a fresh engine over the same project.
    Project expected = original;
    expected.facilities.push_back(f);
    CoverageEngine fresh(expected);
    const auto full = fresh.run(expected);
    CHECK(s->district.covered_population == Approx(full.service("puskesmas")->district.covered_population).epsilon(1e-12));

    doc.undo();
    CHECK(doc.project() == original);
    CHECK_FALSE(doc.dirty());
    const ServiceCoverage* undone = doc.analysis().service("puskesmas");
    CHECK((!undone || undone->district.covered_population == 0));
    doc.redo();
    CHECK(doc.project() == expected);
    CHECK(doc.analysis().service("puskesmas")->district.covered_km2 == Approx(polygon_km2).epsilon(0.002));
    fs::remove(csv);
}

TEST_CASE("an import that adds a facility type, or replaces a layer, undoes exactly", "[doc][import]") {
    const Project original = four_desa();
    Document doc(original);
    const std::string csv = write_csv("menara.csv", "lat,lon,name,type\n-7.744,112.815,Menara 1,menara_air\n");
    ImportOptions o;
    o.target = ImportTarget::Facilities;
    auto edit = make_import(doc.project(), csv, o);
    const auto layers = edit.command->layers();
    CHECK(std::find(layers.begin(), layers.end(), DocLayer::Settings) != layers.end());
    doc.execute(std::move(edit.command));
    REQUIRE(doc.project().facility_type("menara_air"));
    doc.undo();
    CHECK(doc.project() == original);
    CHECK_FALSE(doc.project().facility_type("menara_air"));

    // Replacing the desa: four become one; undo brings the four back.
    const std::string desa = write_csv("desa.csv", "kode,nama,penduduk,wkt\n"
                                                   "99.98.01.2009,Desa Baru,2500,\"POLYGON((112.80 -7.75,112.82 -7.75,112.82 -7.73,112.80 -7.73,112.80 -7.75))\"\n");
    ImportOptions od;
    od.target = ImportTarget::Desa;
    doc.execute(make_import(doc.project(), desa, od).command);
    REQUIRE(doc.project().desa.size() == 1);
    CHECK(doc.project().desa[0].population == 2500);
    CHECK(doc.analysis().services.size() > 0);  // the engine was rebuilt over the new desa
    doc.undo();
    CHECK(doc.project().desa == original.desa);
    fs::remove(csv);
    fs::remove(desa);
}

TEST_CASE("a bad import throws with file and field and leaves the document untouched", "[doc][import][bad]") {
    const Project original = four_desa();
    Document doc(original);
    const std::string csv = write_csv("bad.csv", "lat;lon;nama;jenis\n-7,745;abc;Rusak;puskesmas\n");
    ImportOptions o;
    o.target = ImportTarget::Facilities;
    try {
        make_import(doc.project(), csv, o);
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("bad.csv") != std::string::npos);
        CHECK(std::string(e.what()).find("lon") != std::string::npos);
    }
    CHECK(doc.project() == original);
    CHECK_FALSE(doc.can_undo());
    CHECK_FALSE(doc.dirty());
    fs::remove(csv);
}
