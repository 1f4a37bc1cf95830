// The shared plan in the map application, on a real PostgreSQL (scripts/pg-cluster.sh run sets
// PC_PG_URI) and with real pointer events: File > Open shared plan checks out and opens a working
// copy; a sync whose field another planner changed shows both values side by side and sends
// nothing until the planner picks; a change the database refuses is shown in its words and nothing
// is lost; the History window lists the feature's versions. Hidden from the main GUI run
// ([.sharedplan]): ctest runs it under pg-cluster.sh. Skipped without a server or a display.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "app.h"
#include "geo/io/project_file.h"
#include "geo/plan/history.h"
#include "geo/plan/plan.h"
#include "geo/plan/sync.h"
#include "render/i18n.h"
#include "skip.h"
#include "panel_shared_plan.h"
#include "panels.h"
#include "window_test.h"
#include "x_pointer.h"

using namespace pc;
using namespace pc::gui;
using namespace pc::gui::test;
using pc::gui::testing::XPointer;
namespace fs = std::filesystem;

namespace {

std::string uri_as(const std::string& base, const std::string& user, const std::string& schema) {
    std::string u = base;
    const auto start = u.find("://") + 3;
    const auto at = u.find('@', start);
    if (at != std::string::npos && at < u.find('/', start)) u.erase(start, at - start + 1);
    u.insert(start, user + "@");
    return u + (u.find('?') == std::string::npos ? "?" : "&") + "schema=" + schema;
}

// Frames until the shared-plan job is done and what it opens is open.
void settle(App& app) {
    for (int i = 0; i < 600; ++i) {
        app.frame();
        if (!shared_plan_busy(app.ui()) && app.ui().open_path.empty()) {
            app.frame();
            REQUIRE(app.settle());  // what it opens is read off the frame thread
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    FAIL("the shared plan's job did not finish");
}

Initiative initiative(const Project& p, const std::string& id) {
    for (const Initiative& i : p.initiatives)
        if (i.id == id) return i;
    FAIL("no initiative " << id);
    return {};
}

std::string first_of(const Project& p, const std::string& opd) {
    for (const Initiative& i : p.initiatives)
        if (i.opd == opd && i.geometry.kind == GeometryKind::Point) return i.id;
    FAIL("no initiative of " << opd);
    return {};
}

}  // namespace

TEST_CASE("gui: open a shared plan, a conflict picked side by side, a refusal shown, history (real pointer, PostgreSQL)",
          "[.sharedplan]") {
    const char* server = std::getenv("PC_PG_URI");
    if (!server) return pc::test::skip("no PostgreSQL (PC_PG_URI unset): run under scripts/pg-cluster.sh run");
    if (!display_available()) return pc::test::skip("no X display");
    use_fresh_demo("shared_plan");
    App app(AppOptions{});
    REQUIRE(app.settle());  // the project is read off the frame thread
    XPointer ptr(app);
    REQUIRE(XPointer::available());
    ptr.move(5, 500, 2);
    const fs::path dir = fs::path(app.doc().path()).parent_path();

    // The demo published as a plan; two planners of Dinkes (login roles made with psql).
    const std::string schema = "gui_" + std::to_string(::getpid());
    const std::string admin = uri_as(server, "petacerdas", schema);
    plan::publish_project(app.doc().path(), plan::parse_plan_uri(admin));
    const std::string roles = "CREATE ROLE " + schema + "_ani LOGIN; CREATE ROLE " + schema + "_adi LOGIN";
    REQUIRE(std::system(("psql -q '" + plan::parse_plan_uri(admin).conninfo + "' -c '" + roles + "'").c_str()) == 0);
    plan::grant_plan_role(plan::parse_plan_uri(admin), schema + "_ani", "Dinkes");
    plan::grant_plan_role(plan::parse_plan_uri(admin), schema + "_adi", "Dinkes");

    // File > Open shared plan: the address and the working copy typed, Open clicked.
    SharedPlanPanels& sp = shared_plan_panels(app.ui());
    sp.uri_input = uri_as(server, schema + "_ani", schema);
    sp.working_copy_input = (dir / "ani.gpkg").string();
    sp.request_open_dialog = true;
    app.frame();
    app.frame();
    app.request_capture();
    app.frame();
    app.write_png(screenshot("shared_plan_open.png"));
    ptr.click(sp.open_button.x, sp.open_button.y);
    settle(app);
    REQUIRE(app.doc().path() == (dir / "ani.gpkg").string());
    const std::string x = first_of(app.doc().project(), "Dinkes");
    const std::string other = first_of(app.doc().project(), "Diskominfo");

    // Another Dinkes planner changes the budget of x and syncs first.
    const std::string adi = (dir / "adi.gpkg").string();
    plan::checkout(plan::parse_plan_uri(uri_as(server, schema + "_adi", schema)), adi);
    {
        Project p = load_project(adi);
        for (Initiative& i : p.initiatives)
            if (i.id == x) i.budget_rp = 500000000;
        save_project(p, adi);
    }
    REQUIRE(plan::sync(adi).committed);

    // Here the same budget is changed differently, and synced: the conflict window, nothing sent.
    {
        Initiative mine = initiative(app.doc().project(), x);
        mine.budget_rp = 900000000;
        app.doc().execute(update_initiative(app.doc().project(), mine));
    }
    start_sync(app.doc(), app.ui());
    settle(app);
    REQUIRE(sp.show_conflicts);
    REQUIRE(sp.conflicts.size() == 1);
    REQUIRE(sp.conflicts[0].fields.size() == 1);
    CHECK(sp.conflicts[0].fields[0].field == "budget_rp");
    CHECK(sp.conflicts[0].fields[0].mine == "900000000");
    CHECK(sp.conflicts[0].fields[0].theirs == "500000000");
    CHECK(sp.conflicts[0].theirs_by == schema + "_adi");
    app.request_capture();
    app.frame();
    app.write_png(screenshot("shared_plan_conflict.png"));
    CHECK(initiative(load_project(admin), x).budget_rp == 500000000);

    // The planner clicks "theirs", then "Sync with these picks".
    REQUIRE(sp.theirs_radio.size() == 1);
    ptr.click(sp.theirs_radio[0].x, sp.theirs_radio[0].y);
    CHECK_FALSE(sp.pick_mine[0][0]);
    ptr.click(sp.sync_picks_button.x, sp.sync_picks_button.y);
    settle(app);
    CHECK_FALSE(sp.show_conflicts);
    CHECK(initiative(app.doc().project(), x).budget_rp == 500000000);  // the working copy was read again
    CHECK(plan::local_changes(app.doc().path()).empty());

    // A Diskominfo initiative changed by a Dinkes planner: the database's refusal, in its words.
    {
        Initiative theirs = initiative(app.doc().project(), other);
        theirs.name = "Diubah oleh Dinkes";
        app.doc().execute(update_initiative(app.doc().project(), theirs));
    }
    start_sync(app.doc(), app.ui());
    settle(app);
    CHECK_THAT(sp.error, Catch::Contains("refused") && Catch::Contains("may not change initiative") &&
                             Catch::Contains("OPD Diskominfo"));
    app.request_capture();
    app.frame();
    app.write_png(screenshot("shared_plan_refused.png"));
    ptr.click(sp.error_ok_button.x, sp.error_ok_button.y);
    CHECK(initiative(load_project(app.doc().path()), other).name == "Diubah oleh Dinkes");  // kept here
    CHECK(initiative(load_project(admin), other).name != "Diubah oleh Dinkes");

    // History of x: published, changed by adi.
    app.doc().select(FeatureRef{DocLayer::Initiatives, x});
    app.frame();
    app.request_capture();
    app.frame();
    app.write_png(screenshot("shared_plan_before_history.png"));
    INFO("History button at " << sp.history_button.x << ", " << sp.history_button.y << "; error: " << sp.error);
    REQUIRE(sp.history_button.x > 0);
    ptr.click(sp.history_button.x, sp.history_button.y);
    settle(app);
    REQUIRE(sp.show_history);
    REQUIRE(sp.history.size() == 2);
    CHECK(sp.history[1].changed_by == schema + "_adi");
    CHECK(sp.history[1].opd == "Dinkes");
    app.request_capture();
    app.frame();
    app.write_png(screenshot("shared_plan_history.png"));

    // Opening the plan again into the same working copy opens it as it is: the edit not yet synced
    // (the refused one) stays; a file that is no working copy of the plan is never written over.
    sp.show_history = false;
    sp.request_open_dialog = true;
    app.frame();
    app.frame();
    ptr.click(sp.open_button.x, sp.open_button.y);
    settle(app);
    CHECK(app.doc().path() == (dir / "ani.gpkg").string());
    CHECK(initiative(app.doc().project(), other).name == "Diubah oleh Dinkes");
    const std::string demo_bytes = (dir / "demo.gpkg").string();
    const auto size_before = fs::file_size(demo_bytes);
    sp.working_copy_input = demo_bytes;
    sp.request_open_dialog = true;
    app.frame();
    app.frame();
    ptr.click(sp.open_button.x, sp.open_button.y);
    settle(app);
    CHECK_THAT(sp.error, Catch::Contains(tr("exists and is not a working copy of this plan: choose another file")));
    CHECK(fs::file_size(demo_bytes) == size_before);
    CHECK(app.doc().path() == (dir / "ani.gpkg").string());
}
