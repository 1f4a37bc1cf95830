#include "feature_identity.h"

#include <variant>

#include "geo/error.h"

namespace pc::store {

const std::vector<std::pair<std::string, bool>>& feature_layers() {
    static const std::vector<std::pair<std::string, bool>> layers = {
        {"kabupaten", false}, {"kecamatan", false}, {"desa", false}, {"zones", false},
        {"facilities", true}, {"initiatives", true}};
    return layers;
}

namespace {

// The tables of a model layer in the order the reader reads them.
std::vector<std::string> tables_of(GeoPackage& gpkg, const std::string& base, bool kinds) {
    std::vector<std::string> out;
    if (!kinds) {
        if (auto t = gpkg.layer(base)) out.push_back(*t);
        return out;
    }
    for (GeometryKind k : io::kLayerKinds)
        if (auto t = gpkg.layer(io::kind_layer_name(base, k))) out.push_back(*t);
    return out;
}

int kind_rank(const Geometry* g) {
    if (!g) return 0;
    return g->kind == GeometryKind::Line ? 1 : g->kind == GeometryKind::Polygon ? 2 : 0;
}

bool is_null_reading(const std::string& column, const FieldValue& v) {
    if (auto* s = std::get_if<std::string>(&v)) {
        if (s->empty()) return true;
        const Initiative defaults;
        return (column == "pillar" && *s == to_key(defaults.pillar)) ||
               (column == "element" && *s == to_key(defaults.element)) || (column == "status" && *s == to_key(defaults.status));
    }
    if (auto* i = std::get_if<std::int64_t>(&v)) return *i == 0;
    return std::holds_alternative<std::monostate>(v);
}

}  // namespace

PreviousLayer scan_previous(GeoPackage& gpkg, const std::string& base, bool kinds) {
    PreviousLayer out;
    std::set<std::string> seen;
    for (const std::string& table : tables_of(gpkg, base, kinds)) {
        LayerReader r(gpkg, table);
        if (!r.has("uuid")) continue;
        const auto& names = r.field_names();
        while (r.next()) {
            const std::string raw = r.str("uuid");
            PreviousRow row;
            row.layer = table;
            row.fid = r.fid();
            const Uuid id = feature_uuid(raw, table, row.fid, r.geometry_blob(), seen);
            row.uuid_in_file = id == raw;
            for (std::size_t i = 0; i < names.size(); ++i)
                if (r.is_null(int(i))) row.null_columns.insert(io::lower(names[i]));
            out.emplace(id, std::move(row));
        }
    }
    return out;
}

std::vector<std::int64_t> keep_fids(const io::Table& t, const PreviousLayer& previous) {
    std::vector<std::int64_t> fids(t.rows.size());
    std::map<int, std::set<std::int64_t>> used;  // per kind layer
    std::int64_t last_fid = 0;  // nothing before the first row: every fid > 0 comes after
    int last_kind = 0;
    auto after_last = [&](std::int64_t fid, int kind) { return fid > last_fid || (fid == last_fid && kind > last_kind); };
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const int kind = t.geometry_type == io::LayerGeometry::Mixed ? kind_rank(t.geometries[r]) : 0;
        std::int64_t fid = 0;
        if (auto* id = std::get_if<std::string>(&t.rows[r][0]))
            if (auto it = previous.find(*id); it != previous.end() && after_last(it->second.fid, kind) &&
                                               !used[kind].count(it->second.fid))
                fid = it->second.fid;
        if (!fid) {
            fid = last_fid + 1;
            while (used[kind].count(fid)) ++fid;
        }
        used[kind].insert(fid);
        fids[r] = fid;
        last_fid = fid;
        last_kind = kind;
    }
    return fids;
}

bool keep_null(const io::Table& t, std::size_t row, std::size_t column, const PreviousLayer& previous) {
    if (column == 0 || row >= t.rows.size() || column >= t.rows[row].size()) return false;  // the uuid is always written
    auto* id = std::get_if<std::string>(&t.rows[row][0]);
    if (!id) return false;
    auto it = previous.find(*id);
    const std::string name = io::lower(t.columns[column].name);
    return it != previous.end() && it->second.null_columns.count(name) && is_null_reading(name, t.rows[row][column]);
}

namespace {
// Whether every row of the layers holds a well-formed uuid of its own (case aside), as our saves
// write them: then reading them back derives none, and the scan below (every row and its geometry
// read again) is not needed. One SQL query.
bool every_uuid_in_place(Db& db, const std::vector<std::string>& tables) {
    if (tables.empty()) return true;
    std::string hex_uuid;
    for (int i = 0; i < 36; ++i) hex_uuid += (i == 8 || i == 13 || i == 18 || i == 23) ? "-" : "[0-9a-fA-F]";
    std::string rows;
    for (auto& t : tables) {
        rows += rows.empty() ? "" : " UNION ALL ";
        rows += "SELECT \"uuid\" AS u FROM " + quoted(t);
    }
    Stmt s(db, "SELECT count(*) = count(DISTINCT lower(u)) AND count(*) = coalesce(sum(u GLOB '" + hex_uuid + "'), 0) FROM (" +
                   rows + ")");
    return s.step() && s.int64(0) == 1;
}
}  // namespace

void write_missing_uuids(Db& db, const Project& project) {
    {
        GeoPackage gpkg(db);
        std::vector<std::string> tables;
        bool all_have_uuid_column = true;
        for (auto& [base, kinds] : feature_layers())
            for (const std::string& t : tables_of(gpkg, base, kinds)) {
                tables.push_back(t);
                all_have_uuid_column = all_have_uuid_column && LayerReader(gpkg, t).has("uuid");
            }
        if (all_have_uuid_column && every_uuid_in_place(db, tables)) return;
    }
    std::set<std::string> ids;
    for (auto* units : {&project.kabupaten, &project.kecamatan, &project.desa})
        for (auto& u : *units) ids.insert(u.id);
    for (auto& f : project.facilities) ids.insert(f.id);
    for (auto& z : project.zones) ids.insert(z.id);
    for (auto& i : project.initiatives) ids.insert(i.id);
    GeoPackage gpkg(db);
    std::vector<std::pair<Uuid, PreviousRow>> missing;
    for (auto& [base, kinds] : feature_layers())
        for (auto& [id, row] : scan_previous(gpkg, base, kinds))
            if (!row.uuid_in_file && ids.count(id)) missing.emplace_back(id, row);
    for (auto& [id, row] : missing) {
        Stmt s(db, "UPDATE " + quoted(row.layer) + " SET \"uuid\" = ? WHERE \"fid\" = ?", row.layer);
        s.bind(1, id);
        s.bind(2, row.fid);
        s.step();
    }
}

}  // namespace pc::store
