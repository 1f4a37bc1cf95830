#include "geo/style.h"

#include <algorithm>
#include <cmath>

namespace pc {

const char* pillar_label(Pillar p) {
    switch (p) {
        case Pillar::Governance: return "Smart Governance";
        case Pillar::Branding: return "Smart Branding";
        case Pillar::Economy: return "Smart Economy";
        case Pillar::Society: return "Smart Society";
        case Pillar::Living: return "Smart Living";
        case Pillar::Environment: return "Smart Environment";
    }
    return "?";
}

std::vector<double> quantile_breaks(std::vector<double> values, int k) {
    std::vector<double> breaks;
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }), values.end());
    if (values.empty() || k < 1) return breaks;
    std::sort(values.begin(), values.end());
    const double lo = values.front(), hi = values.back();
    breaks.push_back(lo);
    for (int i = 1; i < k; ++i) {
        double b = values[std::min(values.size() - 1, std::size_t(std::floor(double(i) * double(values.size()) / k)))];
        if (b > breaks.back() && b < hi) breaks.push_back(b);
    }
    breaks.push_back(hi > lo ? hi : lo + 1e-9);
    return breaks;
}

std::uint32_t red_to_green(int i, int n) {
    static const std::uint32_t rdylgn[] = {0xd73027ff, 0xfc8d59ff, 0xfee08bff, 0xffffbfff,
                                           0xd9ef8bff, 0x91cf60ff, 0x1a9850ff};
    if (n <= 0) return 0;
    int idx = n == 1 ? 3 : int(std::lround(double(i) * 6.0 / double(n - 1)));
    return rdylgn[std::clamp(idx, 0, 6)];
}

}  // namespace pc
