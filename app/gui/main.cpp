// petacerdas-gui: the map application. With no argument it opens the demo district (written on first
// use); --screenshot renders a few frames, writes a PNG and exits (for tests and documentation).
#include <algorithm>
#include <cmath>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "app.h"
#include "geo/io/import.h"

namespace {

// The help in the application's language: Bahasa Indonesia, English with --english.
void usage(bool english) {
    if (english) {
        std::puts(
            "Usage: petacerdas-gui [PROJECT.gpkg] [options]\n"
            "  PROJECT.gpkg        project to open (default: the demo district, written to\n"
            "                      ~/.local/share/petacerdas/demo.gpkg on first use); a district file of\n"
            "                      ../shared/data becomes a project with: petacerdas load-district FILE --out PROJECT.gpkg\n"
            "  --english           start in English (default Bahasa Indonesia)\n"
            "  --size WxH          window size (default 1600x1000)\n"
            "  --ui-scale S        size of text, panels and map symbols, e.g. 1.5 or 2 (default: the screen's\n"
            "                      DPI, Xft.dpi / 96 on X11; also from the environment variable PC_UI_SCALE)\n"
            "  --screenshot FILE   render, write the frame to FILE (PNG) and exit\n"
            "  --import-desa FILE  open a new project whose desa come from FILE (any OGR source)\n"
            "  --bench             pan and zoom for 200 frames, print load and frame times and exit\n"
            "  --help              this text");
        return;
    }
    std::puts(
        "Pemakaian: petacerdas-gui [PROYEK.gpkg] [opsi]\n"
        "  PROYEK.gpkg         proyek yang dibuka (bawaan: kabupaten demo, ditulis ke\n"
        "                      ~/.local/share/petacerdas/demo.gpkg saat pertama dipakai); berkas kabupaten dari\n"
        "                      ../shared/data menjadi proyek dengan: petacerdas load-district BERKAS --out PROYEK.gpkg\n"
        "  --english           mulai dalam bahasa Inggris (bawaan Bahasa Indonesia)\n"
        "  --size LxT          ukuran jendela (bawaan 1600x1000)\n"
        "  --ui-scale S        ukuran teks, panel dan simbol peta, mis. 1.5 atau 2 (bawaan: DPI layar,\n"
        "                      Xft.dpi / 96 di X11; juga dari variabel lingkungan PC_UI_SCALE)\n"
        "  --screenshot BERKAS gambar, tulis bingkai ke BERKAS (PNG) lalu keluar\n"
        "  --import-desa BERKAS buka proyek baru yang desanya dari BERKAS (sumber OGR apa pun)\n"
        "  --bench             geser dan perbesar 200 bingkai, cetak waktu muat dan bingkai, lalu keluar\n"
        "  --help              teks ini");
}

// A scale factor for --ui-scale / PC_UI_SCALE: 0.5 to 4, else 0 (not understood).
float parse_ui_scale(const char* text) {
    char* end = nullptr;
    const float v = std::strtof(text, &end);
    return end != text && *end == '\0' && v >= 0.5f && v <= 4.0f ? v : 0.0f;
}

// A district GeoPackage of ../shared/data (kabkota, kecamatan, desa ...) is not a project: say how to
// make one instead of only "layer 'settings' missing".
bool is_district_file(const std::string& path) {
    try {
        bool settings = false, desa = false;
        for (const auto& l : pc::list_layers(path)) {
            settings |= l.name == "settings";
            desa |= l.name == "desa";
        }
        return desa && !settings;
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace

int main(int argc, char** argv) {
    pc::gui::AppOptions options;
    std::string screenshot;
    bool bench = false;
    for (int i = 1; i < argc; ++i) options.english |= std::strcmp(argv[i], "--english") == 0;
    if (const char* env = std::getenv("PC_UI_SCALE"); env && *env) {
        options.ui_scale = parse_ui_scale(env);
        if (options.ui_scale == 0) std::fprintf(stderr, "petacerdas-gui: PC_UI_SCALE='%s' ignored (a number from 0.5 to 4)\n", env);
    }
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            usage(options.english);
            return 0;
        } else if (a == "--english") {
            options.english = true;
        } else if (a == "--size" && i + 1 < argc) {
            if (std::sscanf(argv[++i], "%dx%d", &options.width, &options.height) != 2) {
                std::fprintf(stderr, "petacerdas-gui: --size wants WxH, e.g. 1600x1000\n");
                return 2;
            }
        } else if (a == "--ui-scale" && i + 1 < argc) {
            options.ui_scale = parse_ui_scale(argv[++i]);
            if (options.ui_scale == 0) {
                std::fprintf(stderr, "petacerdas-gui: --ui-scale wants a number from 0.5 to 4, e.g. 2\n");
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
    if (!options.project_path.empty() && is_district_file(options.project_path)) {
        std::fprintf(stderr,
                     "petacerdas-gui: %s is a district GeoPackage (kabkota, kecamatan, desa ...), not a project; make one with\n"
                     "  petacerdas load-district %s --out PROJECT.gpkg\n"
                     "and open PROJECT.gpkg\n",
                     options.project_path.c_str(), options.project_path.c_str());
        return 2;
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
