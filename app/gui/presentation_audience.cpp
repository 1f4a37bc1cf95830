#include "presentation_audience.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "render/gl.h"
#include "render/read_pixels.h"

namespace pc::gui {

int audience_monitor(const std::vector<ScreenRect>& monitors, int centre_x, int centre_y) {
    if (monitors.size() < 2) return -1;
    for (std::size_t i = 0; i < monitors.size(); ++i)
        if (!monitors[i].contains(centre_x, centre_y)) return int(i);
    return -1;  // unreachable with two disjoint monitors; overlapping (cloned) ones give no second screen
}

void AudienceWindow::forward_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    auto* self = static_cast<AudienceWindow*>(glfwGetWindowUserPointer(window));
    if (!self || !self->main_imgui_) return;
    ImGuiContext* current = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(self->main_imgui_);
    ImGui_ImplGlfw_KeyCallback(self->main_window_, key, scancode, action, mods);
    ImGui::SetCurrentContext(current);
}

AudienceWindow::AudienceWindow(GLFWwindow* share, int monitor_index, int width, int height, bool visible) {
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    GLFWmonitor* monitor = monitor_index >= 0 && monitor_index < count ? monitors[monitor_index] : nullptr;
    if (monitor) {
        const GLFWvidmode* mode = glfwGetVideoMode(monitor);
        width = mode->width;
        height = mode->height;
    }
    glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
    // Full screen, GLFW would move the pointer into it (and with no window manager the keyboard
    // focus follows the pointer): the presenter's mouse and keys stay on the main window.
    glfwWindowHint(GLFW_FOCUSED, GLFW_FALSE);
    glfwWindowHint(GLFW_FOCUS_ON_SHOW, GLFW_FALSE);
    glfwWindowHint(GLFW_CENTER_CURSOR, GLFW_FALSE);
    window_ = glfwCreateWindow(width, height, "PetaCerdas", monitor, share);
    glfwWindowHint(GLFW_FOCUSED, GLFW_TRUE);
    glfwWindowHint(GLFW_FOCUS_ON_SHOW, GLFW_TRUE);
    glfwWindowHint(GLFW_CENTER_CURSOR, GLFW_TRUE);
    if (!window_) throw std::runtime_error("cannot create the audience window");
    main_window_ = share;
    glfwSetWindowUserPointer(window_, this);
    glfwSetKeyCallback(window_, forward_key);
    // One ImGui context per window; the font atlas (and its texture) is the main context's.
    ImGuiContext* main_ctx = ImGui::GetCurrentContext();
    main_imgui_ = main_ctx;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    main_font_texture_ = std::uintptr_t(atlas->TexID);
    imgui_ = ImGui::CreateContext(atlas);
    ImGui::SetCurrentContext(imgui_);
    ImGui::GetIO().IniFilename = nullptr;
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(0);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    glfwMakeContextCurrent(share);
    ImGui::SetCurrentContext(main_ctx);
}

AudienceWindow::~AudienceWindow() {
    GLFWwindow* main_window = glfwGetCurrentContext();
    ImGuiContext* main_ctx = ImGui::GetCurrentContext();
    if (fbo_) glDeleteFramebuffers(1, &fbo_);
    if (texture_) glDeleteTextures(1, &texture_);
    ImGui::SetCurrentContext(imgui_);
    glfwMakeContextCurrent(window_);
    ImGuiIO& io = ImGui::GetIO();
    ImFontAtlas* atlas = io.Fonts;
    ImGui_ImplOpenGL3_Shutdown();  // deletes the texture it made for the shared atlas
    ImGui::DestroyContext(imgui_);
    // The main context's own font texture (still alive) is the atlas's texture again.
    atlas->SetTexID(ImTextureID(main_font_texture_));
    glfwMakeContextCurrent(main_window);
    ImGui::SetCurrentContext(main_ctx);
    glfwDestroyWindow(window_);
}

void AudienceWindow::ensure_target(int w, int h) {
    if (fbo_ && w == target_w_ && h == target_h_) return;
    if (!fbo_) glGenFramebuffers(1, &fbo_);
    if (!texture_) glGenTextures(1, &texture_);
    glBindTexture(GL_TEXTURE_2D, texture_);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glBindTexture(GL_TEXTURE_2D, 0);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture_, 0);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) throw std::runtime_error("audience framebuffer incomplete");
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    target_w_ = w;
    target_h_ = h;
}

Camera AudienceWindow::camera_for(const Camera& main, int w, int h, float source_line_px) const {
    Camera c = main;
    c.vx = 0;
    c.vy = 0;
    c.vw = w;
    c.vh = std::max(50.0, double(h) - source_line_px);
    c.ppm = std::clamp(main.ppm * std::min(c.vw / main.vw, c.vh / main.vh), Camera::kMinPpm, Camera::kMaxPpm);
    return c;
}

void AudienceWindow::render(Workshop& ws, MapView& map, MapRenderer& renderer, GLFWwindow* main_window) {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    if (w <= 0 || h <= 0) return;
    const float s = std::max(0.5f, float(h) / 1080.0f);
    const Camera main_cam = map.camera;
    // Side by side: the baseline takes the left half here too (the plan map follows it).
    const bool halves = ws.scenario.mode == ScenarioMode::SideBySide && !ws.showing_dashboard();
    Camera cam = camera_for(main_cam, halves ? int(std::floor(w / 2.0)) : w, h, Workshop::kSourceLine * s);
    // A map slide that has landed: its extent in the part its title block and legend leave free.
    if (const View* v = ws.current_view(); v && v->kind == ViewKind::Map && !ws.flying() && !halves)
        cam = ws.slide_camera(cam, v->extent, v, s);

    // 1. The map into a texture, in the main context (its vertex arrays live there).
    ensure_target(w, h);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glViewport(0, 0, w, h);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(0.15f, 0.2f, 0.22f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    map.camera = cam;
    ws.draw_maps(renderer, FramebufferInfo{w, h, 1.0});
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glFlush();

    // 2. The audience window: that texture and the slide's overlay, with its own ImGui context.
    ImGuiContext* main_ctx = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(imgui_);
    glfwMakeContextCurrent(window_);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(w), float(h));
    io.DeltaTime = 1.0f / 60.0f;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    // GL textures start at the bottom row: flip.
    dl->AddImage(ImTextureID(std::uintptr_t(texture_)), ImVec2(0, 0), ImVec2(float(w), float(h)), ImVec2(0, 1), ImVec2(1, 0));
    ws.draw_overlay(dl, true);
    ImGui::Render();
    glViewport(0, 0, w, h);
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (capture_next_) {
        capture_next_ = false;
        pixel_w_ = w;
        pixel_h_ = h;
        glReadBuffer(GL_BACK);
        pixels_ = read_rgba_top_down(w, h);
    }
    glfwSwapBuffers(window_);
    glfwMakeContextCurrent(main_window);
    ImGui::SetCurrentContext(main_ctx);
    map.camera = main_cam;
}

}  // namespace pc::gui
