#include "gpkg_schema.h"

#include <sqlite3.h>

#include "geo/error.h"
#include "gpkg_geometry.h"

namespace pc::store {

namespace {

constexpr const char* kWgs84Wkt =
    "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],"
    "AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\","
    "0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],"
    "AUTHORITY[\"EPSG\",\"4326\"]]";

constexpr const char* kBaseSchema = R"SQL(
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL,srs_id INTEGER NOT NULL PRIMARY KEY,organization TEXT NOT NULL,organization_coordsys_id INTEGER NOT NULL,definition  TEXT NOT NULL,description TEXT);
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY,data_type TEXT NOT NULL,identifier TEXT UNIQUE,description TEXT DEFAULT '',last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),min_x DOUBLE, min_y DOUBLE,max_x DOUBLE, max_y DOUBLE,srs_id INTEGER,CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_ogr_contents(table_name TEXT NOT NULL PRIMARY KEY,feature_count INTEGER DEFAULT NULL);
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL,column_name TEXT NOT NULL,geometry_type_name TEXT NOT NULL,srs_id INTEGER NOT NULL,z TINYINT NOT NULL,m TINYINT NOT NULL,CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),CONSTRAINT uk_gc_table_name UNIQUE (table_name),CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE gpkg_tile_matrix_set (table_name TEXT NOT NULL PRIMARY KEY,srs_id INTEGER NOT NULL,min_x DOUBLE NOT NULL,min_y DOUBLE NOT NULL,max_x DOUBLE NOT NULL,max_y DOUBLE NOT NULL,CONSTRAINT fk_gtms_table_name FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),CONSTRAINT fk_gtms_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE gpkg_tile_matrix (table_name TEXT NOT NULL,zoom_level INTEGER NOT NULL,matrix_width INTEGER NOT NULL,matrix_height INTEGER NOT NULL,tile_width INTEGER NOT NULL,tile_height INTEGER NOT NULL,pixel_x_size DOUBLE NOT NULL,pixel_y_size DOUBLE NOT NULL,CONSTRAINT pk_ttm PRIMARY KEY (table_name, zoom_level),CONSTRAINT fk_tmm_table_name FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name));
CREATE TRIGGER 'gpkg_tile_matrix_zoom_level_insert' BEFORE INSERT ON 'gpkg_tile_matrix' FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'insert on table ''gpkg_tile_matrix'' violates constraint: zoom_level cannot be less than 0') WHERE (NEW.zoom_level < 0); END;
CREATE TRIGGER 'gpkg_tile_matrix_zoom_level_update' BEFORE UPDATE of zoom_level ON 'gpkg_tile_matrix' FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'update on table ''gpkg_tile_matrix'' violates constraint: zoom_level cannot be less than 0') WHERE (NEW.zoom_level < 0); END;
CREATE TRIGGER 'gpkg_tile_matrix_matrix_width_insert' BEFORE INSERT ON 'gpkg_tile_matrix' FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'insert on table ''gpkg_tile_matrix'' violates constraint: matrix_width cannot be less than 1') WHERE (NEW.matrix_width < 1); END;
CREATE TRIGGER 'gpkg_tile_matrix_matrix_width_update' BEFORE UPDATE OF matrix_width ON 'gpkg_tile_matrix' FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'update on table ''gpkg_tile_matrix'' violates constraint: matrix_width cannot be less than 1') WHERE (NEW.matrix_width < 1); END;
CREATE TRIGGER 'gpkg_tile_matrix_matrix_height_insert' BEFORE INSERT ON 'gpkg_tile_matrix' FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'insert on table ''gpkg_tile_matrix'' violates constraint: matrix_height cannot be less than 1') WHERE (NEW.matrix_height < 1); END;
CREATE TRIGGER 'gpkg_tile_matrix_matrix_height_update' BEFORE UPDATE OF matrix_height ON 'gpkg_tile_matrix' FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'update on table ''gpkg_tile_matrix'' violates constraint: matrix_height cannot be less than 1') WHERE (NEW.matrix_height < 1); END;
CREATE TRIGGER 'gpkg_tile_matrix_pixel_x_size_insert' BEFORE INSERT ON 'gpkg_tile_matrix' FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'insert on table ''gpkg_tile_matrix'' violates constraint: pixel_x_size must be greater than 0') WHERE NOT (NEW.pixel_x_size > 0); END;
CREATE TRIGGER 'gpkg_tile_matrix_pixel_x_size_update' BEFORE UPDATE OF pixel_x_size ON 'gpkg_tile_matrix' FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'update on table ''gpkg_tile_matrix'' violates constraint: pixel_x_size must be greater than 0') WHERE NOT (NEW.pixel_x_size > 0); END;
CREATE TRIGGER 'gpkg_tile_matrix_pixel_y_size_insert' BEFORE INSERT ON 'gpkg_tile_matrix' FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'insert on table ''gpkg_tile_matrix'' violates constraint: pixel_y_size must be greater than 0') WHERE NOT (NEW.pixel_y_size > 0); END;
CREATE TRIGGER 'gpkg_tile_matrix_pixel_y_size_update' BEFORE UPDATE OF pixel_y_size ON 'gpkg_tile_matrix' FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'update on table ''gpkg_tile_matrix'' violates constraint: pixel_y_size must be greater than 0') WHERE NOT (NEW.pixel_y_size > 0); END;
CREATE TABLE gpkg_extensions (table_name TEXT,column_name TEXT,extension_name TEXT NOT NULL,definition TEXT NOT NULL,scope TEXT NOT NULL,CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
INSERT INTO gpkg_spatial_ref_sys (srs_name,srs_id,organization,organization_coordsys_id,definition,description) VALUES ('Undefined Cartesian SRS',-1,'NONE',-1,'undefined','undefined Cartesian coordinate reference system');
INSERT INTO gpkg_spatial_ref_sys (srs_name,srs_id,organization,organization_coordsys_id,definition,description) VALUES ('Undefined geographic SRS',0,'NONE',0,'undefined','undefined geographic coordinate reference system');
)SQL";

constexpr const char* kDataColumnsSchema = R"SQL(
CREATE TABLE gpkg_data_columns (table_name TEXT NOT NULL,column_name TEXT NOT NULL,name TEXT UNIQUE,title TEXT,description TEXT,mime_type TEXT,constraint_name TEXT,CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name),CONSTRAINT gdc_tn UNIQUE (table_name, name));
CREATE TABLE gpkg_data_column_constraints (constraint_name TEXT NOT NULL,constraint_type TEXT NOT NULL,value TEXT,min NUMERIC,min_is_inclusive BOOLEAN,max NUMERIC,max_is_inclusive BOOLEAN,description TEXT,CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value));
INSERT INTO gpkg_extensions (table_name,column_name,extension_name,definition,scope) VALUES ('gpkg_data_columns', NULL, 'gpkg_schema', 'http://www.geopackage.org/spec121/#extension_schema', 'read-write');
INSERT INTO gpkg_extensions (table_name,column_name,extension_name,definition,scope) VALUES ('gpkg_data_column_constraints', NULL, 'gpkg_schema', 'http://www.geopackage.org/spec121/#extension_schema', 'read-write');
)SQL";

// The blob of argument 0, or nullptr for NULL / not a blob.
const char* blob_arg(sqlite3_value** argv, int& size) {
    if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) return nullptr;
    size = sqlite3_value_bytes(argv[0]);
    return static_cast<const char*>(sqlite3_value_blob(argv[0]));
}

template <int Which>
void st_bound(sqlite3_context* ctx, int, sqlite3_value** argv) {
    int n = 0;
    const char* b = blob_arg(argv, n);
    if (!b) return sqlite3_result_null(ctx);
    try {
        const Envelope e = gpkg_envelope({b, std::size_t(n)});
        if (e.empty()) return sqlite3_result_null(ctx);
        const double v[] = {e.min_x, e.max_x, e.min_y, e.max_y};
        sqlite3_result_double(ctx, v[Which]);
    } catch (const std::exception&) {
        sqlite3_result_null(ctx);
    }
}

void st_is_empty(sqlite3_context* ctx, int, sqlite3_value** argv) {
    int n = 0;
    const char* b = blob_arg(argv, n);
    if (!b) return sqlite3_result_null(ctx);
    try {
        sqlite3_result_int(ctx, gpkg_is_empty({b, std::size_t(n)}) || gpkg_envelope({b, std::size_t(n)}).empty());
    } catch (const std::exception&) {
        sqlite3_result_null(ctx);
    }
}

}  // namespace

std::string rtree_name(const LayerSpec& spec) { return "rtree_" + spec.name + "_geom"; }

const char* sql_type(io::FieldType t) {
    switch (t) {
        case io::FieldType::Text:
        case io::FieldType::Json: return "TEXT";
        case io::FieldType::Integer: return "MEDIUMINT";
        case io::FieldType::Integer64: return "INTEGER";
        case io::FieldType::Real: return "REAL";
        case io::FieldType::Boolean: return "BOOLEAN";
    }
    return "TEXT";
}

const char* geometry_type_name(io::LayerGeometry g) {
    switch (g) {
        case io::LayerGeometry::Point: return "POINT";
        case io::LayerGeometry::MultiPoint: return "MULTIPOINT";
        case io::LayerGeometry::LineString: return "LINESTRING";
        case io::LayerGeometry::MultiLineString: return "MULTILINESTRING";
        case io::LayerGeometry::Polygon: return "POLYGON";
        case io::LayerGeometry::MultiPolygon: return "MULTIPOLYGON";
        case io::LayerGeometry::Mixed: return "GEOMETRY";
        case io::LayerGeometry::None: break;
    }
    return "";
}

void create_geopackage(Db& db) {
    db.exec("PRAGMA application_id = 1196444487; PRAGMA user_version = 10200;");
    db.exec(kBaseSchema);
    ensure_wgs84(db);
}

void ensure_wgs84(Db& db) {
    Stmt s(db,
           "INSERT OR IGNORE INTO gpkg_spatial_ref_sys (srs_name,srs_id,organization,organization_coordsys_id,definition,"
           "description) VALUES ('WGS 84 geodetic',4326,'EPSG',4326,?,'longitude/latitude coordinates in decimal degrees on "
           "the WGS 84 spheroid')",
           "gpkg_spatial_ref_sys");
    s.bind(1, std::string_view(kWgs84Wkt));
    s.step();
}

void register_gpkg_functions(Db& db) {
    struct F {
        const char* name;
        void (*fn)(sqlite3_context*, int, sqlite3_value**);
    };
    for (const F& f : {F{"ST_MinX", st_bound<0>}, F{"ST_MaxX", st_bound<1>}, F{"ST_MinY", st_bound<2>},
                       F{"ST_MaxY", st_bound<3>}, F{"ST_IsEmpty", st_is_empty}})
        if (sqlite3_create_function_v2(db.get(), f.name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, f.fn, nullptr,
                                       nullptr, nullptr) != SQLITE_OK)
            db.fail("", db.last_message());
}

std::string create_table_sql(const LayerSpec& spec) {
    std::string sql = "CREATE TABLE " + quoted(spec.name) + " ( \"fid\" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL";
    if (spec.geometry != io::LayerGeometry::None) sql += std::string(", \"geom\" ") + geometry_type_name(spec.geometry);
    for (auto& c : spec.columns) sql += ", " + quoted(c.name) + " " + sql_type(c.type);
    return sql + ")";
}

bool has_same_layer(Db& db, const LayerSpec& spec) {
    Stmt s(db,
           "SELECT (SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1), "
           "(SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1), "
           "(SELECT count(*) FROM gpkg_contents WHERE table_name = ?1), "
           "(SELECT count(*) FROM gpkg_ogr_contents WHERE table_name = ?1)",
           spec.name);
    s.bind(1, spec.name);
    if (!s.step()) return false;
    // GDAL's 6 R-tree triggers and 2 feature-count triggers keep the index and the count in step.
    const std::int64_t triggers = spec.geometry == io::LayerGeometry::None ? 2 : 8;
    return s.text(0) == create_table_sql(spec) && s.int64(1) == triggers && s.int64(2) == 1 && s.int64(3) == 1;
}

void update_layer_contents(Db& db, const LayerSpec& spec, const Envelope& extent, const std::string& timestamp) {
    Stmt s(db, "UPDATE gpkg_contents SET last_change = ?, min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?",
           spec.name);
    s.bind(1, timestamp);
    for (int i = 0; i < 4; ++i) {
        const double v[] = {extent.min_x, extent.min_y, extent.max_x, extent.max_y};
        if (spec.geometry == io::LayerGeometry::None || extent.empty()) s.bind_null(i + 2);
        else s.bind(i + 2, v[i]);
    }
    s.bind(6, spec.name);
    s.step();
}

void create_layer(Db& db, const LayerSpec& spec, const std::string& timestamp) {
    const bool spatial = spec.geometry != io::LayerGeometry::None;
    db.exec(create_table_sql(spec), spec.name);
    {
        Stmt s(db,
               "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, srs_id) "
               "VALUES (?, ?, ?, '', ?, ?)",
               spec.name);
        s.bind(1, spec.name);
        s.bind(2, std::string_view(spatial ? "features" : "attributes"));
        s.bind(3, spec.name);
        s.bind(4, timestamp);
        s.bind(5, std::int64_t(spatial ? 4326 : 0));
        s.step();
    }
    if (spatial) {
        Stmt s(db, "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)", spec.name);
        s.bind(1, spec.name);
        s.bind(2, std::string_view(geometry_type_name(spec.geometry)));
        s.step();
    }
    if (spatial)  // filled with the rows (rtree_insert), not by reading the blobs back
        db.exec("CREATE VIRTUAL TABLE " + quoted(rtree_name(spec)) + " USING rtree(id, minx, maxx, miny, maxy);"
                "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) VALUES (" +
                    literal(spec.name) +
                    ", 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only');",
                spec.name);
    bool json = false;
    for (auto& c : spec.columns) json = json || c.type == io::FieldType::Json;
    if (json) {
        if (!db.has_table("gpkg_data_columns")) db.exec(kDataColumnsSchema, "gpkg_data_columns");
        for (auto& c : spec.columns) {
            if (c.type != io::FieldType::Json) continue;
            Stmt s(db, "INSERT INTO gpkg_data_columns (table_name, column_name, mime_type) VALUES (?, ?, 'application/json')",
                   "gpkg_data_columns");
            s.bind(1, spec.name);
            s.bind(2, c.name);
            s.step();
        }
    }
}

void finish_layer(Db& db, const LayerSpec& spec, const Envelope& extent, std::int64_t count) {
    const std::string t = quoted(spec.name), lit = literal(spec.name);
    {
        Stmt s(db, "INSERT OR REPLACE INTO gpkg_ogr_contents (table_name, feature_count) VALUES (?, ?)", spec.name);
        s.bind(1, spec.name);
        s.bind(2, count);
        s.step();
    }
    if (spec.geometry != io::LayerGeometry::None) {
        if (!extent.empty()) {
            Stmt s(db, "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?", spec.name);
            s.bind(1, extent.min_x);
            s.bind(2, extent.min_y);
            s.bind(3, extent.max_x);
            s.bind(4, extent.max_y);
            s.bind(5, spec.name);
            s.step();
        }
        const std::string r = quoted(rtree_name(spec));
        // GDAL 3.6's triggers, word for word: whoever edits the layer next keeps the index.
        const std::string n = "\"rtree_" + spec.name + "_geom";
        const std::string values = " VALUES (NEW.\"fid\",ST_MinX(NEW.\"geom\"), ST_MaxX(NEW.\"geom\"),ST_MinY(NEW.\"geom\"), ST_MaxY(NEW.\"geom\")); END;";
        db.exec("CREATE TRIGGER " + n + "_insert\" AFTER INSERT ON " + t +
                    " WHEN (new.\"geom\" NOT NULL AND NOT ST_IsEmpty(NEW.\"geom\")) BEGIN INSERT OR REPLACE INTO " + r + values +
                "CREATE TRIGGER " + n + "_update1\" AFTER UPDATE OF \"geom\" ON " + t +
                    " WHEN OLD.\"fid\" = NEW.\"fid\" AND (NEW.\"geom\" NOTNULL AND NOT ST_IsEmpty(NEW.\"geom\")) BEGIN INSERT OR REPLACE INTO " + r + values +
                "CREATE TRIGGER " + n + "_update2\" AFTER UPDATE OF \"geom\" ON " + t +
                    " WHEN OLD.\"fid\" = NEW.\"fid\" AND (NEW.\"geom\" ISNULL OR ST_IsEmpty(NEW.\"geom\")) BEGIN DELETE FROM " + r +
                    " WHERE id = OLD.\"fid\"; END;"
                "CREATE TRIGGER " + n + "_update3\" AFTER UPDATE ON " + t +
                    " WHEN OLD.\"fid\" != NEW.\"fid\" AND (NEW.\"geom\" NOTNULL AND NOT ST_IsEmpty(NEW.\"geom\")) BEGIN DELETE FROM " + r +
                    " WHERE id = OLD.\"fid\"; INSERT OR REPLACE INTO " + r + values +
                "CREATE TRIGGER " + n + "_update4\" AFTER UPDATE ON " + t +
                    " WHEN OLD.\"fid\" != NEW.\"fid\" AND (NEW.\"geom\" ISNULL OR ST_IsEmpty(NEW.\"geom\")) BEGIN DELETE FROM " + r +
                    " WHERE id IN (OLD.\"fid\", NEW.\"fid\"); END;"
                "CREATE TRIGGER " + n + "_delete\" AFTER DELETE ON " + t + " WHEN old.\"geom\" NOT NULL BEGIN DELETE FROM " + r +
                    " WHERE id = OLD.\"fid\"; END;",
                spec.name);
    }
    db.exec("CREATE TRIGGER \"trigger_insert_feature_count_" + spec.name + "\" AFTER INSERT ON " + t +
                " BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count + 1 WHERE lower(table_name) = lower(" + lit +
                "); END;"
            "CREATE TRIGGER \"trigger_delete_feature_count_" + spec.name + "\" AFTER DELETE ON " + t +
                " BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count - 1 WHERE lower(table_name) = lower(" + lit +
                "); END;",
            spec.name);
}

void drop_layer(Db& db, const std::string& name) {
    const std::string lit = literal(name);
    // The R-tree under any geometry column name (GDAL names it rtree_<table>_<column>).
    std::vector<std::string> rtrees;
    {
        Stmt s(db, "SELECT column_name FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)", name);
        s.bind(1, name);
        while (s.step()) rtrees.push_back("rtree_" + name + "_" + s.text(0));
    }
    for (auto& r : rtrees) db.exec("DROP TABLE IF EXISTS " + quoted(r), name);
    db.exec("DROP TABLE IF EXISTS " + quoted(name), name);
    std::string sql;
    for (const char* t : {"gpkg_geometry_columns", "gpkg_ogr_contents", "gpkg_extensions", "gpkg_data_columns"})
        if (db.has_table(t)) sql += std::string("DELETE FROM ") + t + " WHERE lower(table_name) = lower(" + lit + ");";
    sql += "DELETE FROM gpkg_contents WHERE lower(table_name) = lower(" + lit + ");";
    if (db.has_table("sqlite_sequence")) sql += "DELETE FROM sqlite_sequence WHERE lower(name) = lower(" + lit + ");";
    db.exec(sql, name);
}

}  // namespace pc::store
