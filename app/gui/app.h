#pragma once
// The application: a GLFW window with an OpenGL 3.3 core context, Dear ImGui, one document and its
// map view. frame() runs one frame, so tests can drive it with scripted pointer input and read the
// pixels back.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "geo/doc/document.h"
#include "geo/doc/document_load.h"
#include "map_view.h"
#include "panels.h"
#include "panel_suggest.h"
#include "presentation.h"
#include "presentation_audience.h"
#include "render/renderer.h"
#include "retained_frame.h"

struct GLFWwindow;

namespace pc::gui {

struct AppOptions {
    std::string project_path;   // "" = the demo project (written on first use, see demo_project_path)
    int width = 1600, height = 1000;
    bool english = false;
    bool visible = true;
    // Instead of a project: a new, unsaved project whose desa come from this vector file (any OGR
    // source, e.g. a province's desa for benchmarks). Population is not required.
    std::string import_desa;
    // Keep the recent-projects list in the user's config dir (the application; tests leave it alone).
    bool remember_recent = false;
    // Seconds between autosaves of a document with unsaved changes.
    double autosave_interval_s = 120;
    // Presentation mode (F5) makes the window full screen on its monitor (off: keeps the window).
    bool fullscreen_presentation = true;
    // Presenter view: the slides on a second window (full screen on the second monitor) while this
    // window keeps its panels. Auto = when a second monitor exists; Force = always (a plain window
    // of audience_width × audience_height when there is one monitor: tests under Xvfb); Off = never.
    enum class PresenterView { Auto, Force, Off } presenter_view = PresenterView::Auto;
    int audience_width = 1280, audience_height = 720;
    // Size of text, widgets and map symbols: 0 = the screen's content scale (GLFW: Xft.dpi / 96 on
    // X11), else this (a projector, a screen whose DPI is not set); --ui-scale, PC_UI_SCALE.
    float ui_scale = 0;
};

// Where the demo project lives: $PC_DEMO_PROJECT, else $XDG_DATA_HOME or ~/.local/share
// /petacerdas/demo.gpkg; written from make_demo_project when missing.
std::string demo_project_path();
std::string ensure_demo_project();

class App {
public:
    explicit App(const AppOptions& options);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // Until the window closes (with the unsaved-changes guard).
    int run();
    // One frame; `scripted` replaces the real pointer on the map.
    void frame(const CanvasInput* scripted = nullptr);
    bool should_close() const;

    // The next frame() keeps its pixels (RGBA, top row first).
    void request_capture() { capture_next_ = true; }
    const std::vector<std::uint8_t>& captured() const { return pixels_; }
    int captured_width() const { return pixel_w_; }
    int captured_height() const { return pixel_h_; }
    bool write_png(const std::string& path) const;
    // Colour of the captured pixel at window coordinates (handles high-DPI scaling).
    std::uint32_t pixel(double x, double y) const;

    // The document shown (an empty one while the first project is still being read).
    Document& doc() { return *doc_; }
    // A project or district file being read in the background (the window shows its progress).
    const DocumentLoad* loading() const { return load_.get(); }
    // Frames until what was asked for has settled: the document is open, the map drawn at every level
    // of detail, the figures the map and the panels show are current (or failed), no background work
    // runs. For tests, screenshots and benchmarks; false when `timeout_s` passed first.
    // `scripted` as frame() takes it.
    bool settle(double timeout_s = 300, const CanvasInput* scripted = nullptr);
    MapView& map() { return *map_; }
    Workshop& workshop() { return *workshop_; }
    SuggestPanel& suggest() { return *suggest_; }
    // The audience window of the presenter view (nullptr when there is none).
    AudienceWindow* audience() { return audience_.get(); }
    UiState& ui() { return ui_; }
    // Starts reading `path` (a project or a district file) in the background; the document shown is
    // replaced when it is read (kept when reading fails or is cancelled).
    void open(const std::string& path);
    double last_frame_ms() const { return frame_ms_; }
    double load_ms() const { return load_ms_; }  // reading the document (in the background)
    float ui_scale() const { return ui_scale_; }
    // Parts of the last frame (ms): UI and input on the CPU, map drawing, ImGui drawing (each to glFinish).
    double last_ui_ms = 0, last_map_ms = 0, last_imgui_ms = 0, last_swap_ms = 0;
    bool measure_parts = false;  // glFinish between the parts (slower; for benchmarks)
    // Keep what did not change between frames: the panels' pixels (RetainedFrame) and the map's image
    // while it pans (MapImageCache). Off draws every frame whole (the benchmark's peer, tests).
    bool keep_unchanged = true;
    const RetainedFrame& retained_frame() const { return *retained_; }

private:
    void set_document(std::unique_ptr<Document> doc);
    enum class LoadKind { Open, ImportDesa, Recover };
    void start_load(std::string path, DocumentLoad::Make make, LoadKind kind);
    // Takes in a finished load (or its error); true when the document changed.
    void finish_load();
    // Reports what the document's background work finished (saves, autosaves).
    void take_notices();
    // Destroys on a thread of its own what may take long to stop or free (a document whose worker is
    // in the middle of an analysis, a cancelled load); joined when the application closes.
    void retire(std::shared_ptr<void> thing);
    // Offers to recover an autosave of the opened project newer than the project.
    void check_recovery();
    // After a frame: answers of the recovery modal, the recent-projects list.
    void after_frame();
    void remember(const std::string& path);
    CanvasInput input_from_imgui() const;
    void shortcuts();

    GLFWwindow* window_ = nullptr;
    std::unique_ptr<MapRenderer> renderer_;
    std::unique_ptr<RetainedFrame> retained_;
    std::unique_ptr<Document> doc_;
    std::unique_ptr<DocumentLoad> load_;
    LoadKind load_kind_ = LoadKind::Open;
    std::chrono::steady_clock::time_point load_started_{};
    std::vector<std::thread> retiring_;
    std::unique_ptr<MapView> map_;
    std::unique_ptr<Workshop> workshop_;
    std::unique_ptr<SuggestPanel> suggest_;  // site suggestion (its work runs on copies of the project)
    // Presentation mode fills the monitor; the windowed position and size to go back to.
    bool fullscreen_ = false;
    bool fullscreen_presentation_ = true;
    AppOptions::PresenterView presenter_view_ = AppOptions::PresenterView::Auto;
    int audience_w_ = 1280, audience_h_ = 720;
    bool audience_visible_ = true;
    std::unique_ptr<AudienceWindow> audience_;
    int windowed_[4] = {0, 0, 0, 0};
    void follow_presentation();
    UiState ui_;
    bool first_frame_ = true;
    bool capture_next_ = false;
    std::vector<std::uint8_t> pixels_;
    int pixel_w_ = 0, pixel_h_ = 0;
    double fb_scale_ = 1;
    float ui_scale_ = 1;
    double frame_ms_ = 0;
    double load_ms_ = 0;
    double last_x_ = -1, last_y_ = -1;
    bool remember_recent_ = false;
    double autosave_interval_s_ = 120;
    std::string recent_file_;
    std::string remembered_path_;  // the document path last put in the recent list
};

}  // namespace pc::gui
