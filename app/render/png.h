#pragma once
// PNG files of RGBA pixels (top row first), shared by the application's screenshots and the
// offscreen render.
#include <cstdint>
#include <string>
#include <vector>

namespace pc::gui {

// Creates the parent folders; false when the file cannot be written.
bool write_png_rgba(const std::string& path, int width, int height, const std::uint8_t* rgba);

// The PNG file as bytes in memory (for data: URIs in the HTML report); empty on failure.
std::vector<std::uint8_t> encode_png_rgba(int width, int height, const std::uint8_t* rgba);

}  // namespace pc::gui
