// XTEST pointer input for the window tests (see x_pointer.h). No test cases here.
#include "x_pointer.h"

#include <GLFW/glfw3.h>
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include <stdexcept>

// From GLFW's native access (glfw3native.h, whose X11 part wants the Xrandr headers too): the
// application's own X connection, so the fake events are ordered with its event queue.
extern "C" Display* glfwGetX11Display(void);

namespace pc::gui::testing {

bool XPointer::available() {
    Display* d = glfwGetX11Display();
    int ev = 0, err = 0, major = 0, minor = 0;
    return d && XTestQueryExtension(d, &ev, &err, &major, &minor);
}

void XPointer::move(double x, double y, int frames) {
    int wx = 0, wy = 0;
    glfwGetWindowPos(glfwGetCurrentContext(), &wx, &wy);
    Display* d = glfwGetX11Display();
    XTestFakeMotionEvent(d, -1, wx + int(x), wy + int(y), CurrentTime);
    XSync(d, False);
    for (int i = 0; i < frames; ++i) app_.frame();
}

void XPointer::click(double x, double y) {
    move(x, y, 2);
    button(true);
    app_.frame();
    button(false);
    app_.frame();
    app_.frame();
}

void XPointer::key(unsigned long keysym, int held_frames) {
    Display* d = glfwGetX11Display();
    const KeyCode code = XKeysymToKeycode(d, KeySym(keysym));
    XTestFakeKeyEvent(d, code, True, CurrentTime);
    XSync(d, False);
    for (int i = 0; i < held_frames; ++i) app_.frame();
    XTestFakeKeyEvent(d, code, False, CurrentTime);
    XSync(d, False);
    app_.frame();
}

void XPointer::hold(unsigned long keysym, bool down) {
    Display* d = glfwGetX11Display();
    XTestFakeKeyEvent(d, XKeysymToKeycode(d, KeySym(keysym)), down ? True : False, CurrentTime);
    XSync(d, False);
}

void XPointer::type(const std::string& text) {
    for (char c : text) {
        KeySym k = NoSymbol;
        switch (c) {
            case ' ': k = XK_space; break;
            case '.': k = XK_period; break;
            case ',': k = XK_comma; break;
            case '-': k = XK_minus; break;
            default: k = XStringToKeysym(std::string(1, c).c_str()); break;
        }
        if (k == NoSymbol) throw std::invalid_argument(std::string("XPointer::type: no key for '") + c + "'");
        key(k);
    }
}

void XPointer::button(bool down) {
    Display* d = glfwGetX11Display();
    XTestFakeButtonEvent(d, 1, down ? True : False, CurrentTime);
    XSync(d, False);
}

std::string swap_x_resources(const std::string& resources) {
    Display* d = XOpenDisplay(nullptr);
    if (!d) throw std::runtime_error("cannot open the X display");
    const Window root = DefaultRootWindow(d);
    std::string old;
    Atom type = 0;
    int format = 0;
    unsigned long n = 0, after = 0;
    unsigned char* data = nullptr;
    if (XGetWindowProperty(d, root, XA_RESOURCE_MANAGER, 0, 1 << 20, False, XA_STRING, &type, &format, &n, &after, &data) == Success &&
        data) {
        old.assign(reinterpret_cast<const char*>(data), n);
        XFree(data);
    }
    if (resources.empty())
        XDeleteProperty(d, root, XA_RESOURCE_MANAGER);
    else
        XChangeProperty(d, root, XA_RESOURCE_MANAGER, XA_STRING, 8, PropModeReplace,
                        reinterpret_cast<const unsigned char*>(resources.data()), int(resources.size()));
    XSync(d, False);
    XCloseDisplay(d);
    return old;
}

}  // namespace pc::gui::testing
