// petacerdas-gui: the map application. With no argument it opens the demo district (written on first
// use); --screenshot renders a few frames, writes a PNG and exits (for tests and documentation).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "app.h"
#include "frame_bench.h"

namespace {

// The help in the application's language: Bahasa Indonesia, English with --english.
void usage(bool english) {
    if (english) {
        std::puts(
            "Usage: petacerdas-gui [PROJECT.gpkg] [options]\n"
            "  PROJECT.gpkg        project to open (default: the demo district, written to\n"
            "                      ~/.local/share/petacerdas/demo.gpkg on first use), or a district file of\n"
            "                      ../shared/data (kabkota, kecamatan, desa ...), opened as a new untitled project\n"
            "  --english           start in English (default Bahasa Indonesia)\n"
            "  --size WxH          window size (default 1600x1000)\n"
            "  --ui-scale S        size of text, panels and map symbols, e.g. 1.5 or 2 (default: the screen's\n"
            "                      DPI, Xft.dpi / 96 on X11; also from the environment variable PC_UI_SCALE)\n"
            "  --screenshot FILE   render, write the frame to FILE (PNG) and exit\n"
            "  --import-desa FILE  open a new project whose desa come from FILE (any OGR source)\n"
            "  --bench             pan and zoom by script, print load and frame times and exit\n"
            "  --help              this text");
        return;
    }
    std::puts(
        "Pemakaian: petacerdas-gui [PROYEK.gpkg] [opsi]\n"
        "  PROYEK.gpkg         proyek yang dibuka (bawaan: kabupaten demo, ditulis ke\n"
        "                      ~/.local/share/petacerdas/demo.gpkg saat pertama dipakai), atau berkas kabupaten dari\n"
        "                      ../shared/data (kabkota, kecamatan, desa ...), dibuka sebagai proyek baru tanpa nama\n"
        "  --english           mulai dalam bahasa Inggris (bawaan Bahasa Indonesia)\n"
        "  --size LxT          ukuran jendela (bawaan 1600x1000)\n"
        "  --ui-scale S        ukuran teks, panel dan simbol peta, mis. 1.5 atau 2 (bawaan: DPI layar,\n"
        "                      Xft.dpi / 96 di X11; juga dari variabel lingkungan PC_UI_SCALE)\n"
        "  --screenshot BERKAS gambar, tulis bingkai ke BERKAS (PNG) lalu keluar\n"
        "  --import-desa BERKAS buka proyek baru yang desanya dari BERKAS (sumber OGR apa pun)\n"
        "  --bench             geser dan perbesar menurut skrip, cetak waktu muat dan bingkai, lalu keluar\n"
        "  --help              teks ini");
}

// A scale factor for --ui-scale / PC_UI_SCALE: 0.5 to 4, else 0 (not understood).
float parse_ui_scale(const char* text) {
    char* end = nullptr;
    const float v = std::strtof(text, &end);
    return end != text && *end == '\0' && v >= 0.5f && v <= 4.0f ? v : 0.0f;
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
    // Interactive sessions only: screenshots and benchmarks leave the recent-projects list alone.
    options.remember_recent = screenshot.empty() && !bench;
    try {
        pc::gui::App app(options);
        if (!screenshot.empty()) {
            app.settle();  // read, drawn at every level, figures computed
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
