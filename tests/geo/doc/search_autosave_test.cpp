// Search by name/code, autosave on a fake clock, and crash recovery — without a window, on the demo.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include <unistd.h>

#include "doc_test_util.h"
#include "geo/demo/demo.h"
#include "geo/doc/document.h"
#include "geo/doc/search.h"
#include "geo/io/project_file.h"

using namespace pc;
namespace fs = std::filesystem;

namespace {

using doc_test::demo;
using doc_test::fresh_dir;

// The demo as the project file gives it back (what an opened document holds).
const Project& demo_as_saved() {
    static const Project p = [] {
        const fs::path f = fs::temp_directory_path() / ("pc_doc_demo_" + std::to_string(::getpid()) + ".gpkg");
        save_project(demo(), f.string());
        Project q = load_project(f.string());
        fs::remove(f);
        return q;
    }();
    return p;
}

bool same_envelope(const Envelope& a, const Envelope& b) {
    return a.min_x == b.min_x && a.min_y == b.min_y && a.max_x == b.max_x && a.max_y == b.max_y;
}

}  // namespace

TEST_CASE("search: folding ignores case and Latin accents", "[doc][search]") {
    CHECK(fold_for_search("SUMBERÉJO") == "sumberejo");
    CHECK(fold_for_search("Ñgàwî Çörê") == "ngawi core");
    CHECK(fold_for_search("Łódź Świętą") == "lodz swieta");
    CHECK(fold_for_search("35.14.24") == "35.14.24");
    CHECK(fold_for_search("km²") == "km²");  // no base letter: kept
}

TEST_CASE("search: finds demo kecamatan and desa by name and code, any case, any accent", "[doc][search]") {
    const Project& p = demo();
    REQUIRE(!p.kecamatan.empty());
    REQUIRE(!p.desa.empty());
    const AdminUnit& kec = p.kecamatan.front();

    // Exact name, in upper case: the kecamatan is the first hit, an exact match, with its envelope.
    std::string upper = kec.name;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    auto hits = search_project(p, upper);
    REQUIRE(!hits.empty());
    CHECK(hits[0].kind == SearchKind::Kecamatan);
    CHECK(hits[0].id == kec.id);
    CHECK(hits[0].code == kec.code);
    CHECK(hits[0].label == kec.name);
    CHECK(hits[0].match == SearchMatch::Exact);
    CHECK(same_envelope(hits[0].envelope, kec.geometry.envelope()));

    // The same name with an accent on its first vowel still finds it exactly.
    std::string accented = kec.name;
    if (auto pos = accented.find_first_of("aeiou"); pos != std::string::npos) {
        const char* acc = accented[pos] == 'a' ? "á" : accented[pos] == 'e' ? "é" : accented[pos] == 'i' ? "í" : accented[pos] == 'o' ? "ó" : "ú";
        accented.replace(pos, 1, acc);
        hits = search_project(p, accented);
        REQUIRE(!hits.empty());
        CHECK(hits[0].id == kec.id);
        CHECK(hits[0].match == SearchMatch::Exact);
    }

    // A desa by its full Kemendagri code.
    const AdminUnit& desa = p.desa[p.desa.size() / 2];
    hits = search_project(p, desa.code);
    REQUIRE(!hits.empty());
    CHECK(hits[0].kind == SearchKind::Desa);
    CHECK(hits[0].id == desa.id);
    CHECK(hits[0].match == SearchMatch::Exact);
    CHECK(same_envelope(hits[0].envelope, desa.geometry.envelope()));

    // The kecamatan code is a prefix of the codes of its desa: the kecamatan first, its desa after.
    hits = search_project(p, kec.code, 1000);
    REQUIRE(!hits.empty());
    CHECK(hits[0].id == kec.id);
    std::size_t kec_desa = 0;
    for (const auto& d : p.desa) kec_desa += d.code.rfind(kec.code + ".", 0) == 0;
    std::size_t found_desa = 0;
    for (const auto& h : hits) found_desa += h.kind == SearchKind::Desa && h.code.rfind(kec.code + ".", 0) == 0;
    CHECK(found_desa == kec_desa);
    CHECK(search_project(p, "").empty());
    CHECK(search_project(p, "zzqqxx-nowhere").empty());
}

TEST_CASE("search: ranks exact, then prefix, then substring, finds facilities and initiatives", "[doc][search]") {
    Project p = demo();
    Facility f;
    f.id = "fac-test";
    f.type = "puskesmas";
    f.name = "Puskesmas Tanjungsari";
    f.geometry = Geometry::point(112.9, -7.7);
    p.facilities.push_back(f);
    Initiative a;
    a.id = "ini-prefix";
    a.name = "Tanjungsari Smart Kampung";
    a.geometry = Geometry::point(112.91, -7.71);
    p.initiatives.push_back(a);
    Initiative b;
    b.id = "ini-exact";
    b.name = "TANJUNGSARÍ";
    b.geometry = Geometry::point(112.92, -7.72);
    p.initiatives.push_back(b);

    auto hits = search_project(p, "tanjungsari", 1000);
    // Demo names may also contain the word; ours must be ranked by how they match.
    auto pos = [&](const std::string& id) {
        for (std::size_t i = 0; i < hits.size(); ++i)
            if (hits[i].id == id) return long(i);
        return -1L;
    };
    REQUIRE(pos("ini-exact") >= 0);
    REQUIRE(pos("ini-prefix") >= 0);
    REQUIRE(pos("fac-test") >= 0);
    CHECK(hits[std::size_t(pos("ini-exact"))].match == SearchMatch::Exact);
    CHECK(hits[std::size_t(pos("ini-prefix"))].match == SearchMatch::Prefix);
    CHECK(hits[std::size_t(pos("fac-test"))].match == SearchMatch::Substring);
    CHECK(pos("ini-exact") < pos("ini-prefix"));
    CHECK(pos("ini-prefix") < pos("fac-test"));
    CHECK(hits[std::size_t(pos("fac-test"))].kind == SearchKind::Facility);
    CHECK(hits[std::size_t(pos("ini-prefix"))].kind == SearchKind::Initiative);
    const Envelope e = hits[std::size_t(pos("fac-test"))].envelope;
    CHECK(e.min_x == 112.9);
    CHECK(e.max_y == -7.7);
    for (std::size_t i = 1; i < hits.size(); ++i) CHECK(hits[i - 1].match <= hits[i].match);
    // Every hit really holds the words; the limit is kept.
    for (const auto& h : hits) CHECK(fold_for_search(h.label + " " + h.code).find("tanjungsari") != std::string::npos);
    CHECK(search_project(p, "tanjungsari", 2).size() == 2);
    // Demo initiatives are found too (by their own name).
    REQUIRE(!demo().initiatives.empty());
    hits = search_project(demo(), demo().initiatives.front().name);
    REQUIRE(!hits.empty());
    CHECK(hits[0].kind == SearchKind::Initiative);
    CHECK(hits[0].id == demo().initiatives.front().id);
}

TEST_CASE("autosave: tick writes only when dirty and due, never over the project", "[doc][autosave]") {
    const fs::path dir = fresh_dir("autosave");
    const std::string path = (dir / "plan.gpkg").string();
    save_project(demo(), path);
    const auto project_time = fs::last_write_time(path);
    auto doc = Document::open(path);
    doc->set_autosave_interval(120);
    const std::string autosave = doc->autosave_path();
    CHECK(autosave == path + ".autosave.gpkg");

    CHECK_FALSE(doc->tick(1000));  // first tick: the clock starts
    CHECK_FALSE(doc->tick(1200));  // due but clean
    CHECK_FALSE(fs::exists(autosave));

    Initiative in;
    in.id = new_uuid();
    in.name = "Autosave test";
    in.geometry = Geometry::point(112.9, -7.7);
    doc->execute(add_initiative(in));
    REQUIRE(doc->dirty());
    CHECK(doc->tick(1300));  // dirty and 300 s since the first tick: written in the background
    doc->finish_work();
    REQUIRE(fs::exists(autosave));
    CHECK(load_project(autosave) == doc->project());
    CHECK(load_project(path) == demo_as_saved());  // the project file is untouched
    CHECK(fs::last_write_time(path) == project_time);

    // Another edit: not due until 120 s after the last autosave.
    doc->execute(move_initiative(doc->project(), in.id, 0.001, 0.0));
    CHECK_FALSE(doc->tick(1350));
    CHECK_FALSE(doc->tick(1419));
    CHECK(doc->tick(1420));
    doc->finish_work();
    CHECK(load_project(autosave) == doc->project());
    CHECK_FALSE(doc->tick(1600));  // nothing new since

    // Recovery: the autosave is newer than the project.
    auto found = Document::recoverable_autosave(path);
    REQUIRE(found);
    CHECK(*found == autosave);
    auto recovered = Document::recover(path, *found);
    CHECK(recovered->path() == path);
    CHECK(recovered->dirty());
    CHECK(recovered->project() == doc->project());

    // Saving removes the autosave; nothing to recover afterwards.
    doc->save();
    CHECK_FALSE(fs::exists(autosave));
    CHECK_FALSE(Document::recoverable_autosave(path));
    CHECK(load_project(path) == doc->project());
    fs::remove_all(dir);
}

TEST_CASE("autosave: an older autosave is not offered, untitled documents use their own path", "[doc][autosave]") {
    const fs::path dir = fresh_dir("recover");
    const std::string path = (dir / "plan.gpkg").string();
    save_project(demo(), path + ".autosave.gpkg");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    save_project(demo(), path);
    // Make the order certain on coarse file systems.
    fs::last_write_time(path + ".autosave.gpkg", fs::last_write_time(path) - std::chrono::seconds(10));
    CHECK_FALSE(Document::recoverable_autosave(path));
    CHECK_FALSE(Document::recoverable_autosave((dir / "none.gpkg").string()));

    Document untitled(demo_as_saved());
    CHECK(untitled.autosave_path().empty());
    Initiative in;
    in.id = new_uuid();
    in.name = "Untitled edit";
    in.geometry = Geometry::point(112.9, -7.7);
    untitled.execute(add_initiative(in));
    untitled.set_autosave_interval(10);
    CHECK_FALSE(untitled.tick(0));
    CHECK_FALSE(untitled.tick(20));  // nowhere to write
    const std::string target = (dir / "untitled.autosave.gpkg").string();
    untitled.set_untitled_autosave_path(target);
    CHECK(untitled.tick(40));
    untitled.finish_work();
    CHECK(load_project(target) == untitled.project());
    // Undoing back to the saved state drops the autosave at the next tick.
    untitled.undo();
    CHECK_FALSE(untitled.dirty());
    CHECK_FALSE(untitled.tick(60));
    CHECK_FALSE(fs::exists(target));
    fs::remove_all(dir);
}
