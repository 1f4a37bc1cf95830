#pragma once
// Internal: what a save keeps of the features the file held before it, so that features QGIS added
// or edited come back as they were: their fid (nothing is renumbered, even where QGIS gave a new
// line the fid of a point in the sibling layer), NULLs that read as "" (or 0, or a default pillar),
// and the uuid they were read with when the file had none for them.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "../io/table_model.h"
#include "layer_reader.h"

namespace pc::store {

struct PreviousRow {
    std::string layer;                    // the table it is in (a kind layer for facilities/initiatives)
    std::int64_t fid = 0;
    bool uuid_in_file = true;             // false: the uuid was derived when reading (QGIS left none)
    std::set<std::string> null_columns;   // lower-case names of the fields that are NULL
};
using PreviousLayer = std::map<Uuid, PreviousRow>;

// The feature layers of the model, by table name ("desa", "facilities" ...), and whether they are
// split into kind layers.
const std::vector<std::pair<std::string, bool>>& feature_layers();

// The rows of `base` (and its kind layers) in the file, identified as the reader identifies them.
PreviousLayer scan_previous(GeoPackage& gpkg, const std::string& base, bool kinds);

// The fid of each row of `t` (a feature table of the model, uuid in column 0): the fid its feature
// had, as long as fids stay in the model's order (ties between kind layers broken by point, line,
// polygon, as the reader merges them) and unique in their layer; the next free one otherwise.
std::vector<std::int64_t> keep_fids(const io::Table& t, const PreviousLayer& previous);

// The cell is written NULL: the feature had NULL there and the model still holds what NULL reads as.
bool keep_null(const io::Table& t, std::size_t row, std::size_t column, const PreviousLayer& previous);

// A save that does not rewrite the layers (analyze): rows that had no uuid in the file get the one
// the model knows them by, in place. Nothing else of them changes.
void write_missing_uuids(Db& db, const Project& project);

}  // namespace pc::store
