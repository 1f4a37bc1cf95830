#include "key_presses.h"

#include <GLFW/glfw3.h>

#include <utility>

namespace pc::gui {
namespace {

std::vector<int> g_presses;  // GLFW calls back on the thread that polls events: the frame thread

void on_key(GLFWwindow*, int key, int, int action, int) {
    if (action == GLFW_PRESS) g_presses.push_back(key);
}

}  // namespace

void record_key_presses(GLFWwindow* window) { glfwSetKeyCallback(window, on_key); }

std::vector<int> take_key_presses() { return std::exchange(g_presses, {}); }

}  // namespace pc::gui
