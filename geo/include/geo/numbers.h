#pragma once
// Numbers as Indonesian planners write them: budgets "Rp 1.500.000", "1.500.000,50", "Rp 2,5 M",
// "2,5 miliar", "750 juta", "1,2 T" (and "IDR 1,500,000", "1.5 billion"), years as spreadsheets
// write them ("2025", "2025.0", a number cell 2025.0), populations and radii with either decimal
// separator. Each parser checks the value against its bound (geo/bounds.h) and throws InputError at
// the Where it is given, quoting the text, so a misread number never enters the model.
#include <cstdint>
#include <string>

#include "geo/error.h"

namespace pc {

// Separators: with both '.' and ',' the last one is the decimal separator ("1.500.000,50",
// "1,500,000.50"); one kind occurring several times groups thousands ("1.500.000"); a single one
// followed by exactly three digits groups thousands ("1.500" = "1,500" = 1500) unless the number
// starts with 0 ("0,500") or a magnitude word says which language it is in (Indonesian words take
// ',' as decimal: "2,500 juta" = 2.5 juta; English words '.': "2.500 million" = 2.5 million);
// anything else is a decimal separator ("2,5", "1500000.0"). Spaces may group thousands too.
// Thousands groups must have three digits ("1.50.000" is refused, not guessed).

// Whole rupiah, 0 <= b < 10^16. Prefixes "Rp", "Rp.", "IDR", suffixes ",-", "rupiah"; magnitude
// words ribu/rb, juta/jt, miliar/milyar/M, triliun/T (Indonesian: M is miliar, 10^9) and
// thousand/k, million/mn, billion/bn/B, trillion/tn; scientific "1.5e9". A fraction of a rupiah is
// rounded to the nearest whole rupiah, halves up ("1.500.000,50" -> 1.500.001).
std::int64_t parse_rupiah(const std::string& text, const Where& where);
// A number cell (a spreadsheet's or a typed column's): finite, 0 <= v < 10^16, rounded as above.
std::int64_t rupiah_from_number(double value, const Where& where);

// A year 1945..2100: "2025", "2025.0", "2025,00" (a spreadsheet's whole number); "2025.5" and
// "20250" are refused, not rounded or cut.
int parse_year(const std::string& text, const Where& where);
int year_from_number(double value, const Where& where);

// A non-negative quantity (population, radius) in either convention ("12.345", "1.234,5",
// "1,234.5", "12 345", "615,6"); finite. Bounds are checked by the caller (geo/bounds.h).
double parse_quantity(const std::string& text, const Where& where);

// A coordinate or other signed decimal with no thousands grouping: "113.4567", "-7,1234".
double parse_coordinate(const std::string& text, const Where& where);

// a + b for budget totals; throws InputError at `where` when the sum does not fit in 64 bits
// (over Rp 9.2 * 10^18) instead of wrapping to a negative total.
std::int64_t add_rupiah(std::int64_t a, std::int64_t b, const Where& where);

}  // namespace pc
