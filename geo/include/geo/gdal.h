#pragma once
// RAII over GDAL/OGR: the dataset owns, layers are borrowed from it, features own themselves.
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>

#include "geo/srs.h"

namespace pc {

// Registers the drivers once and routes CPL errors to our own handler (thread-safe).
void gdal_init();

// Opens a vector dataset; throws InputError naming the file when it cannot be read.
GDALDatasetUniquePtr open_vector(const std::string& path, bool update = false);
// Opens a raster dataset; throws InputError naming the file when it cannot be read.
GDALDatasetUniquePtr open_raster(const std::string& path);
// Creates a vector dataset with the named driver ("GPKG", "GeoJSON", "ESRI Shapefile", ...).
GDALDatasetUniquePtr create_vector(const std::string& path, const std::string& driver,
                                   char** options = nullptr);

// The last GDAL error message (or "" when none).
std::string gdal_last_error();

}  // namespace pc
