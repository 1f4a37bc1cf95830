// petacerdas publish: a project file becomes a shared plan in PostgreSQL + PostGIS.
#include <algorithm>
#include <map>
#include <set>

#include "../store/gpkg_geometry.h"
#include "../store/sqlite.h"
#include "geo/io/project_file.h"
#include "geo/io/styles.h"
#include "geo/plan/plan.h"
#include "pg.h"
#include "plan_tables.h"
#include "rows.h"
#include "schema_sql.h"

namespace pc::plan {
namespace {

// The tables of the project file to publish: every layer and attribute table it registers (the
// metrics too), but not the styles, which go to layer_styles.
std::vector<TableInfo> file_tables(store::Db& db) {
    std::vector<TableInfo> out;
    store::Stmt s(db, "SELECT table_name FROM gpkg_contents WHERE data_type IN ('features', 'attributes') ORDER BY table_name",
                  "gpkg_contents");
    std::vector<std::string> names;
    while (s.step()) names.push_back(s.text(0));
    for (auto& n : names) {
        if (io::iequals(n, "layer_styles")) continue;
        if (auto info = gpkg_table_info(db, n)) {
            info->name = io::lower(info->name);
            out.push_back(std::move(*info));
        }
    }
    return out;
}

// Every kind layer of facilities and initiatives exists on the server from the start (an OPD role
// cannot create a table when its first polygon initiative arrives), as do views and absent_extras.
void add_missing_tables(std::vector<TableInfo>& tables) {
    auto find = [&](const std::string& name) -> TableInfo* {
        for (auto& t : tables)
            if (t.name == name) return &t;
        return nullptr;
    };
    for (const char* base : {"facilities", "initiatives"}) {
        const TableInfo* points = find(base);
        if (!points) continue;
        const TableInfo model = *points;
        for (GeometryKind k : {GeometryKind::Line, GeometryKind::Polygon}) {
            const std::string name = io::kind_layer_name(base, k);
            if (find(name)) continue;
            TableInfo t = model;
            t.name = name;
            t.geometry = k == GeometryKind::Line ? io::LayerGeometry::MultiLineString : io::LayerGeometry::MultiPolygon;
            tables.push_back(std::move(t));
        }
    }
    if (!find(io::kAbsentExtrasTable))
        tables.push_back({io::kAbsentExtrasTable, io::LayerGeometry::None, {{"layer"}, {"uuid"}, {"field"}}});
}

void insert_rows(PgConnection& c, const std::string& schema, const TableInfo& t, const std::vector<Row>& rows) {
    const bool spatial = t.geometry != io::LayerGeometry::None;
    std::string sql = "INSERT INTO " + c.ident(schema) + "." + c.ident(t.name) + " (fid";
    std::string values = "$1";
    int n = 1;
    if (spatial) sql += ", geom", values += ", ST_GeomFromWKB($2::bytea, 4326)", n = 2;
    for (auto& col : t.columns) {
        sql += ", " + c.ident(col.name);
        values += ", $" + std::to_string(++n);
    }
    sql += ") VALUES (" + values + ")";
    for (const Row& r : rows) {
        std::vector<PgParam> params;
        params.push_back(std::to_string(r.fid));
        if (spatial) {
            const std::string wkb = wkb_for(r.geometry_blob, t.geometry);
            params.push_back(wkb.empty() ? PgParam{} : PgParam{bytea_text(wkb)});
        }
        for (auto& col : t.columns) {
            auto it = r.fields.find(col.name);
            params.push_back(it == r.fields.end() ? PgParam{} : pg_param(it->second));
        }
        c.exec(sql, params);
    }
}

struct StyleRow {
    std::string table, name, qml, sld, description, owner;
    bool is_default = false;
};

std::vector<StyleRow> file_styles(store::Db& db) {
    std::vector<StyleRow> out;
    if (!db.has_table("layer_styles")) return out;
    store::Stmt s(db, "SELECT f_table_name, styleName, styleQML, styleSLD, description, owner, useAsDefault FROM layer_styles ORDER BY id",
                  "layer_styles");
    while (s.step())
        out.push_back({io::lower(s.text(0)), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.int64(6) != 0});
    return out;
}

}  // namespace

void write_plan_styles(PgConnection& c, const std::string& schema, const std::vector<PlanStyle>& styles) {
    ensure_qgis_layer_styles(c);
    PgResult have = c.exec(
        "SELECT c.relname, format_type(a.atttypid, a.atttypmod) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'geom' WHERE n.nspname = $1 AND c.relkind = 'r'",
        {schema});
    std::map<std::string, bool> spatial;
    for (int i = 0; i < have.rows(); ++i) spatial[have.text(i, 0)] = !have.is_null(i, 1);
    for (const PlanStyle& st : styles) {
        auto it = spatial.find(st.table);
        if (it == spatial.end() || !it->second) continue;  // QGIS styles spatial layers the plan has
        if (st.ours)
            c.exec("DELETE FROM public.layer_styles WHERE f_table_catalog = current_database() AND f_table_schema = $1 "
                   "AND f_table_name = $2 AND owner = 'PetaCerdas'",
                   {schema, st.table});
        // A default the user chose in QGIS stays the default.
        PgResult theirs = c.exec("SELECT 1 FROM public.layer_styles WHERE f_table_catalog = current_database() AND "
                                 "f_table_schema = $1 AND f_table_name = $2 AND useAsDefault AND owner <> 'PetaCerdas'",
                                 {schema, st.table});
        const bool is_default = st.ours ? theirs.rows() == 0 : st.is_default;
        c.exec("INSERT INTO public.layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, "
               "styleQML, styleSLD, useAsDefault, description, owner, ui, update_time, type) VALUES (current_database(), $1, $2, "
               "'geom', $3, XMLPARSE(DOCUMENT $4), XMLPARSE(DOCUMENT $5), $6, $7, $8, NULL, now(), NULL)",
               {schema, st.table, st.name, st.qml, st.sld.empty() ? PgParam{} : PgParam{st.sld}, is_default ? "true" : "false",
                st.description, st.ours ? "PetaCerdas" : st.owner});
    }
}

void create_plan_table(PgConnection& c, const std::string& schema, const TableInfo& t) {
    const SyncedLayer* layer = layer_of_table(t.name);
    const std::string s = c.ident(schema);
    const std::string sequence = (layer ? layer->name : t.name) + "_fid_seq";
    c.exec("CREATE SEQUENCE IF NOT EXISTS " + s + "." + c.ident(sequence));
    std::string sql = "CREATE TABLE " + s + "." + c.ident(t.name) + " (fid bigint PRIMARY KEY DEFAULT nextval('" + schema +
                      "." + sequence + "'::regclass)";
    if (t.geometry != io::LayerGeometry::None)
        sql += std::string(", geom geometry(") + pg_geometry_type(t.geometry) + ", 4326)";
    for (auto& col : t.columns) sql += ", " + c.ident(col.name) + " " + pg_type(col.type);
    c.exec(sql + ")");
    if (t.geometry != io::LayerGeometry::None) c.exec("CREATE INDEX ON " + s + "." + c.ident(t.name) + " USING gist (geom)");
    // A derived table's sequence goes with it (and with its owner).
    if (!layer) c.exec("ALTER SEQUENCE " + s + "." + c.ident(sequence) + " OWNED BY " + s + "." + c.ident(t.name) + ".fid");
}

PublishReport publish_project(const std::string& project_path, const PlanLocation& to, const PublishOptions& options) {
    const Project project = load_project(project_path);  // all or refuse, with the file's own messages
    store::Db file(project_path, store::Db::Mode::Read);
    std::vector<TableInfo> tables = file_tables(file);
    add_missing_tables(tables);
    const RowSet synced = read_gpkg_rows(file);

    PgConnection c(to.conninfo, "petacerdas publish");
    PgResult has_postgis = c.exec("SELECT count(*) FROM pg_extension WHERE extname = 'postgis'");
    if (has_postgis.int64(0, 0) == 0) {
        try {
            c.exec("CREATE EXTENSION postgis");
        } catch (const ServerError& e) {
            throw ServerError("PostGIS is not enabled in database '" + c.database() + "' and could not be: " + e.what() +
                              " (a DBA runs CREATE EXTENSION postgis)");
        }
    }
    PgTransaction tx(c);
    PgResult exists = c.exec("SELECT count(*) FROM pg_namespace WHERE nspname = $1", {to.schema});
    if (exists.int64(0, 0) > 0) {
        if (!options.replace)
            throw InputError({to.uri()}, "schema '" + to.schema + "' already exists: publish to another schema, or add --replace "
                                                                   "to drop the plan there (and its history)");
        c.exec("DROP SCHEMA " + c.ident(to.schema) + " CASCADE");
        PgResult styles = c.exec("SELECT to_regclass('public.layer_styles') IS NOT NULL");
        if (styles.boolean(0, 0))
            c.exec("DELETE FROM public.layer_styles WHERE f_table_catalog = current_database() AND f_table_schema = $1", {to.schema});
    }
    c.exec("CREATE SCHEMA " + c.ident(to.schema));
    create_plan_bookkeeping(c, to.schema, project_path);
    c.exec("SELECT set_config('petacerdas.note', $1, true)", {"published from " + project_path});

    PublishReport report;
    std::vector<std::string> names;
    std::map<std::string, std::vector<Row>> synced_by_table;
    for (auto& [key, row] : synced) synced_by_table[io::lower(row.table)].push_back(row);
    for (const TableInfo& t : tables) {
        create_plan_table(c, to.schema, t);
        const SyncedLayer* layer = layer_of_table(t.name);
        if (layer) make_table_versioned(c, to.schema, t.name, *layer);
        std::vector<Row> rows;
        if (layer) {
            rows = synced_by_table[t.name];
            std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.fid < b.fid; });
        } else if (auto info = gpkg_table_info(file, t.name)) {
            rows = read_gpkg_table(file, *info);
        }
        insert_rows(c, to.schema, t, rows);
        report.features += rows.size();
        names.push_back(t.name);
    }
    // Sequences continue after the fids the file had (kind layers share their layer's sequence).
    std::map<std::string, std::int64_t> last_fid;
    for (const TableInfo& t : tables) {
        const SyncedLayer* layer = layer_of_table(t.name);
        const std::string sequence = to.schema + "." + (layer ? layer->name : t.name) + "_fid_seq";
        PgResult m = c.exec("SELECT coalesce(max(fid), 0) FROM " + c.ident(to.schema) + "." + c.ident(t.name));
        last_fid[sequence] = std::max(last_fid[sequence], m.int64(0, 0));
    }
    for (auto& [sequence, fid] : last_fid)
        if (fid > 0) c.exec("SELECT setval($1::regclass, $2)", {sequence, std::to_string(fid)});
    report.roles = plan_roles_for(to.schema, project.settings.opd);
    ensure_qgis_layer_styles(c);
    apply_roles_and_security(c, to.schema, report.roles, names);

    // Styles: the file's rows (ours and any saved in QGIS), then ours for the tables the file had none for.
    std::vector<PlanStyle> styles;
    std::set<std::string> styled;
    for (auto& st : file_styles(file)) {
        styles.push_back({st.table, st.name, st.qml, st.sld, st.description, st.owner == "PetaCerdas", st.is_default, st.owner});
        styled.insert(st.table);
    }
    for (auto& st : project_styles(project, nullptr))
        if (!styled.count(st.layer)) styles.push_back({st.layer, st.name, st.qml, st.sld, st.description, true, true, ""});
    write_plan_styles(c, to.schema, styles);
    tx.commit();
    report.tables = tables.size();
    return report;
}

}  // namespace pc::plan
