#pragma once
// An OpenGL 3.3 core context without a window system: EGL on Mesa's surfaceless platform (no X,
// no Wayland, no DISPLAY), falling back to the default EGL display. Made current on construction;
// throws std::runtime_error naming the failing EGL call.
#include <string>

namespace pc::gui {

class OffscreenContext {
public:
    OffscreenContext();
    ~OffscreenContext();
    OffscreenContext(const OffscreenContext&) = delete;
    OffscreenContext& operator=(const OffscreenContext&) = delete;

    // "llvmpipe (LLVM 15.0.6, 256 bits)", "4.5 (Core Profile) Mesa 22.3.6".
    std::string renderer() const;
    std::string version() const;
    // Largest framebuffer side the driver renders in one piece (max_framebuffer_side() below).
    int max_framebuffer_side() const;

private:
    void* display_ = nullptr;  // EGLDisplay
    void* context_ = nullptr;  // EGLContext
};

// Of the current context: the largest framebuffer side it renders in one piece (renderbuffer,
// texture and viewport limits).
int max_framebuffer_side();

// An RGBA8 framebuffer object of a given size (with a multisampled colour buffer resolved on
// read), bound for drawing while it lives.
class OffscreenFramebuffer {
public:
    OffscreenFramebuffer(int width, int height, int samples = 4);
    ~OffscreenFramebuffer();
    OffscreenFramebuffer(const OffscreenFramebuffer&) = delete;
    OffscreenFramebuffer& operator=(const OffscreenFramebuffer&) = delete;

    void bind() const;
    // Pixels of the framebuffer, RGBA, top row first, opaque.
    void read(unsigned char* out_rgba) const;
    int width() const { return width_; }
    int height() const { return height_; }

private:
    int width_, height_, samples_;
    unsigned fbo_ = 0, colour_ = 0;           // multisampled (or plain when samples_ == 0)
    unsigned resolve_fbo_ = 0, resolve_ = 0;  // single-sample copy for reading
};

}  // namespace pc::gui
