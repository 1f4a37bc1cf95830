// petacerdas grant: a login role becomes the coordinator, an OPD or a viewer of a shared plan.
#include <cstdio>

#include "cli.h"
#include "geo/plan/plan.h"

namespace pc::cli {
namespace {

const char* kUsageText =
    "Usage: petacerdas grant PLAN USER --as coordinator|viewer|OPD\n"
    "\n"
    "Makes the login role USER (which must exist on the server) a member of a role of the shared plan\n"
    "PLAN (postgresql://host/database?schema=NAME): the coordinator (Bappeda: changes everything), the\n"
    "viewer (reads only), or an OPD of the plan by its name (\"Dinkes\": changes only the initiatives of\n"
    "that OPD). The connecting role needs the right to grant roles (a DBA).\n";

int run(const std::vector<std::string>& argv) {
    Args a = parse(argv, {"--as"}, {});
    if (a.help) {
        std::printf("%s", kUsageText);
        return kOk;
    }
    if (a.positional.size() != 2) throw UsageError("needs PLAN and USER");
    const auto as = a.get("--as");
    if (!as) throw UsageError("needs --as coordinator|viewer|OPD");
    const plan::PlanLocation loc = plan::parse_plan_uri(a.positional[0]);
    plan::grant_plan_role(loc, a.positional[1], *as);
    std::printf("%s is now %s in %s\n", a.positional[1].c_str(), as->c_str(), loc.uri().c_str());
    return kOk;
}

}  // namespace

const Command kGrant{"grant", "give a login role a role of a shared plan (coordinator, OPD, viewer)", kUsageText, run};

}  // namespace pc::cli
