#pragma once
// The project file: one GeoPackage holding every layer (EPSG:4326), the settings as non-spatial
// tables and, after an analysis, the metrics, so QGIS opens it as it is. Read and written with the
// SQLite C API (no GDAL: `petacerdas analyze` never loads it).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "geo/analysis/results.h"
#include "geo/model.h"

namespace pc {

namespace store {
class Db;
}

// A project file held open from load_project to analyze's save of the metrics into it
// (SaveOptions::kept_open): one connection, so SQLite reads the file's schema once, not twice
// (about 1 ms of the 20 ms an analyze of a small district takes).
class OpenProjectFile {
public:
    OpenProjectFile();
    ~OpenProjectFile();
    OpenProjectFile(const OpenProjectFile&) = delete;
    OpenProjectFile& operator=(const OpenProjectFile&) = delete;

    // The connection when it is open on `path` (absolute) and that path is still the file it opened
    // (not replaced by another program's save in between), else nullptr.
    store::Db* connection_to(const std::string& absolute_path) const;
    void keep(std::unique_ptr<store::Db> db, std::string absolute_path);

private:
    std::unique_ptr<store::Db> db_;
    std::string path_;
    std::uint64_t device_ = 0, inode_ = 0;
};

struct SaveOptions {
    // Only the analysis changed since the file at the path was read (analyze): its metrics tables,
    // gap layers and styles are replaced in one SQLite transaction on the file itself (a killed
    // save leaves the old content, which the next open restores from SQLite's journal); every
    // other table, and anything QGIS or the user added, stays byte for byte. A full save (false)
    // writes <path>.tmp-<pid> from a copy of the previous file, replaces every table of the
    // project (keeping the tables it does not know) and renames it over the file — or, when another
    // program has the file open in write-ahead-log mode (a -wal beside it: QGIS), does the same in
    // one transaction on the file itself.
    bool metrics_only = false;
    // Keep the previous version as <stem>.bak.gpkg beside it (list_backups, restore_backup): a
    // full save keeps the version it replaces; a metrics-only save, which changes nothing of the
    // user's, keeps one only when there is none yet.
    bool keep_backup = true;
    // gpkg_contents.last_change and the styles' update_time ("2025-01-01T00:00:00.000Z"); "" = now,
    // or $OGR_CURRENT_DATE when set (reproducible files).
    std::string timestamp;
    // The connection load_project kept open on this file (a metrics-only save uses it).
    OpenProjectFile* kept_open = nullptr;
};

// A full save writes <path>.tmp-<pid> beside the target, syncs it (checked), renames it over the
// target and syncs the folder: a failed or interrupted save leaves the previous file as it was. The
// file's permissions are kept. `metrics` (optional) adds the metrics tables and gap layers.
void save_project(const Project& project, const std::string& path, const AnalysisResult* metrics = nullptr,
                  const SaveOptions& options = {});

// `path` may also name a shared plan (postgresql://host/db?schema=NAME, geo/plan/plan.h): it is read
// from the server (load_plan), and a metrics-only save writes the analysis into it.
//
// Reads a project written by save_project (metrics tables are ignored: they are derived). The whole
// file is checked first (SQLite's quick check); anything damaged or unreadable throws InputError
// naming the file, layer, feature and field, and nothing is read partially. Leftover temporary files
// of saves that were killed are removed (never those of a process still running).
// `keep_open`: the file stays open there for a metrics-only save (a project file, not a shared plan).
Project load_project(const std::string& path, OpenProjectFile* keep_open = nullptr);

// The previous version kept by a save.
struct ProjectBackup {
    std::string path;
    std::int64_t modified_unix_s = 0;  // when that version was saved
    std::uintmax_t bytes = 0;
};
std::string backup_path(const std::string& project_path);
// The backups of a project (none, or the one <stem>.bak.gpkg), newest first.
std::vector<ProjectBackup> list_backups(const std::string& project_path);
// Puts the backup in place of the project, and the project's current version in place of the
// backup (so a restore can be undone by restoring again). Throws InputError when the backup cannot
// be read as a project (it is then left as it is).
void restore_backup(const std::string& project_path);

// Temporary files of killed saves beside the project (<name>.tmp-<pid>, with -journal/-wal/-shm):
// removed unless the process <pid> still runs. Returns the files removed.
std::vector<std::string> remove_leftover_temp_files(const std::string& project_path);

}  // namespace pc
