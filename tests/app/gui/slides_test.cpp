// Slides fit for the bupati, at 1280×720 and 1920×1080: each slide type (a map of a kecamatan, a
// baseline/plan swipe, the pillar dashboard) with an opaque title block that hides no desa of the
// view, no editing marks (the selected initiative's ring), a source line in plain words, the step
// on a clicker's short tap, and Esc from the dashboard back to the map. Screenshots:
// <build>/screenshots/slide_*_<w>x<h>.png.
#include <catch2/catch.hpp>

#include <GLFW/glfw3.h>
#include <X11/keysym.h>

#include <cmath>

#include "app.h"
#include "geo/doc/view_commands.h"
#include "panel_views.h"
#include "render/i18n.h"
#include "screen_text.h"
#include "window_test.h"
#include "x_pointer.h"

using namespace pc;
using namespace pc::gui;
using namespace pc::gui::test;
using pc::gui::testing::XPointer;

namespace {

void render(App& app, int frames = 2) {
    for (int i = 0; i < frames; ++i) app.frame();
    app.request_capture();
    app.frame();
}

// A key pressed and let go between two frames, as a presentation clicker sends it (~20 ms).
void tap(App& app, XPointer& pointer, unsigned long keysym) {
    pointer.hold(keysym, true);
    pointer.hold(keysym, false);
    app.frame();
}

struct Rect {
    double x0, y0, x1, y1;
    bool meets(const Rect& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

// Where the map draws a lon/lat envelope, in window pixels.
Rect on_screen(const MapView& map, const Envelope& e) {
    const Coord a = map.to_screen({e.min_x, e.max_y}), b = map.to_screen({e.max_x, e.min_y});
    return {a.x, a.y, b.x, b.y};
}

// The slide's map part: no desa inside the view's extent is under the title block or the legend.
void check_no_unit_hidden(App& app, const View& v) {
    const MapView& map = app.map();
    Workshop& ws = app.workshop();
    const float s = ws.type_scale();
    const Workshop::TitleBlock t = ws.title_block(map.camera, &v, s);
    const Rect title{t.x, t.y, t.x + t.width, t.y + t.height};
    const Workshop::SlideLegend l = ws.slide_legend(map.camera, s);
    const Rect legend{l.x, l.y, l.x + l.w, l.y + l.h};
    std::size_t inside = 0;
    for (const AdminUnit& d : app.doc().project().desa) {
        const Envelope e = d.geometry.envelope();
        if (e.min_x < v.extent.min_x || e.max_x > v.extent.max_x || e.min_y < v.extent.min_y || e.max_y > v.extent.max_y) continue;
        ++inside;
        const Rect r = on_screen(map, e);
        INFO("desa " << d.name << " at " << r.x0 << "," << r.y0 << " - " << r.x1 << "," << r.y1 << "; title to y " << title.y1);
        CHECK_FALSE(r.meets(title));
        if (!l.items.empty()) CHECK_FALSE(r.meets(legend));
        CHECK(map.camera.contains_screen(r.x0, r.y0));
        CHECK(map.camera.contains_screen(r.x1 - 1, r.y1 - 1));
    }
    CHECK(inside > 0);
}

// The title block is opaque: its pixels are the same whatever the map under it shows.
void check_title_opaque(App& app, const View& v, const std::vector<std::uint8_t>& with_map) {
    MapView& map = app.map();
    const auto keep = map.styles;
    for (auto& st : map.styles) st.visible = false;
    render(app);
    const Workshop::TitleBlock t = app.workshop().title_block(map.camera, &v, app.workshop().type_scale());
    const int w = app.captured_width();
    const int corner = int(std::ceil(10 * app.workshop().type_scale())) + 2;  // its rounded corners leave the map
    std::size_t differ = 0, n = 0;
    for (int y = int(t.y) + corner; y < int(t.y + t.height) - corner; y += 2)
        for (int x = int(t.x) + corner; x < int(t.x + t.width) - corner; x += 2, ++n) {
            const std::size_t i = (std::size_t(y) * std::size_t(w) + std::size_t(x)) * 4;
            differ += with_map[i] != app.captured()[i] || with_map[i + 1] != app.captured()[i + 1] || with_map[i + 2] != app.captured()[i + 2];
        }
    map.styles = keep;
    INFO(differ << " of " << n << " title block pixels change with the map under it");
    CHECK(n > 100);
    CHECK(differ == 0);
}

// The source line speaks plainly: no method keys, CRS codes or file names.
void check_source_line() {
    for (const TextRun& r : screen_text()) {
        if (r.text.find("PetaCerdas") == std::string::npos) continue;
        INFO(r.text);
        CHECK(r.text.find("grid_") == std::string::npos);
        CHECK(r.text.find("area_weighted") == std::string::npos);
        CHECK(r.text.find("EPSG") == std::string::npos);
        CHECK(r.text.find(".gpkg") == std::string::npos);
    }
}

}  // namespace

TEST_CASE("gui: slides fit for the bupati, at 1280x720 and 1920x1080", "[gui][window][slides]") {
    if (!display_available()) return;
    for (const auto& [w, h] : {std::pair{1280, 720}, std::pair{1920, 1080}}) {
        const std::string size = std::to_string(w) + "x" + std::to_string(h);
        INFO(size);
        use_fresh_demo("slides_" + size);
        set_language(Language::Indonesian);
        AppOptions o;
        o.width = w;
        o.height = h;
        o.fullscreen_presentation = false;
        o.presenter_view = AppOptions::PresenterView::Off;
        App app(o);
        REQUIRE(app.settle());
        REQUIRE(XPointer::available());
        XPointer pointer(app);
        Document& doc = app.doc();
        MapView& map = app.map();
        const Project& p = doc.project();

        // A kecamatan's map, a swipe of the district, the pillar dashboard.
        const AdminUnit& kec = p.kecamatan.at(1);
        map.zoom_to(kec.geometry.envelope());
        map.metric = ChoroplethMetric::UncoveredPopulation;
        render(app, 1);
        View a = view_from_map(map, make_view("Kecamatan " + kec.name));
        a.caption = "Celah layanan terbesar ada di desa-desa ini";
        a.highlight_units = {kec.code};
        doc.execute(add_view(p, a));
        map.zoom_to_district();
        map.metric = ChoroplethMetric::CoveragePopulation;
        render(app, 1);
        View b = view_from_map(map, make_view("Kondisi awal dan rencana"));
        b.scenario.mode = ScenarioMode::Swipe;
        doc.execute(add_view(doc.project(), b));
        View d = make_view("Pilar kota cerdas");
        d.kind = ViewKind::Dashboard;
        doc.execute(add_view(doc.project(), d));
        const std::vector<View> views = doc.project().views;
        // An initiative selected while editing: no ring around it on a slide.
        const Initiative& chosen = p.initiatives.front();
        doc.select(FeatureRef{DocLayer::Initiatives, chosen.id});
        render(app);
        const Coord ring_at = map.to_screen(chosen.geometry.anchor());
        REQUIRE(colour_near(app, ring_at.x, ring_at.y, 0x00bcd4ff, 16, 20));  // the ring, while editing

        // F5 as a clicker sends it: a tap shorter than a frame.
        tap(app, pointer, XK_F5);
        REQUIRE(app.workshop().presenting());
        land(app);
        REQUIRE(app.settle());
        render(app);
        REQUIRE(app.write_png(screenshot("slide_map_" + size + ".png")));
        CHECK(app.workshop().slide() == 0);
        check_no_unit_hidden(app, views[0]);
        check_source_line();
        const Coord slide_ring = map.to_screen(chosen.geometry.anchor());
        if (map.camera.contains_screen(slide_ring.x, slide_ring.y)) CHECK_FALSE(colour_near(app, slide_ring.x, slide_ring.y, 0x00bcd4ff, 16, 20));
        check_title_opaque(app, views[0], std::vector<std::uint8_t>(app.captured()));

        tap(app, pointer, XK_Right);  // the swipe slide
        CHECK(app.workshop().slide() == 1);
        land(app);
        app.workshop().scenario.wait();
        REQUIRE(app.settle());
        render(app, 3);
        REQUIRE(app.write_png(screenshot("slide_swipe_" + size + ".png")));
        check_no_unit_hidden(app, views[1]);
        check_title_opaque(app, views[1], std::vector<std::uint8_t>(app.captured()));

        tap(app, pointer, XK_Next);  // PageDown: the dashboard
        CHECK(app.workshop().slide() == 2);
        CHECK(app.workshop().showing_dashboard());
        app.workshop().dashboard.wait();
        render(app, 3);
        REQUIRE(app.write_png(screenshot("slide_dashboard_" + size + ".png")));
        check_source_line();
        // In English the dashboard's default name is said in English.
        set_language(Language::English);
        render(app);
        CHECK(find_text(screen_text(), "Smart city pillars"));
        set_language(Language::Indonesian);

        // Esc from the dashboard: back to the map (not the dashboard squeezed into the map area).
        tap(app, pointer, XK_Escape);
        CHECK_FALSE(app.workshop().presenting());
        CHECK_FALSE(app.workshop().showing_dashboard());
        render(app);
        REQUIRE(app.write_png(screenshot("slide_after_esc_" + size + ".png")));
    }
}
