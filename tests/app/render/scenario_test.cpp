// Scenario views drawn offscreen as the application shows them (swipe line, side by side), the
// legend's symbols in the map's shapes and the KPPN swatch hatched like the map, and the report's
// change table per kecamatan against pc::compare_scenarios. Runs without DISPLAY.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "geo/analysis/scenario.h"
#include "geo/demo/demo.h"
#include "geo/doc/document.h"
#include "geo/gdal.h"
#include "geo/geos.h"
#include "geo/io/project_file.h"
#include "geo/uuid.h"
#include "geo/view.h"
#include "render/i18n.h"
#include "render/map_layers.h"
#include "offscreen/map_image.h"
#include "render/png.h"
#include "render/scenario_split.h"
#include "skip.h"

using namespace pc;
using namespace pc::gui;
namespace fs = std::filesystem;

namespace {

struct Rgb {
    int r, g, b;
};
Rgb rgb(std::uint32_t c) { return {int(c >> 24), int((c >> 16) & 0xff), int((c >> 8) & 0xff)}; }
bool near(Rgb a, Rgb b, int tol) { return std::abs(a.r - b.r) <= tol && std::abs(a.g - b.g) <= tol && std::abs(a.b - b.b) <= tol; }
std::string str(Rgb c) { return std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b); }

// Source-over blend of `top` at `alpha` on an opaque `under`.
Rgb blend(Rgb u, std::uint32_t top, double alpha) {
    Rgb t = rgb(top);
    auto mix = [&](int a, int b) { return int(std::lround(a * (1 - alpha) + b * alpha)); };
    return {mix(u.r, t.r), mix(u.g, t.g), mix(u.b, t.b)};
}

Rgb median_around(const MapImage& img, Coord at, int k) {
    std::vector<int> r, g, b;
    for (int dy = -k; dy <= k; ++dy)
        for (int dx = -k; dx <= k; ++dx) {
            Rgb c = rgb(img.pixel(int(at.x) + dx, int(at.y) + dy));
            r.push_back(c.r);
            g.push_back(c.g);
            b.push_back(c.b);
        }
    auto med = [](std::vector<int>& v) {
        std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
        return v[v.size() / 2];
    };
    return {med(r), med(g), med(b)};
}

// Metres between two lon/lat points (equirectangular: plenty within a district).
double metres(Coord a, Coord b) {
    const double k = 111320.0, lat = (a.y + b.y) / 2 * M_PI / 180;
    return std::hypot((a.x - b.x) * k * std::cos(lat), (a.y - b.y) * k);
}

// A lon/lat point that the plan covers and the baseline does not: inside a plan initiative's radius
// (half way out from its anchor) and well beyond every existing facility's radius of `service`,
// inside a desa. Also returns the initiative's anchor.
struct PlanOnlySpot {
    Coord at, initiative;
    double radius_m = 0;
};
std::optional<PlanOnlySpot> plan_only_spot(const Project& p, const ScenarioFilter& f, const std::string& service) {
    GeosContext ctx;
    for (const auto& feature : plan_features(p, f, service)) {
        const Coord c = feature.geometry.anchor();
        for (int k = 0; k < 12; ++k) {
            const double a = 2 * M_PI * k / 12, d = feature.radius_m * 0.5;
            const double lat = c.y * M_PI / 180;
            const Coord spot{c.x + d * std::cos(a) / (111320.0 * std::cos(lat)), c.y + d * std::sin(a) / 111320.0};
            bool baseline_covers = false;
            for (const auto& fac : p.facilities)
                if (fac.type == service && !fac.geometry.empty() &&
                    metres(fac.geometry.anchor(), spot) < p.service_radius_m(fac) * 1.15 + 300)
                    baseline_covers = true;
            // Nor another initiative's symbol (stars are drawn at every initiative).
            for (const auto& in : p.initiatives)
                if (!in.geometry.empty() && metres(in.geometry.anchor(), spot) < 400 && metres(in.geometry.anchor(), c) > 1) baseline_covers = true;
            if (baseline_covers) continue;
            bool in_desa = false;
            auto pt = ctx.from(Geometry::point(spot.x, spot.y));
            for (const auto& d2 : p.desa)
                if (ctx.distance(ctx.from(d2.geometry).get(), pt.get()) == 0) in_desa = true;
            if (in_desa) return PlanOnlySpot{spot, c, feature.radius_m};
        }
    }
    return std::nullopt;
}

// Only the service area over plain land: the plan's colour is predictable.
View service_area_view(const std::string& name, ScenarioMode mode, double swipe) {
    View v = make_view(name);
    v.layers = {ViewLayer::ServiceArea, ViewLayer::KecamatanLines};
    v.scenario.mode = mode;
    v.scenario.swipe_position = swipe;
    return v;
}

struct PngPixels {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgb;
    Rgb at(int x, int y) const {
        const std::uint8_t* c = &rgb[(std::size_t(y) * std::size_t(width) + std::size_t(x)) * 3];
        return {c[0], c[1], c[2]};
    }
};
PngPixels read_png(const std::string& path) {
    auto ds = open_raster(path);
    REQUIRE(ds);
    PngPixels p;
    p.width = ds->GetRasterXSize();
    p.height = ds->GetRasterYSize();
    p.rgb.resize(std::size_t(p.width) * std::size_t(p.height) * 3);
    int bands[3] = {1, 2, 3};
    REQUIRE(ds->RasterIO(GF_Read, 0, 0, p.width, p.height, p.rgb.data(), p.width, p.height, GDT_Byte, 3, bands, 3,
                         std::size_t(p.width) * 3, 1) == CE_None);
    return p;
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

int run(const std::string& cmd, const fs::path& log) {
    const int rc = std::system((cmd + " > " + log.string() + " 2>&1").c_str());
    INFO(cmd << "\n" << slurp(log));
    REQUIRE(rc == 0);
    return rc;
}

// "1.234.567" (Bahasa Indonesia thousands), written here apart from the report's formatter.
std::string thousands_id(double v) {
    long long n = std::llround(v);
    std::string digits = std::to_string(std::llabs(n)), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
        out += digits[i];
    }
    return (n < 0 ? "-" : "") + out;
}

const fs::path kOut = fs::path(PC_RENDER_OUT_DIR) / "scenario";

}  // namespace

TEST_CASE("render: a swipe view shows the plan right of the line only, the line drawn", "[render][scenario]") {
    fs::create_directories(kOut);
    Document doc(make_demo_project());
    const Project& p = doc.project();
    const std::string svc = p.settings.facility_types.front().key;
    auto spot = plan_only_spot(p, {}, svc);
    REQUIRE(spot);
    MapImageRenderer r(doc);
    const Rgb land = rgb(layer_colour(LayerId::Choropleth));
    // The service area fill at the map's default opacity over land (map_view.cpp: 0.15).
    const Rgb plan_colour = blend(land, layer_colour(LayerId::ServiceArea), 0.15);
    INFO("land " << str(land) << ", plan " << str(plan_colour));

    // First where the spot falls on the image (the swipe does not move the map).
    MapImage probe = r.render(request_for_view(service_area_view("probe", ScenarioMode::Baseline, 0.5), 1920, 1080, Language::Indonesian));
    const Coord px = probe.pixel_of(spot->at);
    INFO("spot at pixel " << px.x << "," << px.y);
    REQUIRE(px.x > 300);
    REQUIRE(px.x < 1900);
    const int k = 3;
    CHECK(near(median_around(probe, px, k), land, 6));  // the baseline alone does not cover it

    SECTION("line left of the spot: plan colour") {
        const double swipe = (px.x - 120) / 1920.0;
        MapImage img = r.render(request_for_view(service_area_view("Rencana vs kondisi awal", ScenarioMode::Swipe, swipe), 1920, 1080, Language::Indonesian));
        write_png_rgba((kOut / "swipe_spot_right_of_line.png").string(), img.width, img.height, img.rgba.data());
        Rgb got = median_around(img, px, k);
        INFO("got " << str(got));
        CHECK(near(got, plan_colour, 6));
        CHECK_FALSE(near(got, land, 4));
        // The swipe line: dark (33,33,33) along the line, over the map's middle band.
        const int line_x = int(std::lround(swipe * 1920));
        int dark = 0, rows = 0;
        for (int y = 300; y < 800; y += 5) {
            if (std::abs(y - 540) < 40) continue;  // the handle
            ++rows;
            for (int dx = -1; dx <= 1; ++dx)
                if (near(rgb(img.pixel(line_x + dx, y)), Rgb{33, 33, 33}, 25)) {
                    ++dark;
                    break;
                }
        }
        INFO("dark rows " << dark << " of " << rows);
        CHECK(dark >= rows * 95 / 100);
        // And the white casing beside it.
        CHECK(near(rgb(img.pixel(line_x - 2, 400)), Rgb{255, 255, 255}, 30));
        REQUIRE(img.plan_camera);
        CHECK(img.plan_camera->vx == Approx(line_x).margin(1));
    }
    SECTION("line right of the spot: baseline colour") {
        const double swipe = (px.x + 120) / 1920.0;
        MapImage img = r.render(request_for_view(service_area_view("Rencana vs kondisi awal", ScenarioMode::Swipe, swipe), 1920, 1080, Language::Indonesian));
        write_png_rgba((kOut / "swipe_spot_left_of_line.png").string(), img.width, img.height, img.rgba.data());
        Rgb got = median_around(img, px, k);
        INFO("got " << str(got));
        CHECK(near(got, land, 6));
        CHECK_FALSE(near(got, plan_colour, 4));
    }
    SECTION("side by side: two maps, the plan covers the spot on the right only") {
        MapImage img = r.render(request_for_view(service_area_view("Berdampingan", ScenarioMode::SideBySide, 0.5), 1920, 1080, Language::Indonesian));
        write_png_rgba((kOut / "side_by_side_spot.png").string(), img.width, img.height, img.rgba.data());
        REQUIRE(img.plan_camera);
        // Each map has half the image; the same place sits at the same spot of each half.
        CHECK(img.camera.vw == Approx(960).margin(1));
        CHECK(img.plan_camera->vx == Approx(960).margin(1));
        const Coord left = img.pixel_of(spot->at);
        const Coord right = img.plan_camera->to_screen(img.projection.to_local(spot->at));
        INFO("left " << left.x << "," << left.y << " right " << right.x << "," << right.y);
        CHECK(left.x < 960);
        CHECK(right.x > 960);
        CHECK(right.x - left.x == Approx(960).margin(1.5));
        CHECK(right.y == Approx(left.y).margin(0.5));
        CHECK(near(median_around(img, left, k), land, 6));
        CHECK(near(median_around(img, right, k), plan_colour, 6));
        // The kecamatan lines in both halves, the same number of line pixels in each (same map twice).
        auto dark_in = [&](int x0, int x1) {
            std::size_t n = 0;
            for (int y = 250; y < 1000; ++y)
                for (int x = x0; x < x1; ++x)
                    if (near(rgb(img.pixel(x, y)), rgb(layer_colour(LayerId::KecamatanLines)), 30)) ++n;
            return n;
        };
        const std::size_t dl = dark_in(340, 950), dr = dark_in(1300, 1910);
        INFO("dark pixels left " << dl << " right " << dr);
        CHECK(dl > 500);
        CHECK(dr > 500);
        CHECK(double(dr) == Approx(double(dl)).epsilon(0.1));
        // The divider between them.
        CHECK(near(rgb(img.pixel(960, 400)), Rgb{33, 33, 33}, 30));
    }
}

TEST_CASE("render: petacerdas render draws a scenario view's swipe and side by side", "[render][scenario][cli]") {
    fs::create_directories(kOut);
    Project p = make_demo_project();
    const std::string svc = p.settings.facility_types.front().key;
    // The full look (choropleth, every layer) for people to see, with the views' swipe and side by side.
    View swipe = make_view("Rencana puskesmas — geser");
    swipe.caption = "Kiri: kondisi awal, kanan: rencana";
    swipe.scenario.mode = ScenarioMode::Swipe;
    swipe.scenario.swipe_position = 0.55;
    View side = make_view("Rencana puskesmas — berdampingan");
    side.scenario.mode = ScenarioMode::SideBySide;
    View area = service_area_view("Area layanan — geser", ScenarioMode::Swipe, 0.5);
    p.views = {swipe, side, area};
    const std::string project = (kOut / "demo_scenarios.gpkg").string();
    fs::remove(project);
    save_project(p, project);
    const std::string bin = std::string("env -u DISPLAY -u WAYLAND_DISPLAY ") + PC_PETACERDAS;
    run(bin + " render " + project + " --all-views --size 1920x1080 --out " + (kOut / "cli").string(), kOut / "log.txt");

    // The CLI image equals the one drawn here (same request), pixel by pixel within a tolerance, and
    // the spot that only the plan covers shows the plan's colour right of the line.
    Document doc{Project(p)};
    MapImageRenderer r(doc);
    auto spot = plan_only_spot(p, {}, svc);
    REQUIRE(spot);
    for (const View& v : p.views) {
        INFO(v.name);
        const fs::path png = kOut / "cli" / (file_stem(v.name) + ".png");
        REQUIRE(fs::exists(png));
        PngPixels cli = read_png(png.string());
        REQUIRE(cli.width == 1920);
        REQUIRE(cli.height == 1080);
        MapImage here = r.render(request_for_view(v, 1920, 1080, Language::Indonesian));
        std::size_t differ = 0;
        for (int y = 0; y < 1080; y += 3)
            for (int x = 0; x < 1920; x += 3)
                if (!near(cli.at(x, y), rgb(here.pixel(x, y)), 12)) ++differ;
        CHECK(differ < 640 * 360 / 200);  // under 0.5 %
        REQUIRE(here.plan_camera);
        if (&v == &p.views[2]) {  // service area only, line in the middle: the spot is right of it
            const Coord at = here.plan_camera->to_screen(here.projection.to_local(spot->at));
            REQUIRE(at.x > 960 + 10);
            const Rgb plan_colour = blend(rgb(layer_colour(LayerId::Choropleth)), layer_colour(LayerId::ServiceArea), 0.15);
            std::vector<int> rs, gs, bs;  // median of 7×7: a kecamatan line may cross the spot
            for (int dy = -3; dy <= 3; ++dy)
                for (int dx = -3; dx <= 3; ++dx) {
                    Rgb c = cli.at(int(at.x) + dx, int(at.y) + dy);
                    rs.push_back(c.r), gs.push_back(c.g), bs.push_back(c.b);
                }
            for (auto* ch : {&rs, &gs, &bs}) std::nth_element(ch->begin(), ch->begin() + 24, ch->end());
            const Rgb got{rs[24], gs[24], bs[24]};
            INFO("got " << str(got) << " want " << str(plan_colour));
            CHECK(near(got, plan_colour, 6));
        }
    }
    // Side by side: the tags either side of the divider ("Kondisi awal" left, "Rencana" right) are
    // drawn as coloured boxes: the baseline tag's grey-blue left of the middle, the plan's blue right.
    PngPixels s = read_png((kOut / "cli" / (file_stem(side.name) + ".png")).string());
    std::size_t base_tag = 0, plan_tag = 0;
    for (int y = 150; y < 320; ++y)
        for (int x = 700; x < 1220; ++x) {
            Rgb c = s.at(x, y);
            // The tags are 92 % opaque (235/255) over the pale sea.
            if (x < 960 && near(c, blend(Rgb{223, 233, 242}, 0x546e7aff, 235 / 255.0), 14)) ++base_tag;
            if (x > 960 && near(c, blend(Rgb{223, 233, 242}, 0x1565c0ff, 235 / 255.0), 14)) ++plan_tag;
        }
    INFO("baseline tag pixels " << base_tag << ", plan tag pixels " << plan_tag);
    CHECK(base_tag > 300);
    CHECK(plan_tag > 300);
}

TEST_CASE("render: legend symbols have the map's shapes, the KPPN swatch is hatched with its outline", "[render][legend]") {
    fs::create_directories(kOut);
    Document doc(make_demo_project());
    const Project& p = doc.project();
    MapImageRenderer r(doc);
    for (int height : {1080, 2160}) {
        MapImageRequest rq;
        rq.width = height * 16 / 9;
        rq.height = height;
        MapImage img = r.render(rq);
        write_png_rgba((kOut / ("legend_" + std::to_string(height) + ".png")).string(), img.width, img.height, img.rgba.data());
        auto entry = [&](const std::string& label) -> const MapImage::LegendSwatch* {
            for (const auto& e : img.legend)
                if (e.label == label) return &e;
            return nullptr;
        };
        INFO("image height " << height);

        // KPPN zone: land tinted by the zone colour between the hatch lines, the hatch lines in the
        // zone colour (at 0.675 over the tint), the outline in the zone colour.
        set_language(Language::Indonesian);
        const auto* zone = entry(tr(layer_name(LayerId::Zones)));
        REQUIRE(zone);
        const Rgb tint = blend(rgb(layer_colour(LayerId::Choropleth)), layer_colour(LayerId::Zones), 0.15 * 0.9);
        const Rgb hatch = blend(tint, layer_colour(LayerId::Zones), 0.75 * 0.9);
        const int inset = int(std::ceil(4 * img.scale));
        std::size_t n_tint = 0, n_hatch = 0, n_outline = 0;
        for (int y = int(zone->y0) + inset; y < int(zone->y1) - inset; ++y)
            for (int x = int(zone->x0) + inset; x < int(zone->x1) - inset; ++x) {
                Rgb c = rgb(img.pixel(x, y));
                if (near(c, tint, 8)) ++n_tint;
                if (near(c, hatch, 12)) ++n_hatch;
            }
        for (int x = int(zone->x0) + inset; x < int(zone->x1) - inset; ++x)
            if (near(rgb(img.pixel(x, int(std::lround(zone->y0)))), rgb(layer_colour(LayerId::Zones)), 40)) ++n_outline;
        INFO("zone swatch: tint " << n_tint << ", hatch " << n_hatch << ", outline " << n_outline);
        CHECK(n_tint >= std::size_t(10 * img.scale * img.scale));
        CHECK(n_hatch >= std::size_t(10 * img.scale * img.scale));
        CHECK(n_outline >= std::size_t((zone->x1 - zone->x0 - 2 * inset) / 2));

        // The service area: land under the service colour at the layer's 0.15, outlined in it.
        for (const auto& e : img.legend) {
            if (e.label.rfind(tr(layer_name(LayerId::ServiceArea)), 0) != 0) continue;
            const Rgb fill = blend(rgb(layer_colour(LayerId::Choropleth)), layer_colour(LayerId::ServiceArea), 0.15);
            const Rgb got = median_around(img, Coord{(e.x0 + e.x1) / 2, (e.y0 + e.y1) / 2}, 2);
            INFO("service area swatch " << str(got) << " want " << str(fill));
            CHECK(near(got, fill, 6));
        }

        // Facility types: the map draws puskesmas (and rumah sakit) as squares, sekolah as triangles
        // (point up), BTS as diamonds, anything else as circles (map_view.cpp, point.frag).
        std::size_t checked = 0;
        for (const auto& t : p.settings.facility_types) {
            const auto* e = entry(t.label);
            if (!e) continue;
            INFO("facility type " << t.key);
            ++checked;
            const double cx = (e->x0 + e->x1) / 2, cy = (e->y0 + e->y1) / 2, rad = (e->y1 - e->y0) / 2;
            const Rgb colour = rgb(t.colour | 0xff);
            auto at = [&](double u, double v) { return rgb(img.pixel(int(std::lround(cx + u * rad)), int(std::lround(cy - v * rad)))); };
            auto is_paper = [&](Rgb c) { return c.r > 225 && c.g > 225 && c.b > 225; };
            // The colour at the centre.
            CHECK(near(at(0, 0), colour, 10));
            // Width of the symbol on a row: pixels that are not paper.
            auto row_width = [&](double v) {
                int n = 0;
                for (int x = int(cx - rad) - 1; x <= int(cx + rad) + 1; ++x)
                    if (!is_paper(rgb(img.pixel(x, int(std::lround(cy - v * rad)))))) ++n;
                return n;
            };
            const bool corners_filled = !is_paper(at(0.6, 0.6)) && !is_paper(at(-0.6, 0.6)) && !is_paper(at(0.6, -0.6)) &&
                                        !is_paper(at(-0.6, -0.6));
            const bool corners_empty = is_paper(at(0.72, 0.72)) && is_paper(at(-0.72, 0.72)) && is_paper(at(0.72, -0.72)) &&
                                       is_paper(at(-0.72, -0.72));
            if (t.key == "puskesmas" || t.key == "rumah_sakit") {
                CHECK(corners_filled);
                CHECK(near(at(0.5, 0.5), colour, 12));
            } else if (t.key == "sekolah") {
                const int apex = row_width(0.6), base = row_width(-0.45);
                INFO("triangle rows: apex side " << apex << ", base side " << base);
                CHECK(apex * 3 < base);
                CHECK(is_paper(at(0.6, 0.6)));
                CHECK_FALSE(is_paper(at(0.6, -0.45)));
            } else if (t.key == "bts") {
                CHECK(corners_empty);
                CHECK(near(at(0.5, 0), colour, 12));
                CHECK(near(at(0, 0.5), colour, 12));
            } else {
                CHECK(corners_empty);
                CHECK(near(at(0.6, 0), colour, 12));
                CHECK(row_width(0.6) < row_width(0));
            }
        }
        CHECK(checked >= 3);
    }
}

TEST_CASE("report: the scenario's change per kecamatan equals compare_scenarios, in the PDF", "[render][scenario][report]") {
    fs::create_directories(kOut);
    Project p = make_demo_project();
    View v = make_view("Rencana 2025–2026");
    v.scenario.mode = ScenarioMode::Swipe;
    v.scenario.filter.years = {2025, 2026};
    p.views = {v};
    const std::string project = (kOut / "demo_scenario_report.gpkg").string();
    fs::remove(project);
    save_project(p, project);
    const fs::path out = kOut / "report";
    fs::remove_all(out);
    const std::string bin = std::string("env -u DISPLAY -u WAYLAND_DISPLAY ") + PC_PETACERDAS;
    run(bin + " report " + project + " --out " + out.string() + " --map-size 900x600", kOut / "log.txt");
    run("pdftotext -layout " + (out / "report.pdf").string() + " " + (out / "report.txt").string(), kOut / "log.txt");
    const std::string text = slurp(out / "report.txt");

    // The numbers, from the core API here (not from the report).
    const ScenarioComparison c = compare_scenarios(p, v.scenario.filter, p.settings.facility_types.front().key,
                                                   v.scenario.gap_closed_drop_pct);
    REQUIRE(c.initiatives_in_plan > 0);
    const std::size_t from = text.find("Rencana terhadap kondisi awal");
    REQUIRE(from != std::string::npos);
    const std::size_t to = text.find("Cakupan per kecamatan", from);
    REQUIRE(to != std::string::npos);
    std::vector<std::string> lines;
    {
        std::istringstream in(text.substr(from, to - from));
        for (std::string l; std::getline(in, l);) lines.push_back(l);
    }
    std::size_t gained = 0;
    auto check_row = [&](const ScenarioUnit& u, const std::string& key) {
        INFO("row " << key);
        auto line = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(key) != std::string::npos; });
        REQUIRE(line != lines.end());
        INFO(*line);
        // In column order: population, covered in the baseline, in the plan, the change, desa gaps closed.
        std::size_t at = line->find(key) + key.size();
        const double change = u.covered_population_change();
        for (const std::string& want : {thousands_id(u.population), thousands_id(u.baseline_covered_population),
                                        thousands_id(u.plan_covered_population),
                                        (change >= 0.5 ? "+" : "") + thousands_id(change)}) {
            std::size_t f = line->find(" " + want, at);
            INFO("looking for " << want);
            CHECK(f != std::string::npos);
            if (f != std::string::npos) at = f + want.size();
        }
        std::istringstream tokens(*line);
        std::string last;
        for (std::string t; tokens >> t;) last = t;
        CHECK(last == std::to_string(u.desa_gaps_closed));
        if (change >= 0.5) ++gained;
    };
    for (const auto& k : c.kecamatan) check_row(k, k.code);
    check_row(c.district, "Kabupaten");
    CHECK(gained >= 1);  // the plan changes something
}

TEST_CASE("render: scenario views of Kabupaten Pasuruan at 4K through petacerdas render (shared data)", "[render][scenario][realdata]") {
    const fs::path src = pc::test::shared_file("kab_pasuruan_3514.gpkg");
    if (src.empty()) return;
    const fs::path dir = kOut / "pasuruan";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string project = (dir / "kab_pasuruan.gpkg").string();
    const std::string bin = std::string("env -u DISPLAY -u WAYLAND_DISPLAY ") + PC_PETACERDAS;
    run(bin + " load-district " + src.string() + " --out " + project, dir / "log.txt");
    Project p = load_project(project);
    REQUIRE(!p.settings.facility_types.empty());
    const std::string svc = p.settings.facility_types.front().key;
    // Planned towers in the four most populous desa that no existing one serves.
    GeosContext ctx;
    std::vector<std::pair<double, Coord>> candidates;
    for (const auto& d : p.desa) {
        const Coord c = ctx.point_on_surface(ctx.from(d.geometry).get());
        bool served = false;
        for (const auto& f : p.facilities)
            if (f.type == svc && metres(f.geometry.anchor(), c) < p.service_radius_m(f) + 3000) served = true;
        if (!served) candidates.emplace_back(d.population.value_or(0), c);
    }
    std::sort(candidates.begin(), candidates.end(), [](auto& a, auto& b) { return a.first > b.first; });
    REQUIRE(candidates.size() >= 4);
    for (int i = 0; i < 4; ++i) {
        Initiative in;
        in.id = new_uuid();
        in.name = "Menara BTS rencana " + std::to_string(i + 1);
        in.pillar = Pillar::Society;
        in.status = Status::Rencana;
        in.start_year = in.end_year = 2026;
        in.budget_rp = 1'500'000'000;
        in.radius_m = 2500;
        in.geometry = Geometry::point(candidates[std::size_t(i)].second.x, candidates[std::size_t(i)].second.y);
        p.initiatives.push_back(in);
    }
    auto spot = plan_only_spot(p, {}, svc);
    REQUIRE(spot);
    // Where the spot falls (the layout of a 4K image is that of 1920×1080 at twice the size).
    Coord px;
    {
        Document probe_doc{Project(p)};
        MapImageRenderer r(probe_doc);
        MapImage probe = r.render(request_for_view(service_area_view("probe", ScenarioMode::Baseline, 0.5), 1920, 1080, Language::Indonesian));
        px = probe.pixel_of(spot->at);
    }
    INFO("spot at 1080p pixel " << px.x << "," << px.y);
    REQUIRE(px.x > 400);
    View swipe = service_area_view("Rencana BTS — geser", ScenarioMode::Swipe, (px.x - 150) / 1920.0);
    View full = make_view("Rencana BTS — berdampingan");
    full.scenario.mode = ScenarioMode::SideBySide;
    View full_swipe = make_view("Rencana BTS — geser, semua lapisan");
    full_swipe.scenario.mode = ScenarioMode::Swipe;
    p.views = {swipe, full, full_swipe};
    fs::remove(project);
    save_project(p, project);

    for (const View& v : p.views) {
        const fs::path png = dir / (file_stem(v.name) + "_3840x2160.png");
        const auto t0 = std::chrono::steady_clock::now();
        run(bin + " render " + project + " --view \"" + v.name + "\" --size 3840x2160 --out " + png.string(), dir / "log.txt");
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        WARN("4K render of the Kabupaten Pasuruan view '" << v.name << "' (load, analysis, plan, draw, PNG): " << s << " s");
        PngPixels img = read_png(png.string());
        REQUIRE(img.width == 3840);
        REQUIRE(img.height == 2160);
        if (&v == &p.views[0]) {
            const Rgb land = rgb(layer_colour(LayerId::Choropleth));
            const Rgb plan_colour = blend(land, layer_colour(LayerId::ServiceArea), 0.15);
            std::vector<int> rs, gs, bs;
            for (int dy = -4; dy <= 4; ++dy)
                for (int dx = -4; dx <= 4; ++dx) {
                    Rgb c = img.at(int(px.x * 2) + dx, int(px.y * 2) + dy);
                    rs.push_back(c.r), gs.push_back(c.g), bs.push_back(c.b);
                }
            for (auto* ch : {&rs, &gs, &bs}) std::nth_element(ch->begin(), ch->begin() + 40, ch->end());
            const Rgb got{rs[40], gs[40], bs[40]};
            INFO("got " << str(got) << " want " << str(plan_colour));
            CHECK(near(got, plan_colour, 6));
        }
    }
}

namespace {

// The shape of the symbol around `c` (within R pixels), told apart by how much of its bounding box
// it fills (square ~1, circle ~π/4, diamond and triangle ~1/2) and whether its top row is narrower
// than its bottom row (a triangle pointing up).
std::string shape_around(const MapImage& img, Coord c, int R) {
    const Rgb bg = rgb(img.pixel(int(c.x) - R, int(c.y) - R));
    auto ink = [&](int x, int y) {
        Rgb p = rgb(img.pixel(x, y));
        return std::abs(p.r - bg.r) + std::abs(p.g - bg.g) + std::abs(p.b - bg.b) > 60;
    };
    int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
    std::size_t count = 0;
    for (int y = int(c.y) - R; y <= int(c.y) + R; ++y)
        for (int x = int(c.x) - R; x <= int(c.x) + R; ++x)
            if (ink(x, y)) {
                ++count;
                x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
            }
    if (count < 20) return "none";
    const double ratio = double(count) / double((x1 - x0 + 1) * (y1 - y0 + 1));
    auto row = [&](double f) {
        int n = 0;
        const int y = y0 + int(std::lround(f * (y1 - y0)));
        for (int x = x0; x <= x1; ++x) n += ink(x, y);
        return n;
    };
    if (ratio > 0.9) return "square";
    if (ratio > 0.68) return "circle";
    if (row(0.2) * 2 < row(0.8)) return "triangle";
    return "diamond";
}

}  // namespace

TEST_CASE("render: each facility type's legend symbol has the shape of its symbol on the map", "[render][legend]") {
    Document doc(make_demo_project());
    const Project& p = doc.project();
    MapImageRenderer r(doc);
    MapLayers defaults(doc);
    MapImageRequest legend_rq;
    legend_rq.width = 3840;
    legend_rq.height = 2160;
    MapImage legend = r.render(legend_rq);
    std::size_t compared = 0;
    std::set<std::string> shapes;
    for (const auto& t : p.settings.facility_types) {
        INFO("facility type " << t.key);
        // A facility of the type with no other symbol within 400 m, drawn large and alone.
        const Facility* alone = nullptr;
        for (const auto& f : p.facilities) {
            if (f.type != t.key || f.geometry.empty()) continue;
            bool crowded = false;
            for (const auto& g : p.facilities)
                if (&g != &f && !g.geometry.empty() && metres(g.geometry.anchor(), f.geometry.anchor()) < 400) crowded = true;
            if (!crowded) {
                alone = &f;
                break;
            }
        }
        if (!alone) continue;
        const Coord at = alone->geometry.anchor();
        MapImageRequest rq;
        rq.width = 3200;
        rq.height = 1800;
        rq.scale = 4;  // symbols four times their screen size (a layout of 800×450)
        Envelope e;
        e.expand(Coord{at.x - 0.01, at.y - 0.01});
        e.expand(Coord{at.x + 0.01, at.y + 0.01});
        rq.extent_lonlat = e;
        auto styles = defaults.styles;
        for (auto& s : styles) s.visible = false;
        styles[std::size_t(LayerId::Facilities)].visible = true;
        rq.styles = styles;
        MapImage map = r.render(rq);
        const std::string on_map = shape_around(map, map.pixel_of(at), int(12 * map.scale));

        const MapImage::LegendSwatch* sw = nullptr;
        for (const auto& l : legend.legend)
            if (l.label == t.label) sw = &l;
        REQUIRE(sw);
        const int R = int((sw->y1 - sw->y0) / 2) + 2;
        const std::string in_legend = shape_around(legend, Coord{(sw->x0 + sw->x1) / 2, (sw->y0 + sw->y1) / 2}, R);
        INFO("map " << on_map << ", legend " << in_legend);
        CHECK(on_map != "none");
        CHECK(on_map == in_legend);
        // And the colour: the legend symbol's centre and the map symbol's centre.
        CHECK(near(rgb(legend.pixel(int((sw->x0 + sw->x1) / 2), int((sw->y0 + sw->y1) / 2))),
                   rgb(map.pixel(int(map.pixel_of(at).x), int(map.pixel_of(at).y))), 10));
        ++compared;
        shapes.insert(on_map);
    }
    CHECK(compared >= 3);
    // The demo's types are drawn in different shapes (squares, triangles, diamonds, circles).
    INFO(shapes.size() << " shapes");
    CHECK(shapes.size() >= 3);
}

TEST_CASE("scenario: an initiative that provides the compared service is in the plan, not the baseline", "[render][scenario][service]") {
    Project p = make_demo_project();
    Envelope all;
    for (const auto& d : p.desa) all.expand(d.geometry.envelope());
    Initiative wifi;
    wifi.id = new_uuid();
    wifi.name = "WiFi Alun-alun";
    wifi.service = "wifi";
    wifi.radius_m = 900;
    wifi.geometry = Geometry::point(all.centre().x, all.centre().y);
    p.initiatives.push_back(wifi);
    Initiative bts = wifi;  // another service: in neither side of a WiFi comparison
    bts.id = new_uuid();
    bts.service = "bts";
    bts.geometry = Geometry::point(all.min_x + all.width() * 0.3, all.min_y + all.height() * 0.3);
    p.initiatives.push_back(bts);

    // Independently: the baseline is the project without the initiatives providing a service; the
    // plan adds the WiFi one as a WiFi point and every initiative naming no service (as before).
    Project baseline = p;
    baseline.initiatives.clear();
    Project plan = baseline;
    for (const auto& i : p.initiatives) {
        if (!i.service.empty() && i.service != "wifi") continue;
        if (!i.radius_m) continue;
        Facility f;
        f.id = i.id;
        f.type = "wifi";
        f.radius_m = i.radius_m;
        f.geometry = i.geometry;
        plan.facilities.push_back(f);
    }
    const double want_base = CoverageEngine(baseline).service("wifi").district.covered_population;
    const double want_plan = CoverageEngine(plan).service("wifi").district.covered_population;
    REQUIRE(want_plan > want_base);

    const ScenarioComparison c = compare_scenarios(scenario_input(p, "wifi"), ScenarioFilter{}, "wifi");
    CHECK(c.district.baseline_covered_population == Approx(want_base).margin(1e-6));
    CHECK(c.district.plan_covered_population == Approx(want_plan).margin(1e-6));
    CHECK(scenario_needs_baseline(p, "wifi"));
    CHECK_FALSE(scenario_needs_baseline(p, "puskesmas"));
    // The document's own figures of WiFi count the WiFi initiative: the plan's coverage.
    const AnalysisResult own = CoverageEngine(p).run(p);
    CHECK(own.service("wifi")->district.covered_population > want_base);
}
