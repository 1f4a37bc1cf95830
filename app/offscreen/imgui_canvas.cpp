#include "offscreen/imgui_canvas.h"

#include <imgui.h>

#include <cfloat>

namespace pc::gui {
namespace {

ImVec2 v(Point p) { return ImVec2(p.x, p.y); }

std::vector<ImVec2> vs(const std::vector<Point>& points) {
    std::vector<ImVec2> out;
    out.reserve(points.size());
    for (const Point& p : points) out.push_back(v(p));
    return out;
}

}  // namespace

const unsigned short* text_glyph_ranges() {
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2000, 0x206F, 0x2070, 0x209F,
                                     0x20A0, 0x20CF, 0x2190, 0x21FF, 0};
    return ranges;
}

unsigned im_colour(Rgba c) { return IM_COL32(int(c >> 24), int((c >> 16) & 0xff), int((c >> 8) & 0xff), int(c & 0xff)); }

ImFont* ImGuiCanvas::font_for(Type type, float px) const {
    if (type == Type::Crisp && fonts_.nearest)
        if (ImFont* f = fonts_.nearest(px)) return f;
    ImFont* f = type == Type::Bold && fonts_.bold ? fonts_.bold : fonts_.regular;
    return f ? f : ImGui::GetFont();
}

float ImGuiCanvas::crisp_px(float px) const {
    if (!fonts_.nearest) return px;
    ImFont* f = fonts_.nearest(px);
    return f ? f->FontSize : px;
}

Point ImGuiCanvas::text_size(Type type, float px, std::string_view text, float wrap_width) const {
    const ImVec2 s = font_for(type, px)->CalcTextSizeA(px, FLT_MAX, wrap_width, text.data(), text.data() + text.size());
    return {s.x, s.y};
}

void ImGuiCanvas::text(Type type, float px, Point at, Rgba colour, std::string_view text, const Box* clip, float wrap_width) {
    ImVec4 c;
    if (clip) c = ImVec4(clip->x0, clip->y0, clip->x1, clip->y1);
    dl_->AddText(font_for(type, px), px, v(at), im_colour(colour), text.data(), text.data() + text.size(), wrap_width,
                 clip ? &c : nullptr);
}

void ImGuiCanvas::rect_filled(Point a, Point b, Rgba colour, float rounding) { dl_->AddRectFilled(v(a), v(b), im_colour(colour), rounding); }

void ImGuiCanvas::rect(Point a, Point b, Rgba colour, float rounding, float width) {
    dl_->AddRect(v(a), v(b), im_colour(colour), rounding, 0, width);
}

void ImGuiCanvas::line(Point a, Point b, Rgba colour, float width) { dl_->AddLine(v(a), v(b), im_colour(colour), width); }

void ImGuiCanvas::polyline(const std::vector<Point>& points, Rgba colour, bool closed, float width) {
    const auto p = vs(points);
    dl_->AddPolyline(p.data(), int(p.size()), im_colour(colour), closed ? ImDrawFlags_Closed : 0, width);
}

void ImGuiCanvas::convex_fill(const std::vector<Point>& points, Rgba colour) {
    const auto p = vs(points);
    dl_->AddConvexPolyFilled(p.data(), int(p.size()), im_colour(colour));
}

void ImGuiCanvas::triangle_filled(Point a, Point b, Point c, Rgba colour) { dl_->AddTriangleFilled(v(a), v(b), v(c), im_colour(colour)); }

void ImGuiCanvas::circle(Point centre, float radius, Rgba colour, int segments, float width) {
    dl_->AddCircle(v(centre), radius, im_colour(colour), segments, width);
}

void ImGuiCanvas::circle_filled(Point centre, float radius, Rgba colour, int segments) {
    dl_->AddCircleFilled(v(centre), radius, im_colour(colour), segments);
}

void ImGuiCanvas::push_clip(Point a, Point b) { dl_->PushClipRect(v(a), v(b), true); }

void ImGuiCanvas::pop_clip() { dl_->PopClipRect(); }

}  // namespace pc::gui
