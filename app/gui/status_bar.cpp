// Bottom status bar (cursor position in lon/lat and the analysis CRS, frame time, messages) and the
// modal dialogs (open, save as, unsaved changes).
#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>

#include "panel_shared_plan.h"
#include "render/i18n.h"
#include "restore_backup.h"
#include "panels.h"

namespace pc::gui {

float draw_status_bar(Document& doc, MapView& map, UiState& ui) {
    ImGuiIO& io = ImGui::GetIO();
    const float h = ImGui::GetFrameHeight() + 6;
    ImGui::SetNextWindowPos(ImVec2(0, io.DisplaySize.y - h), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, h), ImGuiCond_Always);
    ImGui::Begin("##status", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground);
    if (auto c = map.cursor_lonlat()) {
        ImGui::Text("%.5f° %s, %.5f° %s", std::abs(c->y), c->y < 0 ? (language() == Language::Indonesian ? "LS" : "S") : (language() == Language::Indonesian ? "LU" : "N"),
                    c->x, language() == Language::Indonesian ? "BT" : "E");
        if (auto m = map.cursor_projected()) {
            ImGui::SameLine();
            ImGui::TextDisabled("|  %s  E %.0f  N %.0f", map.analysis_crs().c_str(), m->x, m->y);
        }
    } else {
        ImGui::TextDisabled("%s", map.analysis_crs().c_str());
    }
    ImGui::SameLine(io.DisplaySize.x * 0.45f);
    if (!ui.status.empty() && ImGui::GetTime() < ui.status_until) ImGui::TextUnformatted(ui.status.c_str());
    else if (doc.dirty()) ImGui::TextDisabled("%s", tr("unsaved changes"));
    // Right-aligned by its own width (a fixed offset cut it off at a high UI scale).
    char frame[64];
    std::snprintf(frame, sizeof frame, "%s %.1f ms", tr("Frame"), ui.frame_ms);
    ImGui::SameLine(io.DisplaySize.x - ImGui::CalcTextSize(frame).x - 2 * ImGui::GetStyle().WindowPadding.x);
    ImGui::TextDisabled("%s", frame);
    ImGui::End();
    return h;
}

void draw_dialogs(Document& doc, UiState& ui) {
    draw_file_panels(doc, ui);  // Open, Save as, Import layer through the in-app file dialog
    draw_shared_plan_windows(doc, ui);
    draw_error_dialog(ui);
    draw_restore_dialog(doc, ui);
    if (ui.request_quit) {
        ImGui::OpenPopup("quit###quit");
        ui.request_quit = false;
    }
    if (ui.request_recover) {
        ImGui::OpenPopup("recover###recover");
        ui.request_recover = false;
    }
    if (ImGui::BeginPopupModal((std::string(tr("Recover unsaved changes?")) + "###recover").c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted(tr("An autosave newer than this project was found: PetaCerdas may have closed without saving."));
        ImGui::TextDisabled("%s", ui.recover_autosave.c_str());
        ImGui::TextUnformatted(tr("Recover the autosaved changes? Discarding deletes the autosave."));
        if (ImGui::Button(tr("Recover"))) {
            ui.recover_answer = true;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(tr("Discard"))) {
            ui.recover_answer = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    if (ImGui::BeginPopupModal((std::string(tr("Unsaved changes")) + "###quit").c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted(tr("Discard changes and quit?"));
        if (ImGui::Button(tr("Save and quit"))) {
            save_document(doc, ui);  // quits once saved (an untitled document asks for a path first)
            ui.quit_after_save = true;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(tr("Discard"))) {
            Document::discard_autosave(doc.autosave_path());  // the discarded edits are not to be recovered
            ui.quit_now = true;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(tr("Cancel"))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

}  // namespace pc::gui
