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
    std::vector<std::string> files;     // every file written
    std::vector<std::string> warnings;  // geometries made valid before writing (layer, feature, reason)
};

// GeoPackage: one file `out` with all layers, a QGIS `layer_styles` table and the QGIS project of
// the map (geo/io/qgis_project.h). KMZ: one file `out` (zip with doc.kml, one folder per map layer,
// the metrics' gap layers and service areas too). Other formats: `out` is a folder, one file (set) per
// layer. GeoJSON/KML/KMZ/CSV are WGS 84; Shapefile keeps WGS 84 with .prj, .cpg (UTF-8), a
// .fields.csv of the short names and .qml/.sld styles. KML/KMZ features are coloured as in QGIS
// (initiatives by pillar, facilities by type) and described by an HTML table of their attributes.
//
// Complete or refused: every geometry is made valid before it is written (the repairs are listed in
// the report), a feature that cannot be written fails the export with an InputError naming layer and
// feature, and everything is written beside `out` first and moved into place only when all of it
// was written: a failed export leaves no file behind and the previous export as it was. Metrics rows
// whose unit has no gap (fully covered) keep their row in every format (an empty geometry where the
// format would drop the row).
ExportReport export_project(const Project& project, const AnalysisResult* metrics, const std::string& out,
                            ExportFormat format);

}  // namespace pc
