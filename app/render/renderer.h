#pragma once
// Draws meshes with the shaders of shaders/ for a camera. Owns the GL programs; knows nothing of the
// project. Call begin() once per frame, then the draws in painter's order.
#include "render/camera.h"
#include "render/meshes.h"
#include "render/shader.h"

namespace pc::gui {

struct FramebufferInfo {
    int width = 0, height = 0;  // framebuffer pixels
    double scale = 1;           // framebuffer pixels per window pixel (high-DPI)
};

class MapRenderer {
public:
    MapRenderer();  // compiles the shaders; needs a current GL 3.3 context

    // Sets viewport and scissor to the camera's map area and clears it.
    void begin(const Camera& cam, const FramebufferInfo& fb, Rgba background);
    void end();
    // Per-feature colours times `tint`; solid = true draws every feature in `tint`.
    void fill(const FillMesh& m, Rgba tint, float opacity, bool solid = false);
    // As fill(), over a plain `under` colour (the first layer over the background): written opaque
    // with blending off, which looks the same and costs less.
    void fill_over(const FillMesh& m, Rgba under, Rgba tint, float opacity, bool solid = false);
    // Diagonal hatch lines in `colour`, `spacing_px` apart and `width_px` wide (zones over a choropleth);
    // between them the same colour at `between_opacity` (0: nothing), in the same pass.
    void hatch(const FillMesh& m, Rgba colour, float opacity, float spacing_px, float width_px, float between_opacity = 0);
    void lines(const LineMesh& m, Rgba colour, float width_px, float opacity);
    void points(const PointMesh& m, float size_scale, float opacity);

private:
    void set_view(const ShaderProgram& p) const;
    void bind_colours(const FillMesh& m) const;
    void fill_impl(const FillMesh& m, Rgba tint, float opacity, bool solid, const Rgba* under);
    ShaderProgram fill_, hatch_, line_, point_;
    Camera cam_;
    Envelope visible_;  // local metres
    FramebufferInfo fb_;
    // The map viewport's corner in framebuffer pixels (origin at the bottom left).
    float viewport_origin_[2] = {0, 0};
};

}  // namespace pc::gui
