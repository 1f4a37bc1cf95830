#pragma once
// The context layers in the project file: the table `context_layers` (one row per layer in drawing
// order: name, source, kind, visibility, style and rules as JSON) and one feature table per layer
// (`context_<name>`, named in that row) with the layer's own attributes. Core: no GDAL.
#include <string>
#include <vector>

#include "geo/context_layer.h"
#include "table_model.h"

namespace pc::store {
class GeoPackage;
}

namespace pc::io {

inline constexpr const char* kContextLayersTable = "context_layers";

// The feature table name of every layer, in order: "context_" + its name made layer-safe, unique.
std::vector<std::string> context_table_names(const std::vector<ContextLayer>& layers);
// `context_layers` followed by the feature tables; none when there are no context layers.
std::vector<Table> context_tables(const std::vector<ContextLayer>& layers);
// The context layers of a project file, in drawing order; none when the file has no
// `context_layers` table (a file written before them). Throws InputError naming file, layer,
// feature and field for a value that cannot be read.
std::vector<ContextLayer> read_context_layers(store::GeoPackage& gpkg);
// The feature tables a project file's `context_layers` names (what a full save replaces).
std::vector<std::string> stored_context_tables(store::GeoPackage& gpkg);

}  // namespace pc::io
