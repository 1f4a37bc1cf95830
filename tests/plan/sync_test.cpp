// Working copies and sync against the real server: silent merges, conflicts shown and picked,
// refusals, offline adds/moves/deletes, and a client killed mid-sync.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "geo/io/project_file.h"
#include "geo/plan/history.h"
#include "plan_env.h"

using namespace pc;
using namespace pc::test;

namespace {

const FieldValue I(std::int64_t v) { return FieldValue(v); }
const FieldValue T(const char* v) { return FieldValue(std::string(v)); }

std::string checkout_to(const PublishedPlan& plan, const std::string& uri, const std::string& name) {
    const std::string path = plan.dir / name;
    plan::checkout(plan::parse_plan_uri(uri), path);
    return path;
}

}  // namespace

TEST_CASE("sync: edits of different features and different fields of one feature merge silently", "[plan]") {
    PublishedPlan plan("merge");
    const std::string ani = checkout_to(plan, plan.login("ani", "Dinkes"), "ani.gpkg");
    const std::string adi = checkout_to(plan, plan.login("adi", "Dinkes"), "adi.gpkg");
    const std::string x = plan.initiative_of("Dinkes", 0), y = plan.initiative_of("Dinkes", 1);
    const FieldValue x_name = server_value(plan, x, "name");

    WorkingCopyEdit(ani).set(x, "budget_rp", I(1111));
    {
        WorkingCopyEdit e(adi);
        e.set(x, "status", T("selesai"));
        e.set(y, "name", T("Puskesmas Keliling"));
    }
    CHECK(plan::local_changes(ani).size() == 1);
    CHECK(plan::local_changes(adi).size() == 2);

    const plan::SyncResult first = plan::sync(ani);
    CHECK(first.committed);
    CHECK(first.updated == 1);
    const plan::SyncResult second = plan::sync(adi);
    CHECK(second.conflicts.empty());
    CHECK(second.updated == 2);
    // The server has all three edits; the other fields are as published.
    CHECK(server_value(plan, x, "budget_rp") == I(1111));
    CHECK(server_value(plan, x, "status") == T("selesai"));
    CHECK(server_value(plan, x, "name") == x_name);
    CHECK(server_value(plan, y, "name") == T("Puskesmas Keliling"));
    // adi brought ani's edit in; ani brings adi's with the next sync.
    CHECK(WorkingCopyEdit(adi).get(x, "budget_rp") == I(1111));
    const plan::SyncResult third = plan::sync(ani);
    CHECK_FALSE(third.committed);
    CHECK(third.revision == server_revision(plan));
    {
        WorkingCopyEdit e(ani);
        CHECK(e.get(x, "status") == T("selesai"));
        CHECK(e.get(y, "name") == T("Puskesmas Keliling"));
    }
    CHECK(plan::local_changes(ani).empty());
    // Both copies now read as the plan does.
    const Project server = load_project(plan.admin_uri());
    for (const std::string& wc : {ani, adi}) {
        Project local = load_project(wc);
        auto by_id = [](const Initiative& a, const Initiative& b) { return a.id < b.id; };
        std::vector<Initiative> l = local.initiatives, s = server.initiatives;
        std::sort(l.begin(), l.end(), by_id);
        std::sort(s.begin(), s.end(), by_id);
        CHECK(l == s);
    }
}

TEST_CASE("sync: the same field changed on both sides is a conflict; nothing is sent until the planner picks", "[plan]") {
    PublishedPlan plan("conflict");
    const std::string ani = checkout_to(plan, plan.login("ani", "Dinkes"), "ani.gpkg");
    const std::string adi = checkout_to(plan, plan.login("adi", "Dinkes"), "adi.gpkg");
    const std::string x = plan.initiative_of("Dinkes", 0), y = plan.initiative_of("Dinkes", 1);
    const FieldValue base = server_value(plan, x, "budget_rp");

    WorkingCopyEdit(ani).set(x, "budget_rp", I(500));
    REQUIRE(plan::sync(ani).committed);
    {
        WorkingCopyEdit e(adi);
        e.set(x, "budget_rp", I(900));
        e.set(y, "budget_rp", I(42));  // not in conflict, but held back with the rest
    }
    const std::int64_t rev = server_revision(plan);
    const plan::SyncResult r = plan::sync(adi);
    REQUIRE(r.conflicts.size() == 1);
    const plan::Conflict& k = r.conflicts[0];
    CHECK(k.feature == plan::FeatureKey{"initiatives", x});
    CHECK(k.kind == plan::Conflict::Kind::Fields);
    REQUIRE(k.fields.size() == 1);
    CHECK(k.fields[0].field == "budget_rp");
    CHECK(k.fields[0].base == std::to_string(std::get<std::int64_t>(base)));
    CHECK(k.fields[0].mine == "900");
    CHECK(k.fields[0].theirs == "500");
    CHECK(k.theirs_by == plan.schema + "_ani");
    CHECK(k.theirs_opd == "Dinkes");
    CHECK_FALSE(r.committed);
    CHECK(server_revision(plan) == rev);                  // nothing was written
    CHECK(server_value(plan, y, "budget_rp") != I(42));
    CHECK(WorkingCopyEdit(adi).get(x, "budget_rp") == I(900));  // and nothing of the planner's lost

    SECTION("picking theirs keeps the server's value and sends the rest") {
        plan::SyncOptions o;
        o.resolutions.push_back({k.feature, "budget_rp", plan::Side::Theirs, k.theirs_version});
        const plan::SyncResult done = plan::sync(adi, o);
        CHECK(done.committed);
        CHECK(server_value(plan, x, "budget_rp") == I(500));
        CHECK(server_value(plan, y, "budget_rp") == I(42));
        CHECK(WorkingCopyEdit(adi).get(x, "budget_rp") == I(500));
    }
    SECTION("picking mine writes the planner's value") {
        plan::SyncOptions o;
        o.resolutions.push_back({k.feature, "budget_rp", plan::Side::Mine, k.theirs_version});
        CHECK(plan::sync(adi, o).committed);
        CHECK(server_value(plan, x, "budget_rp") == I(900));
        const auto history = plan::feature_history(plan.admin(), k.feature);
        REQUIRE(history.size() == 3);
        CHECK(history[2].changed_by == plan.schema + "_adi");
    }
    SECTION("a pick made against an older server version is shown again") {
        WorkingCopyEdit(ani).set(x, "budget_rp", I(700));
        REQUIRE(plan::sync(ani).committed);
        plan::SyncOptions o;
        o.resolutions.push_back({k.feature, "budget_rp", plan::Side::Mine, k.theirs_version});
        const plan::SyncResult again = plan::sync(adi, o);
        REQUIRE(again.conflicts.size() == 1);
        CHECK(again.conflicts[0].fields[0].theirs == "700");
        CHECK(server_value(plan, x, "budget_rp") == I(700));
    }
}

TEST_CASE("sync: changed here and deleted on the server is a conflict too", "[plan]") {
    PublishedPlan plan("deleted");
    const std::string ani = checkout_to(plan, plan.login("ani", "Dinkes"), "ani.gpkg");
    const std::string adi = checkout_to(plan, plan.login("adi", "Dinkes"), "adi.gpkg");
    const std::string x = plan.initiative_of("Dinkes", 0);
    WorkingCopyEdit(ani).remove(x);
    REQUIRE(plan::sync(ani).deleted == 1);
    CHECK(count_rows(plan, "initiatives", "uuid = '" + x + "'") == 0);
    WorkingCopyEdit(adi).set(x, "name", T("Tetap"));
    const plan::SyncResult r = plan::sync(adi);
    REQUIRE(r.conflicts.size() == 1);
    CHECK(r.conflicts[0].kind == plan::Conflict::Kind::EditedDeleted);
    plan::SyncOptions keep;
    keep.resolutions.push_back({r.conflicts[0].feature, "", plan::Side::Mine, r.conflicts[0].theirs_version});
    REQUIRE(plan::sync(adi, keep).committed);
    CHECK(server_value(plan, x, "name") == T("Tetap"));  // back, as the planner chose
}

TEST_CASE("sync: offline adds, moves and deletes reach the plan and the other copies", "[plan]") {
    PublishedPlan plan("offline");
    const std::string ani = checkout_to(plan, plan.login("ani", "Dinkes"), "ani.gpkg");
    const std::string bob = checkout_to(plan, plan.login("bob", "coordinator"), "bob.gpkg");
    const std::string moved = plan.initiative_of("Dinkes", 0), gone = plan.initiative_of("Dinkes", 1);
    {
        WorkingCopyEdit e(ani);
        e.add("11111111-2222-4333-8444-555555555555", "Posyandu Digital", "Dinkes", 112.75, -7.62, 250000000);
        e.move(moved, 112.7, -7.6);
        e.remove(gone);
    }
    const plan::SyncResult r = plan::sync(ani);
    CHECK(r.inserted == 1);
    CHECK(r.updated == 1);
    CHECK(r.deleted == 1);
    plan::PgConnection c = connect_as("petacerdas");
    plan::PgResult g = c.exec("SELECT ST_X(geom), ST_Y(geom) FROM \"" + plan.schema + "\".initiatives WHERE uuid = $1", {moved});
    REQUIRE(g.rows() == 1);
    CHECK(g.real(0, 0) == 112.7);
    CHECK(g.real(0, 1) == -7.6);
    CHECK(server_value(plan, "11111111-2222-4333-8444-555555555555", "budget_rp") == I(250000000));

    const plan::SyncResult b = plan::sync(bob);
    CHECK(b.pulled == 2);
    CHECK(b.removed == 1);
    Project p = load_project(bob);
    auto find = [&](const std::string& id) {
        return std::find_if(p.initiatives.begin(), p.initiatives.end(), [&](const Initiative& i) { return i.id == id; });
    };
    REQUIRE(find("11111111-2222-4333-8444-555555555555") != p.initiatives.end());
    CHECK(find("11111111-2222-4333-8444-555555555555")->name == "Posyandu Digital");
    REQUIRE(find(moved) != p.initiatives.end());
    CHECK(find(moved)->geometry.points == std::vector<Coord>{{112.7, -7.6}});
    CHECK(find(gone) == p.initiatives.end());
}

TEST_CASE("sync: a refused change names role and feature, and nothing of the change set is written", "[plan]") {
    PublishedPlan plan("refused");
    const std::string ani = checkout_to(plan, plan.login("ani", "Dinkes"), "ani.gpkg");
    const std::string own = plan.initiative_of("Dinkes"), other = plan.initiative_of("Diskominfo");
    {
        WorkingCopyEdit e(ani);
        e.set(own, "budget_rp", I(3));
        e.set(other, "budget_rp", I(4));
    }
    const std::int64_t rev = server_revision(plan);
    try {
        plan::sync(ani);
        FAIL("the sync was not refused");
    } catch (const plan::Refused& e) {
        CHECK_THAT(std::string(e.what()), Catch::Contains("may not change initiative") && Catch::Contains(other) &&
                                              Catch::Contains("OPD Diskominfo") && Catch::Contains(plan.schema + "_ani"));
    }
    CHECK(server_revision(plan) == rev);
    CHECK(server_value(plan, own, "budget_rp") != I(3));
    CHECK(WorkingCopyEdit(ani).get(own, "budget_rp") == I(3));  // kept for the planner
}

TEST_CASE("sync: a client killed mid-sync leaves no partial change set; syncing again loses and repeats nothing", "[plan]") {
    PublishedPlan plan("killed");
    const std::string ani = checkout_to(plan, plan.login("ani", "Dinkes"), "ani.gpkg");
    const std::string x = plan.initiative_of("Dinkes", 0), y = plan.initiative_of("Dinkes", 1);
    {
        WorkingCopyEdit e(ani);
        e.set(x, "budget_rp", I(10));
        e.set(y, "budget_rp", I(20));
    }
    const std::int64_t rev = server_revision(plan);
    const std::int64_t history = count_rows(plan, "plan_history");

    // Killed after every write, before COMMIT: the server rolls the whole change set back.
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        plan::SyncOptions o;
        o.before_commit = [](const plan::ChangeSetLog& log) {
            if (log.writes.size() == 2) raise(SIGKILL);
        };
        try {
            plan::sync(ani, o);
        } catch (...) {
        }
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGKILL);
    CHECK(server_revision(plan) == rev);
    CHECK(count_rows(plan, "plan_history") == history);
    CHECK(count_rows(plan, "plan_change_sets") == 0);
    CHECK(server_value(plan, x, "budget_rp") != I(10));

    // Killed after the server's COMMIT but before the working copy's: its SQLite transaction rolls
    // back, as this copy of the file before the sync shows. Syncing again finds the change set.
    const std::string before = plan.dir / "before.gpkg";
    std::filesystem::copy_file(ani, before);
    const plan::SyncResult once = plan::sync(ani);
    CHECK(once.committed);
    std::filesystem::copy_file(before, ani, std::filesystem::copy_options::overwrite_existing);
    const plan::SyncResult again = plan::sync(ani);
    CHECK(again.already_applied);
    CHECK_FALSE(again.committed);
    CHECK(again.change_set == once.change_set);
    CHECK(count_rows(plan, "plan_change_sets") == 1);
    CHECK(count_rows(plan, "plan_history", "revision > " + std::to_string(rev)) == 2);
    CHECK(server_value(plan, x, "budget_rp") == I(10));
    CHECK(server_value(plan, y, "budget_rp") == I(20));
    CHECK(plan::local_changes(ani).empty());
}

TEST_CASE("sync: a working copy saved by the application shows only the planner's edits as changes", "[plan]") {
    PublishedPlan plan("appsave");
    const std::string ani = checkout_to(plan, plan.login("ani", "Dinkes"), "ani.gpkg");
    Project p = load_project(ani);
    save_project(p, ani);  // a full save, as the application's (new file, renamed over)
    CHECK(plan::local_changes(ani).empty());
    CHECK(plan::working_copy_info(ani).has_value());  // the plan's tables survive the save
    const std::string x = plan.initiative_of("Dinkes");
    for (Initiative& i : p.initiatives)
        if (i.id == x) i.budget_rp = 4242;
    save_project(p, ani);
    const auto changed = plan::local_changes(ani);
    REQUIRE(changed.size() == 1);
    CHECK(changed[0] == plan::FeatureKey{"initiatives", x});
    const plan::SyncResult r = plan::sync(ani);
    CHECK(r.updated == 1);
    CHECK(server_value(plan, x, "budget_rp") == I(4242));
    // Only the budget was written: the history shows one changed field.
    const auto h = plan::feature_history(plan.admin(), {"initiatives", x});
    REQUIRE(h.size() == 2);
    CHECK(h[1].changed_fields == std::vector<std::string>{"budget_rp"});
}
