// Shapefiles: one per table, one per geometry kind of a mixed table (points, lines, polygons), field
// names cut to 10 characters (listed in <layer>.fields.csv), a QGIS style (.qml, with the whole names
// as aliases) and an SLD beside each.
#include <fstream>
#include <set>

#include "export_internal.h"
#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/io/styles.h"

namespace fs = std::filesystem;

namespace pc::io {
namespace {

// Shapefile field names: at most 10 characters, unique within the layer, chosen the same way every time.
std::map<std::string, std::string> short_names(const std::vector<Column>& cols) {
    std::map<std::string, std::string> out;
    std::set<std::string> used;
    for (auto& c : cols) {
        std::string s = c.name.substr(0, 10);
        for (int k = 1; used.count(lower(s)); ++k) {
            std::string suffix = "_" + std::to_string(k);
            s = c.name.substr(0, 10 - suffix.size()) + suffix;
        }
        used.insert(lower(s));
        out[c.name] = s;
    }
    return out;
}

GeometryKind kind_of(const Geometry* g) { return g ? g->kind : GeometryKind::Empty; }

void write_text(const fs::path& path, const std::string& text, ExportReport& report) {
    std::ofstream os(path, std::ios::binary);
    os << text;
    if (!os) throw GdalError("cannot write '" + path.string() + "'");
    report.files.push_back(path.string());
}

}  // namespace

void write_shapefiles(const Table& t, const Project& project, const AnalysisResult* metrics, const fs::path& dir,
                      ExportReport& report) {
    auto names = short_names(t.columns);
    struct Part {
        std::string suffix;
        OGRwkbGeometryType type;
        GeometryKind kind;
    };
    std::vector<Part> parts;
    if (t.geometry_type == LayerGeometry::None) {
        parts.push_back({"", wkbNone, GeometryKind::Empty});
    } else if (t.geometry_type == LayerGeometry::Mixed) {
        // A Shapefile holds one geometry kind: one file per kind present.
        std::set<GeometryKind> kinds;  // features without geometry go with the points
        for (auto* g : t.geometries) kinds.insert(kind_of(g) == GeometryKind::Empty ? GeometryKind::Point : kind_of(g));
        if (kinds.count(GeometryKind::Point)) parts.push_back({"_point", wkbMultiPoint, GeometryKind::Point});
        if (kinds.count(GeometryKind::Line)) parts.push_back({"_line", wkbMultiLineString, GeometryKind::Line});
        if (kinds.count(GeometryKind::Polygon)) parts.push_back({"_polygon", wkbMultiPolygon, GeometryKind::Polygon});
        if (parts.empty()) parts.push_back({"_point", wkbPoint, GeometryKind::Point});
        for (auto& part : parts)
            if (part.kind == GeometryKind::Point) {
                bool multi = false;
                for (auto* g : t.geometries) multi = multi || (g && g->kind == GeometryKind::Point && g->points.size() > 1);
                part.type = multi ? wkbMultiPoint : wkbPoint;
            }
    } else {
        parts.push_back({"", t.geometry_type == LayerGeometry::Polygon ? wkbMultiPolygon : ogr_geometry_type(t.geometry_type),
                         GeometryKind::Empty});
    }
    for (auto& part : parts) {
        const std::string lname = t.name + part.suffix;
        auto file = dir / (lname + (part.type == wkbNone ? ".dbf" : ".shp"));
        auto ds = create_vector(file.string(), "ESRI Shapefile");
        WriteOptions o;
        o.layer_name = lname;
        o.geometry_type = part.type;
        o.rename = names;
        o.layer_options = {"ENCODING=UTF-8", "SPATIAL_INDEX=NO"};
        o.repairs = &report.warnings;
        if (t.geometry_type == LayerGeometry::Mixed) {
            auto k = part.kind;
            o.keep = [k](const Geometry* g) { return kind_of(g) == k || (k == GeometryKind::Point && kind_of(g) == GeometryKind::Empty); };
        }
        write_table(*ds, t, o);
        ds.reset();
        for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg"})
            if (std::error_code ec; fs::exists(dir / (lname + ext), ec)) report.files.push_back((dir / (lname + ext)).string());
        // QGIS reads <name>.qml beside a Shapefile as its default style; .sld for other tools.
        if (part.type != wkbNone) {
            StyleOptions so;
            so.field_names = names;
            if (t.geometry_type == LayerGeometry::Mixed) so.geometry_kind = part.kind;
            for (auto& st : project_styles(project, metrics, so)) {
                if (st.layer != t.name) continue;
                write_text(dir / (lname + ".qml"), st.qml, report);
                write_text(dir / (lname + ".sld"), st.sld, report);
            }
        }
        std::string csv = "long,short\n";
        for (auto& c : t.columns) csv += c.name + ',' + names[c.name] + '\n';
        write_text(dir / (lname + ".fields.csv"), csv, report);
    }
}

}  // namespace pc::io
