#pragma once
// QGIS layer styles from a small description: symbols (fills, hatching, strokes, the map's point
// symbols), renderers (single, categorized, graduated, none) and labels. Written as a QML document,
// as the style part of a layer in a QGIS project, and as SLD (Symbology Encoding 1.1) for other
// tools. The only place that knows these formats (not public API).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "geo/style.h"
#include "xml_writer.h"

namespace pc::io::qgis {

using map_style::SymbolShape;

// Sizes are pixels of the map application's 1920×1080 layout; QGIS gets millimetres that are as
// many pixels at 96 dpi. Colours are 0xRRGGBBAA (alpha = opacity of that part).
struct Stroke {
    std::uint32_t colour = 0x000000ff;
    double width_px = 1;
};
// The map's drawing projection: x = kx (lon - lon0), y = ky (lat - lat0) metres (equirectangular around
// the district centre, app/gui/render/local_projection.h).
struct MapOrigin {
    double lon0 = 0, lat0 = 0, kx = 1, ky = 1;
};
// Parallel lines `spacing_px` apart (measured across them), `angle_deg` counter-clockwise from east.
// With `fixed_to`: the map's own hatching instead, lines where (x + y) / pixel size mod `spacing_px`
// < `width_px` in the map's projection (x, y as above), so they stay on the map while it pans and
// fall on the same pixels as in the application (QGIS's line pattern is fixed to the screen).
struct Hatch {
    std::uint32_t colour = 0x000000ff;
    double spacing_px = 10;
    double width_px = 1;
    double angle_deg = 45;
    std::optional<MapOrigin> fixed_to;
};
// A point symbol as the map draws it: the shape in its colour with a dark rim (map_style).
struct Marker {
    SymbolShape shape = SymbolShape::Circle;
    std::uint32_t colour = 0x808080ff;
    double size_px = 10;
};
// Where a line or polygon shows its point symbol: Geometry::anchor().
enum class Anchor { None, LineMiddleVertex, EnvelopeCentre };

enum class SymbolKind { Marker, Line, Fill };
struct Symbol {
    SymbolKind kind = SymbolKind::Fill;
    std::optional<std::uint32_t> fill;  // a plain fill
    std::optional<Hatch> hatch;         // over the fill
    std::vector<Stroke> strokes;        // outlines of a fill, or the line itself; bottom first
    std::optional<Marker> marker;       // a marker symbol's shape, or drawn at `anchor` of a line/fill
    Anchor anchor = Anchor::None;
};

struct Labels {
    std::string field;
    double type_px = 16;                 // ImGui pixel height of the type (ascent + descent)
    std::uint32_t ink = 0x282828ff;
    std::uint32_t halo = 0xffffffc8;
    double halo_px = 1;
    int priority = 5;                    // 0..10: higher is placed first
    double min_scale = 0;                // shown at 1:min_scale and closer; 0 = at every scale
};

enum class Renderer { Single, Categorized, Graduated, None };

struct StyleClass {
    std::string label;
    std::string value;            // category value
    double lower = 0, upper = 0;  // graduated range, both ends included
    Symbol symbol;
};

struct LayerStyleSpec {
    std::string layer;
    std::string description;
    Renderer renderer = Renderer::Single;
    std::string attribute;                // field of the categories or classes
    std::string only_field, only_value;   // graduated: classify only rows where only_field = only_value
    std::string expression;               // graduated in QML: this expression instead of `attribute`
    Symbol single;                        // single symbol; the source symbol of the others
    std::vector<StyleClass> classes;
    std::optional<Labels> labels;
    bool label_obstacle = false;          // no labels of its own, but labels keep clear of its symbols
    double opacity = 1;                   // the whole layer
    std::vector<std::pair<std::string, std::string>> defaults;  // field -> default value expression
    std::vector<std::pair<std::string, std::string>> aliases;   // field -> alias shown by QGIS
};

// "<!DOCTYPE qgis ...><qgis ...>...</qgis>": what QGIS stores in layer_styles and reads from .qml.
std::string qml_document(const LayerStyleSpec& spec);
// The style elements QGIS keeps inside a project's <maplayer> (renderer, labels, opacity, aliases,
// defaults), written into `x` at its current depth.
void write_style_body(Xml& x, const LayerStyleSpec& spec);
// The layer's style as an OGC SLD 1.1 document (what plain SLD can say of it).
std::string sld_document(const LayerStyleSpec& spec);

// Millimetres of `px` pixels at 96 dpi.
inline double mm_of_px(double px) { return px * 25.4 / 96.0; }

}  // namespace pc::io::qgis
