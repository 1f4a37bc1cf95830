#pragma once
// Putting back the version of the open project that its last save replaced (the <name>.bak.gpkg every
// save keeps, geo/io/project_file.h): from File > Restore previous version, and from the problem
// dialog of a project that cannot be opened because it is damaged. The version replaced becomes the
// backup in turn, so restoring again undoes it; then the project is opened again.
#include <optional>
#include <string>

#include "geo/io/project_file.h"

namespace pc {
class Document;
}

namespace pc::gui {

struct UiState;

// The project's backup, if it has one that could be restored.
std::optional<ProjectBackup> restorable_backup(const std::string& project_path);
// "2026-12-06 14:05" (local time) of a backup.
std::string backup_time(const ProjectBackup& b);
// Restores and asks the application to open the project again; a failure goes to the problem dialog.
void restore_and_reopen(UiState& ui, const std::string& project_path);

// File > Restore previous version... (enabled for a saved project without unsaved changes).
void draw_restore_menu_item(const Document& doc, UiState& ui);
// Its confirmation dialog.
void draw_restore_dialog(const Document& doc, UiState& ui);

}  // namespace pc::gui
