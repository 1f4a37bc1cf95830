// Read all or refuse: every kind of damage builds its own damaged copy of the demo project and
// must be refused with a message naming the file, the layer (and feature and field where known)
// and what is damaged; saves clean up after killed saves and keep the file's mode.
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "geo/demo/demo.h"
#include "geo/error.h"
#include "geo/io/project_file.h"
#include "io_test_util.h"

using namespace pc;
using pc::test::TempDir;

namespace {

// GDAL's R-tree triggers call these; the damage below never moves a geometry, so stand-ins do.
void st_stand_in(sqlite3_context* ctx, int, sqlite3_value**) { sqlite3_result_int(ctx, 0); }

// Runs SQL on a file with plain SQLite (no GDAL, no code under test); returns the first value.
std::string sql(const std::string& path, const std::string& statement) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    for (const char* f : {"ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"})
        sqlite3_create_function(db, f, 1, SQLITE_UTF8, nullptr, st_stand_in, nullptr, nullptr);
    sqlite3_stmt* s = nullptr;
    INFO(statement);
    REQUIRE(sqlite3_prepare_v2(db, statement.c_str(), -1, &s, nullptr) == SQLITE_OK);
    std::string out;
    const int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && sqlite3_column_text(s, 0)) out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    CHECK((rc == SQLITE_ROW || rc == SQLITE_DONE));
    sqlite3_finalize(s);
    sqlite3_close(db);
    return out;
}

// The page of `table` of the given kind ("leaf", "internal", "overflow"), from SQLite's dbstat.
long page_of(const std::string& path, const std::string& table, const std::string& kind, int offset = 1) {
    const std::string p = sql(path, "SELECT pageno FROM dbstat WHERE name = '" + table + "' AND pagetype = '" + kind +
                                        "' ORDER BY pageno LIMIT 1 OFFSET " + std::to_string(offset));
    REQUIRE_FALSE(p.empty());
    return std::stol(p);
}

void zero_page(const std::string& path, long page) {
    const long size = std::stol(sql(path, "PRAGMA page_size"));
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp((page - 1) * size);
    const std::string zeros(std::size_t(size), '\0');
    f.write(zeros.data(), size);
}

// load_project refuses the file with a message holding every piece of `expected`, and the file's
// bytes are as they were.
void check_refused(const std::string& path, std::initializer_list<std::string> expected) {
    const std::string before = test::read_bytes(path);
    try {
        load_project(path);
        FAIL("a damaged project was read");
    } catch (const InputError& e) {
        const std::string what = e.what();
        INFO(what);
        for (auto& piece : expected) CHECK(what.find(piece) != std::string::npos);
    }
    CHECK(test::read_bytes(path) == before);
}

std::string demo_file(const TempDir& dir, const std::string& name) {
    const auto path = dir / name;
    SaveOptions o;
    o.keep_backup = false;
    save_project(make_demo_project(), path, nullptr, o);
    return path;
}

}  // namespace

TEST_CASE("damaged projects are refused naming file, layer, feature, field and the damage", "[io][store][damage]") {
    TempDir dir;
    SECTION("a page of desa zeroed") {
        const auto p = demo_file(dir, "leaf.gpkg");
        zero_page(p, page_of(p, "desa", "leaf"));
        check_refused(p, {"leaf.gpkg", "damaged"});
    }
    SECTION("an interior page of desa zeroed") {
        const auto p = demo_file(dir, "interior.gpkg");
        zero_page(p, page_of(p, "desa", "internal", 0));  // the root: every leaf hangs below it
        check_refused(p, {"interior.gpkg", "damaged"});
    }
    SECTION("a garbage geometry blob") {
        const auto p = demo_file(dir, "blob.gpkg");
        sql(p, "UPDATE desa SET geom = X'47500003E6100000DEADBEEF' WHERE fid = 7");
        check_refused(p, {"blob.gpkg", "layer 'desa'", "7", "'geom'", "damaged geometry"});
    }
    SECTION("a blob that is not a GeoPackage geometry") {
        const auto p = demo_file(dir, "notgp.gpkg");
        sql(p, "UPDATE facilities SET geom = X'0102030405060708090A' WHERE fid = 3");
        check_refused(p, {"layer 'facilities'", "3", "'geom'", "no 'GP' header"});
    }
    SECTION("text where a number must be") {
        const auto p = demo_file(dir, "text.gpkg");
        sql(p, "UPDATE desa SET population = 'banyak sekali' WHERE fid = 4");
        check_refused(p, {"text.gpkg", "layer 'desa'", "4", "'population'", "not a number: 'banyak sekali'"});
    }
    SECTION("a fraction where a whole number must be") {
        const auto p = demo_file(dir, "year.gpkg");
        sql(p, "UPDATE initiatives SET start_year = 2025.5 WHERE fid = (SELECT min(fid) FROM initiatives)");
        check_refused(p, {"layer 'initiatives'", "'start_year'", "not a whole number"});
    }
    SECTION("a truncated file") {
        const auto p = demo_file(dir, "cut.gpkg");
        const auto size = std::filesystem::file_size(p);
        std::filesystem::resize_file(p, size / 2 + 100);
        check_refused(p, {"cut.gpkg", "cut short"});
        std::filesystem::resize_file(p, (size / 2) / 4096 * 4096);  // whole pages, but not all of them
        check_refused(p, {"cut.gpkg", "damaged"});
    }
    SECTION("a zero-byte file") {
        const auto p = dir / "empty.gpkg";
        test::write_text(p, "");
        check_refused(p, {"empty.gpkg", "empty (0 bytes)"});
    }
    SECTION("a text file") {
        const auto p = dir / "notes.gpkg";
        test::write_text(p, "Ini bukan proyek, hanya catatan rapat Bappeda.\n");
        check_refused(p, {"notes.gpkg", "not an SQLite database"});
    }
}

TEST_CASE("a damaged project is never overwritten: a full save keeps it as the backup", "[io][store][damage]") {
    TempDir dir;
    const auto p = demo_file(dir, "rusak.gpkg");
    sql(p, "UPDATE desa SET population = 'x' WHERE fid = 2");
    const std::string damaged = test::read_bytes(p);
    Project q = make_demo_project();
    save_project(q, p);  // e.g. Save As over it from the application
    CHECK(load_project(p) == q);
    REQUIRE(list_backups(p).size() == 1);
    CHECK(test::read_bytes(backup_path(p)) == damaged);
}

TEST_CASE("leftover temporary files of killed saves are removed on open, never those of a running process", "[io][store]") {
    TempDir dir;
    const auto p = demo_file(dir, "proyek.gpkg");
    // A process that runs while the test looks (a child that sleeps) and one that is gone.
    const pid_t alive = fork();
    if (alive == 0) {
        ::sleep(30);
        ::_exit(0);
    }
    const pid_t gone = fork();
    if (gone == 0) ::_exit(0);
    ::waitpid(gone, nullptr, 0);
    const std::string live_tmp = p + ".tmp-" + std::to_string(alive);
    const std::string dead_tmp = p + ".tmp-" + std::to_string(gone);
    for (const std::string& f : {live_tmp, dead_tmp, dead_tmp + "-journal", dead_tmp + ".bak", live_tmp + "-journal"})
        test::write_text(f, "half a save");
    test::write_text(p + ".tmp-notes.txt", "not ours");  // not <name>.tmp-<pid>
    load_project(p);
    CHECK(std::filesystem::exists(live_tmp));
    CHECK(std::filesystem::exists(live_tmp + "-journal"));
    CHECK_FALSE(std::filesystem::exists(dead_tmp));
    CHECK_FALSE(std::filesystem::exists(dead_tmp + "-journal"));
    CHECK_FALSE(std::filesystem::exists(dead_tmp + ".bak"));
    CHECK(std::filesystem::exists(p + ".tmp-notes.txt"));
    ::kill(alive, SIGKILL);
    ::waitpid(alive, nullptr, 0);
    load_project(p);
    CHECK_FALSE(std::filesystem::exists(live_tmp));
}

TEST_CASE("saves keep the file's permissions, and a failed save leaves no temporary file", "[io][store]") {
    TempDir dir;
    const auto p = demo_file(dir, "izin.gpkg");
    REQUIRE(::chmod(p.c_str(), 0640) == 0);
    Project q = make_demo_project();
    q.desa[0].name = "Desa Ganti Nama";
    save_project(q, p);
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0640);
    AnalysisResult r;
    r.provenance.tool = "uji";
    SaveOptions metrics_only;
    metrics_only.metrics_only = true;
    save_project(q, p, &r, metrics_only);
    REQUIRE(::stat(p.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0640);
    // A folder we may not write into: the save fails and leaves nothing behind.
    const auto ro = dir / "readonly";
    std::filesystem::create_directories(ro);
    const std::string target = ro + "/p.gpkg";
    std::filesystem::copy_file(p, target);
    REQUIRE(::chmod(ro.c_str(), 0555) == 0);
    if (::geteuid() != 0) {  // root writes anyway
        CHECK_THROWS_AS(save_project(q, target), IoError);
        std::size_t files = 0;
        for (auto& e : std::filesystem::directory_iterator(ro)) files += e.path().filename() != "p.gpkg";
        CHECK(files == 0);
    }
    ::chmod(ro.c_str(), 0755);
}

TEST_CASE("rows QGIS left without uuid, with a copied uuid or NULL enums are read, and get their uuid on the next save",
          "[io][store][qgis]") {
    TempDir dir;
    const auto p = demo_file(dir, "qgis.gpkg");
    const std::string kept_uuid = sql(p, "SELECT uuid FROM desa WHERE fid = 2");
    sql(p, "UPDATE desa SET uuid = NULL WHERE fid = 5");
    sql(p, "UPDATE desa SET uuid = '" + kept_uuid + "' WHERE fid = 9");  // a copy/paste in QGIS
    sql(p, "UPDATE initiatives SET uuid = NULL, pillar = NULL, status = NULL WHERE fid = (SELECT min(fid) FROM initiatives)");
    const Project q = load_project(p);
    std::set<std::string> ids;
    for (auto& d : q.desa) {
        CHECK(is_uuid(d.id));
        ids.insert(d.id);
    }
    CHECK(ids.size() == q.desa.size());  // the copy got a uuid of its own
    CHECK(q.desa[1].id == kept_uuid);    // the first holder keeps it
    CHECK(load_project(p).desa[4].id == q.desa[4].id);  // the same uuid every time the file is read
    CHECK(q.initiatives.front().pillar == Pillar::Governance);
    // analyze's save writes the uuids the model has into those rows and changes nothing else.
    const std::string desa_before = sql(p, "SELECT group_concat(fid || name || hex(geom)) FROM desa");
    SaveOptions metrics_only;
    metrics_only.metrics_only = true;
    AnalysisResult r;
    save_project(q, p, &r, metrics_only);
    CHECK(sql(p, "SELECT uuid FROM desa WHERE fid = 5") == q.desa[4].id);
    CHECK(sql(p, "SELECT uuid FROM desa WHERE fid = 9") == q.desa[8].id);
    CHECK(sql(p, "SELECT group_concat(fid || name || hex(geom)) FROM desa") == desa_before);
    CHECK(sql(p, "SELECT pillar IS NULL FROM initiatives WHERE fid = (SELECT min(fid) FROM initiatives)") == "1");
    CHECK(load_project(p) == q);
}

TEST_CASE("population grid uuids stay the same over saves", "[io][store]") {
    TempDir dir;
    Project p = test::sample_project();
    REQUIRE(p.population_grid);
    const auto a = dir / "a.gpkg", b = dir / "b.gpkg";
    save_project(p, a);
    save_project(load_project(a), b);
    save_project(load_project(b), a);
    const std::string ids = sql(a, "SELECT group_concat(uuid) FROM (SELECT uuid FROM population_grid ORDER BY fid)");
    CHECK(ids == sql(b, "SELECT group_concat(uuid) FROM (SELECT uuid FROM population_grid ORDER BY fid)"));
    CHECK(sql(a, "SELECT count(DISTINCT uuid) = count(*) FROM population_grid") == "1");
}

TEST_CASE("a project QGIS left in WAL mode (with its log beside it) is read and saved whole", "[io][store][qgis]") {
    TempDir dir;
    const auto p = demo_file(dir, "wal.gpkg");
    // QGIS switches GeoPackages it edits to write-ahead logging; a connection that stays open keeps
    // the latest change in the -wal file, not yet in the database file.
    sqlite3* qgis = nullptr;
    REQUIRE(sqlite3_open(p.c_str(), &qgis) == SQLITE_OK);
    for (const char* f : {"ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"})
        sqlite3_create_function(qgis, f, 1, SQLITE_UTF8, nullptr, st_stand_in, nullptr, nullptr);
    REQUIRE(sqlite3_exec(qgis, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;"
                               "UPDATE desa SET name = 'Diubah di QGIS' WHERE fid = 3", nullptr, nullptr, nullptr) == SQLITE_OK);
    REQUIRE(std::filesystem::exists(p + "-wal"));
    Project q = load_project(p);
    CHECK(q.desa[2].name == "Diubah di QGIS");
    q.desa[0].name = "Diubah di PetaCerdas";
    // A full save while QGIS still has the file open: written in place (a file renamed over it would
    // get QGIS's log applied to it by the next reader), the previous version copied with its log.
    save_project(q, p);
    CHECK(load_project(p).desa[0].name == "Diubah di PetaCerdas");
    sqlite3_close(qgis);
    const Project r = load_project(p);
    CHECK(r.desa[2].name == "Diubah di QGIS");
    CHECK(r.desa[0].name == "Diubah di PetaCerdas");
    CHECK(sql(p, "PRAGMA journal_mode") == "wal");  // QGIS's choice stays
    REQUIRE(list_backups(p).size() == 1);
    const Project b = load_project(backup_path(p));
    CHECK(b.desa[2].name == "Diubah di QGIS");
    CHECK(b.desa[0].name == "Mojosari");
}
