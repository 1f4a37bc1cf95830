// petacerdas publish: a project file becomes a shared plan on PostgreSQL + PostGIS.
#include <cstdio>

#include "cli.h"
#include "geo/plan/plan.h"

namespace pc::cli {
namespace {

const char* kUsageText =
    "Usage: petacerdas publish PROJECT --to postgresql://[user@]host[:port]/database?schema=NAME [--replace]\n"
    "\n"
    "Puts the project on a PostgreSQL 15 + PostGIS server as a shared plan that every OPD edits at once:\n"
    "the schema NAME with every layer and table of the project (QGIS opens them with the project's\n"
    "styles, from layer_styles), versions and history of every feature, and group roles with row-level\n"
    "security: NAME_bappeda (the coordinator: changes everything), NAME_<opd> for each OPD of the\n"
    "project (changes only its own initiatives) and NAME_viewer (reads). Give people a role with\n"
    "'petacerdas grant'. The connecting role must be able to create schemas and roles (a DBA).\n"
    "\n"
    "The password comes from PGPASSWORD or a password file (~/.pgpass, PGPASSFILE), never from the\n"
    "project file. All in one transaction: a failed publish leaves nothing behind.\n"
    "\n"
    "Options:\n"
    "  --to URI     the plan (required)\n"
    "  --replace    drop a plan already in that schema first (its history goes with it)\n"
    "  -h, --help   this text\n";

int run(const std::vector<std::string>& argv) {
    Args a = parse(argv, {"--to"}, {"--replace"});
    if (a.help) {
        std::printf("%s", kUsageText);
        return kOk;
    }
    if (a.positional.size() != 1) throw UsageError("needs exactly one PROJECT");
    const auto to = a.get("--to");
    if (!to) throw UsageError("needs --to postgresql://host/database?schema=NAME");
    const std::string project_path = a.positional[0];
    require_file(project_path, "project file");
    const plan::PlanLocation loc = plan::parse_plan_uri(*to);
    plan::PublishOptions options;
    options.replace = a.has("--replace");
    Progress work("publishing " + project_path + " to " + loc.uri());
    const plan::PublishReport r = plan::publish_project(project_path, loc, options);
    work.done(std::to_string(r.tables) + " tables, " + std::to_string(r.features) + " rows");
    std::printf("plan %s\nroles:\n", loc.uri().c_str());
    for (auto& role : r.roles)
        std::printf("  %-32s %s%s%s\n", role.role.c_str(), plan::to_key(role.kind), role.opd.empty() ? "" : " ",
                    role.opd.c_str());
    std::printf("give a login role one of them: petacerdas grant '%s' USER --as coordinator|viewer|OPD\n", loc.uri().c_str());
    return kOk;
}

}  // namespace

const Command kPublish{"publish", "put a project on a PostgreSQL/PostGIS server as a shared plan", kUsageText, run};

}  // namespace pc::cli
