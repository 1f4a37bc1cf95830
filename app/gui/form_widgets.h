#pragma once
// Form fields shared by the placement form and the selection panel.
#include <cstdint>

#include "geo/model.h"

namespace pc::gui {

// An amount in whole rupiah, typed with or without thousands separators ("2.500.000.000" or
// "2500000000") and shown with the language's separators once the field is left; the short form
// ("Rp 2,5 M") beside it. True when the value changed this frame.
bool rupiah_input(const char* label, std::int64_t& value);

// The service an initiative provides: none, or one of the project's facility types. Choosing a
// type sets the radius to that type's default (a WiFi point reaches as far as WiFi does). True when
// changed.
bool service_combo(const char* label, const Project& project, Initiative& initiative);

}  // namespace pc::gui
