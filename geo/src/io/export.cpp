// Export of every project layer (and metrics) to GeoPackage, GeoJSON, Shapefile, KML and CSV.
#include "geo/io/export.h"

#include <filesystem>
#include <fstream>
#include <cstdio>
#include <set>

#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/io/project_file.h"
#include "geo/io/styles.h"
#include "geo/style.h"
#include "io_internal.h"

namespace fs = std::filesystem;

namespace pc {

const char* to_key(ExportFormat f) {
    switch (f) {
        case ExportFormat::GeoPackage: return "gpkg";
        case ExportFormat::GeoJSON: return "geojson";
        case ExportFormat::Shapefile: return "shp";
        case ExportFormat::KML: return "kml";
        case ExportFormat::CSV: return "csv";
        case ExportFormat::KMZ: return "kmz";
    }
    return "?";
}

std::optional<ExportFormat> parse_export_format(const std::string& s) {
    auto k = io::lower(s);
    if (k == "gpkg" || k == "geopackage") return ExportFormat::GeoPackage;
    if (k == "geojson" || k == "json") return ExportFormat::GeoJSON;
    if (k == "shp" || k == "shapefile" || k == "esri shapefile") return ExportFormat::Shapefile;
    if (k == "kml" || k == "libkml") return ExportFormat::KML;
    if (k == "csv") return ExportFormat::CSV;
    if (k == "kmz") return ExportFormat::KMZ;
    return std::nullopt;
}

namespace {

void remove_dataset_files(const fs::path& p) {
    std::error_code ec;
    fs::remove(p, ec);
}

// Shapefile field names: at most 10 characters, unique within the layer, chosen the same way every time.
std::map<std::string, std::string> short_names(const std::vector<io::Column>& cols) {
    std::map<std::string, std::string> out;
    std::set<std::string> used;
    for (auto& c : cols) {
        std::string s = c.name.substr(0, 10);
        for (int k = 1; used.count(io::lower(s)); ++k) {
            std::string suffix = "_" + std::to_string(k);
            s = c.name.substr(0, 10 - suffix.size()) + suffix;
        }
        used.insert(io::lower(s));
        out[c.name] = s;
    }
    return out;
}

GeometryKind kind_of(const Geometry* g) { return g ? g->kind : GeometryKind::Empty; }


std::string field_text(const FieldValue& v) {
    if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (auto* d = std::get_if<double>(&v)) {
        char b[40];
        std::snprintf(b, sizeof b, "%.15g", *d);
        return b;
    }
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    return "";
}

// The map layers of a KML/KMZ: the table plus a `kml_description` column (an HTML table of the
// attributes, shown in Google Earth's balloon) and a style per feature: initiatives by pillar,
// facilities by type, as in the QGIS styles.
struct KmlLayer {
    io::Table table;
    std::vector<std::string> styles;
};

KmlLayer kml_layer(const io::Table& t, const Project& p) {
    KmlLayer k{t, {}};
    k.table.columns.push_back({"kml_description"});
    int pillar_col = -1, type_col = -1;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        if (t.columns[c].name == "pillar" && t.name == "initiatives") pillar_col = int(c);
        if (t.columns[c].name == "type" && t.name == "facilities") type_col = int(c);
    }
    auto rgba = [](std::uint32_t c) { return io::colour_hex(c); };
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        std::string html = "<table border=\"1\" cellpadding=\"2\" style=\"border-collapse:collapse\">";
        for (std::size_t c = 0; c < t.columns.size() && c < t.rows[r].size(); ++c)
            html += "<tr><th align=\"left\">" + io::xml_escape(t.columns[c].name) + "</th><td>" +
                    io::xml_escape(field_text(t.rows[r][c])) + "</td></tr>";
        html += "</table>";
        k.table.rows[r].push_back(html);
        std::uint32_t colour = t.name == "kecamatan" ? kKecamatanOutline
                               : t.name == "desa"    ? kDesaOutline
                               : t.name == "zones"   ? kZoneColour
                                                     : kKabupatenOutline;
        if (pillar_col >= 0)
            if (auto pl = parse_pillar(field_text(t.rows[r][std::size_t(pillar_col)]))) colour = pillar_colour(*pl);
        if (type_col >= 0) {
            auto* ft = p.facility_type(field_text(t.rows[r][std::size_t(type_col)]));
            colour = ft ? ft->colour : 0x808080ffu;
        }
        const Geometry* g = r < t.geometries.size() ? t.geometries[r] : nullptr;
        std::string st;
        switch (kind_of(g)) {
            case GeometryKind::Point: st = "SYMBOL(id:\"http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png\",c:" + rgba(colour) + ",s:1.2)"; break;
            case GeometryKind::Line: st = "PEN(c:" + rgba(colour) + ",w:3px)"; break;
            case GeometryKind::Polygon: {
                // Admin units as outlines; zones and initiative areas translucent.
                const bool outline_only = t.name == "kabupaten" || t.name == "kecamatan" || t.name == "desa";
                st = "PEN(c:" + rgba(colour) + ",w:2px);BRUSH(fc:" + rgba(outline_only ? (colour & 0xffffff00u) : ((colour & 0xffffff00u) | 0x66u)) + ")";
                break;
            }
            case GeometryKind::Empty: break;
        }
        k.styles.push_back(st);
    }
    return k;
}

bool is_map_layer(const io::Table& t) { return t.geometry_type != io::LayerGeometry::None && t.name != "population_grid"; }

// KML (one layer) or KMZ (several) through LIBKML, which turns the OGR style strings into KML
// styles (icon, line and polygon colours); name -> <name>, the HTML table -> <description>, every
// attribute also in <ExtendedData> so the file reads back.
void write_kml(const std::string& path, const std::vector<const io::Table*>& tables, const Project& p) {
    struct Config {
        Config() {
            CPLSetThreadLocalConfigOption("LIBKML_NAME_FIELD", "name");
            CPLSetThreadLocalConfigOption("LIBKML_DESCRIPTION_FIELD", "kml_description");
        }
        ~Config() {
            CPLSetThreadLocalConfigOption("LIBKML_NAME_FIELD", nullptr);
            CPLSetThreadLocalConfigOption("LIBKML_DESCRIPTION_FIELD", nullptr);
        }
    } config;
    auto ds = create_vector(path, "LIBKML");
    for (auto* t : tables) {
        auto k = kml_layer(*t, p);
        io::WriteOptions o;
        o.style = [&k](std::size_t r) { return k.styles[r]; };
        io::write_table(*ds, k.table, o);
    }
    ds.reset();
}

}  // namespace

ExportReport export_project(const Project& project, const AnalysisResult* metrics, const std::string& out,
                            ExportFormat format) {
    gdal_init();
    ExportReport rep;
    if (format == ExportFormat::GeoPackage) {
        save_project(project, out, metrics);
        rep.files.push_back(out);
        return rep;
    }
    std::error_code ec;
    if (format == ExportFormat::KMZ) {
        // LIBKML writes the zip (doc.kml inside) itself.
        remove_dataset_files(out);
        const auto tables = io::project_tables(project, metrics);
        std::vector<const io::Table*> layers;
        for (auto& t : tables)
            if (is_map_layer(t) && t.is_feature_layer) layers.push_back(&t);
        write_kml(out, layers, project);
        rep.files.push_back(out);
        return rep;
    }
    fs::create_directories(out, ec);
    if (ec) throw GdalError("cannot create folder '" + out + "': " + ec.message());
    const auto tables = io::project_tables(project, metrics);
    const fs::path dir(out);

    for (auto& t : tables) {
        switch (format) {
            case ExportFormat::GeoJSON: {
                auto file = dir / (t.name + ".geojson");
                remove_dataset_files(file);
                auto ds = create_vector(file.string(), "GeoJSON");
                io::WriteOptions o;
                // RFC 7946 caps coordinates at 7 decimals by default; keep what we have (1e-9 degrees round trips).
                o.layer_options = {"RFC7946=YES", "COORDINATE_PRECISION=15", "WRITE_NAME=NO"};
                io::write_table(*ds, t, o);
                ds.reset();
                rep.files.push_back(file.string());
                break;
            }
            case ExportFormat::Shapefile: {
                auto names = short_names(t.columns);
                struct Part {
                    std::string suffix;
                    OGRwkbGeometryType type;
                    GeometryKind kind;
                };
                std::vector<Part> parts;
                if (t.geometry_type == io::LayerGeometry::None) {
                    parts.push_back({"", wkbNone, GeometryKind::Empty});
                } else if (t.geometry_type == io::LayerGeometry::Mixed) {
                    // A Shapefile holds one geometry kind: one file per kind present.
                    std::set<GeometryKind> kinds;
                    for (auto* g : t.geometries) kinds.insert(kind_of(g));
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
                    auto type = t.geometry_type == io::LayerGeometry::Polygon ? wkbMultiPolygon : io::ogr_geometry_type(t.geometry_type);
                    parts.push_back({"", type, GeometryKind::Empty});
                }
                for (auto& part : parts) {
                    const std::string lname = t.name + part.suffix;
                    auto file = dir / (lname + (part.type == wkbNone ? ".dbf" : ".shp"));
                    for (const char* e : {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix"})
                        remove_dataset_files(dir / (lname + e));
                    auto ds = create_vector(file.string(), "ESRI Shapefile");
                    io::WriteOptions o;
                    o.layer_name = lname;
                    o.geometry_type = part.type;
                    o.rename = names;
                    o.layer_options = {"ENCODING=UTF-8", "SPATIAL_INDEX=NO"};
                    if (t.geometry_type == io::LayerGeometry::Mixed) {
                        auto k = part.kind;
                        o.keep = [k](const Geometry* g) { return kind_of(g) == k; };
                    }
                    io::write_table(*ds, t, o);
                    ds.reset();
                    rep.files.push_back(file.string());
                    // QGIS reads <name>.qml beside a Shapefile as its default style; .sld for other tools.
                    StyleOptions so;
                    so.field_names = names;
                    if (t.geometry_type == io::LayerGeometry::Mixed) so.geometry_kind = part.kind;
                    for (auto& st : project_styles(project, metrics, so)) {
                        if (st.layer != t.name || part.type == wkbNone) continue;
                        for (auto [ext, text] : {std::pair{".qml", &st.qml}, std::pair{".sld", &st.sld}}) {
                            auto sf = dir / (lname + ext);
                            std::ofstream os(sf, std::ios::binary);
                            os << *text;
                            if (!os) throw GdalError("cannot write '" + sf.string() + "'");
                            rep.files.push_back(sf.string());
                        }
                    }
                    auto side = dir / (lname + ".fields.csv");
                    std::ofstream csv(side);
                    csv << "long,short\n";
                    for (auto& c : t.columns) csv << c.name << ',' << names[c.name] << '\n';
                    if (!csv) throw GdalError("cannot write '" + side.string() + "'");
                    rep.files.push_back(side.string());
                }
                break;
            }
            case ExportFormat::KML: {
                if (!is_map_layer(t)) break;
                auto file = dir / (t.name + ".kml");
                remove_dataset_files(file);
                write_kml(file.string(), {&t}, project);
                rep.files.push_back(file.string());
                break;
            }
            case ExportFormat::CSV: {
                auto file = dir / (t.name + ".csv");
                remove_dataset_files(file);
                remove_dataset_files(dir / (t.name + ".csvt"));
                auto ds = create_vector(file.string(), "CSV");
                io::WriteOptions o;
                o.layer_options = {"CREATE_CSVT=YES"};
                if (t.geometry_type != io::LayerGeometry::None) {
                    o.layer_options.push_back("GEOMETRY=AS_WKT");
                    if (t.geometry_type == io::LayerGeometry::Mixed || t.geometry_type == io::LayerGeometry::Point || t.geometry_type == io::LayerGeometry::MultiPoint) {
                        o.extra_columns = {{"lon", io::FieldType::Real}, {"lat", io::FieldType::Real}};
                        o.extra_values = [](const Geometry* g) -> std::vector<FieldValue> {
                            if (g && g->kind == GeometryKind::Point && !g->points.empty())
                                return {g->points[0].x, g->points[0].y};
                            return {FieldValue{}, FieldValue{}};
                        };
                    }
                }
                io::write_table(*ds, t, o);
                ds.reset();
                rep.files.push_back(file.string());
                break;
            }
            case ExportFormat::GeoPackage:
            case ExportFormat::KMZ: break;
        }
    }
    return rep;
}

}  // namespace pc
