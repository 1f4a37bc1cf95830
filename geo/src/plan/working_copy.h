#pragma once
// Internal: the plan's tables copied into a GeoPackage (a working copy, or an in-memory project for
// load_plan), the base versions a working copy keeps, and server rows put into a working copy.
#include <map>
#include <optional>
#include <set>
#include <string>

#include "geo/plan/sync.h"
#include "rows.h"

namespace pc::store {
class Db;
}

namespace pc::plan {

class PgConnection;

// --- base versions (tables plan_base, plan_base_fields, plan_source of a working copy) ------------

void create_working_copy_tables(store::Db& db);
RowSet read_base(store::Db& db);
void put_base(store::Db& db, const RowKey& key, const Row& row);
void drop_base(store::Db& db, const RowKey& key);
void write_source(store::Db& db, const WorkingCopyInfo& info);
std::optional<WorkingCopyInfo> read_source(store::Db& db);
void set_source_revision(store::Db& db, std::int64_t revision);

// --- copying a plan --------------------------------------------------------------------------------

// Every table of the plan (layers, settings, views, metrics) into `db`, a new GeoPackage, inside a
// transaction of `c` that sees one revision. `synced` (optional) receives the rows of the synced
// layers. Returns the rows copied.
std::size_t copy_plan_tables(PgConnection& c, const std::string& schema, store::Db& db, const std::string& timestamp,
                             RowSet* synced);
// The plan's rows of public.layer_styles into the GeoPackage's layer_styles.
void copy_plan_styles(PgConnection& c, const std::string& schema, store::Db& db, const std::string& timestamp);
// The plan's revision (plan_meta), which a reader's snapshot holds every change up to.
std::int64_t plan_revision(PgConnection& c, const std::string& schema);

// --- server rows into a working copy ---------------------------------------------------------------

class LocalApplier {
public:
    // `local`: the working copy's rows as read (where each feature is stored now).
    LocalApplier(store::Db& db, const RowSet& local, std::string timestamp);
    // Removes the feature from the working copy, and its base.
    void remove(const RowKey& key);
    // Puts the server's row in place of the feature's local row, and makes it the base.
    void put(const RowKey& key, const Row& row, const TableInfo& server_table);
    // Extents of the layers that changed.
    void finish();

private:
    const TableInfo& local_table(const TableInfo& server_table);
    // Deletes the feature's local row, if it has one.
    void delete_local_row(const RowKey& key);

    store::Db& db_;
    std::map<RowKey, std::pair<std::string, std::int64_t>> where_;  // feature -> (table, fid)
    std::map<std::string, TableInfo> tables_;                        // lower-case name -> local columns
    std::set<std::string> touched_;
    std::string timestamp_;
};

std::string now_utc();

}  // namespace pc::plan
