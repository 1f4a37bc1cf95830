#pragma once
// The window's frame drawn again only where it changed: while the map is panned the docked panels
// hardly change, and under a software rasteriser (llvmpipe) their blended text and frames cost as much
// as the map.
//
// Each frame the map's viewport is drawn whole, with every ImGui draw list that reaches into it. Outside
// it (the panels) each list is compared with last frame's: an unchanged list keeps its pixels, where one
// changed or moved its area is cleared and every list over that area drawn again, clipped to it.
//
// This needs the back buffer to still hold last frame's pixels after the swap. OpenGL does not promise
// that (Mesa's software rasteriser does keep them; a GPU driver that flips buffers does not), so each
// frame leaves a marker pixel and the next one checks it; where it is not found, or lists appeared or
// vanished, or the window changed size, the frame is drawn whole.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "render/gl.h"

struct ImDrawData;

namespace pc::gui {

class RetainedFrame {
public:
    // Binds the window's framebuffer and clears what must be drawn again. `map_*` is the map's viewport
    // in ImGui display coordinates; `panel_rgb` the panels' background.
    void begin(ImDrawData* draw_data, int fb_w, int fb_h, float map_x, float map_y, float map_w, float map_h,
               const float panel_rgb[3]);
    // Draws the ImGui lists that need it (after the map was drawn).
    void draw_ui(ImDrawData* draw_data);
    // Ends the frame (before the buffer swap): leaves the marker pixel.
    void present();
    // The next frame is drawn whole.
    void invalidate() { valid_ = false; }

    // Last frame: drawn whole, or how many panel pixels were drawn again.
    bool last_whole() const { return whole_; }
    double last_redrawn_px() const { return redrawn_px_; }

    struct Box {
        float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        bool empty() const { return x1 <= x0 || y1 <= y0; }
        bool intersects(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
        bool contains(const Box& o) const { return o.x0 >= x0 && o.x1 <= x1 && o.y0 >= y0 && o.y1 <= y1; }
        bool operator==(const Box&) const = default;
    };

private:
    struct ListState {
        std::uint64_t hash = 0;
        Box extent;  // where its commands draw (vertex bounds within clip rectangles), display coordinates
        bool inside_map = false;
        bool other_texture = false;
    };
    static std::vector<ListState> survey(ImDrawData* dd, const Box& map);
    static std::array<std::uint8_t, 3> marker_colour(unsigned frame, const float panel_rgb[3]);
    bool back_buffer_kept(int fb_w, int fb_h, const float panel_rgb[3]) const;

    int w_ = 0, h_ = 0;
    unsigned frame_ = 0;
    bool drawn_ = false;  // a frame was presented
    bool valid_ = false;
    bool whole_ = true;
    double redrawn_px_ = 0;
    float panel_rgb_[3] = {1, 1, 1};
    Box map_;
    std::vector<ListState> lists_, previous_;
    std::vector<Box> dirty_;  // disjoint areas outside the map to draw again this frame
};

}  // namespace pc::gui
