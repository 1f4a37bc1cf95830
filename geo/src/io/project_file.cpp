// The project file: one GeoPackage read with SQLite, all of it or nothing.
#include "geo/io/project_file.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "../store/layer_reader.h"
#include "../store/project_store.h"
#include "../store/sqlite.h"
#include "geo/error.h"

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

}  // namespace

Project load_project(const std::string& path) {
    check_is_sqlite(path);
    store::Db db(path, store::Db::Mode::Read);
    // Reads map the file instead of copying pages.
    db.exec("PRAGMA mmap_size = 1073741824");
    quick_check(db);
    store::GeoPackage gpkg(db);
    return store::read_project(gpkg);
}

}  // namespace pc
