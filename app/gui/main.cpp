// petacerdas-gui: the map application. With no argument it opens the demo district (written on first
// use); --screenshot renders a few frames, writes a PNG and exits (for tests and documentation).
#include <cstdio>
#include <cstring>
#include <string>

#include "app.h"
#include "frame_bench.h"

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
        "  --bench             pan and zoom by script, print load and frame times and exit\n"
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
        if (bench) return pc::gui::run_frame_bench(app, !options.import_desa.empty());
        return app.run();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "petacerdas-gui: %s\n", e.what());
        return 1;
    }
}
