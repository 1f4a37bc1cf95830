// Top menu bar: File, Edit, View, Language.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "export_png.h"
#include "panel_shared_plan.h"
#include "render/i18n.h"
#include "restore_backup.h"
#include "panels.h"

namespace pc::gui {

void show_status(UiState& ui, std::string message) {
    ui.status = std::move(message);
    ui.status_until = ImGui::GetTime() + 6.0;
}

void delete_selection(Document& doc) {
    const auto sel = doc.selection();
    if (!sel) return;
    if (sel->layer == DocLayer::Initiatives) doc.execute(delete_initiative(doc.project(), sel->id));
    else if (sel->layer == DocLayer::Facilities) doc.execute(delete_facility(doc.project(), sel->id));
}

void save_document(Document& doc, UiState& ui) {
    if (doc.path().empty()) {
        ui.request_save_as = true;
        return;
    }
    doc.save_as_async(doc.path());
    show_status(ui, std::string(tr("Saving")) + ": " + doc.path());
}

static std::string command_label(const Command* c) {
    if (!c) return "";
    const char* verb = "";
    switch (c->kind()) {
        case CommandKind::Add: verb = tr("Add"); break;
        case CommandKind::Move: verb = tr("Move"); break;
        case CommandKind::Update: verb = tr("Change"); break;
        case CommandKind::Delete: verb = tr("Delete"); break;
        case CommandKind::Batch: return c->label();
    }
    const char* noun = c->layer() == DocLayer::Initiatives ? tr("Initiative") : c->layer() == DocLayer::Facilities ? tr("Facility")
                     : c->layer() == DocLayer::Views ? tr("View") : c->layer() == DocLayer::Context ? tr("Context layer") : tr("Zones");
    return std::string(verb) + " " + noun + " '" + c->subject() + "'";
}

float draw_menu_bar(Document& doc, MapView& map, UiState& ui) {
    float h = 0;
    if (ImGui::BeginMainMenuBar()) {
        if (ImGui::BeginMenu(trid("File").c_str())) {
            if (ImGui::MenuItem(tr("Open..."), "Ctrl+O")) ui.request_open = true;
            if (ImGui::MenuItem(tr("Save"), "Ctrl+S")) save_document(doc, ui);
            if (ImGui::MenuItem(tr("Save as..."))) ui.request_save_as = true;
            draw_restore_menu_item(doc, ui);
            if (ImGui::MenuItem(tr("Import layer..."))) ui.request_import = true;
            ImGui::Separator();
            draw_shared_plan_menu(doc, ui);
            ImGui::Separator();
            draw_export_menu(doc, ui);
            ImGui::Separator();
            if (ImGui::BeginMenu(tr("Recent projects"))) {
                if (ui.recent.empty()) ImGui::TextDisabled("%s", tr("No recent projects"));
                for (const auto& path : ui.recent)
                    if (ImGui::MenuItem(path.c_str(), nullptr, path == doc.path())) ui.open_path = path;
                if (!ui.recent.empty()) {
                    ImGui::Separator();
                    if (ImGui::MenuItem(tr("Clear list"))) ui.clear_recent = true;
                }
                ImGui::EndMenu();
            }
            ImGui::Separator();
            if (ImGui::MenuItem(tr("Quit"))) {
                if (doc.dirty()) ui.request_quit = true;
                else ui.quit_now = true;
            }
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu(trid("Edit").c_str())) {
            std::string u = doc.can_undo() ? std::string(tr("Undo")) + ": " + command_label(doc.undo_command()) : tr("Nothing to undo");
            std::string r = doc.can_redo() ? std::string(tr("Redo")) + ": " + command_label(doc.redo_command()) : tr("Nothing to redo");
            if (ImGui::MenuItem(u.c_str(), "Ctrl+Z", false, doc.can_undo())) doc.undo();
            if (ImGui::MenuItem(r.c_str(), "Ctrl+Y", false, doc.can_redo())) doc.redo();
            ImGui::Separator();
            if (ImGui::MenuItem(tr("Search..."), "Ctrl+F")) {
                ui.search_open = true;
                ui.search_focus = true;
            }
            bool has_sel = doc.selection().has_value();
            if (ImGui::MenuItem(tr("Delete selected"), "Del", false, has_sel)) delete_selection(doc);
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu(trid("View").c_str())) {
            if (ImGui::MenuItem(tr("Zoom to district"), "Home")) map.zoom_to_district();
            if (ImGui::MenuItem(tr("Zoom to selection"), nullptr, false, doc.selection().has_value())) map.zoom_to_selection();
            if (ImGui::MenuItem(tr("Attribute table"), "Ctrl+T", ui.attributes_open)) ui.attributes_open = !ui.attributes_open;
            ImGui::Separator();
            if (ImGui::MenuItem(tr("Present"), "F5")) ui.request_present = true;
            if (ImGui::MenuItem(tr("Views"))) ui.toggle_views_panel = true;
            if (ImGui::MenuItem(tr("Scenarios"))) ui.toggle_scenario_panel = true;
            if (ImGui::MenuItem(tr("Suggest sites"))) ui.toggle_suggest_panel = true;
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu(trid("Language").c_str())) {
            if (ImGui::MenuItem("Bahasa Indonesia", nullptr, language() == Language::Indonesian)) set_language(Language::Indonesian);
            if (ImGui::MenuItem("English", nullptr, language() == Language::English)) set_language(Language::English);
            ImGui::EndMenu();
        }
        // The project's name at the right end, by its own width (cut by the window, not by the menus).
        const std::string title = doc.project().settings.name + (doc.dirty() ? " *" : "");
        const float right = ImGui::GetWindowWidth() - ImGui::CalcTextSize(title.c_str()).x - 2 * ImGui::GetStyle().ItemSpacing.x;
        ImGui::SameLine(std::max(ImGui::GetCursorPosX() + ImGui::GetStyle().ItemSpacing.x, right));
        ImGui::TextDisabled("%s", title.c_str());
        h = ImGui::GetWindowSize().y;
        ImGui::EndMainMenuBar();
    }
    return h;
}

}  // namespace pc::gui
