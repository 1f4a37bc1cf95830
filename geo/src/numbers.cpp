// Parsing numbers as planners write them (rules in geo/numbers.h), exactly: digits are kept as an
// integer mantissa and a decimal scale, so "1.500.000,50" is 150000050 / 10^2, never a binary
// fraction rounded twice.
#include "geo/numbers.h"

#include <cmath>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <vector>

#include "geo/bounds.h"

namespace pc {
namespace {

__extension__ typedef unsigned __int128 u128;  // exact: 30 digits times 10^12 fit

// ASCII white space and the no-break and thin spaces spreadsheets put into numbers.
constexpr const char* kSpaces[] = {" ", "\t", "\r", "\n", "\xc2\xa0", "\xe2\x80\x89"};

std::string trim(std::string_view s) {
    for (bool again = true; again;) {
        again = false;
        for (std::string_view sp : kSpaces) {
            if (s.starts_with(sp)) s.remove_prefix(sp.size()), again = true;
            if (s.ends_with(sp)) s.remove_suffix(sp.size()), again = true;
        }
    }
    return std::string(s);
}

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

[[noreturn]] void refuse(const Where& where, const std::string& text, const std::string& why) {
    std::string shown = text.size() > 40 ? text.substr(0, 37) + "..." : text;
    throw InputError(where, "'" + shown + "' " + why);
}

enum class Language { None, Indonesian, English };

struct Magnitude {
    int power = 0;
    Language language = Language::None;
};

std::optional<Magnitude> magnitude_word(const std::string& w) {
    struct Word {
        const char* text;
        int power;
        Language language;
    };
    static const Word words[] = {
        {"ribu", 3, Language::Indonesian},     {"rb", 3, Language::Indonesian},
        {"juta", 6, Language::Indonesian},     {"jt", 6, Language::Indonesian},
        {"miliar", 9, Language::Indonesian},   {"milyar", 9, Language::Indonesian},
        {"m", 9, Language::Indonesian},        {"triliun", 12, Language::Indonesian},
        {"trilyun", 12, Language::Indonesian}, {"t", 12, Language::Indonesian},
        {"thousand", 3, Language::English},    {"k", 3, Language::English},
        {"million", 6, Language::English},     {"mn", 6, Language::English},
        {"mio", 6, Language::English},         {"billion", 9, Language::English},
        {"bn", 9, Language::English},          {"b", 9, Language::English},
        {"trillion", 12, Language::English},   {"tn", 12, Language::English},
    };
    std::string k = lower(w);
    if (!k.empty() && k.back() == '.') k.pop_back();  // "jt.", "M."
    for (const Word& x : words)
        if (k == x.text) return Magnitude{x.power, x.language};
    return std::nullopt;
}

// A decimal written with grouping: value = mantissa / 10^scale.
struct Decimal {
    u128 mantissa = 0;
    int scale = 0;
    int integer_digits = 0;  // significant digits before the decimal separator
};

// A space-like character or an apostrophe grouping thousands ("1 500 000", "1'500'000").
bool is_group_separator(std::string_view s, std::size_t i, std::size_t& len) {
    if (s[i] == '\'' || s[i] == '_') return len = 1, true;
    for (std::string_view sp : kSpaces)
        if (s.substr(i).starts_with(sp)) return len = sp.size(), true;
    return false;
}

// Digits and separators as the rules of numbers.h read them.
Decimal read_grouped(const std::string& body, Language language, const Where& where, const std::string& text) {
    // Tokens: digit runs and the separator between each pair ('.', ',' or 's' for a space-like one).
    std::vector<std::string> groups(1);
    std::vector<char> seps;
    for (std::size_t i = 0; i < body.size();) {
        std::size_t len = 1;
        const char c = body[i];
        if (is_digit(c)) {
            groups.back() += c;
        } else if (c == '.' || c == ',' || is_group_separator(body, i, len)) {
            if (groups.back().empty()) refuse(where, text, "is not a number (a separator without digits before it)");
            seps.push_back(c == '.' || c == ',' ? c : 's');
            groups.emplace_back();
        } else {
            refuse(where, text, "is not a number");
        }
        i += len;
    }
    if (groups.back().empty()) refuse(where, text, groups.size() == 1 ? "is not a number" : "is not a number (it ends with a separator)");

    int dots = 0, commas = 0;
    for (char s : seps) dots += s == '.', commas += s == ',';
    char decimal = 0;  // which separator is the decimal one (0: none)
    if (dots && commas) {
        decimal = seps.back();
        if (decimal == 's' || (decimal == '.' ? dots : commas) != 1)
            refuse(where, text, "mixes '.' and ',' in a way that is not a number");
    } else if (dots + commas == 1) {
        const char only = dots ? '.' : ',';
        const bool three_after = groups.back().size() == 3;
        const bool leading_zero = groups[groups.size() - 2] == "0";
        if (seps.back() != only) decimal = 0;  // spaces after it: it groups thousands too
        else if (language == Language::Indonesian) decimal = only == ',' || !three_after ? only : 0;
        else if (language == Language::English) decimal = only == '.' || !three_after ? only : 0;
        else decimal = three_after && !leading_zero ? 0 : only;
    }
    // Everything before the decimal separator (the last separator, when there is one) is integer
    // digits in groups of three.
    const std::size_t int_groups = decimal ? groups.size() - 1 : groups.size();
    for (std::size_t g = 1; g < int_groups; ++g)
        if (groups[g].size() != 3) refuse(where, text, "has thousands groups that are not three digits");
    if (int_groups > 1 && groups[0].size() > 3) refuse(where, text, "has thousands groups that are not three digits");

    Decimal d;
    std::size_t digits = 0;
    auto take = [&](const std::string& g) {
        for (char c : g) {
            if (d.mantissa == 0 && c == '0') continue;  // leading zeros carry nothing
            if (++digits > 30) refuse(where, text, "has too many digits");
            d.mantissa = d.mantissa * 10 + u128(c - '0');
        }
    };
    for (std::size_t g = 0; g < int_groups; ++g) take(groups[g]);
    d.integer_digits = int(digits);
    if (decimal) {
        take(groups.back());
        d.scale = int(groups.back().size());
    }
    return d;
}

u128 pow10(int n) {
    u128 p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

// Scientific notation ("1.5e9", "1,5E+09"): a spreadsheet's way to print a large cell.
std::optional<double> scientific(const std::string& s) {
    const auto e = s.find_first_of("eE");
    if (e == std::string::npos || e == 0 || e + 1 >= s.size()) return std::nullopt;
    std::string m = s.substr(0, e), x = s.substr(e + 1);
    for (char& c : m)
        if (c == ',') c = '.';
    std::size_t i = x[0] == '+' || x[0] == '-' ? 1 : 0;
    if (i >= x.size()) return std::nullopt;
    for (; i < x.size(); ++i)
        if (!is_digit(x[i])) return std::nullopt;
    int dots = 0;
    for (char c : m) {
        if (c == '.') ++dots;
        else if (!is_digit(c)) return std::nullopt;
    }
    if (dots > 1 || m == ".") return std::nullopt;
    const std::string normal = m + "e" + x;
    char* end = nullptr;
    const double v = std::strtod(normal.c_str(), &end);
    if (end != normal.c_str() + normal.size()) return std::nullopt;
    return v;
}

double to_double(const Decimal& d) {
    // Printed exactly and read back by strtod: one correctly rounded conversion.
    std::string digits;
    u128 m = d.mantissa;
    do {
        digits.insert(digits.begin(), char('0' + int(m % 10)));
        m /= 10;
    } while (m);
    const std::string s = digits + "e-" + std::to_string(d.scale);
    return std::strtod(s.c_str(), nullptr);
}

bool negative_sign(std::string& s) {
    if (!s.empty() && s[0] == '-') return s.erase(0, 1), true;
    if (s.rfind("\xe2\x88\x92", 0) == 0) return s.erase(0, 3), true;  // U+2212 minus
    return false;
}

}  // namespace

std::int64_t rupiah_from_number(double value, const Where& where) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", value);
    if (!std::isfinite(value)) refuse(where, buf, "is not a budget");
    if (value < 0) refuse(where, buf, "is negative: a budget is 0 or more rupiah");
    if (value >= double(kBudgetLimitRp)) refuse(where, buf, "is too large: budgets are under Rp 10^16 (10 million miliar)");
    return std::int64_t(std::floor(value + 0.5));
}

std::int64_t parse_rupiah(const std::string& text, const Where& where) {
    std::string s = trim(text);
    if (s.empty()) refuse(where, text, "is not a budget (empty)");
    std::string l = lower(s);
    for (const char* prefix : {"rp.", "rp", "idr"})
        if (l.rfind(prefix, 0) == 0) {
            s = trim(s.substr(std::string(prefix).size()));
            break;
        }
    for (std::string_view suffix : {",-", ".-", ",--", "rupiah"})
        if (s.size() > suffix.size() && lower(s).ends_with(suffix)) {
            s = trim(s.substr(0, s.size() - suffix.size()));
            break;
        }
    if (negative_sign(s)) refuse(where, text, "is negative: a budget is 0 or more rupiah");
    if (auto v = scientific(s)) return rupiah_from_number(*v, where);

    // A magnitude word at the end: "2,5 M", "750 juta", "1.5bn".
    Magnitude mag;
    std::size_t word = s.size();
    while (word > 0 && ((s[word - 1] >= 'a' && s[word - 1] <= 'z') || (s[word - 1] >= 'A' && s[word - 1] <= 'Z') || s[word - 1] == '.'))
        --word;
    while (word < s.size() && s[word] == '.') ++word;  // "2,5.M" is no word boundary; "jt." keeps its dot
    if (word < s.size()) {
        auto m = magnitude_word(s.substr(word));
        if (!m) refuse(where, text, "is not a budget (unknown word '" + s.substr(word) + "'; words: ribu, juta, miliar/M, triliun/T)");
        mag = *m;
        s = trim(s.substr(0, word));
        if (s.empty()) refuse(where, text, "is not a budget (no digits)");
    }
    const Decimal d = read_grouped(s, mag.language, where, text);
    if (d.integer_digits + mag.power > 16) refuse(where, text, "is too large: budgets are under Rp 10^16 (10 million miliar)");
    // value = mantissa * 10^power / 10^scale, rounded half up.
    u128 v;
    if (mag.power >= d.scale) {
        v = d.mantissa * pow10(mag.power - d.scale);
    } else {
        const u128 div = pow10(d.scale - mag.power);
        v = d.mantissa / div;
        if ((d.mantissa % div) * 2 >= div) ++v;
    }
    if (v >= u128(kBudgetLimitRp)) refuse(where, text, "is too large: budgets are under Rp 10^16 (10 million miliar)");
    return std::int64_t(v);
}

int year_from_number(double value, const Where& where) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", value);
    if (!std::isfinite(value) || value != std::floor(value)) refuse(where, buf, "is not a year");
    if (value < kFirstYear || value > kLastYear)
        refuse(where, buf, "is not a year of the masterplan era (" + std::to_string(kFirstYear) + "-" + std::to_string(kLastYear) + ")");
    return int(value);
}

int parse_year(const std::string& text, const Where& where) {
    const std::string s = trim(text);
    std::size_t i = 0;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == 0) refuse(where, text, "is not a year");
    if (i < s.size()) {  // "2025.0", "2025,00": a whole number as a spreadsheet prints it
        if ((s[i] != '.' && s[i] != ',') || i + 1 == s.size()) refuse(where, text, "is not a year");
        for (std::size_t k = i + 1; k < s.size(); ++k)
            if (s[k] != '0') refuse(where, text, "is not a year (not a whole number)");
    }
    const std::string digits = s.substr(0, i);
    if (digits.size() > 6) refuse(where, text, "is not a year of the masterplan era (" + std::to_string(kFirstYear) + "-" + std::to_string(kLastYear) + ")");
    return year_from_number(std::stod(digits), where);
}

double parse_quantity(const std::string& text, const Where& where) {
    std::string s = trim(text);
    if (s.empty()) refuse(where, text, "is not a number (empty)");
    if (negative_sign(s)) refuse(where, text, "is negative");
    if (auto v = scientific(s)) {
        if (!std::isfinite(*v)) refuse(where, text, "is not a finite number");
        return *v;
    }
    return to_double(read_grouped(s, Language::None, where, text));
}

double parse_coordinate(const std::string& text, const Where& where) {
    std::string s = trim(text);
    for (char& c : s)
        if (c == ',') c = '.';
    std::string body = s;
    const bool negative = negative_sign(body);
    int dots = 0, digits = 0;
    for (char c : body) {
        if (c == '.') ++dots;
        else if (is_digit(c)) ++digits;
        else refuse(where, text, "is not a coordinate");
    }
    if (dots > 1 || digits == 0) refuse(where, text, "is not a coordinate");
    const double v = std::strtod(body.c_str(), nullptr);
    return negative ? -v : v;
}

std::int64_t add_rupiah(std::int64_t a, std::int64_t b, const Where& where) {
    std::int64_t sum;
    if (__builtin_add_overflow(a, b, &sum))
        throw InputError(where, "the budgets add up to more than Rp 9.2 * 10^18, more than can be counted");
    return sum;
}

}  // namespace pc
