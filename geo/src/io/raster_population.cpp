// A population raster (GHS-POP, WorldPop GeoTIFF ...) as polygon cells in lon/lat.
#include <ogr_spatialref.h>

#include <cmath>

#include "geo/bounds.h"
#include "geo/crs.h"
#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/io/import.h"

namespace pc {

PopulationGrid read_population_raster(const std::string& path, int band_no) {
    auto ds = open_raster(path);
    const std::string bname = "band " + std::to_string(band_no);
    if (band_no < 1 || band_no > ds->GetRasterCount())
        throw InputError({path, bname}, "no such band (the raster has " + std::to_string(ds->GetRasterCount()) + ")");
    double gt[6];
    if (ds->GetGeoTransform(gt) != CE_None) throw InputError({path, bname}, "the raster is not georeferenced");
    const OGRSpatialReference* srs = ds->GetSpatialRef();
    if (!srs || srs->IsEmpty()) throw InputError({path, bname}, "no coordinate reference system");
    std::optional<CrsTransform> t;
    auto w = wgs84();
    const char* same_opts[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", "CRITERION=EQUIVALENT", nullptr};
    if (!srs->IsSame(w.get(), same_opts)) {
        try {
            t.emplace(*srs, *w);
        } catch (const GdalError& e) {
            throw InputError({path, bname}, std::string("unknown coordinate reference system: ") + e.what());
        }
    }
    auto* band = ds->GetRasterBand(band_no);
    int has_nodata = 0;
    const double nodata = band->GetNoDataValue(&has_nodata);
    const int nx = ds->GetRasterXSize(), ny = ds->GetRasterYSize();
    PopulationGrid grid;
    grid.source = path + ":" + bname;
    std::vector<double> row(static_cast<std::size_t>(nx));
    auto corner = [&](int col, int r) { return Coord{gt[0] + col * gt[1] + r * gt[2], gt[3] + col * gt[4] + r * gt[5]}; };
    GdalErrorCapture capture;  // a damaged block can raise an error and still return a row
    for (int r = 0; r < ny; ++r) {
        capture.clear();
        const Where at{path, bname, "row " + std::to_string(r)};
        if (band->RasterIO(GF_Read, 0, r, nx, 1, row.data(), nx, 1, GDT_Float64, 0, 0) != CE_None || capture.failed())
            throw InputError(at, "the raster is damaged: " + (capture.failed() ? capture.message() : gdal_last_error()));
        for (int c = 0; c < nx; ++c) {
            double v = row[std::size_t(c)];
            if (std::isnan(v) || v == 0 || (has_nodata && v == nodata)) continue;
            if (v < 0) continue;  // GHS-POP and WorldPop mark "no data" with negative values
            // Infinite or more than a desa's people in one cell: a damaged or mislabelled raster.
            check_population(AdminLevel::Desa, v, {path, bname, "pixel " + std::to_string(c) + "," + std::to_string(r)});
            Ring ring = {corner(c, r), corner(c, r + 1), corner(c + 1, r + 1), corner(c + 1, r), corner(c, r)};
            Geometry g = Geometry::polygon(std::move(ring));
            if (t) {
                try {
                    t->apply_in_place(g);
                } catch (const GdalError& e) {
                    throw InputError({path, bname, "pixel " + std::to_string(c) + "," + std::to_string(r)}, e.what());
                }
            }
            grid.cells.push_back({std::move(g), v});
        }
    }
    return grid;
}

}  // namespace pc
