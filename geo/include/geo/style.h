#pragma once
// Colours and classes shared by every view of a project: the map application, the QGIS styles
// (QML/SLD) and the KML written by io/export. Defined once here so all of them agree.
#include <cstdint>
#include <vector>

#include "geo/model.h"

namespace pc {

// One fixed colour per pillar, 0xRRGGBBAA, in kPillars order (governance, branding, economy,
// society, living, environment).
inline constexpr std::uint32_t kPillarColours[6] = {0x1f5fbfff, 0xd81b60ff, 0xf57c00ff,
                                                    0xc62828ff, 0x00897bff, 0x2e7d32ff};
inline constexpr std::uint32_t pillar_colour(Pillar p) { return kPillarColours[std::size_t(p) % 6]; }
// "Smart Governance", "Smart Branding" ...
const char* pillar_label(Pillar p);

// Colours of the other layers.
inline constexpr std::uint32_t kKecamatanOutline = 0x333333ff;
inline constexpr std::uint32_t kDesaOutline = 0x7f7f7fff;
inline constexpr std::uint32_t kKabupatenOutline = 0x000000ff;
inline constexpr std::uint32_t kZoneColour = 0x8e24aaff;
inline constexpr std::uint32_t kServiceAreaColour = 0x1e88e566;  // translucent

// Quantile class breaks, as the map application computes them: ascending, first = minimum, last =
// maximum; class i is [b[i], b[i+1]]. Equal breaks are merged, so fewer than k classes may come
// back. NaN values are ignored; no values -> empty.
std::vector<double> quantile_breaks(std::vector<double> values, int k);

// Colour of class i of n on ColorBrewer RdYlGn (red = low, green = high), 0xRRGGBBAA.
std::uint32_t red_to_green(int i, int n);

}  // namespace pc
