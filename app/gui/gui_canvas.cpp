#include "gui_canvas.h"

#include <imgui.h>

#include "presentation.h"

namespace pc::gui {

ImGuiCanvas gui_canvas(ImDrawList* dl) {
    ImGuiCanvas::Fonts f;
    f.regular = ImGui::GetFont();
    f.bold = presentation_fonts().bold;
    f.nearest = [](float px) { return presentation_font(false, px); };
    f.em = ImGui::GetFontSize();
    return ImGuiCanvas(dl, std::move(f));
}

}  // namespace pc::gui
