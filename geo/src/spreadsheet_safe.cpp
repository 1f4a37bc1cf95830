#include "geo/spreadsheet_safe.h"

namespace pc {
namespace {
bool formula_start(char c) { return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'; }
}  // namespace

std::string spreadsheet_safe(std::string cell) {
    if (!cell.empty() && formula_start(cell[0])) cell.insert(cell.begin(), '\'');
    return cell;
}

std::string spreadsheet_unquoted(std::string cell) {
    if (cell.size() >= 2 && cell[0] == '\'' && formula_start(cell[1])) cell.erase(cell.begin());
    return cell;
}

}  // namespace pc
