// analyze on a shared plan: the metrics tables, gap layers and their styles written into the plan.
#include <memory>

#include "../io/table_model.h"
#include "geo/io/styles.h"
#include "geo/plan/plan.h"
#include "pg.h"
#include "plan_tables.h"
#include "rows.h"

namespace pc::plan {

void save_plan_metrics(const PlanLocation& plan, const Project& project, const AnalysisResult& metrics) {
    PgConnection c(plan.conninfo, "petacerdas analyze");
    const std::string s = c.ident(plan.schema);
    PgTransaction tx(c);
    PgResult who = c.exec("SELECT " + s + ".pc_is_coordinator(), (SELECT role FROM " + s +
                          ".plan_roles WHERE kind = 'coordinator' LIMIT 1), (SELECT string_agg(quote_ident(role), ', ') FROM " + s +
                          ".plan_roles)");
    if (!who.boolean(0, 0))
        throw Refused({plan.uri(), "metrics_desa"},
                      "only Bappeda, the coordinator, writes the analysis into the shared plan (role " + c.user() +
                          " is not): run analyze with --no-save, or ask the coordinator",
                      "");
    const std::string coordinator = who.text(0, 1), everyone = who.text(0, 2);
    // The coordinator's group owns the metrics tables, so any coordinator replaces them next time.
    PgResult member = c.exec("SELECT pg_has_role(current_user, $1, 'MEMBER') AND NOT pg_has_role(current_user, "
                             "(SELECT nspowner FROM pg_namespace WHERE nspname = $2), 'MEMBER')",
                             {coordinator, plan.schema});
    const bool as_coordinator = member.boolean(0, 0);
    if (as_coordinator) c.exec("SET LOCAL ROLE " + c.ident(coordinator));
    PgResult existing = c.exec("SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                               "WHERE n.nspname = $1 AND c.relkind = 'r'",
                               {plan.schema});
    for (int i = 0; i < existing.rows(); ++i) {
        const std::string name = existing.text(i, 0);
        if (io::is_metrics_table(name)) c.exec("DROP TABLE " + s + "." + c.ident(name));
    }
    std::vector<PlanStyle> styles;
    for (const io::Table& t : io::metrics_tables(metrics)) {
        TableInfo info;
        info.name = t.name;
        info.geometry = t.geometry_type;
        for (auto& col : t.columns) info.columns.push_back({col.name, col.type});
        create_plan_table(c, plan.schema, info);
        std::string cols = "fid", vals = "$1";
        int n = 1;
        if (info.geometry != io::LayerGeometry::None) cols += ", geom", vals += ", ST_GeomFromWKB($2::bytea, 4326)", n = 2;
        for (auto& col : info.columns) {
            cols += ", " + c.ident(col.name);
            vals += ", $" + std::to_string(++n);
        }
        const std::string sql = "INSERT INTO " + s + "." + c.ident(t.name) + " (" + cols + ") VALUES (" + vals + ")";
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            std::vector<PgParam> params = {std::to_string(r + 1)};
            if (info.geometry != io::LayerGeometry::None) {
                const Geometry* g = r < t.geometries.size() ? t.geometries[r] : nullptr;
                std::string wkb;
                if (g && !g->empty()) wkb = wkb_of_geometry(*g, info.geometry);
                params.push_back(wkb.empty() ? PgParam{} : PgParam{bytea_text(wkb)});
            }
            for (std::size_t k = 0; k < info.columns.size(); ++k)
                params.push_back(k < t.rows[r].size() ? pg_param(t.rows[r][k]) : PgParam{});
            c.exec(sql, params);
        }
        c.exec("GRANT SELECT ON " + s + "." + c.ident(t.name) + " TO " + everyone);
        // Written by the plan's owner: handed to the coordinator's group as publish does.
        if (!as_coordinator) c.exec("ALTER TABLE " + s + "." + c.ident(t.name) + " OWNER TO " + c.ident(coordinator));
    }
    for (auto& st : project_styles(project, &metrics))
        if (io::is_metrics_table(st.layer)) styles.push_back({st.layer, st.name, st.qml, st.sld, st.description, true, true, ""});
    write_plan_styles(c, plan.schema, styles);
    tx.commit();
}

}  // namespace pc::plan
