#pragma once
// The `views` table of the project file: one row per saved view (slide), in order. Lists are JSON
// text (GDAL's CPLJSON, GeoPackage JSON subtype) so QGIS and sqlite3 show them readably.
#include <gdal_priv.h>

#include <string>
#include <vector>

#include "geo/view.h"

namespace pc::io {

// Creates the table `views` in `ds` and writes every view (an empty table when there are none).
void write_views_table(GDALDataset& ds, const std::vector<View>& views);
// The views of a project file, by their `position`; none when the file has no `views` table (a file
// written before views existed). Throws InputError naming file, layer, view and field when a value
// cannot be read.
std::vector<View> read_views_table(const std::string& file, GDALDataset& ds);

}  // namespace pc::io
