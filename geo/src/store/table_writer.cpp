#include "table_writer.h"

#include <cmath>
#include <optional>
#include <variant>

#include "geo/error.h"
#include "gpkg_geometry.h"
#include "gpkg_schema.h"

namespace pc::store {

void write_table(Db& db, const io::Table& t, const TableWrite& how, const std::string& timestamp) {
    LayerSpec spec;
    spec.name = how.layer_name.empty() ? t.name : how.layer_name;
    spec.geometry = how.geometry != io::LayerGeometry::None ? how.geometry : t.geometry_type;
    if (spec.geometry == io::LayerGeometry::Mixed) spec.geometry = io::LayerGeometry::Point;  // split by the caller
    spec.columns = t.columns;
    const bool spatial = spec.geometry != io::LayerGeometry::None;
    std::vector<std::string> seen = {"fid"};
    if (spatial) seen.push_back("geom");
    for (auto& c : spec.columns) {
        for (auto& s : seen)
            if (io::iequals(s, c.name) || c.name.empty())
                throw InputError({db.path(), spec.name, "", c.name}, "field name clashes with another field of the layer ('" + s + "')");
        seen.push_back(c.name);
    }
    bool in_place = false;
    if (how.replace_rows_below && has_same_layer(db, spec)) {
        Stmt n(db, "SELECT count(*) FROM " + quoted(spec.name), spec.name);
        n.step();
        in_place = std::size_t(n.int64(0)) + t.rows.size() < how.replace_rows_below;
    }
    if (in_place) {
        db.exec("DELETE FROM " + quoted(spec.name), spec.name);
    } else {
        drop_layer(db, spec.name);
        create_layer(db, spec, timestamp);
    }

    std::string sql = "INSERT INTO " + quoted(spec.name) + " (\"fid\"";
    std::string params = "?";
    if (spatial) sql += ", \"geom\"", params += ", ?";
    for (auto& c : spec.columns) sql += ", " + quoted(c.name), params += ", ?";
    sql += ") VALUES (" + params + ")";
    Stmt insert(db, sql, spec.name);
    // A new layer's R-tree gets each row's envelope here (an existing one: from its triggers).
    std::optional<Stmt> rtree;
    if (spatial && !in_place) rtree.emplace(db, "INSERT INTO " + quoted(rtree_name(spec)) + " VALUES (?, ?, ?, ?, ?)", spec.name);
    Envelope extent;
    std::int64_t count = 0;
    std::string blob;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        if (how.keep && !how.keep(r)) continue;
        ++count;
        int p = 1;
        const std::int64_t fid = how.fid ? how.fid(r) : count;
        insert.bind(p++, fid);
        if (spatial) {
            const Geometry* g = r < t.geometries.size() ? t.geometries[r] : nullptr;
            Envelope e;
            blob = g ? gpkg_geometry_blob(*g, spec.geometry, 4326, &e) : std::string();
            if (blob.empty()) {
                insert.bind_null(p++);
            } else {
                insert.bind_blob_static(p++, blob);
                extent.expand(e);
                if (rtree) {
                    rtree->bind(1, fid);
                    rtree->bind(2, e.min_x);
                    rtree->bind(3, e.max_x);
                    rtree->bind(4, e.min_y);
                    rtree->bind(5, e.max_y);
                    rtree->step();
                    rtree->reset();
                }
            }
        }
        const auto& row = t.rows[r];
        for (std::size_t c = 0; c < spec.columns.size(); ++c, ++p) {
            if (c >= row.size() || (how.write_null && how.write_null(r, c))) {
                insert.bind_null(p);
                continue;
            }
            std::visit(
                [&](auto&& v) {
                    using V = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<V, std::monostate>) insert.bind_null(p);
                    else if constexpr (std::is_same_v<V, double>) std::isfinite(v) ? insert.bind(p, v) : insert.bind_null(p);
                    else if constexpr (std::is_same_v<V, std::int64_t>) insert.bind(p, v);
                    else insert.bind(p, std::string_view(v));
                },
                row[c]);
        }
        insert.step();
        insert.reset();
    }
    if (in_place) update_layer_contents(db, spec, extent, timestamp);
    else finish_layer(db, spec, extent, count);
}

}  // namespace pc::store
