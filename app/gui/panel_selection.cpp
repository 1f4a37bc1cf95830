// Right-bottom panel: the form of the selected initiative or facility. Every finished edit of a field
// becomes one update command (so it can be undone).
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "form_widgets.h"
#include "geo/bounds.h"
#include "panel_shared_plan.h"
#include "render/i18n.h"
#include "panels.h"

namespace pc::gui {
namespace {

// Edits of the selected feature in progress, reloaded when the selection or the document changes.
struct FormState {
    std::optional<FeatureRef> ref;
    std::uint64_t revision = 0;
    Initiative initiative;
    Facility facility;
};

bool finished() { return ImGui::IsItemDeactivatedAfterEdit(); }

void initiative_form(Document& doc, FormState& f) {
    Initiative& in = f.initiative;
    bool commit = false;
    ImGui::InputText(trid("Name").c_str(), &in.name);
    commit |= finished();
    ImGui::InputTextMultiline(trid("Description").c_str(), &in.description, ImVec2(0, ImGui::GetTextLineHeight() * 2.5f));
    commit |= finished();
    int pillar = int(in.pillar);
    if (ImGui::BeginCombo(trid("Pillar").c_str(), pillar_name(pillar))) {
        for (int i = 0; i < 6; ++i)
            if (ImGui::Selectable(pillar_name(i), i == pillar)) { in.pillar = Pillar(i); commit = true; }
        ImGui::EndCombo();
    }
    int element = int(in.element);
    if (ImGui::BeginCombo(trid("Element").c_str(), element_name(element))) {
        for (int i = 0; i < 3; ++i)
            if (ImGui::Selectable(element_name(i), i == element)) { in.element = Element(i); commit = true; }
        ImGui::EndCombo();
    }
    if (ImGui::BeginCombo(trid("OPD").c_str(), in.opd.c_str())) {
        for (const auto& o : doc.project().settings.opd)
            if (ImGui::Selectable(o.c_str(), o == in.opd)) { in.opd = o; commit = true; }
        ImGui::EndCombo();
    }
    int status = int(in.status);
    if (ImGui::BeginCombo(trid("Status").c_str(), status_name(status))) {
        for (int i = 0; i < 4; ++i)
            if (ImGui::Selectable(status_name(i), i == status)) { in.status = Status(i); commit = true; }
        ImGui::EndCombo();
    }
    const auto& st = doc.project().settings;
    ImGui::SliderInt(trid("Start year").c_str(), &in.start_year, st.period_start, st.period_end);
    commit |= finished();
    ImGui::SliderInt(trid("End year").c_str(), &in.end_year, st.period_start, st.period_end);
    commit |= finished();
    // Within the model's bounds (geo/bounds.h), which update_initiative holds it to.
    if (rupiah_input(trid("Budget (Rp)").c_str(), in.budget_rp)) in.budget_rp = std::min(in.budget_rp, kBudgetLimitRp - 1);
    commit |= finished();
    ImGui::InputText(trid("Funding source").c_str(), &in.funding_source);
    commit |= finished();
    if (ImGui::Checkbox(trid("Quick win").c_str(), &in.quick_win)) commit = true;
    ImGui::InputText(trid("RPJMD reference").c_str(), &in.rpjmd_ref);
    commit |= finished();
    if (service_combo(trid("Service provided").c_str(), doc.project(), in)) commit = true;
    float r = float(in.radius_m.value_or(0));
    if (ImGui::SliderFloat(trid("Service radius (m)").c_str(), &r, 0, 10000, "%.0f")) in.radius_m = r >= kMinRadiusM ? std::optional<double>(r) : std::nullopt;
    commit |= finished();
    if (in.end_year < in.start_year) in.end_year = in.start_year;
    if (commit) {
        long i = find_initiative(doc.project(), in.id);
        if (i >= 0 && doc.project().initiatives[std::size_t(i)] != in) doc.execute(update_initiative(doc.project(), in));
    }
}

void facility_form(Document& doc, FormState& f) {
    Facility& fa = f.facility;
    bool commit = false;
    ImGui::InputText(trid("Name").c_str(), &fa.name);
    commit |= finished();
    const Project& p = doc.project();
    const FacilityType* t = p.facility_type(fa.type);
    if (ImGui::BeginCombo(trid("Type").c_str(), t ? t->label.c_str() : fa.type.c_str())) {
        for (const auto& ft : p.settings.facility_types)
            if (ImGui::Selectable(ft.label.c_str(), ft.key == fa.type)) { fa.type = ft.key; commit = true; }
        ImGui::EndCombo();
    }
    float r = float(fa.radius_m.value_or(p.service_radius_m(fa)));
    if (ImGui::SliderFloat(trid("Service radius (m)").c_str(), &r, 100, 10000, "%.0f")) fa.radius_m = r;
    commit |= finished();
    if (commit) {
        long i = find_facility(p, fa.id);
        if (i >= 0 && p.facilities[std::size_t(i)] != fa) doc.execute(update_facility(p, fa));
    }
}

}  // namespace

void draw_selection_panel(Document& doc, MapView& map, UiState& ui, float top, float height) {
    static FormState form;
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - ui.right_width, top), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(ui.right_width, height), ImGuiCond_Always);
    ImGui::Begin(trid("Selection").c_str(), nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                                         ImGuiWindowFlags_NoBackground);  // the frame clear paints it (app.cpp)
    const auto& sel = doc.selection();
    const Project& p = doc.project();
    if (!sel) {
        ImGui::TextDisabled("%s", tr("Nothing selected"));
        ImGui::TextWrapped("%s", tr("Drag to move; the figures follow"));
        form.ref.reset();
        ImGui::End();
        return;
    }
    // Reload the form when another feature is selected or the document changed (undo, drag).
    if (form.ref != sel || form.revision != doc.revision()) {
        form.ref = sel;
        form.revision = doc.revision();
        if (sel->layer == DocLayer::Initiatives) {
            long i = find_initiative(p, sel->id);
            if (i >= 0) form.initiative = p.initiatives[std::size_t(i)];
        } else if (sel->layer == DocLayer::Facilities) {
            long i = find_facility(p, sel->id);
            if (i >= 0) form.facility = p.facilities[std::size_t(i)];
        }
    }
    draw_shared_plan_history_button(doc, ui);  // at the top: the form below is taller than the panel
    ImGui::PushItemWidth(ui.right_width * 0.55f);
    if (sel->layer == DocLayer::Initiatives) {
        ImGui::TextDisabled("%s", tr("Initiative"));
        initiative_form(doc, form);
    } else if (sel->layer == DocLayer::Facilities) {
        ImGui::TextDisabled("%s", tr("Facility"));
        facility_form(doc, form);
    }
    ImGui::PopItemWidth();
    ImGui::Spacing();
    if (ImGui::Button(trid("Zoom to selection").c_str())) map.zoom_to_selection();
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.80f, 0.25f, 0.22f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    if (ImGui::Button(trid("Delete").c_str())) delete_selection(doc);
    ImGui::PopStyleColor(2);
    ImGui::End();
}

}  // namespace pc::gui
