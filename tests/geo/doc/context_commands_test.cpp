// Commands on the context layers, through the document's undo/redo: each applies and reverts
// exactly, refuses what cannot be done, changes no figure, and the document saves what it shows.
#include <catch2/catch.hpp>

#include <filesystem>

#include "doc_test_util.h"
#include "geo/doc/context_commands.h"
#include "geo/doc/document.h"
#include "geo/io/project_file.h"

using namespace pc;

namespace {

ContextLayer layer_of(const char* name, ContextKind kind, std::size_t features) {
    ContextLayer l;
    l.name = name;
    l.kind = kind;
    l.fields = {"remark"};
    auto fs = std::make_shared<std::vector<ContextFeature>>();
    for (std::size_t i = 0; i < features; ++i) {
        ContextFeature f;
        const double x = 112.80 + 0.001 * double(i);
        f.geometry = kind == ContextKind::Point ? Geometry::point(x, -7.745) : Geometry::line({{x, -7.75}, {x, -7.74}});
        f.values = {std::string(i % 2 ? "Jalan Lokal" : "Jalan Kolektor")};
        fs->push_back(std::move(f));
    }
    l.features = fs;
    apply_default_style(l);
    return l;
}

using Names = std::vector<std::string>;
Names names(const Project& p) {
    Names out;
    for (auto& l : p.context_layers) out.push_back(l.name + (l.visible ? "" : " (hidden)"));
    return out;
}

}  // namespace

TEST_CASE("context layers: add, remove, restyle, hide and reorder are undoable steps", "[doc][context]") {
    Document doc(doc_test::demo());
    const Project empty = doc.project();
    doc.execute(add_context_layer(doc.project(), layer_of("Jalan", ContextKind::Line, 4)));
    doc.execute(add_context_layer(doc.project(), layer_of("Puskesmas", ContextKind::Point, 3)));
    const Project two = doc.project();
    REQUIRE(names(two) == Names{"Jalan", "Puskesmas"});
    CHECK_FALSE(two.context_layers[0].id.empty());
    const Uuid jalan = two.context_layers[0].id, pkm = two.context_layers[1].id;

    SECTION("remove puts it back where it was, features and all") {
        doc.execute(remove_context_layer(doc.project(), jalan));
        CHECK(names(doc.project()) == Names{"Puskesmas"});
        doc.undo();
        CHECK(doc.project() == two);
        CHECK(doc.project().context_layers[0].feature_count() == 4);
        doc.redo();
        CHECK(names(doc.project()) == Names{"Puskesmas"});
    }
    SECTION("hide, restyle and reorder") {
        doc.execute(set_context_layer_visible(doc.project(), jalan, false));
        CHECK(names(doc.project()) == Names{"Jalan (hidden)", "Puskesmas"});
        ContextLayer restyled = doc.project().context_layers[1];
        restyled.style.fill = 0x00ff00ffu;
        restyled.style.size_px = 14;
        restyled.features.reset();  // the command keeps the features the layer has
        doc.execute(update_context_layer(doc.project(), restyled));
        CHECK(doc.project().context_layers[1].style.size_px == 14);
        CHECK(doc.project().context_layers[1].feature_count() == 3);
        doc.execute(move_context_layer_up(doc.project(), jalan));
        CHECK(names(doc.project()) == Names{"Puskesmas", "Jalan (hidden)"});
        CHECK_THROWS_AS(move_context_layer_up(doc.project(), jalan), std::out_of_range);
        doc.execute(move_context_layer_down(doc.project(), jalan));
        CHECK(names(doc.project()) == Names{"Jalan (hidden)", "Puskesmas"});
        doc.undo();
        doc.undo();
        doc.undo();
        doc.undo();
        CHECK(doc.project() == two);
        CHECK(doc.project().context_layers[1].style.size_px != 14);
    }
    SECTION("unknown ids are refused") {
        CHECK_THROWS_AS(remove_context_layer(doc.project(), new_uuid()), std::out_of_range);
        CHECK_THROWS_AS(set_context_layer_visible(doc.project(), new_uuid(), false), std::out_of_range);
        CHECK_THROWS_AS(move_context_layer_down(doc.project(), jalan), std::out_of_range);  // first already
        CHECK_THROWS_AS(add_context_layer(doc.project(), doc.project().context_layers[0]), std::invalid_argument);
    }
    while (doc.can_undo()) doc.undo();
    CHECK(doc.project() == empty);
    CHECK(doc.project().context_layers.empty());
    (void)pkm;
}

TEST_CASE("context layers: commands bump their layer's revision and keep the figures", "[doc][context]") {
    Document doc(doc_test::demo());
    const auto& before = doc.analysis();
    const auto rev = doc.layer_revision(DocLayer::Context), rev_admin = doc.layer_revision(DocLayer::Admin);
    doc.execute(add_context_layer(doc.project(), layer_of("Jalan", ContextKind::Line, 2)));
    CHECK(doc.dirty());
    CHECK(doc.layer_revision(DocLayer::Context) > rev);
    CHECK(doc.layer_revision(DocLayer::Admin) == rev_admin);
    CHECK(doc.analysis_current());  // reference data changes no figure
    CHECK(&doc.analysis() == &before);
    CHECK(doc.undo_command()->label() == "Add context layer 'Jalan'");
}

TEST_CASE("context layers: the document saves them in the background and opens them again", "[doc][context]") {
    const auto dir = doc_test::fresh_dir("context");
    const std::string path = (dir / "konteks.gpkg").string();
    Project shown;
    {
        Document doc(doc_test::demo());
        doc.execute(add_context_layer(doc.project(), layer_of("Jalan", ContextKind::Line, 5)));
        doc.execute(add_context_layer(doc.project(), layer_of("Puskesmas", ContextKind::Point, 2)));
        doc.execute(set_context_layer_visible(doc.project(), doc.project().context_layers[1].id, false));
        doc.save_as_async(path);  // the worker's copy of the project is what is written
        doc.finish_work();
        shown = doc.project();
    }
    auto back = Document::open(path);
    CHECK(back->project().context_layers == shown.context_layers);
    std::filesystem::remove_all(dir);
}
