#pragma once
// Classes of a choropleth as the map application draws them: class breaks from values (quantiles,
// equal intervals, Jenks natural breaks) and a colour per class. The QGIS styles of exports use the
// same functions, so a class in QGIS holds the same desa as on the application's map.
#include <cstdint>
#include <vector>

#include "geo/view.h"

namespace pc {

// Up to `k` classes of `values` (NaN ignored): ascending breaks, first = minimum, last = maximum;
// class i is [b[i], b[i+1]) and the last one is closed. Equal breaks are merged, so fewer than k
// classes may come back; no values -> empty.
std::vector<double> class_breaks(std::vector<double> values, int k, ViewClassMethod method);

// The class of `v` under `breaks` (values outside go to the end classes), -1 for NaN or no classes.
int class_of(const std::vector<double>& breaks, double v);

// Jenks natural breaks (Fisher's exact optimisation): the lower limit of each class after the first,
// for ascending `sorted` values. O(k n²): class_breaks runs it on at most 3000 values taken evenly by rank.
std::vector<double> jenks_lower_limits(const std::vector<double>& sorted, int k);

// ColorBrewer RdYlGn (red = low), its reverse, and Blues, 7 steps; n classes pick evenly from them.
enum class ColourRamp : std::uint8_t { RedToGreen, GreenToRed, Blues };
std::uint32_t ramp_colour(ColourRamp ramp, int i, int n);  // 0xRRGGBBAA

}  // namespace pc
