#include "geo/error.h"

namespace pc {

std::string Where::describe() const {
    std::string s;
    auto add = [&](const char* label, const std::string& v, bool quote) {
        if (v.empty()) return;
        if (!s.empty()) s += ", ";
        s += label;
        s += quote ? " '" + v + "'" : " " + v;
    };
    add("file", file, true);
    add("layer", layer, true);
    add("feature", feature, false);
    add("field", field, true);
    return s;
}

InputError::InputError(Where where, const std::string& what)
    : std::runtime_error(where.describe().empty() ? what : where.describe() + ": " + what),
      where_(std::move(where)),
      reason_(what) {}

}  // namespace pc
