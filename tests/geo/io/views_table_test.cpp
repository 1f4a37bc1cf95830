// The `views` table of the project file: save -> load gives back the same views in the same order;
// the stored text is plain JSON a GIS user can read (checked through SQLite's own json functions);
// bad rows are refused naming the view and the field; files without the table load with no views.
#include <catch2/catch.hpp>

#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/io/project_file.h"
#include "io_test_util.h"

using namespace pc;
using pc::test::TempDir;

namespace {

std::vector<View> sample_views(const Project& p) {
    View a = make_view("Cakupan puskesmas 2025");
    a.caption = "Desa tanpa puskesmas dalam 3 km \xe2\x80\x94 prioritas";
    a.notes = "Sebut Kecamatan Satu dulu.\nLalu celah terbesar.";
    a.extent = Envelope{113.41234567890123, -7.1234567890123, 113.5148, -7.0210};
    a.layers = {ViewLayer::Choropleth, ViewLayer::KecamatanLines, ViewLayer::Labels};
    a.choropleth = {"puskesmas", ViewMetric::UncoveredPopulation, ViewClassMethod::EqualInterval, 7};
    a.highlight_units = {p.desa[0].code, p.kecamatan[1].code};
    a.highlight_initiatives = {p.initiatives[0].id};

    View b = make_view("Rencana vs kondisi awal");
    b.scenario.mode = ScenarioMode::Swipe;
    b.scenario.filter.years = {2025, 2026};
    b.scenario.filter.statuses = {Status::Rencana, Status::Berjalan};
    b.scenario.filter.pillars = {Pillar::Living, Pillar::Society};
    b.scenario.swipe_position = 0.375;
    b.scenario.gap_closed_drop_pct = 80;
    b.choropleth.method = ViewClassMethod::NaturalBreaks;
    b.layers.clear();  // nothing visible: still a valid slide

    View c = make_view("Dasbor pilar");
    c.kind = ViewKind::Dashboard;
    return {a, b, c};
}

void set_field(const std::string& path, const std::string& sql) {
    auto ds = open_vector(path, true);
    CPLErrorReset();
    ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
    REQUIRE(gdal_last_error().empty());
}

}  // namespace

TEST_CASE("views: save -> load gives back every view, in order", "[io][views]") {
    TempDir dir;
    Project p = test::sample_project();
    p.views = sample_views(p);
    const std::string path = dir / "p.gpkg";
    save_project(p, path);
    Project q = load_project(path);
    REQUIRE(q.views.size() == 3);
    CHECK(q.views == p.views);
    CHECK(q.views[0].extent.min_x == p.views[0].extent.min_x);  // doubles kept bit for bit
    CHECK(q.views[1].layers.empty());
    CHECK(q.views[2].kind == ViewKind::Dashboard);
    CHECK(q.views[2].extent.empty());
    CHECK(q == p);

    // Reordered and saved again: the file order follows.
    std::swap(p.views[0], p.views[2]);
    save_project(p, path);
    CHECK(load_project(path).views == p.views);
}

TEST_CASE("views: the table is readable JSON for other tools", "[io][views]") {
    TempDir dir;
    Project p = test::sample_project();
    p.views = sample_views(p);
    const std::string path = dir / "p.gpkg";
    save_project(p, path);
    // SQLite's JSON1 functions (not our reader) see the lists and the scenario.
    CHECK(test::sql_value(path, "SELECT json_extract(layers, '$[1]') FROM views WHERE position = 0") == "kecamatan_lines");
    CHECK(test::sql_value(path, "SELECT json_array_length(layers) FROM views WHERE position = 0") == "3");
    CHECK(test::sql_value(path, "SELECT json_extract(highlight_units, '$[1]') FROM views WHERE position = 0") == p.kecamatan[1].code);
    CHECK(test::sql_value(path, "SELECT json_extract(scenario, '$.mode') FROM views WHERE position = 1") == "swipe");
    CHECK(test::sql_value(path, "SELECT json_extract(scenario, '$.years[1]') FROM views WHERE position = 1") == "2026");
    CHECK(test::sql_value(path, "SELECT json_extract(scenario, '$.pillars[0]') FROM views WHERE position = 1") == "living");
    CHECK(test::sql_value(path, "SELECT name FROM views WHERE position = 2") == "Dasbor pilar");
    CHECK(test::sql_value(path, "SELECT count(*) FROM views WHERE min_lon IS NULL") == "2");
    // The GeoPackage knows these columns hold JSON (QGIS shows them as such).
    CHECK(test::sql_value(path, "SELECT mime_type FROM gpkg_data_columns WHERE table_name = 'views' AND column_name = 'scenario'") ==
          "application/json");
}

TEST_CASE("views: a project with none writes an empty table, a file without the table loads", "[io][views]") {
    TempDir dir;
    Project p = test::sample_project();
    const std::string path = dir / "p.gpkg";
    save_project(p, path);
    CHECK(test::sql_value(path, "SELECT count(*) FROM views") == "0");
    CHECK(load_project(path).views.empty());
    {
        auto ds = open_vector(path, true);
        for (int i = 0; i < ds->GetLayerCount(); ++i)
            if (std::string(ds->GetLayer(i)->GetName()) == "views") REQUIRE(ds->DeleteLayer(i) == OGRERR_NONE);
    }
    Project q = load_project(path);  // a file written before views existed
    CHECK(q.views.empty());
    CHECK(q == p);
}

TEST_CASE("views: bad rows are refused naming the view and the field", "[io][views]") {
    TempDir dir;
    Project p = test::sample_project();
    p.views = sample_views(p);
    const std::string path = dir / "p.gpkg";
    struct Case {
        const char* sql;
        const char* field;
        const char* says;
    } cases[] = {
        {"UPDATE views SET layers = '[\"choropleth\",\"rivers\"]' WHERE position = 0", "layers", "unknown value 'rivers'"},
        {"UPDATE views SET layers = 'choropleth' WHERE position = 0", "layers", "not a JSON array"},
        {"UPDATE views SET scenario = '{\"mode\":\"sideways\"}' WHERE position = 0", "scenario", "sideways"},
        {"UPDATE views SET scenario = '{\"mode\":\"plan\",\"statuses\":[\"dreamt\"]}' WHERE position = 0", "scenario", "dreamt"},
        {"UPDATE views SET uuid = 'abc' WHERE position = 0", "uuid", "not a UUID"},
        {"UPDATE views SET max_lat = NULL WHERE position = 0", "max_lat", "extent incomplete"},
        {"UPDATE views SET min_lon = 200 WHERE position = 0", "min_lon", "not a lon/lat box"},
        {"UPDATE views SET choropleth_metric = 'beauty' WHERE position = 0", "choropleth_metric", "beauty"},
        {"UPDATE views SET kind = 'movie' WHERE position = 0", "kind", "movie"},
    };
    for (const auto& c : cases) {
        save_project(p, path);
        set_field(path, c.sql);
        INFO(c.sql);
        try {
            load_project(path);
            FAIL("accepted");
        } catch (const InputError& e) {
            CHECK(e.where().layer == "views");
            CHECK(e.where().field == c.field);
            CHECK_THAT(e.where().feature, Catch::Contains("Cakupan puskesmas 2025"));
            CHECK_THAT(std::string(e.what()), Catch::Contains(c.says));
        }
    }
}

TEST_CASE("views: a suggestion slide keeps its parameters, older files read with the defaults", "[io][views][suggest]") {
    TempDir dir;
    Project p = test::sample_project();
    p.views = sample_views(p);
    View s = make_view("Lima BTS lagi");
    s.kind = ViewKind::Suggestion;
    s.suggestion.service = "bts";
    s.suggestion.count = 7;
    s.suggestion.budget_rp = 2'500'000'000;
    s.suggestion.cost_per_site_rp = 450'000'000;
    s.suggestion.radius_m = 1234.5;
    s.suggestion.within = "KPPN-1";
    s.suggestion.candidates = "grid:750";
    p.views.push_back(s);
    const std::string path = dir / "p.gpkg";
    save_project(p, path);
    Project q = load_project(path);
    REQUIRE(q.views.size() == 4);
    CHECK(q.views == p.views);
    CHECK(q.views[3].kind == ViewKind::Suggestion);
    CHECK(q.views[3].suggestion == s.suggestion);
    CHECK(q.views[3].suggestion.radius_m == 1234.5);
    // Plain JSON for other tools (SQLite's own json functions).
    CHECK(test::sql_value(path, "SELECT kind FROM views WHERE position = 3") == "suggestion");
    CHECK(test::sql_value(path, "SELECT json_extract(suggestion, '$.budget_rp') FROM views WHERE position = 3") == "2500000000");
    CHECK(test::sql_value(path, "SELECT json_extract(suggestion, '$.candidates') FROM views WHERE position = 3") == "grid:750");
    CHECK(test::sql_value(path, "SELECT json_extract(suggestion, '$.within') FROM views WHERE position = 3") == "KPPN-1");

    // A file written before suggestion slides: no `suggestion` column; its views read with the defaults.
    p.views.pop_back();
    save_project(p, path);
    set_field(path, "ALTER TABLE views DROP COLUMN suggestion");
    REQUIRE(test::sql_value(path, "SELECT count(*) FROM pragma_table_info('views') WHERE name = 'suggestion'") == "0");
    Project old = load_project(path);
    CHECK(old.views == p.views);
    CHECK(old.views[0].suggestion == ViewSuggestion{});
}

TEST_CASE("views: bad suggestion parameters are refused naming the view and the field", "[io][views][suggest]") {
    TempDir dir;
    Project p = test::sample_project();
    p.views = sample_views(p);
    const std::string path = dir / "p.gpkg";
    for (const char* json : {"{\"count\":0}", "{\"count\":2.5}", "{\"candidates\":\"grid:-5\"}", "{\"candidates\":\"hexagons\"}",
                             "{\"radius_m\":-1}", "{\"service\":3}", "[1]"}) {
        save_project(p, path);
        set_field(path, std::string("UPDATE views SET suggestion = '") + json + "' WHERE position = 0");
        INFO(json);
        try {
            load_project(path);
            FAIL("accepted");
        } catch (const InputError& e) {
            CHECK(e.where().layer == "views");
            CHECK(e.where().field == "suggestion");
            CHECK_THAT(e.where().feature, Catch::Contains("Cakupan puskesmas 2025"));
        }
    }
}
