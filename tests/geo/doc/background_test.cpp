// The document's background work without a window: figures, engines and writes come back through
// poll() and are always of one state (the newest asked for, never an older one after it), edits made
// while an engine is being built reach it, saves and autosaves write the state of their call, and
// failures come back as what they are.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>
#include <unistd.h>

#include "doc/document_worker.h"
#include "doc_test_util.h"
#include "geo/analysis/engine.h"
#include "geo/demo/demo.h"
#include "geo/doc/document.h"
#include "geo/doc/document_load.h"
#include "geo/io/project_file.h"

using namespace pc;
namespace fs = std::filesystem;

namespace {

using doc_test::demo;

fs::path fresh_dir(const std::string& tag) { return doc_test::fresh_dir("background_" + tag); }

Initiative tower(double lon, double lat, double radius = 1500) {
    Initiative in;
    in.id = new_uuid();
    in.name = "Menara";
    in.pillar = Pillar::Society;
    in.radius_m = radius;
    in.geometry = Geometry::point(lon, lat);
    return in;
}

// A point inside the demo district, the k-th of a small grid around its centre.
Coord spot(int k) {
    Envelope all;
    for (const auto& d : demo().desa) all.expand(d.geometry.envelope());
    return {all.centre().x + 0.01 * (k % 5 - 2), all.centre().y + 0.01 * (k / 5 - 2)};
}

void same_coverage(const AnalysisResult& a, const AnalysisResult& b) {
    REQUIRE(a.services.size() == b.services.size());
    for (const auto& sa : a.services) {
        const ServiceCoverage* sb = b.service(sa.service);
        REQUIRE(sb);
        INFO("service " << sa.service);
        CHECK(sa.district.covered_population == Approx(sb->district.covered_population).margin(1e-6));
        CHECK(sa.district.covered_km2 == Approx(sb->district.covered_km2).margin(1e-9));
        REQUIRE(sa.desa.size() == sb->desa.size());
        for (std::size_t i = 0; i < sa.desa.size(); ++i) {
            CHECK(sa.desa[i].covered_population == Approx(sb->desa[i].covered_population).margin(1e-6));
        }
    }
}

// Polls until `done` or 60 s; false on time out.
template <class Done>
bool poll_until(Document& doc, Done done) {
    const auto t0 = std::chrono::steady_clock::now();
    while (!done()) {
        if (std::chrono::steady_clock::now() - t0 > std::chrono::seconds(60)) return false;
        doc.poll();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

}  // namespace

TEST_CASE("doc background: the worker's copy of every layer is the project", "[doc][background]") {
    // A layer the copy forgets (a new field of Project) would make the worker analyse another project.
    Project copy;
    copy_layers(demo(), copy, kAllLayers);
    CHECK(copy == demo());
    Project some;
    copy_layers(demo(), some, 1u << unsigned(DocLayer::Facilities));
    CHECK(some.facilities == demo().facilities);
    CHECK(some.desa.empty());
    CHECK(some.initiatives.empty());
}

TEST_CASE("doc background: figures arrive through poll, of the newest state, never older after newer", "[doc][background]") {
    Document doc(demo());
    CHECK(doc.latest_analysis() == nullptr);
    CHECK_FALSE(doc.analysis_current());
    doc.request_analysis();
    std::vector<std::uint64_t> seen;
    // Edits while the figures are being computed: each makes the work in progress stale.
    for (int k = 0; k < 6; ++k) {
        doc.execute(add_initiative(tower(spot(k).x, spot(k).y)));
        doc.request_analysis();
        doc.poll();
        seen.push_back(doc.analysis_revision());
        std::this_thread::sleep_for(std::chrono::milliseconds(3 * k));
    }
    REQUIRE(poll_until(doc, [&] {
        seen.push_back(doc.analysis_revision());
        return doc.analysis_current();
    }));
    CHECK(std::is_sorted(seen.begin(), seen.end()));
    CHECK(doc.analysis_revision() == doc.revision());
    CoverageEngine fresh(doc.project(), doc.options());
    same_coverage(*doc.latest_analysis(), fresh.run(doc.project()));
    CHECK(doc.latest_analysis()->initiatives.count == demo().initiatives.size() + 6);
}

TEST_CASE("doc background: an engine built while edits are made follows them", "[doc][background][engine]") {
    // The edits land before, during or after the build (the delay varies): whichever, the engine
    // taken in must equal a fresh one on the edited project.
    for (int delay_ms : {0, 2, 5, 10, 20, 40}) {
        INFO("edits " << delay_ms << " ms after asking for the engine");
        Document doc(demo());
        doc.request_engine();
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
        std::vector<Uuid> ids;
        for (int k = 0; k < 4; ++k) {
            Initiative t = tower(spot(k + 7).x, spot(k + 7).y, 1200);
            ids.push_back(t.id);
            doc.execute(add_initiative(t));
        }
        doc.execute(move_initiative(doc.project(), ids[0], 0.004, -0.003));
        doc.undo();
        doc.execute(delete_initiative(doc.project(), ids[1]));
        REQUIRE(poll_until(doc, [&] { return doc.engine_ready(); }));
        CoverageEngine fresh(doc.project(), doc.options());
        same_coverage(doc.engine().run(doc.project()), fresh.run(doc.project()));
        // And it answers what-if like the fresh one.
        const Initiative probe = tower(spot(3).x, spot(3).y, 2000);
        const WhatIfResult w = doc.what_if_add(probe);
        const WhatIfResult want = fresh.what_if(FeatureChange{std::nullopt, service_feature(probe)});
        CHECK(w.district.covered_population_delta == Approx(want.district.covered_population_delta).margin(1e-6));
    }
}

TEST_CASE("doc background: a save writes the state of its call, edits after it stay unsaved", "[doc][background][save]") {
    const fs::path dir = fresh_dir("save");
    const std::string path = (dir / "plan.gpkg").string();
    Document doc(demo());
    doc.execute(add_initiative(tower(spot(1).x, spot(1).y)));
    const Project at_save = doc.project();
    doc.save_as_async(path);
    CHECK(doc.path().empty());  // until it is written
    const Initiative later = tower(spot(2).x, spot(2).y);
    doc.execute(add_initiative(later));
    doc.finish_work();
    CHECK(doc.path() == path);
    CHECK(load_project(path) == at_save);
    CHECK(doc.dirty());  // the later edit is not in the file
    const auto notices = doc.take_notices();
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].kind == WorkKind::Save);
    CHECK(notices[0].ok);
    CHECK(notices[0].path == path);
    doc.undo();
    CHECK_FALSE(doc.dirty());  // back at what the file holds
    // A failed save says why, and the document stays dirty.
    doc.execute(add_initiative(later));
    doc.save_as_async((dir / "no_such_folder" / "x.gpkg").string());
    doc.finish_work();
    const auto failed = doc.take_notices();
    REQUIRE(failed.size() == 1);
    CHECK_FALSE(failed[0].ok);
    CHECK_FALSE(failed[0].error.empty());
    CHECK(doc.dirty());
    CHECK(doc.path() == path);
    CHECK_THROWS(doc.save_as((dir / "no_such_folder" / "x.gpkg").string()));  // the blocking form throws
    fs::remove_all(dir);
}

TEST_CASE("doc background: an autosave writes the state of its tick, in the background", "[doc][background][autosave]") {
    const fs::path dir = fresh_dir("autosave");
    const std::string path = (dir / "plan.gpkg").string();
    save_project(demo(), path);
    auto doc = Document::open(path);
    doc->set_autosave_interval(10);
    CHECK_FALSE(doc->tick(0));
    doc->execute(add_initiative(tower(spot(4).x, spot(4).y)));
    const Project at_tick = doc->project();
    CHECK(doc->tick(20));
    doc->execute(add_initiative(tower(spot(5).x, spot(5).y)));  // after the tick: not in this autosave
    doc->finish_work();
    CHECK(load_project(doc->autosave_path()) == at_tick);
    const auto notices = doc->take_notices();
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].kind == WorkKind::Autosave);
    CHECK(notices[0].ok);
    fs::remove_all(dir);
}

TEST_CASE("doc background: figures that cannot be computed say why, once", "[doc][background]") {
    Document doc(Project{});  // no desa: nothing to measure
    doc.request_analysis();
    REQUIRE(poll_until(doc, [&] { return !doc.analysis_error().empty(); }));
    CHECK(doc.latest_analysis() == nullptr);
    CHECK_THROWS(doc.analysis());
    CHECK(doc.work_status().kind == WorkKind::Idle);  // not retried for the same state
}

TEST_CASE("doc background: a load hands over its document, its error or its cancellation", "[doc][background][load]") {
    const fs::path dir = fresh_dir("load");
    const std::string path = (dir / "plan.gpkg").string();
    save_project(demo(), path);
    {
        DocumentLoad load(path, [path](const WorkControl& c) {
            c.report(0, "reading");
            return Document::open(path);
        });
        for (int i = 0; i < 6000 && !load.done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        REQUIRE(load.done());
        auto doc = load.take();
        REQUIRE(doc);
        CHECK(doc->project() == load_project(path));
    }
    {
        DocumentLoad load((dir / "missing.gpkg").string(), [&](const WorkControl&) { return Document::open((dir / "missing.gpkg").string()); });
        for (int i = 0; i < 6000 && !load.done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        CHECK_THROWS_AS(load.take(), InputError);
    }
    {
        std::atomic<bool> started{false};
        DocumentLoad load(path, [&](const WorkControl& c) -> std::unique_ptr<Document> {
            started = true;
            for (;;) {  // a reader that checks for cancellation as it goes
                c.check();
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
        });
        while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        CHECK(load.status().kind == WorkKind::Load);
        load.cancel();
        for (int i = 0; i < 6000 && !load.done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        CHECK_THROWS_AS(load.take(), Cancelled);
    }
    fs::remove_all(dir);
}
