// Placing an initiative asks what it is: a click opens a short form (nothing is added until Place;
// Esc leaves no step in the undo history), its fields are typed and chosen with real X events, the
// budget reads with Indonesian separators, and a WiFi initiative counts in WiFi's figures, so the
// red desa it is placed in takes the colour of its new coverage.
#include <catch2/catch.hpp>

#include <X11/keysym.h>

#include <cmath>

#include "app.h"
#include "geo/geos.h"
#include "render/i18n.h"
#include "screen_text.h"
#include "window_test.h"
#include "x_pointer.h"

using namespace pc;
using namespace pc::gui;
using namespace pc::gui::test;
using pc::gui::testing::XPointer;

namespace {

const char* kFormName = "Inisiatif baru###new_initiative";

bool form_open() {
    const ImGuiWindow* w = XPointer::window(kFormName);
    return w && w->Active;
}

// Clicks the item `label` of window `w` (found by walking the pointer down its left part).
void click_item(XPointer& pointer, const ImGuiWindow* w, const char* label, double dx = 30) {
    REQUIRE(w);
    const ImGuiID id = XPointer::item_id(w, label);
    const auto y = pointer.find_item(id, w->Pos.x + w->WindowPadding.x + dx, w->Pos.y, w->Pos.y + w->Size.y, 4);
    INFO(label);
    REQUIRE(y);
    pointer.click(w->Pos.x + w->WindowPadding.x + dx, *y);
}

// The straight blend of `top` at `alpha` over `bottom` (0xRRGGBBAA).
std::uint32_t blend(std::uint32_t bottom, std::uint32_t top, double alpha) {
    std::uint32_t out = 0xff;
    for (int shift : {24, 16, 8}) {
        const double b = (bottom >> shift) & 0xff, t = (top >> shift) & 0xff;
        out |= std::uint32_t(std::lround(b * (1 - alpha) + t * alpha)) << shift;
    }
    return out;
}

}  // namespace

TEST_CASE("gui: a placed initiative opens its form; Esc leaves no trace", "[gui][window][placement]") {
    if (!display_available()) return;
    use_fresh_demo("placement_esc");
    App app(AppOptions{});
    REQUIRE(app.settle());
    REQUIRE(XPointer::available());
    XPointer pointer(app);
    Document& doc = app.doc();
    MapView& map = app.map();
    const std::size_t before = doc.project().initiatives.size();
    map.tool = Tool::PlaceInitiative;
    const Camera& cam = map.camera;
    pointer.click(cam.vx + cam.vw * 0.5, cam.vy + cam.vh * 0.5);
    REQUIRE(app.ui().placing_initiative.has_value());
    CHECK(form_open());
    CHECK(doc.project().initiatives.size() == before);  // nothing added yet
    CHECK(doc.history_size() == 0);
    app.request_capture();
    app.frame();
    REQUIRE(app.write_png(screenshot("placement_form.png")));

    pointer.key(XK_Escape);
    app.frame();
    CHECK_FALSE(app.ui().placing_initiative.has_value());
    CHECK_FALSE(form_open());
    CHECK(doc.project().initiatives.size() == before);
    CHECK(doc.history_size() == 0);
    CHECK_FALSE(doc.can_undo());
    CHECK_FALSE(doc.dirty());
}

TEST_CASE("gui: the form's fields become the initiative; a WiFi initiative colours the WiFi map", "[gui][window][placement][service]") {
    if (!display_available()) return;
    use_fresh_demo("placement_wifi");
    App app(AppOptions{});
    REQUIRE(app.settle());
    REQUIRE(XPointer::available());
    XPointer pointer(app);
    Document& doc = app.doc();
    MapView& map = app.map();
    // The WiFi map alone, so the desa's colour is exactly known.
    map.service = "wifi";
    for (auto& s : map.styles) s.visible = false;
    map.styles[std::size_t(LayerId::Choropleth)].visible = true;
    REQUIRE(app.settle());

    // A desa WiFi does not reach at all (red), and a point well inside it.
    // Held: the document drops its result when the placement's analysis replaces it, and `target`
    // points into it until the end.
    const auto analysis_before = doc.latest_analysis();
    const ServiceCoverage* wifi = analysis_before->service("wifi");
    REQUIRE(wifi);
    const UnitMetrics* target = nullptr;
    for (const auto& d : wifi->desa)
        if (d.covered_population == 0 && d.population > 0 && (!target || d.area_km2 > target->area_km2)) target = &d;
    REQUIRE(target);
    const AdminUnit* desa = nullptr;
    for (const auto& d : doc.project().desa)
        if (d.code == target->code) desa = &d;
    REQUIRE(desa);
    GeosContext ctx;
    const Coord inside = ctx.point_on_surface(ctx.from(desa->geometry).get());
    map.zoom_to(desa->geometry.envelope(), 3000);
    app.frame();
    const Coord at = map.to_screen(inside);
    const std::uint32_t background = 0xdfe9f2ff;
    const double opacity = map.styles[std::size_t(LayerId::Choropleth)].opacity;
    app.request_capture();
    app.frame();
    const std::uint32_t red = blend(background, ramp_colour(Ramp::RedToGreen, 0, map.classes().count()), opacity);
    INFO("pixel before " << std::hex << app.pixel(at.x, at.y) << ", red " << red);
    REQUIRE(colour_near(app, at.x, at.y, red, 1, 3));

    // Place it: the form opens with the name field focused.
    map.tool = Tool::PlaceInitiative;
    pointer.click(at.x, at.y);
    REQUIRE(form_open());
    const std::size_t before = doc.project().initiatives.size();
    // Name: the field has the keyboard; select all and type over it.
    pointer.hold(XK_Control_L, true);
    pointer.key(XK_a);
    pointer.hold(XK_Control_L, false);
    pointer.type("wifi taman kota");
    const ImGuiWindow* form = XPointer::window(kFormName);
    // Budget, typed without separators, shown with Indonesian ones once left.
    click_item(pointer, form, "Anggaran (Rp)###Budget (Rp)");
    pointer.type("2500000000");
    click_item(pointer, form, "Acuan RPJMD###RPJMD reference");
    pointer.type("misi 2 program 4");
    const auto runs = screen_text();
    INFO(screen_text_dump());
    CHECK(find_text(runs, "2.500.000.000"));
    CHECK(find_text(runs, "Rp 2,5 M"));
    CHECK(app.ui().placing_initiative->budget_rp == 2'500'000'000);
    // Service: the combo, then WiFi publik in its list.
    click_item(pointer, form, "Layanan yang diberikan###Service provided");
    const ImGuiWindow* list = ImGui::FindWindowByName("##Combo_01");  // a combo's list inside one popup
    click_item(pointer, list, "WiFi publik", 10);
    CHECK(app.ui().placing_initiative->service == "wifi");
    CHECK(app.ui().placing_initiative->radius_m == Approx(100));  // WiFi's own radius
    // Radius: Ctrl+click turns the slider into a field; 1500 and Enter (which also places).
    {
        const ImGuiID id = XPointer::item_id(form, "Radius layanan (m)###Service radius (m)");
        const auto y = pointer.find_item(id, form->Pos.x + form->WindowPadding.x + 30, form->Pos.y, form->Pos.y + form->Size.y, 4);
        REQUIRE(y);
        pointer.hold(XK_Control_L, true);
        pointer.click(form->Pos.x + form->WindowPadding.x + 30, *y);
        pointer.hold(XK_Control_L, false);
        pointer.type("1500");
        pointer.key(XK_Return);
    }
    app.frame();
    CHECK_FALSE(form_open());
    REQUIRE(doc.project().initiatives.size() == before + 1);
    CHECK(doc.history_size() == 1);  // one step, the form's values in it
    const Initiative& in = doc.project().initiatives.back();
    CHECK(in.name == "wifi taman kota");
    CHECK(in.budget_rp == 2'500'000'000);
    CHECK(in.rpjmd_ref == "misi 2 program 4");
    CHECK(in.service == "wifi");
    CHECK(in.radius_m == Approx(1500));
    CHECK(in.geometry.points.at(0).x == Approx(map.to_lonlat(std::floor(at.x), std::floor(at.y)).x).margin(1e-3));
    // Selected, its budget reads in the selection panel as in the form (not "2500000000").
    REQUIRE(doc.selection());
    app.frame();
    {
        const auto panel = screen_text();
        INFO(screen_text_dump());
        const TextRun* budget = find_text(panel, "2.500.000.000");
        REQUIRE(budget);
        CHECK(budget->list == "Pilihan###Selection");
    }

    // WiFi's figures count it: the desa is no longer red but the colour of its new coverage.
    REQUIRE(app.settle());
    const auto analysis_after = doc.latest_analysis();
    const ServiceCoverage* after = analysis_after->service("wifi");
    const UnitMetrics* now = nullptr;
    for (const auto& d : after->desa)
        if (d.code == target->code) now = &d;
    REQUIRE(now);
    CHECK(now->covered_population > 0);
    const int cls = map.classes().class_of(now->coverage_ratio_population);
    REQUIRE(cls > 0);
    const std::uint32_t coloured = blend(background, ramp_colour(Ramp::RedToGreen, cls, map.classes().count()), opacity);
    pointer.move(map.camera.vx + 5, map.camera.vy + 5);  // the pointer off the spot
    app.request_capture();
    app.frame();
    REQUIRE(app.write_png(screenshot("placement_wifi_after.png")));
    INFO("pixel after " << std::hex << app.pixel(at.x, at.y + 14) << ", class " << cls << " colour " << coloured);
    CHECK(colour_near(app, at.x, at.y + 14, coloured, 1, 3));  // beside the symbol
    doc.undo();
    CHECK(doc.project().initiatives.size() == before);
}
