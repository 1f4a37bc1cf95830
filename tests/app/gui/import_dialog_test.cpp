// File > Import layer in the application: the in-app file dialog (listing, filters, typed paths),
// the import dialog (the core's preview and guessed mapping, changed by the user), the import as
// one undoable command, checked through the document and the pixels; and the unsaved-changes guard
// when another project is opened. Screenshot: <build>/screenshots/import_dialog.png.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app.h"
#include "geo/doc/import_command.h"
#include "geo/gdal.h"
#include "geo/io/project_file.h"
#include "geo/crs.h"
#include "file_dialog.h"
#include "render/i18n.h"
#include "panel_import.h"
#include "window_test.h"

using namespace pc;
using namespace pc::gui;
using namespace pc::gui::test;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string& name) {
    fs::path d = fs::temp_directory_path() / ("pc_gui_import_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

void touch(const fs::path& p, const std::string& text = "x") { std::ofstream(p, std::ios::binary) << text; }

void render(App& app, int frames = 2) {
    for (int i = 0; i < frames; ++i) app.frame();
    app.request_capture();
    app.frame();
}

// "-7,123456789" — decimal comma, as Indonesian spreadsheets write numbers.
std::string comma(double v) {
    char b[40];
    std::snprintf(b, sizeof b, "%.9f", v);
    std::string s = b;
    for (auto& c : s)
        if (c == '.') c = ',';
    return s;
}

}  // namespace

TEST_CASE("gui: the file dialog lists folders first, filters by extension, hides dot files", "[gui][files]") {
    const fs::path d = fresh_dir("list");
    fs::create_directories(d / "Zeta");
    fs::create_directories(d / "alpha");
    fs::create_directories(d / ".hidden");
    touch(d / "b.GPKG");
    touch(d / "a.gpkg", "12345");
    touch(d / "c.csv");
    touch(d / ".secret.gpkg");
    auto all = list_directory(d.string(), {});
    REQUIRE(all.size() == 5);
    CHECK(all[0] == DirEntry{"alpha", true, 0});
    CHECK(all[1] == DirEntry{"Zeta", true, 0});
    CHECK(all[2] == DirEntry{"a.gpkg", false, 5});
    CHECK(all[3].name == "b.GPKG");
    CHECK(all[4].name == "c.csv");
    auto gpkg = list_directory(d.string(), {".gpkg"});
    REQUIRE(gpkg.size() == 4);
    CHECK(gpkg[2].name == "a.gpkg");
    CHECK(gpkg[3].name == "b.GPKG");  // extensions match whatever their case
    std::string err;
    CHECK(list_directory((d / "missing").string(), {}, &err).empty());
    CHECK(err.find("missing") != std::string::npos);

    FileDialog fd;
    fd.open("Buka", "t", FileDialog::Mode::Open, {{"GeoPackage", {".gpkg"}}}, (d / "a.gpkg").string());
    CHECK(fd.folder() == d.string());
    fd.typed() = "alpha";  // a folder: entered, nothing chosen
    CHECK_FALSE(fd.confirm());
    CHECK(fd.folder() == (d / "alpha").string());
    fd.go_up();
    CHECK(fd.folder() == d.string());
    fd.typed() = "nope.gpkg";  // Open wants an existing file
    CHECK_FALSE(fd.confirm());
    CHECK(fd.error().find("nope.gpkg") != std::string::npos);
    fd.typed() = "../" + d.filename().string() + "/a.gpkg";  // relative paths resolve against the folder
    CHECK(fd.confirm() == (d / "a.gpkg").string());
    CHECK_FALSE(fd.is_open());

    FileDialog save;
    save.open("Simpan", "s", FileDialog::Mode::Save, {{"GeoPackage", {".gpkg"}}}, (d / "proyek.gpkg").string());
    CHECK(save.typed() == "proyek.gpkg");
    save.typed() = "baru";  // the filter's extension is added
    CHECK(save.confirm() == (d / "baru.gpkg").string());
    save.open("Simpan", "s", FileDialog::Mode::Save, {{"GeoPackage", {".gpkg"}}}, d.string());
    save.typed() = "a";  // a.gpkg exists: the first OK warns, the second replaces
    CHECK_FALSE(save.confirm());
    CHECK(save.error().find("a.gpkg") != std::string::npos);
    CHECK(save.is_open());
    CHECK(save.confirm() == (d / "a.gpkg").string());
    fs::remove_all(d);
}

TEST_CASE("gui: the import dialog's model follows the core's preview and the user's mapping", "[gui][files]") {
    const fs::path d = fresh_dir("model");
    touch(d / "fasilitas.csv", "lintang;bujur;nama_fasilitas;keterangan;jenis\n-7,7;112,8;A;x;wifi\n-7,71;112,81;B;y;wifi\n");
    ImportDialog dlg;
    dlg.load((d / "fasilitas.csv").string());
    REQUIRE(dlg.preview);
    CHECK(dlg.error.empty());
    CHECK(dlg.options.target == ImportTarget::Facilities);  // from the file name
    CHECK_FALSE(dlg.options.replace);                        // facilities are added by default
    CHECK(dlg.preview->mapping.lat == "lintang");
    CHECK(dlg.preview->mapping.lon == "bujur");
    CHECK(dlg.preview->mapping.type == "jenis");
    CHECK(dlg.preview->rows.size() == 2);
    // No geometry column: lon/lat/WKT slots are offered besides name, type and radius.
    std::vector<std::string> labels;
    for (auto& s : dlg.slots()) labels.push_back(s.first);
    CHECK(labels == std::vector<std::string>{"Name", "Type", "Service radius (m)", "Longitude", "Latitude", "WKT geometry"});
    dlg.options.mapping.name = "keterangan";
    dlg.refresh();
    CHECK(dlg.preview->mapping.name == "keterangan");
    dlg.options.mapping.name = "no_such_field";
    dlg.refresh();
    CHECK_FALSE(dlg.preview);
    CHECK(dlg.error.find("no_such_field") != std::string::npos);
    fs::remove_all(d);
}

TEST_CASE("gui: a BIG-style desa Shapefile in UTM is recognised by the import dialog and imported as desa", "[gui][files]") {
    const fs::path d = fresh_dir("big");
    const std::string shp = (d / "ADMINISTRASIDESA_AR_25K.shp").string();
    {
        // BIG's field names; two desa squares in UTM 49S (EPSG:32749).
        auto ds = create_vector(shp, "ESRI Shapefile");
        auto srs = make_srs("EPSG:32749");
        OGRLayer* l = ds->CreateLayer("ADMINISTRASIDESA_AR_25K", srs.get(), wkbPolygon, nullptr);
        for (const char* f : {"NAMOBJ", "KDEPUM", "KDCPUM", "WADMKC", "PENDUDUK"}) {
            OGRFieldDefn fd(f, std::string(f) == "PENDUDUK" ? OFTInteger : OFTString);
            REQUIRE(l->CreateField(&fd) == OGRERR_NONE);
        }
        for (int i = 0; i < 2; ++i) {
            OGRFeatureUniquePtr f(OGRFeature::CreateFeature(l->GetLayerDefn()));
            f->SetField("NAMOBJ", i == 0 ? "Sumberrejo" : "Tanjungsari");
            f->SetField("KDEPUM", i == 0 ? "35.14.01.2001" : "35.14.01.2002");
            f->SetField("KDCPUM", "35.14.01");
            f->SetField("WADMKC", "Purwodadi");
            f->SetField("PENDUDUK", 3000 + i);
            OGRPolygon poly;
            OGRLinearRing ring;
            const double x = 700000 + 1000 * i, y = 9140000;
            for (auto [dx, dy] : {std::pair{0, 0}, {1000, 0}, {1000, 1000}, {0, 1000}, {0, 0}}) ring.addPoint(x + dx, y + dy);
            poly.addRing(&ring);
            f->SetGeometry(&poly);
            REQUIRE(l->CreateFeature(f.get()) == OGRERR_NONE);
        }
    }
    ImportDialog dlg;
    dlg.load(shp);
    REQUIRE(dlg.preview);
    CHECK(dlg.options.target == ImportTarget::Desa);  // from "DESA" in the name
    CHECK_FALSE(dlg.options.replace);                  // added to what is there unless asked (issue 12)
    CHECK(dlg.preview->crs == "EPSG:32749");
    CHECK(dlg.preview->mapping.name == "NAMOBJ");
    CHECK(dlg.preview->mapping.code == "KDEPUM");
    CHECK(dlg.preview->mapping.parent_code == "KDCPUM");
    CHECK(dlg.preview->mapping.population == "PENDUDUK");
    Project p;
    p.settings.facility_types = default_facility_types();
    Document doc(p);
    doc.execute(make_import(doc.project(), dlg.path, dlg.options).command);
    REQUIRE(doc.project().desa.size() == 2);
    CHECK(doc.project().desa[0].name == "Sumberrejo");
    CHECK(doc.project().desa[0].code == "35.14.01.2001");
    CHECK(doc.project().desa[1].population == 3001);
    // The corner 700000 E, 9140000 N of zone 49S: PROJ's cs2cs gives 112.813627 E, 7.776336 S.
    const Coord corner = doc.project().desa[0].geometry.polygons.at(0).rings.at(0).at(0);
    CHECK(corner.x == Approx(112.813627).margin(2e-6));
    CHECK(corner.y == Approx(-7.776336).margin(2e-6));
    doc.undo();
    CHECK(doc.project().desa.empty());
    fs::remove_all(d);
}

TEST_CASE("gui: File > Import layer of a CSV (lat before lon, decimal commas): document, undo and pixels", "[gui][window][files]") {
    if (!pc::test::have_display()) return;
    const fs::path d = fresh_dir("window");
    ::setenv("PC_DEMO_PROJECT", (d / "demo.gpkg").c_str(), 1);
    App app(AppOptions{});
    REQUIRE(app.settle());  // read in the background, drawn, figures computed
    Document& doc = app.doc();
    MapView& map = app.map();
    const Project original = doc.project();
    const FacilityType* wifi = original.facility_type("wifi");
    REQUIRE(wifi);
    render(app);

    // Somewhere on the map without any WiFi symbol yet; the CSV puts a WiFi point exactly there.
    const Camera& cam = map.camera;
    double x = cam.vx + cam.vw * 0.42, y = cam.vy + cam.vh * 0.35;
    for (int k = 0; k < 20 && colour_near(app, x, y, wifi->colour, 12, 10); ++k) y += 15;
    REQUIRE_FALSE(colour_near(app, x, y, wifi->colour, 12, 10));
    const Coord at = map.to_lonlat(x, y);
    const fs::path csv = d / "wifi_baru.csv";
    touch(csv, "lintang;keterangan;bujur;nama_titik;jenis;radius\n" + comma(at.y) + ";Alun-alun;" + comma(at.x) +
                   ";WiFi Alun-alun;wifi;150\n");

    // File > Import layer...: the file dialog, a typed path, OK.
    app.ui().request_import = true;
    app.frame();
    FilePanels& fp = file_panels(app.ui());
    REQUIRE(fp.dialog.is_open());
    fp.dialog.go_to(d.string());
    render(app);
    REQUIRE(app.write_png((fs::path(PC_SCREENSHOT_DIR) / "file_dialog.png").string()));
    fp.dialog.typed() = csv.string();
    fp.dialog.submit();
    app.frame();
    CHECK_FALSE(fp.dialog.is_open());
    ImportDialog& dlg = fp.import;
    REQUIRE(dlg.open);
    REQUIRE(dlg.preview);
    CHECK(dlg.preview->mapping.lat == "lintang");
    CHECK(dlg.preview->mapping.lon == "bujur");
    CHECK(dlg.preview->mapping.name.empty());  // "nama_titik" is not a name the guesser knows
    // The user picks the name field, as the mapping combo does.
    dlg.options.mapping.name = "nama_titik";
    dlg.options.mapping.radius = "radius";
    dlg.refresh();
    CHECK(dlg.preview->mapping.name == "nama_titik");
    render(app);
    REQUIRE(app.write_png((fs::path(PC_SCREENSHOT_DIR) / "import_dialog.png").string()));
    set_language(Language::English);
    render(app);
    REQUIRE(app.write_png((fs::path(PC_SCREENSHOT_DIR) / "import_dialog_en.png").string()));
    set_language(Language::Indonesian);

    // Import: read on a worker, then one command; the facility is where the CSV put it; the dialog closes.
    dlg.submit = true;
    app.frame();
    for (int i = 0; i < 500 && dlg.busy(); ++i) app.frame();
    CHECK_FALSE(dlg.busy());
    CHECK_FALSE(dlg.open);
    CHECK(dlg.error.empty());
    REQUIRE(doc.project().facilities.size() == original.facilities.size() + 1);
    const Facility& f = doc.project().facilities.back();
    CHECK(f.name == "WiFi Alun-alun");
    CHECK(f.type == "wifi");
    CHECK(f.radius_m == 150);
    REQUIRE(f.geometry.kind == GeometryKind::Point);
    CHECK(f.geometry.points[0].x == Approx(at.x).margin(1e-9));
    CHECK(f.geometry.points[0].y == Approx(at.y).margin(1e-9));
    CHECK(f.extra == std::vector<ExtraField>{{"keterangan", std::string("Alun-alun")}});
    CHECK(doc.dirty());
    CHECK(app.ui().status.find("1") != std::string::npos);
    const double covered_after = doc.analysis().service("wifi")->district.covered_km2;

    render(app);
    REQUIRE(app.write_png((fs::path(PC_SCREENSHOT_DIR) / "imported.png").string()));
    CHECK(colour_near(app, x, y, wifi->colour, 2, 10));

    doc.undo();
    CHECK(doc.project() == original);
    CHECK_FALSE(doc.dirty());
    render(app);
    CHECK_FALSE(colour_near(app, x, y, wifi->colour, 2, 10));
    CHECK(doc.analysis().service("wifi")->district.covered_km2 < covered_after);
    doc.redo();
    render(app);
    CHECK(colour_near(app, x, y, wifi->colour, 2, 10));

    // Opening another project with unsaved changes asks first; Cancel keeps the document.
    const std::string other = (d / "lain.gpkg").string();
    fs::copy_file(doc.path(), other);
    app.ui().open_path = other;
    app.frame();
    CHECK(&app.doc() == &doc);  // not replaced
    CHECK(fp.pending_open == other);
    CHECK(doc.project().facilities.size() == original.facilities.size() + 1);
    render(app);
    REQUIRE(app.write_png((fs::path(PC_SCREENSHOT_DIR) / "open_guard.png").string()));
    fp.guard_answer = FilePanels::GuardAnswer::Cancel;
    app.frame();
    CHECK(&app.doc() == &doc);
    CHECK(doc.dirty());
    CHECK(fp.pending_open.empty());

    // File > Save as... through the file dialog: a name without extension gets .gpkg.
    app.ui().request_save_as = true;
    app.frame();
    REQUIRE(fp.dialog.is_open());
    fp.dialog.typed() = (d / "dengan_wifi").string();
    fp.dialog.submit();
    app.frame();
    REQUIRE(app.settle());  // saved in the background
    CHECK(doc.path() == (d / "dengan_wifi.gpkg").string());
    CHECK_FALSE(doc.dirty());
    CHECK(load_project(doc.path()).facilities.back().name == "WiFi Alun-alun");

    // File > Open... through the file dialog: nothing unsaved, so it opens at once.
    app.ui().request_open = true;
    app.frame();
    REQUIRE(fp.dialog.is_open());
    fp.dialog.typed() = other;
    fp.dialog.submit();
    app.frame();
    REQUIRE(app.settle());  // read in the background
    CHECK(app.doc().path() == other);
    CHECK_FALSE(app.doc().dirty());
    CHECK(app.doc().project().facilities.size() == original.facilities.size());

    // Unsaved changes again (a facility deleted); Discard and open drops them.
    Document& lain = app.doc();
    lain.execute(delete_facility(lain.project(), lain.project().facilities.front().id));
    REQUIRE(lain.dirty());
    app.ui().open_path = (d / "dengan_wifi.gpkg").string();
    app.frame();
    CHECK(&app.doc() == &lain);
    fp.guard_answer = FilePanels::GuardAnswer::DiscardAndOpen;
    app.frame();  // the answer queues the path again; the end of the frame starts reading it
    REQUIRE(app.settle());
    CHECK(app.doc().path() == (d / "dengan_wifi.gpkg").string());
    CHECK(app.doc().project().facilities.size() == original.facilities.size() + 1);
    CHECK(load_project(other).facilities.size() == original.facilities.size());  // nothing saved over it
    fs::remove_all(d);
}
