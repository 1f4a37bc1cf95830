#include "frame_bench.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <vector>

#include "app.h"

namespace pc::gui {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// Frame times of one run: the mean, the 95th percentile and the worst.
struct FrameTimes {
    std::vector<double> ms;
    double cpu_ms = 0;  // process CPU per frame, all threads (llvmpipe's rasteriser threads included)
    int whole = 0;           // frames drawn whole (not only the map and the panels that changed)
    double redrawn_px = 0;   // pixels of panels drawn again, all frames
    int map_shifted = 0;     // frames whose map was the kept image, shifted

    double mean() const {
        double s = 0;
        for (double m : ms) s += m;
        return ms.empty() ? 0 : s / double(ms.size());
    }
    double percentile(double q) const {
        if (ms.empty()) return 0;
        std::vector<double> s = ms;
        std::sort(s.begin(), s.end());
        return s[std::min(s.size() - 1, std::size_t(q * double(s.size())))];
    }
    void print(const char* what) const {
        std::printf("%s: %zu frames, mean %.2f ms, p95 %.2f ms, worst %.2f ms, cpu %.2f ms a frame; %d drawn whole, "
                    "%.0f panel px a frame drawn again, map image shifted in %d\n",
                    what, ms.size(), mean(), percentile(0.95), percentile(1.0), cpu_ms, whole,
                    ms.empty() ? 0.0 : redrawn_px / double(ms.size()), map_shifted);
    }
};

// `n` frames of the scripted input `step` gives for frame i; each timed from its start to the end of
// its buffer swap, so presenting the frame (a 6 MB copy to the X server under llvmpipe) is counted.
template <typename Step>
FrameTimes run_frames(App& app, CanvasInput& in, int n, Step step) {
    FrameTimes t;
    const std::clock_t cpu0 = std::clock();
    for (int i = 0; i < n; ++i) {
        step(i);
        const auto start = Clock::now();
        app.frame(&in);
        t.ms.push_back(ms_since(start));
        t.whole += app.retained_frame().last_whole() ? 1 : 0;
        if (!app.retained_frame().last_whole()) t.redrawn_px += app.retained_frame().last_redrawn_px();
        const MapImageCache* cache = app.map().image_cache();
        t.map_shifted += cache && cache->last() == MapImageCache::Last::Shifted;
    }
    t.cpu_ms = 1000.0 * double(std::clock() - cpu0) / CLOCKS_PER_SEC / n;
    return t;
}

}  // namespace

int run_frame_bench(App& app, bool bare_layer) {
    if (bare_layer)  // no coverage to colour it by
        for (auto l : {LayerId::Choropleth, LayerId::ServiceArea}) app.map().styles[std::size_t(l)].visible = false;
    // Reading, the levels of detail and the figures run in the background while frames are drawn:
    // the time until the first map shows, and until everything has settled.
    auto t0 = Clock::now();
    std::clock_t c0 = std::clock();
    FrameTimes loading;
    while (app.loading() || app.map().level_cells().empty()) {
        const auto f = Clock::now();
        app.frame();
        loading.ms.push_back(ms_since(f));
        if (ms_since(t0) > 120000) break;
    }
    const double first_map = ms_since(t0);
    std::printf("load: read %.0f ms (in the background), first map after %.0f ms (cpu, all threads: %.0f ms)\n", app.load_ms(),
                first_map, 1000.0 * double(std::clock() - c0) / CLOCKS_PER_SEC);
    loading.print("frames while loading");
    auto t1 = Clock::now();
    app.settle();
    std::printf("finer levels and figures (background) ready %.0f ms after the first map\n", ms_since(t1));
    for (int i = 0; i < 2; ++i) app.frame();

    CanvasInput in;
    const Camera& cam = app.map().camera;
    in.x = cam.vx + cam.vw / 2;
    in.y = cam.vy + cam.vh / 2;
    in.over_map = true;
    // The whole district: drag-pan 20 frames, then a zoom in and out by the wheel, repeated.
    auto pan_and_zoom = [&](int i) {
        in.right_down = i % 40 < 20;
        in.x += in.right_down ? 3 : 0;
        in.wheel = i % 40 == 30 ? 1 : i % 40 == 35 ? -1 : 0;
    };
    // The peer in the same run: every frame drawn whole, as before panels and the map image were kept
    // (what a GPU driver that flips buffers gets, too). Blocks of 40 frames (one pan and zoom cycle)
    // alternate between the two, so a busy spell of the machine hits both alike.
    FrameTimes kept, whole;
    for (int block = 0; block < 10; ++block) {
        app.keep_unchanged = block % 2 == 0;
        FrameTimes t = run_frames(app, in, 40, pan_and_zoom);
        FrameTimes& into = app.keep_unchanged ? kept : whole;
        into.ms.insert(into.ms.end(), t.ms.begin(), t.ms.end());
        into.cpu_ms += t.cpu_ms / 5;
        into.whole += t.whole;
        into.redrawn_px += t.redrawn_px;
        into.map_shifted += t.map_shifted;
    }
    app.keep_unchanged = true;
    kept.print("whole district, pan and zoom");
    whole.print("the same, every frame drawn whole");
    std::printf("keeping what did not change: %.2fx faster (mean), %.2fx less cpu a frame\n", whole.mean() / kept.mean(),
                whole.cpu_ms / kept.cpu_ms);

    // Zoomed in (x9 and x56 around the centre): finer levels and culling.
    int zoom_notches = 0;
    for (int notches : {10, 8}) {
        zoom_notches += notches;
        in.wheel = notches;
        in.right_down = false;
        app.frame(&in);
        in.wheel = 0;
        FrameTimes z = run_frames(app, in, 100, [&](int i) {
            in.right_down = true;
            in.x += i % 50 < 25 ? 4 : -4;
        });
        char what[96];
        std::snprintf(what, sizeof what, "zoomed x%.0f (level cell %.0f m), pan", std::pow(1.25, zoom_notches),
                      app.map().level_cells().empty() ? 0.0 : app.map().level_cells()[app.map().drawn_level]);
        z.print(what);
    }

    // Where the time goes: each part waited for (glFinish), so these add up to more than a frame.
    in.wheel = -zoom_notches;
    app.frame(&in);
    in.wheel = 0;
    app.measure_parts = true;
    double ui = 0, map = 0, imgui = 0, swap = 0;
    const int n = 60;
    run_frames(app, in, n, [&](int i) {
        pan_and_zoom(i);
        if (i > 0) ui += app.last_ui_ms, map += app.last_map_ms, imgui += app.last_imgui_ms, swap += app.last_swap_ms;
    });
    std::printf("parts of a whole-district frame, each to glFinish: ui+input %.2f, map %.2f, imgui %.2f, swap %.2f ms\n",
                ui / (n - 1), map / (n - 1), imgui / (n - 1), swap / (n - 1));
    app.measure_parts = false;
    return 0;
}

}  // namespace pc::gui
