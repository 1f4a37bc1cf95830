#pragma once
// The history of a shared plan: every version of every feature (who, which OPD, when, before and
// after), recorded by the database itself for every change, whether it came from a sync, the app
// or QGIS. A feature can be put back as it was at an earlier version (a new version; nothing of the
// history is rewritten).
#include <cstdint>
#include <string>
#include <vector>

#include "geo/plan/sync.h"

namespace pc::plan {

struct HistoryEntry {
    std::int64_t revision = 0;    // the plan's revision of the change (its commit order)
    std::string change_set;       // the sync that made it ("" for a direct edit: QGIS, psql)
    FeatureKey feature;
    std::string table;
    std::int64_t version = 0;
    std::string op;               // "insert", "update", "delete"
    std::string changed_by, opd, changed_at, note;
    std::string before, after;    // the fields as JSON ("" where there is none)
    std::string before_wkt, after_wkt;
    // The fields whose value differs between before and after ("geom" for the geometry).
    std::vector<std::string> changed_fields;
};

// Oldest first.
std::vector<HistoryEntry> feature_history(const PlanLocation& plan, const FeatureKey& feature);
// Every change after `since_revision`, oldest first.
std::vector<HistoryEntry> plan_history(const PlanLocation& plan, std::int64_t since_revision = 0);
// UTF-8 CSV, one row per change: revision, changed_at, changed_by, opd, layer, key, version, op,
// change_set, note, changed_fields, before, after, before_wkt, after_wkt.
void write_history_csv(const std::vector<HistoryEntry>& entries, const std::string& path);

// Puts the feature back as it was at `version` (a deleted feature comes back). The database's rules
// hold: an OPD restores only its own initiatives (Refused otherwise). Returns the new version.
std::int64_t restore_version(const PlanLocation& plan, const FeatureKey& feature, std::int64_t version);

}  // namespace pc::plan
