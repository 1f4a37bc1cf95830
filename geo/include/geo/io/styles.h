#pragma once
// Layer styles that travel with exports: QGIS QML and OGC SLD (SE 1.1) per layer, each layer drawn as
// the map application draws it (colours, line widths, symbol shapes, fixed 0-20-...-100 % classes,
// labels). Stored in the GeoPackage `layer_styles` table (the schema QGIS uses, so QGIS applies the
// default style when it opens the layer) and written as .qml/.sld beside Shapefiles.
#include <map>
#include <string>
#include <vector>

#include "geo/analysis/results.h"
#include "geo/model.h"

namespace pc {

struct StyleOptions {
    std::string choropleth_service;  // service shown on the metrics layers ("" = the first service)
    // Field names as written, when they differ (Shapefile: cut to 10 characters).
    std::map<std::string, std::string> field_names;
    // Facilities and initiatives (points, lines or polygons): Empty = one style per kind layer of
    // the project file ("initiatives", "initiatives_line", "initiatives_polygon"); a kind = one style
    // with symbols of that kind under the table's name (a Shapefile part).
    GeometryKind geometry_kind = GeometryKind::Empty;
};

struct LayerStyle {
    std::string layer;            // table name in the export ("desa", "facilities", "metrics_desa" ...)
    std::string name;             // style name ("PetaCerdas desa")
    std::string description;
    std::string renderer;         // QGIS renderer type: singleSymbol, categorizedSymbol, graduatedSymbol, nullSymbol
    std::vector<std::string> categories;  // category values (categorized) or "lo-hi" class ranges (graduated)
    std::string qml;
    std::string sld;
};

// One style per styled spatial layer of the project (layers without features get one too).
std::vector<LayerStyle> project_styles(const Project& project, const AnalysisResult* metrics,
                                       const StyleOptions& options = {});

}  // namespace pc
