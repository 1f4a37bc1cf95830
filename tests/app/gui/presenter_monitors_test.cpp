// Presenter view on two monitors, chosen automatically: the audience window goes full screen on the
// monitor that does not hold the planner's window. The window test needs an X server with two
// monitors (scripts/with-two-monitors.sh: Xorg with the dummy driver); it is hidden ([.]) from the
// plain run under Xvfb and run by its own ctest, and skips with a WARN when it sees one monitor.
// Screenshots: <build>/screenshots/presenter_two_monitors_{main,audience}*.png.
#include <catch2/catch.hpp>

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include <stb_image_write.h>

#include "app.h"
#include "geo/doc/view_commands.h"
#include "render/i18n.h"
#include "panel_views.h"
#include "presentation_audience.h"
#include "window_test.h"

using namespace pc;
using namespace pc::gui;
using namespace pc::gui::test;
namespace fs = std::filesystem;

TEST_CASE("gui: the audience goes to a monitor that does not hold the presenter's window", "[gui][present]") {
    const std::vector<ScreenRect> one{{0, 0, 1920, 1080}};
    CHECK(audience_monitor(one, 960, 540) == -1);
    CHECK(audience_monitor({}, 0, 0) == -1);
    // Laptop left, projector right: the window on the laptop sends the slides right, and back.
    const std::vector<ScreenRect> two{{0, 0, 1600, 1000}, {1600, 0, 1920, 1080}};
    CHECK(audience_monitor(two, 800, 500) == 1);
    CHECK(audience_monitor(two, 1599, 999) == 1);
    CHECK(audience_monitor(two, 1600, 0) == 0);
    CHECK(audience_monitor(two, 2500, 700) == 0);
    // Projector listed first (primary) and left of the laptop.
    const std::vector<ScreenRect> left{{-1920, 0, 1920, 1080}, {0, 0, 1366, 768}};
    CHECK(audience_monitor(left, 683, 384) == 0);
    // Three monitors, the window on the middle one: the first other one.
    const std::vector<ScreenRect> three{{0, 0, 1280, 1024}, {1280, 0, 1920, 1080}, {3200, 0, 1920, 1080}};
    CHECK(audience_monitor(three, 2000, 500) == 0);
    CHECK(audience_monitor(three, 600, 500) == 1);
}

namespace {

void render(App& app, int frames = 2) {
    for (int i = 0; i < frames; ++i) app.frame();
    app.request_capture();
    if (app.audience()) app.audience()->request_capture();
    app.frame();
}

struct Rgb {
    int r, g, b;
};
Rgb at(const std::vector<std::uint8_t>& px, int w, int x, int y) {
    const std::uint8_t* c = &px[(std::size_t(y) * std::size_t(w) + std::size_t(x)) * 4];
    return {c[0], c[1], c[2]};
}
bool near(Rgb a, std::uint32_t c, int tol) {
    return std::abs(a.r - int(c >> 24)) <= tol && std::abs(a.g - int((c >> 16) & 0xff)) <= tol && std::abs(a.b - int((c >> 8) & 0xff)) <= tol;
}
int count_in(const std::vector<std::uint8_t>& px, int w, int x0, int y0, int x1, int y1, std::uint32_t c, int tol, int step) {
    int n = 0;
    for (int y = y0; y < y1; y += step)
        for (int x = x0; x < x1; x += step) n += near(at(px, w, x, y), c, tol);
    return n;
}
// Pixels tinted towards the KPPN violet (0x8e24aa): red and blue well above green. The land, the
// desa lines and the red-yellow-green ramp all have blue at or below green.
int violet_in(const std::vector<std::uint8_t>& px, int w, int x0, int y0, int x1, int y1) {
    int n = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            const Rgb c = at(px, w, x, y);
            n += c.b - c.g > 12 && c.r - c.g > 12;
        }
    return n;
}
// Fraction of pixels in a rectangle that differ between two captures of the same size.
double changed_in(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b, int w, int x0, int y0, int x1, int y1) {
    int diff = 0, n = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x, ++n) {
            const Rgb p = at(a, w, x, y), q = at(b, w, x, y);
            diff += std::abs(p.r - q.r) + std::abs(p.g - q.g) + std::abs(p.b - q.b) > 48;
        }
    return n ? double(diff) / n : 0;
}

bool write_audience(const AudienceWindow& aud, const std::string& name) {
    fs::create_directories(PC_SCREENSHOT_DIR);
    return stbi_write_png(screenshot(name).c_str(), aud.captured_width(), aud.captured_height(), 4, aud.captured().data(),
                          aud.captured_width() * 4) != 0;
}

}  // namespace

TEST_CASE("gui: presenter view on a second monitor, chosen without forcing", "[.][twomonitors]") {
    if (!pc::test::have_display()) return;
    const char* d = std::getenv("DISPLAY");
    use_fresh_demo("two_monitors");
    set_language(Language::Indonesian);
    AppOptions o;  // presenter_view = Auto
    App app(o);
    REQUIRE(app.settle());  // read in the background, drawn, figures computed
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    if (count < 2)
        return pc::test::skip("GLFW sees " + std::to_string(count) + " monitor(s) on DISPLAY=" + d +
                              ": the two-monitor presenter test needs two (run it under scripts/with-two-monitors.sh)");
    render(app);
    GLFWwindow* main_window = glfwGetCurrentContext();
    REQUIRE(main_window);
    int wx = 0, wy = 0;
    glfwGetWindowPos(main_window, &wx, &wy);
    INFO("main window at " << wx << "," << wy);
    // The server of with-two-monitors.sh: 1600x1000 at 0,0 (this window fills it) and 1920x1080 right of it.
    int mx[2], my[2];
    const GLFWvidmode* modes[2];
    for (int i = 0; i < 2; ++i) {
        glfwGetMonitorPos(monitors[i], &mx[i], &my[i]);
        modes[i] = glfwGetVideoMode(monitors[i]);
        REQUIRE(modes[i]);
    }
    CHECK(mx[0] <= wx + 800);
    CHECK(wx + 800 < mx[0] + modes[0]->width);

    // Three views: the district by coverage, one kecamatan, the KPPN zone.
    Document& doc = app.doc();
    MapView& map = app.map();
    const Project& p = doc.project();
    REQUIRE(p.kecamatan.size() >= 2);
    REQUIRE_FALSE(p.zones.empty());
    map.zoom_to_district();
    render(app, 1);
    View a = view_from_map(map, make_view("Cakupan puskesmas"));
    a.notes = "Mulai dari angka kabupaten";
    doc.execute(add_view(p, a));
    map.zoom_to(p.kecamatan[1].geometry.envelope());
    map.metric = ChoroplethMetric::UncoveredPopulation;
    render(app, 1);
    doc.execute(add_view(doc.project(), view_from_map(map, make_view("Kecamatan " + p.kecamatan[1].name))));
    // The zone slide: the zone's anchor (a point inside it) at the centre, a 6 km window around it,
    // no choropleth or service areas over it.
    const Zone& zone = p.zones.front();
    const Coord za = zone.geometry.anchor();
    map.zoom_to(Envelope{za.x - 0.03, za.y - 0.03, za.x + 0.03, za.y + 0.03});
    map.styles[std::size_t(LayerId::Choropleth)].visible = false;
    map.styles[std::size_t(LayerId::ServiceArea)].visible = false;
    map.styles[std::size_t(LayerId::Zones)].visible = true;
    render(app, 1);
    doc.execute(add_view(doc.project(), view_from_map(map, make_view("Kawasan " + zone.name))));
    REQUIRE(doc.project().views.size() == 3);
    const std::uint32_t panel_bg = 0xf7f7f5ff;

    // F5 with nothing forced: the audience window opens by itself, full screen on the second monitor.
    press(app, GLFW_KEY_F5);
    app.frame();
    REQUIRE(app.workshop().presenting());
    REQUIRE(app.audience());
    CHECK(app.workshop().presenter_view());
    land(app);
    render(app, 3);
    const AudienceWindow& aud = *app.audience();
    CHECK(glfwGetWindowMonitor(aud.window()) == monitors[1]);
    int ax = 0, ay = 0, aw = 0, ah = 0, fw = 0, fh = 0;
    glfwGetWindowPos(aud.window(), &ax, &ay);
    glfwGetWindowSize(aud.window(), &aw, &ah);
    glfwGetFramebufferSize(aud.window(), &fw, &fh);
    INFO("audience window at " << ax << "," << ay << " " << aw << "x" << ah << "; monitor 2 at " << mx[1] << "," << my[1] << " "
                               << modes[1]->width << "x" << modes[1]->height);
    CHECK(ax == mx[1]);
    CHECK(ay == my[1]);
    CHECK(aw == modes[1]->width);
    CHECK(ah == modes[1]->height);
    CHECK(fw == modes[1]->width);
    CHECK(fh == modes[1]->height);
    CHECK(aud.captured_width() == modes[1]->width);
    CHECK(aud.captured_height() == modes[1]->height);
    // Keyboard and pointer stay with the presenter's window.
    CHECK(glfwGetWindowAttrib(main_window, GLFW_FOCUSED) == GLFW_TRUE);
    CHECK(glfwGetWindowAttrib(aud.window(), GLFW_FOCUSED) == GLFW_FALSE);

    // The main window keeps its size (not full screen), its panels and the presenter's panel.
    REQUIRE(app.write_png(screenshot("presenter_two_monitors_main.png")));
    CHECK(app.captured_width() == 1600);
    CHECK(app.captured_height() == 1000);
    CHECK(glfwGetWindowMonitor(main_window) == nullptr);
    CHECK(count_in(app.captured(), app.captured_width(), 20, 300, 280, 600, panel_bg, 6, 6) > 200);

    // The slide: title block (blue bar), source line (dark band), a map between.
    const int W = aud.captured_width(), H = aud.captured_height();
    const float s = float(H) / 1080.0f;
    const auto slide1 = aud.captured();
    REQUIRE(write_audience(aud, "presenter_two_monitors_audience.png"));
    CHECK(count_in(slide1, W, int(24 * s), int(30 * s), int(31 * s), int(120 * s), 0x1565c0ff, 12, 1) > 40);
    CHECK(count_in(slide1, W, 0, H - int(30 * s), W, H - int(6 * s), 0x263238ff, 6, 4) > W / 8);

    // PageDown (the clicker) steps the audience's slide: the title changes, so does the map.
    const int tx0 = int(46 * s), ty0 = int(100 * s), tx1 = int(700 * s), ty1 = int(160 * s);
    press(app, GLFW_KEY_PAGE_DOWN);
    land(app);
    render(app, 2);
    CHECK(app.workshop().slide() == 1);
    const auto slide2 = app.audience()->captured();
    REQUIRE(slide2.size() == slide1.size());
    CHECK(changed_in(slide1, slide2, W, tx0, ty0, tx1, ty1) > 0.03);
    CHECK(changed_in(slide1, slide2, W, 0, int(200 * s), W, H - int(60 * s)) > 0.2);
    REQUIRE(write_audience(*app.audience(), "presenter_two_monitors_audience_2.png"));

    // A key that reaches the audience window (a clicker aimed at the projector) steps it too.
    AudienceWindow::forward_key(app.audience()->window(), GLFW_KEY_PAGE_DOWN, 0, GLFW_PRESS, 0);
    app.frame();
    AudienceWindow::forward_key(app.audience()->window(), GLFW_KEY_PAGE_DOWN, 0, GLFW_RELEASE, 0);
    app.frame();
    CHECK(app.workshop().slide() == 2);
    land(app);
    render(app, 2);
    const auto slide3 = app.audience()->captured();
    REQUIRE(write_audience(*app.audience(), "presenter_two_monitors_audience_3.png"));
    CHECK(changed_in(slide2, slide3, W, tx0, ty0, tx1, ty1) > 0.03);
    // The zone slide: violet-tinted (zone fill and hatching) over much of the map below the title
    // block (the view around the zone's inner point fits the part of the slide the title and legend
    // leave free); far less on the kecamatan slide.
    const int y0 = int(200 * s), y1 = H - int(60 * s);
    const int box = W * (y1 - y0);
    const int violet3 = violet_in(slide3, W, 0, y0, W, y1);
    const int violet2 = violet_in(slide2, W, 0, y0, W, y1);
    INFO("violet pixels of the map: zone slide " << violet3 << ", kecamatan slide " << violet2 << " of " << box);
    CHECK(violet3 > box / 20);
    CHECK(violet3 > 3 * violet2);

    // Esc leaves: the audience window closes and the presenter's window has the keyboard again.
    press(app, GLFW_KEY_ESCAPE);
    app.frame();
    CHECK_FALSE(app.workshop().presenting());
    CHECK(app.audience() == nullptr);
    CHECK(glfwGetWindowAttrib(main_window, GLFW_FOCUSED) == GLFW_TRUE);
    render(app, 2);
    CHECK(count_in(app.captured(), app.captured_width(), 20, 300, 280, 600, panel_bg, 6, 6) > 200);
    CHECK(count_in(app.captured(), app.captured_width(), 20, 300, 280, 600, 0x000000ff, 60, 1) > 200);  // glyphs still draw
}
