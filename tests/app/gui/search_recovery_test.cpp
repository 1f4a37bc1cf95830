// In a real window (Xvfb): search and fly to a hit; the recovery offer after a crash left an autosave.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include <unistd.h>

#include "app.h"
#include "geo/io/project_file.h"
#include "render/i18n.h"
#include "recent.h"
#include "window_test.h"

using namespace pc;
using namespace pc::gui;
using namespace pc::gui::test;
namespace fs = std::filesystem;

namespace {

// A fresh demo project, written.
std::string fresh_demo(const std::string& tag) {
    use_fresh_demo("sr_" + tag);
    return ensure_demo_project();
}

// Lon/lat at the centre of the map view.
Coord view_centre(MapView& map) {
    const Camera& c = map.camera;
    return map.to_lonlat(c.vx + c.vw / 2, c.vy + c.vh / 2);
}

// An autosave of `path` holding one more initiative, newer than the project file.
Initiative write_newer_autosave(const std::string& path) {
    Project p = load_project(path);
    Initiative in;
    in.id = new_uuid();
    in.name = "Dipulihkan";
    const Coord c = p.desa.front().geometry.envelope().centre();
    in.geometry = Geometry::point(c.x, c.y);
    p.initiatives.push_back(in);
    const std::string autosave = Document::autosave_path_for(path);
    save_project(p, autosave);
    fs::last_write_time(autosave, fs::last_write_time(path) + std::chrono::seconds(30));
    return in;
}

}  // namespace

TEST_CASE("gui: search finds a feature, flies to it and selects it", "[gui][window][search]") {
    if (!display_available()) return;
    fresh_demo("search");
    App app(AppOptions{});
    REQUIRE(app.settle());  // read in the background, drawn, figures computed
    Document& doc = app.doc();
    MapView& map = app.map();
    app.frame();
    app.frame();
    REQUIRE(!doc.project().initiatives.empty());
    const Initiative target = doc.project().initiatives.back();

    UiState& ui = app.ui();
    ui.search_open = true;
    ui.search_focus = true;
    ui.search_query = target.name;
    app.frame();
    app.frame();
    REQUIRE(!ui.search_hits.empty());
    CHECK(ui.search_hits_for == target.name);
    app.request_capture();
    app.frame();
    CHECK(app.write_png((fs::path(PC_SCREENSHOT_DIR) / "search.png").string()));
    const SearchHit* hit = nullptr;
    for (const auto& h : ui.search_hits)
        if (h.id == target.id) hit = &h;
    REQUIRE(hit != nullptr);
    CHECK(hit->kind == SearchKind::Initiative);

    go_to_hit(doc, map, *hit);
    app.frame();
    REQUIRE(doc.selection().has_value());
    CHECK(doc.selection()->layer == DocLayer::Initiatives);
    CHECK(doc.selection()->id == target.id);
    const Coord want = target.geometry.envelope().centre();
    Coord got = view_centre(map);
    CHECK(std::abs(got.x - want.x) < 0.002);
    CHECK(std::abs(got.y - want.y) < 0.002);

    // A desa: the map flies to it, the selection stays.
    const AdminUnit desa = doc.project().desa.back();
    // (The focused query box owns its text while active: close the window to change it from outside.)
    ui.search_open = false;
    app.frame();
    app.frame();
    ui.search_query = desa.code;
    ui.search_open = true;
    app.frame();
    REQUIRE(!ui.search_hits.empty());
    CHECK(ui.search_hits.front().kind == SearchKind::Desa);
    CHECK(ui.search_hits.front().id == desa.id);
    go_to_hit(doc, map, ui.search_hits.front());
    app.frame();
    got = view_centre(map);
    const Coord dc = desa.geometry.envelope().centre();
    CHECK(std::abs(got.x - dc.x) < 0.002);
    CHECK(std::abs(got.y - dc.y) < 0.002);
    CHECK(doc.selection()->id == target.id);
}

TEST_CASE("gui: a newer autosave is offered on open; recover or discard", "[gui][window][autosave]") {
    if (!display_available()) return;
    const std::string path = fresh_demo("recover");
    const Initiative added = write_newer_autosave(path);
    const std::string autosave = Document::autosave_path_for(path);
    {
        App app(AppOptions{});
        REQUIRE(app.settle());  // read in the background, drawn, figures computed
        CHECK(app.ui().recover_project == path);
        CHECK(app.ui().recover_autosave == autosave);
        app.frame();  // the modal is up
        app.request_capture();
        app.frame();
        CHECK(app.write_png((fs::path(PC_SCREENSHOT_DIR) / "recover_modal.png").string()));
        app.ui().recover_answer = true;  // "Recover"
        app.frame();
        REQUIRE(app.settle());  // the autosave is read in the background
        Document& doc = app.doc();
        CHECK(doc.path() == path);
        CHECK(doc.dirty());
        CHECK(find_initiative(doc.project(), added.id) >= 0);
        CHECK(app.ui().recover_project.empty());
        doc.save();
        CHECK_FALSE(fs::exists(autosave));
        CHECK(find_initiative(load_project(path), added.id) >= 0);
    }
    {
        // A crash again, and this time the planner declines: the autosave is deleted.
        write_newer_autosave(path);
        App app(AppOptions{});
        REQUIRE(app.settle());  // read in the background, drawn, figures computed
        REQUIRE(app.ui().recover_project == path);
        app.frame();
        app.ui().recover_answer = false;  // "Discard"
        app.frame();
        CHECK_FALSE(app.doc().dirty());
        CHECK_FALSE(fs::exists(autosave));
    }
    {
        // Nothing newer: nothing offered.
        App app(AppOptions{});
        REQUIRE(app.settle());  // read in the background, drawn, figures computed
        CHECK(app.ui().recover_project.empty());
    }
}

TEST_CASE("gui: opened and saved-as projects go to the recent list in XDG_CONFIG_HOME", "[gui][window][recent]") {
    if (!display_available()) return;
    const std::string path = fresh_demo("recent");
    const fs::path config = fs::path(path).parent_path() / "config";
    const char* old = std::getenv("XDG_CONFIG_HOME");
    const std::string saved_env = old ? old : "";
    ::setenv("XDG_CONFIG_HOME", config.c_str(), 1);
    {
        AppOptions o;
        o.remember_recent = true;
        App app(o);
        REQUIRE(app.settle());  // read in the background, drawn, figures computed
        const std::string file = (config / "petacerdas" / "recent.txt").string();
        REQUIRE(fs::exists(file));
        REQUIRE(app.ui().recent.size() == 1);
        CHECK(app.ui().recent[0] == fs::absolute(path).lexically_normal().string());
        const std::string other = (fs::path(path).parent_path() / "salinan.gpkg").string();
        app.doc().save_as(other);
        app.frame();
        const auto list = load_recent(file);
        REQUIRE(list.size() == 2);
        CHECK(list[0] == other);
        CHECK(list[1] == path);
        // File > Recent projects > Clear list.
        app.ui().clear_recent = true;
        app.frame();
        CHECK(load_recent(file).empty());
    }
    if (old) ::setenv("XDG_CONFIG_HOME", saved_env.c_str(), 1);
    else ::unsetenv("XDG_CONFIG_HOME");
}
