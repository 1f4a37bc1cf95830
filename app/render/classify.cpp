#include "render/classify.h"

#include <algorithm>
#include <cmath>
#include <limits>

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
    if (method == ClassMethod::NaturalBreaks) {
        std::vector<double> sample = values;
        constexpr std::size_t kMaxSample = 3000;
        if (values.size() > kMaxSample) {
            sample.resize(kMaxSample);
            for (std::size_t i = 0; i < kMaxSample; ++i) sample[i] = values[i * (values.size() - 1) / (kMaxSample - 1)];
        }
        for (double b : jenks_lower_limits(sample, k))
            if (b > c.breaks.back() && b < hi) c.breaks.push_back(b);
        c.breaks.push_back(hi > lo ? hi : lo + 1e-9);
        return c;
    }
    for (int i = 1; i < k; ++i) {
        double b = method == ClassMethod::Quantile
                       ? values[std::min(values.size() - 1, std::size_t(std::floor(double(i) * double(values.size()) / k)))]
                       : lo + (hi - lo) * i / k;
        if (b > c.breaks.back() && b < hi) c.breaks.push_back(b);
    }
    c.breaks.push_back(hi > lo ? hi : lo + 1e-9);
    return c;
}

std::vector<double> jenks_lower_limits(const std::vector<double>& x, int k) {
    const std::size_t n = x.size();
    if (n == 0 || k < 2) return {};
    const std::size_t kk = std::size_t(std::min<std::size_t>(std::size_t(k), n));
    // lower[l][j]: 1-based index of the first value of class j when values 1..l form j classes;
    // cost[l][j]: the least sum of squared deviations of that split.
    std::vector<std::vector<std::size_t>> lower(n + 1, std::vector<std::size_t>(kk + 1, 1));
    std::vector<std::vector<double>> cost(n + 1, std::vector<double>(kk + 1, std::numeric_limits<double>::infinity()));
    for (std::size_t j = 1; j <= kk; ++j) cost[0][j] = 0;
    for (std::size_t l = 1; l <= n; ++l) {
        double s1 = 0, s2 = 0, w = 0, v = 0;
        for (std::size_t m = 1; m <= l; ++m) {
            const std::size_t first = l - m + 1;  // the last class is values first..l
            const double val = x[first - 1];
            s1 += val;
            s2 += val * val;
            w += 1;
            v = s2 - s1 * s1 / w;
            if (first > 1)
                for (std::size_t j = 2; j <= kk; ++j)
                    if (cost[l][j] >= v + cost[first - 1][j - 1]) {
                        lower[l][j] = first;
                        cost[l][j] = v + cost[first - 1][j - 1];
                    }
        }
        lower[l][1] = 1;
        cost[l][1] = v;
    }
    std::vector<double> limits(kk - 1);
    std::size_t l = n;
    for (std::size_t j = kk; j >= 2; --j) {
        limits[j - 2] = x[lower[l][j] - 1];
        l = lower[l][j] - 1;
    }
    return limits;
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
