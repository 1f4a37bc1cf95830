// Context layers in the window, with real X events (issue 12, item 3): the BIG RBI roads of Kota
// Pasuruan added through the Layers panel (its button, the file dialog's list, Open), drawn where
// they are in their class colours, hidden with the panel's checkbox and shown again by undo.
#include <catch2/catch.hpp>

#include <X11/keysym.h>
#include <unistd.h>

#include <filesystem>

#include "app.h"
#include "geo/doc/view_commands.h"
#include "panel_context.h"
#include "screen_text.h"
#include "window_test.h"
#include "x_pointer.h"

using namespace pc;
using namespace pc::gui;
using namespace pc::gui::test;
using pc::gui::testing::XPointer;
namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t kTollColour = 0xc2185bff;  // geo/src/context_styles.cpp

// Clicks the middle of `text` in the first run of the last frame holding it, in a draw list whose name
// starts with `list` (buttons side by side are one run: the word's place is its share of the run).
bool click_run(XPointer& pointer, const std::string& text, const std::string& list = "") {
    for (const TextRun& r : screen_text()) {
        const auto at = r.text.find(text);
        if (at == std::string::npos || r.list.rfind(list, 0) != 0) continue;
        const double middle = (double(at) + double(text.size()) / 2) / double(r.text.size());
        pointer.click(r.x0 + (r.x1 - r.x0) * middle, (r.y0 + r.y1) / 2);
        return true;
    }
    return false;
}

// The middle vertex of every toll road of the layer that is on screen.
std::vector<Coord> toll_points_on_screen(const ContextLayer& roads, const MapView& map) {
    std::vector<Coord> out;
    for (const ContextFeature& f : *roads.features) {
        const auto rule = roads.rule_of(f);
        if (!rule || roads.rules[*rule].label != "Jalan tol" || f.geometry.lines.empty()) continue;
        const auto& line = f.geometry.lines.front();
        const Coord s = map.to_screen(line[line.size() / 2]);
        if (map.camera.contains_screen(s.x, s.y)) out.push_back(s);
    }
    return out;
}

std::size_t toll_coloured(const App& app, const std::vector<Coord>& points) {
    std::size_t n = 0;
    for (const Coord& s : points) n += colour_near(app, s.x, s.y, kTollColour, 2, 30);
    return n;
}

void draw(App& app) {
    app.request_capture();
    app.frame();
}

}  // namespace

TEST_CASE("gui: the RBI roads added through the Layers panel, drawn by class, hidden and shown", "[gui][window][realdata]") {
    if (!display_available()) return;
    const std::string district = pc::test::shared_file("kota_pasuruan_3575.gpkg");
    const std::string roads_file = pc::test::shared_file("kota_pasuruan_rbi/JALAN_LN_25K.shp");
    if (district.empty() || roads_file.empty()) return;
    use_fresh_demo("context_layers");  // untitled autosaves go to this test's folder
    // An untitled project's file dialog starts in the working folder: the RBI folder here.
    const fs::path cwd = fs::current_path();
    fs::current_path(fs::path(roads_file).parent_path());
    AppOptions o;
    o.project_path = district;
    o.fullscreen_presentation = false;  // the slide in this window, as slides_test does
    o.presenter_view = AppOptions::PresenterView::Off;
    App app(o);
    REQUIRE(app.settle());
    if (!XPointer::available()) {
        fs::current_path(cwd);
        return pc::test::skip("the X server has no XTEST extension: no real pointer");
    }
    Document& doc = app.doc();
    MapView& map = app.map();
    map.styles[std::size_t(LayerId::Labels)].visible = false;  // labels over a road would hide its colour
    XPointer pointer(app);
    draw(app);
    REQUIRE(app.write_png(screenshot("context_before.png")));

    // The panel's button, the file in the dialog's list, Open: real pointer clicks.
    INFO(screen_text_dump());
    REQUIRE(click_run(pointer, "Tambah lapisan konteks..."));
    app.frame();
    ContextPanel& cp = context_panel(app.ui());
    REQUIRE(cp.dialog.is_open());
    app.frame();
    REQUIRE(click_run(pointer, "JALAN_LN_25K.shp", "Tambah lapisan konteks"));
    CHECK(cp.dialog.typed() == "JALAN_LN_25K.shp");
    draw(app);
    REQUIRE(app.write_png(screenshot("context_file_dialog.png")));
    INFO(screen_text_dump());
    REQUIRE(click_run(pointer, "Buka", "Tambah lapisan konteks###contextfile"));
    for (int i = 0; i < 500 && (cp.busy() || doc.project().context_layers.empty()); ++i) app.frame();
    fs::current_path(cwd);
    REQUIRE(doc.project().context_layers.size() == 1);
    const ContextLayer& roads = doc.project().context_layers.front();
    CHECK(roads.name == "JALAN_LN_25K");
    CHECK(roads.feature_count() == 259);  // ogrinfo: Feature Count: 259
    CHECK(doc.can_undo());
    draw(app);
    REQUIRE(app.write_png(screenshot("context_roads.png")));
    const auto screen = screen_text();
    CHECK(find_text(screen, "Jalan tol"));  // the legend of its classes
    CHECK(find_text(screen, "Jalan lokal"));

    // The toll roads in their colour where they are, and nowhere before.
    const auto tolls = toll_points_on_screen(roads, map);
    REQUIRE(tolls.size() >= 5);
    const std::size_t shown = toll_coloured(app, tolls);
    INFO("toll roads on screen: " << tolls.size() << ", drawn in the toll colour: " << shown);
    CHECK(shown >= tolls.size() * 8 / 10);

    // Restyle: a click on the toll class's swatch opens its style, a click near the end of the width
    // slider widens it, Terapkan (Apply) makes it one undo step.
    {
        const TextRun* toll = nullptr;
        for (const TextRun& r : screen)
            if (r.text == "Jalan tol" && r.list.rfind("Lapisan###Layers", 0) == 0) toll = &r;
        REQUIRE(toll);
        const float line_h = ImGui::GetTextLineHeight();
        pointer.click(toll->x0 - ImGui::GetStyle().ItemSpacing.x - line_h / 2, (toll->y0 + toll->y1) / 2);
        app.frame();
        REQUIRE(context_panel(app.ui()).editing);
        const auto popup = screen_text();
        const TextRun* width = find_text(popup, "Lebar (px)");
        INFO(screen_text_dump());
        REQUIRE(width);
        const double slider_w = ImGui::GetFontSize() * 14, slider_x1 = width->x0 - ImGui::GetStyle().ItemInnerSpacing.x;
        pointer.click(slider_x1 - slider_w * 0.1, (width->y0 + width->y1) / 2);
        const double before = roads.rules.back().style.width_px;
        const std::size_t steps = doc.history_size();
        REQUIRE(click_run(pointer, "Terapkan"));
        const ContextLayer& now = doc.project().context_layers.front();
        CHECK(now.rules.back().label == "Jalan tol");
        CHECK(now.rules.back().style.width_px > 9);  // 0..12 px: the click was at nine tenths
        CHECK(now.rules.back().style.stroke == kTollColour);
        CHECK(doc.history_size() == steps + 1);
        draw(app);
        REQUIRE(app.write_png(screenshot("context_restyled.png")));
        doc.undo();
        CHECK(doc.project().context_layers.front().rules.back().style.width_px == before);
        app.frame();
    }

    // The visibility checkbox left of the layer's name: hidden, one undo step.
    const TextRun* name = nullptr;  // in the panel (the status bar names it too)
    for (const TextRun& r : screen)
        if (r.text == "JALAN_LN_25K" && r.list.rfind("Lapisan###Layers", 0) == 0) name = &r;
    REQUIRE(name);
    const float box = ImGui::GetFrameHeight();
    pointer.click(name->x0 - ImGui::GetStyle().ItemSpacing.x - box / 2, (name->y0 + name->y1) / 2);
    CHECK_FALSE(doc.project().context_layers.front().visible);
    draw(app);
    REQUIRE(app.write_png(screenshot("context_hidden.png")));
    CHECK(toll_coloured(app, tolls) == 0);

    // Undo (Ctrl+Z) shows it again.
    pointer.hold(XK_Control_L, true);
    pointer.key(XK_z);
    pointer.hold(XK_Control_L, false);
    CHECK(doc.project().context_layers.front().visible);
    draw(app);
    CHECK(toll_coloured(app, tolls) == shown);

    // On a slide (F5): the visible context layers are drawn there too.
    doc.execute(add_view(doc.project(), make_view("Jaringan jalan")));
    pointer.key(XK_F5);
    REQUIRE(app.workshop().presenting());
    land(app);
    REQUIRE(app.settle());
    draw(app);
    REQUIRE(app.write_png(screenshot("context_slide.png")));
    CHECK(find_text(screen_text(), "Jalan tol"));  // in the slide's legend
    const auto on_slide = toll_points_on_screen(roads, map);
    REQUIRE(on_slide.size() >= 5);
    CHECK(toll_coloured(app, on_slide) >= on_slide.size() * 8 / 10);
    pointer.key(XK_Escape);
    CHECK_FALSE(app.workshop().presenting());
}
