#pragma once
// Text cells of CSV exports that a spreadsheet would run as a formula ("=HYPERLINK(...)", "+1",
// "-2+3", "@SUM(...)", a leading tab or carriage return) get a leading apostrophe, as OWASP advises
// against CSV injection: the spreadsheet shows the text, runs nothing. Our importers take the
// apostrophe off again, so an export read back gives the names it had.
#include <string>

namespace pc {

// "'" + cell when the cell begins with =, +, -, @, tab or carriage return; else the cell as it is.
// For text cells only: numbers are written as numbers.
std::string spreadsheet_safe(std::string cell);

// The inverse for a cell read from a CSV: "'=x" -> "=x"; any other cell as it is.
std::string spreadsheet_unquoted(std::string cell);

}  // namespace pc
