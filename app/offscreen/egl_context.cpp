#include "offscreen/egl_context.h"

#include <EGL/egl.h>
#include <EGL/eglext.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "render/gl.h"
#include "render/read_pixels.h"

namespace pc::gui {
namespace {

[[noreturn]] void fail(const char* call) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "offscreen OpenGL: %s failed (EGL error 0x%04x); is Mesa's libegl-mesa0 installed?",
                  call, unsigned(eglGetError()));
    throw std::runtime_error(buf);
}

bool has_extension(const char* list, const char* name) {
    if (!list) return false;
    const std::size_t n = std::strlen(name);
    for (const char* p = list; (p = std::strstr(p, name)); p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return true;
    return false;
}

EGLDisplay open_display() {
    // Surfaceless first: it needs no X server and no GPU device node.
    const char* client = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
    if (has_extension(client, "EGL_MESA_platform_surfaceless")) {
        auto get_platform_display =
            reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(eglGetProcAddress("eglGetPlatformDisplayEXT"));
        if (get_platform_display) {
            EGLDisplay d = get_platform_display(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
            if (d != EGL_NO_DISPLAY && eglInitialize(d, nullptr, nullptr)) return d;
        }
    }
    EGLDisplay d = eglGetDisplay(EGL_DEFAULT_DISPLAY);
    if (d == EGL_NO_DISPLAY) fail("eglGetDisplay");
    if (!eglInitialize(d, nullptr, nullptr)) fail("eglInitialize");
    return d;
}

}  // namespace

OffscreenContext::OffscreenContext() {
    EGLDisplay d = open_display();
    display_ = d;
    if (!eglBindAPI(EGL_OPENGL_API)) fail("eglBindAPI(OpenGL)");
    const EGLint config_attrs[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8,
                                   EGL_BLUE_SIZE, 8, EGL_ALPHA_SIZE, 8, EGL_SURFACE_TYPE, 0, EGL_NONE};
    EGLConfig config = nullptr;
    EGLint n = 0;
    if (!eglChooseConfig(d, config_attrs, &config, 1, &n) || n == 0) fail("eglChooseConfig");
    const EGLint context_attrs[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
                                    EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
    EGLContext c = eglCreateContext(d, config, EGL_NO_CONTEXT, context_attrs);
    if (c == EGL_NO_CONTEXT) fail("eglCreateContext(OpenGL 3.3 core)");
    context_ = c;
    // No surface: everything is drawn into framebuffer objects (EGL_KHR_surfaceless_context).
    if (!eglMakeCurrent(d, EGL_NO_SURFACE, EGL_NO_SURFACE, c)) fail("eglMakeCurrent(no surface)");
}

OffscreenContext::~OffscreenContext() {
    auto d = static_cast<EGLDisplay>(display_);
    eglMakeCurrent(d, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    if (context_) eglDestroyContext(d, static_cast<EGLContext>(context_));
    eglTerminate(d);
    eglReleaseThread();
}

std::string OffscreenContext::renderer() const {
    auto s = glGetString(GL_RENDERER);
    return s ? reinterpret_cast<const char*>(s) : "";
}

std::string OffscreenContext::version() const {
    auto s = glGetString(GL_VERSION);
    return s ? reinterpret_cast<const char*>(s) : "";
}

int OffscreenContext::max_framebuffer_side() const { return gui::max_framebuffer_side(); }

int max_framebuffer_side() {
    GLint rb = 0, tex = 0, vp[2] = {0, 0};
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &rb);
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &tex);
    glGetIntegerv(GL_MAX_VIEWPORT_DIMS, vp);
    return std::min({rb, tex, vp[0], vp[1]});
}

OffscreenFramebuffer::OffscreenFramebuffer(int width, int height, int samples)
    : width_(width), height_(height), samples_(samples) {
    GLint max_samples = 0;
    glGetIntegerv(GL_MAX_SAMPLES, &max_samples);
    samples_ = std::min(samples_, int(max_samples));
    auto make = [&](GLuint& fbo, GLuint& rb, int s) {
        glGenFramebuffers(1, &fbo);
        glGenRenderbuffers(1, &rb);
        glBindRenderbuffer(GL_RENDERBUFFER, rb);
        if (s > 0) glRenderbufferStorageMultisample(GL_RENDERBUFFER, s, GL_RGBA8, width_, height_);
        else glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width_, height_);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb);
        if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
            throw std::runtime_error("offscreen OpenGL: framebuffer of " + std::to_string(width_) + "x" +
                                     std::to_string(height_) + " is incomplete (out of memory?)");
    };
    if (samples_ > 1) make(resolve_fbo_, resolve_, 0);
    else samples_ = 0;
    make(fbo_, colour_, samples_);
    bind();
}

OffscreenFramebuffer::~OffscreenFramebuffer() {
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    GLuint f[2] = {fbo_, resolve_fbo_}, r[2] = {colour_, resolve_};
    glDeleteFramebuffers(2, f);
    glDeleteRenderbuffers(2, r);
}

void OffscreenFramebuffer::bind() const {
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glViewport(0, 0, width_, height_);
}

void OffscreenFramebuffer::read(unsigned char* out) const {
    GLuint from = fbo_;
    if (samples_ > 0) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_);
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolve_fbo_);
        glBlitFramebuffer(0, 0, width_, height_, 0, 0, width_, height_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
        from = resolve_fbo_;
    }
    glBindFramebuffer(GL_READ_FRAMEBUFFER, from);
    read_rgba_top_down(width_, height_, out);
    bind();
}

}  // namespace pc::gui
