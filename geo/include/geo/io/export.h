#pragma once
// Export of every project layer (and metrics) to GIS formats.
#include <string>
#include <vector>

#include "geo/analysis/results.h"
#include "geo/model.h"

namespace pc {

enum class ExportFormat : std::uint8_t { GeoPackage, GeoJSON, Shapefile, KML, CSV };
const char* to_key(ExportFormat f);
std::optional<ExportFormat> parse_export_format(const std::string& s);

struct ExportReport {
    std::vector<std::string> files;  // every file written
};

// GeoPackage: one file `out` with all layers. Other formats: `out` is a folder, one file (set) per layer.
// GeoJSON/KML/CSV are WGS 84; Shapefile keeps WGS 84 with .prj and .cpg (UTF-8).
ExportReport export_project(const Project& project, const AnalysisResult* metrics, const std::string& out,
                            ExportFormat format);

}  // namespace pc
