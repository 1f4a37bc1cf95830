#include "render/renderer.h"

#include <cmath>

#include "shader_sources.h"

namespace pc::gui {
namespace {

void rgba(Rgba c, float out[4]) {
    out[0] = float((c >> 24) & 0xff) / 255.f;
    out[1] = float((c >> 16) & 0xff) / 255.f;
    out[2] = float((c >> 8) & 0xff) / 255.f;
    out[3] = float(c & 0xff) / 255.f;
}

}  // namespace

MapRenderer::MapRenderer()
    : fill_("fill", shaders::fill_vert, shaders::fill_frag),
      hatch_("hatch", shaders::fill_vert, shaders::hatch_frag),
      line_("line", shaders::line_vert, shaders::line_frag),
      point_("point", shaders::point_vert, shaders::point_frag) {}

void MapRenderer::begin(const Camera& cam, const FramebufferInfo& fb, Rgba background) {
    cam_ = cam;
    fb_ = fb;
    // What the map shows, widened by a few pixels for line widths and caps.
    visible_ = cam.visible();
    const double pad = 8 / cam.ppm;
    visible_.expand(Coord{visible_.min_x - pad, visible_.min_y - pad});
    visible_.expand(Coord{visible_.max_x + pad, visible_.max_y + pad});
    const double s = fb.scale;
    GLint x = GLint(std::lround(cam.vx * s));
    GLint w = GLint(std::lround(cam.vw * s));
    GLint h = GLint(std::lround(cam.vh * s));
    GLint y = GLint(fb.height - std::lround((cam.vy + cam.vh) * s));
    glViewport(x, y, w, h);
    viewport_origin_[0] = float(x);
    viewport_origin_[1] = float(y);
    glEnable(GL_SCISSOR_TEST);
    glScissor(x, y, w, h);
    float c[4];
    rgba(background, c);
    glClearColor(c[0], c[1], c[2], c[3]);
    glClear(GL_COLOR_BUFFER_BIT);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glEnable(GL_PROGRAM_POINT_SIZE);
}

void MapRenderer::end() {
    glDisable(GL_SCISSOR_TEST);
    glBindTexture(GL_TEXTURE_BUFFER, 0);
    glBindVertexArray(0);
    glUseProgram(0);
    glViewport(0, 0, fb_.width, fb_.height);
}

void MapRenderer::set_view(const ShaderProgram& p) const {
    p.use();
    glUniform1i(p.uniform("u_colours"), 0);  // fills: the feature colours on unit 0 (bind_colours)
    // The camera centre is double; the shader subtracts it in float from float positions whose
    // origin is the same district centre, so both stay small numbers.
    glUniform2f(p.uniform("u_centre"), float(cam_.cx), float(cam_.cy));
    glUniform2f(p.uniform("u_scale"), float(2 * cam_.ppm / cam_.vw), float(2 * cam_.ppm / cam_.vh));
}

void MapRenderer::fill(const FillMesh& m, Rgba tint, float opacity, bool solid) {
    fill_impl(m, tint, opacity, solid, nullptr);
}

void MapRenderer::fill_over(const FillMesh& m, Rgba under, Rgba tint, float opacity, bool solid) {
    glDisable(GL_BLEND);
    fill_impl(m, tint, opacity, solid, &under);
    glEnable(GL_BLEND);
}

void MapRenderer::hatch(const FillMesh& m, Rgba colour, float opacity, float spacing_px, float width_px, float between_opacity) {
    if (m.vertex_count() == 0) return;
    set_view(hatch_);
    float c[4];
    rgba(colour, c);
    glUniform4f(hatch_.uniform("u_colour"), c[0], c[1], c[2], c[3] * opacity);
    glUniform1f(hatch_.uniform("u_spacing"), float(spacing_px * fb_.scale));
    glUniform1f(hatch_.uniform("u_line_width"), float(width_px * fb_.scale));
    glUniform1f(hatch_.uniform("u_between"), between_opacity);
    // The lines are fixed to the map, not the screen: they pan with it, and an image of the map drawn
    // in tiles or kept while panning has the same pattern as one drawn whole. The local origin's pixel,
    // reduced by the period in double so the shader's float keeps whole-pixel precision.
    const double s = fb_.scale;
    const double origin_x = viewport_origin_[0] + (cam_.vw / 2 - cam_.cx * cam_.ppm) * s;
    const double origin_y = viewport_origin_[1] + (cam_.vh / 2 - cam_.cy * cam_.ppm) * s;
    const double period = spacing_px * s;
    glUniform2f(hatch_.uniform("u_origin"), float(std::fmod(origin_x + origin_y, period)), 0.0f);
    bind_colours(m);
    m.draw(visible_);
}

void MapRenderer::bind_colours(const FillMesh& m) const {
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_BUFFER, m.colour_texture());
}

void MapRenderer::fill_impl(const FillMesh& m, Rgba tint, float opacity, bool solid, const Rgba* under) {
    if (m.vertex_count() == 0) return;
    set_view(fill_);
    float c[4];
    rgba(tint, c);
    glUniform4f(fill_.uniform("u_tint"), c[0], c[1], c[2], c[3] * opacity);
    glUniform1f(fill_.uniform("u_solid"), solid ? 1.0f : 0.0f);
    float u[4] = {0, 0, 0, 0};
    if (under) rgba(*under | 0xff, u);
    glUniform4f(fill_.uniform("u_under"), u[0], u[1], u[2], under ? 1.0f : 0.0f);
    bind_colours(m);
    m.draw(visible_);
}

void MapRenderer::lines(const LineMesh& m, Rgba colour, float width_px, float opacity) {
    if (m.segment_count() == 0) return;
    set_view(line_);
    float c[4];
    rgba(colour, c);
    glUniform4f(line_.uniform("u_colour"), c[0], c[1], c[2], c[3] * opacity);
    glUniform2f(line_.uniform("u_viewport"), float(cam_.vw * fb_.scale), float(cam_.vh * fb_.scale));
    glUniform1f(line_.uniform("u_width"), float(width_px * fb_.scale));
    m.draw(visible_);
}

void MapRenderer::points(const PointMesh& m, float size_scale, float opacity) {
    if (m.count() == 0) return;
    set_view(point_);
    // A point is dropped whole when its centre leaves the viewport, so a symbol half over the map's
    // edge would vanish (and pop in and out while panning). Widen the viewport by the largest symbol;
    // the scissor still keeps the drawing on the map.
    const GLint pad = GLint(std::ceil(24 * size_scale * fb_.scale));
    const GLint w = GLint(std::lround(cam_.vw * fb_.scale)), h = GLint(std::lround(cam_.vh * fb_.scale));
    glViewport(GLint(viewport_origin_[0]) - pad, GLint(viewport_origin_[1]) - pad, w + 2 * pad, h + 2 * pad);
    glUniform2f(point_.uniform("u_scale"), float(2 * cam_.ppm * fb_.scale / (w + 2 * pad)),
                float(2 * cam_.ppm * fb_.scale / (h + 2 * pad)));
    glUniform1f(point_.uniform("u_size_scale"), float(size_scale * fb_.scale));
    glUniform1f(point_.uniform("u_opacity"), opacity);
    m.draw();
    glViewport(GLint(viewport_origin_[0]), GLint(viewport_origin_[1]), w, h);
}

}  // namespace pc::gui
