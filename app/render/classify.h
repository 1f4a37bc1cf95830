#pragma once
// Classed colour ramps for choropleths: class breaks from values, a colour per class. Pure functions
// (no GL), tested without a window.
#include <cstdint>
#include <string>
#include <vector>

namespace pc::gui {

enum class ClassMethod { Quantile, EqualInterval, NaturalBreaks };
enum class Ramp { RedToGreen, GreenToRed, Blues };

struct Classes {
    std::vector<double> breaks;  // ascending; class i is [breaks[i], breaks[i+1]] (last one closed)
    int count() const { return breaks.size() < 2 ? 0 : int(breaks.size()) - 1; }
    // Class of a value, or -1 for NaN / no classes. Values outside the range go to the end classes.
    int class_of(double v) const;
};

// Up to `k` classes; equal breaks (many equal values) are merged, so fewer may come back.
Classes make_classes(std::vector<double> values, int k, ClassMethod method);

// Jenks natural breaks (Fisher's exact optimisation): the lower limit of each class after the first,
// for ascending `sorted` values, minimising the sum of squared deviations within classes. O(k n²):
// make_classes runs it on at most 3000 values taken evenly by rank.
std::vector<double> jenks_lower_limits(const std::vector<double>& sorted, int k);

// 0xRRGGBBAA colour of class i of n on a ramp (ColorBrewer RdYlGn / Blues).
std::uint32_t ramp_colour(Ramp ramp, int i, int n);

}  // namespace pc::gui
