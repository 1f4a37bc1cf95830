// The "Done when" on each district of ../shared/data, in a real window (Xvfb): the district
// file becomes a project as a user makes one (petacerdas load-district), the application opens it,
// an initiative is placed by a click inside a big uncovered desa, the live what-if equals the full
// recompute, the figures change, undo gives back the exact project, redo, save as, reopen.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <sys/wait.h>

#include <unistd.h>

#include "app.h"
#include "geo/geos.h"
#include "window_test.h"

using namespace pc;
using namespace pc::gui;
using namespace pc::gui::test;
namespace fs = std::filesystem;

namespace {

// The desa the planner would go to first: the top gap of the first service, else (no service yet:
// nothing is covered) the most populous desa.
const AdminUnit& big_uncovered_desa(Document& doc) {
    const Project& p = doc.project();
    const AnalysisResult& a = doc.analysis();
    std::string code;
    if (!a.services.empty() && !a.services.front().gap_ranking.empty())
        code = a.services.front().desa[a.services.front().gap_ranking.front()].code;
    const AdminUnit* best = &p.desa.front();
    for (const auto& d : p.desa) {
        if (!code.empty() ? d.code == code : d.population.value_or(0) > best->population.value_or(0)) best = &d;
    }
    return *best;
}

double initiatives_covered(Document& doc) {
    const ServiceCoverage* s = doc.analysis().service("initiatives");
    return s ? s->district.covered_population : 0.0;
}

}  // namespace

TEST_CASE("gui: each district of ../shared/data: place, what-if, undo, redo, save as, reopen", "[gui][window][realdata]") {
    if (!display_available()) return;
    if (pc::test::shared_file("kab_pasuruan_3514.gpkg").empty()) return;
    const fs::path shared = pc::test::shared_data_dir();
    const fs::path dir = fs::temp_directory_path() / ("pc_gui_districts_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    ::setenv("PC_DEMO_PROJECT", (dir / "demo.gpkg").c_str(), 1);  // untitled autosaves go here, not to $HOME

    for (const std::string stem : {"kab_pasuruan_3514", "kota_pasuruan_3575", "kab_padang_pariaman_1305", "kab_pamekasan_3528"}) {
        SECTION(stem) {
            const std::string code = stem.substr(stem.size() - 4);
            const fs::path project = dir / (stem + ".gpkg");
            const std::string cmd = std::string("'") + PC_PETACERDAS + "' load-district '" + (shared / (stem + ".gpkg")).string() +
                                    "' --out '" + project.string() + "' > '" + (dir / (stem + ".log")).string() + "' 2>&1";
            INFO(cmd);
            REQUIRE(std::system(cmd.c_str()) == 0);

            // Half the districts as a new user opens them: the district file itself, which becomes an
            // untitled project with what load-district puts in the project file.
            const bool direct = code == "3514" || code == "1305";
            AppOptions o;
            o.project_path = direct ? (shared / (stem + ".gpkg")).string() : project.string();
            App app(o);
            REQUIRE(app.settle());  // read in the background, drawn, figures computed
            Document& doc = app.doc();
            if (direct) {
                CHECK(doc.path().empty());
                const Project made = Document::open(project.string())->project();
                CHECK(doc.project().desa.size() == made.desa.size());
                CHECK(doc.project().kecamatan.size() == made.kecamatan.size());
                CHECK(doc.project().facilities.size() == made.facilities.size());
                CHECK(doc.project().settings.district_code == made.settings.district_code);
                double a = 0, b = 0;
                for (const auto& d : doc.project().desa) a += d.population.value_or(0);
                for (const auto& d : made.desa) b += d.population.value_or(0);
                CHECK(a == Approx(b).epsilon(1e-12));
            }
            MapView& map = app.map();
            REQUIRE(!doc.project().desa.empty());
            const Project original = doc.project();
            app.frame();
            app.frame();

            const AdminUnit& desa = big_uncovered_desa(doc);
            INFO("desa " << desa.code << " " << desa.name << ", population " << desa.population.value_or(0));
            REQUIRE(desa.population.value_or(0) > 0);
            const double before = initiatives_covered(doc);
            const std::size_t services_before = doc.analysis().services.size();

            // A spot well inside it, 25 px from its point on surface (where its label is drawn, over
            // any symbol), on the screen as the district is shown.
            const Camera& cam = map.camera;
            const Coord anchor = map.to_screen(desa.geometry.anchor());
            GeosContext geos;
            auto desa_poly = geos.from(desa.geometry);
            auto inside = [&](double sx, double sy) {
                for (auto [dx, dy] : {std::pair{0, 0}, {2, 0}, {-2, 0}, {0, 2}, {0, -2}}) {
                    const Coord ll = map.to_lonlat(sx + dx, sy + dy);
                    auto pt = geos.from(Geometry::point(ll.x, ll.y));
                    if (GEOSContains_r(geos.get(), desa_poly.get(), pt.get()) != 1) return false;
                }
                return cam.contains_screen(sx, sy);
            };
            // Where its people live: the centres of the population grid's cells in it, most
            // populous first (a grid may leave parts of a desa empty); then around the label.
            std::vector<std::pair<double, Coord>> spots;
            if (const auto& grid = doc.project().population_grid)
                for (const auto& c : grid->cells) spots.push_back({c.population, map.to_screen(c.geometry.anchor())});
            std::stable_sort(spots.begin(), spots.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
            for (auto [dx, dy] : {std::pair{0, 25}, {0, -25}, {25, 0}, {-25, 0}, {18, 18}, {-18, 18}, {18, -18}, {-18, -18}})
                spots.push_back({0, Coord{anchor.x + dx, anchor.y + dy}});
            double x = -1, y = -1;
            for (const auto& [people, at] : spots) {
                const double sx = std::round(at.x), sy = std::round(at.y);
                if (std::hypot(sx - anchor.x, sy - anchor.y) >= 20 && inside(sx, sy)) {
                    x = sx;
                    y = sy;
                    break;
                }
            }
            REQUIRE(x >= 0);
            app.request_capture();
            app.frame();
            REQUIRE_FALSE(colour_near(app, x, y, pillar_colour(Pillar::Governance), 6, 10));  // nothing of that colour yet

            map.tool = Tool::PlaceInitiative;
            map.initiative_template.pillar = Pillar::Governance;
            map.initiative_template.radius_m = 2000;
            CanvasInput in;
            in.over_map = true;
            in.x = x - 20;
            in.y = y;
            app.frame(&in);
            in.x = x;
            app.frame(&in);
            REQUIRE(map.live_what_if().has_value());
            const double live_gain = map.live_what_if()->district.covered_population_delta;
            const double live_km2 = map.live_what_if()->district.covered_km2_delta;
            CHECK(live_gain > 0);
            CHECK(live_km2 > 0);

            in.pressed = in.down = true;
            app.frame(&in);
            in.pressed = in.down = false;
            in.released = true;
            app.frame(&in);
            in.released = false;
            in.over_map = false;
            confirm_placement(app);
            REQUIRE(doc.project().initiatives.size() == original.initiatives.size() + 1);
            const Initiative placed = doc.project().initiatives.back();
            const Coord where = placed.geometry.points.at(0);
            {
                auto pt = geos.from(Geometry::point(where.x, where.y));
                CHECK(GEOSContains_r(geos.get(), desa_poly.get(), pt.get()) == 1);
            }
            // The live figure is the full recompute's; the figures changed (a new service row when
            // the project had no initiative with a radius).
            const double after = initiatives_covered(doc);
            CHECK(after - before == Approx(live_gain).margin(1e-6));
            CHECK(after > before);
            const ServiceCoverage* s = doc.analysis().service("initiatives");
            REQUIRE(s != nullptr);
            CHECK(s->district.covered_km2 == Approx(live_km2).margin(1e-6));
            CHECK(doc.analysis().services.size() >= services_before);
            CHECK(doc.analysis().initiatives.count == original.initiatives.size() + 1);

            app.frame(&in);
            // The panel shows a service (its tables, gaps and choropleth), also where the placed
            // initiative made the first one.
            CHECK(doc.analysis().service(map.service) != nullptr);
            app.request_capture();
            app.frame(&in);
            REQUIRE(app.write_png((fs::path(PC_SCREENSHOT_DIR) / ("district_" + code + ".png")).string()));
            // The symbol where it was placed (labels off: a kecamatan's name may be drawn over it).
            map.styles[std::size_t(LayerId::Labels)].visible = false;
            app.request_capture();
            app.frame(&in);
            CHECK(colour_near(app, x, y, pillar_colour(Pillar::Governance), 2, 10));
            map.styles[std::size_t(LayerId::Labels)].visible = true;

            // Undo: exactly the opened project; redo: the initiative again.
            doc.undo();
            CHECK(doc.project() == original);
            CHECK_FALSE(doc.dirty());
            CHECK(initiatives_covered(doc) == Approx(before).margin(1e-6));
            doc.redo();
            REQUIRE(find_initiative(doc.project(), placed.id) >= 0);
            CHECK(doc.dirty());

            // Save as into the temp dir; reopened, the initiative is there, where it was placed.
            const std::string copy = (dir / (stem + "_saved.gpkg")).string();
            doc.save_as(copy);
            CHECK_FALSE(doc.dirty());
            app.frame();
            auto reopened = Document::open(copy);
            const long j = find_initiative(reopened->project(), placed.id);
            REQUIRE(j >= 0);
            const Initiative& back = reopened->project().initiatives[std::size_t(j)];
            CHECK(back.pillar == Pillar::Governance);
            CHECK(back.radius_m.value_or(0) == Approx(2000));
            CHECK(back.geometry.points.at(0).x == Approx(where.x).margin(1e-9));
            CHECK(back.geometry.points.at(0).y == Approx(where.y).margin(1e-9));
            CHECK(reopened->project().desa.size() == original.desa.size());
            CHECK(initiatives_covered(*reopened) == Approx(after).margin(1e-6));
        }
    }
    fs::remove_all(dir);
}

TEST_CASE("gui: a district file given to petacerdas-gui opens as a new untitled project", "[gui][realdata]") {
    const fs::path file = pc::test::shared_file("kota_pasuruan_3575.gpkg");
    if (file.empty()) return;
    if (!display_available()) return;
    const fs::path dir = fs::temp_directory_path() / ("pc_gui_district_open_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path png = dir / "kota_pasuruan.png";
    const std::string cmd = "PC_DEMO_PROJECT='" + (dir / "demo.gpkg").string() + "' '" + PC_PETACERDAS_GUI + "' '" + file.string() +
                            "' --screenshot '" + png.string() + "' > '" + (dir / "out.txt").string() + "' 2>&1";
    INFO(cmd);
    const int status = std::system(cmd.c_str());
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(fs::file_size(png) > 10000);
    CHECK_FALSE(fs::exists(fs::path(file.string() + ".autosave.gpkg")));  // the shared file is left alone
    fs::remove_all(dir);
}
