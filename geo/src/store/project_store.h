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

#include "geo/analysis/results.h"

namespace pc::store {

class Db;

// Writes the project into an open GeoPackage inside the caller's transaction. `full`: every table
// of the project is replaced; otherwise only the analysis tables (metrics_*, service_area_*,
// data_quality, initiative_stats, initiative_reach, provenance) are, and the rest stays byte for
// byte. Metrics tables are dropped when `metrics` is null. Our rows of layer_styles and our QGIS
// project (table qgis_projects) are rewritten; `geopackage_file`: the file's name, which the QGIS
// project's layers read.
void write_project(Db& db, const Project& project, const AnalysisResult* metrics, bool full, const std::string& timestamp,
                   const std::string& geopackage_file);

}  // namespace pc::store
