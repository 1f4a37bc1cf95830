#pragma once
// Shared pieces of the GDAL-side io/ sources (not public API): OGR <-> model geometry, text
// encoding, and the OGR writer of the table model (table_model.h) every export is fed from.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "geo/analysis/results.h"
#include "geo/io/styles.h"
#include "geo/model.h"
#include "table_model.h"

namespace pc::io {

// ---- geometry (ogr_geometry.cpp) ----
// Null -> Empty; curves are linearised, Z/M dropped; a collection keeps its highest dimension.
Geometry from_ogr(const OGRGeometry* g);
// nullptr for an empty geometry. Single parts stay single unless the layer type is a multi type.
std::unique_ptr<OGRGeometry> to_ogr(const Geometry& g, OGRwkbGeometryType layer_type);

// ---- text (text_encoding.cpp) ----
bool is_valid_utf8(const std::string& s);
// Converts from `encoding` ("" = CP1252) to UTF-8.
std::string recode_to_utf8(const std::string& s, const std::string& encoding);

// ---- the table model in OGR terms (ogr_tables.cpp) ----
OGRFieldType ogr_field_type(FieldType t);
OGRFieldSubType ogr_field_subtype(FieldType t);
// Mixed is wkbUnknown (any geometry), None is wkbNone.
OGRwkbGeometryType ogr_geometry_type(LayerGeometry g);

// The kind layers written beside `layer` in a PetaCerdas GeoPackage (`<name>_line`,
// `<name>_polygon` with the same fields and CRS): what an import of `layer` reads with it.
std::vector<OGRLayer*> kind_siblings(GDALDataset& ds, OGRLayer& layer);

struct WriteOptions {
    std::string layer_name;                       // "" = table name
    std::vector<std::string> layer_options;       // "KEY=VALUE"
    OGRwkbGeometryType geometry_type = wkbNone;   // wkbNone = the table's own
    std::function<bool(const Geometry*)> keep;    // row filter on the geometry (Shapefile split)
    std::map<std::string, std::string> rename;    // column name -> name written (Shapefile)
    std::vector<Column> extra_columns;            // CSV lon/lat
    std::function<std::vector<FieldValue>(const Geometry*)> extra_values;
    bool fid_from_row = false;  // FID = row index + 1: the layers of a split table keep the model's order
    // Rows without geometry get an empty geometry of the layer's type instead of none: QGIS lists the
    // features of a GeoJSON or CSV layer by geometry type and leaves out those without one.
    bool empty_geometry_for_none = false;
    // Where a geometry had to be repaired before writing: "layer 'x', feature 'y': <GEOS reason>".
    std::vector<std::string>* repairs = nullptr;
};

// Writes one table as a layer of `ds` (EPSG:4326) inside a transaction when the driver has them.
// Every geometry is made valid first (valid_geometry.h; repairs listed in options.repairs).
// Throws InputError for clashing column names or a geometry that cannot be made valid (naming the
// layer and feature), GdalError when GDAL refuses.
void write_table(GDALDataset& ds, const Table& table, const WriteOptions& options = {});

}  // namespace pc::io
