// The site suggestion slide in a real window (Xvfb), stepped to with real key events (XTEST): the
// suggestion is computed off the frame thread with its progress on the slide, the numbered sites
// appear at their places, the cumulative curve in its box carries the numbers `petacerdas suggest`
// writes for the same project and parameters, and stepping away and back does not compute it again.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "app.h"
#include "geo/doc/view_commands.h"
#include "render/i18n.h"
#include "panel_views.h"
#include "offscreen/suggest_slide.h"
#include "window_test.h"
#include "x_pointer.h"

using namespace pc;
using namespace pc::gui;
using namespace pc::gui::test;
using pc::gui::testing::XPointer;
namespace fs = std::filesystem;

namespace {

constexpr unsigned long kKeyRight = 0xff53, kKeyLeft = 0xff51, kKeyF5 = 0xffc2, kKeyEscape = 0xff1b;

void capture(App& app) {
    app.request_capture();
    app.frame();
}

// `petacerdas suggest` on the project file: the sites' rows of its sites.csv (rank order).
struct CliSite {
    std::string desa_code;
    double people_added = 0, cumulative = 0;
};
std::vector<CliSite> cli_suggest(const std::string& project, const std::string& args, const fs::path& out) {
    const std::string cmd = std::string(PC_PETACERDAS) + " suggest '" + project + "' " + args + " --out '" + out.string() +
                            "' > '" + (out.string() + ".log") + "' 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::ifstream in(out / "sites.csv");
    REQUIRE(in);
    std::string line;
    std::getline(in, line);
    std::vector<std::string> head;
    std::stringstream hs(line);
    for (std::string f; std::getline(hs, f, ',');) head.push_back(f);
    auto col = [&](const char* name) {
        for (std::size_t i = 0; i < head.size(); ++i)
            if (head[i] == name) return i;
        FAIL("sites.csv has no column " << name);
        return std::size_t(0);
    };
    const std::size_t desa = col("desa_code"), added = col("people_added"), cum = col("cumulative_people");
    std::vector<CliSite> sites;
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::stringstream ls(line);
        for (std::string v; std::getline(ls, v, ',');) f.push_back(v);  // the columns used hold no commas
        REQUIRE(f.size() > std::max({desa, added, cum}));
        sites.push_back({f[desa], std::stod(f[added]), std::stod(f[cum])});
    }
    return sites;
}

}  // namespace

TEST_CASE("gui: the site suggestion slide: sites numbered on the map, the curve equal to suggest's",
          "[gui][window][present][suggest]") {
    if (!display_available()) return;
    const std::string project = use_fresh_demo("suggest_slide");
    set_language(Language::Indonesian);
    App app(AppOptions{});
    REQUIRE(app.settle());  // the project is read in the background: app.doc() is the demo's once settled
    if (!XPointer::available()) return pc::test::skip("the X server has no XTEST extension: no real keys");
    Document& doc = app.doc();
    MapView& map = app.map();
    Workshop& ws = app.workshop();
    app.frame();
    app.frame();
    REQUIRE(fs::exists(project));

    // Three slides: the district, five puskesmas suggested, a kecamatan close-up.
    map.zoom_to_district();
    app.frame();
    doc.execute(add_view(doc.project(), view_from_map(map, make_view("Kabupaten"))));
    ViewSuggestion params;
    params.service = "puskesmas";
    params.count = 5;
    const View slide = suggestion_view(doc.project(), params);
    doc.execute(add_view(doc.project(), slide));
    map.zoom_to(doc.project().kecamatan.front().geometry.envelope());
    app.frame();
    doc.execute(add_view(doc.project(), view_from_map(map, make_view("Kecamatan"))));
    REQUIRE(doc.project().views.size() == 3);

    // F5, then Right: the suggestion slide; its suggestion starts in the background.
    XPointer keys(app);
    keys.move(600, 400);  // no window manager: keys go to the window under the pointer
    keys.key(kKeyF5);
    REQUIRE(ws.presenting());
    land(app);
    keys.key(kKeyRight);
    REQUIRE(ws.slide() == 1);
    const SuggestionSlides::Entry* e = ws.suggestions.find(slide.id);
    REQUIRE(e != nullptr);
    CHECK(e->computed == 1);
    // While it runs, frames keep coming and the slide shows its progress in the curve's box.
    capture(app);
    const float s = ws.type_scale();
    if (!e->result) {
        REQUIRE(app.write_png(screenshot("suggestion_slide_progress.png")));
        const Camera& c = map.camera;
        ImVec2 a, b;
        suggestion_curve_box(float(c.vx), float(c.vy), float(c.vx + c.vw), float(c.vy + c.vh), s, a, b);
        const float y = (a.y + b.y) / 2 + 7 * s;  // the progress bar's middle
        CHECK((colour_near(app, a.x + 20 * s, y, 0xe1e1e1ff, 1, 10) || colour_near(app, a.x + 20 * s, y, 0x1565c0ff, 1, 10)));
        CHECK(colour_near(app, b.x - 20 * s, y, 0xe1e1e1ff, 1, 10));  // not done: the bar's right end still grey
    } else {
        WARN("the suggestion finished before the first frame: its progress was not seen");
    }
    for (int i = 0; i < 3000 && !e->result && e->error.empty(); ++i) {
        app.frame();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    INFO(e->error);
    REQUIRE(e->result.has_value());
    land(app);
    capture(app);
    REQUIRE(app.write_png(screenshot("suggestion_slide.png")));
    const SuggestResult& r = *e->result;
    REQUIRE(r.sites.size() == 5);

    // The curve's numbers are those `petacerdas suggest` finds for the saved project.
    const fs::path out = fs::path(project).parent_path() / "suggest_cli";
    const auto cli = cli_suggest(project, "--service puskesmas --count 5", out);
    const SuggestionSlides::DrawnCurve curve = ws.suggestions.last_curve;
    REQUIRE(cli.size() == 5);
    REQUIRE(curve.cumulative.size() == 5);
    for (std::size_t k = 0; k < 5; ++k) {
        INFO("site " << k + 1);
        CHECK(curve.cumulative[k] == Approx(cli[k].cumulative).epsilon(1e-9).margin(1e-6));
        CHECK(r.sites[k].people_added == Approx(cli[k].people_added).epsilon(1e-9).margin(1e-6));
        CHECK(r.sites[k].desa_code == cli[k].desa_code);
    }
    // The curve as drawn: its points rise with the cumulative numbers, the knee ringed in orange.
    for (std::size_t k = 1; k < 5; ++k) CHECK(curve.points[k].y <= curve.points[k - 1].y);
    CHECK(curve.knee == suggestion_knee(curve.cumulative));
    const ImVec2 knee = curve.points[curve.knee - 1];
    CHECK(colour_near(app, knee.x + 11 * s, knee.y, 0xff6f00ff, 2, 30));
    CHECK(colour_near(app, knee.x, knee.y, 0x1565c0ff, 2, 20));  // the cumulative line's dot

    // The numbered markers: red at each site's place (where the map shows it, outside the boxes).
    const Camera& c = map.camera;
    ImVec2 a, b;
    suggestion_curve_box(float(c.vx), float(c.vy), float(c.vx + c.vw), float(c.vy + c.vh), s, a, b);
    int seen = 0;
    for (const auto& site : r.sites) {
        const Coord p = map.to_screen(site.lonlat);
        const float rad = 15 * s;
        if (p.x < c.vx + rad || p.x > c.vx + c.vw - rad || p.y < c.vy + rad || p.y > c.vy + c.vh - rad) continue;
        if (p.x > a.x - rad && p.x < b.x + rad && p.y > a.y - rad && p.y < b.y + rad) continue;  // under the curve
        if (p.x < c.vx + 900 * s && p.y < c.vy + 300 * s) continue;  // under the title block
        INFO("site at " << p.x << "," << p.y);
        CHECK(colour_near(app, p.x + 0.7 * rad, p.y, 0xd7263dff, 1, 16));
        CHECK(colour_near(app, p.x - 0.7 * rad, p.y, 0xd7263dff, 1, 16));
        ++seen;
    }
    CHECK(seen >= 3);

    // Away and back: the slide's suggestion is kept, not computed again; the sites are there at once.
    keys.key(kKeyLeft);
    CHECK(ws.slide() == 0);
    land(app);
    keys.key(kKeyRight);
    CHECK(ws.slide() == 1);
    CHECK(ws.suggestions.find(slide.id)->computed == 1);
    CHECK(ws.suggestions.find(slide.id)->result.has_value());

    // In English the same numbers (the language of the labels only).
    set_language(Language::English);
    land(app);
    capture(app);
    REQUIRE(app.write_png(screenshot("suggestion_slide_en.png")));
    CHECK(ws.suggestions.last_curve.cumulative == curve.cumulative);
    CHECK(ws.suggestions.find(slide.id)->computed == 1);
    set_language(Language::Indonesian);

    keys.key(kKeyEscape);
    CHECK_FALSE(ws.presenting());
}
