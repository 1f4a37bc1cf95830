// Export of every project layer (and metrics) to GeoPackage, GeoJSON, Shapefile, KML, KMZ and CSV:
// written into a staging folder beside the target and moved into place only when all of it is
// written, so an export is complete or leaves nothing behind.
#include "geo/io/export.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "../report/zip_writer.h"
#include "export_internal.h"
#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/io/project_file.h"
#include "valid_geometry.h"

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

namespace io {

std::pair<std::string, std::string> csv_coordinate_columns(const Table& t) {
    auto taken = [&](const std::string& n) {
        for (auto& c : t.columns)
            if (iequals(c.name, n)) return true;
        return false;
    };
    if (!taken("lon") && !taken("lat")) return {"lon", "lat"};
    std::string lon = "geom_lon", lat = "geom_lat";
    for (int k = 2; taken(lon) || taken(lat); ++k) lon = "geom_lon_" + std::to_string(k), lat = "geom_lat_" + std::to_string(k);
    return {lon, lat};
}

}  // namespace io

namespace {

// The export's files go into `<out>.tmp-<pid>` first (a folder, or the file of a one-file format);
// commit() moves them into place, else the destructor removes them.
class Staging {
public:
    Staging(const fs::path& out, bool folder) : out_(fs::absolute(out)), folder_(folder) {
        tmp_ = out_;
        tmp_ += ".tmp-" + std::to_string(::getpid());
        std::error_code ec;
        fs::remove_all(tmp_, ec);
        if (folder_) {
            if (fs::exists(out_, ec) && !fs::is_directory(out_, ec))
                throw InputError({out_.string()}, "exists and is not a folder: the export writes one file per layer into a folder");
            fs::create_directories(tmp_, ec);
            if (ec) throw GdalError("cannot create folder '" + tmp_.string() + "': " + ec.message());
        } else if (fs::is_directory(out_, ec)) {
            throw InputError({out_.string()}, "is a folder: this format writes one file");
        }
    }
    ~Staging() {
        std::error_code ec;
        if (!committed_) fs::remove_all(tmp_, ec);
    }
    Staging(const Staging&) = delete;
    Staging& operator=(const Staging&) = delete;

    const fs::path& path() const { return tmp_; }

    // Moves every staged file into place and rewrites the report's paths to where they are now.
    void commit(ExportReport& report) {
        std::error_code ec;
        if (!folder_) {
            fs::rename(tmp_, out_, ec);
            if (ec) throw GdalError("cannot move '" + tmp_.string() + "' to '" + out_.string() + "': " + ec.message());
        } else if (!fs::exists(out_, ec)) {
            fs::rename(tmp_, out_, ec);
            if (ec) throw GdalError("cannot move '" + tmp_.string() + "' to '" + out_.string() + "': " + ec.message());
        } else {
            for (auto& entry : fs::directory_iterator(tmp_)) {
                fs::rename(entry.path(), out_ / entry.path().filename(), ec);
                if (ec) throw GdalError("cannot move '" + entry.path().string() + "' into '" + out_.string() + "': " + ec.message());
            }
            fs::remove(tmp_, ec);
        }
        committed_ = true;
        for (auto& f : report.files) {
            const std::string staged = tmp_.string();
            if (f.rfind(staged, 0) == 0) f = out_.string() + f.substr(staged.size());
        }
    }

private:
    fs::path out_, tmp_;
    bool folder_;
    bool committed_ = false;
};

bool is_map_layer(const io::Table& t) { return t.geometry_type != io::LayerGeometry::None && t.name != "population_grid"; }

void write_geojson(const io::Table& t, const fs::path& dir, ExportReport& report) {
    const auto file = dir / (t.name + ".geojson");
    auto ds = create_vector(file.string(), "GeoJSON");
    io::WriteOptions o;
    // RFC 7946 caps coordinates at 7 decimals by default; keep what we have (1e-9 degrees round trips).
    o.layer_options = {"RFC7946=YES", "COORDINATE_PRECISION=15", "WRITE_NAME=NO"};
    // A row without geometry gets an empty one: QGIS lists a GeoJSON's features by geometry type and
    // would leave out the rows of fully covered desa (RFC 7946 allows empty coordinates).
    o.empty_geometry_for_none = true;
    o.repairs = &report.warnings;
    io::write_table(*ds, t, o);
    ds.reset();
    report.files.push_back(file.string());
}

void write_csv(const io::Table& t, const fs::path& dir, ExportReport& report) {
    const auto file = dir / (t.name + ".csv");
    auto ds = create_vector(file.string(), "CSV");
    io::WriteOptions o;
    o.layer_options = {"CREATE_CSVT=YES"};
    o.repairs = &report.warnings;
    if (t.geometry_type != io::LayerGeometry::None) {
        o.layer_options.push_back("GEOMETRY=AS_WKT");
        o.empty_geometry_for_none = true;  // "MULTIPOLYGON EMPTY": QGIS keeps the row
        if (t.geometry_type == io::LayerGeometry::Mixed || t.geometry_type == io::LayerGeometry::Point ||
            t.geometry_type == io::LayerGeometry::MultiPoint) {
            // A point's coordinates also as numbers, for spreadsheets; named apart from the table's own.
            auto [lon, lat] = io::csv_coordinate_columns(t);
            o.extra_columns = {{lon, io::FieldType::Real}, {lat, io::FieldType::Real}};
            o.extra_values = [](const Geometry* g) -> std::vector<FieldValue> {
                if (g && g->kind == GeometryKind::Point && !g->points.empty()) return {g->points[0].x, g->points[0].y};
                return {FieldValue{}, FieldValue{}};
            };
        }
    }
    io::write_table(*ds, t, o);
    ds.reset();
    report.files.push_back(file.string());
    report.files.push_back((dir / (t.name + ".csvt")).string());
}

void write_text_file(const fs::path& path, const std::string& text) {
    std::ofstream os(path, std::ios::binary);
    os << text;
    os.close();
    if (!os) throw GdalError("cannot write '" + path.string() + "'");
}

}  // namespace

ExportReport export_project(const Project& project, const AnalysisResult* metrics, const std::string& out,
                            ExportFormat format) {
    gdal_init();
    ExportReport rep;
    if (format == ExportFormat::GeoPackage) {
        // The project store writes it (beside and renamed over, with its QGIS project) from a copy
        // whose geometries are made writable as every other format's are.
        Project checked = project;
        std::optional<AnalysisResult> checked_metrics;
        if (metrics) checked_metrics = *metrics;
        io::make_writable(checked, checked_metrics ? &*checked_metrics : nullptr, out, rep.warnings);
        save_project(checked, out, checked_metrics ? &*checked_metrics : nullptr);
        rep.files.push_back(out);
        return rep;
    }
    const auto tables = io::project_tables(project, metrics);
    if (format == ExportFormat::KMZ) {
        Staging staging(out, false);
        std::vector<const io::Table*> layers;
        for (auto& t : tables)
            if (is_map_layer(t)) layers.push_back(&t);
        report_detail::ZipWriter kmz(io::file_time());
        kmz.add("doc.kml", io::kml_document(layers, project, rep), 6);
        write_text_file(staging.path(), kmz.finish());
        rep.files.push_back(staging.path().string());
        staging.commit(rep);
        return rep;
    }
    Staging staging(out, true);
    const fs::path dir = staging.path();
    for (auto& t : tables) {
        switch (format) {
            case ExportFormat::GeoJSON: write_geojson(t, dir, rep); break;
            case ExportFormat::Shapefile: io::write_shapefiles(t, project, metrics, dir, rep); break;
            case ExportFormat::KML:
                if (is_map_layer(t)) {
                    const auto file = dir / (t.name + ".kml");
                    write_text_file(file, io::kml_document({&t}, project, rep));
                    rep.files.push_back(file.string());
                }
                break;
            case ExportFormat::CSV: write_csv(t, dir, rep); break;
            case ExportFormat::GeoPackage:
            case ExportFormat::KMZ: break;
        }
    }
    staging.commit(rep);
    return rep;
}

}  // namespace pc
