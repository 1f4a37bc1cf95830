#pragma once
// Two-dimensional drawing in window (layout) pixels, y down: what the map's overlay (labels, scale
// bar, north arrow), its legend and title block, and the scenario divider are drawn with. The map
// renderer knows nothing of the toolkit that rasterises text and shapes; the application and the
// offscreen images implement this over Dear ImGui's draw lists (offscreen/imgui_canvas.h).
#include <cstdint>
#include <string_view>
#include <vector>

#include "render/meshes.h"

namespace pc::gui {

struct Point {
    float x = 0, y = 0;
};

struct Box {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// Regular and bold type are drawn at any size (scaled); Crisp is regular type at a size a font was
// rasterised at (crisp_px), drawn unscaled (map labels).
enum class Type : std::uint8_t { Regular, Bold, Crisp };

class Canvas {
public:
    virtual ~Canvas() = default;

    // The text size of the surroundings (the panels' type, or a slide's): overlays size from it.
    virtual float em() const = 0;
    // The size nearest to `px` that a font was rasterised at, for Type::Crisp; `px` itself when the
    // canvas has only scalable type.
    virtual float crisp_px(float px) const = 0;
    virtual Point text_size(Type type, float px, std::string_view text, float wrap_width = 0) const = 0;
    // Text with its top left at `at`; cut to `clip` when given; wrapped at `wrap_width` (> 0).
    virtual void text(Type type, float px, Point at, Rgba colour, std::string_view text, const Box* clip = nullptr,
                      float wrap_width = 0) = 0;

    virtual void rect_filled(Point a, Point b, Rgba colour, float rounding = 0) = 0;
    virtual void rect(Point a, Point b, Rgba colour, float rounding, float width) = 0;
    virtual void line(Point a, Point b, Rgba colour, float width) = 0;
    virtual void polyline(const std::vector<Point>& points, Rgba colour, bool closed, float width) = 0;
    virtual void convex_fill(const std::vector<Point>& points, Rgba colour) = 0;
    virtual void triangle_filled(Point a, Point b, Point c, Rgba colour) = 0;
    virtual void circle(Point centre, float radius, Rgba colour, int segments, float width) = 0;
    virtual void circle_filled(Point centre, float radius, Rgba colour, int segments) = 0;
    // Drawing is cut to the rectangle until the matching pop (nested: intersected).
    virtual void push_clip(Point a, Point b) = 0;
    virtual void pop_clip() = 0;
};

// A colour at `alpha` times its own opacity.
inline Rgba with_alpha(Rgba c, float alpha) {
    const auto a = std::uint32_t(float(c & 0xff) * alpha);
    return (c & 0xffffff00u) | (a > 255 ? 255 : a);
}

}  // namespace pc::gui
