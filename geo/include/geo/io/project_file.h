#pragma once
// The project file: one GeoPackage holding every layer (EPSG:4326), the settings as non-spatial
// tables and, after an analysis, the metrics, so QGIS opens it as it is.
#include <string>

#include "geo/analysis/results.h"
#include "geo/model.h"

namespace pc {

// Writes beside the target and renames over it: a failed or interrupted save leaves the previous
// file as it was. `metrics` (optional) adds the metrics tables and gap layers.
void save_project(const Project& project, const std::string& path, const AnalysisResult* metrics = nullptr);

// Reads a project written by save_project (metrics tables are ignored: they are derived).
// Throws InputError naming the file/layer/feature/field that is wrong.
Project load_project(const std::string& path);

}  // namespace pc
