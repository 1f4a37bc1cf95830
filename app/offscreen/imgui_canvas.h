#pragma once
// The map's 2D drawing (render/canvas.h) over a Dear ImGui draw list: what the window and the offscreen
// images draw labels, legends and title blocks with.
#include <functional>

#include "render/canvas.h"

struct ImDrawList;
struct ImFont;

namespace pc::gui {

class ImGuiCanvas final : public Canvas {
public:
    struct Fonts {
        ImFont* regular = nullptr;  // drawn at any size (scaled)
        ImFont* bold = nullptr;     // null: the regular one
        // The regular font rasterised nearest a size (Type::Crisp); null: the scaled regular font.
        std::function<ImFont*(float px)> nearest;
        float em = 16;              // the surroundings' text size
    };
    ImGuiCanvas(ImDrawList* dl, Fonts fonts) : dl_(dl), fonts_(std::move(fonts)) {}

    float em() const override { return fonts_.em; }
    float crisp_px(float px) const override;
    Point text_size(Type type, float px, std::string_view text, float wrap_width = 0) const override;
    void text(Type type, float px, Point at, Rgba colour, std::string_view text, const Box* clip = nullptr,
              float wrap_width = 0) override;
    void rect_filled(Point a, Point b, Rgba colour, float rounding = 0) override;
    void rect(Point a, Point b, Rgba colour, float rounding, float width) override;
    void line(Point a, Point b, Rgba colour, float width) override;
    void polyline(const std::vector<Point>& points, Rgba colour, bool closed, float width) override;
    void convex_fill(const std::vector<Point>& points, Rgba colour) override;
    void triangle_filled(Point a, Point b, Point c, Rgba colour) override;
    void circle(Point centre, float radius, Rgba colour, int segments, float width) override;
    void circle_filled(Point centre, float radius, Rgba colour, int segments) override;
    void push_clip(Point a, Point b) override;
    void pop_clip() override;

    ImDrawList* draw_list() const { return dl_; }

private:
    // The font text of `type` and `px` is drawn with.
    ImFont* font_for(Type type, float px) const;
    ImDrawList* dl_;
    Fonts fonts_;
};

// The characters every font of the application is rasterised with: Latin-1 and Latin Extended-A,
// general punctuation (— “ ” …), superscripts (km²), the currency block and arrows. (Noto Sans has
// no U+2212 minus sign: negative numbers take the hyphen-minus.)
const unsigned short* text_glyph_ranges();

// 0xRRGGBBAA as ImGui's packed colour.
unsigned im_colour(Rgba c);

}  // namespace pc::gui
