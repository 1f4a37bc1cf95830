#pragma once
// Colours, line widths and symbols of the map, shared by every view of a project outside the
// application: the QGIS styles and project (QML/SLD/.qgz) and the KML written by io/export. They are
// the values the map application draws with (app/gui/map_view.cpp and shaders/*.frag), so QGIS shows
// the map the application shows; a test renders both and compares them pixel by pixel.
#include <cstdint>
#include <string>

#include "geo/model.h"

namespace pc {

// One fixed colour per pillar, 0xRRGGBBAA, in kPillars order (governance, branding, economy,
// society, living, environment).
inline constexpr std::uint32_t kPillarColours[6] = {0x1f5fbfff, 0xd81b60ff, 0xf57c00ff,
                                                    0xc62828ff, 0x00897bff, 0x2e7d32ff};
inline constexpr std::uint32_t pillar_colour(Pillar p) { return kPillarColours[std::size_t(p) % 6]; }
// "Smart Governance", "Smart Branding" ...
const char* pillar_label(Pillar p);

// The map as the application draws it. Widths and sizes are pixels of a 1920×1080 screen (the
// offscreen map's layout); opacities are the layers' defaults.
namespace map_style {

inline constexpr std::uint32_t kBackground = 0xdfe9f2ff;  // around the district
inline constexpr std::uint32_t kLand = 0xf4f1eaff;        // desa when no choropleth is under them
inline constexpr std::uint32_t kNoData = 0xcfcfcfff;      // a choropleth desa without a value
inline constexpr double kChoroplethOpacity = 0.85;

inline constexpr std::uint32_t kServiceArea = 0x1565c0ff;
inline constexpr double kServiceAreaOpacity = 0.15;      // the fill; the outline at 4 times that
inline constexpr double kServiceAreaLinePx = 1.6;

// KPPN/KSPN zones: a faint tint, diagonal hatching fixed to the map and a white-cased outline, at the
// layer's opacity times 3 (at most 1).
inline constexpr std::uint32_t kZone = 0x8e24aaff;
inline constexpr double kZoneOpacity = 0.30;
inline constexpr double kZoneTint = 0.15, kZoneHatch = 0.75, kZoneCasing = 0.85;  // times the drawn opacity
// Hatch lines where (x + y) mod 10 < 2 in pixels (y up): lines running down to the right.
inline constexpr double kZoneHatchSpacingPx = 10, kZoneHatchWidthPx = 2;
inline constexpr double kZoneCasingPx = 5, kZoneLinePx = 2.6;

inline constexpr std::uint32_t kDesaLine = 0x8d8d8dff;
inline constexpr double kDesaLinePx = 0.8;
inline constexpr std::uint32_t kKecamatanLine = 0x37474fff;
inline constexpr double kKecamatanLinePx = 1.8;
inline constexpr std::uint32_t kKabupatenLine = 0x1b1b1bff;
inline constexpr double kKabupatenLinePx = 2.8;

// Point symbols (shaders/point.frag): the shape inside a square of the symbol's size, the colour
// inside 0.78 of the shape's extent and the colour at 35 % (a dark rim) beyond.
enum class SymbolShape : std::uint8_t { Circle, Square, Triangle, Diamond, Star };
inline constexpr double kSymbolRimFrom = 0.78, kSymbolRimShade = 0.35;
inline constexpr double kFacilitySymbolPx = 11;
inline constexpr double kInitiativeSymbolPx = 20;
// Puskesmas and rumah sakit squares, sekolah triangles, BTS diamonds, anything else circles.
SymbolShape facility_shape(const std::string& facility_type);
inline constexpr SymbolShape kInitiativeShape = SymbolShape::Star;
// Facilities without a type of the project.
inline constexpr std::uint32_t kUnknownFacility = 0x607d8bff;

// Line initiatives: the pillar colour on a dark casing; polygon initiatives: the pillar colour at
// 0.45 with a dark outline.
inline constexpr std::uint32_t kInitiativeCasing = 0x263238ff;
inline constexpr double kInitiativeCasingPx = 6, kInitiativeLinePx = 3.5;
inline constexpr double kInitiativeFillOpacity = 0.45, kInitiativeOutlinePx = 2;

// Labels (Noto Sans) at a point inside each unit, kecamatan before desa; desa labels only where the
// desa are at least 70 px wide on average (the district's envelope over their number). Type sizes are
// ImGui pixel heights (ascent + descent).
inline constexpr double kLabelTypePx = 16;
inline constexpr double kKecamatanLabelScale = 1.1, kDesaLabelScale = 0.9;
inline constexpr std::uint32_t kKecamatanLabelInk = 0x141414ff, kDesaLabelInk = 0x464646ff;
inline constexpr std::uint32_t kLabelHalo = 0xffffffc8;  // one pixel around the glyphs
inline constexpr double kDesaLabelMinWidthPx = 70;

// Units a saved view highlights: a teal line on a white casing, over the map.
inline constexpr std::uint32_t kHighlightCasing = 0xffffffe6, kHighlightInk = 0x00838fff;
inline constexpr double kHighlightCasingPx = 7, kHighlightInkPx = 3.5;

}  // namespace map_style

}  // namespace pc
