// Rows of a plan's tables from a GeoPackage or from PostgreSQL, and how they compare.
#include "rows.h"

#include <sqlite3.h>

#include <cmath>
#include <cstdio>
#include <set>

#include "../store/feature_identity.h"
#include "../store/gpkg_geometry.h"
#include "../store/sqlite.h"
#include "geo/error.h"
#include "pg.h"

namespace pc::plan {

const std::vector<SyncedLayer>& synced_layers() {
    static const std::vector<SyncedLayer> layers = [] {
        std::vector<SyncedLayer> v;
        auto kinds = [](const std::string& base) {
            std::vector<std::string> t;
            for (GeometryKind k : io::kLayerKinds) t.push_back(io::kind_layer_name(base, k));
            return t;
        };
        v.push_back({"kabupaten", {"kabupaten"}, {"uuid"}, true, "kabupaten"});
        v.push_back({"kecamatan", {"kecamatan"}, {"uuid"}, true, "kecamatan"});
        v.push_back({"desa", {"desa"}, {"uuid"}, true, "desa"});
        v.push_back({"facilities", kinds("facilities"), {"uuid"}, true, "facility"});
        v.push_back({"zones", {"zones"}, {"uuid"}, true, "zone"});
        v.push_back({"initiatives", kinds("initiatives"), {"uuid"}, true, "initiative"});
        v.push_back({"population_grid", {"population_grid"}, {"uuid"}, true, "population cell"});
        v.push_back({"settings", {"settings"}, {"key"}, false, "setting"});
        v.push_back({"facility_types", {"facility_types"}, {"key"}, false, "facility type"});
        v.push_back({"opd", {"opd"}, {"name"}, false, "OPD"});
        v.push_back({io::kAbsentExtrasTable, {io::kAbsentExtrasTable}, {"layer", "uuid", "field"}, false, "absent extra field"});
        v.push_back({"views", {"views"}, {"uuid"}, false, "view"});
        return v;
    }();
    return layers;
}

const SyncedLayer* synced_layer(const std::string& name) {
    for (auto& l : synced_layers())
        if (l.name == name) return &l;
    return nullptr;
}

const SyncedLayer* layer_of_table(const std::string& table) {
    const std::string t = io::lower(table);
    for (auto& l : synced_layers())
        for (auto& name : l.tables)
            if (name == t) return &l;
    return nullptr;
}

std::string table_for_kind(const SyncedLayer& layer, GeometryKind kind) {
    if (layer.tables.size() == 1) return layer.tables[0];
    return io::kind_layer_name(layer.name, kind == GeometryKind::Empty ? GeometryKind::Point : kind);
}

const ColumnInfo* TableInfo::column(const std::string& n) const {
    for (auto& c : columns)
        if (io::iequals(c.name, n)) return &c;
    return nullptr;
}

namespace {

std::string value_text(const FieldValue& v) {
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (auto* d = std::get_if<double>(&v)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", *d);
        return buf;
    }
    return "";
}

const FieldValue kNull{};

const FieldValue& get(const Fields& f, const std::string& name) {
    auto it = f.find(name);
    return it == f.end() ? kNull : it->second;
}

}  // namespace

std::string row_key(const SyncedLayer& layer, const Fields& fields) {
    std::string k;
    for (std::size_t i = 0; i < layer.key_columns.size(); ++i) {
        if (i) k += '|';
        k += value_text(get(fields, layer.key_columns[i]));
    }
    return k;
}

bool same_value(const FieldValue& a, const FieldValue& b) {
    if (a.index() == b.index()) {
        if (auto* d = std::get_if<double>(&a)) {
            const double e = std::get<double>(b);
            return *d == e || (std::isnan(*d) && std::isnan(e));
        }
        return a == b;
    }
    auto number = [](const FieldValue& v) -> std::optional<double> {
        if (auto* i = std::get_if<std::int64_t>(&v)) return double(*i);
        if (auto* d = std::get_if<double>(&v)) return *d;
        return std::nullopt;
    };
    const auto x = number(a), y = number(b);
    return x && y && *x == *y;
}

bool same_geometry(const std::string& a, const std::string& b) {
    if (a == b) return true;
    if (a.empty() || b.empty()) {
        // NULL and an empty geometry are the same to the model.
        const std::string& other = a.empty() ? b : a;
        try {
            return store::parse_gpkg_geometry(other).empty();
        } catch (const store::BadGeometry&) {
            return false;
        }
    }
    try {
        return store::parse_gpkg_geometry(a) == store::parse_gpkg_geometry(b);
    } catch (const store::BadGeometry&) {
        return false;
    }
}

FieldValue field_of(const Row& r, const std::string& field) {
    if (field == kGeometryField) return r.geometry_blob.empty() ? FieldValue{} : FieldValue{r.geometry_blob};
    return get(r.fields, field);
}

bool same_field(const Row& a, const Row& b, const std::string& field) {
    if (field == kGeometryField) return same_geometry(a.geometry_blob, b.geometry_blob);
    return same_value(get(a.fields, field), get(b.fields, field));
}

std::vector<std::string> field_names(const Row& a, const Row* b, const Row* c) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const Row* r : {&a, b, c}) {
        if (!r) continue;
        for (auto& [name, v] : r->fields)
            if (seen.insert(name).second) out.push_back(name);
    }
    if (a.has_geometry_column || (b && b->has_geometry_column) || (c && c->has_geometry_column))
        out.push_back(kGeometryField);
    return out;
}

std::string describe(const FieldValue& v) {
    if (std::holds_alternative<std::monostate>(v)) return "NULL";
    if (auto* s = std::get_if<std::string>(&v)) return "'" + *s + "'";
    return value_text(v);
}

// --- GeoPackage ------------------------------------------------------------------------------------

namespace {

io::FieldType field_type_of_declared(std::string declared) {
    for (char& c : declared) c = char(std::toupper(static_cast<unsigned char>(c)));
    if (declared == "MEDIUMINT" || declared == "INT" || declared == "SMALLINT" || declared == "TINYINT")
        return io::FieldType::Integer;
    if (declared == "INTEGER" || declared == "BIGINT") return io::FieldType::Integer64;
    if (declared == "REAL" || declared == "FLOAT" || declared == "DOUBLE") return io::FieldType::Real;
    if (declared == "BOOLEAN") return io::FieldType::Boolean;
    return io::FieldType::Text;
}

io::LayerGeometry layer_geometry_of(std::string name) {
    for (char& c : name) c = char(std::toupper(static_cast<unsigned char>(c)));
    if (name == "POINT") return io::LayerGeometry::Point;
    if (name == "MULTIPOINT") return io::LayerGeometry::MultiPoint;
    if (name == "LINESTRING") return io::LayerGeometry::LineString;
    if (name == "MULTILINESTRING") return io::LayerGeometry::MultiLineString;
    if (name == "POLYGON") return io::LayerGeometry::Polygon;
    if (name == "MULTIPOLYGON") return io::LayerGeometry::MultiPolygon;
    return io::LayerGeometry::Mixed;  // GEOMETRY, GEOMETRYCOLLECTION
}

FieldValue sqlite_value(const store::Stmt& s, int i) {
    switch (s.type(i)) {
        case SQLITE_INTEGER: return s.int64(i);
        case SQLITE_FLOAT: return s.real(i);
        case SQLITE_TEXT: return s.text(i);
        case SQLITE_BLOB: return std::string(s.blob(i));
    }
    return {};
}

}  // namespace

std::optional<TableInfo> gpkg_table_info(store::Db& db, const std::string& table) {
    std::string actual;
    {
        store::Stmt s(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND lower(name) = lower(?)", table);
        s.bind(1, table);
        if (!s.step()) return std::nullopt;
        actual = s.text(0);
    }
    TableInfo info;
    info.name = actual;
    std::string geometry_column;
    if (db.has_table("gpkg_geometry_columns")) {
        store::Stmt s(db, "SELECT column_name, geometry_type_name FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)",
                      table);
        s.bind(1, actual);
        if (s.step()) {
            geometry_column = s.text(0);
            info.geometry = layer_geometry_of(s.text(1));
        }
    }
    std::set<std::string> json;
    if (db.has_table("gpkg_data_columns")) {
        store::Stmt s(db, "SELECT column_name FROM gpkg_data_columns WHERE lower(table_name) = lower(?) AND mime_type = 'application/json'",
                      table);
        s.bind(1, actual);
        while (s.step()) json.insert(io::lower(s.text(0)));
    }
    store::Stmt s(db, "PRAGMA table_info(" + store::quoted(actual) + ")", actual);
    while (s.step()) {
        const std::string name = s.text(1), declared = s.text(2);
        if (s.int64(5) == 1 && io::iequals(declared, "INTEGER")) continue;  // the fid
        if (!geometry_column.empty() && io::iequals(name, geometry_column)) continue;
        io::FieldType t = field_type_of_declared(declared);
        if (json.count(io::lower(name))) t = io::FieldType::Json;
        info.columns.push_back({name, t});
    }
    return info;
}

std::vector<Row> read_gpkg_table(store::Db& db, const TableInfo& info) {
    std::string geometry_column;
    if (info.geometry != io::LayerGeometry::None) {
        store::Stmt s(db, "SELECT column_name FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)", info.name);
        s.bind(1, info.name);
        if (s.step()) geometry_column = s.text(0);
    }
    std::string sql = "SELECT rowid, " + (geometry_column.empty() ? std::string("NULL") : store::quoted(geometry_column));
    for (auto& c : info.columns) sql += ", " + store::quoted(c.name);
    sql += " FROM " + store::quoted(info.name) + " ORDER BY 1";
    store::Stmt s(db, sql, info.name);
    std::vector<Row> out;
    while (s.step()) {
        Row r;
        r.table = info.name;
        r.fid = s.int64(0);
        r.has_geometry_column = !geometry_column.empty();
        if (r.has_geometry_column && s.type(1) == SQLITE_BLOB) r.geometry_blob = std::string(s.blob(1));
        for (std::size_t c = 0; c < info.columns.size(); ++c) {
            FieldValue v = sqlite_value(s, int(c) + 2);
            // OGR's view of a BOOLEAN or integer column holding a whole REAL: the number it is.
            r.fields.emplace(info.columns[c].name, std::move(v));
        }
        out.push_back(std::move(r));
    }
    return out;
}

RowSet read_gpkg_rows(store::Db& db) {
    RowSet out;
    for (const SyncedLayer& layer : synced_layers()) {
        std::set<std::string> seen;  // uuids of earlier rows of the layer (its kind layers in order)
        for (const std::string& table : layer.tables) {
            auto info = gpkg_table_info(db, table);
            if (!info) continue;
            for (Row& r : read_gpkg_table(db, *info)) {
                if (layer.uuid_keyed() && layer.spatial) {
                    auto it = r.fields.find("uuid");
                    std::string raw = it == r.fields.end() ? "" : value_text(it->second);
                    // As the project reader names it (feature_identity.h): a row QGIS added without
                    // a uuid gets the same derived uuid here as in the model.
                    const Uuid id = store::feature_uuid(raw, info->name, r.fid, r.geometry_blob, seen);
                    r.fields["uuid"] = id;
                }
                RowKey key{layer.name, row_key(layer, r.fields)};
                if (out.count(key))
                    throw InputError({db.path(), info->name, std::to_string(r.fid), layer.key_columns[0]},
                                     "the " + layer.noun + " '" + key.key + "' is there twice");
                out.emplace(std::move(key), std::move(r));
            }
        }
    }
    return out;
}

// --- PostgreSQL ------------------------------------------------------------------------------------

io::FieldType field_type_of_pg(unsigned t) {
    switch (t) {
        case oid::kInt2:
        case oid::kInt4: return io::FieldType::Integer;
        case oid::kInt8: return io::FieldType::Integer64;
        case oid::kFloat4:
        case oid::kFloat8:
        case oid::kNumeric: return io::FieldType::Real;
        case oid::kBool: return io::FieldType::Boolean;
        case oid::kJson:
        case oid::kJsonb: return io::FieldType::Json;
    }
    return io::FieldType::Text;
}

const char* pg_type(io::FieldType t) {
    switch (t) {
        case io::FieldType::Text: return "text";
        case io::FieldType::Integer: return "integer";
        case io::FieldType::Integer64: return "bigint";
        case io::FieldType::Real: return "double precision";
        case io::FieldType::Boolean: return "boolean";
        case io::FieldType::Json: return "json";
    }
    return "text";
}

const char* pg_geometry_type(io::LayerGeometry g) {
    switch (g) {
        case io::LayerGeometry::Point: return "Point";
        case io::LayerGeometry::MultiPoint: return "MultiPoint";
        case io::LayerGeometry::LineString: return "LineString";
        case io::LayerGeometry::MultiLineString: return "MultiLineString";
        case io::LayerGeometry::Polygon: return "Polygon";
        case io::LayerGeometry::MultiPolygon: return "MultiPolygon";
        case io::LayerGeometry::Mixed:
        case io::LayerGeometry::None: break;
    }
    return "Geometry";
}

std::map<std::string, TableInfo> pg_tables(PgConnection& c, const std::string& schema) {
    PgResult r = c.exec(
        "SELECT cl.relname, a.attname, a.atttypid, format_type(a.atttypid, a.atttypmod) "
        "FROM pg_attribute a JOIN pg_class cl ON cl.oid = a.attrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
        "WHERE n.nspname = $1 AND cl.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped "
        "AND cl.relname NOT LIKE 'plan\\_%' ORDER BY cl.relname, a.attnum",
        {schema});
    std::map<std::string, TableInfo> out;
    for (int i = 0; i < r.rows(); ++i) {
        const std::string table = r.text(i, 0), column = r.text(i, 1), type = r.text(i, 3);
        TableInfo& t = out[table];
        t.name = table;
        if (column == "fid" || column.rfind("pc_", 0) == 0) continue;
        if (column == kGeometryField && type.rfind("geometry", 0) == 0) {
            const auto open = type.find('('), comma = type.find(',');
            const std::string g = open == std::string::npos ? "GEOMETRY" : type.substr(open + 1, comma - open - 1);
            t.geometry = layer_geometry_of(g);
            continue;
        }
        t.columns.push_back({column, field_type_of_pg(unsigned(r.int64(i, 2)))});
    }
    return out;
}

std::vector<Row> read_pg_rows(PgConnection& c, const std::string& schema, const TableInfo& info, const std::string& where,
                              const std::vector<std::optional<std::string>>& params) {
    const bool spatial = info.geometry != io::LayerGeometry::None;
    std::string sql = std::string("SELECT fid, ") + (spatial ? "ST_AsBinary(geom)" : "NULL::bytea");
    for (auto& col : info.columns) sql += ", " + c.ident(col.name);
    const bool versioned = layer_of_table(info.name) != nullptr;
    sql += versioned ? ", pc_version" : ", 0";
    sql += " FROM " + c.ident(schema) + "." + c.ident(info.name);
    if (!where.empty()) sql += " WHERE " + where;
    sql += " ORDER BY fid";
    PgResult r = c.exec(sql, params);
    std::vector<Row> out;
    out.reserve(std::size_t(r.rows()));
    const int ncols = int(info.columns.size());
    for (int i = 0; i < r.rows(); ++i) {
        Row row;
        row.table = info.name;
        row.fid = r.int64(i, 0);
        row.has_geometry_column = spatial;
        if (spatial && !r.is_null(i, 1)) row.geometry_blob = store::gpkg_blob_of_wkb(bytes_of_bytea_text(r.text(i, 1)));
        for (int k = 0; k < ncols; ++k) {
            const int col = k + 2;
            FieldValue v;
            if (!r.is_null(i, col)) {
                switch (info.columns[std::size_t(k)].type) {
                    case io::FieldType::Integer:
                    case io::FieldType::Integer64: v = r.int64(i, col); break;
                    case io::FieldType::Boolean: v = std::int64_t(r.boolean(i, col) ? 1 : 0); break;
                    case io::FieldType::Real: v = r.real(i, col); break;
                    case io::FieldType::Text:
                    case io::FieldType::Json: v = r.text(i, col); break;
                }
            }
            row.fields.emplace(info.columns[std::size_t(k)].name, std::move(v));
        }
        row.version = r.int64(i, ncols + 2);
        out.push_back(std::move(row));
    }
    return out;
}

std::optional<std::string> pg_param(const FieldValue& v) {
    if (std::holds_alternative<std::monostate>(v)) return std::nullopt;
    if (auto* d = std::get_if<double>(&v); d && !std::isfinite(*d)) return std::nullopt;
    return value_text(v);
}

std::string wkb_of_geometry(const Geometry& g, io::LayerGeometry declared) {
    if (g.empty()) return {};
    const std::string canonical = store::gpkg_geometry_blob(g, declared);
    return std::string(store::gpkg_wkb(canonical));
}

std::string wkb_for(const std::string& blob, io::LayerGeometry declared) {
    if (blob.empty()) return {};
    return wkb_of_geometry(store::parse_gpkg_geometry(blob), declared);
}

}  // namespace pc::plan
