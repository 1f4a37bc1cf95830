#pragma once
// Keys pressed since the last frame, as GLFW reported them. A tap shorter than a frame (a clicker's
// 20 ms) is pressed and released between two frames, so ImGui's key state never sees it down; the
// slides step on these presses too.
#include <vector>

struct GLFWwindow;

namespace pc::gui {

// Installs the key callback; call before ImGui's GLFW backend installs its own (which chains to it).
void record_key_presses(GLFWwindow* window);
// The presses since the last call (GLFW key codes, in order).
std::vector<int> take_key_presses();

}  // namespace pc::gui
