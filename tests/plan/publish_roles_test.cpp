// Publishing a project and the roles of a plan, checked on the real server.
#include <algorithm>

#include "geo/analysis/engine.h"
#include "geo/io/project_file.h"
#include "plan_env.h"

using namespace pc;
using namespace pc::test;

namespace {

template <class T>
std::vector<T> sorted_by_id(std::vector<T> v) {
    std::sort(v.begin(), v.end(), [](const T& a, const T& b) { return a.id < b.id; });
    return v;
}

// The SQLSTATE of a statement run as `user`, "" when it succeeded.
std::string refusal(const std::string& user, const std::string& sql, std::string* message = nullptr) {
    plan::PgConnection c = connect_as(user);
    try {
        c.exec(sql);
        return "";
    } catch (const plan::ServerError& e) {
        if (message) *message = e.what();
        return e.sqlstate();
    }
}

}  // namespace

TEST_CASE("publish: the plan reads back as the project file, and analyze gives the same numbers", "[plan]") {
    PublishedPlan plan("pub");
    const Project file = load_project(plan.project);
    const Project server = load_project(plan.admin_uri());  // as every command reads a plan
    CHECK(server.settings == file.settings);
    CHECK(server.desa == file.desa);
    CHECK(server.kecamatan == file.kecamatan);
    CHECK(sorted_by_id(server.facilities) == sorted_by_id(file.facilities));
    CHECK(sorted_by_id(server.initiatives) == sorted_by_id(file.initiatives));
    CHECK(server.zones == file.zones);
    CHECK(server.population_grid == file.population_grid);

    // Every row was recorded as version 1 by the publisher, at revision 1.
    CHECK(count_rows(plan, "plan_history") == count_rows(plan, "plan_history", "version = 1 AND op = 'insert' AND revision = 1"));
    CHECK(count_rows(plan, "plan_history", "layer = 'initiatives'") == std::int64_t(file.initiatives.size()));
    // QGIS finds a default style for each spatial table in public.layer_styles.
    plan::PgConnection c = connect_as("petacerdas");
    plan::PgResult styles = c.exec("SELECT f_table_name FROM public.layer_styles WHERE f_table_schema = $1 AND useasdefault "
                                   "AND styleqml IS NOT NULL ORDER BY 1",
                                   {plan.schema});
    std::vector<std::string> styled;
    for (int i = 0; i < styles.rows(); ++i) styled.push_back(styles.text(i, 0));
    for (const char* t : {"desa", "kecamatan", "initiatives", "facilities", "zones"})
        CHECK(std::count(styled.begin(), styled.end(), t) == 1);

    // The analysis of the plan is the analysis of the file.
    const AnalysisResult a = CoverageEngine(file).run(file);
    const AnalysisResult b = CoverageEngine(server).run(server);
    CHECK(a.provenance.inputs_sha256 == b.provenance.inputs_sha256);
    REQUIRE(a.services.size() == b.services.size());
    for (std::size_t i = 0; i < a.services.size(); ++i) {
        CHECK(a.services[i].service == b.services[i].service);
        CHECK(a.services[i].district.covered_population == b.services[i].district.covered_population);
        CHECK(a.services[i].district.covered_km2 == b.services[i].district.covered_km2);
    }
}

TEST_CASE("publish: a schema that holds a plan is refused without --replace; nothing half-published", "[plan]") {
    PublishedPlan plan("again");
    CHECK_THROWS_WITH(plan::publish_project(plan.project, plan.admin()), Catch::Contains("already"));
    const std::int64_t rev = server_revision(plan);
    plan::PublishOptions replace;
    replace.replace = true;
    plan::publish_project(plan.project, plan.admin(), replace);
    CHECK(server_revision(plan) == 1);
    CHECK(rev == 1);
}

TEST_CASE("roles: the database itself refuses what a role may not do", "[plan]") {
    PublishedPlan plan("roles");
    // Login roles (people) made members of the plan's group roles.
    plan.login("ani", "Dinkes");
    plan.login("budi", "Diskominfo");
    plan.login("bob", "coordinator");
    plan.login("vera", "viewer");
    plan.login("nobody", "viewer");
    {
        plan::PgConnection c = connect_as("petacerdas");
        c.exec("REVOKE " + c.ident(plan.schema + "_viewer") + " FROM " + c.ident(plan.schema + "_nobody"));
    }
    const std::string s = "\"" + plan.schema + "\"";
    const std::string own = plan.initiative_of("Dinkes"), other = plan.initiative_of("Diskominfo");
    const std::string dinkes = plan.schema + "_ani", kominfo = plan.schema + "_budi", bappeda = plan.schema + "_bob",
                      viewer = plan.schema + "_vera", nobody = plan.schema + "_nobody";

    // An OPD changes its own initiatives ...
    CHECK(refusal(dinkes, "UPDATE " + s + ".initiatives SET budget_rp = 1 WHERE uuid = '" + own + "'") == "");
    // ... and neither another OPD's, nor hands its own to another, nor adds one for another.
    std::string msg;
    CHECK(refusal(dinkes, "UPDATE " + s + ".initiatives SET budget_rp = 1 WHERE uuid = '" + other + "'", &msg) == "42501");
    CHECK_THAT(msg, Catch::Contains("(OPD Dinkes) may not change initiative") && Catch::Contains("of OPD Diskominfo"));
    CHECK(refusal(dinkes, "DELETE FROM " + s + ".initiatives WHERE uuid = '" + other + "'") == "42501");
    CHECK(refusal(dinkes, "UPDATE " + s + ".initiatives SET opd = 'Diskominfo' WHERE uuid = '" + own + "'") == "42501");
    CHECK(refusal(dinkes, "INSERT INTO " + s + ".initiatives (uuid, name, opd) VALUES ('x1', 'x', 'Diskominfo')") == "42501");
    CHECK(refusal(dinkes, "INSERT INTO " + s + ".initiatives (uuid, name, opd) VALUES ('x2', 'x', 'Dinkes')") == "");
    // Boundaries, population, facilities and settings are the coordinator's.
    for (const char* sql : {"UPDATE @.desa SET population = 1", "UPDATE @.kecamatan SET name = 'x'",
                            "DELETE FROM @.facilities", "UPDATE @.settings SET value = 'x'",
                            "INSERT INTO @.zones (uuid, name) VALUES ('z', 'z')"}) {
        std::string q = sql;
        q.replace(q.find('@'), 1, s);
        CHECK(refusal(kominfo, q) == "42501");
        CHECK(refusal(viewer, q) == "42501");
    }
    CHECK(refusal(bappeda, "UPDATE " + s + ".desa SET population = population + 1") == "");
    CHECK(refusal(bappeda, "UPDATE " + s + ".initiatives SET budget_rp = 7 WHERE uuid = '" + other + "'") == "");
    // The viewer reads, and changes nothing; a role of no plan does not even read.
    CHECK(refusal(viewer, "SELECT count(*) FROM " + s + ".initiatives") == "");
    CHECK(refusal(viewer, "UPDATE " + s + ".initiatives SET budget_rp = 1 WHERE uuid = '" + own + "'") == "42501");
    CHECK(refusal(nobody, "SELECT count(*) FROM " + s + ".initiatives") == "42501");
    // The history cannot be rewritten by a role (not even the coordinator's).
    CHECK(refusal(bappeda, "DELETE FROM " + s + ".plan_history") == "42501");
    CHECK(refusal(dinkes, "UPDATE " + s + ".plan_meta SET revision = 0") == "42501");

    CHECK(server_value(plan, own, "budget_rp") == FieldValue(std::int64_t(1)));
    CHECK(server_value(plan, other, "budget_rp") == FieldValue(std::int64_t(7)));

    const plan::PlanSession who = plan::plan_session(plan::parse_plan_uri(uri_as(dinkes, plan.schema)));
    CHECK(who.kind == plan::RoleKind::Opd);
    CHECK(who.opd == "Dinkes");
    CHECK(who.may_edit("Dinkes"));
    CHECK_FALSE(who.may_edit("Diskominfo"));
}

TEST_CASE("analyze on a plan: the coordinator writes the metrics (also after the owner did), an OPD may not", "[plan]") {
    PublishedPlan plan("metrics");
    const std::string bob = plan.login("bob", "coordinator"), ani = plan.login("ani", "Dinkes");
    const Project p = load_project(plan.admin_uri());
    const AnalysisResult result = CoverageEngine(p).run(p);
    SaveOptions metrics_only;
    metrics_only.metrics_only = true;
    save_project(p, plan.admin_uri(), &result, metrics_only);  // the owner first
    save_project(p, bob, &result, metrics_only);               // then a coordinator replaces the tables
    CHECK_THROWS_AS(save_project(p, ani, &result, metrics_only), plan::Refused);
    CHECK_THROWS_AS(save_project(p, bob), InputError);  // a plan is never saved over as a whole
    plan::PgConnection c = connect_as("petacerdas");
    const ServiceCoverage* puskesmas = result.service("puskesmas");
    REQUIRE(puskesmas != nullptr);
    plan::PgResult r = c.exec("SELECT covered_population FROM \"" + plan.schema + "\".metrics_district WHERE service = 'puskesmas'");
    REQUIRE(r.rows() == 1);
    CHECK(r.real(0, 0) == Approx(puskesmas->district.covered_population).epsilon(1e-12));
    CHECK(c.exec("SELECT tableowner FROM pg_tables WHERE schemaname = $1 AND tablename = 'metrics_district'", {plan.schema})
              .text(0, 0) == plan.schema + "_bappeda");
}
