#pragma once
// Real pointer input for window tests: the X server's XTEST extension moves the pointer and presses
// its buttons, so events travel X -> GLFW -> the ImGui backend -> the panel code, as a user's do.
// Finding where an ImGui item is uses ImGui's own bookkeeping (imgui_internal.h): the item under the
// pointer after a frame (HoveredId) and window rectangles. (X headers stay in x_pointer.cpp: their
// macros, e.g. Status, clash with the model's names.)
#include <imgui.h>
#include <imgui_internal.h>

#include <optional>
#include <string>

#include "app.h"

namespace pc::gui::testing {

class XPointer {
public:
    explicit XPointer(App& app) : app_(app) {}

    // XTEST is in every Xvfb; false where the server lacks it.
    static bool available();
    // Moves the pointer to window coordinates (x, y) and runs `frames` frames.
    void move(double x, double y, int frames = 1);
    // Press in one frame, release in the next (ImGui buttons act on the release), then one more frame
    // for what the click changed to be drawn.
    void click(double x, double y);
    // The left button down or up where the pointer is; the caller runs the frames (to time them).
    void button(bool down);
    // A key (an X keysym: XK_Escape = 0xff1b, XK_Return = 0xff0d, XK_Home = 0xff50, XK_Delete = 0xffff)
    // pressed for `held_frames` frames and released, then one more frame.
    void key(unsigned long keysym, int held_frames = 1);
    // A key held down (true) or let go (false), with no frame run: Ctrl+click is hold, click, let go.
    void hold(unsigned long keysym, bool down);
    // Types ASCII text (lower-case letters, digits, space, '.', ',', '-') key by key, a frame each.
    void type(const std::string& text);

    // The item under the pointer in the last frame.
    static ImGuiID hovered() { return ImGui::GetCurrentContext()->HoveredId; }
    // The ID ImGui gives a label submitted at the top level of a window.
    static ImGuiID item_id(const ImGuiWindow* w, const char* label) { return ImHashStr(label, 0, w->ID); }
    static ImGuiWindow* window(const char* name) { return ImGui::FindWindowByName(name); }
    // A child window of `parent` whose name starts with parent's name + "/" + `prefix` (tables with
    // a scroll area are child windows named "<window>/<table id>_<hash>").
    static ImGuiWindow* child_window(const ImGuiWindow* parent, const std::string& prefix) {
        const std::string want = std::string(parent->Name) + "/" + prefix;
        for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
            if (std::string(w->Name).rfind(want, 0) == 0) return w;
        return nullptr;
    }

    // Walks the pointer down the column x from y0 to y1 in `step` pixels, a frame each, until the
    // item `id` is under it; its y, or nullopt.
    std::optional<double> find_item(ImGuiID id, double x, double y0, double y1, double step = 6) {
        for (double y = y0; y <= y1; y += step) {
            move(x, y);
            if (hovered() == id) return y;
        }
        return std::nullopt;
    }

private:
    App& app_;
};

// Replaces the X server's resource database (the root window's RESOURCE_MANAGER property, what xrdb
// writes; "" deletes it) and returns the one it had. GLFW reads Xft.dpi from it when it initialises,
// so an App made afterwards sees the new DPI.
std::string swap_x_resources(const std::string& resources);

}  // namespace pc::gui::testing
