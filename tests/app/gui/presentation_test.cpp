// Workshop mode in a real window (Xvfb + llvmpipe): three views built from the map, presented full
// screen, stepped with the arrow keys and PageUp/PageDown; the swipe between baseline and plan; the
// pillar dashboard slide. Checked through the document and the pixels. Screenshots:
// <build>/screenshots/presentation_*.png.
#include <catch2/catch.hpp>

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include <stb_image_write.h>

#include "app.h"
#include "geo/analysis/scenario.h"
#include "geo/doc/view_commands.h"
#include "render/i18n.h"
#include "panel_views.h"
#include "window_test.h"

using namespace pc;
using namespace pc::gui;
using namespace pc::gui::test;
namespace fs = std::filesystem;

namespace {

void render(App& app, int frames = 2) {
    for (int i = 0; i < frames; ++i) app.frame();
    app.request_capture();
    app.frame();
}

int channel(std::uint32_t c, int shift) { return int((c >> shift) & 0xff); }
// Pixels of colour c in a window rectangle, sampled every `step` pixels.
int count_colour(const App& app, double x0, double y0, double x1, double y1, std::uint32_t c, int tol = 12, int step = 2) {
    int n = 0;
    for (double y = y0; y < y1; y += step)
        for (double x = x0; x < x1; x += step) n += near(app.pixel(x, y), c, tol);
    return n;
}

// Fraction of sampled pixels that differ between two captures.
double changed_fraction(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b) {
    if (a.size() != b.size() || a.empty()) return 1;
    std::size_t diff = 0, n = 0;
    for (std::size_t i = 0; i + 3 < a.size(); i += 4 * 7, ++n)
        if (std::abs(int(a[i]) - int(b[i])) + std::abs(int(a[i + 1]) - int(b[i + 1])) + std::abs(int(a[i + 2]) - int(b[i + 2])) > 24) ++diff;
    return double(diff) / double(n);
}

// The extent shown contains the target, which takes most of the slide on one axis: it fits the part
// the title block and the legend leave free (slides_test.cpp checks that part), not the whole map.
void check_shows(const MapView& map, const Envelope& want) {
    const Envelope got = visible_lonlat(map);
    INFO("want " << want.min_x << "," << want.min_y << " " << want.max_x << "," << want.max_y << "  got " << got.min_x << ","
                 << got.min_y << " " << got.max_x << "," << got.max_y);
    CHECK(got.min_x <= want.min_x + 1e-6);
    CHECK(got.max_x >= want.max_x - 1e-6);
    CHECK(got.min_y <= want.min_y + 1e-6);
    CHECK(got.max_y >= want.max_y - 1e-6);
    const double rw = want.width() / got.width(), rh = want.height() / got.height();
    CHECK(std::max(rw, rh) > 0.5);
    CHECK(std::max(rw, rh) <= 1.0 + 1e-6);
}

}  // namespace

TEST_CASE("gui: three views presented full screen, stepped with the keys", "[gui][window][present]") {
    if (!display_available()) return;
    use_fresh_demo("present");
    set_language(Language::Indonesian);
    AppOptions o;
    App app(o);
    REQUIRE(app.settle());  // read in the background, drawn, figures computed
    render(app);
    Document& doc = app.doc();
    MapView& map = app.map();
    const Project& p = doc.project();
    REQUIRE(p.kecamatan.size() >= 2);

    // Normal mode: the layers panel is there (its window background at the left).
    const std::uint32_t panel_bg = 0xf7f7f5ff;
    CHECK(count_colour(app, 20, 300, 280, 600, panel_bg, 6, 6) > 200);

    // Three views, each saved from what the map shows.
    map.zoom_to_district();
    render(app, 1);
    doc.execute(add_view(p, view_from_map(map, make_view("Cakupan puskesmas"))));
    const AdminUnit& kec = p.kecamatan[1];
    map.zoom_to(kec.geometry.envelope());
    map.metric = ChoroplethMetric::UncoveredPopulation;
    render(app, 1);
    View b = view_from_map(map, make_view("Kecamatan " + kec.name));
    b.caption = "Celah terbesar ada di sini";
    b.highlight_units = {kec.code};
    doc.execute(add_view(doc.project(), b));
    const Coord at = p.facilities.front().geometry.anchor();
    map.zoom_to(Envelope{at.x - 0.01, at.y - 0.01, at.x + 0.01, at.y + 0.01});
    map.styles[std::size_t(LayerId::Choropleth)].visible = false;
    map.metric = ChoroplethMetric::CoverageArea;
    render(app, 1);
    doc.execute(add_view(doc.project(), view_from_map(map, make_view("Sekitar " + p.facilities.front().name))));
    REQUIRE(doc.project().views.size() == 3);
    const std::vector<View> views = doc.project().views;
    CHECK(views[2].shows(ViewLayer::Facilities));
    CHECK_FALSE(views[2].shows(ViewLayer::Choropleth));
    const std::vector<std::uint8_t> normal = (render(app), app.captured());

    // F5: full screen (the monitor's size), panels gone, the first view.
    press(app, GLFW_KEY_F5);
    REQUIRE(app.workshop().presenting());
    const double first_fly = land(app);
    render(app);
    const GLFWvidmode* mode = glfwGetVideoMode(glfwGetPrimaryMonitor());
    CHECK(app.captured_width() == mode->width);
    CHECK(app.captured_height() == mode->height);
    REQUIRE(app.write_png(screenshot("presentation_slide1.png")));
    CHECK(app.workshop().slide() == 0);
    check_shows(map, views[0].extent);
    CHECK(count_colour(app, 20, 300, 280, 600, panel_bg, 6, 6) < 20);  // no layers panel
    // Title block: the blue bar at its left edge, white box, dark title text.
    const float s = app.workshop().type_scale();
    CHECK(count_colour(app, 24 * s, 30 * s, 31 * s, 120 * s, 0x1565c0ff, 12, 1) > 40);
    const int title_ink = count_colour(app, 46 * s, 100 * s, 600 * s, 160 * s, 0x191919ff, 40, 1);
    CHECK(title_ink > 300);
    // Source line across the bottom (dark band) and a legend box (white) bottom right.
    const double H = mode->height, W = mode->width;
    CHECK(count_colour(app, 0, H - 30 * s, W, H - 6 * s, 0x263238ff, 6, 4) > W / 8);
    CHECK(map.camera.vh < H - 30 * s);  // the map stops above it, scale bar included

    // Right arrow: the fly starts, eases for ~0.6 s, lands on view 2 (a kecamatan, highlighted).
    const std::vector<std::uint8_t> slide1 = app.captured();
    press(app, GLFW_KEY_RIGHT);
    CHECK(app.workshop().slide() == 1);
    CHECK(app.workshop().flying());
    const double fly = land(app);
    WARN("fly between views: " << fly << " s (target 0.6 s); first frame of slide 1 after F5 landed in " << first_fly << " s");
    CHECK(fly > 0.3);
    CHECK(fly < 3.0);
    render(app);
    REQUIRE(app.write_png(screenshot("presentation_slide2.png")));
    check_shows(map, views[1].extent);
    CHECK(map.metric == ChoroplethMetric::UncoveredPopulation);
    CHECK(changed_fraction(slide1, app.captured()) > 0.2);
    CHECK(count_colour(app, 0, 0, W, H - 50 * s, 0xff6f00ff, 16, 3) > 30);  // the highlighted kecamatan outline

    // PageDown (a clicker) to view 3; past the end it stays; PageUp back to view 2.
    press(app, GLFW_KEY_PAGE_DOWN);
    land(app);
    render(app);
    REQUIRE(app.write_png(screenshot("presentation_slide3.png")));
    CHECK(app.workshop().slide() == 2);
    check_shows(map, views[2].extent);
    CHECK_FALSE(map.styles[std::size_t(LayerId::Choropleth)].visible);
    press(app, GLFW_KEY_PAGE_DOWN);
    CHECK(app.workshop().slide() == 2);
    press(app, GLFW_KEY_PAGE_UP);
    land(app);
    CHECK(app.workshop().slide() == 1);
    check_shows(map, views[1].extent);

    // Esc: back to the window with its panels.
    press(app, GLFW_KEY_ESCAPE);
    CHECK_FALSE(app.workshop().presenting());
    render(app, 3);
    CHECK(app.captured_width() == 1600);
    CHECK(count_colour(app, 20, 300, 280, 600, panel_bg, 6, 6) > 200);
    // The views were edits of the document: undo takes them away one by one.
    CHECK(doc.dirty());
    doc.undo();
    CHECK(doc.project().views.size() == 2);
    doc.redo();
    CHECK(doc.project().views == views);
    (void)first_fly;
    (void)normal;
}

namespace {

// Metres between two lon/lat points (equirectangular: enough within a district).
double metres(Coord a, Coord b) {
    const double k = 3.14159265358979323846 / 180, R = 6371008.8;
    const double dx = (b.x - a.x) * k * R * std::cos((a.y + b.y) / 2 * k), dy = (b.y - a.y) * k * R;
    return std::hypot(dx, dy);
}

}  // namespace

TEST_CASE("gui: the swipe line shows the baseline left and the plan right", "[gui][window][present]") {
    if (!display_available()) return;
    use_fresh_demo("present");
    App app(AppOptions{});
    REQUIRE(app.settle());  // read in the background, drawn, figures computed
    render(app);
    Document& doc = app.doc();
    MapView& map = app.map();
    const Project& p = doc.project();

    // A point the plan covers and the baseline does not: near an initiative with a radius, far from
    // every existing facility of the compared type.
    std::string service;
    Coord spot{};
    for (const auto& t : p.settings.facility_types) {
        for (const auto& i : p.initiatives) {
            if (!i.radius_m || *i.radius_m < 800) continue;
            const Coord c = i.geometry.anchor();
            bool free = true;
            for (const auto& f : p.facilities)
                if (f.type == t.key && metres(f.geometry.anchor(), c) < p.service_radius_m(f) + 300) free = false;
            if (free) {
                service = t.key;
                spot = c;
                break;
            }
        }
        if (!service.empty()) break;
    }
    REQUIRE_FALSE(service.empty());

    // Only land and the service area: the colour under the spot says which scenario is drawn there.
    for (int l = 0; l < kLayerCount; ++l) map.styles[std::size_t(l)].visible = false;
    map.styles[std::size_t(LayerId::ServiceArea)].visible = true;
    map.service = service;
    map.zoom_to(Envelope{spot.x - 0.03, spot.y - 0.03, spot.x + 0.03, spot.y + 0.03});
    ScenarioView& sc = app.workshop().scenario;
    sc.mode = ScenarioMode::Swipe;
    sc.filter = {};  // every initiative
    app.frame();
    sc.wait();  // the plan is computed in the background
    render(app);
    REQUIRE(sc.plan_map());
    REQUIRE(sc.comparison());
    CHECK(sc.comparison()->district.plan_covered_population > sc.comparison()->district.baseline_covered_population);

    const Coord s = map.to_screen(spot);
    const Camera& cam = map.camera;
    REQUIRE(cam.contains_screen(s.x, s.y));
    // Line right of the spot: baseline there.
    sc.swipe = std::min(0.98, (s.x - cam.vx) / cam.vw + 0.15);
    render(app);
    const std::uint32_t base_px = app.pixel(s.x + 3, s.y + 3);
    // Far corner, same in both (outside every change): the top-left of the map, left of any line.
    const std::uint32_t corner_base = app.pixel(cam.vx + 4, cam.vy + cam.vh - 4);
    // Drag the line (scripted pointer) to the left of the spot: plan there now.
    CanvasInput in;
    in.over_map = true;
    in.x = sc.swipe_x(map);
    in.y = cam.vy + cam.vh / 2;
    app.frame(&in);
    in.pressed = in.down = true;
    app.frame(&in);
    in.pressed = false;
    const double target = s.x - 0.15 * cam.vw;
    for (int i = 1; i <= 8; ++i) {
        in.x = sc.swipe_x(map) + (target - sc.swipe_x(map)) * i / 8.0;
        app.frame(&in);
    }
    in.down = false;
    in.released = true;
    app.frame(&in);
    CHECK(sc.swipe_x(map) == Approx(target).margin(cam.vw * 0.02));
    render(app);
    REQUIRE(app.write_png(screenshot("presentation_swipe.png")));
    const std::uint32_t plan_px = app.pixel(s.x + 3, s.y + 3);
    INFO(std::hex << "baseline " << base_px << " plan " << plan_px);
    CHECK_FALSE(near(base_px, plan_px, 6));
    // The plan draws the service area (blue tint) where the baseline had bare land.
    CHECK(channel(plan_px, 8) > channel(plan_px, 24));   // bluer than red
    CHECK(near(base_px, 0xf4f1eaff, 6));                  // land
    (void)corner_base;

    // Side by side: two maps of the same place, baseline left half, plan right half.
    sc.mode = ScenarioMode::SideBySide;
    sc.show_panel = true;  // the change table in the screenshot
    render(app, 3);
    REQUIRE(app.write_png(screenshot("presentation_side_by_side.png")));
    const Camera& left = map.camera;
    REQUIRE(sc.plan_map());
    const Camera& right = sc.plan_map()->camera;
    CHECK(right.vx == Approx(left.vx + left.vw));
    const Coord ls = map.to_screen(spot), rs = sc.plan_map()->to_screen(spot);
    CHECK(rs.x - ls.x == Approx(left.vw).margin(1));
    if (left.contains_screen(ls.x, ls.y) && right.contains_screen(rs.x, rs.y)) {
        CHECK(near(app.pixel(ls.x + 3, ls.y + 3), 0xf4f1eaff, 6));
        CHECK_FALSE(near(app.pixel(rs.x + 3, rs.y + 3), 0xf4f1eaff, 6));
    }
}

TEST_CASE("gui: the pillar dashboard slide", "[gui][window][present]") {
    if (!display_available()) return;
    use_fresh_demo("present");
    App app(AppOptions{});
    REQUIRE(app.settle());  // read in the background, drawn, figures computed
    render(app);
    Document& doc = app.doc();
    View d = make_view("Pilar kota cerdas");
    d.kind = ViewKind::Dashboard;
    d.choropleth.service = "puskesmas";
    doc.execute(add_view(doc.project(), d));
    app.workshop().start(0, glfwGetTime());
    app.frame();
    app.workshop().dashboard.wait();  // figures are computed in the background
    render(app, 3);
    REQUIRE(app.write_png(screenshot("presentation_dashboard.png")));
    REQUIRE(app.workshop().showing_dashboard());
    // Counts per pillar, independently of the dashboard's code.
    const auto& figs = app.workshop().dashboard.figures(doc, "puskesmas", {});
    REQUIRE(figs.size() == 6);
    std::size_t total = 0;
    for (Pillar pl : kPillars) {
        std::size_t n = 0;
        std::int64_t budget = 0;
        for (const auto& i : doc.project().initiatives)
            if (i.pillar == pl) {
                ++n;
                budget += i.budget_rp;
            }
        CHECK(figs[std::size_t(pl)].initiatives == n);
        CHECK(figs[std::size_t(pl)].budget_rp == budget);
        total += n;
    }
    CHECK(total == doc.project().initiatives.size());
    // Every pillar with initiatives has its colour on screen (bars), in four charts.
    for (Pillar pl : kPillars) {
        if (figs[std::size_t(pl)].initiatives == 0) continue;
        INFO(to_key(pl));
        CHECK(count_colour(app, 0, 0, app.captured_width(), app.captured_height(), pillar_colour(pl), 10, 3) > 100);
    }
    // The map is covered: no sea-blue background left.
    CHECK(count_colour(app, 0, 200, app.captured_width(), app.captured_height() - 60, 0xdfe9f2ff, 4, 8) < 50);
}

namespace {

std::uint32_t pixel_of(const std::vector<std::uint8_t>& px, int w, int x, int y) {
    const std::uint8_t* c = &px[(std::size_t(y) * std::size_t(w) + std::size_t(x)) * 4];
    return (std::uint32_t(c[0]) << 24) | (std::uint32_t(c[1]) << 16) | (std::uint32_t(c[2]) << 8) | c[3];
}

int count_in(const std::vector<std::uint8_t>& px, int w, int x0, int y0, int x1, int y1, std::uint32_t c, int tol, int step = 2) {
    int n = 0;
    for (int y = y0; y < y1; y += step)
        for (int x = x0; x < x1; x += step) n += near(pixel_of(px, w, x, y), c, tol);
    return n;
}

}  // namespace

TEST_CASE("gui: presenter view puts the slides in a second window and keeps the panels", "[gui][window][present]") {
    if (!display_available()) return;
    use_fresh_demo("present");
    set_language(Language::Indonesian);
    AppOptions o;
    o.presenter_view = AppOptions::PresenterView::Force;  // one screen under Xvfb: a plain second window
    App app(o);
    REQUIRE(app.settle());  // read in the background, drawn, figures computed
    render(app);
    Document& doc = app.doc();
    MapView& map = app.map();
    map.zoom_to_district();
    render(app, 1);
    View a = view_from_map(map, make_view("Kabupaten"));
    a.notes = "Mulai dari angka kabupaten";
    doc.execute(add_view(doc.project(), a));
    map.zoom_to(doc.project().kecamatan[0].geometry.envelope());
    render(app, 1);
    doc.execute(add_view(doc.project(), view_from_map(map, make_view("Kecamatan pertama"))));
    const std::uint32_t panel_bg = 0xf7f7f5ff;

    press(app, GLFW_KEY_F5);
    app.frame();
    REQUIRE(app.workshop().presenting());
    REQUIRE(app.audience());
    CHECK(app.workshop().presenter_view());
    // The new window does not take the keyboard: the presenter's keys stay with the main window.
    GLFWwindow* main_window = glfwGetCurrentContext();
    CHECK(glfwGetWindowAttrib(main_window, GLFW_FOCUSED) == GLFW_TRUE);
    CHECK(glfwGetWindowAttrib(app.audience()->window(), GLFW_FOCUSED) == GLFW_FALSE);
    land(app);
    app.audience()->request_capture();
    render(app);
    REQUIRE(app.write_png(screenshot("presenter_main.png")));
    // The main window keeps its size and panels.
    CHECK(app.captured_width() == 1600);
    CHECK(count_colour(app, 20, 300, 280, 600, panel_bg, 6, 6) > 200);
    // The audience window: the slide with its title block and source line.
    const AudienceWindow& aud = *app.audience();
    REQUIRE(aud.captured_width() == 1280);
    REQUIRE(aud.captured_height() == 720);
    const auto slide1 = aud.captured();
    const int W = aud.captured_width(), H = aud.captured_height();
    const float s = float(H) / 1080.0f;
    CHECK(count_in(slide1, W, int(24 * s), int(30 * s), int(31 * s), int(120 * s), 0x1565c0ff, 12, 1) > 20);
    CHECK(count_in(slide1, W, 0, H - int(20 * s), W, H - 2, 0x263238ff, 6, 4) > W / 16);
    CHECK(count_in(slide1, W, 0, int(200 * s), W, H - int(60 * s), 0xf4f1eaff, 30, 6) +
              count_in(slide1, W, 0, int(200 * s), W, H - int(60 * s), 0xdfe9f2ff, 6, 6) > 100);  // a map under it
    fs::create_directories(PC_SCREENSHOT_DIR);
    CHECK(stbi_write_png(screenshot("presenter_audience.png").c_str(), W, H, 4, slide1.data(), W * 4) != 0);

    // Small type in a 1280×720 window: drawn at a size its font was rasterised at, never below the
    // minimum; the em dash of the source line ("DEMO — data") is there: a light bar across its
    // glyph box on one row at least (scaled down from one large raster, it vanished).
    const float src_px = presentation_font_size(std::max(20 * s, Workshop::kMinTextPx));
    ImFont* src_font = presentation_font(false, src_px);
    CHECK(src_px >= Workshop::kMinTextPx);
    CHECK(src_font->FontSize == Approx(src_px));
    const std::string name = doc.project().settings.name;
    const std::size_t dash_at = name.find("\u2014");
    REQUIRE(dash_at != std::string::npos);
    const std::string before_dash = std::string(tr("Source")) + ": " + name.substr(0, dash_at);
    const ImFontGlyph* dash = src_font->FindGlyph(0x2014);
    REQUIRE(dash);
    const float pen = std::floor(24 * s) + src_font->CalcTextSizeA(src_px, 1e9f, 0, before_dash.c_str()).x;
    const int dx0 = int(std::ceil(pen + dash->X0 + 0.2f * (dash->X1 - dash->X0)));
    const int dx1 = int(std::floor(pen + dash->X0 + 0.8f * (dash->X1 - dash->X0)));
    REQUIRE(dx1 - dx0 >= 4);
    double best_row = 0;
    for (int y = H - int(Workshop::kSourceLine * s); y < H; ++y) {
        int light = 0;
        for (int x = dx0; x < dx1; ++x) {
            const std::uint8_t* c = &slide1[(std::size_t(y) * std::size_t(W) + std::size_t(x)) * 4];
            light += (c[0] + c[1] + c[2]) / 3 > 130;
        }
        best_row = std::max(best_row, double(light) / (dx1 - dx0));
    }
    INFO("em dash of the source line at x " << dx0 << ".." << dx1 << ", " << src_px << " px");
    CHECK(best_row > 0.9);

    // The keys of the main window step the audience's slides.
    press(app, GLFW_KEY_RIGHT);
    land(app);
    app.audience()->request_capture();
    render(app);
    CHECK(app.workshop().slide() == 1);
    CHECK(changed_fraction(slide1, app.audience()->captured()) > 0.2);

    // Esc ends it: the audience window closes; the main window's text still draws (shared fonts).
    press(app, GLFW_KEY_ESCAPE);
    app.frame();
    CHECK(app.audience() == nullptr);
    CHECK(glfwGetWindowAttrib(main_window, GLFW_FOCUSED) == GLFW_TRUE);
    render(app, 2);
    CHECK(count_colour(app, 20, 300, 280, 600, 0x000000ff, 60, 1) > 200);  // dark glyphs of the layer list
}

#include "geo/io/district.h"
#include "geo/io/project_file.h"

TEST_CASE("gui: views presented on a real district (Pamekasan)", "[gui][window][present][realdata]") {
    if (!display_available()) return;
    const fs::path file = pc::test::shared_file("kab_pamekasan_3528.gpkg");
    if (file.empty()) return;
    DistrictOptions without_grid;
    without_grid.population_grid = false;
    Project p = load_district(file.string(), without_grid);
    // Planned initiatives (the shared data has none): one at every twelfth desa, pillars in turn.
    const char* opd[] = {"Diskominfo", "Bappeda", "Dinas Kesehatan", "Dinas Pariwisata"};
    for (std::size_t i = 0; i < p.desa.size(); i += 12) {
        Initiative in;
        in.id = new_uuid();
        in.name = "Inisiatif " + p.desa[i].name;
        in.pillar = kPillars[(i / 12) % 6];
        in.status = (i / 12) % 3 == 0 ? Status::Usulan : Status::Rencana;
        in.opd = opd[(i / 12) % 4];
        in.start_year = 2026;
        in.end_year = 2027;
        in.budget_rp = std::int64_t(250'000'000) * std::int64_t(1 + (i / 12) % 5);
        in.radius_m = 2500;
        const Coord c = p.desa[i].geometry.anchor();
        in.geometry = Geometry::point(c.x, c.y);
        p.initiatives.push_back(in);
    }
    const fs::path dir = fs::temp_directory_path() / ("pc_present_real_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string path = (dir / "pamekasan.gpkg").string();
    save_project(p, path);

    AppOptions o;
    o.project_path = path;
    App app(o);
    REQUIRE(app.settle());  // read in the background, drawn, figures computed
    render(app);
    Document& doc = app.doc();
    MapView& map = app.map();
    map.service = "bts";
    map.zoom_to_district();
    render(app, 1);
    doc.execute(add_view(doc.project(), view_from_map(map, make_view("Cakupan sinyal seluler"))));
    const AdminUnit& kec = doc.project().kecamatan.front();
    map.zoom_to(kec.geometry.envelope());
    map.metric = ChoroplethMetric::UncoveredPopulation;
    render(app, 1);
    View b = view_from_map(map, make_view("Kecamatan " + kec.name));
    b.highlight_units = {kec.code};
    doc.execute(add_view(doc.project(), b));
    View d = make_view("Pilar kota cerdas");
    d.kind = ViewKind::Dashboard;
    d.choropleth.service = "bts";
    doc.execute(add_view(doc.project(), d));
    map.zoom_to_district();
    map.metric = ChoroplethMetric::CoveragePopulation;
    render(app, 1);
    View sw = view_from_map(map, make_view("Kondisi awal dan rencana menara"));
    sw.caption = "Kiri: menara yang ada. Kanan: ditambah menara yang direncanakan.";
    sw.scenario.mode = ScenarioMode::Swipe;
    sw.scenario.filter.statuses = {Status::Rencana};
    doc.execute(add_view(doc.project(), sw));
    doc.save();
    // Saved and opened again: the slides come back.
    auto again = Document::open(path);
    REQUIRE(again->project().views.size() == 4);
    CHECK(again->project().views == doc.project().views);

    press(app, GLFW_KEY_F5);
    land(app);
    render(app);
    REQUIRE(app.write_png(screenshot("presentation_pamekasan_1.png")));
    check_shows(map, doc.project().views[0].extent);
    press(app, GLFW_KEY_RIGHT);
    land(app);
    render(app);
    REQUIRE(app.write_png(screenshot("presentation_pamekasan_2.png")));
    check_shows(map, doc.project().views[1].extent);
    CHECK(count_colour(app, 0, 0, app.captured_width(), app.captured_height() - 60, 0xff6f00ff, 16, 3) > 30);
    press(app, GLFW_KEY_RIGHT);
    app.workshop().dashboard.wait();
    render(app, 3);
    REQUIRE(app.write_png(screenshot("presentation_pamekasan_3.png")));
    CHECK(app.workshop().showing_dashboard());
    press(app, GLFW_KEY_RIGHT);
    land(app);
    app.frame();
    app.workshop().scenario.wait();
    render(app, 3);
    REQUIRE(app.write_png(screenshot("presentation_pamekasan_4_swipe.png")));
    REQUIRE(app.workshop().scenario.comparison());
    CHECK(app.workshop().scenario.comparison()->district.covered_population_change() > 0);
    press(app, GLFW_KEY_ESCAPE);
    fs::remove_all(dir);
}
