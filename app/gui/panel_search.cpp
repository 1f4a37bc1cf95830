// Search window (Ctrl+F): find a desa, kecamatan, facility or initiative by name or code and fly to it.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>

#include "render/i18n.h"
#include "panels.h"

namespace pc::gui {
namespace {

const char* kind_name(SearchKind k) {
    switch (k) {
        case SearchKind::Kecamatan: return tr("Kecamatan");
        case SearchKind::Desa: return tr("Desa");
        case SearchKind::Facility: return tr("Facility");
        case SearchKind::Initiative: return tr("Initiative");
    }
    return "";
}

}  // namespace

void go_to_hit(Document& doc, MapView& map, const SearchHit& hit) {
    switch (hit.kind) {
        case SearchKind::Facility:
            doc.select(FeatureRef{DocLayer::Facilities, hit.id});
            map.zoom_to(hit.envelope, 4000);
            break;
        case SearchKind::Initiative:
            doc.select(FeatureRef{DocLayer::Initiatives, hit.id});
            map.zoom_to(hit.envelope, 4000);
            break;
        default: map.zoom_to(hit.envelope); break;
    }
}

void draw_search(Document& doc, MapView& map, UiState& ui) {
    if (!ui.search_open) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + ui.left_width + 12, vp->Pos.y + ui.menu_height + 12), ImGuiCond_Appearing);
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 32, ImGui::GetFontSize() * 24), ImGuiCond_Appearing);
    if (!ImGui::Begin(trid("Search").c_str(), &ui.search_open, ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    if (ui.search_focus) {
        ImGui::SetKeyboardFocusHere();
        ui.search_focus = false;
    }
    ImGui::SetNextItemWidth(-1);
    const bool enter = ImGui::InputTextWithHint("##query", tr("Name or code of a desa, kecamatan, facility or initiative"),
                                                &ui.search_query, ImGuiInputTextFlags_EnterReturnsTrue);
    if (ui.search_query != ui.search_hits_for || ui.search_hits_revision != doc.revision()) {
        ui.search_hits = search_project(doc.project(), ui.search_query, 100);
        ui.search_hits_for = ui.search_query;
        ui.search_hits_revision = doc.revision();
    }
    if (enter && !ui.search_hits.empty()) go_to_hit(doc, map, ui.search_hits.front());

    if (ui.search_query.empty()) {
        ImGui::TextDisabled("%s", tr("Type to search; Enter goes to the first result"));
    } else if (ui.search_hits.empty()) {
        ImGui::TextDisabled("%s", tr("No results"));
    } else {
        ImGui::TextDisabled("%s: %zu", tr("Results"), ui.search_hits.size());
        if (ImGui::BeginChild("##hits")) {
            // Two lines a hit: what it is, then where it lies and its code (which Arjasa: "Kec. Arjasa,
            // Kabupaten Jember"), so neither is cut in a narrow window.
            const float line = ImGui::GetTextLineHeight();
            for (std::size_t i = 0; i < ui.search_hits.size(); ++i) {
                const SearchHit& h = ui.search_hits[i];
                std::string where = h.within;
                if (!h.code.empty() && (h.kind == SearchKind::Kecamatan || h.kind == SearchKind::Desa))
                    where += (where.empty() ? "" : "  ") + std::string("(") + h.code + ")";
                ImGui::PushID(int(i));
                const ImVec2 at = ImGui::GetCursorPos();
                if (ImGui::Selectable("##hit", false, 0, ImVec2(0, where.empty() ? line : 2 * line + ImGui::GetStyle().ItemSpacing.y)))
                    go_to_hit(doc, map, h);
                ImGui::SetCursorPos(at);
                ImGui::Text("%s  %s", kind_name(h.kind), h.label.c_str());
                if (!where.empty()) ImGui::TextDisabled("    %s", where.c_str());
                ImGui::PopID();
            }
        }
        ImGui::EndChild();
    }
    ImGui::End();
}

}  // namespace pc::gui
