#pragma once
// Test reference: the project file read through OGR (GDAL's GeoPackage driver).
#include <string>

#include "geo/model.h"

namespace pc::test {

Project load_project_with_ogr(const std::string& path);

}  // namespace pc::test
