#include "geo/report/format.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace pc {

namespace {
std::string group_digits(const std::string& digits) {
    std::string out;
    int n = int(digits.size());
    for (int i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += '.';
        out += digits[std::size_t(i)];
    }
    return out;
}
}  // namespace

std::string format_thousands_id(std::int64_t v) {
    bool neg = v < 0;
    std::uint64_t u = neg ? std::uint64_t(0) - std::uint64_t(v) : std::uint64_t(v);
    std::string out = neg ? "-" : "";
    out += group_digits(std::to_string(u));
    return out;
}

std::string format_rupiah(std::int64_t rupiah) {
    if (rupiah < 0) return "-Rp " + format_thousands_id(-rupiah);
    return "Rp " + format_thousands_id(rupiah);
}

std::string format_decimal_id(double v, int decimals) {
    if (std::isnan(v)) return "–";
    if (std::isinf(v)) return v > 0 ? "∞" : "-∞";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v));
    std::string s = buf;
    auto dot = s.find('.');
    std::string whole = dot == std::string::npos ? s : s.substr(0, dot);
    std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
    bool zero = s.find_first_not_of("0.") == std::string::npos;
    std::string out = v < 0 && !zero ? "-" : "";
    out += group_digits(whole);
    if (!frac.empty()) out += "," + frac;
    return out;
}

std::string format_percent_id(double ratio, int decimals) { return format_decimal_id(ratio * 100.0, decimals) + " %"; }

std::string format_round_trip(double v) {
    if (std::isnan(v)) return "";
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

}  // namespace pc
