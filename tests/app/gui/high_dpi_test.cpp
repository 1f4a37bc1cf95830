// High-DPI screens: `petacerdas-gui --screenshot` run with the X server's Xft.dpi at 96 and at 192 (set
// as xrdb does, in the root window's RESOURCE_MANAGER, which GLFW reads when it starts), and with
// --ui-scale 2 / PC_UI_SCALE=2 at 96 dpi. The PNGs are read back through GDAL: at 192 dpi the window,
// the menu bar, its text and the district's outline are twice as large as at 96 dpi.
#include <catch2/catch.hpp>

#include <gdal_priv.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "app.h"
#include "window_test.h"
#include "x_pointer.h"

namespace fs = std::filesystem;
using pc::gui::test::display_available;

namespace {

struct Image {
    int w = 0, h = 0;
    std::vector<std::uint8_t> rgb;  // 3 bytes a pixel, top row first
    int lum(int x, int y) const {
        const std::uint8_t* p = &rgb[(std::size_t(y) * std::size_t(w) + std::size_t(x)) * 3];
        return (299 * p[0] + 587 * p[1] + 114 * p[2]) / 1000;
    }
    bool is(int x, int y, std::uint32_t rgba, int tol) const {
        const std::uint8_t* p = &rgb[(std::size_t(y) * std::size_t(w) + std::size_t(x)) * 3];
        return std::abs(p[0] - int(rgba >> 24)) <= tol && std::abs(p[1] - int((rgba >> 16) & 0xff)) <= tol &&
               std::abs(p[2] - int((rgba >> 8) & 0xff)) <= tol;
    }
};

Image read_png(const std::string& path) {
    GDALAllRegister();
    Image im;
    GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(path.c_str(), GA_ReadOnly));
    REQUIRE(ds != nullptr);
    im.w = ds->GetRasterXSize();
    im.h = ds->GetRasterYSize();
    REQUIRE(ds->GetRasterCount() >= 3);
    im.rgb.resize(std::size_t(im.w) * std::size_t(im.h) * 3);
    int bands[] = {1, 2, 3};
    CHECK(ds->RasterIO(GF_Read, 0, 0, im.w, im.h, im.rgb.data(), im.w, im.h, GDT_Byte, 3, bands, 3, 3 * im.w, 1) == CE_None);
    GDALClose(ds);
    return im;
}

// Runs petacerdas-gui --screenshot with `args` (and `env` before it); the PNG it wrote.
Image screenshot(const std::string& env, const std::string& args, const std::string& png) {
    const std::string cmd = env + " '" + std::string(PC_PETACERDAS_GUI) + "' " + args + " --screenshot '" + png + "' > /dev/null 2>&1";
    INFO(cmd);
    REQUIRE(std::system(cmd.c_str()) == 0);
    return read_png(png);
}

struct Measures {
    int menu_bar = 0;      // rows of the menu bar's colour from the top
    int menu_text = 0;     // rows holding glyphs of the first menu title ("Berkas")
    int outline = 0;       // dark pixels across the district outline on the middle row (needs a wide map)
};

Measures measure(const Image& im) {
    Measures m;
    // The menu bar: its colour at 45 % of the width (between the menus and the title), downwards.
    const int mx = im.w * 45 / 100;
    const std::uint8_t* top = &im.rgb[(std::size_t(1) * std::size_t(im.w) + std::size_t(mx)) * 3];
    const std::uint32_t bar = (std::uint32_t(top[0]) << 24) | (std::uint32_t(top[1]) << 16) | (std::uint32_t(top[2]) << 8) | 0xff;
    int y = 1;
    while (y < im.h && im.is(mx, y, bar, 3)) ++y;
    m.menu_bar = y;
    // Glyph rows of the first menu title: dark pixels in the bar's first 5 % of the width.
    int first = -1, last = -1;
    for (int yy = 0; yy < m.menu_bar; ++yy)
        for (int x = 0; x < im.w / 20; ++x)
            if (im.lum(x, yy) < 110) {
                if (first < 0) first = yy;
                last = yy;
                break;
            }
    m.menu_text = first < 0 ? 0 : last - first + 1;
    // The district outline: on the middle row of the window, after the sea (map background), the first
    // run of dark pixels.
    const int row = im.h / 2;
    bool sea = false;
    for (int x = 0; x < im.w; ++x) {
        if (im.is(x, row, 0xdfe9f2ff, 4)) {
            sea = true;
            continue;
        }
        if (sea && im.lum(x, row) < 100) {
            while (x < im.w && im.lum(x, row) < 100) {
                ++m.outline;
                ++x;
            }
            break;
        }
    }
    return m;
}

}  // namespace

TEST_CASE("gui: high-DPI: Xft.dpi 192 or --ui-scale 2 doubles the window, the menu bar, text and map lines", "[gui][window][hidpi]") {
    if (!display_available()) return;
    const fs::path dir = fs::temp_directory_path() / ("pc_gui_hidpi_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string env = "PC_DEMO_PROJECT='" + (dir / "demo.gpkg").string() + "'";
    const fs::path shots = PC_SCREENSHOT_DIR;
    fs::create_directories(shots);

    const std::string saved = pc::gui::testing::swap_x_resources("Xft.dpi:\t96\n");
    const Image at96 = screenshot(env, "--size 800x500", (shots / "hidpi_96.png").string());
    pc::gui::testing::swap_x_resources("Xft.dpi:\t192\n");
    const Image at192 = screenshot(env, "--size 800x500", (shots / "hidpi_192.png").string());
    pc::gui::testing::swap_x_resources("Xft.dpi:\t96\n");
    // The user's override at 96 dpi, by option and by environment (a window as large as at 192).
    const Image by_option = screenshot(env, "--size 1600x1000 --ui-scale 2", (dir / "option.png").string());
    const Image by_env = screenshot(env + " PC_UI_SCALE=2", "--size 1600x1000", (dir / "env.png").string());
    pc::gui::testing::swap_x_resources(saved);

    // GLFW scales the window to the monitor: 800x500 at 192 dpi is 1600x1000 pixels.
    CHECK(at96.w == 800);
    CHECK(at96.h == 500);
    CHECK(at192.w == 1600);
    CHECK(at192.h == 1000);

    const Measures a = measure(at96), b = measure(at192), o = measure(by_option), e = measure(by_env);
    INFO("96 dpi: menu bar " << a.menu_bar << " px, text " << a.menu_text << " px");
    INFO("192 dpi: menu bar " << b.menu_bar << " px, text " << b.menu_text << " px");
    INFO("--ui-scale 2: menu bar " << o.menu_bar << ", text " << o.menu_text << "; PC_UI_SCALE=2: " << e.menu_bar << ", "
                                   << e.menu_text);
    REQUIRE(a.menu_bar > 10);
    REQUIRE(a.menu_text > 5);
    CHECK(std::abs(b.menu_bar - 2 * a.menu_bar) <= 2);
    CHECK(std::abs(b.menu_text - 2 * a.menu_text) <= 2);
    // The override draws as 192 dpi does.
    for (const Measures* m : {&o, &e}) {
        CHECK(std::abs(m->menu_bar - b.menu_bar) <= 1);
        CHECK(std::abs(m->menu_text - b.menu_text) <= 1);
    }
    fs::remove_all(dir);
}

TEST_CASE("gui: high-DPI: map lines twice as wide at ui scale 2", "[gui][window][hidpi]") {
    if (!display_available()) return;
    const fs::path dir = fs::temp_directory_path() / ("pc_gui_hidpi_lines_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    ::setenv("PC_DEMO_PROJECT", (dir / "demo.gpkg").c_str(), 1);
    // One window size and the same map viewport for both (side panels as at scale 1: the screen of
    // Xvfb is not large enough for a 192-dpi window of useful size), only the scale differs.
    auto outline_at = [&](float scale) {
        pc::gui::AppOptions o;
        o.ui_scale = scale;
        pc::gui::App app(o);
        REQUIRE(app.settle());  // read in the background, drawn, figures computed
        app.ui().left_width = 300;
        app.ui().right_width = 430;
        for (int i = 0; i < 2; ++i) app.frame();
        app.map().zoom_to_district();
        app.request_capture();
        app.frame();
        Image im;
        im.w = app.captured_width();
        im.h = app.captured_height();
        for (std::size_t i = 0; i < app.captured().size(); i += 4)
            im.rgb.insert(im.rgb.end(), app.captured().begin() + long(i), app.captured().begin() + long(i) + 3);
        CHECK(app.ui_scale() == Approx(scale));
        return measure(im).outline;
    };
    const int one = outline_at(1), two = outline_at(2);
    INFO("district outline across the middle row: " << one << " px at scale 1, " << two << " px at scale 2");
    REQUIRE(one >= 2);
    CHECK(double(two) / double(one) >= 1.6);
    CHECK(double(two) / double(one) <= 2.6);
    fs::remove_all(dir);
}
