#include "render/png.h"

#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <filesystem>
#include <functional>

namespace pc::gui {
namespace {

// libpng with fast settings: zlib level 3 and the "up" filter. Maps are large flat areas, so files
// stay small while an 8K image encodes several times faster than with stb_image_write.
bool encode(int width, int height, const std::uint8_t* rgba, const std::function<void(const std::uint8_t*, std::size_t)>& sink) {
    if (!rgba || width <= 0 || height <= 0) return false;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    if (!png) return false;
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_write_struct(&png, nullptr);
        return false;
    }
    if (setjmp(png_jmpbuf(png))) {  // libpng reports errors by longjmp; nothing with a destructor lives here
        png_destroy_write_struct(&png, &info);
        return false;
    }
    png_set_write_fn(
        png, const_cast<std::function<void(const std::uint8_t*, std::size_t)>*>(&sink),
        [](png_structp p, png_bytep data, png_size_t n) {
            (*static_cast<std::function<void(const std::uint8_t*, std::size_t)>*>(png_get_io_ptr(p)))(data, n);
        },
        [](png_structp) {});
    png_set_IHDR(png, info, png_uint_32(width), png_uint_32(height), 8, PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, 3);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
    png_write_info(png, info);
    for (int y = 0; y < height; ++y) png_write_row(png, rgba + std::size_t(y) * std::size_t(width) * 4);
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    return true;
}

}  // namespace

bool write_png_rgba(const std::string& path, int width, int height, const std::uint8_t* rgba) {
    std::filesystem::path p(path);
    std::error_code ec;
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return false;
    bool ok = true;
    const bool encoded = encode(width, height, rgba, [&](const std::uint8_t* d, std::size_t n) {
        ok = ok && std::fwrite(d, 1, n, f) == n;
    });
    ok = (std::fclose(f) == 0) && ok && encoded;
    if (!ok) std::filesystem::remove(p, ec);
    return ok;
}

std::vector<std::uint8_t> encode_png_rgba(int width, int height, const std::uint8_t* rgba) {
    std::vector<std::uint8_t> out;
    if (!encode(width, height, rgba, [&](const std::uint8_t* d, std::size_t n) { out.insert(out.end(), d, d + n); }))
        out.clear();
    return out;
}

}  // namespace pc::gui
