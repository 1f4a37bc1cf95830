#pragma once
// File > Export map as PNG: the map as it is on screen (extent, layers, choropleth), or every saved
// view, drawn at a chosen size (up to 7680×4320) with title block, legend, scale bar, north arrow and
// source line, through the offscreen map composition (offscreen/map_image.h) in the application's
// own GL context.
#include <string>
#include <vector>

#include "geo/doc/document.h"
#include "map_view.h"
#include "offscreen/map_image.h"
#include "panels.h"

namespace pc::gui {

// Sizes offered in the menu: 1920×1080, 3840×2160 (4K), 7680×4320 (8K).
struct ExportSize {
    int width, height;
    const char* label;
};
inline constexpr ExportSize kExportSizes[] = {{1920, 1080, "1920 × 1080"}, {3840, 2160, "3840 × 2160 (4K)"},
                                              {7680, 4320, "7680 × 4320 (8K)"}};

// What the map shows now, as an image request of width × height, with the scenario on screen
// (baseline/plan, swipe line or side by side; Off = none).
MapImageRequest request_for_map(const Document& doc, const MapView& map, int width, int height,
                                const ViewScenario& scenario = {});

// Writes the current map to `path` (needs the application's GL context current). Throws on failure.
void export_map_png(Document& doc, const MapView& map, const std::string& path, int width, int height,
                    const ViewScenario& scenario = {});
// Writes every saved map and suggestion view (dashboards are charts, not maps: left out) as "<stem>_NN_<view>.png"
// beside `path`; returns the files written, in view order.
std::vector<std::string> export_views_png(Document& doc, const std::string& path, int width, int height);

// File menu entries: Export map as PNG ▸ size, Export every view as PNG ▸ size.
void draw_export_menu(const Document& doc, UiState& ui);
// The file dialog of the export (a PNG to write); sets ui.export_path when the user confirms.
void draw_export_dialog(UiState& ui, const std::string& start);
// Runs a confirmed export (after the frame, in the GL context) and reports in the status bar.
void run_pending_export(Document& doc, const MapView& map, UiState& ui, const ViewScenario& scenario = {});

}  // namespace pc::gui
