#pragma once
// Internal: the SQL that makes a schema a shared plan: bookkeeping tables, the functions and
// triggers that version every row and record its history, the guard that says who may change
// what, and row-level security. `@S@` in the text stands for the schema.
#include <string>

#include "rows.h"

namespace pc::plan {

class PgConnection;

// plan_meta, plan_roles, plan_change_sets, plan_history and the functions of the schema.
void create_plan_bookkeeping(PgConnection& c, const std::string& schema, const std::string& source);
// Versions, history and the guard on one table of a synced layer (bookkeeping columns added).
void make_table_versioned(PgConnection& c, const std::string& schema, const std::string& table, const SyncedLayer& layer);
// Group roles (made when missing), the plan_roles rows, grants and row-level security.
void apply_roles_and_security(PgConnection& c, const std::string& schema, const std::vector<PlanRole>& roles,
                              const std::vector<std::string>& tables);
// public.layer_styles as QGIS 3.22 makes it (QGIS reads the default style of a table from it).
void ensure_qgis_layer_styles(PgConnection& c);

}  // namespace pc::plan
