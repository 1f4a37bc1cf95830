// What did not change kept between frames, in a real window under Xvfb: while the map pans it is the
// kept map image shifted (MapImageCache) and only the panels that changed are drawn (RetainedFrame),
// and the result is pixel for pixel the frame drawn whole; a back buffer that does not keep the last
// frame is noticed and the frame drawn whole.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "app.h"
#include "geo/doc/command.h"
#include "render/gl.h"
#include "window_test.h"

using namespace pc;
using namespace pc::gui;
using namespace pc::gui::test;
namespace fs = std::filesystem;

namespace {

std::vector<std::uint8_t> capture(App& app, CanvasInput& in) {
    app.request_capture();
    app.frame(&in);
    return app.captured();
}

// Pixels that differ between two captures of the window, leaving out the status bar (it shows the
// last frame's time, which differs from frame to frame).
std::size_t differing_pixels(App& app, const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b) {
    REQUIRE(a.size() == b.size());
    const int w = app.captured_width(), h = app.captured_height();
    const int rows = h - int(std::ceil(app.ui().status_height)) - 1;
    std::size_t n = 0;
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < w; ++x) {
            const std::size_t i = (std::size_t(y) * std::size_t(w) + std::size_t(x)) * 4;
            if (a[i] != b[i] || a[i + 1] != b[i + 1] || a[i + 2] != b[i + 2]) ++n;
        }
    return n;
}

// Pixels the kept map image may differ from the map drawn whole by: a point symbol's or a line's edge
// pixel that lies exactly on a pixel boundary can round either way, because the image is drawn with a
// wider viewport (its margin) than the window's map (seen: 3 or 4 isolated edge pixels of 830,000).
// A real difference (a layer, a label, a panel left stale) is hundreds or thousands of pixels.
constexpr std::size_t kEdgeRounding = 8;

}  // namespace

TEST_CASE("gui: panels kept between frames give the frame drawn whole, pixel for pixel", "[gui][window][retained]") {
    if (!display_available()) return;
    fs::path dir = fs::temp_directory_path() / ("pc_gui_retained_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    ::setenv("PC_DEMO_PROJECT", (dir / "demo.gpkg").string().c_str(), 1);
    App app(AppOptions{});
    REQUIRE(app.settle());  // read in the background, drawn, figures computed
    REQUIRE(app.keep_unchanged);
    CanvasInput in;
    const Camera& cam = app.map().camera;
    for (int i = 0; i < 3; ++i) app.frame(&in);
    in.over_map = true;
    in.x = cam.vx + cam.vw / 2;
    in.y = cam.vy + cam.vh / 2;
    app.frame(&in);  // the pointer arrives on the map before the button goes down

    // Pan by dragging: after the first frame only the map (and the status bar) is drawn again.
    int whole = 0, shifted = 0;
    double redrawn = 0;
    in.right_down = true;
    for (int i = 0; i < 12; ++i) {
        in.x += 5;
        app.frame(&in);
        whole += app.retained_frame().last_whole();
        redrawn += app.retained_frame().last_redrawn_px();
        REQUIRE(app.map().image_cache());
        shifted += app.map().image_cache()->last() == MapImageCache::Last::Shifted;
    }
    in.right_down = false;
    app.frame(&in);
    CHECK(whole <= 1);
    CHECK(shifted >= 10);  // the first pan frame draws the image with its margin, the rest copy it
    const AppOptions window;  // the size the application opened with
    const double window_px = double(window.width) * window.height;
    INFO("panel pixels drawn again per frame: " << redrawn / 12);
    CHECK(redrawn / 12 < 0.05 * window_px);

    const std::vector<std::uint8_t> kept = capture(app, in);
    REQUIRE_FALSE(app.retained_frame().last_whole());
    app.keep_unchanged = false;
    const std::vector<std::uint8_t> whole_frame = capture(app, in);
    REQUIRE(app.retained_frame().last_whole());
    app.keep_unchanged = true;
    CHECK(differing_pixels(app, kept, whole_frame) <= kEdgeRounding);

    // An edit changes the figures in the panels: those parts are drawn again, and the frame is still
    // the one drawn whole.
    Initiative i;
    i.id = new_uuid();
    i.name = "Menara baru";
    i.pillar = Pillar::Society;
    i.radius_m = 3000;
    const Coord at = app.map().to_lonlat(cam.vx + cam.vw * 0.3, cam.vy + cam.vh * 0.6);
    i.geometry = Geometry::point(at.x, at.y);
    app.doc().execute(add_initiative(i));
    REQUIRE(app.settle(300, &in));  // the figures are recomputed in the background
    for (int k = 0; k < 3; ++k) app.frame(&in);
    const std::vector<std::uint8_t> kept_after_edit = capture(app, in);
    CHECK_FALSE(app.retained_frame().last_whole());
    app.keep_unchanged = false;
    const std::vector<std::uint8_t> whole_after_edit = capture(app, in);
    app.keep_unchanged = true;
    CHECK(differing_pixels(app, kept_after_edit, whole_after_edit) <= kEdgeRounding);
    CHECK(differing_pixels(app, kept, kept_after_edit) > 100);  // the edit did show

    // A driver that does not keep the back buffer (a GPU flipping buffers): garbage in it is noticed
    // by the marker pixel and the frame is drawn whole, with none of the garbage left.
    app.frame(&in);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glClearColor(1, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    const std::vector<std::uint8_t> after_garbage = capture(app, in);
    CHECK(app.retained_frame().last_whole());
    std::size_t red = 0;
    for (std::size_t k = 0; k + 3 < after_garbage.size(); k += 4)
        red += after_garbage[k] == 255 && after_garbage[k + 1] == 0 && after_garbage[k + 2] == 0;
    CHECK(red == 0);
    CHECK(differing_pixels(app, after_garbage, whole_after_edit) <= kEdgeRounding);
    fs::remove_all(dir);
}
