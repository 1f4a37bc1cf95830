#include "offscreen/map_image.h"

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <stdexcept>

#include "geo/analysis/scenario.h"
#include "offscreen/egl_context.h"
#include "offscreen/imgui_canvas.h"
#include "render/gl.h"
#include "render/map_furniture.h"
#include "render/renderer.h"
#include "offscreen/suggest_slide.h"
#include "render/scenario_split.h"

namespace pc::gui {
namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// An ImGui context of its own for one image: fonts rasterised at the image's scale (crisp at 8K),
// the OpenGL 3 backend, no platform backend (no window, no input).
class OffscreenImGui {
public:
    OffscreenImGui(float scale, float width, float height) {
        previous_ = ImGui::GetCurrentContext();
        ctx_ = ImGui::CreateContext();
        ImGui::SetCurrentContext(ctx_);
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.LogFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
        io.DisplayFramebufferScale = ImVec2(scale, scale);
        io.DeltaTime = 1.0f / 60;
        const ImWchar* ranges = text_glyph_ranges();
        const std::string regular = std::string(PC_FONT_DIR) + "/NotoSans-Regular.ttf";
        const std::string bold = std::string(PC_FONT_DIR) + "/NotoSans-Bold.ttf";
        // Rasterised at `scale` times the layout size and drawn at 1/scale: layout in layout pixels.
        if (std::filesystem::exists(regular)) {
            font_ = io.Fonts->AddFontFromFileTTF(regular.c_str(), 16.0f * scale, nullptr, ranges);
            title_font_ = io.Fonts->AddFontFromFileTTF(std::filesystem::exists(bold) ? bold.c_str() : regular.c_str(),
                                                       40.0f * scale, nullptr, ranges);
        } else {
            ImFontConfig cfg;
            cfg.SizePixels = 13.0f * scale;
            font_ = title_font_ = io.Fonts->AddFontDefault(&cfg);
        }
        io.FontGlobalScale = 1.0f / scale;
        ImGui::StyleColorsLight();
        ImGui_ImplOpenGL3_Init("#version 330 core");
    }
    ~OffscreenImGui() {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui::DestroyContext(ctx_);
        ImGui::SetCurrentContext(previous_);
    }
    OffscreenImGui(const OffscreenImGui&) = delete;
    OffscreenImGui& operator=(const OffscreenImGui&) = delete;
    // The image's canvas over a draw list: regular text in the body font, bold in the title font.
    ImGuiCanvas canvas(ImDrawList* dl) const {
        ImGuiCanvas::Fonts f;
        f.regular = font_;
        f.bold = title_font_;
        f.em = ImGui::GetFontSize();
        return ImGuiCanvas(dl, std::move(f));
    }
    ImFont* font() const { return font_; }
    ImFont* title_font() const { return title_font_; }

private:
    ImGuiContext* ctx_ = nullptr;
    ImGuiContext* previous_ = nullptr;
    ImFont* font_ = nullptr;
    ImFont* title_font_ = nullptr;
};

void draw_outline(ImDrawList* dl, const MapLayers& map, const Geometry& g, ImU32 colour, float width) {
    std::vector<ImVec2> pts;
    for (const auto& poly : g.polygons)
        for (const auto& ring : poly.rings) {
            pts.clear();
            for (const Coord& c : ring) {
                Coord s = map.to_screen(c);
                pts.emplace_back(float(s.x), float(s.y));
            }
            if (pts.size() >= 2) dl->AddPolyline(pts.data(), int(pts.size()), colour, ImDrawFlags_Closed, width);
        }
}

}  // namespace

std::uint32_t MapImage::pixel(int x, int y) const {
    if (x < 0 || y < 0 || x >= width || y >= height) return 0;
    const std::uint8_t* c = &rgba[(std::size_t(y) * std::size_t(width) + std::size_t(x)) * 4];
    return (std::uint32_t(c[0]) << 24) | (std::uint32_t(c[1]) << 16) | (std::uint32_t(c[2]) << 8) | c[3];
}

std::string file_stem(const std::string& name) {
    std::string s;
    for (unsigned char c : name) {
        if (std::isalnum(c)) s += char(std::tolower(c));
        else if (!s.empty() && s.back() != '_') s += '_';
    }
    while (!s.empty() && s.back() == '_') s.pop_back();
    return s.empty() ? "view" : s;
}

MapImageRequest request_for_view(const View& v, int width, int height, Language language) {
    MapImageRequest rq;
    rq.width = width;
    rq.height = height;
    rq.language = language;
    rq.title = v.name;
    rq.caption = v.caption;
    if (!v.extent.empty()) rq.extent_lonlat = v.extent;
    std::array<bool, kLayerCount> visible{};
    auto layer_of = [](ViewLayer l) {
        switch (l) {
            case ViewLayer::Choropleth: return LayerId::Choropleth;
            case ViewLayer::ServiceArea: return LayerId::ServiceArea;
            case ViewLayer::Zones: return LayerId::Zones;
            case ViewLayer::DesaLines: return LayerId::DesaLines;
            case ViewLayer::KecamatanLines: return LayerId::KecamatanLines;
            case ViewLayer::KabupatenLine: return LayerId::KabupatenLine;
            case ViewLayer::Facilities: return LayerId::Facilities;
            case ViewLayer::Initiatives: return LayerId::Initiatives;
            case ViewLayer::Labels: return LayerId::Labels;
        }
        return LayerId::Labels;
    };
    for (ViewLayer l : kViewLayers) visible[std::size_t(layer_of(l))] = v.shows(l);
    rq.visible = visible;
    rq.service = v.choropleth.service;
    rq.metric = ChoroplethMetric(int(v.choropleth.metric));  // same order (view.h says so)
    rq.class_method = v.choropleth.method;
    rq.class_count = v.choropleth.classes;
    rq.highlight_units = v.highlight_units;
    rq.highlight_initiatives = v.highlight_initiatives;
    rq.scenario = v.scenario;
    if (v.kind == ViewKind::Suggestion) rq.suggestion = v.suggestion;
    return rq;
}

MapImageRenderer::MapImageRenderer(Document& doc) : MapImageRenderer(doc, UseCurrentContext{}, true) {}

MapImageRenderer::MapImageRenderer(Document& doc, UseCurrentContext) : MapImageRenderer(doc, UseCurrentContext{}, false) {}

MapImageRenderer::MapImageRenderer(Document& doc, UseCurrentContext, bool own_context) : doc_(doc) {
    if (own_context) gl_ = std::make_unique<OffscreenContext>();
    renderer_ = std::make_unique<MapRenderer>();
    map_ = std::make_unique<MapLayers>(doc_);
    default_styles_ = map_->styles;
}

MapImageRenderer::~MapImageRenderer() {
    plan_map_.reset();  // GPU buffers go before the context
    baseline_map_.reset();
    map_.reset();
    renderer_.reset();
}

std::string MapImageRenderer::gl_renderer() const {
    auto s = glGetString(GL_RENDERER);
    return s ? reinterpret_cast<const char*>(s) : "";
}

MapLayers* MapImageRenderer::plan_map(const ScenarioFilter& filter, const std::string& service) {
    const std::uint64_t revision = scenario_content_revision(doc_);
    if (!plan_map_ || !(plan_filter_ == filter) || plan_service_ != service || plan_revision_ != revision) {
        plan_map_.reset();
        plan_doc_ = std::make_unique<Document>(plan_project(scenario_input(doc_.project(), service), filter, service), "", doc_.options());
        plan_map_ = std::make_unique<MapLayers>(*plan_doc_);
        plan_filter_ = filter;
        plan_service_ = service;
        plan_revision_ = revision;
    }
    return plan_map_.get();
}

MapLayers* MapImageRenderer::baseline_map(const std::string& service) {
    const std::uint64_t revision = scenario_content_revision(doc_);
    if (!baseline_map_ || baseline_service_ != service || baseline_revision_ != revision) {
        baseline_map_.reset();
        baseline_doc_ = std::make_unique<Document>(scenario_input(doc_.project(), service), "", doc_.options());
        baseline_map_ = std::make_unique<MapLayers>(*baseline_doc_);
        baseline_service_ = service;
        baseline_revision_ = revision;
    }
    return baseline_map_.get();
}

MapImage MapImageRenderer::render(const MapImageRequest& rq) {
    if (rq.width < 16 || rq.height < 16 || rq.width > kMaxMapImageSide || rq.height > kMaxMapImageSide)
        throw std::invalid_argument("image size " + std::to_string(rq.width) + "x" + std::to_string(rq.height) +
                                    " is outside 16..." + std::to_string(kMaxMapImageSide) + " pixels a side");
    set_language(rq.language);
    MapImage img;
    img.width = rq.width;
    img.height = rq.height;
    const double s = rq.scale > 0 ? std::clamp(rq.scale, 0.25, 16.0)
                                  : std::clamp(std::min(rq.width / 1920.0, rq.height / 1080.0), 0.5, 8.0);
    img.scale = s;
    const double lw = rq.width / s, lh = rq.height / s;  // layout size

    MapLayers& map = *map_;
    map.styles = rq.styles.value_or(default_styles_);
    if (rq.visible)
        for (int l = 0; l < kLayerCount; ++l) map.styles[std::size_t(l)].visible = (*rq.visible)[std::size_t(l)];
    const Project& p = doc_.project();
    map.service = rq.service;
    if (map.service.empty() && !p.settings.facility_types.empty()) map.service = p.settings.facility_types.front().key;
    map.metric = rq.metric;
    map.class_method = rq.class_method;
    map.class_count = rq.class_count;
    const ScenarioMode mode = rq.scenario.mode;
    const double swipe = std::clamp(rq.scenario.swipe_position, 0.0, 1.0);

    // Camera: the extent fits the part of the image that the title block and legend leave free.
    // Side by side, each map has half the image and the same place in its half (the plan's half keeps
    // the baseline half's margins: a gap between the two maps).
    Camera& cam = map.camera;
    const double em = 22;
    Camera full;
    full.vx = 0;
    full.vy = 0;
    full.vw = lw;
    full.vh = lh;
    Camera pane = full;
    scenario_layout(pane, mode);
    const double top = em * 5.2, left = em * 15, bottom = em * 2.5;
    cam.vx = left;
    cam.vy = top;
    cam.vw = std::max(pane.vw * 0.4, pane.vw - left - em);
    if (rq.suggestion) cam.vw = std::max(pane.vw * 0.3, pane.vw * (1 - kCurveBoxShare) - left);  // the curve's box at the right
    cam.vh = std::max(lh * 0.4, lh - top - bottom);
    if (rq.extent_lonlat) map.zoom_to(*rq.extent_lonlat, 200);
    else map.zoom_to_district();
    const double free_cx = cam.vx + cam.vw / 2, free_cy = cam.vy + cam.vh / 2;
    cam.vx = pane.vx;
    cam.vy = pane.vy;
    cam.vw = pane.vw;
    cam.vh = pane.vh;
    cam.cx -= (free_cx - pane.vw / 2) / cam.ppm;
    cam.cy += (free_cy - lh / 2) / cam.ppm;

    auto t0 = Clock::now();
    if (rq.suggestion) img.suggestion = compute_suggestion(doc_, suggest_options(*rq.suggestion, p));
    const AnalysisResult* analysis = nullptr;
    const bool wants_analysis = map.styles[std::size_t(LayerId::Choropleth)].visible ||
                                map.styles[std::size_t(LayerId::ServiceArea)].visible;
    if (wants_analysis) analysis = &doc_.analysis();
    set_comparison_classes(map, mode);
    map.settle();
    MapLayers* baseline = nullptr;
    if (scenario_shows_baseline(mode)) {
        const std::string svc = scenario_service(p, map.service);
        if (!svc.empty() && scenario_needs_baseline(p, svc)) {
            baseline = baseline_map(svc);
            follow_base_map(*baseline, map, svc, ScenarioMode::Baseline, swipe);
            baseline->settle();
        }
    }
    MapLayers* plan = nullptr;
    if (scenario_shows_plan(mode)) {
        const std::string svc = scenario_service(p, map.service);
        if (!svc.empty()) plan = plan_map(rq.scenario.filter, svc);
        if (plan) {
            follow_base_map(*plan, map, svc, mode, swipe);
            plan->settle();
            img.plan_camera = plan->camera;
        }
    }
    img.sync_ms = ms_since(t0);

    auto t1 = Clock::now();
    OffscreenImGui imgui{float(s), float(lw), float(lh)};
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    ImDrawList* bg = ImGui::GetBackgroundDrawList();
    ImGuiCanvas under = imgui.canvas(bg);
    map.draw_overlay(under);
    if (plan && mode == ScenarioMode::SideBySide) plan->draw_overlay(under);
    // The tags in the presentation's type size.
    draw_scenario_divider(under, cam, mode, swipe, 1.4f);
    ImDrawList* fg = ImGui::GetForegroundDrawList();
    ImGuiCanvas over = imgui.canvas(fg);
    for (const auto& code : rq.highlight_units)
        for (const auto* layer : {&p.kecamatan, &p.desa})
            for (const auto& u : *layer)
                if (u.code == code) {
                    draw_outline(fg, map, u.geometry, IM_COL32(255, 255, 255, 230), 7.0f);
                    draw_outline(fg, map, u.geometry, IM_COL32(0, 131, 143, 255), 3.5f);
                }
    for (const auto& id : rq.highlight_initiatives) {
        long i = find_initiative(p, id);
        if (i < 0 || p.initiatives[std::size_t(i)].geometry.empty()) continue;
        Coord c = map.to_screen(p.initiatives[std::size_t(i)].geometry.anchor());
        fg->AddCircle(ImVec2(float(c.x), float(c.y)), 16, IM_COL32(255, 255, 255, 230), 32, 7.0f);
        fg->AddCircle(ImVec2(float(c.x), float(c.y)), 16, IM_COL32(0, 131, 143, 255), 32, 3.5f);
    }
    if (img.suggestion) {
        draw_suggested_sites(fg, *img.suggestion, [&](Coord c) { return map.to_screen(c); }, 15, imgui.title_font(), 20);
    }
    MapFurniture furniture = map_furniture(p, analysis, map, rq.title, rq.caption);
    if (img.suggestion) furniture.legend.push_back({LegendEntry::Kind::Symbol, 0xd7263dff, tr("Suggested site"), Shape::Circle});
    FurnitureLayout laid = draw_map_furniture(over, furniture, full, float(em));
    if (img.suggestion) {
        ImVec2 a, b;
        suggestion_curve_box(0, laid.title_bottom, float(lw), float(lh - em * 2.5), 1, a, b);
        const auto curve = draw_suggestion_curve(fg, *img.suggestion, a, b, 1, {imgui.font(), imgui.title_font(), 18, 24});
        img.curve_cumulative = curve.cumulative;
        img.curve_knee = curve.knee;
        for (const ImVec2& q : curve.points) img.curve_points.push_back({q.x * s, q.y * s});
    }
    for (std::size_t i = 0; i < laid.swatches.size() && i < furniture.legend.size(); ++i) {
        const auto& b = laid.swatches[i];
        img.legend.push_back({furniture.legend[i].label, b.x0 * s, b.y0 * s, b.x1 * s, b.y1 * s});
    }
    ImGui::Render();
    ImDrawData* dd = ImGui::GetDrawData();

    // One framebuffer when the driver allows the size, else tiles of the largest side it allows.
    int side = std::min(max_framebuffer_side(), kMaxMapImageSide);
    if (rq.max_tile_side > 0) side = std::min(side, std::max(16, rq.max_tile_side));
    img.rgba.assign(std::size_t(rq.width) * std::size_t(rq.height) * 4, 0);
    img.tiles = 0;
    for (int ty = 0; ty < rq.height; ty += side)
        for (int tx = 0; tx < rq.width; tx += side) {
            const int tw = std::min(side, rq.width - tx), th = std::min(side, rq.height - ty);
            OffscreenFramebuffer fb(tw, th, 0);
            glClearColor(0.85f, 0.85f, 0.85f, 1.0f);
            glClear(GL_COLOR_BUFFER_BIT);
            Camera tile = cam;
            tile.vx = -tx / s;
            tile.vy = -ty / s;
            Camera saved = cam;
            cam = tile;
            if (baseline) {
                baseline->camera = tile;
                baseline->draw(*renderer_, FramebufferInfo{tw, th, s});
            } else {
                map.draw(*renderer_, FramebufferInfo{tw, th, s});
            }
            if (plan) {
                plan->camera = scenario_plan_camera(tile, mode, swipe);
                if (plan->camera.vw >= 1) plan->draw(*renderer_, FramebufferInfo{tw, th, s});
            }
            cam = saved;
            dd->DisplayPos = ImVec2(float(tx / s), float(ty / s));
            // The backend sizes its viewport as int(DisplaySize × scale): a hair over, so that
            // float rounding cannot drop the tile's last pixel column or row.
            dd->DisplaySize = ImVec2(float(tw / s * (1 + 1e-5)), float(th / s * (1 + 1e-5)));
            ImGui_ImplOpenGL3_RenderDrawData(dd);
            if (tw == rq.width && th == rq.height) {  // one tile: straight into the image
                fb.read(img.rgba.data());
                ++img.tiles;
                continue;
            }
            std::vector<std::uint8_t> part(std::size_t(tw) * std::size_t(th) * 4);
            fb.read(part.data());
            for (int y = 0; y < th; ++y)
                std::copy_n(&part[std::size_t(y) * std::size_t(tw) * 4], std::size_t(tw) * 4,
                            &img.rgba[((std::size_t(ty + y) * std::size_t(rq.width)) + std::size_t(tx)) * 4]);
            ++img.tiles;
        }
    glFinish();
    img.draw_ms = ms_since(t1);
    img.camera = cam;
    img.projection = map.projection;
    return img;
}

}  // namespace pc::gui
