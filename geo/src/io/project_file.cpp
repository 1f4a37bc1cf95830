// The project file: one GeoPackage read with SQLite, all of it or nothing, and written beside the
// target then renamed over it.
#include "geo/io/project_file.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>

#include "../store/file_ops.h"
#include "../store/gpkg_schema.h"
#include "../store/layer_reader.h"
#include "../store/project_store.h"
#include "../store/sqlite.h"
#include "geo/error.h"
#include "geo/plan/plan.h"

namespace fs = std::filesystem;

namespace pc {
namespace {

// What the file is before SQLite looks at it: refusals that say what the file is instead of an
// SQLite message.
void check_is_sqlite(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw InputError({path}, "project file does not exist");
    if (fs::is_directory(path, ec)) throw InputError({path}, "is a folder, not a project file");
    const auto size = fs::file_size(path, ec);
    if (ec) throw InputError({path}, "cannot read: " + ec.message());
    if (size == 0) throw InputError({path}, "the file is empty (0 bytes): not a project file");
    char head[16] = {};
    std::ifstream in(path, std::ios::binary);
    in.read(head, sizeof head);
    if (in.gcount() < 16 || std::memcmp(head, "SQLite format 3", 16) != 0)
        throw InputError({path}, "not a GeoPackage (not an SQLite database): not a PetaCerdas project file");
    if (size < 512 || size % 512 != 0)
        throw InputError({path}, "damaged: the file is cut short (" + std::to_string(size) + " bytes is not a whole number of pages)");
}

// SQLite's own check of every page and b-tree (not the indexes' contents: that is integrity_check).
void quick_check(store::Db& db) {
    store::Stmt s(db, "PRAGMA quick_check(5)");
    std::string problems;
    while (s.step()) {
        const std::string line = s.text(0);
        if (line == "ok") return;
        problems += (problems.empty() ? "" : "; ") + line;
    }
    throw InputError({db.path()}, "damaged: SQLite's integrity check found: " + problems);
}

// Opens a project file for reading after checking the whole of it.
std::unique_ptr<store::Db> open_checked(const std::string& path, store::Db::Mode mode = store::Db::Mode::Read) {
    check_is_sqlite(path);
    auto db = std::make_unique<store::Db>(path, mode);
    // Reads map the file instead of copying pages.
    db->exec("PRAGMA mmap_size = 1073741824");
    quick_check(*db);
    return db;
}

std::string now_timestamp() {
    if (const char* fixed = std::getenv("OGR_CURRENT_DATE"); fixed && *fixed) return fixed;
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, int(ms));
    return buf;
}

// The file at `from` copied page by page into a new database at `to` (SQLite's backup API: a
// write-ahead log of the source is included, a half-written source is never copied).
void copy_database(store::Db& from, store::Db& to) {
    sqlite3_backup* b = sqlite3_backup_init(to.get(), "main", from.get(), "main");
    if (!b) to.fail("", to.last_message());
    const int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) to.fail("", std::string("cannot copy '") + from.path() + "': " + sqlite3_errstr(rc));
}

// The previous file's content copied to `tmp` as the starting point of a full save, when it is a
// sound GeoPackage (a damaged or foreign file is not copied: the save starts anew, and the old file
// becomes the backup). The bytes are copied while SQLite's shared lock keeps writers out; a file
// with a write-ahead log goes through SQLite's backup API, which reads the log too.
bool start_from_previous(const std::string& target, const std::string& tmp) {
    std::unique_ptr<store::Db> old;
    try {
        old = open_checked(target);
        if (!old->has_table("gpkg_contents")) return false;
    } catch (const InputError&) {
        return false;
    }
    std::error_code ec;
    if (fs::exists(target + "-wal", ec)) {
        store::Db to(tmp, store::Db::Mode::Write);
        copy_database(*old, to);
        return true;
    }
    old->exec("BEGIN; PRAGMA schema_version;");  // a read: SQLite's shared lock until COMMIT
    store::copy_file_bytes(target, tmp);
    old->exec("COMMIT");
    return true;
}

// A save in one SQLite transaction on the file itself. analyze's save (only the derived tables
// change): nothing else is copied or re-encoded, and QGIS holding the file open keeps seeing the
// same file. A full save of a file another program has open in write-ahead-log mode (QGIS does
// that): renaming a new file in its place would leave that program's log beside it, which SQLite
// would then apply to the new file. A killed save leaves SQLite's journal, rolled back by the next
// open. False when the file is not a GeoPackage (then a full save writes a new one).
bool save_in_place(const Project& project, const std::string& target, const AnalysisResult* metrics, bool full,
                   const std::string& timestamp, store::Db* kept_open) {
    try {
        check_is_sqlite(target);
        if (full) open_checked(target);  // a damaged file is written anew, and kept as the backup
    } catch (const InputError&) {
        return false;
    }
    std::optional<store::Db> opened;
    if (!kept_open) opened.emplace(target, store::Db::Mode::Write);
    store::Db& db = kept_open ? *kept_open : *opened;
    db.start_writing();
    if (!db.has_table("gpkg_contents")) return false;
    // Dirty pages stay in memory until the commit (spilling them would sync the journal mid-way);
    // old pages are read through a mapping (dropping a table walks all of its pages).
    db.exec("PRAGMA synchronous = FULL; PRAGMA cache_spill = OFF; PRAGMA mmap_size = 1073741824");
    store::register_gpkg_functions(db);
    db.exec("BEGIN IMMEDIATE");
    try {
        store::write_project(db, project, metrics, full, timestamp, fs::path(target).filename().string());
        db.exec("COMMIT");
    } catch (...) {
        sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    return true;
}

// The file as it is now copied to <stem>.bak.gpkg before a save in place changes it: always for a
// full save, only when there is no backup yet for analyze's (which changes nothing of the user's).
// The bytes are copied under SQLite's shared lock; a file with a write-ahead log through the
// backup API, which reads the log too.
void keep_backup_copy(const std::string& target, bool only_if_none) {
    const std::string b = backup_path(target);
    std::error_code ec;
    if (only_if_none && fs::exists(b, ec)) return;
    const std::string tmp = store::temp_path(target) + ".bak";
    store::remove_quietly(tmp);
    try {
        {
            store::Db old(target, store::Db::Mode::Read);
            if (fs::exists(target + "-wal", ec)) {
                store::Db to(tmp, store::Db::Mode::Write);
                copy_database(old, to);
                to.exec("PRAGMA journal_mode = DELETE");
            } else {
                old.exec("BEGIN; PRAGMA schema_version;");
                store::copy_file_bytes(target, tmp);
                old.exec("COMMIT");
            }
        }
        store::fsync_file(tmp);
        store::copy_mode(target, tmp);
        store::rename_file(tmp, b);
    } catch (...) {
        store::remove_quietly(tmp);
        throw;
    }
}

}  // namespace

std::string backup_path(const std::string& project_path) {
    const fs::path p(project_path);
    std::string stem = p.filename().string();
    if (stem.size() > 5) {
        std::string ext = stem.substr(stem.size() - 5);
        for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
        if (ext == ".gpkg") stem.resize(stem.size() - 5);
    }
    return (p.parent_path() / (stem + ".bak.gpkg")).string();
}

std::vector<std::string> remove_leftover_temp_files(const std::string& project_path) {
    return store::remove_dead_temp_files(fs::absolute(project_path).string());
}

namespace {
// A save killed before its journal had a header leaves a journal SQLite does not roll back (it is
// not "hot") and never removes. Once nobody holds a lock on the file (an exclusive lock can be
// taken, so no transaction of another program owns the journal), it is removed.
void remove_stale_journal(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path + "-journal", ec)) return;
    store::Db db(path, store::Db::Mode::Read);
    if (sqlite3_exec(db.get(), "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) != SQLITE_OK) return;  // in use
    store::remove_quietly(path + "-journal");
    sqlite3_exec(db.get(), "COMMIT", nullptr, nullptr, nullptr);
}
}  // namespace

OpenProjectFile::OpenProjectFile() = default;
OpenProjectFile::~OpenProjectFile() = default;

store::Db* OpenProjectFile::connection_to(const std::string& absolute_path) const {
    struct stat st;
    if (!db_ || path_ != absolute_path || ::stat(absolute_path.c_str(), &st) != 0) return nullptr;
    return std::uint64_t(st.st_dev) == device_ && std::uint64_t(st.st_ino) == inode_ ? db_.get() : nullptr;
}

void OpenProjectFile::keep(std::unique_ptr<store::Db> db, std::string absolute_path) {
    // The file as it was opened: a save that renames a new file over it in the meantime leaves this
    // connection on the old one, whose writes nobody would see.
    struct stat st;
    if (::stat(absolute_path.c_str(), &st) != 0) return;
    db_ = std::move(db);
    path_ = std::move(absolute_path);
    device_ = std::uint64_t(st.st_dev);
    inode_ = std::uint64_t(st.st_ino);
}

Project load_project(const std::string& path, OpenProjectFile* keep_open) {
    if (plan::is_plan_uri(path)) return plan::load_plan(plan::parse_plan_uri(path));
    remove_leftover_temp_files(path);
    Project p;
    {
        // Rolls a hot journal back first.
        auto db = open_checked(path, keep_open ? store::Db::Mode::ReadThenWrite : store::Db::Mode::Read);
        {
            store::GeoPackage gpkg(*db);
            p = store::read_project(gpkg);
        }
        if (keep_open) keep_open->keep(std::move(db), fs::absolute(path).string());
    }
    remove_stale_journal(path);
    return p;
}

void save_project(const Project& project, const std::string& path, const AnalysisResult* metrics,
                  const SaveOptions& options) {
    if (plan::is_plan_uri(path)) {
        // A shared plan changes feature by feature through sync; only the analysis is written over.
        if (!options.metrics_only || !metrics)
            throw InputError({plan::parse_plan_uri(path).uri()},
                             "a shared plan is not saved over: edit a working copy (petacerdas checkout) and sync it");
        plan::save_plan_metrics(plan::parse_plan_uri(path), project, *metrics);
        return;
    }
    const std::string target = fs::absolute(path).string();
    const std::string folder = fs::path(target).parent_path().string();
    remove_leftover_temp_files(target);
    const std::string tmp = store::temp_path(target);
    auto remove_tmp = [&] {
        for (const char* suffix : {"", "-journal", "-wal", "-shm"}) store::remove_quietly(tmp + suffix);
    };
    remove_tmp();
    const std::string timestamp = options.timestamp.empty() ? now_timestamp() : options.timestamp;
    std::error_code ec;
    const bool replacing = fs::exists(target, ec);
    if (replacing && (options.metrics_only || fs::exists(target + "-wal", ec))) {
        if (options.keep_backup) keep_backup_copy(target, options.metrics_only);
        store::Db* kept = options.kept_open && options.metrics_only ? options.kept_open->connection_to(target) : nullptr;
        if (save_in_place(project, target, metrics, !options.metrics_only, timestamp, kept)) return;
    }
    try {
        {
            const bool copied = replacing && start_from_previous(target, tmp);
            store::Db db(tmp, store::Db::Mode::Write);
            // A private file until it is renamed, thrown away if anything fails: no rollback journal,
            // synced once at the end. A copy of a file in WAL mode is turned back into the rollback
            // mode GDAL writes.
            if (copied) db.exec("PRAGMA journal_mode = DELETE");
            db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_spill = OFF");
            store::register_gpkg_functions(db);
            db.exec("BEGIN");
            if (!copied) store::create_geopackage(db);
            store::write_project(db, project, metrics, true, timestamp, fs::path(target).filename().string());
            db.exec("COMMIT");
        }
        store::fsync_file(tmp);
        store::copy_mode(target, tmp);
        std::string backup_tmp;
        if (replacing && options.keep_backup) {
            backup_tmp = tmp + ".bak";
            store::remove_quietly(backup_tmp);
            store::link_or_copy(target, backup_tmp);
        }
        try {
            store::rename_file(tmp, target);
        } catch (...) {
            if (!backup_tmp.empty()) store::remove_quietly(backup_tmp);
            throw;
        }
        if (!backup_tmp.empty()) store::rename_file(backup_tmp, backup_path(target));
        store::fsync_folder(folder);
    } catch (...) {
        remove_tmp();
        store::remove_quietly(tmp + ".bak");
        throw;
    }
}

std::vector<ProjectBackup> list_backups(const std::string& project_path) {
    const std::string b = backup_path(fs::absolute(project_path).string());
    std::error_code ec;
    if (!fs::is_regular_file(b, ec)) return {};
    ProjectBackup out;
    out.path = b;
    out.bytes = fs::file_size(b, ec);
    struct stat st;
    if (::stat(b.c_str(), &st) == 0) out.modified_unix_s = std::int64_t(st.st_mtime);
    return {out};
}

void restore_backup(const std::string& project_path) {
    const std::string target = fs::absolute(project_path).string();
    const std::string b = backup_path(target);
    std::error_code ec;
    if (!fs::is_regular_file(b, ec)) throw InputError({target}, "no backup to restore ('" + b + "' does not exist)");
    load_project(b);  // refuses a damaged backup before anything moves
    const std::string folder = fs::path(target).parent_path().string();
    if (!fs::exists(target, ec)) {
        store::rename_file(b, target);
    } else {
        const std::string current = store::temp_path(target) + ".bak";
        store::remove_quietly(current);
        store::link_or_copy(target, current);
        store::rename_file(b, target);
        store::rename_file(current, b);
    }
    store::fsync_folder(folder);
}

}  // namespace pc
