#include "geo/classify.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pc {

int class_of(const std::vector<double>& breaks, double v) {
    if (std::isnan(v) || breaks.size() < 2) return -1;
    auto it = std::upper_bound(breaks.begin() + 1, breaks.end() - 1, v);
    return int(it - (breaks.begin() + 1));
}

std::vector<double> class_breaks(std::vector<double> values, int k, ViewClassMethod method) {
    std::vector<double> breaks;
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }), values.end());
    if (values.empty() || k < 1) return breaks;
    std::sort(values.begin(), values.end());
    const double lo = values.front(), hi = values.back();
    breaks.push_back(lo);
    auto add_inner = [&](double b) {
        if (b > breaks.back() && b < hi) breaks.push_back(b);
    };
    if (method == ViewClassMethod::NaturalBreaks) {
        std::vector<double> sample = values;
        constexpr std::size_t kMaxSample = 3000;
        if (values.size() > kMaxSample) {
            sample.resize(kMaxSample);
            for (std::size_t i = 0; i < kMaxSample; ++i) sample[i] = values[i * (values.size() - 1) / (kMaxSample - 1)];
        }
        for (double b : jenks_lower_limits(sample, k)) add_inner(b);
    } else {
        for (int i = 1; i < k; ++i)
            add_inner(method == ViewClassMethod::Quantile
                          ? values[std::min(values.size() - 1, std::size_t(std::floor(double(i) * double(values.size()) / k)))]
                          : lo + (hi - lo) * i / k);
    }
    breaks.push_back(hi > lo ? hi : lo + 1e-9);
    return breaks;
}

std::vector<double> jenks_lower_limits(const std::vector<double>& x, int k) {
    const std::size_t n = x.size();
    if (n == 0 || k < 2) return {};
    const std::size_t kk = std::min<std::size_t>(std::size_t(k), n);
    // first[l][j]: 1-based index of the first value of class j when values 1..l form j classes;
    // cost[l][j]: the least sum of squared deviations of that split.
    std::vector<std::vector<std::size_t>> first(n + 1, std::vector<std::size_t>(kk + 1, 1));
    std::vector<std::vector<double>> cost(n + 1, std::vector<double>(kk + 1, std::numeric_limits<double>::infinity()));
    for (std::size_t j = 1; j <= kk; ++j) cost[0][j] = 0;
    for (std::size_t l = 1; l <= n; ++l) {
        double sum = 0, sum_sq = 0, variance = 0;
        for (std::size_t m = 1; m <= l; ++m) {
            const std::size_t start = l - m + 1;  // the last class is values start..l
            const double val = x[start - 1];
            sum += val;
            sum_sq += val * val;
            variance = sum_sq - sum * sum / double(m);
            if (start == 1) continue;
            for (std::size_t j = 2; j <= kk; ++j) {
                const double c = variance + cost[start - 1][j - 1];
                if (cost[l][j] >= c) {
                    first[l][j] = start;
                    cost[l][j] = c;
                }
            }
        }
        first[l][1] = 1;
        cost[l][1] = variance;
    }
    std::vector<double> limits(kk - 1);
    std::size_t l = n;
    for (std::size_t j = kk; j >= 2; --j) {
        limits[j - 2] = x[first[l][j] - 1];
        l = first[l][j] - 1;
    }
    return limits;
}

std::uint32_t ramp_colour(ColourRamp ramp, int i, int n) {
    static const std::uint32_t rdylgn[] = {0xd73027ff, 0xfc8d59ff, 0xfee08bff, 0xffffbfff, 0xd9ef8bff, 0x91cf60ff, 0x1a9850ff};
    static const std::uint32_t blues[] = {0xeff3ffff, 0xc6dbefff, 0x9ecae1ff, 0x6baed6ff, 0x4292c6ff, 0x2171b5ff, 0x084594ff};
    if (n <= 0) return 0;
    const int idx = std::clamp(n == 1 ? 3 : int(std::lround(double(i) * 6.0 / double(n - 1))), 0, 6);
    switch (ramp) {
        case ColourRamp::RedToGreen: return rdylgn[idx];
        case ColourRamp::GreenToRed: return rdylgn[6 - idx];
        case ColourRamp::Blues: return blues[idx];
    }
    return rdylgn[idx];
}

}  // namespace pc
