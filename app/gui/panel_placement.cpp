// The short form a placed initiative or facility opens: what it is, who does it, when, for how much,
// what service it provides. Nothing is added until Place; Esc or Cancel leave no trace (no step in
// the undo history). The spot waits on the map as a marker meanwhile.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "form_widgets.h"
#include "panels.h"
#include "render/i18n.h"

namespace pc::gui {
namespace {

constexpr const char* kInitiativePopup = "###new_initiative";
constexpr const char* kFacilityPopup = "###new_facility";

void marker(const MapView& map, const Geometry& g, Rgba colour) {
    if (g.empty()) return;
    const Coord s = map.to_screen(g.anchor());
    ImDrawList* dl = ImGui::GetBackgroundDrawList();  // under the form
    const float r = 9 * map.ui_scale;
    const ImU32 c = IM_COL32(int(colour >> 24), int((colour >> 16) & 0xff), int((colour >> 8) & 0xff), 255);
    dl->AddCircleFilled(ImVec2(float(s.x), float(s.y)), r, c, 20);
    dl->AddCircle(ImVec2(float(s.x), float(s.y)), r, IM_COL32(255, 255, 255, 255), 20, 2.5f * map.ui_scale);
}

bool year_field(const char* label, int& year, const ProjectSettings& st) {
    if (st.period_start > 0 && st.period_end >= st.period_start) return ImGui::SliderInt(label, &year, st.period_start, st.period_end);
    return ImGui::InputInt(label, &year, 1, 5);
}

// Enter places (outside a multi-line field), Esc cancels.
enum class Answer { None, Place, Cancel };
Answer keys() {
    if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) return Answer::Cancel;
    if (ImGui::IsKeyPressed(GLFW_KEY_ENTER, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_ENTER, false)) return Answer::Place;
    return Answer::None;
}

Answer buttons(bool ok) {
    Answer a = Answer::None;
    ImGui::BeginDisabled(!ok);
    if (ImGui::Button(trid("Place").c_str())) a = Answer::Place;
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(trid("Cancel").c_str())) a = Answer::Cancel;
    const Answer k = keys();
    if (k == Answer::Cancel || (k == Answer::Place && ok)) a = k;
    return a;
}

void initiative_form(Document& doc, MapView& map, UiState& ui) {
    Initiative& in = *ui.placing_initiative;
    const Project& p = doc.project();
    marker(map, in.geometry, pillar_colour(in.pillar));
    const float w = ImGui::GetFontSize() * 16;
    ImGui::PushItemWidth(w);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::InputText(trid("Name").c_str(), &in.name);
    int pillar = int(in.pillar);
    if (ImGui::BeginCombo(trid("Pillar").c_str(), pillar_name(pillar))) {
        for (int i = 0; i < 6; ++i)
            if (ImGui::Selectable(pillar_name(i), i == pillar)) in.pillar = Pillar(i);
        ImGui::EndCombo();
    }
    int element = int(in.element);
    if (ImGui::BeginCombo(trid("Element").c_str(), element_name(element))) {
        for (int i = 0; i < 3; ++i)
            if (ImGui::Selectable(element_name(i), i == element)) in.element = Element(i);
        ImGui::EndCombo();
    }
    if (ImGui::BeginCombo(trid("OPD").c_str(), in.opd.c_str())) {
        for (const auto& o : p.settings.opd)
            if (ImGui::Selectable(o.c_str(), o == in.opd)) in.opd = o;
        ImGui::EndCombo();
    }
    year_field(trid("Start year").c_str(), in.start_year, p.settings);
    year_field(trid("End year").c_str(), in.end_year, p.settings);
    if (in.end_year < in.start_year) in.end_year = in.start_year;
    rupiah_input(trid("Budget (Rp)").c_str(), in.budget_rp);
    ImGui::Checkbox(trid("Quick win").c_str(), &in.quick_win);
    ImGui::InputText(trid("RPJMD reference").c_str(), &in.rpjmd_ref);
    service_combo(trid("Service provided").c_str(), p, in);
    float r = float(in.radius_m.value_or(0));
    if (ImGui::SliderFloat(trid("Service radius (m)").c_str(), &r, 0, 10000, "%.0f"))
        in.radius_m = r > 0 ? std::optional<double>(r) : std::nullopt;
    ImGui::PopItemWidth();
    if (!in.service.empty() && !in.radius_m)
        ImGui::TextColored(ImVec4(0.7f, 0.1f, 0.1f, 1), "%s", tr("A service needs a radius."));
    const bool ok = !in.name.empty() && (in.service.empty() || in.radius_m);
    const Answer a = buttons(ok);
    if (a == Answer::Place) {
        const FeatureRef ref{DocLayer::Initiatives, in.id};
        doc.execute(add_initiative(in));
        doc.select(ref);
        map.initiative_template.pillar = in.pillar;  // the next one starts like this one
        map.initiative_template.service = in.service;
        map.initiative_template.radius_m = in.radius_m;
    }
    if (a != Answer::None) {
        ui.placing_initiative.reset();
        ImGui::CloseCurrentPopup();
    }
}

void facility_form(Document& doc, MapView& map, UiState& ui) {
    Facility& f = *ui.placing_facility;
    const Project& p = doc.project();
    const FacilityType* t = p.facility_type(f.type);
    marker(map, f.geometry, t ? t->colour | 0xff : 0x607d8bff);
    ImGui::PushItemWidth(ImGui::GetFontSize() * 16);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::InputText(trid("Name").c_str(), &f.name);
    if (ImGui::BeginCombo(trid("Type").c_str(), t ? t->label.c_str() : tr("choose a type"))) {
        for (const auto& ft : p.settings.facility_types)
            if (ImGui::Selectable(ft.label.c_str(), ft.key == f.type)) {
                f.type = ft.key;
                f.radius_m.reset();  // the type's own until changed
            }
        ImGui::EndCombo();
    }
    float r = float(p.service_radius_m(f));
    if (ImGui::SliderFloat(trid("Service radius (m)").c_str(), &r, 0, 10000, "%.0f")) f.radius_m = r;
    ImGui::PopItemWidth();
    if (p.settings.facility_types.empty())
        ImGui::TextColored(ImVec4(0.7f, 0.1f, 0.1f, 1), "%s", tr("The project has no facility types yet."));
    else if (!t)
        ImGui::TextColored(ImVec4(0.7f, 0.1f, 0.1f, 1), "%s", tr("Choose the facility's type."));
    else if (p.service_radius_m(f) <= 0)
        ImGui::TextColored(ImVec4(0.7f, 0.1f, 0.1f, 1), "%s", tr("A facility needs a service radius above 0 m."));
    const bool ok = !f.name.empty() && t && p.service_radius_m(f) > 0;
    const Answer a = buttons(ok);
    if (a == Answer::Place) {
        const FeatureRef ref{DocLayer::Facilities, f.id};
        map.facility_template.type = f.type;
        doc.execute(add_facility(f));
        doc.select(ref);
    }
    if (a != Answer::None) {
        ui.placing_facility.reset();
        ImGui::CloseCurrentPopup();
    }
}

}  // namespace

void draw_placement_form(Document& doc, MapView& map, UiState& ui) {
    if (auto in = map.take_placed_initiative()) {
        ui.placing_initiative = std::move(in);
        ImGui::OpenPopup((std::string(tr("New initiative")) + kInitiativePopup).c_str());
    }
    if (auto f = map.take_placed_facility()) {
        ui.placing_facility = std::move(f);
        ImGui::OpenPopup((std::string(tr("New facility")) + kFacilityPopup).c_str());
    }
    const ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings;
    if (ImGui::BeginPopupModal((std::string(tr("New initiative")) + kInitiativePopup).c_str(), nullptr, flags)) {
        if (ui.placing_initiative) initiative_form(doc, map, ui);
        else ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (ImGui::BeginPopupModal((std::string(tr("New facility")) + kFacilityPopup).c_str(), nullptr, flags)) {
        if (ui.placing_facility) facility_form(doc, map, ui);
        else ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

}  // namespace pc::gui
