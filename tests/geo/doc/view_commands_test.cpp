// Commands on the saved views (slides), without a window: each applies and reverts exactly through
// the document's undo/redo, refuses what cannot be done, and keeps the analysis cache.
#include <catch2/catch.hpp>

#include <filesystem>

#include "geo/doc/document.h"
#include "geo/doc/view_commands.h"
#include "geo/io/project_file.h"

using namespace pc;

namespace {

Project tiny_project() {
    Project p;
    p.settings.name = "Views test";
    p.settings.district_code = "99.99";
    p.settings.district_name = "Kabupaten Uji";
    p.settings.facility_types = default_facility_types();
    AdminUnit d;
    d.id = new_uuid();
    d.level = AdminLevel::Desa;
    d.code = "99.99.01.2001";
    d.name = "Desa Uji";
    d.parent_code = "99.99.01";
    d.population = 1000;
    d.geometry = Geometry::rectangle(112.80, -7.75, 112.81, -7.74);
    p.desa.push_back(d);
    return p;
}

View named(const char* name, double lon) {
    View v = make_view(name);
    v.extent = Envelope{lon, -7.75, lon + 0.01, -7.74};
    return v;
}

std::vector<std::string> names(const Project& p) {
    std::vector<std::string> out;
    for (const auto& v : p.views) out.push_back(v.name);
    return out;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("views: add, update, rename, move, delete apply and undo exactly", "[doc][views]") {
    Document doc(tiny_project());
    const Project empty = doc.project();

    doc.execute(add_view(doc.project(), named("A", 112.80)));
    doc.execute(add_view(doc.project(), named("B", 112.81)));
    doc.execute(add_view(doc.project(), named("C", 112.82)));
    REQUIRE(names(doc.project()) == Names{"A", "B", "C"});
    const Project three = doc.project();
    const Uuid a = doc.project().views[0].id, b = doc.project().views[1].id, c = doc.project().views[2].id;
    CHECK(a != b);
    CHECK(is_uuid(a));

    SECTION("insert at a position") {
        doc.execute(add_view(doc.project(), named("Z", 113.0), 1));
        CHECK(names(doc.project()) == Names{"A", "Z", "B", "C"});
        doc.undo();
        CHECK(doc.project() == three);
    }
    SECTION("update keeps the id and position") {
        View nb = doc.project().views[1];
        nb.caption = "baru";
        nb.extent = Envelope{112.9, -7.8, 113.0, -7.7};
        nb.layers = {ViewLayer::Facilities};
        nb.scenario.mode = ScenarioMode::SideBySide;
        doc.execute(update_view(doc.project(), nb));
        CHECK(doc.project().views[1] == nb);
        CHECK(doc.undo_command()->label() == "Edit view 'B'");
        doc.undo();
        CHECK(doc.project() == three);
        doc.redo();
        CHECK(doc.project().views[1] == nb);
    }
    SECTION("rename") {
        doc.execute(rename_view(doc.project(), c, "Cakupan"));
        CHECK(names(doc.project()) == Names{"A", "B", "Cakupan"});
        CHECK(doc.project().views[2].extent.min_x == three.views[2].extent.min_x);
        doc.undo();
        CHECK(doc.project() == three);
    }
    SECTION("move up and down, and the ends refuse") {
        doc.execute(move_view_up(doc.project(), c));
        CHECK(names(doc.project()) == Names{"A", "C", "B"});
        doc.execute(move_view_up(doc.project(), c));
        CHECK(names(doc.project()) == Names{"C", "A", "B"});
        CHECK_THROWS_AS(move_view_up(doc.project(), c), std::out_of_range);
        CHECK_THROWS_AS(move_view_down(doc.project(), b), std::out_of_range);
        doc.execute(move_view_down(doc.project(), a));
        CHECK(names(doc.project()) == Names{"C", "B", "A"});
        doc.undo();
        doc.undo();
        CHECK(names(doc.project()) == Names{"A", "C", "B"});
        doc.undo();
        CHECK(doc.project() == three);
        doc.redo();
        doc.redo();
        doc.redo();
        CHECK(names(doc.project()) == Names{"C", "B", "A"});
    }
    SECTION("delete puts it back where it was") {
        doc.execute(delete_view(doc.project(), b));
        CHECK(names(doc.project()) == Names{"A", "C"});
        CHECK(find_view(doc.project().views, b) == -1);
        doc.undo();
        CHECK(doc.project() == three);
        CHECK(doc.project().views[1].id == b);
    }
    SECTION("unknown ids are refused") {
        CHECK_THROWS_AS(delete_view(doc.project(), new_uuid()), std::out_of_range);
        CHECK_THROWS_AS(rename_view(doc.project(), new_uuid(), "x"), std::out_of_range);
        View stranger = make_view("stranger");
        CHECK_THROWS_AS(update_view(doc.project(), stranger), std::out_of_range);
        CHECK_THROWS_AS(add_view(doc.project(), doc.project().views[0]), std::invalid_argument);
    }
    // Undo all the way: the project is what it was before any view.
    while (doc.can_undo()) doc.undo();
    CHECK(doc.project() == empty);
}

TEST_CASE("views: commands mark the document dirty, bump the views revision, keep the analysis", "[doc][views]") {
    Document doc(tiny_project());
    const auto& before = doc.analysis();
    const void* cached = &before;
    const auto rev_views = doc.layer_revision(DocLayer::Views), rev_desa = doc.layer_revision(DocLayer::Admin);
    CHECK_FALSE(doc.dirty());
    doc.execute(add_view(doc.project(), named("A", 112.80)));
    CHECK(doc.dirty());
    CHECK(doc.layer_revision(DocLayer::Views) > rev_views);
    CHECK(doc.layer_revision(DocLayer::Admin) == rev_desa);
    CHECK(doc.analysis_current());  // a slide changes no figure: no re-run
    CHECK(&doc.analysis() == cached);
    doc.undo();
    CHECK_FALSE(doc.dirty());
}

TEST_CASE("views: saved by the document and opened again", "[doc][views]") {
    const auto path = (std::filesystem::temp_directory_path() / "pc_view_commands_test.gpkg").string();
    {
        Document doc(tiny_project());
        doc.execute(add_view(doc.project(), named("A", 112.80)));
        doc.execute(add_view(doc.project(), named("B", 112.81)));
        doc.execute(move_view_up(doc.project(), doc.project().views[1].id));
        doc.save_as(path);
    }
    auto doc = Document::open(path);
    CHECK(names(doc->project()) == Names{"B", "A"});
    CHECK(doc->project().views[1].extent.min_x == 112.80);
    std::filesystem::remove(path);
}
