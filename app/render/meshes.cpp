#include "render/meshes.h"

#include <atomic>
#include <cstddef>
#include <cstring>

namespace pc::gui {
namespace {

struct PointVertex {
    float x, y;
    std::uint8_t rgba[4];
    float shape, size;
};

void unpack(Rgba c, std::uint8_t out[4]) {
    out[0] = std::uint8_t(c >> 24);
    out[1] = std::uint8_t(c >> 16);
    out[2] = std::uint8_t(c >> 8);
    out[3] = std::uint8_t(c);
}

std::atomic<std::uint64_t> g_mesh_generation{0};

}  // namespace

std::uint64_t mesh_generation() { return g_mesh_generation.load(); }

void GpuBuffers::changed() { ++g_mesh_generation; }

void GpuBuffers::release() {
    changed();
    if (vbo_[0] || vbo_[1]) glDeleteBuffers(2, vbo_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
    vao_ = 0;
    vbo_[0] = vbo_[1] = 0;
}

void GpuBuffers::ensure(int vbos) {
    changed();
    if (!vao_) glGenVertexArrays(1, &vao_);
    for (int i = 0; i < vbos; ++i)
        if (!vbo_[i]) glGenBuffers(1, &vbo_[i]);
}

FillMesh::~FillMesh() {
    if (colour_texture_) glDeleteTextures(1, &colour_texture_);
    if (colour_buffer_) glDeleteBuffers(1, &colour_buffer_);
}

FillData FillMesh::prepare(const LayerTriangles& t, const LocalProjection& proj) {
    FillData d;
    d.first = t.first;
    d.positions.resize(t.vertices.size() * 2);
    d.feature.resize(t.vertices.size());
    d.ranges.clear();
    for (std::size_t f = 0; f + 1 < d.first.size(); ++f) {
        Envelope box;
        for (std::size_t i = d.first[f]; i < d.first[f + 1]; ++i) {
            Coord m = proj.to_local(t.vertices[i]);
            d.positions[2 * i] = float(m.x);
            d.positions[2 * i + 1] = float(m.y);
            d.feature[i] = std::uint32_t(f);
            box.expand(m);
        }
        d.ranges.add(d.first[f + 1], box);
    }
    return d;
}

void FillMesh::upload(FillData d) {
    ensure(2);
    features_ = d.first.empty() ? 0 : d.first.size() - 1;
    count_ = GLsizei(d.feature.size());
    ranges_ = std::move(d.ranges);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_[0]);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(d.positions.size() * sizeof(float)), d.positions.data(), GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_[1]);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(d.feature.size() * sizeof(std::uint32_t)), d.feature.data(), GL_STATIC_DRAW);
    glEnableVertexAttribArray(1);
    glVertexAttribIPointer(1, 1, GL_UNSIGNED_INT, 0, nullptr);
    glBindVertexArray(0);
    if (!colour_buffer_) glGenBuffers(1, &colour_buffer_);
    if (!colour_texture_) glGenTextures(1, &colour_texture_);
    set_colour(0xffffffff);
}

void FillMesh::upload_colours(const std::vector<std::uint8_t>& rgba) {
    changed();
    if (!colour_buffer_) return;
    // At least one texel: a buffer texture of size 0 is not complete.
    static const std::uint8_t none[4] = {0, 0, 0, 0};
    glBindBuffer(GL_TEXTURE_BUFFER, colour_buffer_);
    glBufferData(GL_TEXTURE_BUFFER, GLsizeiptr(rgba.empty() ? 4 : rgba.size()), rgba.empty() ? none : rgba.data(), GL_DYNAMIC_DRAW);
    glBindTexture(GL_TEXTURE_BUFFER, colour_texture_);
    glTexBuffer(GL_TEXTURE_BUFFER, GL_RGBA8, colour_buffer_);
    glBindTexture(GL_TEXTURE_BUFFER, 0);
    glBindBuffer(GL_TEXTURE_BUFFER, 0);
}

void FillMesh::set_colours(const std::vector<Rgba>& per_feature) {
    std::vector<std::uint8_t> col(features_ * 4, 0);
    for (std::size_t f = 0; f < features_ && f < per_feature.size(); ++f) unpack(per_feature[f], &col[f * 4]);
    upload_colours(col);
}

void FillMesh::set_colour(Rgba all) {
    std::vector<std::uint8_t> col(features_ * 4);
    for (std::size_t f = 0; f < features_; ++f) unpack(all, &col[f * 4]);
    upload_colours(col);
}

void FillMesh::draw() const {
    if (!vao_ || count_ == 0) return;
    glBindVertexArray(vao_);
    glDrawArrays(GL_TRIANGLES, 0, count_);
}

void FillMesh::draw(const Envelope& visible) const {
    if (!vao_ || count_ == 0) return;
    glBindVertexArray(vao_);
    std::vector<GLint> firsts;
    std::vector<GLsizei> counts;
    ranges_.for_each_visible(visible, [&](std::uint32_t first, std::uint32_t count) {
        firsts.push_back(GLint(first));
        counts.push_back(GLsizei(count));
    });
    if (!firsts.empty()) glMultiDrawArrays(GL_TRIANGLES, firsts.data(), counts.data(), GLsizei(firsts.size()));
}

void LineMesh::push(Coord a, Coord b) {
    segments_.insert(segments_.end(), {float(a.x), float(a.y), float(b.x), float(b.y)});
    box_.expand(a);
    box_.expand(b);
}

void LineMesh::close_range() {
    ranges_.add(std::uint32_t(segments_.size() / 4), box_);
    box_ = Envelope{};
}

void LineMesh::add_path(const std::vector<Coord>& ll, const LocalProjection& proj) {
    if (ll.size() < 2) return;
    Coord prev = proj.to_local(ll[0]);
    for (std::size_t i = 1; i < ll.size(); ++i) {
        Coord cur = proj.to_local(ll[i]);
        push(prev, cur);
        prev = cur;
    }
    close_range();
}

void LineMesh::add_outline(const Geometry& g, const LocalProjection& proj) {
    for (const auto& poly : g.polygons)
        for (const auto& ring : poly.rings) add_path(ring, proj);
    for (const auto& line : g.lines) add_path(line, proj);
}

void LineMesh::add_segments(const std::vector<double>& xyxy, const LocalProjection& proj) {
    for (std::size_t i = 0; i + 3 < xyxy.size(); i += 4)
        push(proj.to_local(Coord{xyxy[i], xyxy[i + 1]}), proj.to_local(Coord{xyxy[i + 2], xyxy[i + 3]}));
    close_range();
}

void LineMesh::upload() {
    ensure(1);
    count_ = GLsizei(segments_.size() / 4);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_[0]);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(segments_.size() * sizeof(float)), segments_.data(), GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribDivisor(0, 1);
    glEnableVertexAttribArray(1);
    glVertexAttribDivisor(1, 1);
    bind_from(0);
    glBindVertexArray(0);
    segments_.clear();
    segments_.shrink_to_fit();
}

// GL 3.3 has no base instance: a run starting later is drawn by moving the attribute pointers.
void LineMesh::bind_from(std::uint32_t first) const {
    glBindBuffer(GL_ARRAY_BUFFER, vbo_[0]);
    const std::size_t at = std::size_t(first) * 4 * sizeof(float);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), reinterpret_cast<void*>(at));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), reinterpret_cast<void*>(at + 2 * sizeof(float)));
}

void LineMesh::draw() const {
    if (!vao_ || count_ == 0) return;
    glBindVertexArray(vao_);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, count_);
}

void LineMesh::draw(const Envelope& visible) const {
    if (!vao_ || count_ == 0) return;
    glBindVertexArray(vao_);
    bool moved = false;
    ranges_.for_each_visible(visible, [&](std::uint32_t first, std::uint32_t count) {
        bind_from(first);
        moved = moved || first != 0;
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, GLsizei(count));
    });
    if (moved) bind_from(0);
}

void PointMesh::build(const std::vector<PointSymbol>& symbols, const LocalProjection& proj) {
    ensure(1);
    std::vector<PointVertex> v(symbols.size());
    for (std::size_t i = 0; i < symbols.size(); ++i) {
        Coord m = proj.to_local(symbols[i].lonlat);
        v[i].x = float(m.x);
        v[i].y = float(m.y);
        unpack(symbols[i].colour, v[i].rgba);
        v[i].shape = float(symbols[i].shape);
        v[i].size = symbols[i].size_px;
    }
    count_ = GLsizei(v.size());
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_[0]);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(v.size() * sizeof(PointVertex)), v.data(), GL_STATIC_DRAW);
    const GLsizei stride = sizeof(PointVertex);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(PointVertex, x)));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<void*>(offsetof(PointVertex, rgba)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(PointVertex, shape)));
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 1, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(PointVertex, size)));
    glBindVertexArray(0);
}

void PointMesh::draw() const {
    if (!vao_ || count_ == 0) return;
    glBindVertexArray(vao_);
    glDrawArrays(GL_POINTS, 0, count_);
}

}  // namespace pc::gui
