// The plan's history, as the triggers of plan_history record it; restoring an earlier version.
#include "geo/plan/history.h"

#include <cstdio>
#include <fstream>

#include "../store/file_ops.h"
#include "geo/error.h"
#include "pg.h"
#include "rows.h"

namespace pc::plan {
namespace {

constexpr const char* kColumns =
    "revision, coalesce(change_set::text, ''), layer, key, table_name, version, op, changed_by, opd, "
    "to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), coalesce(note, ''), "
    "coalesce(before::text, ''), coalesce(after::text, ''), coalesce(ST_AsText(before_geom), ''), "
    "coalesce(ST_AsText(after_geom), ''), "
    "ARRAY(SELECT k FROM (SELECT jsonb_object_keys(coalesce(before, '{}'::jsonb)) AS k UNION "
    "SELECT jsonb_object_keys(coalesce(after, '{}'::jsonb))) ks "
    "WHERE (before -> k) IS DISTINCT FROM (after -> k) ORDER BY k)::text, "
    "ST_AsBinary(before_geom) IS DISTINCT FROM ST_AsBinary(after_geom)";

std::vector<HistoryEntry> entries_of(const PgResult& r) {
    std::vector<HistoryEntry> out;
    for (int i = 0; i < r.rows(); ++i) {
        HistoryEntry e;
        e.revision = r.int64(i, 0);
        e.change_set = r.text(i, 1);
        e.feature = {r.text(i, 2), r.text(i, 3)};
        e.table = r.text(i, 4);
        e.version = r.int64(i, 5);
        e.op = r.text(i, 6);
        e.changed_by = r.text(i, 7);
        e.opd = r.text(i, 8);
        e.changed_at = r.text(i, 9);
        e.note = r.text(i, 10);
        e.before = r.text(i, 11);
        e.after = r.text(i, 12);
        e.before_wkt = r.text(i, 13);
        e.after_wkt = r.text(i, 14);
        // {a,b,"c d"}: the changed keys.
        std::string list = r.text(i, 15);
        if (list.size() > 2) {
            list = list.substr(1, list.size() - 2);
            std::string item;
            bool quoted = false;
            for (std::size_t k = 0; k <= list.size(); ++k) {
                const char ch = k < list.size() ? list[k] : ',';
                if (ch == '"') quoted = !quoted;
                else if (ch == '\\' && k + 1 < list.size()) item += list[++k];
                else if (ch == ',' && !quoted) {
                    e.changed_fields.push_back(item);
                    item.clear();
                } else item += ch;
            }
        }
        if (r.boolean(i, 16)) e.changed_fields.push_back(kGeometryField);
        out.push_back(std::move(e));
    }
    return out;
}

std::string csv_cell(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char ch : s) {
        if (ch == '"') out += '"';
        out += ch;
    }
    return out + "\"";
}

}  // namespace

std::vector<HistoryEntry> feature_history(const PlanLocation& plan, const FeatureKey& feature) {
    PgConnection c(plan.conninfo, "petacerdas history");
    return entries_of(c.exec(std::string("SELECT ") + kColumns + " FROM " + c.ident(plan.schema) +
                                 ".plan_history WHERE layer = $1 AND key = $2 ORDER BY version, id",
                             {feature.layer, feature.key}));
}

std::vector<HistoryEntry> plan_history(const PlanLocation& plan, std::int64_t since_revision) {
    PgConnection c(plan.conninfo, "petacerdas history");
    return entries_of(c.exec(std::string("SELECT ") + kColumns + " FROM " + c.ident(plan.schema) +
                                 ".plan_history WHERE revision > $1 ORDER BY revision, id",
                             {std::to_string(since_revision)}));
}

void write_history_csv(const std::vector<HistoryEntry>& entries, const std::string& path) {
    const std::string tmp = store::temp_path(path);
    {
        std::ofstream out(tmp, std::ios::binary);
        if (!out) throw IoError("cannot write '" + path + "'");
        out << "revision,changed_at,changed_by,opd,layer,key,version,op,change_set,note,changed_fields,before,after,"
               "before_wkt,after_wkt\n";
        for (auto& e : entries) {
            std::string fields;
            for (auto& f : e.changed_fields) fields += (fields.empty() ? "" : ";") + f;
            out << e.revision << ',' << csv_cell(e.changed_at) << ',' << csv_cell(e.changed_by) << ',' << csv_cell(e.opd) << ','
                << csv_cell(e.feature.layer) << ',' << csv_cell(e.feature.key) << ',' << e.version << ',' << e.op << ','
                << e.change_set << ',' << csv_cell(e.note) << ',' << csv_cell(fields) << ',' << csv_cell(e.before) << ','
                << csv_cell(e.after) << ',' << csv_cell(e.before_wkt) << ',' << csv_cell(e.after_wkt) << '\n';
        }
        out.flush();
        if (!out) throw IoError("cannot write '" + path + "'");
    }
    store::fsync_file(tmp);
    store::rename_file(tmp, path);
}

std::int64_t restore_version(const PlanLocation& plan, const FeatureKey& feature, std::int64_t version) {
    const SyncedLayer* layer = synced_layer(feature.layer);
    if (!layer) throw InputError({plan.uri(), feature.layer}, "not a layer of the plan");
    PgConnection c(plan.conninfo, "petacerdas restore");
    const std::string s = c.ident(plan.schema);
    PgTransaction tx(c);
    c.exec("SELECT " + s + ".pc_revision()");
    PgResult h = c.exec("SELECT table_name, op, after::text, ST_AsBinary(after_geom) FROM " + s +
                            ".plan_history WHERE layer = $1 AND key = $2 AND version = $3",
                        {feature.layer, feature.key, std::to_string(version)});
    const Where where{plan.uri(), feature.layer, feature.key, ""};
    if (h.rows() == 0) throw InputError(where, "has no version " + std::to_string(version));
    if (h.text(0, 1) == "delete")
        throw InputError(where, "version " + std::to_string(version) + " is its deletion: restore the version before it");
    const std::string target = h.text(0, 0), after = h.text(0, 2);
    const PgParam geom = h.is_null(0, 3) ? PgParam{} : PgParam{h.text(0, 3)};
    std::string key_expr;
    for (auto& k : layer->key_columns) key_expr += (key_expr.empty() ? "" : " || '|' || ") + ("coalesce(" + c.ident(k) + "::text, '')");
    std::string current;
    for (auto& t : layer->tables) {
        PgResult have = c.exec("SELECT to_regclass($1) IS NOT NULL", {plan.schema + "." + t});
        if (!have.boolean(0, 0)) continue;
        PgResult r = c.exec("SELECT 1 FROM " + s + "." + c.ident(t) + " WHERE " + key_expr + " = $1", {feature.key});
        if (r.rows()) current = t;
    }
    c.exec("SELECT set_config('petacerdas.note', $1, true)", {"restore of version " + std::to_string(version)});
    // The table's own columns, filled from the version's fields (a field added since is NULL).
    PgResult cols = c.exec("SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute WHERE attrelid = $1::regclass "
                           "AND attnum > 0 AND NOT attisdropped AND attname NOT IN ('fid', 'geom') AND attname NOT LIKE 'pc\\_%'",
                           {plan.schema + "." + target});
    const std::string columns = cols.text(0, 0);
    const bool spatial = layer->spatial;
    try {
        if (current == target) {
            c.exec("UPDATE " + s + "." + c.ident(target) + " SET (" + columns + ") = (SELECT " + columns +
                       " FROM jsonb_populate_record(NULL::" + s + "." + c.ident(target) + ", $1::jsonb))" +
                       (spatial ? ", geom = ST_GeomFromWKB($3::bytea, 4326)" : "") + " WHERE " + key_expr + " = $2",
                   spatial ? std::vector<PgParam>{after, feature.key, geom} : std::vector<PgParam>{after, feature.key});
        } else {
            if (!current.empty())
                c.exec("DELETE FROM " + s + "." + c.ident(current) + " WHERE " + key_expr + " = $1", {feature.key});
            c.exec("INSERT INTO " + s + "." + c.ident(target) + " (" + columns + (spatial ? ", geom" : "") + ") SELECT " + columns +
                       (spatial ? ", ST_GeomFromWKB($2::bytea, 4326)" : "") + " FROM jsonb_populate_record(NULL::" + s + "." +
                       c.ident(target) + ", $1::jsonb)",
                   spatial ? std::vector<PgParam>{after, geom} : std::vector<PgParam>{after});
        }
    } catch (const ServerError& e) {
        if (e.sqlstate() == "42501") throw Refused(where, std::string("the shared plan refused the restore: ") + e.what(), e.what());
        throw;
    }
    PgResult v = c.exec("SELECT max(version) FROM " + s + ".plan_history WHERE layer = $1 AND key = $2", {feature.layer, feature.key});
    const std::int64_t now = v.int64(0, 0);
    tx.commit();
    return now;
}

}  // namespace pc::plan
