// History of a plan: who, which OPD, when, before and after, for every change (sync or direct SQL);
// export as CSV; restoring an earlier version.
#include <fstream>

#include "geo/plan/history.h"
#include "plan_env.h"

using namespace pc;
using namespace pc::test;

TEST_CASE("history: every change recorded with who, OPD, before and after; a version can be restored", "[plan]") {
    PublishedPlan plan("hist");
    const std::string dinkes = plan.login("ani", "Dinkes");
    const std::string kominfo = plan.login("budi", "Diskominfo");
    const std::string coordinator = plan.login("bob", "coordinator");
    const std::string x = plan.initiative_of("Dinkes");
    const plan::FeatureKey key{"initiatives", x};
    const FieldValue published = server_value(plan, x, "budget_rp");
    const FieldValue published_status = server_value(plan, x, "status");
    REQUIRE(published_status != FieldValue(std::string("selesai")));

    const std::string wc = plan.dir / "ani.gpkg";
    plan::checkout(plan::parse_plan_uri(dinkes), wc);
    WorkingCopyEdit(wc).set(x, "budget_rp", FieldValue(std::int64_t(777)));
    const plan::SyncResult s = plan::sync(wc);
    REQUIRE(s.committed);
    {
        // A direct edit, as QGIS connected to the database makes it, is recorded as well.
        plan::PgConnection c = connect_as(plan.schema + "_bob");
        c.exec("UPDATE \"" + plan.schema + "\".initiatives SET status = 'selesai', geom = ST_SetSRID(ST_MakePoint(112.5, -7.5), 4326) WHERE uuid = $1", {x});
    }
    const auto h = plan::feature_history(plan.admin(), key);
    REQUIRE(h.size() == 3);
    CHECK(h[0].version == 1);
    CHECK(h[0].op == "insert");
    CHECK(h[0].changed_by == "petacerdas");
    CHECK(h[1].version == 2);
    CHECK(h[1].op == "update");
    CHECK(h[1].changed_by == plan.schema + "_ani");
    CHECK(h[1].opd == "Dinkes");
    CHECK(h[1].change_set == s.change_set);
    CHECK(h[1].changed_fields == std::vector<std::string>{"budget_rp"});
    CHECK_THAT(h[1].before, Catch::Contains("\"budget_rp\": " + std::to_string(std::get<std::int64_t>(published))));
    CHECK_THAT(h[1].after, Catch::Contains("\"budget_rp\": 777"));
    CHECK(h[1].changed_at.size() == 24);  // 2026-01-02T03:04:05.678Z
    CHECK(h[2].changed_by == plan.schema + "_bob");
    CHECK(h[2].opd == "Bappeda");
    CHECK(h[2].changed_fields == std::vector<std::string>{"status", "geom"});
    CHECK(h[2].after_wkt == "POINT(112.5 -7.5)");
    CHECK(h[2].change_set.empty());

    // Exported: a header and one row per change of the plan.
    const auto all = plan::plan_history(plan.admin());
    const std::string csv = plan.dir / "history.csv";
    plan::write_history_csv(all, csv);
    std::ifstream in(csv);
    std::string line;
    std::size_t lines = 0;
    std::getline(in, line);
    CHECK(line.rfind("revision,changed_at,changed_by,opd,layer,key,version,op", 0) == 0);
    while (std::getline(in, line)) lines += line.find(x) != std::string::npos;
    CHECK(lines == 3);
    CHECK(plan::plan_history(plan.admin(), s.revision).size() == 1);  // only the direct edit after the sync

    // Another OPD may not restore a Dinkes initiative; the coordinator may.
    CHECK_THROWS_AS(plan::restore_version(plan::parse_plan_uri(kominfo), key, 1), plan::Refused);
    const std::int64_t v = plan::restore_version(plan::parse_plan_uri(coordinator), key, 1);
    CHECK(v == 4);
    CHECK(server_value(plan, x, "budget_rp") == published);
    CHECK(server_value(plan, x, "status") == published_status);
    const auto after = plan::feature_history(plan.admin(), key);
    REQUIRE(after.size() == 4);
    CHECK(after[3].after_wkt == after[0].after_wkt);

    // A deleted feature comes back.
    {
        plan::PgConnection c = connect_as(plan.schema + "_bob");
        c.exec("DELETE FROM \"" + plan.schema + "\".initiatives WHERE uuid = $1", {x});
    }
    CHECK(count_rows(plan, "initiatives", "uuid = '" + x + "'") == 0);
    CHECK(plan::restore_version(plan::parse_plan_uri(coordinator), key, 2) == 6);
    CHECK(server_value(plan, x, "budget_rp") == FieldValue(std::int64_t(777)));
}
