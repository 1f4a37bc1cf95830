#include "render/map_image_cache.h"

#include <cmath>
#include <cstdlib>

namespace pc::gui {
namespace {

// The map's viewport in framebuffer pixels, rounded as MapRenderer::begin rounds it.
struct ViewportPx {
    GLint x, y, w, h;
};

ViewportPx viewport_px(const Camera& cam, const FramebufferInfo& fb) {
    const double s = fb.scale;
    return {GLint(std::lround(cam.vx * s)), GLint(fb.height - std::lround((cam.vy + cam.vh) * s)), GLint(std::lround(cam.vw * s)),
            GLint(std::lround(cam.vh * s))};
}

}  // namespace

MapImageCache::~MapImageCache() {
    if (fbo_) glDeleteFramebuffers(1, &fbo_);
    if (colour_) glDeleteTextures(1, &colour_);
}

void MapImageCache::ensure_target(int w, int h) {
    if (fbo_ && w == tex_w_ && h == tex_h_) return;
    if (!fbo_) glGenFramebuffers(1, &fbo_);
    if (!colour_) glGenTextures(1, &colour_);
    // The window's own pixel layout and encoding, so the copy to it is a plain copy (llvmpipe converts
    // through a shader otherwise, several ms a frame).
    GLint encoding = GL_LINEAR;
    GLint bound = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &bound);
    if (bound == 0) glGetFramebufferAttachmentParameteriv(GL_DRAW_FRAMEBUFFER, GL_BACK_LEFT, GL_FRAMEBUFFER_ATTACHMENT_COLOR_ENCODING, &encoding);
    glBindTexture(GL_TEXTURE_2D, colour_);
    glTexImage2D(GL_TEXTURE_2D, 0, encoding == GL_SRGB ? GL_SRGB8_ALPHA8 : GL_RGBA8, w, h, 0, GL_BGRA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, colour_, 0);
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(bound));
    tex_w_ = w;
    tex_h_ = h;
    valid_ = false;
}

bool MapImageCache::same_setting(const Camera& cam, const FramebufferInfo& fb, std::uint64_t key) const {
    return seen_ && key == key_ && cam.ppm == cam_.ppm && cam.vw == cam_.vw && cam.vh == cam_.vh && fb.scale == fb_.scale;
}

void MapImageCache::draw(const Camera& cam, const FramebufferInfo& fb, std::uint64_t key, const DrawLayers& draw_layers) {
    const ViewportPx v = viewport_px(cam, fb);
    const bool same = same_setting(cam, fb, key);
    if (!same) {
        // The scale or the content is changing: draw straight; keep an image once it holds still.
        valid_ = false;
        seen_ = true;
        cam_ = cam;
        fb_ = fb;
        key_ = key;
        last_ = Last::Drawn;
        draw_layers(cam, fb);
        return;
    }
    // The shift from the image's centre, in framebuffer pixels (x right, y up).
    double dx = (cam.cx - cam_.cx) * cam.ppm * fb.scale, dy = (cam.cy - cam_.cy) * cam.ppm * fb.scale;
    const bool whole_pixels = std::abs(dx - std::round(dx)) < 1e-3 && std::abs(dy - std::round(dy)) < 1e-3;
    if (!valid_ || !whole_pixels || std::abs(dx) > margin_ || std::abs(dy) > margin_) {
        ensure_target(v.w + 2 * margin_, v.h + 2 * margin_);
        GLint bound = 0;
        glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &bound);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
        Camera big = cam;
        big.vx = big.vy = 0;
        big.vw = tex_w_ / fb.scale;
        big.vh = tex_h_ / fb.scale;
        draw_layers(big, FramebufferInfo{tex_w_, tex_h_, fb.scale});
        glBindFramebuffer(GL_FRAMEBUFFER, GLuint(bound));
        glViewport(0, 0, fb.width, fb.height);
        cam_ = cam;
        valid_ = true;
        dx = dy = 0;
        last_ = Last::Kept;
    } else {
        last_ = Last::Shifted;
    }
    const GLint sx = margin_ + GLint(std::lround(dx)), sy = margin_ + GLint(std::lround(dy));
    glDisable(GL_SCISSOR_TEST);  // the copy obeys the scissor
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_);
    glBlitFramebuffer(sx, sy, sx + v.w, sy + v.h, v.x, v.y, v.x + v.w, v.y + v.h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    GLint bound = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &bound);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, GLuint(bound));
}

}  // namespace pc::gui
