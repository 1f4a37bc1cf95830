#pragma once
// A problem the planner has to read (a file that cannot be opened, a save or an autosave that
// failed): what happened and what to do in the chosen language, with the technical detail (the
// core's and GDAL's own English message) folded away below. Shown in a dialog that wraps its text,
// never as a status-bar line cut off at the window's edge.
#include <string>

namespace pc::gui {

struct UiState;

struct ErrorReport {
    std::string title;        // "Tidak dapat membuka berkas"
    std::string explanation;  // what it means and what to do
    std::string path;         // the file concerned
    std::string detail;       // the error's own message, as it came
    std::string backup_saved; // a damaged project's backup, when it was saved ("" = none to offer)
};

enum class FailedAction { Open, Save, Autosave, Import, Export, Recover, Restore };

// The report of `action` on `path` failing with `message` (the exception's what()).
ErrorReport explain_error(FailedAction action, const std::string& path, const std::string& message);
void report_error(UiState& ui, ErrorReport report);
// The dialog of the last report (draw_dialogs draws it).
void draw_error_dialog(UiState& ui);

}  // namespace pc::gui
