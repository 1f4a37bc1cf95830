#pragma once
// Presenter view: a second GLFW window for the audience (full screen on the second monitor, or a
// plain window when forced, e.g. under Xvfb with one screen) showing the clean slide, while the main
// window keeps the panels, the next slide and the notes. The windows share one GL context family:
// the map is drawn in the main context into a texture (vertex arrays are not shared between
// contexts, textures are), and a second ImGui context (sharing the font atlas) draws that texture
// and the slide's title block, legend and source line in the audience window.
#include <cstdint>
#include <vector>

#include "map_view.h"
#include "presentation.h"
#include "render/renderer.h"

struct GLFWwindow;
struct ImGuiContext;

namespace pc::gui {

// A monitor's rectangle on the virtual desktop (glfwGetMonitorPos and its video mode).
struct ScreenRect {
    int x = 0, y = 0, w = 0, h = 0;
    bool contains(int px, int py) const { return px >= x && py >= y && px < x + w && py < y + h; }
};

// The monitor for the audience: the first one that does not hold the centre of the presenter's
// window (that one keeps the panels); -1 with fewer than two monitors.
int audience_monitor(const std::vector<ScreenRect>& monitors, int centre_x, int centre_y);

class AudienceWindow {
public:
    // `share` is the main window (its context is current). On `monitor_index` >= 0 the window is full
    // screen on that monitor; otherwise windowed at width × height. It takes neither the keyboard
    // focus nor the pointer (the presenter keeps working in the main window), and keys that reach it
    // anyway (a clicker aimed at the projector's window) go to the main window's ImGui context.
    AudienceWindow(GLFWwindow* share, int monitor_index, int width, int height, bool visible);
    ~AudienceWindow();
    AudienceWindow(const AudienceWindow&) = delete;
    AudienceWindow& operator=(const AudienceWindow&) = delete;

    // Draws the slide into the audience window and shows it; returns with the main context current.
    void render(Workshop& workshop, MapView& map, MapRenderer& renderer, GLFWwindow* main_window);
    void request_capture() { capture_next_ = true; }
    const std::vector<std::uint8_t>& captured() const { return pixels_; }
    int captured_width() const { return pixel_w_; }
    int captured_height() const { return pixel_h_; }
    GLFWwindow* window() const { return window_; }
    // What GLFW calls for a key on this window: hands it to the main window's ImGui context.
    static void forward_key(GLFWwindow* window, int key, int scancode, int action, int mods);

private:
    // The main map's camera adapted to the audience viewport: same centre, the same part shown.
    Camera camera_for(const Camera& main, int w, int h, float source_line_px) const;
    void ensure_target(int w, int h);

    GLFWwindow* window_ = nullptr;
    GLFWwindow* main_window_ = nullptr;
    ImGuiContext* main_imgui_ = nullptr;
    ImGuiContext* imgui_ = nullptr;
    std::uintptr_t main_font_texture_ = 0;
    unsigned fbo_ = 0, texture_ = 0;
    int target_w_ = 0, target_h_ = 0;
    bool capture_next_ = false;
    std::vector<std::uint8_t> pixels_;
    int pixel_w_ = 0, pixel_h_ = 0;
};

}  // namespace pc::gui
