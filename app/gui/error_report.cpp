#include "error_report.h"

#include <imgui.h>

#include <algorithm>
#include <filesystem>

#include "panels.h"
#include "render/i18n.h"
#include "restore_backup.h"

namespace pc::gui {
namespace {

bool has(const std::string& message, const char* part) {
    std::string m = message, p = part;
    std::transform(m.begin(), m.end(), m.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return m.find(p) != std::string::npos;
}

const char* title_of(FailedAction a) {
    switch (a) {
        case FailedAction::Open: return "The file cannot be opened";
        case FailedAction::Save: return "The project could not be saved";
        case FailedAction::Autosave: return "The autosave failed";
        case FailedAction::Import: return "The layer cannot be imported";
        case FailedAction::Export: return "The export failed";
        case FailedAction::Recover: return "The autosave cannot be recovered";
        case FailedAction::Restore: return "The previous version cannot be restored";
    }
    return "";
}

bool damaged(const std::string& m) {
    return has(m, "malformed") || has(m, "not a database") || has(m, "truncated") || has(m, "corrupt") || has(m, "damaged") ||
           has(m, "cut short");
}

// What the message means, from the words the core and GDAL use (English keys for tr()).
const char* meaning_of(FailedAction a, const std::string& m) {
    // The project reader's (geo/src/io/project_file.cpp) words and GDAL's.
    if (damaged(m)) return "The file is damaged or incomplete (perhaps cut off while copying). Use the original or a backup.";
    if (has(m, "not an sqlite database") || has(m, "cannot open as a vector data source") || has(m, "not recognized as") || has(m, "not recognised as"))
        return "The file is not geographic data that PetaCerdas can read (GeoPackage, Shapefile, GeoJSON, KML, CSV).";
    if (has(m, "not a petacerdas project"))
        return "The file is a GeoPackage but not a PetaCerdas project. To use its data, add it to a project with File > Import layer.";
    if (has(m, "does not exist") || has(m, "no such file")) return "The file does not exist (any more). Was it moved or renamed?";
    if (has(m, "permission denied") || has(m, "read-only") || has(m, "read only"))
        return "PetaCerdas may not write in this folder. Choose another folder.";
    if (has(m, "cannot create") || has(m, "unable to open") || has(m, "failed to create") || has(m, "no space"))
        return a == FailedAction::Autosave ? "The autosave could not be written in its folder. Your work is still open: save it with File > Save as."
                                           : "The file could not be written there. Choose another folder.";
    return "Something went wrong; the technical detail below says what.";
}

}  // namespace

ErrorReport explain_error(FailedAction action, const std::string& path, const std::string& message) {
    ErrorReport r;
    r.title = tr(title_of(action));
    r.explanation = tr(meaning_of(action, message));
    r.path = path;
    r.detail = message;
    if (action == FailedAction::Open && damaged(message))
        if (auto b = restorable_backup(path)) {
            r.backup_saved = backup_time(*b);
            r.explanation += std::string(" ") + tr("Its previous version is kept beside it, saved") + " " + r.backup_saved + ": " +
                             tr("Restore backup puts it back, and the damaged file becomes the backup.");
        }
    return r;
}

void report_error(UiState& ui, ErrorReport report) {
    show_status(ui, report.title);
    ui.error = std::move(report);
    ui.request_error = true;
}

void draw_error_dialog(UiState& ui) {
    const std::string id = std::string(tr("Problem")) + "###error";
    if (ui.request_error) {
        ImGui::OpenPopup(id.c_str());
        ui.request_error = false;
    }
    const float width = std::min(ImGui::GetIO().DisplaySize.x * 0.8f, ImGui::GetFontSize() * 34);
    ImGui::SetNextWindowSize(ImVec2(width, 0), ImGuiCond_Always);
    if (!ImGui::BeginPopupModal(id.c_str(), nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    if (ui.error) {
        const ErrorReport& e = *ui.error;
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(e.title.c_str());
        ImGui::Spacing();
        ImGui::TextUnformatted(e.explanation.c_str());
        if (!e.path.empty()) {
            ImGui::Spacing();
            ImGui::TextDisabled("%s", e.path.c_str());
        }
        ImGui::PopTextWrapPos();
        if (!e.detail.empty() && ImGui::CollapsingHeader(tr("Technical detail (as the software reported it)"))) {
            ImGui::PushTextWrapPos(0);
            ImGui::TextDisabled("%s", e.detail.c_str());
            ImGui::PopTextWrapPos();
        }
    }
    if (ui.error && !ui.error->backup_saved.empty()) {
        if (ImGui::Button(tr("Restore backup"))) {
            const std::string path = ui.error->path;
            ui.error.reset();
            ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
            restore_and_reopen(ui, path);  // may report a new problem: after this popup has closed
            return;
        }
        ImGui::SameLine();
    }
    if (ImGui::Button(tr("OK")) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) {
        ui.error.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace pc::gui
