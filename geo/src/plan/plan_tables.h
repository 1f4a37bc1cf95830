#pragma once
// Internal: making and styling a plan's tables (shared by publish and by analyze's metrics).
#include <string>
#include <vector>

#include "rows.h"

namespace pc::plan {

class PgConnection;

// CREATE TABLE with fid (from the layer's sequence, shared by kind layers), geometry and columns,
// and its spatial index.
void create_plan_table(PgConnection& c, const std::string& schema, const TableInfo& t);

struct PlanStyle {
    std::string table, name, qml, sld, description;
    bool ours = true;         // owner 'PetaCerdas': replaced by ours next time; others are kept
    bool is_default = true;   // (rows not ours) whether it was the table's default
    std::string owner;        // (rows not ours)
};
// Rows of public.layer_styles for the plan's spatial tables. Ours replace ours; a default chosen in
// QGIS stays the default.
void write_plan_styles(PgConnection& c, const std::string& schema, const std::vector<PlanStyle>& styles);

}  // namespace pc::plan
