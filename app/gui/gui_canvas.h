#pragma once
// The window's canvas over an ImGui draw list: the panels' font at the current size, the
// presentation's rasterised sizes for crisp map labels and slide text.
#include "offscreen/imgui_canvas.h"

namespace pc::gui {

ImGuiCanvas gui_canvas(ImDrawList* dl);

}  // namespace pc::gui
