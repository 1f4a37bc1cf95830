#pragma once
// Internal: the project file as SQLite sees it (the public API is geo/io/project_file.h).
#include <string>

#include "geo/model.h"

namespace pc::store {

class GeoPackage;

// Every project layer and settings table of an open project GeoPackage. Throws InputError naming
// file, layer, feature and field for anything it cannot read.
Project read_project(GeoPackage& gpkg);

}  // namespace pc::store
