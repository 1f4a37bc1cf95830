// petacerdas-gdal: every subcommand of the command line (one per file, cmd_*.cpp, thin over geo/).
// Users run `petacerdas` (main_core.cpp), which runs `analyze` and `restore` itself without GDAL
// and hands every other command line to this program unchanged.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cli.h"

using namespace pc::cli;

namespace {

const Command* const kCommands[] = {&kDemo, &kLoadDistrict, &kImport, &kJoinPopulation, &kAnalyze, &kExport, &kInfo,
                                    &kRestore, &kSuggest
#ifdef PC_HAVE_RENDER
                                    , &kRender, &kReport
#endif
};

void print_help() {
    std::printf(
        "petacerdas %s — coverage and service-gap analysis for smart-city masterplans\n\n"
        "Usage: petacerdas <command> [options]\n       petacerdas <command> --help\n\nCommands:\n",
        PC_VERSION);
    for (auto* c : kCommands) std::printf("  %-14s %s\n", c->name, c->summary);
    std::printf(
        "\nExit codes: 0 ok, 1 bad usage, 2 bad input (the message names file, layer, feature, field),\n"
        "            3 internal error (GEOS, GDAL, I/O).\n\n"
        "Quick start:\n"
        "  petacerdas demo --out out/demo\n"
        "  petacerdas analyze out/demo/demo.gpkg\n");
}

const Command* find(const std::string& name) {
    for (auto* c : kCommands)
        if (name == c->name) return c;
    return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        print_help();
        return kUsage;
    }
    const std::string name = args[0];
    if (name == "-h" || name == "--help" || name == "help") {
        if (args.size() > 1) {
            if (auto* c = find(args[1])) {
                std::printf("%s", c->usage);
                return kOk;
            }
            std::fprintf(stderr, "petacerdas: unknown command '%s'\n", args[1].c_str());
            return kUsage;
        }
        print_help();
        return kOk;
    }
    if (name == "--version" || name == "version") {
        std::printf("petacerdas %s\n", PC_VERSION);
        return kOk;
    }
    const Command* cmd = find(name);
    if (!cmd) {
        std::fprintf(stderr, "petacerdas: unknown command '%s' (see petacerdas --help)\n", name.c_str());
        return kUsage;
    }
    args.erase(args.begin());
    return run_command(*cmd, args);
}
