// The map application in a real window (OpenGL 3.3 core on Mesa llvmpipe under Xvfb): open the demo,
// render, read the pixels back, and check them; then a scripted interaction (place an initiative,
// drag it, undo) checked through the document and the pixels. Screenshots: <build>/screenshots.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "app.h"
#include "geo/geos.h"
#include "render/i18n.h"
#include "window_test.h"

using namespace pc;
using namespace pc::gui;
using namespace pc::gui::test;
namespace fs = std::filesystem;

namespace {

// Straight alpha blend of `top` at `alpha` over `bottom` (what the fill shader and blend state do).
std::uint32_t blend(std::uint32_t bottom, std::uint32_t top, double alpha) {
    std::uint32_t out = 0xff;
    for (int shift : {24, 16, 8}) {
        double b = (bottom >> shift) & 0xff, t = (top >> shift) & 0xff;
        out |= std::uint32_t(std::lround(b * (1 - alpha) + t * alpha)) << shift;
    }
    return out;
}

void render(App& app, CanvasInput* in = nullptr, int frames = 2) {
    for (int i = 0; i < frames; ++i) app.frame(in);
    app.request_capture();
    app.frame(in);
}

}  // namespace

TEST_CASE("gui: the demo opens and its KPPN zone is drawn inside the zone only", "[gui][window]") {
    if (!display_available()) return;
    use_fresh_demo("smoke");
    App app(AppOptions{});
    REQUIRE(app.settle());  // read in the background, drawn, figures computed
    const Project& p = app.doc().project();
    REQUIRE(!p.zones.empty());
    REQUIRE(!p.desa.empty());
    CHECK_FALSE(app.doc().dirty());

    render(app);
    REQUIRE(app.write_png(screenshot("demo_map.png")));
    CHECK(app.captured_width() >= 1600);

    // Only land and zones: every other layer off, so the zone's colour is exactly known.
    MapView& map = app.map();
    for (int l = 0; l < kLayerCount; ++l) map.styles[std::size_t(l)].visible = false;
    map.styles[std::size_t(LayerId::Zones)].visible = true;
    render(app);
    REQUIRE(app.write_png(screenshot("zones_only.png")));
    // Zones are a faint tint with hatch lines (map_view.cpp, one pass): o = min(1, 3 * opacity), tint
    // at 0.15 o between the lines, lines at 0.75 o.
    const double o = std::min(1.0, 3.0 * map.styles[std::size_t(LayerId::Zones)].opacity);
    const std::uint32_t land = 0xf4f1eaff, zone = 0x8e24aaff;
    const std::uint32_t zone_on_land = blend(land, zone, 0.15 * o);
    const std::uint32_t hatch_on_tint = blend(land, zone, 0.75 * o);
    std::size_t inside_hatch = 0;

    GeosContext ctx;
    std::vector<GeomPtr> deep, wide;
    for (const auto& z : p.zones) {
        auto g = ctx.from(z.geometry);
        deep.push_back(ctx.buffer(g.get(), -0.005));  // ≈ 550 m inside the edge
        wide.push_back(ctx.buffer(g.get(), 0.01));    // ≈ 1.1 km outside the edge
    }
    auto district = ctx.from(p.kabupaten.empty() ? p.desa.front().geometry : p.kabupaten.front().geometry);
    std::size_t inside = 0, inside_hit = 0, outside = 0, outside_hit = 0;
    const Camera& cam = map.camera;
    for (double y = cam.vy + 40; y < cam.vy + cam.vh - 60; y += 9)
        for (double x = cam.vx + 10; x < cam.vx + cam.vw - 70; x += 9) {
            Coord ll = map.to_lonlat(x, y);
            auto pt = ctx.from(Geometry::point(ll.x, ll.y));
            bool in_deep = false, in_wide = false;
            for (std::size_t i = 0; i < deep.size(); ++i) {
                in_deep |= GEOSContains_r(ctx.get(), deep[i].get(), pt.get()) == 1;
                in_wide |= GEOSContains_r(ctx.get(), wide[i].get(), pt.get()) == 1;
            }
            const std::uint32_t px = app.pixel(x, y);
            bool hit = near(px, zone_on_land) || near(px, hatch_on_tint);
            if (in_deep) {
                ++inside;
                inside_hit += hit;
                inside_hatch += near(px, hatch_on_tint);
            } else if (!in_wide && GEOSContains_r(ctx.get(), district.get(), pt.get()) == 1) {
                ++outside;
                outside_hit += hit;
            }
        }
    INFO("zone colour " << std::hex << zone_on_land << std::dec << ": inside " << inside_hit << "/" << inside
                        << ", outside " << outside_hit << "/" << outside);
    REQUIRE(inside > 20);
    REQUIRE(outside > 200);
    CHECK(double(inside_hit) / double(inside) > 0.97);
    CHECK(outside_hit == 0);
    // Hatch lines 2 px wide every 10 px: about a fifth of the zone.
    INFO("hatch " << inside_hatch << "/" << inside);
    CHECK(double(inside_hatch) / double(inside) > 0.08);
    CHECK(double(inside_hatch) / double(inside) < 0.4);
}

TEST_CASE("gui: place an initiative, drag it, undo: document and pixels agree", "[gui][window]") {
    if (!display_available()) return;
    use_fresh_demo("smoke");
    App app(AppOptions{});
    REQUIRE(app.settle());  // read in the background, drawn, figures computed
    Document& doc = app.doc();
    MapView& map = app.map();
    const Project original = doc.project();
    render(app);
    const double before_initiatives = doc.analysis().service("initiatives")
                                          ? doc.analysis().service("initiatives")->district.covered_population
                                          : 0.0;

    const Camera& cam = map.camera;
    const double x = cam.vx + cam.vw * 0.30, y = cam.vy + cam.vh * 0.62;
    const std::uint32_t pillar = pillar_colour(Pillar::Governance);
    REQUIRE_FALSE(colour_near(app, x, y, pillar, 12));  // nothing of that colour there yet

    // Hover with the place tool: the what-if follows the pointer.
    map.tool = Tool::PlaceInitiative;
    map.initiative_template.pillar = Pillar::Governance;
    map.initiative_template.radius_m = 2500;
    CanvasInput in;
    in.over_map = true;
    in.x = x - 30;
    in.y = y;
    app.frame(&in);
    in.x = x;
    app.frame(&in);
    REQUIRE(map.live_what_if().has_value());
    const double live_gain = map.live_what_if()->district.covered_population_delta;
    CHECK(live_gain > 0);

    // Click: one initiative more, where the pointer was.
    in.pressed = in.down = true;
    app.frame(&in);
    in.pressed = false;
    in.down = false;
    in.released = true;
    app.frame(&in);
    in.released = false;
    confirm_placement(app);
    REQUIRE(doc.project().initiatives.size() == original.initiatives.size() + 1);
    const Initiative placed = doc.project().initiatives.back();
    Coord expect = map.to_lonlat(x, y);
    CHECK(placed.geometry.points.at(0).x == Approx(expect.x).margin(1e-9));
    CHECK(placed.geometry.points.at(0).y == Approx(expect.y).margin(1e-9));
    CHECK(placed.pillar == Pillar::Governance);
    CHECK(map.tool == Tool::Select);
    CHECK(doc.dirty());
    // The live figure was the full recompute's.
    const double after_initiatives = doc.analysis().service("initiatives")->district.covered_population;
    CHECK(live_gain == Approx(after_initiatives - before_initiatives).margin(1e-6));

    render(app, &in);
    REQUIRE(app.write_png(screenshot("placed.png")));
    CHECK(colour_near(app, x, y, pillar));

    // Drag it 90 px right and 50 px down with the select tool.
    in.pressed = in.down = true;
    app.frame(&in);
    in.pressed = false;
    for (int i = 1; i <= 6; ++i) {
        in.x = x + 15 * i;
        in.y = y + 50.0 * i / 6;
        app.frame(&in);
    }
    CHECK(map.dragging());
    CHECK(map.live_what_if().has_value());
    in.down = false;
    in.released = true;
    app.frame(&in);
    in.released = false;
    const double x2 = x + 90, y2 = y + 50;
    Coord moved_to = map.to_lonlat(x2, y2);
    long idx = find_initiative(doc.project(), placed.id);
    REQUIRE(idx >= 0);
    const Coord now = doc.project().initiatives[std::size_t(idx)].geometry.points.at(0);
    CHECK(now.x == Approx(moved_to.x).margin(1e-9));
    CHECK(now.y == Approx(moved_to.y).margin(1e-9));
    in.over_map = false;
    render(app, &in);
    REQUIRE(app.write_png(screenshot("moved.png")));
    CHECK(colour_near(app, x2, y2, pillar));
    CHECK_FALSE(colour_near(app, x, y, pillar, 2));

    // Undo the move: back where it was placed. Undo the placement: gone, project as it was.
    doc.undo();
    render(app, &in);
    CHECK(colour_near(app, x, y, pillar));
    CHECK_FALSE(colour_near(app, x2, y2, pillar, 2));
    doc.undo();
    render(app, &in);
    REQUIRE(app.write_png(screenshot("undone.png")));
    CHECK_FALSE(colour_near(app, x, y, pillar, 4));
    CHECK(doc.project() == original);
    CHECK_FALSE(doc.dirty());

    // Redo both, save, and the reopened project has the moved initiative.
    doc.redo();
    doc.redo();
    doc.save();
    CHECK_FALSE(doc.dirty());
    auto reopened = Document::open(doc.path());
    long j = find_initiative(reopened->project(), placed.id);
    REQUIRE(j >= 0);
    CHECK(reopened->project().initiatives[std::size_t(j)].geometry.points.at(0).x == Approx(moved_to.x).margin(1e-7));

    // English, zoomed in, for the record.
    set_language(Language::English);
    in.over_map = true;
    in.x = x2;
    in.y = y2;
    in.wheel = 3;
    app.frame(&in);
    in.wheel = 0;
    render(app, &in);
    REQUIRE(app.write_png(screenshot("english_zoomed.png")));
    set_language(Language::Indonesian);
    fs::remove_all(fs::path(doc.path()).parent_path());
}

TEST_CASE("gui: a kecamatan label never hides an initiative placed under it", "[gui][window]") {
    if (!display_available()) return;
    use_fresh_demo("smoke");
    App app(AppOptions{});
    REQUIRE(app.settle());  // read in the background, drawn, figures computed
    Document& doc = app.doc();
    MapView& map = app.map();
    render(app);
    REQUIRE(map.styles[std::size_t(LayerId::Labels)].visible);
    // Right where the labels anchor: each kecamatan's point on surface (as map_view places them).
    GeosContext ctx;
    const Pillar pillar = Pillar::Economy;
    std::vector<Coord> spots;
    for (const auto& k : doc.project().kecamatan) {
        auto g = ctx.from(k.geometry);
        spots.push_back(ctx.point_on_surface(g.get()));
    }
    REQUIRE(spots.size() >= 5);
    for (std::size_t i = 0; i < 5; ++i) {
        Initiative in;
        in.id = new_uuid();
        in.name = "Di bawah label " + std::to_string(i);
        in.pillar = pillar;
        in.geometry = Geometry::point(spots[i].x, spots[i].y);
        doc.execute(add_initiative(in));
    }
    render(app);
    REQUIRE(app.write_png(screenshot("initiatives_under_labels.png")));
    for (std::size_t i = 0; i < 5; ++i) {
        const Coord s = map.to_screen(spots[i]);
        INFO("kecamatan " << doc.project().kecamatan[i].name);
        CHECK(colour_near(app, s.x, s.y, pillar_colour(pillar), 1));
    }
    fs::remove_all(fs::path(doc.path()).parent_path());
}

TEST_CASE("gui: coverage in equal intervals is classed 0-20-40-60-80-100 %, whatever the district's values", "[gui][window]") {
    if (!display_available()) return;
    use_fresh_demo("smoke");
    App app(AppOptions{});
    REQUIRE(app.settle());  // read in the background, drawn, figures computed
    MapView& map = app.map();
    CHECK(map.class_method == ClassMethod::EqualInterval);  // the default
    // Public WiFi reaches 0.3 % of the demo's people: no desa near 100 %, so classes over the data's
    // range would be far from the fixed ones.
    map.service = "wifi";
    for (ChoroplethMetric metric : {ChoroplethMetric::CoveragePopulation, ChoroplethMetric::CoverageArea}) {
        map.metric = metric;
        render(app);
        const ServiceCoverage* wifi = app.doc().analysis().service("wifi");
        REQUIRE(wifi);
        double top = 0;
        for (const auto& d : wifi->desa)
            top = std::max(top, metric == ChoroplethMetric::CoveragePopulation ? d.coverage_ratio_population : d.coverage_ratio_area);
        REQUIRE(top < 0.9);
        REQUIRE(map.classes().count() == 5);
        for (int i = 0; i <= 5; ++i) CHECK(map.classes().breaks[std::size_t(i)] == Approx(0.2 * i).margin(1e-12));
        CHECK(map.classes().class_of(0.97) == 4);
        CHECK(map.classes().class_of(0.05) == 0);
    }
    // Quantiles still follow the data (here: not the fixed breaks).
    map.metric = ChoroplethMetric::CoveragePopulation;
    map.class_method = ClassMethod::Quantile;
    render(app);
    std::vector<double> fixed{0, 0.2, 0.4, 0.6, 0.8, 1.0};
    CHECK(map.classes().breaks != fixed);
    fs::remove_all(fs::path(app.doc().path()).parent_path());
}
