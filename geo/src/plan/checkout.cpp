// Reading a shared plan: as a project (load_plan), as a working copy (checkout), who one is in it.
#include <filesystem>

#include "../store/file_ops.h"
#include "../store/gpkg_schema.h"
#include "../store/layer_reader.h"
#include "../store/project_store.h"
#include "../store/sqlite.h"
#include "geo/plan/sync.h"
#include "pg.h"
#include "working_copy.h"

namespace fs = std::filesystem;

namespace pc::plan {
namespace {

// A snapshot: every table read in one transaction sees one revision of the plan.
void begin_snapshot(PgConnection& c) { c.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }

void require_plan(PgConnection& c, const PlanLocation& plan) {
    PgResult r = c.exec("SELECT to_regclass($1) IS NOT NULL", {plan.schema + ".plan_meta"});
    if (!r.boolean(0, 0))
        throw InputError({plan.uri()}, "no shared plan in schema '" + plan.schema + "' of database '" + c.database() +
                                           "' (publish one with: petacerdas publish PROJECT --to " + plan.uri() + ")");
}

}  // namespace

Project load_plan(const PlanLocation& plan) {
    PgConnection c(plan.conninfo, "petacerdas");
    require_plan(c, plan);
    store::Db db(":memory:", store::Db::Mode::Write);
    store::register_gpkg_functions(db);
    db.exec("BEGIN");
    store::create_geopackage(db);
    begin_snapshot(c);
    copy_plan_tables(c, plan.schema, db, now_utc(), nullptr);
    c.exec("COMMIT");
    db.exec("COMMIT");
    try {
        store::GeoPackage gpkg(db);
        return store::read_project(gpkg);
    } catch (const InputError& e) {
        // The same checks and words as for a file; the plan is named instead of the in-memory copy.
        Where w = e.where();
        w.file = plan.uri();
        throw InputError(w, e.reason());
    }
}

CheckoutReport checkout(const PlanLocation& plan, const std::string& gpkg_path, bool replace) {
    const std::string target = fs::absolute(gpkg_path).string();
    std::error_code ec;
    if (fs::exists(target, ec) && !replace)
        throw InputError({target}, "already exists: choose another file for the working copy, or replace it");
    PgConnection c(plan.conninfo, "petacerdas checkout");
    require_plan(c, plan);
    const std::string tmp = store::temp_path(target);
    store::remove_quietly(tmp);
    CheckoutReport report;
    try {
        {
            store::Db db(tmp, store::Db::Mode::Write);
            db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF");
            store::register_gpkg_functions(db);
            db.exec("BEGIN");
            store::create_geopackage(db);
            const std::string now = now_utc();
            begin_snapshot(c);
            report.revision = plan_revision(c, plan.schema);
            RowSet synced;
            report.rows = copy_plan_tables(c, plan.schema, db, now, &synced);
            copy_plan_styles(c, plan.schema, db, now);
            c.exec("COMMIT");
            create_working_copy_tables(db);
            RowSet local = read_gpkg_rows(db);
            for (auto& [key, row] : local) {
                // The base is the row as the working copy holds it (same blobs), versioned as the server's.
                auto it = synced.find(key);
                Row base = row;
                base.version = it == synced.end() ? 0 : it->second.version;
                put_base(db, key, base);
            }
            write_source(db, {plan, report.revision, now, c.user()});
            db.exec("COMMIT");
        }
        store::fsync_file(tmp);
        store::rename_file(tmp, target);
        store::fsync_folder(fs::path(target).parent_path().string());
    } catch (...) {
        store::remove_quietly(tmp);
        throw;
    }
    return report;
}

std::optional<WorkingCopyInfo> working_copy_info(const std::string& gpkg_path) {
    std::error_code ec;
    if (!fs::is_regular_file(gpkg_path, ec)) return std::nullopt;
    try {
        store::Db db(gpkg_path, store::Db::Mode::Read);
        return read_source(db);
    } catch (const InputError&) {
        return std::nullopt;
    }
}

bool PlanSession::may_edit(const std::string& initiative_opd) const {
    if (kind == RoleKind::Coordinator) return true;
    if (kind == RoleKind::Viewer) return false;
    return io::iequals(opd, initiative_opd);
}

PlanSession plan_session(const PlanLocation& plan) {
    PgConnection c(plan.conninfo, "petacerdas");
    require_plan(c, plan);
    const std::string s = c.ident(plan.schema);
    PlanSession out;
    out.user = c.user();
    out.revision = plan_revision(c, plan.schema);
    PgResult r = c.exec("SELECT r.role, r.kind, r.opd FROM " + s + ".plan_roles r WHERE pg_has_role(current_user, r.role, 'MEMBER') "
                        "ORDER BY CASE r.kind WHEN 'coordinator' THEN 0 WHEN 'opd' THEN 1 ELSE 2 END, r.role LIMIT 1");
    PgResult owner = c.exec("SELECT " + s + ".pc_is_coordinator()");
    if (owner.boolean(0, 0)) {
        out.kind = RoleKind::Coordinator;
        out.role = r.rows() ? r.text(0, 0) : "(plan owner)";
        out.opd = r.rows() ? r.text(0, 2) : "";
        return out;
    }
    if (r.rows() == 0) {
        out.kind = RoleKind::Viewer;
        return out;
    }
    out.role = r.text(0, 0);
    const std::string kind = r.text(0, 1);
    out.kind = kind == "opd" ? RoleKind::Opd : RoleKind::Viewer;
    out.opd = kind == "viewer" ? "" : r.text(0, 2);
    return out;
}

void grant_plan_role(const PlanLocation& plan, const std::string& user, const std::string& as) {
    PgConnection c(plan.conninfo, "petacerdas grant");
    require_plan(c, plan);
    PgResult roles = c.exec("SELECT role, kind, opd FROM " + c.ident(plan.schema) + ".plan_roles");
    std::string role;
    for (int i = 0; i < roles.rows(); ++i) {
        const std::string kind = roles.text(i, 1);
        if ((io::iequals(as, "coordinator") && kind == "coordinator") || (io::iequals(as, "viewer") && kind == "viewer") ||
            (kind != "viewer" && io::iequals(as, roles.text(i, 2))))
            role = roles.text(i, 0);
    }
    if (role.empty()) {
        std::string known;
        for (int i = 0; i < roles.rows(); ++i)
            if (roles.text(i, 1) == "opd") known += (known.empty() ? "" : ", ") + roles.text(i, 2);
        throw InputError({plan.uri()}, "no plan role for '" + as + "': use coordinator, viewer or an OPD of the plan (" + known + ")");
    }
    PgResult exists = c.exec("SELECT 1 FROM pg_roles WHERE rolname = $1", {user});
    if (exists.rows() == 0)
        throw InputError({plan.uri()}, "no login role '" + user + "' on the server (a DBA creates it: CREATE ROLE " + user +
                                           " LOGIN PASSWORD '...')");
    c.exec("GRANT " + c.ident(role) + " TO " + c.ident(user));
}

}  // namespace pc::plan
