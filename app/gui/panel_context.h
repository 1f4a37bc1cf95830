#pragma once
// The context layers section of the Layers panel: add a layer from any OGR file (the in-app file
// dialog; read off the frame thread), show or hide, remove, reorder, and their legend. Every change
// is one undoable document command (geo/doc/context_commands.h).
#include <future>
#include <optional>
#include <string>

#include "file_dialog.h"
#include "geo/context_layer.h"
#include "geo/doc/document.h"

namespace pc::gui {

struct UiState;

struct ContextPanel {
    FileDialog dialog;
    std::future<ContextLayer> reading;  // the file being read
    std::string reading_path;
    // The style of one class being edited in its popup (applied as one command): the layer, the rule
    // (-1 = the layer's own style) and the draft.
    struct StyleEdit {
        Uuid layer;
        int rule = -1;
        ContextStyle style;
    };
    std::optional<StyleEdit> editing;
    bool open_editing = false;  // opens the popup of `editing` at the next frame (tests, a window larger than the screen)
    bool busy() const { return reading.valid(); }
    // Starts reading `path` on a worker; the layer is added when it is read (poll).
    void read(const std::string& path);
    // Adds a finished layer to the document (one command) or reports why the file cannot be used.
    // True when a read finished this call.
    bool poll(Document& doc, UiState& ui);
};

// The panel's state, created on first use inside UiState.
ContextPanel& context_panel(UiState& ui);
// The section itself, inside the Layers window; the file dialog is drawn by draw_context_dialog.
void draw_context_section(Document& doc, UiState& ui);
void draw_context_dialog(Document& doc, UiState& ui);

}  // namespace pc::gui
