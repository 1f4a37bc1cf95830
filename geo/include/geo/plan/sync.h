#pragma once
// Working copies of a shared plan and sync. A working copy is a project GeoPackage (the app, QGIS
// and every command read it as a project) that also keeps the base version of every feature: the
// plan as it was at the last sync. Offline edits are merged per feature on its uuid (or key) and
// version, three ways (base, mine, theirs): edits to different features or different fields merge
// silently; two different edits of the same field are a conflict, returned with both values for
// the planner to pick, never decided silently. Each sync is one transaction on the server: a
// client killed mid-sync leaves no partial change set, and syncing again after a kill neither
// loses nor repeats anything.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "geo/plan/plan.h"

namespace pc::plan {

struct WorkingCopyInfo {
    PlanLocation plan;           // without a password
    std::int64_t revision = 0;   // the plan's revision at the last sync
    std::string checked_out_at;  // UTC
    std::string user;            // who checked it out
};
// The shared plan a GeoPackage is a working copy of; nullopt for a plain project file.
std::optional<WorkingCopyInfo> working_copy_info(const std::string& gpkg_path);

struct CheckoutReport {
    std::int64_t revision = 0;
    std::size_t rows = 0;
};
// Writes a working copy of the plan to `gpkg_path` (a new file; an existing file is refused unless
// `replace`). Written beside and renamed into place.
CheckoutReport checkout(const PlanLocation& plan, const std::string& gpkg_path, bool replace = false);

// A feature as sync names it: its layer ("initiatives", "desa", "settings" ...) and key (uuid).
struct FeatureKey {
    std::string layer;
    std::string key;
    auto operator<=>(const FeatureKey&) const = default;
};

enum class Side : std::uint8_t { Mine, Theirs };

// One field both sides changed differently since the base ("geom" for the geometry: the values are
// then WKT).
struct FieldConflict {
    std::string field;
    std::string base, mine, theirs;  // as text for display ('name', 12, NULL, POINT(...))
};

struct Conflict {
    enum class Kind : std::uint8_t {
        Fields,         // the same fields changed on both sides
        EditedDeleted,  // changed here, deleted on the server
        DeletedEdited,  // deleted here, changed on the server
    };
    FeatureKey feature;
    std::string label;  // the feature's name (or key)
    Kind kind = Kind::Fields;
    std::vector<FieldConflict> fields;
    std::int64_t theirs_version = 0;  // the server's version the conflict was found against
    std::string theirs_by, theirs_opd, theirs_at;  // who made the server's version, when (UTC)
};

// The planner's pick for a conflict: per field (or "" for a whole-feature conflict). It holds only
// while the server still has the version it was shown (`theirs_version`): a newer one is shown again.
struct Resolution {
    FeatureKey feature;
    std::string field;
    Side side = Side::Mine;
    std::int64_t theirs_version = 0;
};

// What a committed change set wrote, field by field (for logs and the load test's replay).
struct WrittenField {
    std::string field;
    FieldValue value;          // the geometry as its WKB (bytes) in a string
    FieldValue base;           // what this working copy had as base for the field
    bool resolved_mine = false;  // written over a conflict the planner decided for Mine
};
struct WrittenFeature {
    enum class Op : std::uint8_t { Insert, Update, Delete } op = Op::Update;
    FeatureKey feature;
    std::string table;               // where it is now (insert/update) or was (delete)
    std::int64_t server_version = 0; // before the write (0 for an insert)
    std::vector<WrittenField> fields;
};
struct ChangeSetLog {
    std::string id;
    std::int64_t revision = 0;
    std::vector<WrittenFeature> writes;
};

struct SyncOptions {
    std::vector<Resolution> resolutions;
    std::string client;  // recorded with the change set (application name on the server)
    // Called inside the server transaction, after every write and before COMMIT (logs).
    std::function<void(const ChangeSetLog&)> before_commit;
};

struct SyncResult {
    std::vector<Conflict> conflicts;  // not empty: nothing was written; pick, then sync again
    bool committed = false;           // a change set was written
    bool already_applied = false;     // the same change set was committed before (a sync killed after commit)
    std::string change_set;
    std::int64_t revision = 0;        // the working copy's revision now
    std::size_t inserted = 0, updated = 0, deleted = 0;  // written to the server
    std::size_t pulled = 0, removed = 0;                 // brought into the working copy
    std::size_t local_changes = 0;                       // features changed here since the last sync
};

// Sends the working copy's changes and brings the server's. Throws Refused when the database
// refuses a change the role may not make (nothing is written), InputError for a working copy that
// is not one, ServerError when the server fails.
SyncResult sync(const std::string& gpkg_path, const SyncOptions& options = {});

// The changes in a working copy since its last sync, without contacting the server.
std::vector<FeatureKey> local_changes(const std::string& gpkg_path);

}  // namespace pc::plan
