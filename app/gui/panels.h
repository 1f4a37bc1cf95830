#pragma once
// The panels of the main window, one file each; all of them change the project only through
// Document commands.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/doc/document.h"
#include "geo/doc/document_load.h"
#include "error_report.h"
#include "geo/doc/search.h"
#include "map_view.h"

namespace pc::gui {

struct FilePanels;  // panel_import.h
struct SharedPlanPanels;  // panel_shared_plan.h
struct ContextPanel;  // panel_context.h

enum class ExportKind { None, Map, Views };

struct UiState {
    std::string status;              // last message for the status bar
    double status_until = 0;         // ImGui time after which the message fades
    bool request_open = false;       // File > Open... dialog
    bool request_restore = false;    // File > Restore previous version... (restore_backup.h)
    bool request_save_as = false;
    std::optional<ErrorReport> error;  // a problem to read (error_report.h)
    bool request_error = false;
    bool request_quit = false;       // quit asked while there are unsaved changes
    bool quit_now = false;
    // Saving runs in the background: what waits for it to succeed.
    bool quit_after_save = false;
    std::string open_after_save;
    std::string path_input;
    float left_width = 300, right_width = 430;
    float menu_height = 0, status_height = 0;
    double frame_ms = 0;
    std::string open_path;           // set by the Open dialog: the app opens it after the frame
    bool request_import = false;     // File > Import layer...
    bool request_context_layer = false;  // Layers > Add context layer... (the file dialog)
    std::shared_ptr<ContextPanel> context;  // reading a context layer (panel_context.h)
    std::shared_ptr<FilePanels> files;  // file dialog, import dialog, open guard (panel_import.h)
    std::shared_ptr<SharedPlanPanels> plan;  // open shared plan, sync, conflicts, history (panel_shared_plan.h)

    // Search (Ctrl+F): the query, its hits (recomputed when the query or the project changes).
    bool search_open = false;
    bool search_focus = false;       // put the keyboard in the query box next frame
    std::string search_query;
    std::string search_hits_for;     // the query the hits are for
    std::uint64_t search_hits_revision = 0;
    std::vector<SearchHit> search_hits;

    // Recent projects (File menu); the app keeps the file up to date.
    std::vector<std::string> recent;
    bool clear_recent = false;       // File > Recent > Clear list

    // Crash recovery: an autosave newer than the opened project. The modal sets recover_answer.
    std::string recover_project;     // the project it belongs to ("" = nothing to offer)
    std::string recover_autosave;
    bool request_recover = false;    // open the modal next frame
    std::optional<bool> recover_answer;

    // File > Export map as PNG (export_png.h): what to draw, at which of kExportSizes, to which file.
    ExportKind request_export = ExportKind::None;  // opens the file dialog
    ExportKind export_kind = ExportKind::None;
    int export_size = 1;                           // 4K
    std::string export_path;                       // chosen: the app exports after the frame

    // Keys GLFW reported pressed since the last frame (key_presses.h): taps shorter than a frame too.
    std::vector<int> key_presses;
    // Workshop mode (presentation.h): what the menu asks of it.
    bool request_present = false, toggle_views_panel = false, toggle_scenario_panel = false;
    bool toggle_suggest_panel = false;  // View > Suggest sites (panel_suggest.h)

    // A placed initiative or facility waiting for its form (panel_placement.cpp): added on Place,
    // dropped on Esc or Cancel.
    std::optional<Initiative> placing_initiative;
    std::optional<Facility> placing_facility;

    // Identify (panel_identify.cpp): what the last click of the tool found; the window is open while set.
    std::optional<Identified> identified;
    bool identify_open = false;
    // Attribute table (panel_attributes.cpp).
    bool attributes_open = false;

    // Metrics panel: the desa or kecamatan last chosen in a table or the gaps list (outlined on the
    // map), and whether the initiative charts show budgets instead of counts.
    std::string focused_unit;
    bool charts_by_budget = false;
};

// Colours of the metrics panel's marks on the map and in its charts.
inline constexpr Rgba kFocusedUnitColour = 0x00bcd4ff;  // the map's selection cyan
inline constexpr Rgba kOpdBarColour = 0x546e7aff;
inline constexpr Rgba kYearBarColour = 0x8d6e63ff;

void show_status(UiState& ui, std::string message);

// Top menu bar (File, Edit, View, Language). Returns its height.
float draw_menu_bar(Document& doc, MapView& map, UiState& ui);
// Left: tools, layers with visibility and opacity, legend.
void draw_layers_panel(Document& doc, MapView& map, UiState& ui, float top, float height);
// Right: live what-if, district summary, kecamatan table, gaps, pillar chart; then the selection form.
void draw_metrics_panel(Document& doc, MapView& map, UiState& ui, float top, float height);
void draw_selection_panel(Document& doc, MapView& map, UiState& ui, float top, float height);
// Bottom status bar: cursor position, CRS, messages. Returns its height.
float draw_status_bar(Document& doc, MapView& map, UiState& ui);
// Identify: the attributes and figures of what the Identify tool clicked (panel_identify.cpp).
void draw_identify_panel(Document& doc, MapView& map, UiState& ui);
// The attribute table of a layer: sort, filter, select on the map (panel_attributes.cpp).
void draw_attribute_panel(Document& doc, MapView& map, UiState& ui);
// The form of a feature just placed on the map (name, pillar, OPD, years, budget, service ...).
void draw_placement_form(Document& doc, MapView& map, UiState& ui);
// Modal dialogs (open, save as, unsaved changes, recovery of an autosave).
void draw_dialogs(Document& doc, UiState& ui);
// The file dialog (open, save as, import), the import dialog and the unsaved-changes guard on open
// (panel_import.cpp); draw_dialogs draws them.
void draw_file_panels(Document& doc, UiState& ui);
// True when `path` may be opened now: no unsaved changes, or the user agreed to lose them; else asks
// (Save and open / Discard and open / Cancel) and returns false (panel_import.cpp).
bool confirm_open(Document& doc, UiState& ui, const std::string& path);
// Search window (Ctrl+F): desa, kecamatan, facilities and initiatives by name or code; choosing a
// hit flies the map there and selects a facility or initiative.
void draw_search(Document& doc, MapView& map, UiState& ui);
// Flies to a hit and selects it when it is a feature.
void go_to_hit(Document& doc, MapView& map, const SearchHit& hit);

// Deletes the selected initiative or facility (one undoable step); nothing when none is selected.
void delete_selection(Document& doc);
// Save (in the background), or ask for a path when the document has none. The app reports the
// outcome in the status bar.
void save_document(Document& doc, UiState& ui);
// Lets the next open of `path` go ahead without the unsaved-changes question (its changes were saved).
void confirm_open_without_asking(UiState& ui, const std::string& path);

// Progress of background work (panel_progress.cpp): the window shown while a project is read (true
// when its Cancel was pressed), and a bar with what runs and for how long.
bool draw_loading_window(const DocumentLoad& load);
void work_progress(const WorkStatus& status);
// "Computing figures: analysing" in the current language.
std::string work_label(const WorkStatus& status);

// "1.234.567" (Indonesian) or "1,234,567" (English).
std::string format_count(double v);
// A service as the screen names it: its facility type's label, "Initiatives" (translated), else the key.
std::string service_label(const Project& p, const std::string& key);
// A choropleth class bound as the legends show it: "42%", "3.1 km", "120 /km²", else a count.
std::string format_class_value(double v, ChoroplethMetric m);
std::string format_rupiah(std::int64_t v);
// A unit's figures as table cells (the next columns of the current row): covered population %,
// covered area % (with `area`), uncovered people, distance to the nearest facility.
void unit_figure_cells(const UnitMetrics& u, bool area);
// "+1.234" / "-1.234" / "0": a change of a count, with one sign.
std::string format_signed_count(double v);
// "3,14" (Indonesian) or "3.14" (English) with `decimals` decimals; signed: "+0,01" / "-0,01" / "0,00".
std::string format_decimal(double v, int decimals);
std::string format_signed_decimal(double v, int decimals);

}  // namespace pc::gui
