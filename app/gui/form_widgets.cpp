#include "form_widgets.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cctype>
#include <string>
#include <unordered_map>

#include "panels.h"
#include "render/i18n.h"

namespace pc::gui {
namespace {

// Digits and the separators people type in amounts.
int amount_chars(ImGuiInputTextCallbackData* data) {
    const ImWchar c = data->EventChar;
    return (c >= '0' && c <= '9') || c == '.' || c == ',' || c == ' ' ? 0 : 1;
}

}  // namespace

bool rupiah_input(const char* label, std::int64_t& value) {
    // The text being typed, per field, while it is being edited; the formatted value otherwise.
    static std::unordered_map<ImGuiID, std::string> typing;
    const ImGuiID id = ImGui::GetID(label);
    auto it = typing.find(id);
    std::string text = it != typing.end() ? it->second : (value == 0 ? std::string() : format_count(double(value)));
    ImGui::InputTextWithHint(label, "0", &text, ImGuiInputTextFlags_CallbackCharFilter, amount_chars);
    bool changed = false;
    if (ImGui::IsItemActive()) {
        typing[id] = text;
        std::int64_t v = 0;
        int digits = 0;
        for (char c : text)
            if (std::isdigit(static_cast<unsigned char>(c)) && digits < 18) {
                v = v * 10 + (c - '0');
                ++digits;
            }
        changed = v != value;
        value = v;
    } else {
        typing.erase(id);
    }
    if (value >= 1'000'000) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", format_rupiah(value).c_str());
    }
    return changed;
}

bool service_combo(const char* label, const Project& p, Initiative& in) {
    bool changed = false;
    const std::string shown = in.service.empty() ? std::string(tr("none")) : service_label(p, in.service);
    if (ImGui::BeginCombo(label, shown.c_str())) {
        if (ImGui::Selectable(tr("none"), in.service.empty())) {
            changed = !in.service.empty();
            in.service.clear();
        }
        for (const auto& t : p.settings.facility_types)
            if (ImGui::Selectable(t.label.c_str(), t.key == in.service)) {
                changed = in.service != t.key;
                in.service = t.key;
                if (changed) in.radius_m = t.default_radius_m;
            }
        ImGui::EndCombo();
    }
    return changed;
}

}  // namespace pc::gui
