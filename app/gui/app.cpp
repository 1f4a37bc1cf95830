#include "app.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <utility>

#include "geo/demo/demo.h"
#include "geo/io/import.h"
#include "export_png.h"
#include "geo/io/project_file.h"
#include "key_presses.h"
#include "render/i18n.h"
#include "open_document.h"
#include "render/png.h"
#include "recent.h"
#include "render/gl.h"
#include "render/read_pixels.h"
#include "offscreen/imgui_canvas.h"

namespace pc::gui {
namespace fs = std::filesystem;

std::string demo_project_path() {
    if (const char* p = std::getenv("PC_DEMO_PROJECT"); p && *p) return p;
    fs::path base;
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) base = x;
    else if (const char* h = std::getenv("HOME"); h && *h) base = fs::path(h) / ".local" / "share";
    else base = fs::temp_directory_path();
    return (base / "petacerdas" / "demo.gpkg").string();
}

std::string ensure_demo_project() {
    std::string path = demo_project_path();
    if (!fs::exists(path)) {
        fs::create_directories(fs::path(path).parent_path());
        save_project(make_demo_project(), path);
    }
    return path;
}

namespace {

void glfw_error(int code, const char* msg) { std::fprintf(stderr, "GLFW error %d: %s\n", code, msg); }

void load_fonts(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    const ImWchar* ranges = text_glyph_ranges();
    const std::string regular = std::string(PC_FONT_DIR) + "/NotoSans-Regular.ttf";
    if (fs::exists(regular)) io.Fonts->AddFontFromFileTTF(regular.c_str(), 16.0f * scale, nullptr, ranges);
    else io.Fonts->AddFontDefault();
    io.FontGlobalScale = 1.0f;
}

void apply_style(float scale) {
    ImGui::StyleColorsLight();
    ImGuiStyle& s = ImGui::GetStyle();
    s.WindowRounding = 4;
    s.FrameRounding = 3;
    s.GrabRounding = 3;
    s.WindowBorderSize = 1;
    // Opaque: menus, dialogs and panels over the map must not let it show through.
    s.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1.0f);
    s.Colors[ImGuiCol_PopupBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    s.Colors[ImGuiCol_MenuBarBg] = ImVec4(0.86f, 0.86f, 0.86f, 1.0f);
    s.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.16f, 0.38f, 0.60f, 1.0f);
    s.Colors[ImGuiCol_TitleBg] = ImVec4(0.24f, 0.45f, 0.66f, 1.0f);
    s.ScaleAllSizes(scale);
}

}  // namespace

App::App(const AppOptions& options) {
    glfwSetErrorCallback(glfw_error);
    if (!glfwInit()) throw std::runtime_error("cannot initialise GLFW (is there a display? try xvfb-run)");
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, options.visible ? GLFW_TRUE : GLFW_FALSE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    window_ = glfwCreateWindow(options.width, options.height, "PetaCerdas", nullptr, nullptr);
    if (!window_) {
        glfwTerminate();
        throw std::runtime_error("cannot create an OpenGL 3.3 core window");
    }
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(options.visible ? 1 : 0);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed; nothing to remember
    float xs = 1, ys = 1;
    glfwGetWindowContentScale(window_, &xs, &ys);
    ui_scale_ = options.ui_scale > 0 ? options.ui_scale : std::max(1.0f, xs);
    const float ui_scale = ui_scale_;
    ui_.left_width *= ui_scale;  // the side panels hold text of that scale
    ui_.right_width *= ui_scale;
    apply_style(ui_scale);
    load_fonts(ui_scale);
    load_presentation_fonts(ui_scale);
    record_key_presses(window_);  // before ImGui's backend: it chains to this callback
    ImGui_ImplGlfw_InitForOpenGL(window_, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    renderer_ = std::make_unique<MapRenderer>();
    retained_ = std::make_unique<RetainedFrame>();

    set_language(options.english ? Language::English : Language::Indonesian);
    remember_recent_ = options.remember_recent;
    autosave_interval_s_ = options.autosave_interval_s;
    fullscreen_presentation_ = options.fullscreen_presentation;
    presenter_view_ = options.presenter_view;
    audience_w_ = options.audience_width;
    audience_h_ = options.audience_height;
    audience_visible_ = options.visible;
    if (remember_recent_) {
        recent_file_ = recent_file_path();
        ui_.recent = load_recent(recent_file_);
    }
    // An empty document until the project is read (in the background: a province takes seconds).
    set_document(std::make_unique<Document>(Project{}));
    if (!options.import_desa.empty()) {
        start_load(options.import_desa, read_desa_layer(options.import_desa), LoadKind::ImportDesa);
    } else {
        std::string path = options.project_path.empty() ? ensure_demo_project() : options.project_path;
        start_load(path, read_document(path), LoadKind::Open);
    }
}

App::~App() {
    load_.reset();
    suggest_.reset();
    audience_.reset();
    workshop_.reset();
    map_.reset();
    renderer_.reset();
    doc_.reset();
    for (auto& t : retiring_) t.join();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    if (window_) glfwDestroyWindow(window_);
    glfwTerminate();
}

void App::retire(std::shared_ptr<void> thing) {
    if (!thing) return;
    retiring_.emplace_back([t = std::move(thing)]() mutable { t.reset(); });
}

void App::set_document(std::unique_ptr<Document> doc) {
    audience_.reset();
    workshop_.reset();
    map_.reset();
    retire(std::shared_ptr<Document>(std::move(doc_)));
    doc_ = std::move(doc);
    map_ = std::make_unique<MapView>(*doc_);
    map_->ui_scale = ui_scale_;
    workshop_ = std::make_unique<Workshop>(*doc_, *map_);
    const bool suggest_shown = suggest_ && suggest_->show_panel;
    suggest_ = std::make_unique<SuggestPanel>();  // nothing of a suggestion for another project holds
    suggest_->show_panel = suggest_shown;
    first_frame_ = true;
    // The engine for what-if first (its worker builds it before the figures): placing and dragging
    // show their gain as soon as possible.
    if (!doc_->project().desa.empty()) doc_->request_engine();
    doc_->set_autosave_interval(autosave_interval_s_);
    // Untitled documents autosave beside the user's data (where the demo project lives).
    doc_->set_untitled_autosave_path((fs::path(demo_project_path()).parent_path() / "untitled.autosave.gpkg").string());
    ui_.search_hits_revision = 0;
    ui_.focused_unit.clear();
    glfwSetWindowTitle(window_, ("PetaCerdas — " + doc_->project().settings.name).c_str());
}

void App::start_load(std::string path, DocumentLoad::Make make, LoadKind kind) {
    if (load_) {  // the newer request wins
        load_->cancel();
        retire(std::shared_ptr<DocumentLoad>(std::move(load_)));
    }
    load_kind_ = kind;
    load_started_ = std::chrono::steady_clock::now();
    load_ = std::make_unique<DocumentLoad>(std::move(path), std::move(make));
}

void App::open(const std::string& path) { start_load(path, read_document(path), LoadKind::Open); }

void App::finish_load() {
    if (!load_ || !load_->done()) return;
    std::unique_ptr<DocumentLoad> load = std::move(load_);
    load_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - load_started_).count();
    try {
        std::unique_ptr<Document> doc = load->take();
        // A district file becomes an untitled project (a project file keeps its path).
        const bool from_district_file = load_kind_ == LoadKind::Open && doc->path().empty();
        set_document(std::move(doc));
        if (load_kind_ == LoadKind::Recover) {
            show_status(ui_, tr("Recovered from the autosave; save to keep the changes"));
        } else {
            show_status(ui_, std::string(tr(from_district_file ? "New project from district file" : "Open")) + ": " + load->path());
            check_recovery();
        }
    } catch (const Cancelled&) {
        show_status(ui_, std::string(tr("Opening cancelled")) + ": " + load->path());
    } catch (const std::exception& e) {
        report_error(ui_, explain_error(load_kind_ == LoadKind::Recover ? FailedAction::Recover : FailedAction::Open, load->path(), e.what()));
        if (remember_recent_ && load_kind_ == LoadKind::Open) {
            remove_recent(ui_.recent, load->path());
            save_recent(recent_file_, ui_.recent);
        }
    }
}

void App::take_notices() {
    for (const WorkNotice& n : doc_->take_notices()) {
        if (n.kind == WorkKind::Autosave) {
            if (n.ok) show_status(ui_, std::string(tr("Autosaved")) + ": " + n.path);
            else report_error(ui_, explain_error(FailedAction::Autosave, n.path, n.error));
        } else if (n.kind == WorkKind::Save) {
            if (n.ok) show_status(ui_, std::string(tr("Saved")) + ": " + n.path);
            else report_error(ui_, explain_error(FailedAction::Save, n.path, n.error));
            // What waited for the save: quitting, or opening another project.
            if (n.ok && !doc_->dirty()) {
                if (ui_.quit_after_save) ui_.quit_now = true;
                if (!ui_.open_after_save.empty()) {
                    confirm_open_without_asking(ui_, ui_.open_after_save);
                    ui_.open_path = ui_.open_after_save;
                }
            }
            ui_.quit_after_save = false;
            ui_.open_after_save.clear();
        }
    }
}

bool App::settle(double timeout_s, const CanvasInput* scripted) {
    const auto t0 = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
    int calm = 0;  // frames in a row with nothing pending (one more frame takes in what arrived last)
    while (elapsed() < timeout_s) {
        frame(scripted);
        const bool figures_due = map_->wants_analysis() && !doc_->analysis_current() && doc_->analysis_error().empty();
        const bool pending = load_ || map_->building() || figures_due || doc_->work_status().busy();
        calm = pending ? 0 : calm + 1;
        if (calm >= 2) return true;
        if (pending) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
}

void App::check_recovery() {
    ui_.recover_project.clear();
    ui_.recover_autosave.clear();
    if (doc_->path().empty()) return;
    if (auto autosave = Document::recoverable_autosave(doc_->path())) {
        ui_.recover_project = doc_->path();
        ui_.recover_autosave = *autosave;
        ui_.request_recover = true;
    }
}

void App::remember(const std::string& path) {
    if (path.empty() || path == remembered_path_) return;
    remembered_path_ = path;
    if (!remember_recent_) return;
    add_recent(ui_.recent, fs::absolute(path).lexically_normal().string());
    save_recent(recent_file_, ui_.recent);
}

void App::after_frame() {
    if (ui_.recover_answer) {
        const bool recover = *ui_.recover_answer;
        ui_.recover_answer.reset();
        if (!ui_.recover_project.empty() && ui_.recover_project == doc_->path()) {
            if (recover) {
                start_load(ui_.recover_project,
                           [project = ui_.recover_project, autosave = ui_.recover_autosave](const WorkControl& control) {
                               control.report(0, "reading");
                               return Document::recover(project, autosave);
                           },
                           LoadKind::Recover);
            } else {
                Document::discard_autosave(ui_.recover_autosave);
                show_status(ui_, tr("Autosave discarded"));
            }
        }
        ui_.recover_project.clear();
        ui_.recover_autosave.clear();
    }
    if (ui_.clear_recent) {
        ui_.clear_recent = false;
        ui_.recent.clear();
        if (remember_recent_) save_recent(recent_file_, ui_.recent);
    }
    remember(doc_->path());
}

bool App::should_close() const { return ui_.quit_now || glfwWindowShouldClose(window_); }

CanvasInput App::input_from_imgui() const {
    const ImGuiIO& io = ImGui::GetIO();
    CanvasInput in;
    in.x = io.MousePos.x;
    in.y = io.MousePos.y;
    in.over_map = map_->camera.contains_screen(in.x, in.y) && !io.WantCaptureMouse;
    in.pressed = ImGui::IsMouseClicked(ImGuiMouseButton_Left) && in.over_map;
    in.down = io.MouseDown[0];
    in.released = ImGui::IsMouseReleased(ImGuiMouseButton_Left);
    in.right_down = io.MouseDown[1] || io.MouseDown[2];
    in.dx = io.MouseDelta.x;
    in.dy = io.MouseDelta.y;
    if (!ImGui::IsMousePosValid()) in.dx = in.dy = 0;
    in.wheel = in.over_map ? io.MouseWheel : 0;
    in.escape = !io.WantTextInput && ImGui::IsKeyPressed(GLFW_KEY_ESCAPE);
    in.double_click = in.over_map && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left);
    in.enter = !io.WantTextInput && (ImGui::IsKeyPressed(GLFW_KEY_ENTER) || ImGui::IsKeyPressed(GLFW_KEY_KP_ENTER));
    in.backspace = !io.WantTextInput && ImGui::IsKeyPressed(GLFW_KEY_BACKSPACE);
    return in;
}

void App::shortcuts() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return;
    // The keys the menus show: Home zooms to the district, Del deletes the selected feature (not while
    // a dialog or a menu has the keyboard).
    if (!io.KeyCtrl && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) {
        if (ImGui::IsKeyPressed(GLFW_KEY_HOME, false)) map_->zoom_to_district();
        if (ImGui::IsKeyPressed(GLFW_KEY_DELETE, false)) delete_selection(*doc_);
    }
    if (!io.KeyCtrl) return;
    if (ImGui::IsKeyPressed(GLFW_KEY_Z, false)) {
        if (io.KeyShift) doc_->redo();
        else doc_->undo();
    } else if (ImGui::IsKeyPressed(GLFW_KEY_Y, false)) {
        doc_->redo();
    } else if (ImGui::IsKeyPressed(GLFW_KEY_S, false)) {
        save_document(*doc_, ui_);
    } else if (ImGui::IsKeyPressed(GLFW_KEY_F, false)) {
        ui_.search_open = true;
        ui_.search_focus = true;
    } else if (ImGui::IsKeyPressed(GLFW_KEY_O, false)) {
        ui_.request_open = true;
    } else if (ImGui::IsKeyPressed(GLFW_KEY_T, false)) {
        ui_.attributes_open = !ui_.attributes_open;
    }
}

void App::frame(const CanvasInput* scripted) {
    auto t0 = std::chrono::steady_clock::now();
    const bool timing = measure_parts;
    glfwPollEvents();
    ui_.key_presses = take_key_presses();
    if (glfwWindowShouldClose(window_) && doc_->dirty() && !ui_.quit_now) {
        glfwSetWindowShouldClose(window_, GLFW_FALSE);
        ui_.request_quit = true;
    }
    ImGui_ImplOpenGL3_NewFrame();
    if (first_frame_) {
        // Text is drawn at its own size on whole pixels: nearest sampling of the font atlas looks the
        // same and is much cheaper than linear filtering under llvmpipe (every panel pixel samples it).
        glBindTexture(GL_TEXTURE_2D, GLuint(reinterpret_cast<std::intptr_t>(ImGui::GetIO().Fonts->TexID)));
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    }
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();

    int ww = 0, wh = 0, fw = 0, fh = 0;
    glfwGetWindowSize(window_, &ww, &wh);
    glfwGetFramebufferSize(window_, &fw, &fh);
    fb_scale_ = ww > 0 ? double(fw) / ww : 1.0;

    ui_.frame_ms = frame_ms_;
    const double now = glfwGetTime();
    // What the background work finished, taken in before anything is drawn: every panel and the map
    // show the same state this frame.
    finish_load();
    doc_->poll();
    take_notices();
    const bool presenting = workshop_->slide_look();
    const bool reading = load_ != nullptr;
    float top = 0, height = float(wh);
    if (reading) {
        if (draw_loading_window(*load_)) {
            load_->cancel();
            retire(std::shared_ptr<DocumentLoad>(std::move(load_)));
            show_status(ui_, tr("Opening cancelled"));
        }
    } else if (!presenting) {
        ui_.menu_height = draw_menu_bar(*doc_, *map_, ui_);
        ui_.status_height = draw_status_bar(*doc_, *map_, ui_);
        top = ui_.menu_height;
        height = float(wh) - ui_.menu_height - ui_.status_height;
        draw_layers_panel(*doc_, *map_, ui_, top, height);
        const float metrics_h = height * 0.62f;
        draw_metrics_panel(*doc_, *map_, ui_, top, metrics_h);
        draw_selection_panel(*doc_, *map_, ui_, top + metrics_h, height - metrics_h);
        draw_search(*doc_, *map_, ui_);
        suggest_->draw_panel(*doc_, *map_);
        workshop_->draw_panels(now);
        draw_dialogs(*doc_, ui_);
        draw_placement_form(*doc_, *map_, ui_);
        draw_identify_panel(*doc_, *map_, ui_);
        draw_attribute_panel(*doc_, *map_, ui_);
        draw_export_dialog(ui_, doc_->path());
    }
    if (std::exchange(ui_.toggle_views_panel, false)) workshop_->show_views_panel = !workshop_->show_views_panel;
    if (std::exchange(ui_.toggle_scenario_panel, false)) workshop_->scenario.show_panel = !workshop_->scenario.show_panel;
    if (std::exchange(ui_.toggle_suggest_panel, false)) suggest_->show_panel = !suggest_->show_panel;
    if (std::exchange(ui_.request_present, false)) workshop_->start(std::max(0, workshop_->selected_view), now);

    Camera& cam = map_->camera;
    cam.vx = presenting ? 0 : ui_.left_width;
    cam.vy = top;
    cam.vw = std::max(50.0, presenting ? double(ww) : double(ww) - ui_.left_width - ui_.right_width);
    cam.vh = std::max(50.0, double(height));
    if (first_frame_) {
        map_->zoom_to_district();
        first_frame_ = false;
    }

    if (!reading) shortcuts();
    if (!reading) workshop_->handle_keys(now, ui_.key_presses);
    CanvasInput in = scripted ? *scripted : input_from_imgui();
    if (scripted) {
        in.dx = last_x_ >= 0 ? in.x - last_x_ : 0;
        in.dy = last_y_ >= 0 ? in.y - last_y_ : 0;
        last_x_ = in.x;
        last_y_ = in.y;
    }
    try {
        workshop_->update(now);
        if (workshop_->handle_pointer(in.x, in.y, in.pressed, in.down)) in.pressed = in.down = in.right_down = false;
        // A slide is not edited: no clicks or drags on features (right-drag pans, the wheel zooms);
        // Esc leaves the presentation rather than cancelling a tool.
        if (presenting) in.escape = in.pressed = in.down = in.released = false;
        // While another project is read, the one shown is not edited (its edits would be lost).
        if (reading) in.pressed = in.down = in.released = in.double_click = in.enter = in.backspace = false;
        map_->handle_input(in);
        map_->sync();
    } catch (const std::exception& e) {
        show_status(ui_, e.what());
    }
    workshop_->draw_overlay(ImGui::GetBackgroundDrawList(), presenting);
    if (!presenting) suggest_->draw_overlay(ImGui::GetBackgroundDrawList(), *map_, ui_scale_);
    ImGui::Render();

    using clock = std::chrono::steady_clock;
    auto ms = [](clock::time_point a, clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
    auto t1 = clock::now();
    glViewport(0, 0, fw, fh);
    // The docked panels' background is a clear (they are drawn with NoBackground): a window-sized
    // translucent quad per panel costs ~7 ms of llvmpipe fill per frame, a clear almost nothing.
    // The colour is WindowBg (0.97, 0.97, 0.96, opaque). RetainedFrame clears only what is drawn again.
    const float panel_rgb[3] = {0.97f, 0.97f, 0.96f};
    if (!keep_unchanged) retained_->invalidate();
    if (keep_unchanged != (map_->image_cache() != nullptr)) map_->keep_image(keep_unchanged);
    retained_->begin(ImGui::GetDrawData(), fw, fh, float(cam.vx), float(cam.vy), float(cam.vw), float(cam.vh), panel_rgb);
    workshop_->draw_maps(*renderer_, FramebufferInfo{fw, fh, fb_scale_});
    if (timing) glFinish();
    auto t2 = clock::now();
    retained_->draw_ui(ImGui::GetDrawData());
    retained_->present();
    if (timing) glFinish();
    auto t3 = clock::now();
    last_ui_ms = ms(t0, t1);
    last_map_ms = ms(t1, t2);
    last_imgui_ms = ms(t2, t3);

    if (capture_next_) {
        capture_next_ = false;
        pixel_w_ = fw;
        pixel_h_ = fh;
        glReadBuffer(GL_BACK);
        pixels_ = read_rgba_top_down(fw, fh);
    }
    if (audience_) {
        try {
            audience_->render(*workshop_, *map_, *renderer_, window_);
        } catch (const std::exception& e) {
            show_status(ui_, e.what());
        }
    }
    glFinish();
    frame_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    auto t4 = clock::now();
    glfwSwapBuffers(window_);
    last_swap_ms = ms(t4, clock::now());
    if (!ui_.open_path.empty()) {
        std::string p = std::move(ui_.open_path);
        ui_.open_path.clear();
        if (confirm_open(*doc_, ui_, p)) open(p);  // else asks about the unsaved changes first
    }
    run_pending_export(*doc_, *map_, ui_, workshop_->scenario.setting());  // in this GL context, after the frame was shown
    after_frame();
    follow_presentation();
    // Autosave when due: written by the document's worker; take_notices() reports it.
    doc_->tick(glfwGetTime());
}

void App::follow_presentation() {
    // The audience's monitor: one that does not hold this window (its centre).
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    std::vector<ScreenRect> screens;
    for (int i = 0; i < count; ++i) {
        ScreenRect r;
        glfwGetMonitorPos(monitors[i], &r.x, &r.y);
        if (const GLFWvidmode* m = glfwGetVideoMode(monitors[i])) r.w = m->width, r.h = m->height;
        screens.push_back(r);
    }
    int wx = 0, wy = 0, ww = 0, wh = 0;
    glfwGetWindowPos(window_, &wx, &wy);
    glfwGetWindowSize(window_, &ww, &wh);
    const int audience_screen = audience_monitor(screens, wx + ww / 2, wy + wh / 2);
    const bool want_audience = workshop_->presenting() && (presenter_view_ == AppOptions::PresenterView::Force ||
                                                           (presenter_view_ == AppOptions::PresenterView::Auto && audience_screen >= 0));
    if (want_audience && !audience_) {
        try {
            audience_ = std::make_unique<AudienceWindow>(window_, audience_screen, audience_w_, audience_h_, audience_visible_);
            if (audience_visible_) glfwFocusWindow(window_);  // the presenter's keys stay here
        } catch (const std::exception& e) {
            show_status(ui_, e.what());
        }
    } else if (!want_audience && audience_) {
        audience_.reset();
        if (audience_visible_) glfwFocusWindow(window_);
    }
    workshop_->set_presenter_view(audience_ != nullptr);
    const bool want = workshop_->slide_look() && fullscreen_presentation_;
    if (want == fullscreen_) return;
    fullscreen_ = want;
    if (want) {
        glfwGetWindowPos(window_, &windowed_[0], &windowed_[1]);
        glfwGetWindowSize(window_, &windowed_[2], &windowed_[3]);
        GLFWmonitor* monitor = glfwGetPrimaryMonitor();
        const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
        if (mode) glfwSetWindowMonitor(window_, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
    } else {
        glfwSetWindowMonitor(window_, nullptr, windowed_[0], windowed_[1], windowed_[2], windowed_[3], 0);
    }
}

int App::run() {
    while (!should_close()) frame();
    return 0;
}

bool App::write_png(const std::string& path) const {
    if (pixels_.empty()) return false;
    return write_png_rgba(path, pixel_w_, pixel_h_, pixels_.data());
}

std::uint32_t App::pixel(double x, double y) const {
    int px = int(x * fb_scale_), py = int(y * fb_scale_);
    if (px < 0 || py < 0 || px >= pixel_w_ || py >= pixel_h_) return 0;
    const std::uint8_t* c = &pixels_[(std::size_t(py) * std::size_t(pixel_w_) + std::size_t(px)) * 4];
    return (std::uint32_t(c[0]) << 24) | (std::uint32_t(c[1]) << 16) | (std::uint32_t(c[2]) << 8) | c[3];
}

}  // namespace pc::gui
