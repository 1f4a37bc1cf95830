#pragma once
// GPU buffers of one drawn layer, built once when the layer changes (never per frame). Positions are
// float metres relative to the local projection's origin (see local_projection.h).
#include <cstdint>
#include <vector>

#include "geo/geometry.h"
#include "geo/tessellate.h"
#include "render/gl.h"
#include "render/local_projection.h"

namespace pc::gui {

// RGBA 0xRRGGBBAA, as in the model's FacilityType::colour.
using Rgba = std::uint32_t;

class GpuBuffers {
public:
    GpuBuffers() = default;
    ~GpuBuffers() { release(); }
    GpuBuffers(const GpuBuffers&) = delete;
    GpuBuffers& operator=(const GpuBuffers&) = delete;
    void release();

protected:
    void ensure(int vbos);
    GLuint vao_ = 0;
    GLuint vbo_[2] = {0, 0};
};

// Triangles of polygon fills with a colour per feature (choropleths change colours, not triangles).
class FillMesh : public GpuBuffers {
public:
    void build(const LayerTriangles& triangles, const LocalProjection& proj);
    // One colour per feature of the last build (missing entries: transparent).
    void set_colours(const std::vector<Rgba>& per_feature);
    void set_colour(Rgba all);
    GLsizei vertex_count() const { return count_; }
    std::size_t features() const { return first_.empty() ? 0 : first_.size() - 1; }
    void draw() const;

private:
    std::vector<std::uint32_t> first_;
    GLsizei count_ = 0;
};

// Segments of outlines and lines, drawn as quads of a given pixel width (one instance per segment).
class LineMesh : public GpuBuffers {
public:
    void clear() { segments_.clear(); }
    void add_path(const std::vector<Coord>& lonlat, const LocalProjection& proj);
    void add_outline(const Geometry& g, const LocalProjection& proj);  // polygon rings and lines
    void upload();
    GLsizei segment_count() const { return count_; }
    void draw() const;

private:
    std::vector<float> segments_;  // x0 y0 x1 y1 per segment, before upload
    GLsizei count_ = 0;
};

enum class Shape : std::uint8_t { Circle, Square, Triangle, Diamond, Star };

struct PointSymbol {
    Coord lonlat;
    Rgba colour = 0xff0000ff;
    Shape shape = Shape::Circle;
    float size_px = 10;
};

class PointMesh : public GpuBuffers {
public:
    void build(const std::vector<PointSymbol>& symbols, const LocalProjection& proj);
    GLsizei count() const { return count_; }
    void draw() const;

private:
    GLsizei count_ = 0;
};

}  // namespace pc::gui
