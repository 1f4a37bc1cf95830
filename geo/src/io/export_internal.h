#pragma once
// The writers behind export_project, one per format family (not public API).
#include <filesystem>
#include <string>
#include <vector>

#include "geo/io/export.h"
#include "io_internal.h"

namespace pc::io {

// A KML document of `tables` (LIBKML: styles, balloons, ExtendedData), coordinates without altitude.
std::string kml_document(const std::vector<const Table*>& tables, const Project& project, ExportReport& report);

// One Shapefile per table (per geometry kind of a mixed table) in `dir`, with .prj, .cpg, .qml/.sld
// and .fields.csv; file names as they will be in the export (`dir` is the staging folder).
void write_shapefiles(const Table& table, const Project& project, const AnalysisResult* metrics,
                      const std::filesystem::path& dir, ExportReport& report);

// Names of the point coordinate columns a CSV adds (lon, lat; geom_lon, geom_lat when the table has
// columns of those names, as cell sites do).
std::pair<std::string, std::string> csv_coordinate_columns(const Table& table);

}  // namespace pc::io
