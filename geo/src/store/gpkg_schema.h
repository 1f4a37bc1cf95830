#pragma once
// Internal: the GeoPackage bookkeeping around our tables, laid out as GDAL 3.6 writes it (so GDAL,
// QGIS and SQLite tools see the same file they did when GDAL wrote it): the gpkg_* tables, one
// layer's registration, its R-tree spatial index and the triggers that keep it, and the ST_*
// functions those triggers call (registered on every connection that writes).
#include <string>

#include "../io/table_model.h"
#include "sqlite.h"

namespace pc::store {

// application_id 'GPKG', user_version 10200, the gpkg_* tables and the three required SRS rows.
void create_geopackage(Db& db);
// ST_MinX/MaxX/MinY/MaxY/IsEmpty over GeoPackage blobs, as GDAL registers them.
void register_gpkg_functions(Db& db);
// EPSG:4326 in gpkg_spatial_ref_sys (a file another tool made may lack it).
void ensure_wgs84(Db& db);

struct LayerSpec {
    std::string name;
    io::LayerGeometry geometry = io::LayerGeometry::None;
    std::vector<io::Column> columns;
};
std::string create_table_sql(const LayerSpec& spec);
// The layer is there as create_layer + finish_layer make it (same columns, registered, with its
// triggers): its rows can be replaced in place, the triggers keeping R-tree and count.
bool has_same_layer(Db& db, const LayerSpec& spec);
// gpkg_contents' extent and last_change after rows were replaced in place.
void update_layer_contents(Db& db, const LayerSpec& spec, const Envelope& extent, const std::string& timestamp);
// CREATE TABLE plus gpkg_contents / gpkg_geometry_columns / gpkg_ogr_contents / gpkg_data_columns,
// and the (empty) R-tree of a spatial layer, which the writer fills with the rows.
void create_layer(Db& db, const LayerSpec& spec, const std::string& timestamp);
std::string rtree_name(const LayerSpec& spec);
// After the rows are in: extent and count in the contents tables, then the triggers (R-tree and
// feature count) for whoever edits the layer next.
void finish_layer(Db& db, const LayerSpec& spec, const Envelope& extent, std::int64_t count);
// The table, its R-tree, and every gpkg_* row naming it.
void drop_layer(Db& db, const std::string& name);

const char* sql_type(io::FieldType t);
const char* geometry_type_name(io::LayerGeometry g);

}  // namespace pc::store
