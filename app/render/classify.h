#pragma once
// The map's classes as the application holds them: breaks and the class of a value. The breaks and
// colours come from the core (geo/classify.h), which the QGIS styles of exports use too, so a class
// in QGIS holds the same desa as on the application's map.
#include <cstdint>
#include <vector>

#include "geo/classify.h"

namespace pc::gui {

using ClassMethod = ViewClassMethod;
using Ramp = ColourRamp;
using pc::jenks_lower_limits;
using pc::ramp_colour;

struct Classes {
    std::vector<double> breaks;  // ascending; class i is [breaks[i], breaks[i+1]] (last one closed)
    int count() const { return breaks.size() < 2 ? 0 : int(breaks.size()) - 1; }
    // Class of a value, or -1 for NaN / no classes. Values outside the range go to the end classes.
    int class_of(double v) const { return pc::class_of(breaks, v); }
};

// Up to `k` classes; equal breaks (many equal values) are merged, so fewer may come back.
inline Classes make_classes(std::vector<double> values, int k, ClassMethod method) {
    return Classes{class_breaks(std::move(values), k, method)};
}

}  // namespace pc::gui
