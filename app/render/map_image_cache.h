#pragma once
// The map kept as an image while only its centre moves: a pan by whole pixels is a copy of the kept
// image, shifted, instead of drawing every layer again (QGIS's canvas does the same while panning).
// Under a software rasteriser drawing the layers is most of a frame.
//
// The image covers the viewport plus a margin on each side. It is used while the camera's scale, the
// viewport, the framebuffer and the caller's key (everything else the drawing depends on: meshes,
// styles, order) stay the same and the shift stays within the margin; it is drawn anew, with the
// margin, otherwise. While the scale or the key change every frame (a zoom, a fly, a drag that edits
// meshes) it is not kept: each frame is drawn straight, without the margin's extra cost.
#include <cstdint>
#include <functional>

#include "render/camera.h"
#include "render/gl.h"
#include "render/renderer.h"

namespace pc::gui {

class MapImageCache {
public:
    using DrawLayers = std::function<void(const Camera&, const FramebufferInfo&)>;

    explicit MapImageCache(int margin_px = 192) : margin_(margin_px) {}
    ~MapImageCache();
    MapImageCache(const MapImageCache&) = delete;
    MapImageCache& operator=(const MapImageCache&) = delete;

    // Draws the map of `cam` into the bound framebuffer (`fb`), from the kept image when it can.
    void draw(const Camera& cam, const FramebufferInfo& fb, std::uint64_t key, const DrawLayers& draw_layers);
    void invalidate() { valid_ = false; }

    enum class Last { Drawn, Kept, Shifted };  // straight; drawn into the image; copied from it
    Last last() const { return last_; }

private:
    void ensure_target(int w, int h);
    bool same_setting(const Camera& cam, const FramebufferInfo& fb, std::uint64_t key) const;

    int margin_;
    GLuint fbo_ = 0, colour_ = 0;
    int tex_w_ = 0, tex_h_ = 0;
    bool valid_ = false;
    Last last_ = Last::Drawn;
    // What the image (or, when not valid, the last frame) was drawn for.
    Camera cam_;
    FramebufferInfo fb_;
    std::uint64_t key_ = 0;
    bool seen_ = false;
};

}  // namespace pc::gui
