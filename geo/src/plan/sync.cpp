// Sync of a working copy: its changes since the base merged into the plan in one server
// transaction, then the plan's changes since the working copy's revision brought in, all in one
// SQLite transaction on the working copy.
#include "geo/plan/sync.h"

#include <filesystem>
#include <set>

#include "../store/gpkg_schema.h"
#include "../store/sqlite.h"
#include "geo/hash.h"
#include "geo/uuid.h"
#include "merge.h"
#include "pg.h"
#include "working_copy.h"

namespace fs = std::filesystem;

namespace pc::plan {
namespace {

// The SQL text of a row's key in a table of `layer` (what row_key() makes of it).
std::string key_sql(PgConnection& c, const SyncedLayer& layer) {
    std::string out;
    for (auto& k : layer.key_columns) out += (out.empty() ? "" : " || '|' || ") + ("coalesce(" + c.ident(k) + "::text, '')");
    return out;
}

// A text[] literal for libpq's text format.
std::string text_array(const std::vector<std::string>& items) {
    std::string out = "{";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ',';
        out += '"';
        for (char ch : items[i]) {
            if (ch == '"' || ch == '\\') out += '\\';
            out += ch;
        }
        out += '"';
    }
    return out + "}";
}

std::map<std::string, std::vector<std::string>> keys_by_layer(const std::set<RowKey>& keys) {
    std::map<std::string, std::vector<std::string>> out;
    for (auto& k : keys) out[k.layer].push_back(k.key);
    return out;
}

// The same changes (same values, same base revision, same picks) get the same change set id, so a
// sync repeated after being killed finds its change set if it was committed.
std::string change_set_id(const WorkingCopyInfo& info, const std::set<RowKey>& changed, const RowSet& local,
                          const std::vector<Resolution>& resolutions) {
    Sha256 h;
    h.add(info.plan.uri()).add(info.revision);
    for (auto& key : changed) {
        h.add(key.layer).add(key.key);
        auto it = local.find(key);
        if (it == local.end()) {
            h.add(std::string_view("deleted"));
            continue;
        }
        for (auto& [name, v] : it->second.fields) {
            h.add(name).add(std::int64_t(v.index()));
            if (auto* s = std::get_if<std::string>(&v)) h.add(*s);
            else if (auto* i = std::get_if<std::int64_t>(&v)) h.add(*i);
            else if (auto* d = std::get_if<double>(&v)) h.add(*d);
        }
        h.add(it->second.geometry_blob);
    }
    for (auto& r : resolutions) h.add(r.feature.layer).add(r.feature.key).add(r.field).add(std::int64_t(r.side)).add(r.theirs_version);
    return uuid_from_hash(h.hex());
}

std::set<RowKey> changes_since_base(const RowSet& local, const RowSet& base) {
    std::set<RowKey> out;
    for (auto& [key, row] : local) {
        auto b = base.find(key);
        if (b == base.end() || changed_since_base(row, b->second)) out.insert(key);
    }
    for (auto& [key, row] : base)
        if (!local.count(key) && key.layer != "settings") out.insert(key);
    return out;
}

// The fields of a write that the server's table has; a field it lacks with a value is refused.
std::vector<std::pair<std::string, const FieldValue*>> server_fields(const Write& w, const TableInfo& t,
                                                                     const PlanLocation& plan) {
    std::vector<std::pair<std::string, const FieldValue*>> out;
    for (auto& [name, v] : w.fields) {
        if (const ColumnInfo* col = t.column(name)) {
            out.emplace_back(col->name, &v);
            continue;
        }
        if (std::holds_alternative<std::monostate>(v)) continue;
        throw InputError({plan.uri(), w.key.layer, w.key.key, name},
                         "the shared plan's table '" + t.name + "' has no field '" + name +
                             "': the plan's owner adds it first (or remove the field here)");
    }
    return out;
}

struct Server {
    PgConnection& c;
    const PlanLocation& plan;
    std::map<std::string, TableInfo> tables;

    const TableInfo& table(const std::string& name) const {
        auto it = tables.find(name);
        if (it == tables.end()) throw ServerError("the shared plan has no table '" + name + "'");
        return it->second;
    }
    std::string qualified(const std::string& t) const { return c.ident(plan.schema) + "." + c.ident(t); }

    // Runs one write statement; PostgreSQL's refusals become the planner's message.
    PgResult run(const Write& w, const std::string& label, const std::string& sql, const std::vector<PgParam>& params) {
        try {
            return c.exec(sql, params);
        } catch (const ServerError& e) {
            const SyncedLayer* layer = synced_layer(w.key.layer);
            Where where{plan.uri(), w.key.layer, "'" + label + "' (" + w.key.key + ")", ""};
            if (e.sqlstate() == "42501") {
                std::string why = e.what();
                if (why.rfind("permission denied", 0) == 0)
                    why = "your role (" + c.user() + ") may not change the " + (layer ? layer->noun : w.key.layer) +
                          "s of this plan: only Bappeda, the coordinator, changes boundaries, population, facilities, "
                          "zones, settings and views; each OPD changes its own initiatives (the database said: " + why + ")";
                throw Refused(where, "the shared plan refused the change: " + why, e.what());
            }
            throw InputError(where, std::string("the shared plan refused the change: ") + e.what());
        }
    }

    void insert(const Write& w, const std::string& label) {
        const TableInfo& t = table(w.table);
        std::string cols, vals;
        std::vector<PgParam> params;
        if (t.geometry != io::LayerGeometry::None) {
            const std::string wkb = wkb_for(w.geometry_blob, t.geometry);
            params.push_back(wkb.empty() ? PgParam{} : PgParam{bytea_text(wkb)});
            cols = "geom";
            vals = "ST_GeomFromWKB($1::bytea, 4326)";
        }
        for (auto& [name, v] : server_fields(w, t, plan)) {
            params.push_back(pg_param(*v));
            cols += (cols.empty() ? "" : ", ") + c.ident(name);
            vals += (vals.empty() ? "$" : ", $") + std::to_string(params.size());
        }
        run(w, label, "INSERT INTO " + qualified(t.name) + " (" + cols + ") VALUES (" + vals + ")", params);
    }

    void remove(const Write& w, const std::string& table, const std::string& label) {
        const SyncedLayer& layer = *synced_layer(w.key.layer);
        PgResult r = run(w, label, "DELETE FROM " + qualified(table) + " WHERE " + key_sql(c, layer) + " = $1", {w.key.key});
        if (r.affected() != 1) throw ServerError("the " + layer.noun + " '" + label + "' was not where the merge found it");
    }

    void update(const Write& w, const std::string& label) {
        const TableInfo& t = table(w.table);
        const SyncedLayer& layer = *synced_layer(w.key.layer);
        std::string sets;
        std::vector<PgParam> params;
        if (w.set_geometry) {
            const std::string wkb = wkb_for(w.geometry_blob, t.geometry);
            params.push_back(wkb.empty() ? PgParam{} : PgParam{bytea_text(wkb)});
            sets = "geom = ST_GeomFromWKB($1::bytea, 4326)";
        }
        for (auto& [name, v] : server_fields(w, t, plan)) {
            params.push_back(pg_param(*v));
            sets += (sets.empty() ? "" : ", ") + c.ident(name) + " = $" + std::to_string(params.size());
        }
        if (sets.empty()) return;
        params.push_back(w.key.key);
        PgResult r = run(w, label,
                         "UPDATE " + qualified(t.name) + " SET " + sets + " WHERE " + key_sql(c, layer) + " = $" +
                             std::to_string(params.size()),
                         params);
        if (r.affected() != 1) throw ServerError("the " + layer.noun + " '" + label + "' was not where the merge found it");
    }
};

std::string label_of(const Write& w, const RowSet& local) {
    auto it = local.find(w.key);
    if (it != local.end()) {
        auto n = it->second.fields.find("name");
        if (n != it->second.fields.end())
            if (auto* s = std::get_if<std::string>(&n->second); s && !s->empty()) return *s;
    }
    return w.key.key;
}

// Rows of `keys` (per layer) from the server, in every table of their layer.
RowSet server_rows(Server& s, const std::set<RowKey>& keys, const std::string& extra_where = "",
                   std::optional<std::string> since = std::nullopt) {
    RowSet out;
    const auto by_layer = keys_by_layer(keys);
    for (const SyncedLayer& layer : synced_layers()) {
        auto k = by_layer.find(layer.name);
        const std::string array = text_array(k == by_layer.end() ? std::vector<std::string>{} : k->second);
        if (!since && k == by_layer.end()) continue;
        for (const std::string& table : layer.tables) {
            auto info = s.tables.find(table);
            if (info == s.tables.end()) continue;
            std::string where = key_sql(s.c, layer) + " = ANY($1::text[])";
            std::vector<PgParam> params = {array};
            if (since) {
                where = "pc_revision > $2 OR " + where;
                params.push_back(*since);
            }
            for (Row& r : read_pg_rows(s.c, s.plan.schema, info->second, where + extra_where, params))
                out[RowKey{layer.name, row_key(layer, r.fields)}] = std::move(r);
        }
    }
    return out;
}

// The latest version of each feature in the history (also of features deleted since).
std::map<RowKey, std::int64_t> history_versions(Server& s, const std::set<RowKey>& keys) {
    std::map<RowKey, std::int64_t> out;
    for (auto& [layer, ks] : keys_by_layer(keys)) {
        PgResult r = s.c.exec("SELECT key, max(version) FROM " + s.qualified("plan_history") +
                                  " WHERE layer = $1 AND key = ANY($2::text[]) GROUP BY key",
                              {layer, text_array(ks)});
        for (int i = 0; i < r.rows(); ++i) out[RowKey{layer, r.text(i, 0)}] = r.int64(i, 1);
    }
    return out;
}

// Who made the server's side of each conflict, and when.
void describe_theirs(Server& s, std::vector<Conflict>& conflicts) {
    for (Conflict& k : conflicts) {
        PgResult r = s.c.exec("SELECT changed_by, opd, to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM " +
                                  s.qualified("plan_history") + " WHERE layer = $1 AND key = $2 ORDER BY version DESC LIMIT 1",
                              {k.feature.layer, k.feature.key});
        if (r.rows() == 0) continue;
        k.theirs_by = r.text(0, 0);
        k.theirs_opd = r.text(0, 1);
        k.theirs_at = r.text(0, 2);
    }
}

struct PushOutcome {
    std::vector<Conflict> conflicts;
    bool committed = false, already_applied = false;
    std::string id;
    std::size_t inserted = 0, updated = 0, deleted = 0;
};

PushOutcome push(Server& s, const WorkingCopyInfo& info, const std::set<RowKey>& changed, const RowSet& local,
                 const RowSet& base, const SyncOptions& options) {
    PushOutcome out;
    out.id = change_set_id(info, changed, local, options.resolutions);
    PgTransaction tx(s.c);
    s.c.exec("SELECT set_config('petacerdas.change_set', $1, true)", {out.id});
    // Takes the plan's next revision and with it the plan's write lock: syncs and direct edits
    // (QGIS) write one after another, so what is read below stays true until the commit.
    PgResult rev = s.c.exec("SELECT " + s.c.ident(s.plan.schema) + ".pc_revision()");
    const std::int64_t revision = rev.int64(0, 0);
    PgResult done = s.c.exec("SELECT 1 FROM " + s.qualified("plan_change_sets") + " WHERE id = $1", {out.id});
    if (done.rows() > 0) {
        out.already_applied = true;
        return out;  // rolled back: nothing to write twice
    }
    const RowSet theirs = server_rows(s, changed);
    const auto versions = history_versions(s, changed);
    std::vector<Write> writes;
    for (const RowKey& key : changed) {
        MergeInput in;
        in.layer = synced_layer(key.layer);
        in.key = key;
        auto b = base.find(key), m = local.find(key), t = theirs.find(key);
        in.base = b == base.end() ? nullptr : &b->second;
        in.mine = m == local.end() ? nullptr : &m->second;
        in.theirs = t == theirs.end() ? nullptr : &t->second;
        auto v = versions.find(key);
        in.server_version = in.theirs ? in.theirs->version : (v == versions.end() ? 0 : v->second);
        FeatureMerge fm = merge_feature(in, options.resolutions);
        if (fm.conflict) out.conflicts.push_back(std::move(*fm.conflict));
        else if (fm.write) writes.push_back(std::move(*fm.write));
    }
    if (!out.conflicts.empty()) {
        describe_theirs(s, out.conflicts);
        return out;  // rolled back: nothing is written while a conflict stands
    }
    ChangeSetLog log;
    log.id = out.id;
    log.revision = revision;
    std::size_t resolved = 0;
    for (const Write& w : writes) {
        const std::string label = label_of(w, local);
        switch (w.op) {
            case WrittenFeature::Op::Insert: s.insert(w, label); ++out.inserted; break;
            case WrittenFeature::Op::Delete: s.remove(w, w.table, label); ++out.deleted; break;
            case WrittenFeature::Op::Update:
                if (!w.old_table.empty()) {
                    s.remove(w, w.old_table, label);
                    s.insert(w, label);
                } else {
                    s.update(w, label);
                }
                ++out.updated;
                break;
        }
        if (w.resolved) ++resolved;
        log.writes.push_back({w.op, w.key, w.table, w.server_version, w.log});
    }
    s.c.exec("INSERT INTO " + s.qualified("plan_change_sets") + " (id, client, operations, conflicts_resolved) VALUES ($1, $2, $3, $4)",
             {out.id, options.client, std::to_string(writes.size()), std::to_string(resolved)});
    if (options.before_commit) options.before_commit(log);
    tx.commit();
    out.committed = true;
    return out;
}

// The plan's changes since `since`, and the features in `refresh`, into the working copy.
std::int64_t pull(Server& s, store::Db& db, const RowSet& local, std::int64_t since, const std::set<RowKey>& refresh,
                  SyncResult& result) {
    PgTransaction snapshot(s.c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const std::int64_t revision = plan_revision(s.c, s.plan.schema);
    LocalApplier apply(db, local, now_utc());
    std::set<RowKey> present;
    if (revision != since || !refresh.empty()) {
        const RowSet rows = server_rows(s, refresh, "", std::to_string(since));
        for (auto& [key, row] : rows) {
            apply.put(key, row, s.table(row.table));
            present.insert(key);
            ++result.pulled;
        }
        std::set<RowKey> gone;
        for (auto& k : refresh)
            if (!present.count(k)) gone.insert(k);
        PgResult deleted = s.c.exec("SELECT DISTINCT layer, key FROM " + s.qualified("plan_history") +
                                        " WHERE revision > $1 AND op = 'delete'",
                                    {std::to_string(since)});
        for (int i = 0; i < deleted.rows(); ++i) {
            RowKey k{deleted.text(i, 0), deleted.text(i, 1)};
            if (!present.count(k) && synced_layer(k.layer)) gone.insert(k);
        }
        for (auto& k : gone) {
            // Deleted on the server, unless it is there unchanged since `since` (then it was not deleted).
            if (!refresh.count(k)) {
                const RowSet still = server_rows(s, {k});
                if (!still.empty()) continue;
            }
            apply.remove(k);
            ++result.removed;
        }
    }
    snapshot.commit();
    apply.finish();
    set_source_revision(db, revision);
    return revision;
}

}  // namespace

std::vector<FeatureKey> local_changes(const std::string& gpkg_path) {
    store::Db db(gpkg_path, store::Db::Mode::Read);
    if (!read_source(db)) throw InputError({gpkg_path}, "not a working copy of a shared plan");
    const auto changed = changes_since_base(read_gpkg_rows(db), read_base(db));
    return {changed.begin(), changed.end()};
}

SyncResult sync(const std::string& gpkg_path, const SyncOptions& options) {
    std::error_code ec;
    if (!fs::is_regular_file(gpkg_path, ec)) throw InputError({gpkg_path}, "working copy does not exist");
    store::Db db(gpkg_path, store::Db::Mode::Write);
    store::register_gpkg_functions(db);
    // The working copy stays locked until its new state is in: an edit saved meanwhile (QGIS) waits
    // instead of being overwritten by what the server sends.
    db.exec("PRAGMA busy_timeout = 30000; BEGIN IMMEDIATE");
    try {
        const auto info = read_source(db);
        if (!info)
            throw InputError({gpkg_path}, "not a working copy of a shared plan (make one with: petacerdas checkout PLAN --out FILE)");
        const RowSet local = read_gpkg_rows(db);
        const RowSet base = read_base(db);
        const std::set<RowKey> changed = changes_since_base(local, base);

        SyncResult result;
        result.local_changes = changed.size();
        PgConnection c(info->plan.conninfo, options.client.empty() ? "petacerdas sync" : options.client);
        Server server{c, info->plan, pg_tables(c, info->plan.schema)};
        if (!changed.empty()) {
            PushOutcome p = push(server, *info, changed, local, base, options);
            result.change_set = p.id;
            result.already_applied = p.already_applied;
            if (!p.conflicts.empty()) {
                result.conflicts = std::move(p.conflicts);
                result.revision = info->revision;
                db.exec("ROLLBACK");
                return result;
            }
            result.committed = p.committed;
            result.inserted = p.inserted;
            result.updated = p.updated;
            result.deleted = p.deleted;
        }
        result.revision = pull(server, db, local, info->revision, changed, result);
        db.exec("COMMIT");
        return result;
    } catch (...) {
        try {
            db.exec("ROLLBACK");
        } catch (...) {
        }
        throw;
    }
}

}  // namespace pc::plan
