// petacerdas: the command line of PetaCerdas. `analyze` and `restore` run here, in a program that
// links only the core (geo::core: GEOS, PROJ, SQLite, no GDAL), so the analysis starts in a few
// milliseconds instead of loading libgdal and its ~120 shared libraries. Every other command line
// (and --help) is handed unchanged to petacerdas-gdal, beside this program (or in
// ../libexec/petacerdas/ when installed), which has all the commands.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "cli.h"

using namespace pc::cli;

namespace {

std::string gdal_commands_program() {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    const fs::path dir = ec ? fs::path(".") : self.parent_path();
    for (const fs::path& p : {dir / "petacerdas-gdal", dir / ".." / "libexec" / "petacerdas" / "petacerdas-gdal"})
        if (fs::exists(p, ec)) return p.string();
    return (dir / "petacerdas-gdal").string();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 2) {
        const std::string name = argv[1];
        for (const Command* c : {&kAnalyze, &kRestore})
            if (name == c->name) return run_command(*c, std::vector<std::string>(argv + 2, argv + argc));
        if (name == "--version" || name == "version") {
            std::printf("petacerdas %s\n", PC_VERSION);
            return kOk;
        }
    }
    const std::string program = gdal_commands_program();
    std::vector<char*> args(argv, argv + argc);
    args.push_back(nullptr);
    ::execv(program.c_str(), args.data());
    std::fprintf(stderr, "petacerdas: cannot run '%s' (it has every command but analyze): %s\n", program.c_str(),
                 std::strerror(errno));
    return kInternal;
}
