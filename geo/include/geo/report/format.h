#pragma once
// Number formatting for reports: Indonesian style for people ("Rp 1.250.000.000", "45,3 %"),
// shortest round-trip text for machine-read files (CSV).
#include <cstdint>
#include <string>

namespace pc {

// 1234567 -> "1.234.567", -5 -> "-5".
std::string format_thousands_id(std::int64_t v);
// 1250000000 -> "Rp 1.250.000.000".
std::string format_rupiah(std::int64_t rupiah);
// 1234.567, 1 -> "1.234,6" (rounded half away from zero, thousands with '.', decimals with ',').
std::string format_decimal_id(double v, int decimals);
// 0.4531 -> "45,3 %".
std::string format_percent_id(double ratio, int decimals = 1);
// The shortest text that reads back as exactly the same double ("" for NaN).
std::string format_round_trip(double v);

}  // namespace pc
