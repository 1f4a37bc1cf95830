// The styles new context layers get: what a planner expects of BIG's Rupabumi (RBI) layers, and a
// plain default by geometry kind for anything else. Rules are made from the values the layer
// really has, so the model (and the saved and exported styles) lists exact values.
#include <algorithm>
#include <cctype>
#include <set>

#include "geo/context_layer.h"

namespace pc {
namespace {

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower((unsigned char)c));
    return s;
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

ContextStyle line(std::uint32_t colour, double width) {
    ContextStyle s;
    s.stroke = colour;
    s.width_px = width;
    return s;
}

ContextStyle area(std::uint32_t fill, std::uint32_t outline, double width) {
    ContextStyle s;
    s.fill = fill;
    s.stroke = outline;
    s.width_px = width;
    return s;
}

ContextStyle point(std::uint32_t fill, ContextSymbol symbol, double size) {
    ContextStyle s;
    s.fill = fill;
    s.stroke = 0x263238ff;
    s.symbol = symbol;
    s.size_px = size;
    return s;
}

ContextStyle default_style(ContextKind kind) {
    switch (kind) {
        case ContextKind::Line: return line(0x6d4c41ff, 1.2);
        case ContextKind::Area: return area(0x9e9e9e4d, 0x757575ff, 0.6);
        case ContextKind::Point: return point(0x5e35b1ff, ContextSymbol::Circle, 8);
    }
    return {};
}

// Road classes of RBI's `remark` (JALAN_LN): "Jalan Tol Dua Jalur Dengan Pemisah Fisik", "Jalan
// Arteri", "Jalan Kolektor", "Jalan Lokal", "Jalan Lain", "Jalan Setapak" ...; the order draws
// the stronger roads last (on top).
struct RoadClass {
    const char* word;  // after "jalan "
    const char* label;
    ContextStyle style;
};
const RoadClass kRoadClasses[] = {
    {"lokal", "Jalan lokal", line(0x9e9e9eff, 1.2)},
    {"kolektor", "Jalan kolektor", line(0xf9a825ff, 2.4)},
    {"arteri", "Jalan arteri", line(0xe65100ff, 3.2)},
    {"tol", "Jalan tol", line(0xc2185bff, 4.0)},
};
const ContextStyle kOtherRoad = line(0xbcaaa4ff, 0.8);

const RoadClass* road_class(const std::string& value) {
    std::string v = lower(value);
    if (starts_with(v, "jalan ")) v = v.substr(6);
    for (const RoadClass& c : kRoadClasses)
        if (v == c.word || starts_with(v, (std::string(c.word) + " ").c_str())) return &c;
    return nullptr;
}

// Distinct values of a field, in order of first appearance.
std::vector<std::string> distinct_values(const ContextLayer& layer, int field) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    if (!layer.features) return out;
    for (const ContextFeature& f : *layer.features) {
        if (std::size_t(field) >= f.values.size()) continue;
        std::string v = field_text(f.values[std::size_t(field)]);
        if (!v.empty() && seen.insert(lower(v)).second) out.push_back(v);
    }
    return out;
}

void style_roads(ContextLayer& layer, int remark) {
    layer.style = kOtherRoad;
    layer.class_field = layer.fields[std::size_t(remark)];
    layer.rules.clear();
    const auto values = distinct_values(layer, remark);
    for (const RoadClass& c : kRoadClasses)
        for (const std::string& v : values)
            if (road_class(v) == &c) layer.rules.push_back({v, c.label, c.style});
}

}  // namespace

void apply_default_style(ContextLayer& layer) {
    layer.style = default_style(layer.kind);
    layer.class_field.clear();
    layer.rules.clear();
    const std::string name = lower(layer.source_layer);
    const int remark = layer.field_index("remark");
    if (layer.kind == ContextKind::Line && starts_with(name, "jalan_ln") && remark >= 0) {
        style_roads(layer, remark);
    } else if (layer.kind == ContextKind::Area && starts_with(name, "pemukiman_ar")) {
        layer.style = area(0xe8a87c5c, 0xb0826aff, 0.5);  // settlements: a light warm fill, see-through
    } else if (layer.kind == ContextKind::Point && starts_with(name, "sarana_kesehatan")) {
        layer.style = point(0xd32f2fff, ContextSymbol::Circle, 9);  // health points: red
    } else if (layer.kind == ContextKind::Line && starts_with(name, "sungai_ln")) {
        layer.style = line(0x4fc3f7ff, 1.6);  // rivers
    } else if (layer.kind == ContextKind::Area && (starts_with(name, "sungai_ar") || starts_with(name, "danau_ar"))) {
        layer.style = area(0x81d4faff, 0x4fc3f7ff, 0.6);  // water
    }
}

}  // namespace pc
