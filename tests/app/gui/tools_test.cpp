// What a QGIS user reaches for, in a real window with real X events: Identify (click a desa: its
// attributes and figures; click a symbol: the facility), the attribute table (filter, sort, a row
// selects on the map), and Measure (distance and area, against SpatiaLite's geodesic ST_Length and
// ST_Area on the WGS 84 ellipsoid).
#include <catch2/catch.hpp>

#include <X11/keysym.h>

#include <algorithm>
#include <cstdio>

#include "../../geo/io/io_test_util.h"
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
using pc::test::sql_value;

namespace {

// A run with exactly `text` in the same row (same top, within a pixel) as a run with exactly `row`:
// tables draw column by column, so a row's cells are separate runs.
bool in_row(const std::vector<TextRun>& runs, const std::string& row, const std::string& text) {
    for (const TextRun& a : runs)
        if (a.text == row)
            for (const TextRun& b : runs)
                if (b.text == text && std::abs(b.y0 - a.y0) <= 1.5f) return true;
    return false;
}

std::vector<TextRun> in_window(const std::string& prefix) {
    std::vector<TextRun> out;
    for (const TextRun& r : screen_text())
        if (r.list.rfind(prefix, 0) == 0) out.push_back(r);
    return out;
}

// Clicks the item `label` of window `w`, found by walking the pointer down at `dx` from its left.
void click_item(XPointer& pointer, const ImGuiWindow* w, ImGuiID id, double dx) {
    REQUIRE(w);
    const auto y = pointer.find_item(id, w->Pos.x + dx, w->Pos.y, w->Pos.y + w->Size.y, 3);
    REQUIRE(y);
    pointer.click(w->Pos.x + dx, *y);
}

}  // namespace

TEST_CASE("gui: Identify shows the clicked desa's attributes and figures, or the facility clicked", "[gui][window][tools]") {
    if (!display_available()) return;
    const auto session = demo_app("tools_identify");
    App& app = *session;
    XPointer pointer(app);
    Document& doc = app.doc();
    MapView& map = app.map();
    const Project& p = doc.project();
    // A point inside the third desa, independently: GEOS's point on surface, and GEOS says which
    // desa holds it.
    GeosContext ctx;
    const AdminUnit& desa = p.desa.at(2);
    const Coord inside = ctx.point_on_surface(ctx.from(desa.geometry).get());
    map.zoom_to(desa.geometry.envelope(), 4000);
    app.frame();
    Coord at = map.to_screen(inside);
    // Not on a symbol: shift along the desa until no facility or initiative is under the pointer.
    for (int k = 0; k < 20 && map.pick(at.x, at.y); ++k) at.x += 3;
    const Coord clicked = map.to_lonlat(std::floor(at.x), std::floor(at.y));
    auto pt = ctx.from(Geometry::point(clicked.x, clicked.y));
    REQUIRE(GEOSContains_r(ctx.get(), ctx.from(desa.geometry).get(), pt.get()) == 1);

    map.tool = Tool::Identify;
    pointer.click(at.x, at.y);
    app.frame();
    REQUIRE(app.ui().identify_open);
    const auto runs = in_window("Identifikasi###Identify");
    INFO(screen_text_dump());
    CHECK(find_text(runs, desa.name + " (" + desa.code + ")"));
    // Its puskesmas figures as the analysis has them for this desa.
    const auto analysis = doc.latest_analysis();  // held while `s` points into it
    const ServiceCoverage* s = analysis->service("puskesmas");
    REQUIRE(s);
    const UnitMetrics* m = nullptr;
    for (const auto& u : s->desa)
        if (u.code == desa.code) m = &u;
    REQUIRE(m);
    char pct[32];
    std::snprintf(pct, sizeof pct, "%.0f%%", m->coverage_ratio_population * 100);
    CHECK(in_row(runs, "Puskesmas", pct));
    app.request_capture();
    app.frame();
    REQUIRE(app.write_png(screenshot("identify_desa.png")));

    // A facility's symbol: its name and type.
    const Facility& f = p.facilities.front();
    map.zoom_to(f.geometry.envelope(), 3000);
    // Right of the Identify window, which floats at the map's top left.
    map.camera.pan_pixels(map.camera.vw * 0.3, map.camera.vh * 0.2);
    app.frame();
    const Coord fs = map.to_screen(f.geometry.anchor());
    pointer.click(fs.x, fs.y);
    app.frame();
    app.frame();  // a table seen for the first time lays its columns out before it shows them
    const auto fr = in_window("Identifikasi###Identify");
    std::string shown;
    for (const auto& r : fr) shown += r.text + " | ";
    INFO("identify shows: " << shown);
    CHECK(find_text(fr, f.name));
    CHECK(find_text(fr, service_label(p, f.type)));
}

TEST_CASE("gui: the attribute table filters, sorts and selects on the map", "[gui][window][tools]") {
    if (!display_available()) return;
    const auto session = demo_app("tools_table");
    App& app = *session;
    XPointer pointer(app);
    Document& doc = app.doc();
    MapView& map = app.map();
    const Project& p = doc.project();
    // Ctrl+T opens it (the View menu says so).
    pointer.move(map.camera.vx + 40, map.camera.vy + 40, 1);
    pointer.hold(XK_Control_L, true);
    pointer.key(XK_t);
    pointer.hold(XK_Control_L, false);
    app.frame();
    REQUIRE(app.ui().attributes_open);
    const ImGuiWindow* w = XPointer::window("Tabel atribut###Attribute table");
    REQUIRE(w);
    {
        const auto runs = in_window("Tabel atribut###Attribute table");
        INFO(screen_text_dump());
        CHECK(find_text(runs, std::to_string(p.desa.size()) + " dari " + std::to_string(p.desa.size()) + " baris"));
    }
    // Sort by population, largest first: a click on the header.
    ImGuiWindow* table = XPointer::child_window(w, "##attributes");
    REQUIRE(table);
    const AdminUnit* biggest = &p.desa.front();
    for (const auto& d : p.desa)
        if (d.population.value_or(0) > biggest->population.value_or(0)) biggest = &d;
    for (int click = 0; click < 1; ++click) {  // numbers sort largest first at the first click
        // The header "Penduduk", where the screen shows it.
        const TextRun* header = nullptr;
        const auto runs = in_window("Tabel atribut###Attribute table");
        for (const auto& r : runs)
            if (r.text == "Penduduk" && r.list.find("##attributes") != std::string::npos) header = &r;
        INFO(screen_text_dump());
        REQUIRE(header);
        pointer.click((header->x0 + header->x1) / 2, (header->y0 + header->y1) / 2);
    }
    app.frame();
    {
        const auto runs = in_window("Tabel atribut###Attribute table");
        INFO(screen_text_dump());
        // The first data row is the most populous desa.
        std::vector<TextRun> rows;
        for (const auto& r : runs)
            if (r.list.find("##attributes") != std::string::npos) rows.push_back(r);
        std::sort(rows.begin(), rows.end(), [](const TextRun& a, const TextRun& b) { return a.y0 < b.y0; });
        REQUIRE(rows.size() > 3);
        const float header_y = rows.front().y0;
        const TextRun* first = nullptr;
        for (const auto& r : rows)
            if (r.y0 > header_y + 2 && (!first || r.y0 < first->y0 || (r.y0 == first->y0 && r.x0 < first->x0))) first = &r;
        REQUIRE(first);
        CHECK(first->text == biggest->code);
    }
    // Filter by a desa's name typed into the filter: one row; a click on it outlines it and flies there.
    const AdminUnit& d = p.desa.at(5);
    click_item(pointer, w, XPointer::item_id(w, "##filter"), w->Size.x - 80);
    std::string lower = d.name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    std::string typed;
    for (char c : lower)
        if (std::isalnum(static_cast<unsigned char>(c)) || c == ' ') typed += c;
    pointer.type(typed);
    app.frame();
    std::size_t want = 0;
    for (const auto& x : p.desa) {
        std::string n = x.name, c = x.code;
        std::transform(n.begin(), n.end(), n.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
        if (n.find(typed) != std::string::npos || c.find(typed) != std::string::npos) ++want;
    }
    {
        const auto runs = in_window("Tabel atribut###Attribute table");
        INFO(screen_text_dump());
        CHECK(find_text(runs, std::to_string(want) + " dari " + std::to_string(p.desa.size()) + " baris"));
    }
    table = XPointer::child_window(w, "##attributes");
    REQUIRE(table);
    pointer.click(table->Pos.x + 20, table->Pos.y + ImGui::GetFrameHeight() * 1.5);
    app.frame();
    bool one_of = false;
    for (const auto& x : p.desa) one_of |= x.code == app.ui().focused_unit;
    CHECK(one_of);
    const AdminUnit* chosen = nullptr;
    for (const auto& x : p.desa)
        if (x.code == app.ui().focused_unit) chosen = &x;
    REQUIRE(chosen);
    const Envelope e = chosen->geometry.envelope();
    const Coord c = map.to_screen(e.centre());
    CHECK(map.camera.contains_screen(c.x, c.y));
    app.request_capture();
    app.frame();
    REQUIRE(app.write_png(screenshot("attribute_table.png")));
}

TEST_CASE("gui: Measure gives the geodesic distance and area SpatiaLite gives", "[gui][window][tools]") {
    if (!display_available()) return;
    const auto session = demo_app("tools_measure");
    App& app = *session;
    const std::string demo = app.doc().path();
    XPointer pointer(app);
    MapView& map = app.map();
    map.tool = Tool::Measure;
    const Camera& cam = map.camera;
    const double x0 = cam.vx + cam.vw * 0.3, x1 = cam.vx + cam.vw * 0.7, y0 = cam.vy + cam.vh * 0.3, y1 = cam.vy + cam.vh * 0.6;
    for (auto [x, y] : {std::pair{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}) pointer.click(x, y);
    pointer.key(XK_Return);
    REQUIRE(map.measured().size() == 4);
    CHECK(map.measure_finished());
    std::string wkt_line = "LINESTRING(", wkt_poly = "POLYGON((";
    char buf[96];
    for (std::size_t i = 0; i < 4; ++i) {
        std::snprintf(buf, sizeof buf, "%s%.12f %.12f", i ? ", " : "", map.measured()[i].x, map.measured()[i].y);
        wkt_line += buf;
        wkt_poly += buf;
    }
    std::snprintf(buf, sizeof buf, ", %.12f %.12f))", map.measured()[0].x, map.measured()[0].y);
    wkt_poly += buf;
    wkt_line += ")";
    const double length = std::stod(sql_value(demo, "SELECT ST_Length(GeomFromText('" + wkt_line + "', 4326), 1)"));
    const double area = std::stod(sql_value(demo, "SELECT ST_Area(GeomFromText('" + wkt_poly + "', 4326), 1)"));
    INFO("SpatiaLite: " << length << " m, " << area << " m²");
    // What the screen says, against SpatiaLite's values written the same way.
    char want_len[64], want_area[64];
    std::snprintf(want_len, sizeof want_len, "%.2f km", length / 1000);
    std::snprintf(want_area, sizeof want_area, "%.2f km²", area / 1e6);
    std::string wl = want_len, wa = want_area;
    std::replace(wl.begin(), wl.end(), '.', ',');
    std::replace(wa.begin(), wa.end(), '.', ',');
    pointer.move(cam.vx + 10, cam.vy + 10);
    const auto runs = screen_text();
    INFO(screen_text_dump());
    CHECK(find_text(runs, "Jarak " + wl + " · Luas " + wa));
    app.request_capture();
    app.frame();
    REQUIRE(app.write_png(screenshot("measure.png")));
    // Esc clears it.
    pointer.key(XK_Escape);
    CHECK(map.measured().empty());

    // Backspace takes the last point back; a double-click on the last point ends the measurement
    // without adding it twice; the next click starts a new one.
    map.tool = Tool::Measure;
    pointer.click(x0, y0);
    pointer.click(x1, y0);
    REQUIRE(map.measured().size() == 2);
    pointer.key(XK_BackSpace);
    CHECK(map.measured().size() == 1);
    pointer.click(x1, y1);
    // A double-click: ImGui's double-click time made generous so a slow frame under load keeps it one.
    ImGui::GetIO().MouseDoubleClickTime = 1.0f;
    pointer.click(x0, y1);
    pointer.click(x0, y1);
    CHECK(map.measure_finished());
    CHECK(map.measured().size() == 3);
    pointer.click(x1, y0);
    CHECK_FALSE(map.measure_finished());
    CHECK(map.measured().size() == 1);
}
