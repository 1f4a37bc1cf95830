#pragma once
// What the tests in a real window (Xvfb) share: whether there is a display, a fresh demo project of
// their own, where screenshots go, and key presses and flies driven frame by frame.
#include <catch2/catch.hpp>
#include <imgui.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "app.h"
#include "skip.h"

namespace pc::gui::test {

// False when there is no X display: the test case is skipped (tests/skip.h).
inline bool display_available() { return pc::test::have_display(); }

// The demo project the application opens, in a fresh folder of this test process (written by the
// application on first use); returns its path.
inline std::string use_fresh_demo(const std::string& tag) {
    const std::filesystem::path p =
        std::filesystem::temp_directory_path() / ("pc_gui_" + tag + "_" + std::to_string(::getpid())) / "demo.gpkg";
    std::filesystem::remove_all(p.parent_path());
    ::setenv("PC_DEMO_PROJECT", p.string().c_str(), 1);
    return p.string();
}

// The application on a fresh demo of its own, opened and settled.
inline std::unique_ptr<App> demo_app(const std::string& tag, AppOptions options = {}) {
    use_fresh_demo(tag);
    auto app = std::make_unique<App>(options);
    REQUIRE(app->settle());
    return app;
}

// Colours (0xRRGGBBAA) within `tol` in each of red, green and blue.
inline bool near(std::uint32_t a, std::uint32_t b, int tol = 8) {
    for (int shift : {24, 16, 8})
        if (std::abs(int((a >> shift) & 0xff) - int((b >> shift) & 0xff)) > tol) return false;
    return true;
}

// Any pixel of the last captured frame within `r` pixels of (x, y) near colour c.
inline bool colour_near(const App& app, double x, double y, std::uint32_t c, int r = 2, int tol = 8) {
    for (int dy = -r; dy <= r; ++dy)
        for (int dx = -r; dx <= r; ++dx)
            if (near(app.pixel(x + dx, y + dy), c, tol)) return true;
    return false;
}

inline std::string screenshot(const std::string& name) { return (std::filesystem::path(PC_SCREENSHOT_DIR) / name).string(); }

// A key press as the GLFW backend reports it: down for one frame, then up.
inline void press(App& app, int key) {
    ImGui::GetIO().KeysDown[key] = true;
    app.frame();
    ImGui::GetIO().KeysDown[key] = false;
    app.frame();
}

// The form a placed feature opens (panel_placement.cpp), confirmed with Enter as a planner would.
inline void confirm_placement(App& app) {
    if (!app.ui().placing_initiative && !app.ui().placing_facility) app.frame();  // the form opens the frame after the click
    REQUIRE((app.ui().placing_initiative || app.ui().placing_facility));
    press(app, 257 /* GLFW_KEY_ENTER */);
}

// Frames until the fly between views has landed; returns the seconds it took.
inline double land(App& app) {
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < 400 && app.workshop().flying(); ++i) {
        app.frame();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace pc::gui::test
