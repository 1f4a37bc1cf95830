#pragma once
// The shared plan: one masterplan in PostgreSQL + PostGIS that every OPD edits at once. The schema
// mirrors the project GeoPackage (same layers, uuid columns, settings tables, views and a
// layer_styles table QGIS reads), so QGIS opens the same tables with the same styles. Roles match
// the government: Bappeda (the coordinator) changes everything, each OPD only its own initiatives,
// a viewer reads; PostgreSQL itself enforces it (row-level security and grants), so QGIS users
// connected directly obey the same rules. Every change is versioned and recorded in the history.
//
// Core (no GDAL): libpq. See plan/sync.h for working copies and sync, plan/history.h for history.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/analysis/results.h"
#include "geo/error.h"
#include "geo/model.h"

namespace pc::plan {

// Where a shared plan lives: a database and a schema in it. Written
// postgresql://[user@]host[:port]/database?schema=NAME (any other libpq URI parameter is kept). The
// password comes from PGPASSWORD or a password file (~/.pgpass, PGPASSFILE): a password in the URI
// is used for that connection but never stored (uri() drops it).
struct PlanLocation {
    std::string conninfo;  // libpq URI without the schema parameter (may hold a password: never store it)
    std::string schema;
    std::string uri() const;  // the URI without any password, to show and to store
    std::string database() const;
    friend bool operator==(const PlanLocation&, const PlanLocation&) = default;
};

// True for "postgresql://..." and "postgres://...": a path that names a shared plan, not a file.
bool is_plan_uri(std::string_view text);
// Throws InputError when the URI has no schema or the schema is not a plain lower-case name.
PlanLocation parse_plan_uri(const std::string& uri);

// The server could not be reached or failed (PostgreSQL's message and SQLSTATE).
class ServerError : public IoError {
public:
    ServerError(const std::string& what, std::string sqlstate = {});
    const std::string& sqlstate() const { return sqlstate_; }

private:
    std::string sqlstate_;
};

// The database refused a change the role may not make. The message says who, what and why
// ("role 'pasuruan_dinkes' (OPD Dinkes) may not change initiative 'Command Center' of OPD Diskominfo").
class Refused : public InputError {
public:
    Refused(Where where, const std::string& what, std::string database_message);
    const std::string& database_message() const { return database_message_; }

private:
    std::string database_message_;
};

// --- roles ---------------------------------------------------------------------------------------

enum class RoleKind : std::uint8_t { Coordinator, Opd, Viewer };
const char* to_key(RoleKind k);  // "coordinator", "opd", "viewer"

// A group role of a plan: <schema>_bappeda (coordinator), <schema>_<opd> per OPD, <schema>_viewer.
struct PlanRole {
    std::string role;
    RoleKind kind = RoleKind::Opd;
    std::string opd;  // the OPD name initiatives carry ("Dinkes"); the coordinator's own OPD
};
// The roles publish makes for a plan: the first OPD named Bappeda (else "Bappeda") is the
// coordinator, every other OPD of the project's list an OPD role, and one viewer.
std::vector<PlanRole> plan_roles_for(const std::string& schema, const std::vector<std::string>& opd_list);
// "Dinas Pariwisata" -> "dinas_pariwisata".
std::string role_slug(const std::string& opd);

// --- publish -------------------------------------------------------------------------------------

struct PublishOptions {
    bool replace = false;  // drop a plan already in the schema (its history goes with it)
};
struct PublishReport {
    std::vector<PlanRole> roles;
    std::size_t features = 0;  // rows of the plan's layers and tables
    std::size_t tables = 0;
};
// Puts the project file at `project_path` on the server: the schema, every layer and table of the
// file (the metrics too), QGIS styles in layer_styles, versions, history, the group roles, grants
// and row-level security. The connecting role needs CREATE on the database and CREATEROLE (a DBA).
// Throws InputError when the file is not a project or the schema already holds a plan (without
// `replace`), ServerError when the server fails. All in one transaction: nothing half-published.
PublishReport publish_project(const std::string& project_path, const PlanLocation& to, const PublishOptions& options = {});

// Makes the login role `user` a member of a plan role: `as` is "coordinator" (or "bappeda"),
// "viewer", or an OPD name of the plan ("Dinkes"). Needs CREATEROLE or admin rights on the role.
void grant_plan_role(const PlanLocation& plan, const std::string& user, const std::string& as);

// --- reading -------------------------------------------------------------------------------------

// The plan as a project, read as load_project reads a file (all of it or nothing; the same checks
// and messages). The analysis, what-if, scenarios, slides, render, report and exports use it
// through load_project(uri).
Project load_plan(const PlanLocation& plan);

// Who the connection is in a plan.
struct PlanSession {
    std::string user;        // the login role
    RoleKind kind = RoleKind::Viewer;
    std::string opd;         // the OPD whose initiatives the role may change ("" for viewer)
    std::string role;        // the plan role it holds
    std::int64_t revision = 0;
    bool may_edit(const std::string& initiative_opd) const;
};
PlanSession plan_session(const PlanLocation& plan);

// Writes an analysis' metrics tables, gap layers and their styles into the plan (what `analyze`
// saves into a project file). Only the coordinator may; others get Refused.
void save_plan_metrics(const PlanLocation& plan, const Project& project, const pc::AnalysisResult& metrics);

}  // namespace pc::plan
