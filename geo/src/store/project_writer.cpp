// The project's tables written into an open GeoPackage: all of them (a full save) or only the
// analysis (metrics tables, gap layers and their styles), leaving every other table as it is.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <map>
#include <set>
#include <string_view>

#include "../io/context_tables.h"
#include "../io/views_table.h"
#include "geo/error.h"
#include "geo/hash.h"
#include "geo/io/qgis_project.h"
#include "geo/io/styles.h"
#include "feature_identity.h"
#include "gpkg_schema.h"
#include "project_store.h"
#include "table_writer.h"

namespace pc::store {
namespace {

// Tables of the project model (not the analysis): a full save replaces these.
bool is_project_table(const std::string& name) {
    static const std::set<std::string> names = [] {
        std::set<std::string> s = {"kabupaten", "kecamatan", "desa", "zones", "population_grid", "settings",
                                   "facility_types", "opd", io::kAbsentExtrasTable, io::kViewsTable};
        for (const char* base : {"facilities", "initiatives"})
            for (GeometryKind k : io::kLayerKinds) s.insert(io::kind_layer_name(base, k));
        return s;
    }();
    return names.count(io::lower(name)) > 0;
}

std::vector<std::string> table_names(Db& db) {
    std::vector<std::string> out;
    Stmt s(db, "SELECT name FROM sqlite_master WHERE type = 'table'");
    while (s.step()) out.push_back(s.text(0));
    return out;
}

// `previous`: the features the file held (a feature table of a full save): their fids and NULLs kept.
void write_project_table(Db& db, const io::Table& t, const std::string& timestamp, std::size_t replace_rows_below = 0,
                         const PreviousLayer* previous = nullptr) {
    std::vector<std::int64_t> fids;
    if (previous) fids = keep_fids(t, *previous);
    auto keep = [&](TableWrite& w) {
        if (!previous) return;
        w.fid = [&fids](std::size_t r) { return fids[r]; };
        w.write_null = [&t, previous](std::size_t r, std::size_t c) { return keep_null(t, r, c, *previous); };
    };
    if (t.geometry_type != io::LayerGeometry::Mixed) {
        TableWrite w;
        w.replace_rows_below = replace_rows_below;
        keep(w);
        write_table(db, t, w, timestamp);
        return;
    }
    // Mixed geometry: one layer per kind present (the point layer always, under the table's name),
    // FIDs numbered across them so that loading restores the model's order.
    for (GeometryKind kind : io::kLayerKinds) {
        const bool present = std::any_of(t.geometries.begin(), t.geometries.end(),
                                         [&](const Geometry* g) { return g && g->kind == kind; });
        if (!present && kind != GeometryKind::Point) continue;
        TableWrite w;
        w.layer_name = io::kind_layer_name(t.name, kind);
        w.geometry = io::kind_layer_type(t, kind);
        w.keep = [&t, kind](std::size_t r) { return io::in_kind_layer(t.geometries[r], kind); };
        w.fid = [](std::size_t r) { return std::int64_t(r) + 1; };
        keep(w);
        write_table(db, t, w, timestamp);
    }
}

}  // namespace

void ensure_layer_styles_table(Db& db, const std::string& timestamp) {
    if (db.has_table("layer_styles")) return;
    LayerSpec spec;
    spec.name = "layer_styles";
    db.exec("CREATE TABLE \"layer_styles\" ( \"id\" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, \"f_table_catalog\" "
            "TEXT(256), \"f_table_schema\" TEXT(256), \"f_table_name\" TEXT(256), \"f_geometry_column\" TEXT(256), "
            "\"styleName\" TEXT(30), \"styleQML\" TEXT, \"styleSLD\" TEXT, \"useAsDefault\" BOOLEAN, \"description\" "
            "TEXT, \"owner\" TEXT(30), \"ui\" TEXT(30), \"update_time\" DATETIME DEFAULT "
            "(strftime('%Y-%m-%dT%H:%M:%fZ','now')))",
            "layer_styles");
    Stmt c(db, "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, srs_id) "
               "VALUES ('layer_styles', 'attributes', 'layer_styles', '', ?, 0)",
           "layer_styles");
    c.bind(1, timestamp);
    c.step();
    finish_layer(db, spec, Envelope{}, 0);
}

namespace {

// The QGIS layer_styles table (QgsOgrProviderMetadata::saveStyle's schema), so QGIS applies a
// layer's default style when it opens it. Our rows carry owner 'PetaCerdas': rows anyone else
// wrote (a style saved in QGIS) stay, and a default chosen there stays the default.
void write_layer_styles(Db& db, const std::vector<LayerStyle>& styles, const std::string& timestamp) {
    ensure_layer_styles_table(db, timestamp);
    const char* ours = "(owner = 'PetaCerdas' OR (coalesce(owner, '') = '' AND styleName = 'PetaCerdas ' || f_table_name))";
    // Ours for layers the file no longer has.
    db.exec(std::string("DELETE FROM layer_styles WHERE ") + ours +
                " AND lower(f_table_name) NOT IN (SELECT lower(table_name) FROM gpkg_contents)",
            "layer_styles");
    Stmt layer(db, "SELECT column_name FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)", "layer_styles");
    Stmt drop(db, std::string("DELETE FROM layer_styles WHERE lower(f_table_name) = lower(?) AND ") + ours, "layer_styles");
    Stmt theirs_default(db, std::string("SELECT 1 FROM layer_styles WHERE lower(f_table_name) = lower(?) AND useAsDefault "
                                        "AND NOT coalesce(") + ours + ", 0)",
                        "layer_styles");
    // Our row of a layer, when it is byte for byte the style to write, stays (no rewrite on every analyze).
    Stmt written(db, std::string("SELECT styleName, styleQML, styleSLD, description, f_geometry_column, useAsDefault "
                                 "FROM layer_styles WHERE lower(f_table_name) = lower(?) AND ") + ours,
                 "layer_styles");
    Stmt insert(db,
                "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, "
                "styleQML, styleSLD, useAsDefault, description, owner, ui, update_time) "
                "VALUES ('', '', ?, ?, ?, ?, ?, ?, ?, 'PetaCerdas', '', ?)",
                "layer_styles");
    for (auto& st : styles) {
        layer.bind(1, st.layer);
        const bool exists = layer.step();
        const std::string geometry_column = exists ? layer.text(0) : "";
        layer.reset();
        if (!exists) continue;  // only spatial layers the file holds
        theirs_default.bind(1, st.layer);
        const bool theirs_is_default = theirs_default.step();
        theirs_default.reset();
        written.bind(1, st.layer);
        int rows = 0;
        bool same = false;
        while (written.step()) {
            ++rows;
            same = written.text(0) == st.name && written.text(1) == st.qml && written.text(2) == st.sld &&
                   written.text(3) == st.description && written.text(4) == geometry_column &&
                   written.int64(5) == (theirs_is_default ? 0 : 1);
        }
        written.reset();
        if (rows == 1 && same) continue;
        drop.bind(1, st.layer);
        drop.step();
        drop.reset();
        insert.bind(1, st.layer);
        insert.bind(2, geometry_column);
        insert.bind(3, st.name);
        insert.bind(4, st.qml);
        insert.bind(5, st.sld);
        insert.bind(6, std::int64_t(theirs_is_default ? 0 : 1));
        insert.bind(7, st.description);
        insert.bind(8, timestamp);
        insert.step();
        insert.reset();
    }
    // Whatever triggers the table has (QGIS may have made it), the cached count is the true one.
    db.exec("UPDATE gpkg_ogr_contents SET feature_count = (SELECT count(*) FROM layer_styles) "
            "WHERE lower(table_name) = 'layer_styles'",
            "layer_styles");
}

// The QGIS project of the map (geo/io/qgis_project.h) in the table where QGIS keeps the projects it
// stores in a GeoPackage (QgsGeoPackageProjectStorage): the .qgz as hex text, its metadata as JSON.
// Projects of other names (saved there from QGIS) stay. The metadata also holds a hash of the .qgs:
// an unchanged map is not compressed and written again on every analyze (a project QGIS saved there
// has no such key and is replaced, as before). A 64-bit hash of the text and its length, not SHA-256
// (1.6 ms for the ~0.5 MB .qgs): a false "changed" only rewrites it.
void write_qgis_project(Db& db, const Project& project, const AnalysisResult* metrics, const std::string& geopackage_file,
                        const std::string& timestamp) {
    const std::string xml = qgis_project_xml(project, metrics, geopackage_file);
    char digest[64];
    std::snprintf(digest, sizeof digest, "%016zx-%zu", std::hash<std::string_view>{}(xml), xml.size());
    const std::string digest_key = std::string("\"petacerdas_qgs_hash\": \"") + digest + "\"";
    db.exec("CREATE TABLE IF NOT EXISTS qgis_projects(name TEXT PRIMARY KEY, metadata BLOB, content BLOB)", "qgis_projects");
    {
        Stmt old(db, "SELECT metadata FROM qgis_projects WHERE name = ?", "qgis_projects");
        old.bind(1, std::string_view(kQgisProjectName));
        if (old.step() && old.text(0).find(digest_key) != std::string::npos) return;
    }
    const std::tm when = io::time_of(timestamp);
    char modified[40];
    std::snprintf(modified, sizeof modified, "%04d-%02d-%02dT%02d:%02d:%02d", when.tm_year + 1900, when.tm_mon + 1,
                  when.tm_mday, when.tm_hour, when.tm_min, when.tm_sec);
    Stmt put(db, "INSERT OR REPLACE INTO qgis_projects(name, metadata, content) VALUES (?, ?, ?)", "qgis_projects");
    put.bind(1, std::string_view(kQgisProjectName));
    put.bind(2, std::string("{\"last_modified_time\": \"") + modified + "\", \"last_modified_user\": \"PetaCerdas\", " +
                    digest_key + " }");
    put.bind(3, hex_text(qgis_project_archive(xml, when)));
    put.step();
}

}  // namespace

// Below this many rows (old and new), a metrics table that is already there keeps its table and
// gets new rows (measured: Kota Pasuruan's ten tables, 5 ms of schema changes against 0.3 ms of rows).
constexpr std::size_t kReplaceRowsBelow = 4000;

void write_project(Db& db, const Project& project, const AnalysisResult* metrics, bool full, const std::string& timestamp,
                   const std::string& geopackage_file) {
    ensure_wgs84(db);
    std::vector<io::Table> analysis;
    std::set<std::string> replaced;
    if (metrics) analysis = io::metrics_tables(*metrics);
    for (auto& t : analysis) replaced.insert(io::lower(t.name));
    std::map<std::string, PreviousLayer> previous;
    std::set<std::string> context;  // the previous file's context layer tables: a full save replaces them
    if (full) {
        GeoPackage gpkg(db);
        for (auto& [base, kinds] : feature_layers()) previous[base] = scan_previous(gpkg, base, kinds);
        context.insert(io::lower(io::kContextLayersTable));
        for (const std::string& t : io::stored_context_tables(gpkg)) context.insert(io::lower(t));
    } else {
        write_missing_uuids(db, project);
    }
    for (const std::string& name : table_names(db))
        if ((full && (is_project_table(name) || context.count(io::lower(name)))) ||
            (io::is_metrics_table(name) && !replaced.count(io::lower(name))))
            drop_layer(db, name);
    if (full) {
        for (const io::Table& t : io::project_tables(project, nullptr)) {
            auto it = previous.find(t.name);
            write_project_table(db, t, timestamp, 0, it == previous.end() ? nullptr : &it->second);
        }
        if (auto absent = io::absent_extras_table(project); !absent.rows.empty()) write_table(db, absent, {}, timestamp);
        write_table(db, io::views_table(project.views), {}, timestamp);
    }
    for (const io::Table& t : analysis) write_project_table(db, t, timestamp, kReplaceRowsBelow);
    write_layer_styles(db, project_styles(project, metrics), timestamp);
    write_qgis_project(db, project, metrics, geopackage_file, timestamp);
}

}  // namespace pc::store
