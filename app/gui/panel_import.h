#pragma once
// File > Open, Save as and Import layer through the in-app file dialog, the import dialog (the core's
// preview: first rows and the guessed field mapping, which the user may change; the target layer),
// and the guard against losing unsaved changes when another project is opened. The import itself is
// one undoable document command (geo/doc/import_command.h).
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "file_dialog.h"
#include "geo/doc/document.h"
#include "geo/doc/import_command.h"
#include "geo/io/import.h"
#include "panels.h"

namespace pc::gui {

// The import dialog's model: what the widgets show and change. Tests drive it without a window.
struct ImportDialog {
    bool open = false;
    std::string path;
    std::vector<LayerInfo> layers;       // of the source (a GeoPackage may hold several)
    ImportOptions options;               // target, layer, mapping (given fields win), CRS, type, append
    std::optional<ImportPreview> preview;
    std::string error;                   // why the preview or the import failed (file, layer, feature, field)
    bool submit = false;                 // press Import at the next frame (scripted use, tests)

    // A new source: lists its layers, guesses the target from the layer name, previews.
    void load(const std::string& source);
    // Preview again with the current options (after a change of target, layer or mapping).
    void refresh();
    // The mapping slots that matter for the current target (name, code, population, type, radius ...;
    // lon/lat/WKT for a table without geometry): English label and the FieldMapping member.
    using Slot = std::pair<const char*, std::string FieldMapping::*>;
    std::vector<Slot> slots() const;
    // Starts the import on a worker (a province's file takes seconds to read): the dialog shows its
    // progress, Cancel drops it. The source is read against a copy of the project as it was; the
    // dialog is modal, so nothing edits the document meanwhile (a changed document refuses the result).
    void run(Document& doc);
    bool busy() const { return running.valid(); }
    // Applies a finished import as one document command (undoable), closes and reports in the status
    // bar; or keeps the dialog open with the error. True when an import finished this call.
    bool poll(Document& doc, UiState& ui);
    // Drops the running import (the worker reads to its end in the background; its result is unused).
    void cancel();

    std::future<ImportEdit> running;
    std::chrono::steady_clock::time_point started;
    std::uint64_t started_revision = 0;
};

struct FilePanels {
    enum class Purpose { None, Open, SaveAs, Import };
    FileDialog dialog;
    Purpose purpose = Purpose::None;
    ImportDialog import;
    bool request_import_popup = false;
    // Unsaved-changes guard: the project waiting to be opened, and the one the user agreed to open.
    enum class GuardAnswer { SaveAndOpen, DiscardAndOpen, Cancel };
    std::string pending_open;
    bool request_guard_popup = false;
    std::optional<GuardAnswer> guard_answer;  // set by the guard's buttons (or a test), acted on that frame
    std::string confirmed_open;
};

// The panels' state, created on first use inside UiState.
FilePanels& file_panels(UiState& ui);

// Starts File > Import layer (the file dialog, then the import dialog).
void start_import(UiState& ui, const std::string& start_folder);
// draw_file_panels and confirm_open are declared in panels.h.

}  // namespace pc::gui
