#pragma once
// The map's symbols as a legend draws them: the point symbol's shape of each facility type and of
// initiatives, and the KPPN zone's hatching with its cased outline, in the same shapes and colours as
// the map (map_layers.cpp, shaders/point.frag, shaders/hatch.frag). Used by every legend: the offscreen
// map's (map_furniture) and the presentation's.
#include <string>

#include "render/canvas.h"
#include "render/meshes.h"

namespace pc::gui {

// The point symbol of a facility type on the map: puskesmas and rumah sakit squares, sekolah
// triangles, BTS diamonds, anything else circles.
Shape facility_symbol_shape(const std::string& facility_type);
// Point initiatives are stars.
inline constexpr Shape kInitiativeSymbolShape = Shape::Star;

// A point symbol as point.frag draws it: the shape in `colour` with a dark rim (the colour at 35 %),
// inside the circle of `radius` around `centre` (a square's half side is 0.8 radius, a triangle's
// apex 0.9 radius above the centre and its base 0.6 below, a diamond's tips 0.95 radius out).
void draw_point_symbol(Canvas& canvas, Point centre, float radius, Shape shape, Rgba colour);

// The KPPN zone as the map draws it, in the rectangle a–b: land with a faint tint of the zone colour,
// diagonal hatch lines of the zone colour, and the white-cased outline in the zone colour. `px` is
// one map pixel in window pixels (line widths and hatch spacing scale with it).
void draw_zone_swatch(Canvas& canvas, Point a, Point b, float px);

// The service area as the map draws it: land under a faint fill of the service colour (the layer's
// default opacity, 0.15) and its outline in that colour.
void draw_service_area_swatch(Canvas& canvas, Point a, Point b, float px);

}  // namespace pc::gui
