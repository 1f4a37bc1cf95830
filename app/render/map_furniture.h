#pragma once
// What a finished map carries besides the map itself: a title block (district, masterplan period,
// the view's title and caption), a legend of what is drawn, and a source/credit line, drawn on a
// Canvas. The scale bar and north arrow come with MapLayers::draw_overlay.
#include <string>
#include <vector>

#include "render/canvas.h"
#include "render/map_layers.h"
#include "render/meshes.h"

namespace pc::gui {

struct LegendEntry {
    // Swatch: a fill; Outline: a line; Symbol: a point symbol of `shape` (map_symbols.h); Zone: the
    // KPPN zone's hatching with its cased outline; ServiceArea: the service area's faint fill and outline.
    enum class Kind { Swatch, Outline, Symbol, Zone, ServiceArea } kind = Kind::Swatch;
    Rgba colour = 0;
    std::string label;
    Shape shape = Shape::Circle;
};

struct MapFurniture {
    std::string district;  // "Kabupaten Pamekasan"
    std::string period;    // "Masterplan 2025–2029"
    std::string title;     // the view's title
    std::string caption;
    std::string legend_title;  // "Cakupan penduduk — Puskesmas"
    std::vector<LegendEntry> legend;
    std::string credit;    // source and credit line
};

// The furniture of what `map` draws now (its visible layers, its choropleth classes), in the current
// language. `title` and `caption` come from the view being shown ("" = none).
MapFurniture map_furniture(const Project& project, const AnalysisResult* analysis, const MapLayers& map,
                           const std::string& title, const std::string& caption = {});

// Where the furniture goes inside `area` (window pixels): the title block across the top, the legend
// at the bottom left above the scale bar, the credit line at the bottom right.
struct FurnitureLayout {
    float title_bottom = 0;   // y below the title block
    float legend_right = 0;   // x right of the legend
    struct Box {
        float x0, y0, x1, y1;
    };
    // Where each legend entry's swatch was drawn (same order as MapFurniture::legend). A symbol is
    // centred in its box and as tall as it: radius = half the box height.
    std::vector<Box> swatches;
};

// Regular type for the text, bold for the view's title. `em` is the base text height in window
// pixels (the on-screen font size, larger for presentation).
FurnitureLayout draw_map_furniture(Canvas& canvas, const MapFurniture& f, const Camera& area, float em);

}  // namespace pc::gui
