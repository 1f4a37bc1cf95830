// petacerdas restore: put back the version of a project that the last save replaced.
#include <cstdio>
#include <ctime>

#include "cli.h"
#include "geo/error.h"
#include "geo/io/project_file.h"

namespace pc::cli {

namespace {

const char* kUsageText =
    "Usage: petacerdas restore PROJECT [--list]\n"
    "\n"
    "Every save keeps the version it replaces as <name>.bak.gpkg beside the project. This puts that\n"
    "version back, and the current one in its place (restoring again undoes the restore). A backup\n"
    "that cannot be read as a project is refused and nothing moves.\n"
    "\n"
    "Options:\n"
    "  --list       only show the backup (file, size, when it was saved)\n"
    "  -h, --help   this text\n";

int run(const std::vector<std::string>& argv) {
    Args a = parse(argv, {}, {"--list"});
    if (a.help) {
        std::printf("%s", kUsageText);
        return kOk;
    }
    if (a.positional.size() != 1) throw UsageError("needs exactly one PROJECT");
    const std::string project = a.positional[0];
    const auto backups = list_backups(project);
    if (backups.empty()) throw InputError({project}, "no backup: '" + backup_path(project) + "' does not exist");
    const ProjectBackup& b = backups.front();
    char when[32] = "?";
    const std::time_t t = std::time_t(b.modified_unix_s);
    std::tm tm{};
    if (localtime_r(&t, &tm)) std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
    if (a.has("--list")) {
        std::printf("%s  %llu bytes  saved %s\n", b.path.c_str(), static_cast<unsigned long long>(b.bytes), when);
        return kOk;
    }
    restore_backup(project);
    std::printf("restored %s from %s (saved %s); the replaced version is now the backup\n", project.c_str(),
                b.path.c_str(), when);
    return kOk;
}

}  // namespace

const Command kRestore{"restore", "put back the version of a project that the last save replaced", kUsageText, run};

}  // namespace pc::cli
