#pragma once
// Bringing data in: any OGR vector source (GeoPackage, Shapefile, GeoJSON, KML, CSV with lon/lat or
// WKT columns), any CRS PROJ knows, with a field mapping given or guessed; population rasters.
// Unusable input throws InputError naming file/layer/feature/field; repairable input is repaired
// and counted in the report.
#include <string>
#include <vector>

#include "geo/model.h"

namespace pc {

enum class ImportTarget : std::uint8_t { Kabupaten, Kecamatan, Desa, Facilities, Zones, Initiatives, PopulationGrid };
const char* to_key(ImportTarget t);
std::optional<ImportTarget> parse_import_target(const std::string& s);

// Which source field holds what. Empty = guess from common names (BIG WADMKC/WADMKD/NAMOBJ/KDEPUM,
// Kemendagri code/name, kode/nama, penduduk/population ...).
struct FieldMapping {
    std::string name;
    std::string code;
    std::string parent_code;
    std::string bps_code;
    std::string population;
    std::string type;     // facility type
    std::string radius;   // service radius in metres
    std::string lon;      // CSV point columns
    std::string lat;
    std::string wkt;      // CSV geometry column
};

struct ImportOptions {
    ImportTarget target = ImportTarget::Desa;
    std::string layer;            // "" = the only/first layer with features
    FieldMapping mapping;         // given fields win over guesses
    std::string source_crs;       // overrides the source's CRS (e.g. a .shp without .prj)
    std::string facility_type;    // type for every feature when the source has no type field
    std::string encoding;         // source encoding override ("CP1252", "ISO-8859-1")
    bool require_population = true;  // desa/kecamatan without a population field are refused
    bool replace = true;          // replace the target layer's features (else append)
};

struct ImportReport {
    std::string file;
    std::string layer;
    FieldMapping mapping;          // what was used, guesses resolved
    std::string source_crs;        // as understood
    std::size_t read = 0;
    std::size_t imported = 0;
    std::size_t skipped = 0;       // e.g. empty geometry
    std::size_t repaired = 0;      // invalid geometry made valid
    std::size_t reencoded = 0;     // text fields converted to UTF-8
    std::vector<std::string> warnings;
};

// Layers of a vector source with their feature counts and field names (for previews).
struct LayerInfo {
    std::string name;
    std::string geometry_type;
    long long features = 0;
    std::vector<std::string> fields;
    std::string crs;  // "EPSG:4326" or "" when unknown
};
std::vector<LayerInfo> list_layers(const std::string& path);

FieldMapping guess_mapping(const std::vector<std::string>& field_names, ImportTarget target);

// Imports one layer into the project (lon/lat). Throws InputError; the project is unchanged on error.
ImportReport import_layer(Project& project, const std::string& path, const ImportOptions& options);

// What an import would do, without doing it: the layer, its fields, the mapping that would be used
// (guesses resolved, given fields win) and the first rows as text. Throws InputError.
struct ImportPreview {
    std::string file;
    std::string layer;                // "initiatives+initiatives_line+..." when kind layers are read with it
    std::string driver;
    std::string geometry_type;
    std::string crs;                  // "EPSG:4326", or "" when the source has none
    long long features = 0;
    FieldMapping mapping;
    std::vector<std::string> fields;  // column names, geometry last as "geometry" when the layer has one
    std::vector<std::vector<std::string>> rows;
};
ImportPreview preview_import(const std::string& path, const ImportOptions& options, std::size_t rows = 5);

// Joins a population table (CSV, XLSX, any OGR table) onto the desa layer by desa code.
// Codes match exactly, else by their digits ("35.14.24.2005" = "3514242005"). Unknown codes,
// duplicate codes, non-numeric, negative or impossible values (over 10 million for a desa) are errors
// naming the row; desa without a row keep their population and are listed.
struct PopulationJoinReport {
    std::string file;
    std::string layer;
    std::size_t rows = 0;
    std::size_t matched = 0;
    std::vector<std::string> unmatched_codes;  // in the table, not in the desa layer
    std::vector<std::string> desa_without_row; // desa codes the table does not mention
    std::size_t empty_values = 0;              // rows with an empty population (left as they were)
    std::vector<std::string> warnings;         // implausible values (a desa over 200,000 persons)
};
// On error the project is unchanged. `layer` "" = the first layer of the table.
PopulationJoinReport join_population(Project& project, const std::string& table_path, const std::string& key_field,
                                     const std::string& population_field, const std::string& layer = "");

// A population raster (GeoTIFF or any GDAL raster) as polygon cells in lon/lat; nodata and
// non-positive cells are left out. Throws InputError.
PopulationGrid read_population_raster(const std::string& path, int band = 1);

}  // namespace pc
