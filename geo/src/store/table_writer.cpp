#include "table_writer.h"

#include <cmath>
#include <optional>
#include <unordered_map>
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
    // In place, rows are matched by fid: a row whose geometry is byte for byte the one the file has
    // gets its attributes only, so neither the R-tree nor the feature count triggers run for it
    // (rerunning analyze after a small edit changes the gap geometry of a few desa; deleting and
    // inserting every row cost 17 ms of R-tree work for Pamekasan's 756 rows).
    std::unordered_map<std::int64_t, std::string> old_geometry;  // fid -> blob ("" = NULL)
    if (in_place) {
        Stmt old(db, "SELECT \"fid\"" + std::string(spatial ? ", \"geom\"" : "") + " FROM " + quoted(spec.name), spec.name);
        while (old.step()) old_geometry.emplace(old.int64(0), spatial && !old.is_null(1) ? std::string(old.blob(1)) : "");
    } else {
        drop_layer(db, spec.name);
        create_layer(db, spec, timestamp);
    }

    // Statements are prepared when first needed: each one on a layer compiles its triggers.
    std::optional<Stmt> insert, update_all, update_attributes;
    auto insert_statement = [&]() -> Stmt& {
        if (!insert) {
            std::string sql = "INSERT INTO " + quoted(spec.name) + " (\"fid\"";
            std::string params = "?";
            if (spatial) sql += ", \"geom\"", params += ", ?";
            for (auto& c : spec.columns) sql += ", " + quoted(c.name), params += ", ?";
            insert.emplace(db, sql + ") VALUES (" + params + ")", spec.name);
        }
        return *insert;
    };
    // UPDATE ... SET [geom = ?,] columns = ? ... WHERE fid = ?: the geometry column only where it changed.
    auto update_statement = [&](bool with_geometry) -> Stmt& {
        std::optional<Stmt>& st = with_geometry ? update_all : update_attributes;
        if (!st) {
            std::string u = "UPDATE " + quoted(spec.name) + " SET ";
            bool first = true;
            if (with_geometry) u += "\"geom\" = ?", first = false;
            for (auto& c : spec.columns) u += (first ? "" : ", ") + quoted(c.name) + " = ?", first = false;
            st.emplace(db, u + " WHERE \"fid\" = ?", spec.name);
        }
        return *st;
    };
    // A new layer's R-tree gets each row's envelope here (an existing one: from its triggers).
    std::optional<Stmt> rtree;
    if (spatial && !in_place) rtree.emplace(db, "INSERT INTO " + quoted(rtree_name(spec)) + " VALUES (?, ?, ?, ?, ?)", spec.name);
    Envelope extent;
    std::int64_t count = 0;
    std::string blob;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        if (how.keep && !how.keep(r)) continue;
        ++count;
        const std::int64_t fid = how.fid ? how.fid(r) : count;
        Envelope e;
        if (spatial) {
            const Geometry* g = r < t.geometries.size() ? t.geometries[r] : nullptr;
            blob = g ? gpkg_geometry_blob(*g, spec.geometry, 4326, &e) : std::string();
            if (!blob.empty()) extent.expand(e);
        }
        // The statement for this row and the place of its first value.
        Stmt* st = nullptr;
        bool inserting = false;
        int p = 1;
        bool bind_geometry = spatial;
        if (auto old = old_geometry.find(fid); old != old_geometry.end()) {
            const bool same_geometry = !spatial || old->second == blob;
            old_geometry.erase(old);
            if (same_geometry && spatial && spec.columns.empty()) continue;  // nothing but the geometry
            bind_geometry = spatial && !same_geometry;
            st = &update_statement(bind_geometry);
        } else {
            st = &insert_statement();
            inserting = true;
            st->bind(p++, fid);
        }
        if (bind_geometry) {
            if (blob.empty()) {
                st->bind_null(p++);
            } else {
                st->bind_blob_static(p++, blob);
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
                st->bind_null(p);
                continue;
            }
            std::visit(
                [&](auto&& v) {
                    using V = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<V, std::monostate>) st->bind_null(p);
                    else if constexpr (std::is_same_v<V, double>) std::isfinite(v) ? st->bind(p, v) : st->bind_null(p);
                    else if constexpr (std::is_same_v<V, std::int64_t>) st->bind(p, v);
                    else st->bind(p, std::string_view(v));
                },
                row[c]);
        }
        if (!inserting) st->bind(p, fid);  // WHERE fid = ?
        st->step();
        st->reset();
    }
    if (!old_geometry.empty()) {  // rows the table no longer has
        Stmt remove(db, "DELETE FROM " + quoted(spec.name) + " WHERE \"fid\" = ?", spec.name);
        for (auto& [fid, unused] : old_geometry) {
            remove.bind(1, fid);
            remove.step();
            remove.reset();
        }
    }
    if (in_place) update_layer_contents(db, spec, extent, timestamp);
    else finish_layer(db, spec, extent, count);
}

}  // namespace pc::store
