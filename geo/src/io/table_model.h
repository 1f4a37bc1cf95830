#pragma once
// The table model every writer is fed from (the project file through SQLite, the exports through
// OGR): the project and its metrics as plain named tables. Core: no GDAL here.
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "geo/analysis/results.h"
#include "geo/model.h"

namespace pc::io {

// Column types, as a GeoPackage declares them (GDAL's names for them in comments).
enum class FieldType : std::uint8_t {
    Text,       // TEXT (OFTString)
    Integer,    // MEDIUMINT (OFTInteger)
    Integer64,  // INTEGER (OFTInteger64)
    Real,       // REAL (OFTReal)
    Boolean,    // BOOLEAN (OFTInteger, subtype boolean)
    Json,       // TEXT with the GeoPackage JSON mime type (OFTString, subtype JSON)
};

// The declared geometry of a layer.
enum class LayerGeometry : std::uint8_t {
    None,  // a non-spatial table
    Point,
    MultiPoint,
    LineString,
    MultiLineString,
    Polygon,
    MultiPolygon,
    Mixed,  // points, lines and polygons in one table: written as one layer per kind where needed
};

struct Column {
    std::string name;
    FieldType type = FieldType::Text;
};

struct Table {
    std::string name;
    LayerGeometry geometry_type = LayerGeometry::None;
    std::vector<Column> columns;
    std::vector<std::vector<FieldValue>> rows;
    std::vector<const Geometry*> geometries;     // parallel to rows for spatial tables (nullptr = none)
    bool is_feature_layer = false;               // a project layer (has uuid), not a derived table
};

// Every project layer and settings table, plus the metrics tables when `metrics` is given.
std::vector<Table> project_tables(const Project& project, const AnalysisResult* metrics);
// Only the tables derived from an analysis (metrics_*, service_area_*, data_quality,
// initiative_stats, initiative_reach, provenance): what `analyze` replaces in a project file.
std::vector<Table> metrics_tables(const AnalysisResult& metrics);
// True for a table name metrics_tables() writes (or wrote for an earlier analysis).
bool is_metrics_table(const std::string& name);
// The metrics tables, each with the gap geometry of its units.
inline constexpr const char* kMetricsTables[] = {"metrics_desa", "metrics_kecamatan", "metrics_district",
                                                 "metrics_zone", "metrics_zone_desa"};
// The service area layer of each service of `r`, in its order: service_area_<key>, unique ignoring case.
std::vector<std::string> service_area_layer_names(const AnalysisResult& r);

// Facilities and initiatives may be points, lines or polygons; QGIS draws a GeoPackage layer with
// the symbol of its declared geometry type only, so the project file holds one layer per kind:
// `initiatives` (points, and features without geometry), `initiatives_line`, `initiatives_polygon`.
std::string kind_layer_name(const std::string& base, GeometryKind kind);
inline constexpr GeometryKind kLayerKinds[] = {GeometryKind::Point, GeometryKind::Line, GeometryKind::Polygon};
// The declared type of a kind layer: Point (MultiPoint when a feature has several points),
// MultiLineString, MultiPolygon.
LayerGeometry kind_layer_type(const Table& table, GeometryKind kind);
// Row filter of a kind layer (Empty geometries go with the points).
bool in_kind_layer(const Geometry* g, GeometryKind kind);

// The extra fields a feature does not have although its layer has a column for them (a school has
// no "rawat_inap" of the puskesmas): (layer, uuid, field) rows, so that loading gives each feature
// back exactly the extras it had, and a NULL the feature really has stays a NULL. Empty when every
// feature has every column of its layer.
Table absent_extras_table(const Project& project);
inline constexpr const char* kAbsentExtrasTable = "absent_extras";

// The uuid a population grid cell is written with: derived from its geometry and population (and
// how many identical cells came before it), so it stays the same over every save and export.
std::string population_cell_uuid(const PopulationCell& cell, std::size_t duplicates_before);

// When files are written (UTC): $OGR_CURRENT_DATE when set (reproducible files, as GDAL does for
// gpkg_contents), else now.
std::tm file_time();
// "2025-01-01T00:00:00.000Z" as UTC time fields (a save's timestamp).
std::tm time_of(const std::string& iso_timestamp);

const char* population_method_key(PopulationMethod m);
std::string layer_safe(const std::string& s);  // "Puskesmas Keliling" -> "puskesmas_keliling"
std::string colour_hex(std::uint32_t rgba);     // "#rrggbbaa"
std::optional<std::uint32_t> parse_colour(const std::string& s);
// Text safe inside XML/HTML content and double- or single-quoted attributes.
std::string xml_escape(const std::string& s);
std::string lower(std::string s);
bool iequals(const std::string& a, const std::string& b);

}  // namespace pc::io
