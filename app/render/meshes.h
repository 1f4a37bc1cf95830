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

// Counts every change of any mesh's GPU buffers: an image of the map drawn at one count is still
// right at the same count (MapImageCache).
std::uint64_t mesh_generation();

class GpuBuffers {
public:
    GpuBuffers() = default;
    ~GpuBuffers() { release(); }
    GpuBuffers(const GpuBuffers&) = delete;
    GpuBuffers& operator=(const GpuBuffers&) = delete;
    void release();

protected:
    void ensure(int vbos);
    static void changed();
    GLuint vao_ = 0;
    GLuint vbo_[2] = {0, 0};
};

// Contiguous ranges of a buffer with the local envelope of each: draws skip what is off screen.
class CullRanges {
public:
    void clear() { first_.assign(1, 0); boxes_.clear(); }
    // Closes the range [last end, end) with its envelope.
    void add(std::uint32_t end, const Envelope& box) { first_.push_back(end); boxes_.push_back(box); }
    // Runs [first, count) of consecutive ranges meeting `visible` (adjacent ones merged).
    template <class F>
    void for_each_visible(const Envelope& visible, F&& draw_run) const {
        std::uint32_t run_first = 0, run_end = 0;
        bool open = false;
        for (std::size_t i = 0; i < boxes_.size(); ++i) {
            if (first_[i + 1] == first_[i] || !boxes_[i].intersects(visible)) continue;
            if (open && run_end == first_[i]) {
                run_end = first_[i + 1];
                continue;
            }
            if (open) draw_run(run_first, run_end - run_first);
            run_first = first_[i];
            run_end = first_[i + 1];
            open = true;
        }
        if (open) draw_run(run_first, run_end - run_first);
    }
    bool empty() const { return boxes_.empty(); }

private:
    std::vector<std::uint32_t> first_{0};
    std::vector<Envelope> boxes_;
};

// The CPU side of a FillMesh: positions projected to local metres, the feature of every vertex, and
// ranges for culling. Prepared on any thread (a province's levels on a worker); uploaded on the GL one.
struct FillData {
    std::vector<float> positions;         // x y per vertex
    std::vector<std::uint32_t> feature;   // feature index per vertex
    std::vector<std::uint32_t> first;     // feature i has vertices [first[i], first[i+1]); size n + 1
    CullRanges ranges;
};

// Triangles of polygon fills with a colour per feature. The colours are a texture of one texel per
// feature that the vertices look up: a new choropleth uploads a few kilobytes, not a colour per vertex.
class FillMesh : public GpuBuffers {
public:
    FillMesh() = default;
    ~FillMesh();
    static FillData prepare(const LayerTriangles& triangles, const LocalProjection& proj);
    void upload(FillData data);
    void build(const LayerTriangles& triangles, const LocalProjection& proj) { upload(prepare(triangles, proj)); }
    // One colour per feature of the last build (missing entries: transparent).
    void set_colours(const std::vector<Rgba>& per_feature);
    void set_colour(Rgba all);
    GLsizei vertex_count() const { return count_; }
    std::size_t features() const { return features_; }
    // The buffer texture of the feature colours (renderer binds it).
    GLuint colour_texture() const { return colour_texture_; }
    void draw() const;
    // Only the features whose envelope meets `visible` (local metres).
    void draw(const Envelope& visible) const;

private:
    void upload_colours(const std::vector<std::uint8_t>& rgba);
    CullRanges ranges_;
    std::size_t features_ = 0;
    GLsizei count_ = 0;
    GLuint colour_buffer_ = 0, colour_texture_ = 0;
};

// Segments of outlines and lines, drawn as quads of a given pixel width (one instance per segment).
class LineMesh : public GpuBuffers {
public:
    void clear() {
        segments_.clear();
        ranges_.clear();
        box_ = Envelope{};
    }
    void add_path(const std::vector<Coord>& lonlat, const LocalProjection& proj);
    void add_outline(const Geometry& g, const LocalProjection& proj);  // polygon rings and lines
    // lon/lat x0 y0 x1 y1 per segment, culled as one range.
    void add_segments(const std::vector<double>& lonlat_xyxy, const LocalProjection& proj);
    void upload();
    GLsizei segment_count() const { return count_; }
    void draw() const;
    // Only the ranges (one per add_* call) whose envelope meets `visible` (local metres).
    void draw(const Envelope& visible) const;

private:
    void push(Coord a, Coord b);
    void close_range();
    void bind_from(std::uint32_t first_segment) const;
    std::vector<float> segments_;  // x0 y0 x1 y1 per segment, before upload
    CullRanges ranges_;
    Envelope box_;                 // of the open range
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
