#include "geo/gdal.h"

#include <cpl_error.h>

#include <mutex>

#include "geo/error.h"

namespace pc {

void gdal_init() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // Errors reach the user through our exceptions (which name file/layer/feature), not stderr.
        CPLSetErrorHandler(CPLQuietErrorHandler);
    });
}

std::string gdal_last_error() {
    const char* m = CPLGetLastErrorMsg();
    return m ? m : "";
}

GDALDatasetUniquePtr open_vector(const std::string& path, bool update) {
    gdal_init();
    CPLErrorReset();
    unsigned flags = GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY);
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), flags));
    if (!ds) {
        auto msg = gdal_last_error();
        throw InputError({path}, "cannot open as a vector data source" + (msg.empty() ? "" : ": " + msg));
    }
    return ds;
}

GDALDatasetUniquePtr open_raster(const std::string& path) {
    gdal_init();
    CPLErrorReset();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds) {
        auto msg = gdal_last_error();
        throw InputError({path}, "cannot open as a raster" + (msg.empty() ? "" : ": " + msg));
    }
    return ds;
}

GDALDatasetUniquePtr create_vector(const std::string& path, const std::string& driver, char** options) {
    gdal_init();
    auto* drv = GetGDALDriverManager()->GetDriverByName(driver.c_str());
    if (!drv) throw GdalError("GDAL driver '" + driver + "' is not available");
    CPLErrorReset();
    GDALDatasetUniquePtr ds(drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, options));
    if (!ds) throw GdalError("cannot create '" + path + "' (" + driver + "): " + gdal_last_error());
    return ds;
}

}  // namespace pc
