#pragma once
// Internal: one table of the table model (io/table_model.h) written as a GeoPackage layer.
#include <cstdint>
#include <functional>
#include <string>

#include "../io/table_model.h"
#include "sqlite.h"

namespace pc::store {

struct TableWrite {
    std::string layer_name;                                   // "" = the table's name
    io::LayerGeometry geometry = io::LayerGeometry::None;     // None = the table's own
    std::function<bool(std::size_t row)> keep;                // rows of a kind layer
    std::function<std::int64_t(std::size_t row)> fid;         // default: 1, 2, ... over the rows kept
    // A cell written as NULL although the table holds a value (a NULL the file had, read as "").
    std::function<bool(std::size_t row, std::size_t column)> write_null;
    // An existing layer of the same columns with fewer rows than this (old and new together) keeps
    // its table: its rows are replaced and the triggers keep R-tree and count (no schema changes,
    // which cost more than the rows of a small table). Else, and for 0, the layer is made anew.
    std::size_t replace_rows_below = 0;
};

// CREATE TABLE, the rows, then extent, count, R-tree and triggers (gpkg_schema.h); an existing
// layer of that name is dropped first. Throws InputError for column names that clash
// (case-insensitively, or with fid/geom).
void write_table(Db& db, const io::Table& table, const TableWrite& how, const std::string& timestamp);

}  // namespace pc::store
