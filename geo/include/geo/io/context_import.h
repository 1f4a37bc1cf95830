#pragma once
// Reading a context layer (roads, rivers, settlements, health points ...) from any OGR vector
// source: Shapefile, GeoPackage, GeoJSON, KML ... in any CRS PROJ knows, reprojected to lon/lat
// (WGS 84, the model's CRS). Every attribute is kept; the layer gets its default style
// (apply_default_style: BIG Rupabumi layers as a planner expects them).
#include <string>
#include <vector>

#include "geo/context_layer.h"

namespace pc {

struct ContextReadReport {
    std::size_t read = 0;
    std::size_t skipped = 0;  // features without geometry
    std::string source_crs;
    std::vector<std::string> warnings;
};

// `layer` "" = the first layer with features. The display name is the layer's name; a fresh id.
// Throws InputError naming file, layer, feature and field: no such file or layer, an empty layer,
// no CRS, a geometry of another kind than the layer's, a geometry that cannot be reprojected, a
// read error of GDAL.
ContextLayer read_context_layer(const std::string& path, const std::string& layer = {},
                                ContextReadReport* report = nullptr);

}  // namespace pc
