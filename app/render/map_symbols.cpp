// Legend symbols in the shapes and colours the map's shaders draw.
#include "render/map_symbols.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "render/map_layers.h"

namespace pc::gui {
namespace {

// point.frag darkens the rim: the colour at 35 %.
Rgba rim_of(Rgba c) {
    auto ch = [&](int shift) { return Rgba(std::lround(double((c >> shift) & 0xff) * 0.35)) << shift; };
    return ch(24) | ch(16) | ch(8) | (c & 0xff);
}

// The outline of `shape` scaled by `r` around `o` (y down on screen, so point.frag's y is negated).
std::vector<Point> outline(Shape shape, Point o, float r) {
    std::vector<Point> v;
    auto at = [&](double x, double y) { v.push_back({o.x + float(x) * r, o.y - float(y) * r}); };
    switch (shape) {
        case Shape::Square: at(-0.8, 0.8), at(0.8, 0.8), at(0.8, -0.8), at(-0.8, -0.8); break;
        case Shape::Triangle: at(0, 0.9), at(1.5 / std::sqrt(3.0), -0.6), at(-1.5 / std::sqrt(3.0), -0.6); break;
        case Shape::Diamond: at(0, 0.95), at(0.95, 0), at(0, -0.95), at(-0.95, 0); break;
        case Shape::Star:
            for (int i = 0; i < 60; ++i) {  // r = 0.95 · (0.62 + 0.38 cos(5a + π/2)), as point.frag
                const double a = 2 * M_PI * i / 60;
                const double k = 0.95 * (0.62 + 0.38 * std::cos(5 * a + M_PI / 2));
                at(k * std::cos(a), k * std::sin(a));
            }
            break;
        case Shape::Circle:
            for (int i = 0; i < 40; ++i) at(0.9 * std::cos(2 * M_PI * i / 40), 0.9 * std::sin(2 * M_PI * i / 40));
            break;
    }
    return v;
}

void fill(Canvas& canvas, const std::vector<Point>& pts, Rgba colour, Shape shape, Point o) {
    if (shape == Shape::Star) {  // not convex: a fan from the centre
        for (std::size_t i = 0; i < pts.size(); ++i) canvas.triangle_filled(o, pts[i], pts[(i + 1) % pts.size()], colour);
        return;
    }
    canvas.convex_fill(pts, colour);
}

}  // namespace

Shape facility_symbol_shape(const std::string& type) {
    if (type == "puskesmas" || type == "rumah_sakit") return Shape::Square;
    if (type == "sekolah") return Shape::Triangle;
    if (type == "bts") return Shape::Diamond;
    return Shape::Circle;
}

void draw_point_symbol(Canvas& canvas, Point centre, float radius, Shape shape, Rgba colour) {
    colour |= 0xff;
    // point.frag: value <= 0.78 of the shape's extent is the colour, the rest up to 1 the dark rim.
    fill(canvas, outline(shape, centre, radius), rim_of(colour), shape, centre);
    fill(canvas, outline(shape, centre, radius * 0.78f), colour, shape, centre);
}

void draw_zone_swatch(Canvas& canvas, Point a, Point b, float px) {
    const Rgba zone = layer_colour(LayerId::Zones);
    const float o = std::min(1.0f, 0.30f * 3.0f);  // the zone layer's default opacity, as map_layers draws it
    canvas.rect_filled(a, b, layer_colour(LayerId::Choropleth) | 0xff);
    canvas.rect_filled(a, b, with_alpha(zone, 0.15f * o));
    // hatch.frag: lines where (x + y) mod spacing < width in GL coordinates (y up), i.e. running
    // down to the right on screen.
    const float spacing = 10 * px, width = 2 * px;
    canvas.push_clip(a, b);
    const float h = b.y - a.y;
    for (float x = a.x - h; x < b.x + h; x += spacing) canvas.line({x, a.y}, {x + h, b.y}, with_alpha(zone, 0.75f * o), width);
    canvas.pop_clip();
    // The cased outline: white under the zone colour.
    canvas.rect(a, b, with_alpha(0xffffffff, 0.85f * o), 0, 5 * px);
    canvas.rect(a, b, with_alpha(zone, o), 0, 2.6f * px);
}

void draw_service_area_swatch(Canvas& canvas, Point a, Point b, float px) {
    const Rgba area = layer_colour(LayerId::ServiceArea);
    const float opacity = 0.15f;  // the layer's default (map_layers.cpp)
    canvas.rect_filled(a, b, layer_colour(LayerId::Choropleth) | 0xff);
    canvas.rect_filled(a, b, with_alpha(area, opacity));
    canvas.rect(a, b, with_alpha(area, std::min(1.0f, opacity * 4)), 0, 1.6f * px);
}

}  // namespace pc::gui
