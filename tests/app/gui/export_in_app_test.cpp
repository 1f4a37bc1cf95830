// The application exporting a map image in its own OpenGL context (no second context): the image
// comes out whole, and the window goes on drawing with its ImGui context intact.
#include <catch2/catch.hpp>

#include <imgui.h>

#include <cstdlib>
#include <filesystem>

#include "app.h"
#include "offscreen/map_image.h"
#include "render/png.h"
#include "skip.h"

using namespace pc;
using namespace pc::gui;
namespace fs = std::filesystem;

TEST_CASE("gui: a map image exported from the running application", "[gui][window][export]") {
    if (!pc::test::have_display()) return;
    fs::path demo = fs::temp_directory_path() / ("pc_gui_export_" + std::to_string(::getpid())) / "demo.gpkg";
    fs::remove_all(demo.parent_path());
    ::setenv("PC_DEMO_PROJECT", demo.string().c_str(), 1);
    AppOptions o;
    o.visible = false;
    App app(o);
    REQUIRE(app.settle());  // read in the background, drawn, figures computed
    app.frame();
    ImGuiContext* ui = ImGui::GetCurrentContext();

    MapImageRenderer exporter(app.doc(), MapImageRenderer::UseCurrentContext{});
    MapImageRequest rq;
    rq.width = 1280;
    rq.height = 720;
    rq.title = "Ekspor";
    MapImage img = exporter.render(rq);
    REQUIRE(img.width == 1280);
    REQUIRE(img.height == 720);
    write_png_rgba((fs::path(PC_SCREENSHOT_DIR) / "export_in_app_1280x720.png").string(), img.width, img.height,
                   img.rgba.data());
    CHECK(ImGui::GetCurrentContext() == ui);
    // The legend's "no data" swatch is in the image (bottom-left quarter).
    std::size_t grey = 0;
    for (int y = 720 / 3; y < 720; ++y)
        for (int x = 0; x < 1280 / 3; ++x)
            if (img.pixel(x, y) == kNoDataColour) ++grey;
    CHECK(grey > 100);

    // The window draws on: its map centre is the map, not the clear colour of an unbound framebuffer.
    app.frame();
    app.request_capture();
    app.frame();
    const Camera& cam = app.map().camera;
    std::uint32_t centre = app.pixel(cam.vx + cam.vw / 2, cam.vy + cam.vh / 2);
    INFO(std::hex << centre);
    CHECK(centre != 0xd9d9d9ff);
    CHECK(centre != 0);
    fs::remove_all(demo.parent_path());
}
