#include "layer_reader.h"

#include <sqlite3.h>

#include <cctype>
#include <cmath>
#include <cstdio>

#include "geo/error.h"
#include "geo/hash.h"
#include "gpkg_geometry.h"

namespace pc::store {
namespace {

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// How OGR types a GeoPackage column by its declared type.
ValueKind kind_of(const std::string& declared) {
    auto starts = [&](const char* p) { return declared.rfind(p, 0) == 0; };
    if (declared == "INTEGER" || declared == "INT" || declared == "MEDIUMINT" || declared == "SMALLINT" ||
        declared == "TINYINT" || declared == "BOOLEAN" || declared == "BIGINT")
        return ValueKind::Integer;
    if (declared == "REAL" || declared == "FLOAT" || declared == "DOUBLE") return ValueKind::Real;
    if (starts("BLOB")) return ValueKind::Blob;
    return ValueKind::Text;  // TEXT, TEXT(n), DATE, DATETIME, and what OGR does not know
}

const char* storage_name(int type) {
    switch (type) {
        case SQLITE_INTEGER: return "a whole number";
        case SQLITE_FLOAT: return "a number";
        case SQLITE_TEXT: return "text";
        case SQLITE_BLOB: return "binary data";
    }
    return "NULL";
}

std::string shorten(std::string s) {
    if (s.size() > 60) s = s.substr(0, 57) + "...";
    return s;
}

}  // namespace

GeoPackage::GeoPackage(Db& db) : db_(db) {
    if (!db.has_table("gpkg_contents"))
        throw InputError({db.path()}, "not a GeoPackage (no gpkg_contents table): not a PetaCerdas project file");
    {
        Stmt s(db, "SELECT c.table_name FROM gpkg_contents c JOIN sqlite_master m ON lower(m.name) = lower(c.table_name) "
                   "AND m.type IN ('table', 'view')",
               "gpkg_contents");
        while (s.step()) {
            const std::string name = s.text(0);
            layers_[lower(name)] = name;
        }
    }
    if (db.has_table("gpkg_geometry_columns")) {
        Stmt s(db, "SELECT table_name, column_name FROM gpkg_geometry_columns", "gpkg_geometry_columns");
        while (s.step()) geometry_[lower(s.text(0))] = s.text(1);
    }
}

std::optional<std::string> GeoPackage::layer(const std::string& name) const {
    auto it = layers_.find(lower(name));
    if (it == layers_.end()) return std::nullopt;
    return it->second;
}

std::string GeoPackage::geometry_column(const std::string& table) const {
    auto it = geometry_.find(lower(table));
    return it == geometry_.end() ? std::string() : it->second;
}

LayerReader::LayerReader(GeoPackage& gpkg, const std::string& table)
    : file_(gpkg.file()), table_(table), geometry_column_(gpkg.geometry_column(table)) {
    Db& db = gpkg.db();
    std::string pk;
    std::vector<std::string> types;
    {
        Stmt info(db, "PRAGMA table_info(" + quoted(table) + ")", table);
        while (info.step()) {
            const std::string name = info.text(1);
            std::string type = info.text(2);
            for (char& c : type) c = char(std::toupper(static_cast<unsigned char>(c)));
            if (info.int64(5) == 1 && type == "INTEGER" && pk.empty()) {
                pk = name;
                continue;
            }
            if (!geometry_column_.empty() && lower(name) == lower(geometry_column_)) continue;
            names_.push_back(name);
            kinds_.push_back(kind_of(type));
            by_lower_.emplace(lower(name), int(names_.size() - 1));
        }
    }
    std::string sql = "SELECT " + (pk.empty() ? std::string("rowid") : quoted(pk)) + ", " +
                      (geometry_column_.empty() ? std::string("NULL") : quoted(geometry_column_));
    for (auto& n : names_) sql += ", " + quoted(n);
    sql += " FROM " + quoted(table) + " ORDER BY 1";
    stmt_.emplace(db, sql, table);
}

bool LayerReader::next() { return stmt_->step(); }

std::int64_t LayerReader::fid() const { return stmt_->int64(0); }

void LayerReader::fail(const std::string& field, const std::string& what) const {
    throw InputError({file_, table_, label(), field}, what);
}

int LayerReader::index(const std::string& field, bool required) const {
    auto it = by_lower_.find(lower(field));
    if (it != by_lower_.end()) return it->second;
    if (required) throw InputError({file_, table_, "", field}, "field missing");
    return -1;
}

bool LayerReader::is_null(int i) const { return stmt_->is_null(i + 2); }

std::string LayerReader::text_at(int i, const std::string& field) const {
    const int c = i + 2;
    switch (stmt_->type(c)) {
        case SQLITE_NULL: return {};
        case SQLITE_BLOB:
            if (kinds_[std::size_t(i)] == ValueKind::Blob) return hex_text(stmt_->blob(c), true);
            fail(field, "binary data where text must be");
        default: return stmt_->text(c);  // numbers in a text column read as OGR reads them: their text
    }
}

double LayerReader::real_at(int i, const std::string& field) const {
    const int c = i + 2;
    const int t = stmt_->type(c);
    if (t == SQLITE_INTEGER || t == SQLITE_FLOAT) return stmt_->real(c);
    fail(field, std::string("not a number: ") + (t == SQLITE_TEXT ? "'" + shorten(stmt_->text(c)) + "'" : storage_name(t)));
}

std::int64_t LayerReader::integer_at(int i, const std::string& field) const {
    const int c = i + 2;
    const int t = stmt_->type(c);
    if (t == SQLITE_INTEGER) return stmt_->int64(c);
    if (t == SQLITE_FLOAT) {
        const double v = stmt_->real(c);
        if (std::trunc(v) == v && std::fabs(v) < 9.2e18) return std::int64_t(v);
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", v);
        fail(field, std::string("not a whole number: ") + buf);
    }
    fail(field, std::string("not a whole number: ") + (t == SQLITE_TEXT ? "'" + shorten(stmt_->text(c)) + "'" : storage_name(t)));
}

std::string LayerReader::str(const std::string& field) const { return text_at(index(field), field); }

std::optional<double> LayerReader::real(const std::string& field) const {
    const int i = index(field);
    if (is_null(i)) return std::nullopt;
    return real_at(i, field);
}

std::int64_t LayerReader::integer(const std::string& field) const { return integer_or_null(field).value_or(0); }

std::optional<std::int64_t> LayerReader::integer_or_null(const std::string& field) const {
    const int i = index(field);
    if (is_null(i)) return std::nullopt;
    return integer_at(i, field);
}

std::string_view LayerReader::geometry_blob() const {
    if (geometry_column_.empty() || stmt_->type(1) != SQLITE_BLOB) return {};
    return stmt_->blob(1);
}

Uuid feature_uuid(const std::string& raw, const std::string& table, std::int64_t fid, std::string_view geometry_blob,
                  std::set<std::string>& seen) {
    if (is_uuid(raw) && seen.insert(lower(raw)).second) return raw;
    Sha256 h;
    h.add("petacerdas feature without uuid").add(lower(table)).add(fid).add(geometry_blob);
    Uuid u = uuid_from_hash(h.hex());
    seen.insert(u);
    return u;
}

Geometry LayerReader::geometry() const {
    if (geometry_column_.empty() || stmt_->is_null(1)) return {};
    if (stmt_->type(1) != SQLITE_BLOB) fail(geometry_column_, std::string("not a geometry: ") + storage_name(stmt_->type(1)));
    try {
        return parse_gpkg_geometry(stmt_->blob(1));
    } catch (const BadGeometry& e) {
        fail(geometry_column_, std::string("damaged geometry: ") + e.what());
    }
}

std::vector<ExtraField> LayerReader::extras(const std::set<std::string>& core, const std::set<std::string>* absent) const {
    std::vector<ExtraField> out;
    for (std::size_t i = 0; i < names_.size(); ++i) {
        const std::string& n = names_[i];
        if (core.count(lower(n))) continue;
        if (absent && absent->count(n)) continue;
        ExtraField x{n, {}};
        const int k = int(i);
        if (!is_null(k)) {
            switch (kinds_[i]) {
                case ValueKind::Integer: x.value = integer_at(k, n); break;
                case ValueKind::Real: x.value = real_at(k, n); break;
                case ValueKind::Text:
                case ValueKind::Blob: x.value = text_at(k, n); break;
            }
        }
        out.push_back(std::move(x));
    }
    return out;
}

}  // namespace pc::store
