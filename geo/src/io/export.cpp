// Export of every project layer (and metrics) to GeoPackage, GeoJSON, Shapefile, KML and CSV.
#include "geo/io/export.h"

#include <filesystem>
#include <fstream>
#include <set>

#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/io/project_file.h"
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
                if (t.geometry_type == wkbNone) {
                    parts.push_back({"", wkbNone, GeometryKind::Empty});
                } else if (t.geometry_type == wkbUnknown) {
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
                    auto type = t.geometry_type == wkbPolygon ? wkbMultiPolygon : t.geometry_type;
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
                    if (t.geometry_type == wkbUnknown) {
                        auto k = part.kind;
                        o.keep = [k](const Geometry* g) { return kind_of(g) == k; };
                    }
                    io::write_table(*ds, t, o);
                    ds.reset();
                    rep.files.push_back(file.string());
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
                if (t.geometry_type == wkbNone) break;
                auto file = dir / (t.name + ".kml");
                remove_dataset_files(file);
                bool has = [&] {
                    for (auto& c : t.columns)
                        if (c.name == "name") return true;
                    return false;
                }();
                CPLStringList dco;
                dco.SetNameValue("NameField", has ? "name" : "code");
                dco.SetNameValue("DescriptionField", "description");
                auto ds = create_vector(file.string(), "KML", dco.List());
                io::write_table(*ds, t, {});
                ds.reset();
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
                if (t.geometry_type != wkbNone) {
                    o.layer_options.push_back("GEOMETRY=AS_WKT");
                    if (t.geometry_type == wkbUnknown || t.geometry_type == wkbPoint || t.geometry_type == wkbMultiPoint) {
                        o.extra_columns = {{"lon", OFTReal}, {"lat", OFTReal}};
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
            case ExportFormat::GeoPackage: break;
        }
    }
    return rep;
}

}  // namespace pc
