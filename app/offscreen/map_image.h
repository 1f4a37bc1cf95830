#pragma once
// A finished map as an image, without a display: the map of a document drawn by the same MapLayers
// and MapRenderer as the application, with its labels, scale bar, north arrow, title block, legend
// and credit line (map_furniture.h), into an offscreen framebuffer (EGL), read back as RGBA.
//
// The layout is that of a 1920×1080-class screen scaled up: an image of H pixels draws everything
// H/1080 times larger (a 4K image looks like the screen on a high-DPI display), so line widths, type
// and the legend keep their proportions at every size.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/analysis/suggest.h"
#include "geo/doc/document.h"
#include "geo/view.h"
#include "render/i18n.h"
#include "render/map_layers.h"
#include "render/camera.h"
#include "render/local_projection.h"

namespace pc::gui {

class OffscreenContext;

struct MapImageRequest {
    int width = 1920, height = 1080;                 // pixels, each at most kMaxMapImageSide
    std::optional<Envelope> extent_lonlat;           // nullopt: the whole district
    std::string title, caption;                      // title block; "" = none
    std::string service;                             // choropleth service; "" = the first facility type
    ChoroplethMetric metric = ChoroplethMetric::CoveragePopulation;
    std::optional<std::array<LayerStyle, kLayerCount>> styles;  // nullopt: the application's defaults
    std::optional<std::array<bool, kLayerCount>> visible;        // visibility over `styles` (a view's layers)
    ClassMethod class_method = ClassMethod::EqualInterval;  // as the application's map
    int class_count = 5;
    std::vector<std::string> highlight_units;        // kecamatan/desa codes drawn with a thick outline
    std::vector<Uuid> highlight_initiatives;         // ringed
    // Baseline against plan as the application shows it (scenario_split.h): the plan map right of the
    // swipe line or beside the baseline, with the divider and the "Baseline"/"Plan" tags; or the
    // baseline or the plan alone. The plan is the project plus the filter's initiatives as
    // facilities of the compared service (pc::plan_project).
    ViewScenario scenario;
    // A suggestion slide (suggest_slide.h): the suggestion computed (on this thread) from the
    // document, its numbered sites on the map and its cumulative curve in a box at the right.
    std::optional<ViewSuggestion> suggestion;
    Language language = Language::Indonesian;
    // Image pixels per layout pixel; 0 = as a 1920×1080 screen scaled to the image (text and lines
    // grow with the image). Larger values give larger type for print.
    double scale = 0;
    // Largest framebuffer side to draw in; a larger image is drawn in tiles. 0 = the driver's limit.
    int max_tile_side = 0;
};

inline constexpr int kMaxMapImageSide = 8192;

struct MapImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;  // top row first, opaque
    double scale = 1;                // image pixels per layout pixel
    Camera camera;                   // in layout pixels
    LocalProjection projection;
    int tiles = 1;                   // framebuffers the image was drawn in
    std::optional<Camera> plan_camera;  // the plan map's camera (layout pixels) when one was drawn
    // The legend's entries and where each swatch was drawn (image pixels; see FurnitureLayout).
    struct LegendSwatch {
        std::string label;
        double x0, y0, x1, y1;
    };
    std::vector<LegendSwatch> legend;
    double sync_ms = 0, draw_ms = 0;
    // The suggestion drawn (request.suggestion), and its curve's numbers and points (image pixels).
    std::optional<SuggestResult> suggestion;
    std::vector<double> curve_cumulative;
    std::vector<Coord> curve_points;
    std::size_t curve_knee = 0;

    // Image pixel (x right, y down) of a lon/lat point.
    Coord pixel_of(Coord lonlat) const {
        Coord s = camera.to_screen(projection.to_local(lonlat));
        return {s.x * scale, s.y * scale};
    }
    std::uint32_t pixel(int x, int y) const;  // 0xRRGGBBAA, 0 outside
};

// A file name made of a view's name: "Cakupan puskesmas 2025" -> "cakupan_puskesmas_2025".
std::string file_stem(const std::string& name);

// What a saved view shows (extent, layers, choropleth, highlights, caption), at a size.
MapImageRequest request_for_view(const View& view, int width, int height, Language language);

class MapImageRenderer {
public:
    // Opens an offscreen OpenGL context (throws std::runtime_error when EGL/Mesa cannot).
    explicit MapImageRenderer(Document& doc);
    // Draws in the caller's current OpenGL 3.3 context instead (the application exporting a PNG:
    // the image goes to a framebuffer object of its own; the window's framebuffer is bound after).
    struct UseCurrentContext {};
    MapImageRenderer(Document& doc, UseCurrentContext);
    ~MapImageRenderer();
    MapImageRenderer(const MapImageRenderer&) = delete;
    MapImageRenderer& operator=(const MapImageRenderer&) = delete;

    MapImage render(const MapImageRequest& request);
    // "llvmpipe (LLVM 15.0.6, 256 bits)": the OpenGL renderer that draws.
    std::string gl_renderer() const;

private:
    MapImageRenderer(Document& doc, UseCurrentContext, bool own_context);
    // The plan map of a scenario: rebuilt when the project, the filter or the service changes.
    MapLayers* plan_map(const ScenarioFilter& filter, const std::string& service);
    // The baseline of a comparison when initiatives provide its service (scenario_needs_baseline).
    MapLayers* baseline_map(const std::string& service);

    Document& doc_;
    std::unique_ptr<OffscreenContext> gl_;
    std::unique_ptr<Document> plan_doc_;
    std::unique_ptr<MapLayers> plan_map_;
    ScenarioFilter plan_filter_;
    std::string plan_service_;
    std::uint64_t plan_revision_ = 0;
    std::unique_ptr<Document> baseline_doc_;
    std::unique_ptr<MapLayers> baseline_map_;
    std::string baseline_service_;
    std::uint64_t baseline_revision_ = 0;
    std::unique_ptr<MapRenderer> renderer_;
    std::unique_ptr<MapLayers> map_;
    std::array<LayerStyle, kLayerCount> default_styles_;
};

}  // namespace pc::gui
