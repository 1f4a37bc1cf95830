// The map never freezes on a province: Jawa Timur (8,494 desa, a puskesmas at a point inside each of
// its 666 kecamatan) in a real window under Xvfb. Opening it draws frames with progress from the first
// second; a facility placed by a real X click keeps every frame short until the recomputed figures
// show, and those figures equal a fresh `petacerdas analyze` of the same project.
//
// Hidden from the main window run ([.jatim]); its own ctest (tests/app/gui/jatim_test.sh) skips with
// code 77 where ../shared/data is absent, and fails then under CI=true.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>

#include "app.h"
#include "geo/geos.h"
#include "render/i18n.h"
#include "panel_import.h"
#include "screen_text.h"
#include "window_test.h"
#include "x_pointer.h"

using namespace pc;
using namespace pc::gui;
using namespace pc::gui::test;
using pc::gui::testing::XPointer;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Wall-clock budgets hold for the ordinary build. Under scripts/sanitize.sh (every allocation and
// access checked, the first frame alone takes about a second) a missed budget is a warning: the
// sanitizers run these tests for memory errors, and the ordinary build keeps the budgets.
#if defined(__SANITIZE_ADDRESS__)
#define CHECK_TIME(cond) \
    do { \
        if (!(cond)) WARN("time budget missed under the sanitizers: " #cond); \
    } while (false)
#else
#define CHECK_TIME(cond) CHECK(cond)
#endif

namespace {

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(q * double(v.size())))];
}

int run(const std::string& cmd) {
    INFO(cmd);
    return std::system(cmd.c_str());
}

// The project as a planner builds it with the command line: the desa with their GHS population, and a
// puskesmas at the point on surface of every kecamatan (GDAL's SQLite dialect with SpatiaLite).
const fs::path& jatim_project() {
    static const fs::path project = [] {
        const fs::path shared = PC_SHARED_DATA;
        const fs::path dir = fs::temp_directory_path() / ("pc_gui_jatim_" + std::to_string(::getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
        const fs::path p = dir / "jatim.gpkg", points = dir / "puskesmas.gpkg", log = dir / "build.log";
        const std::string bin = std::string("'") + PC_PETACERDAS + "'";
        const std::string desa = (shared / "jatim_desa.gpkg").string();
        REQUIRE(run(bin + " import '" + p.string() + "' '" + desa + "' --as desa --layer desa --new --district-code 35" +
                    " --name 'Jawa Timur' --field population=pop_ghs > '" + log.string() + "' 2>&1") == 0);
        REQUIRE(run("ogr2ogr -f GPKG '" + points.string() + "' '" + desa + "' -dialect sqlite -sql " +
                    "\"select nama as name, ST_PointOnSurface(geom) as geom from kecamatan\" -nln puskesmas >> '" +
                    log.string() + "' 2>&1") == 0);
        REQUIRE(run(bin + " import '" + p.string() + "' '" + points.string() + "' --as facilities --type puskesmas >> '" +
                    log.string() + "' 2>&1") == 0);
        ::setenv("PC_DEMO_PROJECT", (dir / "demo.gpkg").c_str(), 1);  // untitled autosaves go here
        return p;
    }();
    return project;
}

bool have_data() {
    if (fs::exists(fs::path(PC_SHARED_DATA) / "jatim_desa.gpkg")) return true;
    WARN("../shared/data/jatim_desa.gpkg absent: the Jawa Timur window tests are skipped");
    return false;
}

// One row of a CSV written by `analyze` (quoted fields may hold commas).
std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') out.back() += '"', ++i;
            else if (c == '"') quoted = false;
            else out.back() += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            out.emplace_back();
        } else {
            out.back() += c;
        }
    }
    return out;
}

// Rows of a CSV as maps from column name to value.
std::vector<std::map<std::string, std::string>> read_csv(const fs::path& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    const auto header = csv_fields(line);
    std::vector<std::map<std::string, std::string>> rows;
    while (std::getline(in, line)) {
        const auto f = csv_fields(line);
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < header.size() && i < f.size(); ++i) row[header[i]] = f[i];
        rows.push_back(std::move(row));
    }
    return rows;
}

// The application on the Jawa Timur project, opened and settled, with XTEST to drive it.
std::unique_ptr<App> jatim_app() {
    AppOptions o;
    o.project_path = jatim_project().string();
    auto app = std::make_unique<App>(o);
    REQUIRE(app->settle());
    REQUIRE(XPointer::available());
    return app;
}

bool drawn(const char* english_title) {
    const std::string name = std::string(tr(english_title)) + "###" + english_title;
    const ImGuiWindow* w = XPointer::window(name.c_str());
    return w && w->Active;
}

}  // namespace

TEST_CASE("gui: Jawa Timur opens with progress from the first second and its frames never freeze", "[.jatim][gui][window]") {
    if (!have_data() || !display_available()) return;
    const fs::path project = jatim_project();
    set_language(Language::Indonesian);
    // Opens the project once; returns the p95 of its frames. Frame times are wall time on a machine
    // other work may share: the best of up to three openings must keep p95 under 50 ms.
    auto open_once = [&] {
        const auto t0 = Clock::now();
        AppOptions o;
        o.project_path = project.string();
        App app(o);
        const double construct_ms = ms_since(t0);
        std::vector<double> frames;        // every frame until the figures show
        double first_frame_done_ms = 0;
        int frames_in_first_second = 0, progress_frames_in_first_second = 0;
        bool map_before_figures = false, progress_in_panel = false, captured = false;
        while (ms_since(t0) < 600000) {
            const auto f = Clock::now();
            const bool capture = !captured && app.loading() && ms_since(t0) > 300;
            if (capture) app.request_capture();
            app.frame();
            frames.push_back(ms_since(f));
            if (frames.size() == 1) first_frame_done_ms = ms_since(t0);
            if (capture) {
                captured = true;
                REQUIRE(app.write_png(screenshot("jatim_loading.png")));
            }
            // ImGui lays a new window out on its first frame and shows it from the second: the
            // progress window counts in the first second or the first three frames (a loaded
            // machine may take most of a second for the first frame alone).
            if (ms_since(t0) <= 1000 || frames.size() <= 3) {
                ++frames_in_first_second;
                progress_frames_in_first_second += app.loading() && drawn("Opening");
            }
            const bool figures = app.doc().analysis_current() && app.map().shown_analysis() == app.doc().latest_analysis();
            if (!app.loading() && !app.map().level_cells().empty() && !figures) {
                map_before_figures = true;
                // The metrics panel says the figures are being computed, with a bar.
                progress_in_panel |= drawn("Metrics") && app.doc().work_status().busy();
                if (progress_in_panel && frames.size() % 200 == 0) {
                    app.request_capture();
                    app.frame();
                    REQUIRE(app.write_png(screenshot("jatim_computing.png")));
                }
            }
            if (!app.loading() && figures && !app.map().building()) break;
        }
        const double total_ms = ms_since(t0);
        INFO("App() " << construct_ms << " ms, first frame done at " << first_frame_done_ms << " ms; " << frames.size()
                      << " frames in " << total_ms / 1000 << " s until the figures showed: p95 " << percentile(frames, 0.95)
                      << " ms, worst " << percentile(frames, 1.0) << " ms; first second (at least three frames): " << frames_in_first_second
                      << " frames, " << progress_frames_in_first_second << " with the progress window");
        WARN("Jawa Timur open: App() " << construct_ms << " ms, first frame at " << first_frame_done_ms << " ms, figures after "
                                       << total_ms / 1000 << " s, " << frames.size() << " frames, p95 " << percentile(frames, 0.95)
                                       << " ms, worst " << percentile(frames, 1.0) << " ms");
        REQUIRE(app.doc().analysis_current());
        CHECK(app.doc().project().desa.size() == 8494);
        // The first frame (which also compiles the GL programs and uploads the font atlas) comes within a
        // second and the progress window right after it; then frames keep coming: no frame as long as a
        // second, 95 % short.
        CHECK_TIME(first_frame_done_ms < 1000);
        CHECK_TIME(progress_frames_in_first_second >= 1);
        CHECK(map_before_figures);  // the map shows before the figures are ready
        CHECK(progress_in_panel);
        const std::vector<double> after_first(frames.begin() + std::min<std::ptrdiff_t>(2, std::ptrdiff_t(frames.size())), frames.end());
        CHECK_TIME(percentile(after_first, 1.0) < 1000);
        const double p95 = percentile(frames, 0.95);
        app.request_capture();
        app.frame();
        REQUIRE(app.write_png(screenshot("jatim_open.png")));
        return p95;
    };
    double best_p95 = 1e9;
    for (int attempt = 0; attempt < 3 && best_p95 >= 50; ++attempt) best_p95 = std::min(best_p95, open_once());
    CHECK_TIME(best_p95 < 50);
}

TEST_CASE("gui: Jawa Timur: placing a facility keeps frames short and the figures equal a fresh analyze", "[.jatim][gui][window]") {
    if (!have_data() || !display_available()) return;
    const fs::path project = jatim_project();
    const auto session = jatim_app();
    App& app = *session;
    Document& doc = app.doc();
    MapView& map = app.map();
    map.service = "puskesmas";
    app.frame();
    const auto before = doc.latest_analysis();
    REQUIRE(before);
    const ServiceCoverage* s = before->service("puskesmas");
    REQUIRE(s);
    REQUIRE(!s->gap_ranking.empty());

    // Where the planner goes: the desa with the most people out of reach, at a point inside it.
    const UnitMetrics& gap = s->desa[s->gap_ranking.front()];
    const AdminUnit* desa = nullptr;
    for (const auto& d : doc.project().desa)
        if (d.code == gap.code) desa = &d;
    REQUIRE(desa);
    GeosContext ctx;
    const Coord inside = ctx.point_on_surface(ctx.from(desa->geometry).get());
    map.zoom_to(desa->geometry.envelope(), 20000);
    app.frame();
    const Coord at = map.to_screen(inside);
    REQUIRE(map.camera.contains_screen(at.x, at.y));

    XPointer pointer(app);
    // Frame times are wall time on a machine other work may share: the best of up to three placements
    // (each a facility of its own) must keep p95 under 50 ms, as benchmarks take the best of runs.
    double best_p95 = 1e9;
    for (int attempt = 0; attempt < 3 && best_p95 >= 50; ++attempt) {
        map.tool = Tool::PlaceFacility;
        map.facility_template.type = "puskesmas";
        pointer.move(at.x + attempt, at.y, 3);  // the live what-if follows the pointer
        const std::size_t facilities = doc.project().facilities.size();
        const std::uint64_t revision = doc.revision();
        std::vector<double> frames;
        std::vector<std::uint64_t> shown;  // the revision of the figures each frame showed
        auto timed_frame = [&] {
            const auto f = Clock::now();
            app.frame();
            frames.push_back(ms_since(f));
            shown.push_back(doc.analysis_revision());
        };
        const auto t0 = Clock::now();
        pointer.button(true);
        timed_frame();
        pointer.button(false);
        timed_frame();
        // Its form (name, type, radius), confirmed with Enter.
        if (!app.ui().placing_facility) timed_frame();
        REQUIRE(app.ui().placing_facility);
        ImGui::GetIO().KeysDown[257 /* GLFW_KEY_ENTER */] = true;
        timed_frame();
        ImGui::GetIO().KeysDown[257] = false;
        timed_frame();
        REQUIRE(doc.project().facilities.size() == facilities + 1);
        CHECK(doc.revision() == revision + 1);
        CHECK_FALSE(doc.analysis_current());  // recomputed in the background, not in the click's frame
        while (ms_since(t0) < 600000) {
            timed_frame();
            if (doc.analysis_current() && map.shown_analysis() == doc.latest_analysis()) break;
        }
        const double until_ms = ms_since(t0);
        for (int i = 0; i < 3; ++i) timed_frame();
        REQUIRE(doc.analysis_current());
        std::string each;
        for (double f : frames) each += std::to_string(int(f)) + " ";
        INFO("frames (ms): " << each);
        INFO(frames.size() << " frames in " << until_ms / 1000 << " s: p95 " << percentile(frames, 0.95) << " ms, worst "
                           << percentile(frames, 1.0) << " ms");
        WARN("Jawa Timur place a facility: figures after " << until_ms / 1000 << " s, " << frames.size() << " frames, p95 "
                                                          << percentile(frames, 0.95) << " ms, worst " << percentile(frames, 1.0)
                                                          << " ms");
        best_p95 = std::min(best_p95, percentile(frames, 0.95));
        CHECK(std::is_sorted(shown.begin(), shown.end()));  // never back to older figures
    }
    CHECK_TIME(best_p95 < 50);
    app.request_capture();
    app.frame();
    REQUIRE(app.write_png(screenshot("jatim_placed.png")));

    // The shown figures against a fresh `petacerdas analyze` of the same project, saved.
    const std::shared_ptr<const AnalysisResult> now = doc.latest_analysis();
    const fs::path dir = project.parent_path(), saved = dir / "placed.gpkg", out = dir / "placed_analysis";
    doc.save_as(saved.string());
    REQUIRE(run(std::string("'") + PC_PETACERDAS + "' analyze '" + saved.string() + "' --out '" + out.string() +
                "' --no-save > '" + (dir / "analyze.log").string() + "' 2>&1") == 0);
    const ServiceCoverage* mine = now->service("puskesmas");
    REQUIRE(mine);
    CHECK(mine->district.covered_population > s->district.covered_population);
    std::size_t desa_compared = 0;
    for (const auto& row : read_csv(out / "metrics_district.csv")) {
        if (row.at("service") != "puskesmas") continue;
        CHECK(row.at("inputs_sha256") == now->provenance.inputs_sha256);  // the same project state
        CHECK(std::stod(row.at("covered_population")) == Approx(mine->district.covered_population).epsilon(1e-9));
        CHECK(std::stod(row.at("covered_km2")) == Approx(mine->district.covered_km2).epsilon(1e-9));
    }
    std::map<std::string, const UnitMetrics*> by_code;
    for (const auto& d : mine->desa) by_code[d.code] = &d;
    for (const auto& row : read_csv(out / "metrics_desa.csv")) {
        if (row.at("service") != "puskesmas") continue;
        const auto it = by_code.find(row.at("code"));
        REQUIRE(it != by_code.end());
        const double want = std::stod(row.at("covered_population"));
        if (std::abs(want - it->second->covered_population) > 1e-6 * std::max(1.0, want)) {
            FAIL_CHECK("desa " << row.at("code") << ": analyze " << want << ", window " << it->second->covered_population);
        }
        ++desa_compared;
    }
    CHECK(desa_compared == 8494);
}

TEST_CASE("gui: Jawa Timur: Identify on a desa keeps frames short while its window is open", "[.jatim][gui][window]") {
    if (!have_data() || !display_available()) return;
    const auto session = jatim_app();
    App& app = *session;
    Document& doc = app.doc();
    MapView& map = app.map();
    // The last desa of the province (the one a linear search reaches last), at a point inside it.
    const AdminUnit& desa = doc.project().desa.back();
    GeosContext ctx;
    const Coord inside = ctx.point_on_surface(ctx.from(desa.geometry).get());
    map.zoom_to(desa.geometry.envelope(), 20000);
    app.frame();
    Coord at = map.to_screen(inside);
    for (int k = 0; k < 20 && map.pick(at.x, at.y); ++k) at.x += 3;  // off any symbol
    REQUIRE(map.camera.contains_screen(at.x, at.y));
    XPointer pointer(app);
    map.tool = Tool::Identify;
    pointer.click(at.x, at.y);
    REQUIRE(app.ui().identify_open);
    std::vector<double> frames;
    for (int i = 0; i < 60; ++i) {
        const auto f = Clock::now();
        app.frame();
        frames.push_back(ms_since(f));
    }
    std::vector<TextRun> runs;
    for (const TextRun& r : screen_text())
        if (r.list.rfind("Identifikasi###Identify", 0) == 0) runs.push_back(r);
    INFO(screen_text_dump());
    CHECK(find_text(runs, "(" + desa.code + ")"));
    WARN("Jawa Timur identify: " << frames.size() << " frames with the window open, p95 " << percentile(frames, 0.95)
                                 << " ms, worst " << percentile(frames, 1.0) << " ms");
    CHECK_TIME(percentile(frames, 0.95) < 50);
}

TEST_CASE("gui: importing Jawa Timur's desa runs off the frame thread with progress, and Cancel drops it", "[.jatim][gui][window]") {
    if (!have_data() || !display_available()) return;
    const std::string source = (fs::path(PC_SHARED_DATA) / "jatim_desa.gpkg").string();
    const auto session = demo_app("jatim_import");
    App& app = *session;
    Document& doc = app.doc();
    FilePanels& fp = file_panels(app.ui());
    ImportDialog& dlg = fp.import;
    auto start = [&] {
        dlg.load(source);
        dlg.options.layer = "desa";
        dlg.options.target = ImportTarget::Zones;  // 8,494 polygons into the demo's zones
        dlg.refresh();
        REQUIRE(dlg.preview);
        dlg.open = true;
        fp.request_import_popup = true;
        app.frame();
        dlg.submit = true;
        app.frame();
        REQUIRE(dlg.busy());
        app.frame();
    };
    const std::size_t zones = doc.project().zones.size();

    // Imported: every frame short while the file is read, the progress shown from the first frame.
    start();
    {
        const auto runs = screen_text();
        INFO(screen_text_dump());
        CHECK(find_text(runs, "Mengimpor..."));
    }
    // Frames while the file is read, and the one that applies the command and shows the new layer.
    std::vector<double> frames;
    double apply_ms = 0;
    const auto t0 = Clock::now();
    while (dlg.busy() && ms_since(t0) < 300000) {
        const bool read = dlg.running.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
        const auto f = Clock::now();
        app.frame();
        (read ? apply_ms : frames.emplace_back()) = ms_since(f);
    }
    const double total_s = ms_since(t0) / 1000;
    const auto d0 = Clock::now();
    app.frame();
    const double next_ms = ms_since(d0);
    REQUIRE_FALSE(dlg.busy());
    INFO(dlg.error);
    REQUIRE(dlg.error.empty());
    // 8,494 desa, the data README's count.
    CHECK(doc.project().zones.size() == zones + 8494);
    std::string all;
    for (double f : frames) all += std::to_string(int(f)) + " ";
    INFO("frames while reading (ms): " << all);
    WARN("Jawa Timur import of 8,494 desa: " << total_s << " s; " << frames.size() << " frames while reading, p95 "
                                             << percentile(frames, 0.95) << " ms, worst " << percentile(frames, 1.0)
                                             << " ms; the frame that applies it " << apply_ms << " ms, the next " << next_ms << " ms");
    // The window kept drawing while the file was read (before, the read held the frame for its whole
    // length). Frame times here depend on the machine's load: a loaded 2-core box gave 100-130 ms
    // while reading (a worker takes one core), and 0.6-0.7 s for the frame that applies the command.
    CHECK(frames.size() >= 3);  // without the worker: none (the read held the frame that started it)
    CHECK_TIME(percentile(frames, 1.0) < 500);
    doc.undo();
    CHECK(doc.project().zones.size() == zones);

    // Cancelled: the dialog closes at once, and the document never gets the import.
    const std::uint64_t revision = doc.revision();
    start();
    const auto c0 = Clock::now();
    dlg.cancel();
    dlg.open = false;
    app.frame();
    CHECK_TIME(ms_since(c0) < 1000);
    CHECK_FALSE(dlg.busy());
    for (int i = 0; i < 100; ++i) app.frame();
    CHECK(doc.revision() == revision);
    CHECK(doc.project().zones.size() == zones);
}
