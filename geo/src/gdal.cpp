#include "geo/gdal.h"

#include <cpl_error.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "geo/error.h"

namespace pc {

void gdal_init() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // Errors reach the user through our exceptions (which name file/layer/feature), not stderr;
        // readers collect them with GdalErrorCapture and refuse a source that raised any.
        CPLSetErrorHandler(CPLQuietErrorHandler);
    });
}

std::string gdal_last_error() {
    const char* m = CPLGetLastErrorMsg();
    return m ? m : "";
}

std::string describe_unreadable(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(path, ec)) return "the file does not exist";
    if (fs::is_directory(path, ec)) return "a folder that holds no GIS data GDAL reads";
    const auto size = fs::file_size(path, ec);
    if (ec) return "the file cannot be read (" + ec.message() + ")";
    if (size == 0) return "the file is empty (0 bytes)";
    std::ifstream in(path, std::ios::binary);
    std::string head(std::size_t(std::min<std::uintmax_t>(size, 512)), '\0');
    in.read(head.data(), std::streamsize(head.size()));
    head.resize(std::size_t(in.gcount()));
    if (head.empty()) return "the file cannot be read";
    if (head.rfind("SQLite format 3", 0) == 0)
        return "an SQLite database GDAL cannot open as a GeoPackage (damaged, or not a GeoPackage)";
    const bool text = std::none_of(head.begin(), head.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u == 0 || (u < 0x20 && c != '\n' && c != '\r' && c != '\t');
    });
    if (text) {
        std::string line = head.substr(0, head.find_first_of("\r\n"));
        if (line.size() > 60) line = line.substr(0, 57) + "...";
        return "a text file in no format GDAL reads (" + std::to_string(size) + " bytes, first line: '" + line + "')";
    }
    char hex[16];
    std::string start;
    for (std::size_t i = 0; i < std::min<std::size_t>(head.size(), 4); ++i) {
        std::snprintf(hex, sizeof hex, "%s%02x", i ? " " : "", static_cast<unsigned char>(head[i]));
        start += hex;
    }
    return "binary data in no format GDAL recognises (" + std::to_string(size) + " bytes, starting " + start + ")";
}

namespace {
std::string cannot_open(const std::string& path, const char* as) {
    const auto gdal = gdal_last_error();
    return std::string("cannot open as ") + as + ": " + describe_unreadable(path) + (gdal.empty() ? "" : " (GDAL: " + gdal + ")");
}
}  // namespace

GDALDatasetUniquePtr open_vector(const std::string& path, bool update) {
    gdal_init();
    CPLErrorReset();
    unsigned flags = GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY);
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), flags));
    if (!ds) throw InputError({path}, cannot_open(path, "a vector data source"));
    return ds;
}

GDALDatasetUniquePtr open_raster(const std::string& path) {
    gdal_init();
    CPLErrorReset();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds) throw InputError({path}, cannot_open(path, "a raster"));
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

// ---- GdalErrorCapture ----

GdalErrorCapture::GdalErrorCapture() {
    gdal_init();
    CPLPushErrorHandlerEx(&GdalErrorCapture::handle, this);
}

GdalErrorCapture::~GdalErrorCapture() { CPLPopErrorHandler(); }

void CPL_STDCALL GdalErrorCapture::handle(CPLErr cls, CPLErrorNum, const char* message) {
    auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
    if (!self) return;
    constexpr std::size_t kKeep = 20;  // a broken file can raise one error per row: keep the first few
    if (cls != CE_Failure && cls != CE_Fatal && cls != CE_Warning) return;  // debug output
    auto& into = cls == CE_Warning ? self->warnings_ : self->failures_;
    if (into.size() < kKeep) into.emplace_back(message ? message : "");
}

namespace {
// SQLite's own words without the call and statement GDAL puts before them: "In GetNextRawFeature():
// sqlite3_step() : database disk image is malformed" -> "database disk image is malformed (SQLite)".
std::string plain(const std::string& m) {
    if (m.find("sqlite3_") == std::string::npos) return m;
    std::size_t at = m.size();
    while (at > 0 && !(m[at - 1] == ':' && at < m.size() && (m[at] == ' ' || m[at] == '\n'))) --at;
    if (at == 0) return m;
    const auto b = m.find_first_not_of(" \n", at);
    return b == std::string::npos ? m : m.substr(b) + " (SQLite)";
}
}  // namespace

std::string GdalErrorCapture::message() const {
    std::string s;
    for (std::size_t i = 0; i < failures_.size() && i < 3; ++i) s += (i ? "; " : "") + plain(failures_[i]);
    if (failures_.size() > 3) s += "; ...";
    return s;
}

void GdalErrorCapture::clear() {
    failures_.clear();
    warnings_.clear();
}

void GdalErrorCapture::check(const Where& where, const std::string& what) const {
    if (failed()) throw InputError(where, what + ": " + message());
}

}  // namespace pc
