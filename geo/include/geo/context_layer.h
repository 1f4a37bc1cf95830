#pragma once
// Context layers: reference data a planner lays over the analysis, under its symbols (roads, rivers,
// settlements, health points from any OGR file, e.g. BIG's Rupabumi shapefiles). Plain data: read by
// io/context_import.h, edited through doc/context_commands.h, saved in the project file, drawn by
// app/render. They take no part in any figure.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "geo/geometry.h"
#include "geo/uuid.h"

namespace pc {

// A field value: NULL, integer, real or text (also the extra fields of the model).
using FieldValue = std::variant<std::monostate, std::int64_t, double, std::string>;

// What the layer's features are drawn as (from the source's geometry type).
enum class ContextKind : std::uint8_t { Line, Area, Point };
inline constexpr ContextKind kContextKinds[] = {ContextKind::Line, ContextKind::Area, ContextKind::Point};
// Point symbols, the shapes the map draws facilities with.
enum class ContextSymbol : std::uint8_t { Circle, Square, Triangle, Diamond, Star };
inline constexpr ContextSymbol kContextSymbols[] = {ContextSymbol::Circle, ContextSymbol::Square, ContextSymbol::Triangle,
                                                    ContextSymbol::Diamond, ContextSymbol::Star};

// How one class of features is drawn. Colours 0xRRGGBBAA (the alpha is the opacity); widths and
// sizes are pixels of the 1920×1080 layout, as map_style's.
struct ContextStyle {
    std::uint32_t stroke = 0x616161ff;  // lines; outline of areas (points get the map's dark rim)
    double width_px = 1.0;              // lines and area outlines (0 = no outline)
    std::uint32_t fill = 0x00000000;    // areas and point symbols
    ContextSymbol symbol = ContextSymbol::Circle;
    double size_px = 8;                 // point symbols
    friend bool operator==(const ContextStyle&, const ContextStyle&) = default;
};

// A rule of a style by field value: features whose class field equals `value` (compared as text,
// ignoring case and surrounding blanks) are drawn with `style`; `label` names the class in legends.
struct ContextRule {
    std::string value;
    std::string label;
    ContextStyle style;
    friend bool operator==(const ContextRule&, const ContextRule&) = default;
};

struct ContextFeature {
    Geometry geometry;               // lon/lat (WGS 84)
    std::vector<FieldValue> values;  // parallel to ContextLayer::fields
    friend bool operator==(const ContextFeature&, const ContextFeature&) = default;
};

struct ContextLayer {
    Uuid id;
    std::string name;          // shown in the layer list: "Jalan"
    std::string source_path;   // the file it was read from (kept for the record; the features are in the project)
    std::string source_layer;  // the layer of that file
    ContextKind kind = ContextKind::Line;
    bool visible = true;
    ContextStyle style;        // every feature no rule matches ("other")
    std::string class_field;   // "" = one style for all
    std::vector<ContextRule> rules;  // later rules are drawn over earlier ones, all over the layer's own style
    std::vector<std::string> fields;  // attribute names, in source order
    // Shared and never changed in place: undo steps and the document worker's copy share them.
    std::shared_ptr<const std::vector<ContextFeature>> features;

    std::size_t feature_count() const { return features ? features->size() : 0; }
    // Index of a field by name (ignoring case), or -1.
    int field_index(const std::string& name) const;
    // The rule that draws feature `f` (index into rules), or nullopt for the layer's own style.
    std::optional<std::size_t> rule_of(const ContextFeature& f) const;
    const ContextStyle& style_of(const ContextFeature& f) const;

    friend bool operator==(const ContextLayer& a, const ContextLayer& b);
};

// A field value as text ("" for NULL; numbers without trailing zeros).
std::string field_text(const FieldValue& v);

// Stable keys used in files: "line", "area", "point"; "circle", "square" ...
const char* to_key(ContextKind k);
const char* to_key(ContextSymbol s);
std::optional<ContextKind> parse_context_kind(const std::string& key);
std::optional<ContextSymbol> parse_context_symbol(const std::string& key);

// Index of a context layer by id, or -1.
long find_context_layer(const std::vector<ContextLayer>& layers, const Uuid& id);

// The style a new context layer gets: BIG Rupabumi layers by their layer name and class field
// (JALAN_LN roads by `remark`: toll, arterial, collector, local, other; PEMUKIMAN_AR settlements as
// a light fill; SARANA_KESEHATAN_PT health points; SUNGAI_LN rivers ...), anything else a default
// by its kind. Sets style, class_field and rules; keeps the rest.
void apply_default_style(ContextLayer& layer);

}  // namespace pc
