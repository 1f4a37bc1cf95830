#pragma once
// Internal: reading the tables of a GeoPackage by field name, as OGR sees them (the fid and the
// geometry column apart, the other columns as fields in table order, names case-insensitive), but
// strictly: a value of the wrong kind (text where a number must be, a blob that is not a geometry)
// is an InputError naming file, layer, feature and field instead of a silent 0 or NULL.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "geo/model.h"
#include "sqlite.h"

namespace pc::store {

// The layers (tables registered in gpkg_contents) of an open GeoPackage.
class GeoPackage {
public:
    explicit GeoPackage(Db& db);
    Db& db() { return db_; }
    const std::string& file() const { return db_.path(); }
    // The table name as stored (layer names are case-insensitive), or nullopt.
    std::optional<std::string> layer(const std::string& name) const;
    // The geometry column of a layer ("" for a non-spatial table).
    std::string geometry_column(const std::string& table) const;

private:
    Db& db_;
    std::map<std::string, std::string> layers_;     // lower name -> name
    std::map<std::string, std::string> geometry_;   // lower table name -> geometry column
};

enum class ValueKind : std::uint8_t { Integer, Real, Text, Blob };

// One pass over a layer's rows.
class LayerReader {
public:
    LayerReader(GeoPackage& gpkg, const std::string& table);

    bool next();                      // the next row, in fid order
    std::int64_t fid() const;
    std::string label() const { return std::to_string(fid()); }
    const std::string& table() const { return table_; }
    const std::string& file() const { return file_; }

    int index(const std::string& field, bool required = true) const;  // -1 when absent and not required
    bool has(const std::string& field) const { return index(field, false) >= 0; }
    bool is_null(int i) const;
    std::string str(const std::string& field) const;           // NULL -> ""
    std::optional<double> real(const std::string& field) const;
    std::int64_t integer(const std::string& field) const;      // NULL -> 0
    std::optional<std::int64_t> integer_or_null(const std::string& field) const;
    Geometry geometry() const;                                 // NULL -> empty
    std::string_view geometry_blob() const;                    // the raw GeoPackage blob ("" for NULL)
    // The fields other than `core` (lower-case names) and `absent` (exact names), typed by their
    // declared column type.
    std::vector<ExtraField> extras(const std::set<std::string>& core, const std::set<std::string>* absent) const;
    const std::vector<std::string>& field_names() const { return names_; }

    [[noreturn]] void fail(const std::string& field, const std::string& what) const;

private:
    std::string text_at(int i, const std::string& field) const;
    double real_at(int i, const std::string& field) const;
    std::int64_t integer_at(int i, const std::string& field) const;

    std::string file_, table_, geometry_column_;
    std::vector<std::string> names_;        // fields, in table order
    std::vector<ValueKind> kinds_;          // by declared type
    std::map<std::string, int> by_lower_;   // lower name -> field index
    std::optional<Stmt> stmt_;              // fid, geometry (or NULL), fields...
};

}  // namespace pc::store

namespace pc::store {

// The uuid a feature is known by: the one in its row, or, for a row without a valid one (a feature
// added in QGIS leaves it NULL) or with one an earlier row of the layer already has (a feature
// copied in QGIS), one derived from the table, the fid and the geometry, so reading the same file
// twice, or the file being saved, gives the same uuid. `seen` holds the uuids of earlier rows.
Uuid feature_uuid(const std::string& raw, const std::string& table, std::int64_t fid, std::string_view geometry_blob,
                  std::set<std::string>& seen);

}  // namespace pc::store
