// petacerdas checkout: a working copy of a shared plan, to edit offline and sync later.
#include <cstdio>

#include "cli.h"
#include "geo/plan/sync.h"

namespace pc::cli {
namespace {

const char* kUsageText =
    "Usage: petacerdas checkout PLAN --out FILE.gpkg [--replace]\n"
    "\n"
    "Writes a working copy of the shared plan PLAN (postgresql://host/database?schema=NAME): a project\n"
    "GeoPackage that the map application, QGIS and every command open as a project, which also keeps\n"
    "the version of every feature as it is now. Edit it anywhere (no connection needed), then send the\n"
    "edits and get everyone else's with 'petacerdas sync FILE.gpkg'.\n"
    "\n"
    "Options:\n"
    "  --out FILE   the working copy (required; an existing file is refused)\n"
    "  --replace    write over an existing file\n";

int run(const std::vector<std::string>& argv) {
    Args a = parse(argv, {"--out"}, {"--replace"});
    if (a.help) {
        std::printf("%s", kUsageText);
        return kOk;
    }
    if (a.positional.size() != 1) throw UsageError("needs exactly one PLAN");
    const auto out = a.get("--out");
    if (!out) throw UsageError("needs --out FILE.gpkg");
    const plan::PlanLocation loc = plan::parse_plan_uri(a.positional[0]);
    Progress work("checking out " + loc.uri());
    const plan::CheckoutReport r = plan::checkout(loc, *out, a.has("--replace"));
    work.done(std::to_string(r.rows) + " rows at revision " + std::to_string(r.revision));
    std::printf("%s\n", out->c_str());
    return kOk;
}

}  // namespace

const Command kCheckout{"checkout", "a working copy of a shared plan (a project GeoPackage) to edit offline", kUsageText, run};

}  // namespace pc::cli
