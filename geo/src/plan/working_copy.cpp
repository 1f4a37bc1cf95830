// Working copies: the plan's tables in a GeoPackage, the base versions kept beside them, and server
// rows put into them.
#include "working_copy.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>

#include "../store/gpkg_geometry.h"
#include "../store/gpkg_schema.h"
#include "../store/project_store.h"
#include "../store/sqlite.h"
#include "../store/table_writer.h"
#include "geo/error.h"
#include "pg.h"

namespace pc::plan {

std::string now_utc() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                  tm.tm_min, tm.tm_sec);
    return buf;
}

// --- base versions ---------------------------------------------------------------------------------

void create_working_copy_tables(store::Db& db) {
    // Not GeoPackage layers (not in gpkg_contents): QGIS and GDAL do not list them, saves keep them.
    // plan_base_fields.value has no declared type, so SQLite keeps each value as it was stored.
    db.exec("CREATE TABLE IF NOT EXISTS plan_source (key TEXT PRIMARY KEY, value TEXT);"
            "CREATE TABLE IF NOT EXISTS plan_base (layer TEXT NOT NULL, key TEXT NOT NULL, version INTEGER NOT NULL, "
            "table_name TEXT NOT NULL, has_geometry INTEGER NOT NULL, PRIMARY KEY (layer, key)) WITHOUT ROWID;"
            "CREATE TABLE IF NOT EXISTS plan_base_fields (layer TEXT NOT NULL, key TEXT NOT NULL, field TEXT NOT NULL, value, "
            "PRIMARY KEY (layer, key, field)) WITHOUT ROWID;");
}

RowSet read_base(store::Db& db) {
    RowSet out;
    if (!db.has_table("plan_base")) return out;
    {
        store::Stmt s(db, "SELECT layer, key, version, table_name, has_geometry FROM plan_base", "plan_base");
        while (s.step()) {
            Row r;
            r.version = s.int64(2);
            r.table = s.text(3);
            r.has_geometry_column = s.int64(4) != 0;
            out.emplace(RowKey{s.text(0), s.text(1)}, std::move(r));
        }
    }
    store::Stmt s(db, "SELECT layer, key, field, value FROM plan_base_fields", "plan_base_fields");
    while (s.step()) {
        auto it = out.find(RowKey{s.text(0), s.text(1)});
        if (it == out.end()) continue;
        const std::string field = s.text(2);
        if (field == kGeometryField) {
            if (s.type(3) == SQLITE_BLOB) it->second.geometry_blob = std::string(s.blob(3));
            continue;
        }
        FieldValue v;
        switch (s.type(3)) {
            case SQLITE_INTEGER: v = s.int64(3); break;
            case SQLITE_FLOAT: v = s.real(3); break;
            case SQLITE_TEXT: v = s.text(3); break;
            case SQLITE_BLOB: v = std::string(s.blob(3)); break;
        }
        it->second.fields.emplace(field, std::move(v));
    }
    return out;
}

void drop_base(store::Db& db, const RowKey& key) {
    for (const char* table : {"plan_base", "plan_base_fields"}) {
        store::Stmt s(db, std::string("DELETE FROM ") + table + " WHERE layer = ? AND key = ?", table);
        s.bind(1, key.layer);
        s.bind(2, key.key);
        s.step();
    }
}

void put_base(store::Db& db, const RowKey& key, const Row& row) {
    drop_base(db, key);
    {
        store::Stmt s(db, "INSERT INTO plan_base (layer, key, version, table_name, has_geometry) VALUES (?, ?, ?, ?, ?)", "plan_base");
        s.bind(1, key.layer);
        s.bind(2, key.key);
        s.bind(3, row.version);
        s.bind(4, row.table);
        s.bind(5, std::int64_t(row.has_geometry_column ? 1 : 0));
        s.step();
    }
    store::Stmt s(db, "INSERT INTO plan_base_fields (layer, key, field, value) VALUES (?, ?, ?, ?)", "plan_base_fields");
    auto put = [&](const std::string& field, const FieldValue* v, const std::string* blob) {
        s.bind(1, key.layer);
        s.bind(2, key.key);
        s.bind(3, field);
        if (blob) s.bind_blob(4, *blob);
        else if (auto* i = std::get_if<std::int64_t>(v)) s.bind(4, *i);
        else if (auto* d = std::get_if<double>(v)) s.bind(4, *d);
        else if (auto* t = std::get_if<std::string>(v)) s.bind(4, std::string_view(*t));
        else s.bind_null(4);
        s.step();
        s.reset();
    };
    for (auto& [name, v] : row.fields) put(name, &v, nullptr);
    if (!row.geometry_blob.empty()) put(kGeometryField, nullptr, &row.geometry_blob);
}

void write_source(store::Db& db, const WorkingCopyInfo& info) {
    db.exec("DELETE FROM plan_source", "plan_source");
    store::Stmt s(db, "INSERT INTO plan_source (key, value) VALUES (?, ?)", "plan_source");
    for (auto& [k, v] : std::vector<std::pair<std::string, std::string>>{{"uri", info.plan.uri()},
                                                                         {"revision", std::to_string(info.revision)},
                                                                         {"checked_out_at", info.checked_out_at},
                                                                         {"user", info.user}}) {
        s.bind(1, k);
        s.bind(2, v);
        s.step();
        s.reset();
    }
}

std::optional<WorkingCopyInfo> read_source(store::Db& db) {
    if (!db.has_table("plan_source") || !db.has_table("plan_base")) return std::nullopt;
    std::map<std::string, std::string> kv;
    store::Stmt s(db, "SELECT key, value FROM plan_source", "plan_source");
    while (s.step()) kv[s.text(0)] = s.text(1);
    if (!kv.count("uri")) return std::nullopt;
    WorkingCopyInfo info;
    info.plan = parse_plan_uri(kv["uri"]);
    try {
        info.revision = std::stoll(kv["revision"]);
    } catch (...) {
        throw InputError({db.path(), "plan_source", "revision", "value"}, "not a revision number: '" + kv["revision"] + "'");
    }
    info.checked_out_at = kv["checked_out_at"];
    info.user = kv["user"];
    return info;
}

void set_source_revision(store::Db& db, std::int64_t revision) {
    store::Stmt s(db, "UPDATE plan_source SET value = ? WHERE key = 'revision'", "plan_source");
    s.bind(1, std::to_string(revision));
    s.step();
}

// --- copying a plan --------------------------------------------------------------------------------

std::int64_t plan_revision(PgConnection& c, const std::string& schema) {
    PgResult r = c.exec("SELECT revision FROM " + c.ident(schema) + ".plan_meta WHERE id = 1");
    if (r.rows() != 1) throw ServerError("schema '" + schema + "' is not a shared plan (no plan_meta row)");
    return r.int64(0, 0);
}

namespace {

// A table of rows as the table model the GeoPackage writer takes (geometries parsed into `keep`).
io::Table as_table(const TableInfo& info, const std::vector<Row>& rows, std::vector<std::unique_ptr<Geometry>>& keep) {
    io::Table t;
    t.name = info.name;
    t.geometry_type = info.geometry;
    for (auto& c : info.columns) t.columns.push_back({c.name, c.type});
    for (const Row& r : rows) {
        std::vector<FieldValue> values;
        for (auto& c : info.columns) {
            auto it = r.fields.find(c.name);
            values.push_back(it == r.fields.end() ? FieldValue{} : it->second);
        }
        t.rows.push_back(std::move(values));
        if (info.geometry != io::LayerGeometry::None) {
            if (r.geometry_blob.empty()) {
                t.geometries.push_back(nullptr);
            } else {
                keep.push_back(std::make_unique<Geometry>(store::parse_gpkg_geometry(r.geometry_blob)));
                t.geometries.push_back(keep.back().get());
            }
        }
    }
    return t;
}

void write_rows_as_layer(store::Db& db, const TableInfo& info, const std::vector<Row>& rows, const std::string& timestamp) {
    std::vector<std::unique_ptr<Geometry>> keep;
    const io::Table t = as_table(info, rows, keep);
    store::TableWrite how;
    how.fid = [&rows](std::size_t r) { return rows[r].fid; };
    store::write_table(db, t, how, timestamp);
}

}  // namespace

std::size_t copy_plan_tables(PgConnection& c, const std::string& schema, store::Db& db, const std::string& timestamp,
                             RowSet* synced) {
    std::size_t n = 0;
    for (auto& [name, info] : pg_tables(c, schema)) {
        const std::vector<Row> rows = read_pg_rows(c, schema, info);
        write_rows_as_layer(db, info, rows, timestamp);
        n += rows.size();
        const SyncedLayer* layer = layer_of_table(name);
        if (!layer || !synced) continue;
        for (const Row& r : rows) synced->emplace(RowKey{layer->name, row_key(*layer, r.fields)}, r);
    }
    return n;
}

void copy_plan_styles(PgConnection& c, const std::string& schema, store::Db& db, const std::string& timestamp) {
    PgResult has = c.exec("SELECT to_regclass('public.layer_styles') IS NOT NULL");
    if (!has.boolean(0, 0)) return;
    PgResult r = c.exec("SELECT f_table_name, f_geometry_column, styleName, styleQML::text, styleSLD::text, useAsDefault, "
                        "description, owner FROM public.layer_styles WHERE f_table_catalog = current_database() AND "
                        "f_table_schema = $1 ORDER BY id",
                        {schema});
    store::ensure_layer_styles_table(db, timestamp);
    store::Stmt insert(db,
                       "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, "
                       "styleQML, styleSLD, useAsDefault, description, owner, ui, update_time) "
                       "VALUES ('', '', ?, ?, ?, ?, ?, ?, ?, ?, '', ?)",
                       "layer_styles");
    for (int i = 0; i < r.rows(); ++i) {
        for (int k = 0; k < 5; ++k) insert.bind(k + 1, r.text(i, k));
        insert.bind(6, std::int64_t(r.boolean(i, 5) ? 1 : 0));
        insert.bind(7, r.text(i, 6));
        insert.bind(8, r.text(i, 7));
        insert.bind(9, timestamp);
        insert.step();
        insert.reset();
    }
    db.exec("UPDATE gpkg_ogr_contents SET feature_count = (SELECT count(*) FROM layer_styles) "
            "WHERE lower(table_name) = 'layer_styles'",
            "layer_styles");
}

// --- server rows into a working copy ---------------------------------------------------------------

LocalApplier::LocalApplier(store::Db& db, const RowSet& local, std::string timestamp)
    : db_(db), timestamp_(std::move(timestamp)) {
    for (auto& [key, row] : local) where_[key] = {row.table, row.fid};
}

void LocalApplier::delete_local_row(const RowKey& key) {
    auto it = where_.find(key);
    if (it != where_.end()) {
        store::Stmt s(db_, "DELETE FROM " + store::quoted(it->second.first) + " WHERE rowid = ?", it->second.first);
        s.bind(1, it->second.second);
        s.step();
        touched_.insert(io::lower(it->second.first));
        where_.erase(it);
    }
}

void LocalApplier::remove(const RowKey& key) {
    delete_local_row(key);
    drop_base(db_, key);
}

const TableInfo& LocalApplier::local_table(const TableInfo& server) {
    const std::string name = io::lower(server.name);
    auto it = tables_.find(name);
    if (it == tables_.end()) {
        auto info = gpkg_table_info(db_, server.name);
        if (!info) {
            // A kind layer the working copy has none of yet (a save drops empty ones): made as the server has it.
            write_rows_as_layer(db_, server, {}, timestamp_);
            info = gpkg_table_info(db_, server.name);
        }
        it = tables_.emplace(name, *info).first;
    }
    TableInfo& local = it->second;
    for (auto& col : server.columns) {
        if (local.column(col.name)) continue;
        db_.exec("ALTER TABLE " + store::quoted(local.name) + " ADD COLUMN " + store::quoted(col.name) + " " +
                     store::sql_type(col.type),
                 local.name);
        if (col.type == io::FieldType::Json && db_.has_table("gpkg_data_columns")) {
            store::Stmt s(db_, "INSERT OR IGNORE INTO gpkg_data_columns (table_name, column_name, mime_type) VALUES (?, ?, 'application/json')",
                          local.name);
            s.bind(1, local.name);
            s.bind(2, col.name);
            s.step();
        }
        local.columns.push_back(col);
    }
    return local;
}

void LocalApplier::put(const RowKey& key, const Row& row, const TableInfo& server) {
    delete_local_row(key);
    const TableInfo& local = local_table(server);
    // A local feature not on the server yet with the fid the server gave this one moves aside.
    {
        store::Stmt taken(db_, "SELECT 1 FROM " + store::quoted(local.name) + " WHERE rowid = ?", local.name);
        taken.bind(1, row.fid);
        if (taken.step()) {
            db_.exec("UPDATE " + store::quoted(local.name) + " SET rowid = (SELECT max(rowid) + 1 FROM " +
                         store::quoted(local.name) + ") WHERE rowid = " + std::to_string(row.fid),
                     local.name);
            for (auto& [k, w] : where_)
                if (io::iequals(w.first, local.name) && w.second == row.fid) {
                    store::Stmt m(db_, "SELECT max(rowid) FROM " + store::quoted(local.name), local.name);
                    m.step();
                    w.second = m.int64(0);
                }
        }
    }
    std::string sql = "INSERT INTO " + store::quoted(local.name) + " (rowid";
    std::string params = "?";
    const bool spatial = local.geometry != io::LayerGeometry::None;
    if (spatial) sql += ", \"geom\"", params += ", ?";
    std::vector<const FieldValue*> values;
    for (auto& col : local.columns) {
        auto f = row.fields.find(col.name);
        if (f == row.fields.end()) continue;
        sql += ", " + store::quoted(col.name);
        params += ", ?";
        values.push_back(&f->second);
    }
    store::Stmt s(db_, sql + ") VALUES (" + params + ")", local.name);
    int p = 1;
    s.bind(p++, row.fid);
    std::string blob;
    if (spatial) {
        if (!row.geometry_blob.empty()) {
            const Geometry g = store::parse_gpkg_geometry(row.geometry_blob);
            blob = store::gpkg_geometry_blob(g, local.geometry);
        }
        if (blob.empty()) s.bind_null(p++);
        else s.bind_blob(p++, blob);
    }
    for (const FieldValue* v : values) {
        if (auto* i = std::get_if<std::int64_t>(v)) s.bind(p, *i);
        else if (auto* d = std::get_if<double>(v)) s.bind(p, *d);
        else if (auto* t = std::get_if<std::string>(v)) s.bind(p, std::string_view(*t));
        else s.bind_null(p);
        ++p;
    }
    s.step();
    where_[key] = {local.name, row.fid};
    touched_.insert(io::lower(local.name));
    Row base = row;
    base.table = local.name;
    if (!blob.empty()) base.geometry_blob = blob;  // the base is what the working copy holds
    put_base(db_, key, base);
}

void LocalApplier::finish() {
    for (const std::string& table : touched_) {
        auto it = tables_.find(table);
        std::optional<TableInfo> info = it != tables_.end() ? std::optional<TableInfo>(it->second) : gpkg_table_info(db_, table);
        if (!info || info->geometry == io::LayerGeometry::None) continue;
        const std::string rtree = store::quoted("rtree_" + info->name + "_geom");
        if (!db_.has_table("rtree_" + info->name + "_geom")) continue;
        store::Stmt s(db_,
                      "UPDATE gpkg_contents SET min_x = (SELECT min(minx) FROM " + rtree + "), min_y = (SELECT min(miny) FROM " +
                          rtree + "), max_x = (SELECT max(maxx) FROM " + rtree + "), max_y = (SELECT max(maxy) FROM " + rtree +
                          "), last_change = ? WHERE lower(table_name) = lower(?)",
                      info->name);
        s.bind(1, timestamp_);
        s.bind(2, info->name);
        s.step();
    }
}

}  // namespace pc::plan
