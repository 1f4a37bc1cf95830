#pragma once
// The pixels of the current read framebuffer (a window's back buffer, or an FBO), top row first and
// opaque: GL's rows start at the bottom, and what was cleared or blended may have alpha below 1.
#include <cstdint>
#include <vector>

namespace pc::gui {

// Into `out` (width × height × 4 bytes).
void read_rgba_top_down(int width, int height, std::uint8_t* out);
std::vector<std::uint8_t> read_rgba_top_down(int width, int height);

}  // namespace pc::gui
