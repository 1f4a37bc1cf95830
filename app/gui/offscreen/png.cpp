#include "offscreen/png.h"

#include <stb_image_write.h>

#include <filesystem>

namespace pc::gui {

bool write_png_rgba(const std::string& path, int width, int height, const std::uint8_t* rgba) {
    if (!rgba || width <= 0 || height <= 0) return false;
    std::filesystem::path p(path);
    std::error_code ec;
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
    return stbi_write_png(path.c_str(), width, height, 4, rgba, width * 4) != 0;
}

std::vector<std::uint8_t> encode_png_rgba(int width, int height, const std::uint8_t* rgba) {
    std::vector<std::uint8_t> out;
    if (!rgba || width <= 0 || height <= 0) return out;
    auto append = [](void* ctx, void* data, int size) {
        auto* v = static_cast<std::vector<std::uint8_t>*>(ctx);
        auto* b = static_cast<const std::uint8_t*>(data);
        v->insert(v->end(), b, b + size);
    };
    if (!stbi_write_png_to_func(append, &out, width, height, 4, rgba, width * 4)) out.clear();
    return out;
}

}  // namespace pc::gui
