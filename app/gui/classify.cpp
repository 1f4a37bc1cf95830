#include "classify.h"

#include <algorithm>
#include <cmath>

namespace pc::gui {

int Classes::class_of(double v) const {
    if (std::isnan(v) || count() == 0) return -1;
    auto it = std::upper_bound(breaks.begin() + 1, breaks.end() - 1, v);
    return int(it - (breaks.begin() + 1));
}

Classes make_classes(std::vector<double> values, int k, ClassMethod method) {
    Classes c;
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }), values.end());
    if (values.empty() || k < 1) return c;
    std::sort(values.begin(), values.end());
    const double lo = values.front(), hi = values.back();
    c.breaks.push_back(lo);
    for (int i = 1; i < k; ++i) {
        double b = method == ClassMethod::Quantile
                       ? values[std::min(values.size() - 1, std::size_t(std::floor(double(i) * double(values.size()) / k)))]
                       : lo + (hi - lo) * i / k;
        if (b > c.breaks.back() && b < hi) c.breaks.push_back(b);
    }
    c.breaks.push_back(hi > lo ? hi : lo + 1e-9);
    return c;
}

std::uint32_t ramp_colour(Ramp ramp, int i, int n) {
    // ColorBrewer RdYlGn (7) and Blues (7); n classes pick evenly from them.
    static const std::uint32_t rdylgn[] = {0xd73027ff, 0xfc8d59ff, 0xfee08bff, 0xffffbfff, 0xd9ef8bff, 0x91cf60ff, 0x1a9850ff};
    static const std::uint32_t blues[] = {0xeff3ffff, 0xc6dbefff, 0x9ecae1ff, 0x6baed6ff, 0x4292c6ff, 0x2171b5ff, 0x084594ff};
    if (n <= 0) return 0x00000000;
    int idx = n == 1 ? 3 : int(std::lround(double(i) * 6.0 / double(n - 1)));
    idx = std::clamp(idx, 0, 6);
    switch (ramp) {
        case Ramp::RedToGreen: return rdylgn[idx];
        case Ramp::GreenToRed: return rdylgn[6 - idx];
        case Ramp::Blues: return blues[idx];
    }
    return rdylgn[idx];
}

}  // namespace pc::gui
