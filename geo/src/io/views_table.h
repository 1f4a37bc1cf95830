#pragma once
// The `views` table of the project file: one row per saved view (slide), in order. Lists are JSON
// text (GeoPackage JSON subtype) so QGIS and sqlite3 show them readably.
#include <string>
#include <vector>

#include "geo/view.h"
#include "table_model.h"

namespace pc::store {
class GeoPackage;
}

namespace pc::io {

inline constexpr const char* kViewsTable = "views";

// The views as a table (an empty table when there are none).
Table views_table(const std::vector<View>& views);
// The views of a project file, by their `position`; none when the file has no `views` table (a file
// written before views existed). Throws InputError naming file, layer, view and field when a value
// cannot be read.
std::vector<View> read_views_table(store::GeoPackage& gpkg);

}  // namespace pc::io
