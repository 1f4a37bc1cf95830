#include "restore_backup.h"

#include <imgui.h>

#include <ctime>
#include <filesystem>

#include "error_report.h"
#include "geo/doc/document.h"
#include "panels.h"
#include "render/i18n.h"

namespace pc::gui {

std::optional<ProjectBackup> restorable_backup(const std::string& project_path) {
    if (project_path.empty()) return std::nullopt;
    std::error_code ec;
    if (!std::filesystem::exists(project_path, ec)) return std::nullopt;
    auto backups = list_backups(project_path);
    if (backups.empty()) return std::nullopt;
    return backups.front();
}

std::string backup_time(const ProjectBackup& b) {
    char when[32] = "?";
    const std::time_t t = std::time_t(b.modified_unix_s);
    std::tm tm{};
    if (localtime_r(&t, &tm)) std::strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
    return when;
}

void restore_and_reopen(UiState& ui, const std::string& project_path) {
    try {
        restore_backup(project_path);
        show_status(ui, std::string(tr("Previous version restored")) + ": " + project_path);
        ui.open_path = project_path;
    } catch (const std::exception& e) {
        report_error(ui, explain_error(FailedAction::Restore, project_path, e.what()));
    }
}

void draw_restore_menu_item(const Document& doc, UiState& ui) {
    // Only when nothing unsaved would be lost: the restored version replaces what is open.
    const bool can = !doc.path().empty() && !doc.dirty() && restorable_backup(doc.path());
    if (ImGui::MenuItem(tr("Restore previous version..."), nullptr, false, can)) ui.request_restore = true;
}

void draw_restore_dialog(const Document& doc, UiState& ui) {
    const std::string id = std::string(tr("Restore previous version")) + "###restore";
    if (ui.request_restore) {
        ImGui::OpenPopup(id.c_str());
        ui.request_restore = false;
    }
    const float width = std::min(ImGui::GetIO().DisplaySize.x * 0.8f, ImGui::GetFontSize() * 34);
    ImGui::SetNextWindowSize(ImVec2(width, 0), ImGuiCond_Always);
    if (!ImGui::BeginPopupModal(id.c_str(), nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    const auto backup = restorable_backup(doc.path());
    ImGui::PushTextWrapPos(0);
    if (backup) {
        ImGui::TextUnformatted(doc.path().c_str());
        ImGui::Text("%s %s", tr("Previous version saved"), backup_time(*backup).c_str());
        ImGui::Spacing();
        ImGui::TextUnformatted(tr("The version open now becomes the backup: restoring again undoes this."));
    } else {
        ImGui::TextUnformatted(tr("This project has no backup."));
    }
    ImGui::PopTextWrapPos();
    bool close = false;
    if (backup && ImGui::Button(tr("Restore"))) {
        restore_and_reopen(ui, doc.path());
        close = true;
    }
    if (backup) ImGui::SameLine();
    if (ImGui::Button(tr("Cancel")) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) close = true;
    if (close) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace pc::gui
