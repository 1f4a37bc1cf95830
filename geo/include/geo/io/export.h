#pragma once
// Export of every project layer (and metrics) to GIS formats.
#include <string>
#include <vector>

#include "geo/analysis/results.h"
#include "geo/model.h"

namespace pc {

enum class ExportFormat : std::uint8_t { GeoPackage, GeoJSON, Shapefile, KML, CSV, KMZ };
const char* to_key(ExportFormat f);
std::optional<ExportFormat> parse_export_format(const std::string& s);

struct ExportReport {
    std::vector<std::string> files;  // every file written
};

// GeoPackage: one file `out` with all layers and a QGIS `layer_styles` table. KMZ: one file `out`
// (zip with doc.kml, one folder per map layer). Other formats: `out` is a folder, one file (set) per
// layer. GeoJSON/KML/KMZ/CSV are WGS 84; Shapefile keeps WGS 84 with .prj, .cpg (UTF-8), a
// .fields.csv of the short names and .qml/.sld styles. KML/KMZ features are coloured as in QGIS
// (initiatives by pillar, facilities by type) and described by an HTML table of their attributes.
ExportReport export_project(const Project& project, const AnalysisResult* metrics, const std::string& out,
                            ExportFormat format);

}  // namespace pc
