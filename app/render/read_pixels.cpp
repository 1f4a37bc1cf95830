#include "render/read_pixels.h"

#include <algorithm>

#include "render/gl.h"

namespace pc::gui {

void read_rgba_top_down(int width, int height, std::uint8_t* out) {
    const std::size_t row = std::size_t(width) * 4, size = row * std::size_t(height);
    std::vector<std::uint8_t> raw(size);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, raw.data());
    for (int y = 0; y < height; ++y) std::copy_n(&raw[std::size_t(height - 1 - y) * row], row, out + std::size_t(y) * row);
    for (std::size_t i = 3; i < size; i += 4) out[i] = 255;
}

std::vector<std::uint8_t> read_rgba_top_down(int width, int height) {
    std::vector<std::uint8_t> out(std::size_t(width) * std::size_t(height) * 4);
    read_rgba_top_down(width, height, out.data());
    return out;
}

}  // namespace pc::gui
