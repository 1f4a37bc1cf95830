#pragma once
// Internal: the rows of a plan's tables, the same whether they come from PostgreSQL or from a
// GeoPackage (a working copy, its base versions, a project file being published). Sync compares
// rows field by field: a feature is identified by its layer and key (the uuid; the key of a setting,
// the name of an OPD), not by where or in which kind layer it is stored.
#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "../io/table_model.h"
#include "geo/geometry.h"
#include "geo/model.h"
#include "geo/plan/sync.h"

namespace pc::store {
class Db;
}

namespace pc::plan {

class PgConnection;

// A layer of the model as sync sees it: the tables it is stored in and how its rows are keyed.
struct SyncedLayer {
    std::string name;                      // "initiatives"
    std::vector<std::string> tables;       // "initiatives", "initiatives_line", "initiatives_polygon"
    std::vector<std::string> key_columns;  // {"uuid"}; {"key"}; {"layer", "uuid", "field"}
    bool spatial = false;
    std::string noun;                      // "initiative", for messages
    bool uuid_keyed() const { return key_columns.size() == 1 && key_columns[0] == "uuid"; }
};
const std::vector<SyncedLayer>& synced_layers();
const SyncedLayer* synced_layer(const std::string& name);
// The synced layer a table belongs to (a kind layer to its base), or nullptr (metrics, styles ...).
const SyncedLayer* layer_of_table(const std::string& table);
// The table of a layer that holds a geometry of this kind ("initiatives_polygon").
std::string table_for_kind(const SyncedLayer& layer, GeometryKind kind);

struct ColumnInfo {
    std::string name;
    io::FieldType type = io::FieldType::Text;
};
struct TableInfo {
    std::string name;
    io::LayerGeometry geometry = io::LayerGeometry::None;  // None: a table without geometry
    std::vector<ColumnInfo> columns;                       // without fid, geom and pc_* bookkeeping
    const ColumnInfo* column(const std::string& name) const;
};

using Fields = std::map<std::string, FieldValue>;

// The geometry column, as a field of its own for merging ("geom").
inline constexpr const char* kGeometryField = "geom";

struct Row {
    std::string table;           // where it is stored
    std::int64_t fid = 0;
    std::int64_t version = 0;    // the server's version (0 for a row only in a working copy)
    Fields fields;               // every column but fid, the geometry and the pc_* bookkeeping
    bool has_geometry_column = false;
    std::string geometry_blob;   // GeoPackage blob ("" = NULL), the form every row carries
};

using RowKey = FeatureKey;  // synced layer name and key
using RowSet = std::map<RowKey, Row>;

// The key of a row of `layer` ("a|b|c" for several key columns).
std::string row_key(const SyncedLayer& layer, const Fields& fields);

// Values are equal as numbers when they are numbers (5 == 5.0), as text otherwise, NULL only to NULL.
bool same_value(const FieldValue& a, const FieldValue& b);
// Same geometry: the same blob, or the same coordinates once parsed.
bool same_geometry(const std::string& blob_a, const std::string& blob_b);
// A field of a row: a value, or the geometry blob as text for "geom"; a missing field is NULL.
FieldValue field_of(const Row& r, const std::string& field);
bool same_field(const Row& a, const Row& b, const std::string& field);
// Every field either row has (the geometry as kGeometryField), in order.
std::vector<std::string> field_names(const Row& a, const Row* b = nullptr, const Row* c = nullptr);
std::string describe(const FieldValue& v);  // for messages and conflicts: 'text', 12, 3.5, NULL

// --- GeoPackage side -----------------------------------------------------------------------------

// The columns of a GeoPackage table (declared types; JSON from gpkg_data_columns), nullopt when the
// table is not there.
std::optional<TableInfo> gpkg_table_info(store::Db& db, const std::string& table);
// Every row of the synced layers in a GeoPackage. Rows without a usable uuid (added in QGIS) get
// the uuid load_project gives them, so the working copy and the model agree.
RowSet read_gpkg_rows(store::Db& db);
// The rows of one table (any table: metrics too), keyed by fid order.
std::vector<Row> read_gpkg_table(store::Db& db, const TableInfo& info);

// --- PostgreSQL side -----------------------------------------------------------------------------

// The tables of a plan's schema (pc_* bookkeeping columns left out).
std::map<std::string, TableInfo> pg_tables(PgConnection& c, const std::string& schema);
// Rows of one table; `where` (SQL, may be "") filters. Columns: fid, geometry, fields, pc_version.
std::vector<Row> read_pg_rows(PgConnection& c, const std::string& schema, const TableInfo& info,
                              const std::string& where = "", const std::vector<std::optional<std::string>>& params = {});

// A value as libpq's text parameter (NULL for monostate and non-finite numbers).
std::optional<std::string> pg_param(const FieldValue& v);
const char* pg_type(io::FieldType t);
const char* pg_geometry_type(io::LayerGeometry g);  // "MultiPolygon" ...
io::FieldType field_type_of_pg(unsigned type_oid);
// WKB of a row's geometry as the table declares it (a Point table gets a point), "" for NULL.
std::string wkb_for(const std::string& gpkg_blob, io::LayerGeometry declared);
std::string wkb_of_geometry(const Geometry& g, io::LayerGeometry declared);

}  // namespace pc::plan
