// The findings of a planner's working day (issue 12), each in a real window with real X events: the
// autosave of a new user, problems said in a dialog in the planner's language, the keys the menus
// show, the what-if's signs and decimal commas, a facility without a type or radius, a click after a
// pointer jump, Enter in the save dialog, opaque dialogs, element names in English.
#include <catch2/catch.hpp>

#include <X11/keysym.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "app.h"
#include "geo/io/project_file.h"
#include "render/i18n.h"
#include "screen_text.h"
#include "window_test.h"
#include "x_pointer.h"

using namespace pc;
using namespace pc::gui;
using namespace pc::gui::test;
using pc::gui::testing::XPointer;
namespace fs = std::filesystem;

namespace {

fs::path fresh(const std::string& tag) {
    const fs::path d = fs::temp_directory_path() / ("pc_gui_issue12_" + tag + "_" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

// Two square desa near Pasuruan as a planner's GeoJSON (no population: it is not required).
fs::path two_desa(const fs::path& dir) {
    const fs::path f = dir / "desa.geojson";
    std::ofstream(f) << R"({"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"nama": "Sumberrejo", "kode": "35.14.01.2001"},
 "geometry": {"type": "Polygon", "coordinates": [[[112.80, -7.75], [112.82, -7.75], [112.82, -7.73], [112.80, -7.73], [112.80, -7.75]]]}},
{"type": "Feature", "properties": {"nama": "Tanjungsari", "kode": "35.14.01.2002"},
 "geometry": {"type": "Polygon", "coordinates": [[[112.82, -7.75], [112.84, -7.75], [112.84, -7.73], [112.82, -7.73], [112.82, -7.75]]]}}]})";
    return f;
}

Initiative somewhere(Coord at) {
    Initiative in;
    in.id = new_uuid();
    in.name = "Pojok baca";
    in.geometry = Geometry::point(at.x, at.y);
    return in;
}

// Frames (a little apart) until `done`, at most `seconds`.
template <class Done>
bool frames_until(App& app, Done done, double seconds = 30) {
    const auto t0 = std::chrono::steady_clock::now();
    while (!done()) {
        if (std::chrono::steady_clock::now() - t0 > std::chrono::duration<double>(seconds)) return false;
        app.frame();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

// The problem dialog's text: present, in the language, nothing in it cut off.
void check_problem_dialog(const std::string& title, const std::string& explanation_part) {
    std::vector<TextRun> runs;
    for (const TextRun& r : screen_text())
        if (r.list == "Masalah###error") runs.push_back(r);
    INFO(screen_text_dump());
    CHECK(find_text(runs, title));
    CHECK(find_text(runs, explanation_part));
    for (const TextRun& r : runs) {
            INFO(r.text);
            CHECK_FALSE(r.cut);
            CHECK_FALSE(r.ellipsis);
        }
}

}  // namespace

TEST_CASE("gui: a new user's untitled work is autosaved: the data folder is made", "[gui][window][issue12]") {
    if (!display_available()) return;
    const fs::path dir = fresh("new_user");
    const fs::path data = dir / "home" / ".local" / "share" / "petacerdas";
    ::setenv("PC_DEMO_PROJECT", (data / "demo.gpkg").c_str(), 1);
    AppOptions o;
    o.import_desa = two_desa(dir).string();
    o.autosave_interval_s = 0.3;
    App app(o);
    REQUIRE(app.settle());
    REQUIRE_FALSE(fs::exists(data));  // never made: the demo was not opened
    app.doc().execute(add_initiative(somewhere({112.81, -7.74})));
    const fs::path autosave = data / "untitled.autosave.gpkg";
    CHECK(frames_until(app, [&] { return fs::exists(autosave) || app.ui().error.has_value(); }));
    CHECK_FALSE(app.ui().error.has_value());
    REQUIRE(fs::exists(autosave));
    CHECK(load_project(autosave.string()).initiatives.size() == 1);
    CHECK(frames_until(app, [&] { return app.ui().status.rfind("Tersimpan otomatis", 0) == 0; }, 5));
    fs::remove_all(dir);
}

TEST_CASE("gui: a failed autosave is said in Indonesian, whole, in a dialog", "[gui][window][issue12]") {
    if (!display_available()) return;
    const fs::path dir = fresh("blocked");
    std::ofstream(dir / "blocked") << "a file where the data folder should be";
    ::setenv("PC_DEMO_PROJECT", (dir / "blocked" / "petacerdas" / "demo.gpkg").c_str(), 1);
    AppOptions o;
    o.import_desa = two_desa(dir).string();
    o.autosave_interval_s = 0.3;
    App app(o);
    REQUIRE(app.settle());
    app.doc().execute(add_initiative(somewhere({112.81, -7.74})));
    REQUIRE(frames_until(app, [&] { return app.ui().error.has_value(); }));
    app.frame();
    app.request_capture();
    app.frame();
    REQUIRE(app.write_png(screenshot("issue12_autosave_failed.png")));
    check_problem_dialog("Simpanan otomatis gagal", "Pekerjaan Anda masih terbuka");
    fs::remove_all(dir);
}

TEST_CASE("gui: a file that is not a project says why in a dialog", "[gui][window][issue12]") {
    if (!display_available()) return;
    const fs::path dir = fresh("bad_files");
    const std::string demo = use_fresh_demo("issue12_bad_files");
    App app(AppOptions{});
    REQUIRE(app.settle());
    // A text file, a GeoPackage cut off while copying, and a GeoPackage that is not a project.
    std::ofstream(dir / "catatan.txt") << "bukan peta\n";
    {
        std::ifstream in(demo, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), {});
        std::ofstream(dir / "terpotong.gpkg", std::ios::binary) << bytes.substr(0, bytes.size() / 3);
    }
    REQUIRE(std::system(("ogr2ogr -f GPKG '" + (dir / "zona.gpkg").string() + "' '" + demo + "' zones > /dev/null 2>&1").c_str()) == 0);
    const std::pair<const char*, const char*> cases[] = {
        {"catatan.txt", "bukan data geografis"},
        {"terpotong.gpkg", "rusak atau tidak lengkap"},
        {"zona.gpkg", "bukan proyek PetaCerdas"},
    };
    for (const auto& [file, why] : cases) {
        INFO(file);
        app.ui().open_path = (dir / file).string();
        app.frame();
        REQUIRE(app.settle());
        REQUIRE(app.ui().error.has_value());
        app.frame();
        check_problem_dialog("Berkas tidak dapat dibuka", why);
        CHECK(app.doc().path() == demo);  // the project shown stays
        press(app, 257 /* Enter: OK */);
        CHECK_FALSE(app.ui().error.has_value());
    }
    fs::remove_all(dir);
}

TEST_CASE("gui: Home and Del do what the menus say", "[gui][window][issue12]") {
    if (!display_available()) return;
    use_fresh_demo("issue12_keys");
    App app(AppOptions{});
    REQUIRE(app.settle());
    XPointer pointer(app);
    MapView& map = app.map();
    Document& doc = app.doc();
    const double ppm = map.camera.ppm, cx = map.camera.cx;
    pointer.move(map.camera.vx + map.camera.vw / 3, map.camera.vy + map.camera.vh / 3, 2);
    CanvasInput in;
    in.over_map = true;
    in.x = map.camera.vx + map.camera.vw / 3;
    in.y = map.camera.vy + map.camera.vh / 3;
    in.wheel = 4;
    app.frame(&in);
    REQUIRE(map.camera.ppm > ppm * 2);
    pointer.key(XK_Home);
    CHECK(map.camera.ppm == Approx(ppm));
    CHECK(map.camera.cx == Approx(cx));

    const Uuid id = doc.project().initiatives.front().id;
    doc.select(FeatureRef{DocLayer::Initiatives, id});
    const std::size_t before = doc.project().initiatives.size();
    pointer.key(XK_Delete);
    CHECK(doc.project().initiatives.size() == before - 1);
    CHECK(find_initiative(doc.project(), id) < 0);
    doc.undo();
    CHECK(find_initiative(doc.project(), id) >= 0);
}

TEST_CASE("gui: the what-if reads with one sign and a decimal comma", "[gui][window][issue12]") {
    if (!display_available()) return;
    use_fresh_demo("issue12_whatif");
    App app(AppOptions{});
    REQUIRE(app.settle());
    Document& doc = app.doc();
    MapView& map = app.map();
    // The facility whose removal would cost the most: dragged off into the corner of the map.
    const Facility& f = doc.project().facilities.front();
    const Coord s = map.to_screen(f.geometry.anchor());
    CanvasInput in;
    in.over_map = true;
    in.x = s.x;
    in.y = s.y;
    app.frame(&in);
    in.pressed = in.down = true;
    app.frame(&in);
    in.pressed = false;
    for (int i = 0; i < 12; ++i) {
        in.x += (map.camera.vx + 20 - s.x) / 12;
        in.y += (map.camera.vy + 20 - s.y) / 12;
        app.frame(&in);
    }
    REQUIRE(map.live_what_if());
    REQUIRE(map.live_what_if()->district.covered_population_delta < 0);
    app.frame(&in);
    const auto runs = screen_text();
    INFO(screen_text_dump());
    const TextRun* people = find_text(runs, "penduduk baru terlayani");
    REQUIRE(people);
    CHECK(people->text.find("--") == std::string::npos);  // one sign ("-3.828"), not "--3.828"
    CHECK(std::regex_search(people->text, std::regex("^-[0-9]{1,3}(\\.[0-9]{3})* penduduk")));
    const TextRun* area = find_text(runs, "km²");
    REQUIRE(area);
    CHECK(std::regex_search(area->text, std::regex("^[-+]?[0-9]+,[0-9]{2} km²")));  // "-1,23 km²": a comma
    in.escape = true;  // let go without moving it
    app.frame(&in);
}

TEST_CASE("gui: a facility without a type or a radius is not placed", "[gui][window][issue12]") {
    if (!display_available()) return;
    use_fresh_demo("issue12_facility");
    App app(AppOptions{});
    REQUIRE(app.settle());
    XPointer pointer(app);
    Document& doc = app.doc();
    MapView& map = app.map();
    map.tool = Tool::PlaceFacility;
    map.facility_template.type.clear();  // none chosen
    pointer.click(map.camera.vx + map.camera.vw / 2, map.camera.vy + map.camera.vh / 2);
    if (!app.ui().placing_facility) app.frame();
    REQUIRE(app.ui().placing_facility);
    const std::size_t before = doc.project().facilities.size();
    pointer.key(XK_Return);
    CHECK(doc.project().facilities.size() == before);
    CHECK(find_text(screen_text(), "Pilih jenis fasilitas."));
    app.ui().placing_facility->type = "puskesmas";
    app.ui().placing_facility->radius_m = 0.0;  // a radius of nothing
    app.frame();
    pointer.key(XK_Return);
    CHECK(doc.project().facilities.size() == before);
    CHECK(find_text(screen_text(), "Fasilitas perlu radius layanan di atas 0 m."));
    app.ui().placing_facility->radius_m = 2500.0;
    app.frame();
    pointer.key(XK_Return);
    REQUIRE(doc.project().facilities.size() == before + 1);
    CHECK(doc.project().facilities.back().type == "puskesmas");
    CHECK(doc.project().service_radius_m(doc.project().facilities.back()) == Approx(2500));
}

TEST_CASE("gui: a click right after the pointer jumps does not pan the map", "[gui][window][issue12]") {
    if (!display_available()) return;
    use_fresh_demo("issue12_jump");
    App app(AppOptions{});
    REQUIRE(app.settle());
    XPointer pointer(app);
    MapView& map = app.map();
    pointer.move(100, 500, 2);  // over the layers panel
    const double cx = map.camera.cx, cy = map.camera.cy;
    // The pointer arrives on the map and the button goes down before the next frame.
    pointer.move(map.camera.vx + map.camera.vw * 0.6, map.camera.vy + map.camera.vh * 0.4, 0);
    pointer.button(true);
    app.frame();
    app.frame();
    pointer.button(false);
    app.frame();
    CHECK(map.camera.cx == Approx(cx));
    CHECK(map.camera.cy == Approx(cy));
}

TEST_CASE("gui: Enter in the save dialog saves", "[gui][window][issue12]") {
    if (!display_available()) return;
    const std::string demo = use_fresh_demo("issue12_enter");
    App app(AppOptions{});
    REQUIRE(app.settle());
    XPointer pointer(app);
    app.doc().execute(add_initiative(somewhere(app.doc().project().desa.front().geometry.anchor())));
    app.ui().request_save_as = true;
    app.frame();
    app.frame();
    pointer.type("simpan");  // the name field has the keyboard, its text selected
    pointer.key(XK_Return);
    REQUIRE(app.settle());
    const fs::path saved = fs::path(demo).parent_path() / "simpan.gpkg";
    CHECK(fs::exists(saved));
    CHECK(app.doc().path() == saved.string());
    CHECK_FALSE(app.doc().dirty());
}

TEST_CASE("gui: dialogs over the map are opaque; element names are English in English", "[gui][window][issue12]") {
    if (!display_available()) return;
    use_fresh_demo("issue12_opaque");
    App app(AppOptions{});
    REQUIRE(app.settle());
    XPointer pointer(app);
    MapView& map = app.map();
    map.tool = Tool::PlaceInitiative;
    pointer.click(map.camera.vx + map.camera.vw / 2, map.camera.vy + map.camera.vh / 2);
    app.frame();
    app.request_capture();
    app.frame();
    const ImGuiWindow* form = XPointer::window("Inisiatif baru###new_initiative");
    REQUIRE(form);
    REQUIRE(form->Active);
    // The form's own background (right of its widgets, above its buttons) is the popup colour itself,
    // whatever the map under it.
    std::size_t pure = 0, samples = 0;
    for (float y = form->Pos.y + form->Size.y * 0.3f; y < form->Pos.y + form->Size.y * 0.7f; y += 7) {
        ++samples;
        pure += app.pixel(form->Pos.x + form->Size.x - 6, y) == 0xffffffff;
    }
    INFO(pure << " of " << samples);
    CHECK(pure == samples);
    pointer.key(XK_Escape);

    set_language(Language::English);
    map.tool = Tool::PlaceInitiative;
    pointer.click(map.camera.vx + map.camera.vw / 2, map.camera.vy + map.camera.vh / 2);
    app.frame();
    const auto runs = screen_text();
    INFO(screen_text_dump());
    CHECK(find_text(runs, "Infrastructure"));
    CHECK_FALSE(find_text(runs, "Infrastruktur"));
    pointer.key(XK_Escape);
    set_language(Language::Indonesian);
}

TEST_CASE("gui: kecamatan of the same name in a province are told apart, in the table and the search", "[gui][window][issue12]") {
    if (!display_available()) return;
    const fs::path dir = fresh("province");
    ::setenv("PC_DEMO_PROJECT", (dir / "demo.gpkg").c_str(), 1);
    // Two kabupaten, each with a kecamatan Arjasa holding a desa Kemiri.
    Project p;
    p.settings.name = "Provinsi Uji";
    p.settings.district_code = "35";
    p.settings.facility_types = default_facility_types();
    p.settings.opd = default_opd_list();
    const std::pair<const char*, const char*> kab[] = {{"35.09", "Kabupaten Jember"}, {"35.12", "Kabupaten Situbondo"}};
    for (int k = 0; k < 2; ++k) {
        const double x = 113.6 + 0.2 * k, y = -8.1;
        AdminUnit kb;
        kb.id = new_uuid();
        kb.level = AdminLevel::Kabupaten;
        kb.code = kab[k].first;
        kb.name = kab[k].second;
        kb.geometry = Geometry::rectangle(x, y, x + 0.1, y + 0.1);
        AdminUnit kc = kb;
        kc.id = new_uuid();
        kc.level = AdminLevel::Kecamatan;
        kc.code = std::string(kab[k].first) + ".0" + std::to_string(k + 1);
        kc.name = "Arjasa";
        kc.parent_code = kab[k].first;
        AdminUnit d = kc;
        d.id = new_uuid();
        d.level = AdminLevel::Desa;
        d.code = kc.code + ".2001";
        d.name = "Kemiri";
        d.parent_code = kc.code;
        d.population = 5000 + 1000 * k;
        p.kabupaten.push_back(kb);
        p.kecamatan.push_back(kc);
        p.desa.push_back(d);
    }
    Facility f;
    f.id = new_uuid();
    f.type = "puskesmas";
    f.name = "Puskesmas Arjasa";
    f.geometry = Geometry::point(113.65, -8.05);
    p.facilities.push_back(f);
    const fs::path file = dir / "provinsi.gpkg";
    save_project(p, file.string());
    AppOptions o;
    o.project_path = file.string();
    App app(o);
    REQUIRE(app.settle());
    app.frame();
    {
        const auto runs = screen_text();
        INFO(screen_text_dump());
        const TextRun* jember = find_text(runs, "Arjasa (Kabupaten Jember)");
        const TextRun* situbondo = find_text(runs, "Arjasa (Kabupaten Situbondo)");
        REQUIRE(jember);
        REQUIRE(situbondo);
        CHECK_FALSE(jember->cut);
        CHECK_FALSE(situbondo->cut);
    }
    app.ui().search_open = true;
    app.ui().search_query = "arjasa";
    app.frame();
    app.frame();
    auto search_lines = [] {
        std::vector<TextRun> out;
        for (const TextRun& r : screen_text())
            if (r.list.rfind("Cari###Search", 0) == 0) out.push_back(r);
        return out;
    };
    auto runs = search_lines();
    INFO(screen_text_dump());
    CHECK(find_text(runs, "Kabupaten Jember (35.09.01)"));
    CHECK(find_text(runs, "Kabupaten Situbondo (35.12.02)"));
    for (const TextRun& r : runs) CHECK_FALSE(r.cut);
    app.ui().search_query = "kemiri";
    app.frame();
    app.frame();
    runs = search_lines();
    CHECK(find_text(runs, "Kec. Arjasa, Kabupaten Jember (35.09.01.2001)"));
    CHECK(find_text(runs, "Kec. Arjasa, Kabupaten Situbondo (35.12.02.2001)"));
    for (const TextRun& r : runs) CHECK_FALSE(r.cut);
    fs::remove_all(dir);
}
