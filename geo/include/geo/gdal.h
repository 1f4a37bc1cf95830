#pragma once
// RAII over GDAL/OGR: the dataset owns, layers are borrowed from it, features own themselves.
#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>
#include <vector>

#include "geo/error.h"

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

// What a file GDAL cannot open is, in words: "the file is empty (0 bytes)", "a text file (first
// line: 'nama,kode')", "binary data GDAL does not recognise (starts 50 4b 03 04)", "a folder".
std::string describe_unreadable(const std::string& path);

// Collects the CPL errors GDAL raises on this thread while it lives (CPLPushErrorHandlerEx: error
// handlers are per thread, so captures on different threads never mix). GDAL reports a corrupt page,
// an unreadable geometry blob or a truncated file only as an error and a read loop that ends early;
// a reader checks the capture after every read and refuses the source instead of using part of it.
// Nested captures: the innermost one sees the errors. Construct and destroy on the same thread.
class GdalErrorCapture {
public:
    GdalErrorCapture();
    ~GdalErrorCapture();
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

    // A CE_Failure or CE_Fatal since construction or the last clear().
    bool failed() const { return !failures_.empty(); }
    // The failures' messages, "; "-joined (the first few), "" when none.
    std::string message() const;
    const std::vector<std::string>& warnings() const { return warnings_; }
    void clear();
    // Throws InputError(where, what + ": " + message()) when failed().
    void check(const Where& where, const std::string& what) const;

private:
    static void CPL_STDCALL handle(CPLErr cls, CPLErrorNum number, const char* message);
    std::vector<std::string> failures_;
    std::vector<std::string> warnings_;
};

}  // namespace pc
