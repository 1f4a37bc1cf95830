#include "render/context_meshes.h"

#include <cmath>

namespace pc::gui {
namespace {

Rgba opaque(Rgba c) { return c | 0xffu; }
float alpha(Rgba c) { return float(c & 0xffu) / 255.0f; }

}  // namespace

Shape shape_of(ContextSymbol s) {
    switch (s) {
        case ContextSymbol::Circle: return Shape::Circle;
        case ContextSymbol::Square: return Shape::Square;
        case ContextSymbol::Triangle: return Shape::Triangle;
        case ContextSymbol::Diamond: return Shape::Diamond;
        case ContextSymbol::Star: return Shape::Star;
    }
    return Shape::Circle;
}

void ContextMeshes::build(const std::vector<ContextLayer>& layers, const LocalProjection& projection) {
    layers_.clear();
    for (const ContextLayer& cl : layers) {
        if (!cl.visible || !cl.features) continue;
        auto out = std::make_unique<Layer>();
        out->kind = cl.kind;
        // The layer's own style ("other": footpaths, minor roads) first, at the bottom; then the rules
        // in order, so the stronger classes a planner lists last (toll roads) are drawn on top.
        const std::size_t own = 0;
        for (std::size_t i = 0; i <= cl.rules.size(); ++i) {
            auto c = std::make_unique<StyleClass>();
            c->style = i == own ? cl.style : cl.rules[i - 1].style;
            out->classes.push_back(std::move(c));
        }
        std::vector<std::vector<const Geometry*>> polygons(out->classes.size());
        std::vector<PointSymbol> symbols;
        for (const ContextFeature& f : *cl.features) {
            const auto rule = cl.rule_of(f);
            const std::size_t k = rule ? *rule + 1 : own;
            StyleClass& c = *out->classes[k];
            switch (cl.kind) {
                case ContextKind::Line: c.lines.add_outline(f.geometry, projection); break;
                case ContextKind::Area:
                    polygons[k].push_back(&f.geometry);
                    if (c.style.width_px > 0) c.lines.add_outline(f.geometry, projection);
                    break;
                case ContextKind::Point:
                    for (const Coord& pt : f.geometry.points)
                        symbols.push_back({pt, opaque(c.style.fill), shape_of(c.style.symbol), float(c.style.size_px)});
                    break;
            }
        }
        for (std::size_t k = 0; k < out->classes.size(); ++k) {
            StyleClass& c = *out->classes[k];
            c.lines.upload();
            if (!polygons[k].empty()) c.fill.build(tessellate_layer(polygons[k]), projection);
        }
        if (!symbols.empty()) out->points.build(symbols, projection);
        layers_.push_back(std::move(out));
    }
}

void ContextMeshes::draw(MapRenderer& r, float ui_scale) const {
    for (const auto& layer : layers_) {
        for (const auto& c : layer->classes) {
            const ContextStyle& s = c->style;
            if (c->fill.vertex_count() > 0 && alpha(s.fill) > 0) r.fill(c->fill, opaque(s.fill), alpha(s.fill), true);
            if (c->lines.segment_count() > 0 && s.width_px > 0)
                r.lines(c->lines, opaque(s.stroke), float(s.width_px) * ui_scale, alpha(s.stroke));
        }
        if (layer->points.count() > 0) r.points(layer->points, ui_scale, 1.0f);
    }
}

}  // namespace pc::gui
