// The site suggestion panel in a real window (Xvfb): the Suggest button clicked with a real pointer
// event (XTEST) runs the suggestion off the frame thread (frames keep coming while it runs), the
// sites appear numbered on the map at their places, accepting one adds an initiative that undo takes
// back, and a running suggestion can be cancelled.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

#include "app.h"
#include "render/i18n.h"
#include "window_test.h"
#include "x_pointer.h"

using namespace pc;
using namespace pc::gui;
using namespace pc::gui::test;
using pc::gui::testing::XPointer;
namespace fs = std::filesystem;

TEST_CASE("gui: site suggestion panel: suggest, numbered sites on the map, accept and undo, cancel",
          "[gui][window][suggest]") {
    if (!display_available()) return;
    use_fresh_demo("suggest");
    App app(AppOptions{});
    REQUIRE(app.settle());  // the project is read in the background: app.doc() is the demo's once settled
    REQUIRE(XPointer::available());
    Document& doc = app.doc();
    app.frame();
    app.frame();
    SuggestPanel& panel = app.suggest();
    panel.show_panel = true;
    panel.service = "puskesmas";
    panel.count = 3;
    app.frame();
    app.frame();

    // Click "Suggest" (a real X pointer event through GLFW and ImGui).
    ImGuiWindow* w = XPointer::window(trid("Suggest sites").c_str());
    REQUIRE(w != nullptr);
    XPointer ptr(app);
    const ImGuiID id = XPointer::item_id(w, tr("Suggest"));
    auto y = ptr.find_item(id, w->Pos.x + 30, w->Pos.y + 30, w->Pos.y + w->Size.y - 4, 4);
    REQUIRE(y.has_value());
    ptr.click(w->Pos.x + 30, *y);
    // Frames go on while it runs; it finishes by itself.
    int frames = 0;
    for (; frames < 2000 && (panel.running() || !panel.result()); ++frames) {
        app.frame();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    REQUIRE(panel.result().has_value());
    INFO(panel.error());
    const SuggestResult& r = *panel.result();
    REQUIRE(r.sites.size() == 3);
    CHECK(r.people_added > 0);

    // The numbered markers: the marker red at each site's place on the map (when inside the map).
    app.map().zoom_to_district();
    app.frame();
    app.request_capture();
    app.frame();
    CHECK(app.write_png(screenshot("suggest_panel.png")));
    int seen = 0;
    w = XPointer::window(trid("Suggest sites").c_str());
    for (const auto& s : r.sites) {
        const Coord c = app.map().to_screen(s.lonlat);
        const auto& cam = app.map().camera;
        if (c.x < cam.vx || c.x > cam.vx + cam.vw || c.y < cam.vy || c.y > cam.vy + cam.vh) continue;
        if (c.x > w->Pos.x - 12 && c.x < w->Pos.x + w->Size.x + 12 && c.y > w->Pos.y - 12 && c.y < w->Pos.y + w->Size.y + 12)
            continue;  // under the panel
        CHECK(colour_near(app, c.x + 5, c.y, 0xd7263dff, 2, 12));
        ++seen;
    }
    CHECK(seen >= 2);

    // Accept the first site: one initiative more at its place, with its radius; undo takes it back.
    const std::size_t before = doc.project().initiatives.size();
    panel.accept(doc, 0);
    REQUIRE(doc.project().initiatives.size() == before + 1);
    const Initiative& added = doc.project().initiatives.back();
    CHECK(added.geometry.points.at(0) == r.sites[0].lonlat);
    CHECK(added.radius_m == r.radius_m);
    app.frame();
    doc.undo();
    CHECK(doc.project().initiatives.size() == before);

    // Cancel: a long suggestion (a fine grid) stops at the next check.
    panel.grid_candidates = true;
    panel.grid_spacing_m = 60;
    panel.start(doc);
    CHECK(panel.running());
    panel.cancel();
    CHECK(!panel.running());
    CHECK(panel.error() == tr("Cancelled"));
    app.frame();
}
