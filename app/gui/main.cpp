// petacerdas-gui: the map application. With no argument it opens the demo district (written on first
// use); --screenshot renders a few frames, writes a PNG and exits (for tests and documentation).
#include <algorithm>
#include <cmath>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <string>

#include "app.h"

namespace {

void usage() {
    std::puts(
        "Usage: petacerdas-gui [PROJECT.gpkg] [options]\n"
        "  PROJECT.gpkg        project to open (default: the demo district, written to\n"
        "                      ~/.local/share/petacerdas/demo.gpkg on first use)\n"
        "  --english           start in English (default Bahasa Indonesia)\n"
        "  --size WxH          window size (default 1600x1000)\n"
        "  --screenshot FILE   render, write the frame to FILE (PNG) and exit\n"
        "  --import-desa FILE  open a new project whose desa come from FILE (any OGR source)\n"
        "  --bench             pan and zoom for 200 frames, print load and frame times and exit\n"
        "  --help              this text");
}

}  // namespace

int main(int argc, char** argv) {
    pc::gui::AppOptions options;
    std::string screenshot;
    bool bench = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            usage();
            return 0;
        } else if (a == "--english") {
            options.english = true;
        } else if (a == "--size" && i + 1 < argc) {
            if (std::sscanf(argv[++i], "%dx%d", &options.width, &options.height) != 2) {
                std::fprintf(stderr, "petacerdas-gui: --size wants WxH, e.g. 1600x1000\n");
                return 2;
            }
        } else if (a == "--screenshot" && i + 1 < argc) {
            screenshot = argv[++i];
        } else if (a == "--import-desa" && i + 1 < argc) {
            options.import_desa = argv[++i];
        } else if (a == "--bench") {
            bench = true;
        } else if (!a.empty() && a[0] == '-') {
            std::fprintf(stderr, "petacerdas-gui: unknown option '%s' (see --help)\n", a.c_str());
            return 2;
        } else {
            options.project_path = a;
        }
    }
    // Interactive sessions only: screenshots and benchmarks leave the recent-projects list alone.
    options.remember_recent = screenshot.empty() && !bench;
    try {
        pc::gui::App app(options);
        if (!screenshot.empty()) {
            for (int i = 0; i < 3; ++i) app.frame();
            app.request_capture();
            app.frame();
            if (!app.write_png(screenshot)) {
                std::fprintf(stderr, "petacerdas-gui: cannot write %s\n", screenshot.c_str());
                return 1;
            }
            std::printf("screenshot: %s\n", screenshot.c_str());
            return 0;
        }
        if (bench) {
            if (!options.import_desa.empty())  // a bare layer: no coverage to colour it by
                for (auto l : {pc::gui::LayerId::Choropleth, pc::gui::LayerId::ServiceArea})
                    app.map().styles[std::size_t(l)].visible = false;
            auto t0 = std::chrono::steady_clock::now();
            std::clock_t c0 = std::clock();
            app.frame();  // the first frame builds every GPU buffer (and the analysis, when shown)
            double first = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
            double first_cpu = 1000.0 * double(std::clock() - c0) / CLOCKS_PER_SEC;
            std::printf("load: open %.0f ms, first frame (buffers%s) %.0f ms (cpu, all threads: %.0f ms), buffers alone %.0f ms\n",
                        app.load_ms(), app.map().styles[0].visible ? " + analysis" : "", first, first_cpu, app.map().last_sync_ms);
            // A large layer's finer levels are built on a worker thread while the coarsest is already
            // shown; wait for them so the frames below are like those of a settled session.
            auto t1 = std::chrono::steady_clock::now();
            app.map().wait_for_detail();
            app.frame();
            std::printf("finer levels (background) ready %.0f ms after the first frame\n",
                        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t1).count());
            for (int i = 0; i < 2; ++i) app.frame();
            pc::gui::CanvasInput in;
            const auto& cam = app.map().camera;
            in.x = cam.vx + cam.vw / 2;
            in.y = cam.vy + cam.vh / 2;
            in.over_map = true;
            app.measure_parts = true;
            double total = 0, worst = 0, ui = 0, map = 0, imgui = 0;
            std::clock_t cpu0 = std::clock();
            const int n = 200;
            for (int i = 0; i < n; ++i) {
                in.right_down = i % 40 < 20;
                in.x += in.right_down ? 3 : 0;
                in.wheel = i % 40 == 30 ? 1 : i % 40 == 35 ? -1 : 0;
                app.frame(&in);
                total += app.last_frame_ms();
                ui += app.last_ui_ms;
                map += app.last_map_ms;
                imgui += app.last_imgui_ms;
                worst = std::max(worst, app.last_frame_ms());
            }
            double cpu_ms = 1000.0 * double(std::clock() - cpu0) / CLOCKS_PER_SEC / n;
            std::printf("cpu work per frame (all threads, incl. llvmpipe): %.2f ms\n", cpu_ms);
            std::printf("frames: %d  mean %.2f ms  worst %.2f ms  (ui+input %.2f, map %.2f, imgui %.2f)\n", n, total / n, worst,
                        ui / n, map / n, imgui / n);
            // Zoomed in (x9 and x60 around the centre): finer levels and culling, panning 100 frames each.
            int zoom_notches = 0;
            for (int notches : {10, 8}) {
                zoom_notches += notches;
                in.wheel = notches;
                in.right_down = false;
                app.frame(&in);
                in.wheel = 0;
                double ztotal = 0, zworst = 0;
                for (int i = 0; i < 100; ++i) {
                    in.right_down = true;
                    in.x += i % 50 < 25 ? 4 : -4;
                    app.frame(&in);
                    ztotal += app.last_frame_ms();
                    zworst = std::max(zworst, app.last_frame_ms());
                }
                std::printf("zoomed x%.0f (level cell %.0f m): 100 pan frames, mean %.2f ms, worst %.2f ms\n",
                            std::pow(1.25, zoom_notches),
                            app.map().level_cells().empty() ? 0.0 : app.map().level_cells()[app.map().drawn_level], ztotal / 100, zworst);
            }
            return 0;
        }
        return app.run();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "petacerdas-gui: %s\n", e.what());
        return 1;
    }
}
