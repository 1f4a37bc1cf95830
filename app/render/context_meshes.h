#pragma once
// The context layers of a document (roads, settlements, health points ...) as GPU meshes: one line
// or fill mesh per style class of each visible layer (its own style, then its rules), point symbols
// in one mesh per layer. Built when the layers change, never per frame; drawn in the layers' order
// (the first at the bottom). Needs a current OpenGL context.
#include <memory>
#include <vector>

#include "geo/context_layer.h"
#include "render/meshes.h"
#include "render/renderer.h"

namespace pc::gui {

class ContextMeshes {
public:
    void build(const std::vector<ContextLayer>& layers, const LocalProjection& projection);
    // Widths and symbol sizes times `ui_scale`.
    void draw(MapRenderer& r, float ui_scale) const;
    bool empty() const { return layers_.empty(); }

private:
    struct StyleClass {
        ContextStyle style;
        FillMesh fill;
        LineMesh lines;
    };
    struct Layer {
        ContextKind kind = ContextKind::Line;
        std::vector<std::unique_ptr<StyleClass>> classes;  // the layer's own style, then its rules, bottom first
        PointMesh points;
    };
    std::vector<std::unique_ptr<Layer>> layers_;
};

// The map's point shape of a context symbol.
Shape shape_of(ContextSymbol s);

}  // namespace pc::gui
