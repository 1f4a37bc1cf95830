// In a real window (Xvfb/llvmpipe): drawing a polygon and a line initiative by clicks, and changing
// the layer order, checked through the document and the pixels. Screenshots: <build>/screenshots.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "app.h"
#include "geo/geos.h"
#include "window_test.h"

using namespace pc;
using namespace pc::gui;
using namespace pc::gui::test;
namespace fs = std::filesystem;

namespace {

std::uint32_t mix(std::uint32_t bottom, std::uint32_t top, double alpha) {
    std::uint32_t out = 0xff;
    for (int shift : {24, 16, 8}) {
        double b = (bottom >> shift) & 0xff, t = (top >> shift) & 0xff;
        out |= std::uint32_t(std::lround(b * (1 - alpha) + t * alpha)) << shift;
    }
    return out;
}

void capture(App& app, CanvasInput* in = nullptr) {
    app.frame(in);
    app.request_capture();
    app.frame(in);
}

void click(App& app, CanvasInput& in, double x, double y) {
    in.x = x;
    in.y = y;
    in.over_map = true;
    app.frame(&in);
    in.pressed = in.down = true;
    app.frame(&in);
    in.pressed = in.down = false;
    in.released = true;
    app.frame(&in);
    in.released = false;
}

}  // namespace

TEST_CASE("gui: draw a polygon initiative by clicks; its pillar colour fills it; undo removes it", "[gui][window][draw]") {
    if (!display_available()) return;
    use_fresh_demo("draw");
    App app(AppOptions{});
    REQUIRE(app.settle());  // read in the background, drawn, figures computed
    Document& doc = app.doc();
    MapView& map = app.map();
    capture(app);
    const std::size_t before = doc.project().initiatives.size();
    // Only land and initiatives, so the colour inside is exactly known.
    for (int l = 0; l < kLayerCount; ++l) map.styles[std::size_t(l)].visible = false;
    map.styles[std::size_t(LayerId::Initiatives)].visible = true;
    const Camera& cam = map.camera;
    const double cx = cam.vx + cam.vw * 0.5, cy = cam.vy + cam.vh * 0.5;
    map.tool = Tool::DrawPolygonInitiative;
    map.initiative_template.pillar = Pillar::Environment;
    CanvasInput in;
    const double h = 60;
    click(app, in, cx - h, cy - h);
    click(app, in, cx + h, cy - h);
    click(app, in, cx + h, cy + h);
    CHECK(map.sketch().size() == 3);
    // Esc would cancel; Backspace takes the last vertex back, then it is clicked again.
    in.backspace = true;
    app.frame(&in);
    in.backspace = false;
    CHECK(map.sketch().size() == 2);
    click(app, in, cx + h, cy + h);
    click(app, in, cx - h, cy + h);
    CHECK(doc.project().initiatives.size() == before);  // not yet: still drawing
    in.over_map = false;  // so no vertex is drawn under a pointer on the map
    capture(app, &in);
    REQUIRE(app.write_png(screenshot("drawing_polygon.png")));
    in.enter = true;
    app.frame(&in);
    in.enter = false;
    CHECK(doc.project().initiatives.size() == before);  // its form first
    confirm_placement(app);
    REQUIRE(doc.project().initiatives.size() == before + 1);
    const Initiative& drawn = doc.project().initiatives.back();
    REQUIRE(drawn.geometry.kind == GeometryKind::Polygon);
    REQUIRE(drawn.geometry.polygons.at(0).rings.at(0).size() == 5);  // 4 corners, closed
    CHECK(drawn.pillar == Pillar::Environment);
    Coord corner = map.to_lonlat(cx + h, cy - h);
    CHECK(drawn.geometry.polygons[0].rings[0][1].x == Approx(corner.x).margin(1e-9));
    CHECK(drawn.geometry.polygons[0].rings[0][1].y == Approx(corner.y).margin(1e-9));
    CHECK(map.tool == Tool::Select);

    capture(app, &in);
    REQUIRE(app.write_png(screenshot("drawn_polygon.png")));
    // Inside: the pillar colour at 0.45 over the land (away from the outline and the selection ring).
    const std::uint32_t land = 0xf4f1eaff;
    const std::uint32_t inside = mix(land, pillar_colour(Pillar::Environment), 0.45);
    CHECK(near(app.pixel(cx - h / 2, cy + h / 2), inside, 6));
    CHECK(near(app.pixel(cx + h / 2, cy - h / 2), inside, 6));
    CHECK(near(app.pixel(cx + 2 * h, cy), land, 6));  // outside: land

    doc.undo();
    capture(app, &in);
    CHECK(doc.project().initiatives.size() == before);
    CHECK(near(app.pixel(cx - h / 2, cy + h / 2), land, 6));
    doc.redo();
    REQUIRE(doc.project().initiatives.size() == before + 1);
}

TEST_CASE("gui: draw a line initiative; fewer than two vertices draws nothing; Esc cancels", "[gui][window][draw]") {
    if (!display_available()) return;
    use_fresh_demo("draw");
    App app(AppOptions{});
    REQUIRE(app.settle());  // read in the background, drawn, figures computed
    Document& doc = app.doc();
    MapView& map = app.map();
    capture(app);
    const std::size_t before = doc.project().initiatives.size();
    const Camera& cam = map.camera;
    const double x = cam.vx + cam.vw * 0.4, y = cam.vy + cam.vh * 0.4;
    map.tool = Tool::DrawLineInitiative;
    CanvasInput in;
    click(app, in, x, y);
    in.enter = true;
    app.frame(&in);  // one vertex: not a line yet
    in.enter = false;
    CHECK(doc.project().initiatives.size() == before);
    click(app, in, x + 80, y + 10);
    click(app, in, x + 150, y - 30);
    // A double-click ends it (its clicks land on the last vertex and add nothing).
    in.double_click = true;
    in.pressed = true;
    app.frame(&in);
    in.double_click = in.pressed = false;
    confirm_placement(app);
    REQUIRE(doc.project().initiatives.size() == before + 1);
    const Initiative& line = doc.project().initiatives.back();
    REQUIRE(line.geometry.kind == GeometryKind::Line);
    CHECK(line.geometry.lines.at(0).size() == 3);

    // Esc cancels a drawing in progress.
    map.tool = Tool::DrawPolygonInitiative;
    click(app, in, x, y + 100);
    click(app, in, x + 50, y + 100);
    in.escape = true;
    app.frame(&in);
    in.escape = false;
    CHECK(map.sketch().empty());
    CHECK(map.tool == Tool::Select);
    CHECK(doc.project().initiatives.size() == before + 1);
}

TEST_CASE("gui: moving a layer in the drawing order flips the colour where layers overlap", "[gui][window][order]") {
    if (!display_available()) return;
    use_fresh_demo("draw");
    App app(AppOptions{});
    REQUIRE(app.settle());  // read in the background, drawn, figures computed
    MapView& map = app.map();
    const Project& p = app.doc().project();
    REQUIRE(!p.zones.empty());
    for (int l = 0; l < kLayerCount; ++l) map.styles[std::size_t(l)].visible = false;
    map.styles[std::size_t(LayerId::Choropleth)].visible = true;
    map.styles[std::size_t(LayerId::Choropleth)].opacity = 1.0f;
    capture(app);  // the first frame fits the district
    // Spots around a point inside the zone (GEOS point on surface, 600 m inside the edge).
    GeosContext ctx;
    auto zone = ctx.from(p.zones.front().geometry);
    auto deep = ctx.buffer(zone.get(), -0.0055);
    REQUIRE(GEOSisEmpty_r(ctx.get(), deep.get()) == 0);
    const Coord inside = map.to_screen(ctx.point_on_surface(deep.get()));
    std::vector<std::pair<double, double>> spots;
    for (int i = -3; i <= 3; ++i)
        for (int j = -3; j <= 3; ++j) spots.push_back({inside.x + i * 2.0, inside.y + j * 2.0});
    capture(app);
    std::vector<std::uint32_t> alone;
    for (auto [x, y] : spots) alone.push_back(app.pixel(x, y));

    // Zones above the choropleth (the default order): the zone shows over it.
    map.styles[std::size_t(LayerId::Zones)].visible = true;
    capture(app);
    REQUIRE(app.write_png(screenshot("order_zones_on_top.png")));
    std::size_t changed = 0;
    for (std::size_t k = 0; k < spots.size(); ++k) changed += !near(app.pixel(spots[k].first, spots[k].second), alone[k], 2);
    INFO("spots changed by the zone: " << changed << "/" << spots.size());
    CHECK(changed > spots.size() * 9 / 10);

    // The choropleth (opaque) moved to the top: it covers the zone, the pixels are the choropleth's.
    int moves = 0;
    while (map.move_layer(LayerId::Choropleth, +1)) ++moves;
    CHECK(moves == int(map.draw_order.size()) - 1);
    CHECK(map.draw_order.back() == LayerId::Choropleth);
    capture(app);
    REQUIRE(app.write_png(screenshot("order_choropleth_on_top.png")));
    std::size_t same = 0;
    for (std::size_t k = 0; k < spots.size(); ++k) same += near(app.pixel(spots[k].first, spots[k].second), alone[k], 2);
    CHECK(same == spots.size());
    CHECK_FALSE(map.move_layer(LayerId::Choropleth, +1));
}
