// Temporary: the project file written through OGR until the SQLite writer replaces it.
#include "geo/io/project_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "geo/error.h"
#include "geo/gdal.h"
#include "io_internal.h"
#include "views_table.h"

namespace fs = std::filesystem;

namespace pc {
namespace {

void remove_quietly(const std::string& p) {
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(p + suffix, ec);
}

}  // namespace

namespace io {
// Writes all tables into a new GeoPackage at `path` (which must not exist) and closes it.
void write_geopackage(const Project& project, const AnalysisResult* metrics, const std::string& path) {
    auto tables = project_tables(project, metrics);
    CPLStringList dco;
    auto ds = create_vector(path, "GPKG", dco.List());
    for (auto& t : tables) {
        WriteOptions o;
        if (t.geometry_type != LayerGeometry::None) o.layer_options = {"GEOMETRY_NAME=geom", "FID=fid"};
        else o.layer_options = {"FID=fid"};
        if (t.geometry_type != LayerGeometry::Mixed) {
            write_table(*ds, t, o);
            continue;
        }
        // Mixed geometry: one layer per kind present (the point layer always, under the table's
        // name), FIDs numbered across them so that loading restores the model's order.
        for (GeometryKind kind : kLayerKinds) {
            const bool present = std::any_of(t.geometries.begin(), t.geometries.end(),
                                             [&](const Geometry* g) { return g && g->kind == kind; });
            if (!present && kind != GeometryKind::Point) continue;
            WriteOptions k = o;
            k.layer_name = kind_layer_name(t.name, kind);
            k.geometry_type = ogr_geometry_type(kind_layer_type(t, kind));
            k.keep = [kind](const Geometry* g) { return in_kind_layer(g, kind); };
            k.fid_from_row = true;
            write_table(*ds, t, k);
        }
    }
    if (auto absent = absent_extras_table(project); !absent.rows.empty()) {
        WriteOptions o;
        o.layer_options = {"FID=fid"};
        write_table(*ds, absent, o);
    }
    {
        WriteOptions o;
        o.layer_options = {"FID=fid"};
        write_table(*ds, views_table(project.views), o);
    }
    write_layer_styles(*ds, project_styles(project, metrics));
    CPLErrorReset();
    ds->FlushCache();
    GDALDataset* raw = ds.release();
    CPLErrorReset();
    GDALClose(raw);
    if (CPLGetLastErrorType() >= CE_Failure) throw GdalError("cannot close '" + path + "': " + gdal_last_error());
}
}  // namespace io

void save_project(const Project& project, const std::string& path, const AnalysisResult* metrics) {
    const fs::path target = fs::absolute(path);
    const std::string tmp = target.string() + ".tmp-" + std::to_string(::getpid());
    remove_quietly(tmp);
    try {
        io::write_geopackage(project, metrics, tmp);
        // On disk before it replaces the previous file: a crash leaves one or the other, whole.
        if (int fd = ::open(tmp.c_str(), O_RDONLY); fd >= 0) {
            ::fsync(fd);
            ::close(fd);
        }
        std::error_code ec;
        fs::rename(tmp, target, ec);
        if (ec) throw GdalError("cannot replace '" + target.string() + "': " + ec.message());
    } catch (...) {
        remove_quietly(tmp);
        throw;
    }
}

}  // namespace pc
