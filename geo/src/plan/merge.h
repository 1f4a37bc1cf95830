#pragma once
// Internal: the three-way merge of one feature (base, mine, theirs), field by field. Pure: sync.cpp
// reads the rows and writes the outcome.
#include <optional>
#include <string>
#include <vector>

#include "geo/plan/sync.h"
#include "rows.h"

namespace pc::plan {

// A write the merge decided on.
struct Write {
    WrittenFeature::Op op = WrittenFeature::Op::Update;
    RowKey key;
    std::string table;      // insert/update: where the feature is to be; delete: where it is
    std::string old_table;  // an update that moves the feature to another kind layer: where it leaves from
    Fields fields;          // update: the fields to set; insert (and a move): every field
    bool set_geometry = false;
    std::string geometry_blob;
    std::int64_t server_version = 0;
    std::vector<WrittenField> log;
    bool resolved = false;  // some of it was decided by the planner
};

struct FeatureMerge {
    std::optional<Write> write;
    std::optional<Conflict> conflict;  // nothing of the feature is written while it stands
};

struct MergeInput {
    const SyncedLayer* layer = nullptr;
    RowKey key;
    const Row* base = nullptr;
    const Row* mine = nullptr;
    const Row* theirs = nullptr;
    // The latest version the server has of the feature (its row's, or the version that deleted it),
    // 0 when the server never had it.
    std::int64_t server_version = 0;
};

// `resolutions` hold for the server version they were made against only.
FeatureMerge merge_feature(const MergeInput& in, const std::vector<Resolution>& resolutions);

// Whether a working copy's row differs from its base (over the fields the working copy has).
bool changed_since_base(const Row& mine, const Row& base);

// A field's value as a conflict shows it (geometry as WKT).
std::string display_value(const Row* row, const std::string& field);

}  // namespace pc::plan
