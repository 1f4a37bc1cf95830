#pragma once
// Shared pieces of the GDAL-side io/ sources (not public API): OGR <-> model geometry, text
// encoding, and the OGR writer of the table model (table_model.h) every export is fed from.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/analysis/results.h"
#include "geo/crs.h"
#include "geo/gdal.h"
#include "geo/io/styles.h"
#include "geo/model.h"
#include "table_model.h"

namespace pc::io {

// ---- the source (ogr_source.cpp) ----
// The layer named `name`, else the first with features, else the first; InputError naming the
// layers there when `name` is not one of them.
OGRLayer* pick_layer(GDALDataset& ds, const std::string& path, const std::string& name);
// "EPSG:32749", else the CRS's name.
std::string crs_label(const OGRSpatialReference& srs);
// nullopt when `src` is WGS 84 lon/lat already; InputError naming file, layer and geometry field
// when PROJ has no way there.
std::optional<CrsTransform> transform_to_lonlat(const OGRSpatialReference& src, const std::string& path,
                                                const std::string& layer, const std::string& geometry_field);

// ---- geometry (ogr_geometry.cpp) ----
// Null -> Empty; curves are linearised, Z/M dropped; a collection keeps its highest dimension.
Geometry from_ogr(const OGRGeometry* g);
// nullptr for an empty geometry. Single parts stay single unless the layer type is a multi type.
std::unique_ptr<OGRGeometry> to_ogr(const Geometry& g, OGRwkbGeometryType layer_type);

// ---- reading all or refusing (checked_read.cpp) ----
// The features of a layer, each read checked: a GDAL error while reading (a corrupt page, an
// unreadable geometry blob, a truncated file) is refused with an InputError naming file, layer and
// feature, never the end of the layer. finish() after the last feature compares the number read
// with the layer's count (a GeoPackage's stale cached count is recounted with SQL: a warning, not a
// refusal). Lives on one thread (it holds a GdalErrorCapture); errors raised by what the caller does
// between two next() calls are not counted as read errors.
class LayerReader {
public:
    LayerReader(GDALDataset& ds, OGRLayer& layer, std::string file);
    OGRFeatureUniquePtr next();  // nullptr at the end of the layer
    void finish(std::vector<std::string>* warnings);
    std::size_t read() const { return read_; }

private:
    GDALDataset& ds_;
    OGRLayer& layer_;
    std::string file_;
    GdalErrorCapture capture_;
    std::size_t read_ = 0;
    std::optional<GIntBig> last_fid_;
};

// SQLite-based sources (GeoPackage, SQLite) can hold text in a number column (SQLite types values,
// not columns), which OGR reads as 0: refused, naming the feature, the field and the text.
void check_number_columns(GDALDataset& ds, OGRLayer& layer, const std::string& file);

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
