#pragma once
// The map canvas: what is drawn (layers built from the document when it changes), the camera, and
// what the mouse does on the map (pan, zoom, select, drag, place). Talks to the core through the
// Document; the core never calls back.
#include <array>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "classify.h"
#include "map_styling.h"
#include "geo/crs.h"
#include "geo/doc/document.h"
#include "render/camera.h"
#include "render/local_projection.h"
#include "render/meshes.h"
#include "render/map_image_cache.h"
#include "render/renderer.h"

struct ImDrawList;
struct ImFont;

namespace pc::gui {

enum class LayerId {
    Choropleth,
    ServiceArea,
    Zones,
    DesaLines,
    KecamatanLines,
    KabupatenLine,
    Facilities,
    Initiatives,
    Labels,
    Count
};
inline constexpr int kLayerCount = int(LayerId::Count);
const char* layer_name(LayerId id);  // English key for tr()

struct LayerStyle {
    bool visible = true;
    float opacity = 1.0f;
};


enum class Tool { Select, PlaceInitiative, PlaceFacility, DrawLineInitiative, DrawPolygonInitiative };

// One frame of pointer input over the map, from ImGui or from a test script.
struct CanvasInput {
    double x = 0, y = 0;         // window pixels
    bool over_map = false;       // the pointer is over the map and not over a panel
    bool pressed = false;        // left button went down this frame
    bool down = false;           // left button is down
    bool released = false;       // left button went up this frame
    bool right_down = false;
    double dx = 0, dy = 0;       // pointer movement since last frame
    double wheel = 0;            // notches, + = zoom in
    bool escape = false;
    bool double_click = false;   // left button double-clicked this frame (finishes a drawing)
    bool enter = false;          // Enter pressed (finishes a drawing)
    bool backspace = false;      // removes the last vertex of a drawing
};

// Colours of the six pillars, in kPillars order.
Rgba pillar_colour(Pillar p);
// The colour a layer is drawn in (for legends); choropleth desa without a value are kNoDataColour.
Rgba layer_colour(LayerId id);

class MapView;

// A polygon's rings on the map as a cased line, `halo` under `ink` (highlighted units). Points are
// projected once for both passes.
void draw_cased_outline(ImDrawList* dl, const MapView& map, const Geometry& g, std::uint32_t halo, float halo_width,
                        std::uint32_t ink, float ink_width);

class MapView {
public:
    explicit MapView(Document& doc);
    ~MapView();

    // Rebuilds the GPU buffers of every layer whose part of the document changed, and the
    // analysis-driven colours (needs a current GL context).
    void sync();
    // The choropleth or the service area is shown: the map asks the document for figures.
    bool wants_analysis() const;
    // The admin layers (or their finer levels of detail) are still being built in the background.
    bool building() const;
    void handle_input(const CanvasInput& in);
    void draw(MapRenderer& r, const FramebufferInfo& fb);
    // Keep the drawn map as an image while only the centre moves (the application; off for one-off
    // images). See MapImageCache.
    void keep_image(bool on);
    const MapImageCache* image_cache() const { return image_cache_.get(); }
    // Labels, selection, preview of a placement or a drag, scale bar, north arrow (ImGui draw list
    // under the panels).
    void draw_overlay(ImDrawList* dl);

    void zoom_to_district();
    void zoom_to(const Envelope& lonlat, double min_width_m = 1500);
    void zoom_to_selection();

    Camera camera;
    LocalProjection projection;
    std::array<LayerStyle, kLayerCount> styles;
    // Drawing order, bottom first (labels are always on top and not in it).
    std::vector<LayerId> draw_order{LayerId::Choropleth, LayerId::ServiceArea, LayerId::Zones, LayerId::DesaLines,
                                    LayerId::KecamatanLines, LayerId::KabupatenLine, LayerId::Facilities, LayerId::Initiatives};
    // Moves a layer `delta` places up (+, drawn later) or down; false at either end.
    bool move_layer(LayerId id, int delta);
    std::string service;  // facility type of the choropleth and service area
    ChoroplethMetric metric = ChoroplethMetric::CoveragePopulation;
    // Equal intervals by default: for the coverage ratios that is 0-20-40-60-80-100 % (quantiles of
    // values piled up at 0 and 100 % collapse into classes that mislead).
    ClassMethod class_method = ClassMethod::EqualInterval;
    int class_count = 5;
    // When set, the choropleth uses these breaks instead of its own (a scenario's plan map takes the
    // baseline's, so both sides of a swipe read against one legend).
    std::optional<Classes> shared_classes;
    Tool tool = Tool::Select;
    // Screen content scale (GLFW, high-DPI): line widths, symbols and hatching grow with the fonts.
    float ui_scale = 1.0f;
    // The label type rasterised nearest a pixel size, drawn at that size (crisp); null: the current
    // font scaled to the size (blurred or, with nearest sampling, uneven strokes).
    ImFont* (*label_font)(float px) = nullptr;
    Initiative initiative_template;    // what "place initiative" adds (name, pillar, radius ...)
    Facility facility_template;

    // Legend of the choropleth as drawn.
    const Classes& classes() const { return classes_; }
    Ramp ramp() const;
    // What the placement or drag in progress would change (nullopt when none).
    const std::optional<WhatIfResult>& live_what_if() const { return live_; }
    // A placement or drag waits for the engine (prepared in the background) before it has a what-if.
    bool live_waiting() const { return live_waiting_ && (drag_ || tool == Tool::PlaceInitiative || tool == Tool::PlaceFacility); }
    // The figures the map is coloured by (the document's newest when last synced; null before any).
    const std::shared_ptr<const AnalysisResult>& shown_analysis() const { return shown_.analysis; }
    bool dragging() const { return drag_.has_value(); }
    // Vertices (lon/lat) of the line or polygon being drawn.
    const std::vector<Coord>& sketch() const { return sketch_; }
    // Pointer position in lon/lat and in the analysis CRS (nullopt off the map).
    std::optional<Coord> cursor_lonlat() const { return cursor_; }
    std::optional<Coord> cursor_projected() const;
    std::string analysis_crs() const { return analysis_crs_; }
    // Screen position of a lon/lat point.
    Coord to_screen(Coord lonlat) const { return camera.to_screen(projection.to_local(lonlat)); }
    Coord to_lonlat(double sx, double sy) const { return projection.to_lonlat(camera.to_local(sx, sy)); }
    // The feature whose symbol is under (sx, sy), nearest first, within `tolerance_px`.
    std::optional<FeatureRef> pick(double sx, double sy, double tolerance_px = 9) const;
    // Time the last sync() spent rebuilding buffers (ms) and what it rebuilt.
    double last_sync_ms = 0;
    // Cell sizes (m) of the levels of detail of the admin layers, finest first (0 = exact), and the
    // one the last draw used.
    std::vector<double> level_cells() const;
    std::size_t drawn_level = 0;
    // True while the finer levels are still being built (tests and benchmarks wait for them).
    bool building_detail() const { return building(); }
    // Waits for every level and uploads them (needs the GL context).
    void wait_for_detail();
    // Waits for the figures (when shown) and every level, and takes them in: one-off images.
    void settle();

private:
    // Every layer, for `cam` (the camera, or a larger one around it for the kept image).
    void draw_layers(MapRenderer& r, const Camera& cam, const FramebufferInfo& fb);
    // Everything besides the camera that the drawn layers depend on.
    std::uint64_t drawing_key() const;
    std::unique_ptr<MapImageCache> image_cache_;

    struct Label {
        std::string text;
        Coord lonlat;
        int priority;  // lower first
        bool major;    // kecamatan
    };
    void rebuild_admin();
    void rebuild_zones();
    void rebuild_facilities();
    void rebuild_initiatives();
    // The styling the map should have now (figures, service, classes).
    StylingKey styling_key() const;
    void adopt_styling(Styling styling);
    void update_live(const CanvasInput& in);
    void handle_drawing(const CanvasInput& in);
    void finish_drawing();

    Document& doc_;
    // Desa fills and desa/kecamatan boundaries at levels of detail, finest (exact) first.
    struct AdminLevel {
        double cell_m = 0;
        FillMesh desa_fill;
        LineMesh desa_lines, kecamatan_lines;
    };
    std::vector<std::unique_ptr<AdminLevel>> admin_levels_;
    const AdminLevel* admin_level() const;
    // A level's CPU-side parts (lines filled, not uploaded): built on a worker thread for all but the
    // coarsest level of a large layer, uploaded by sync() when ready.
    struct LevelParts {
        FillData desa_fill;
        std::unique_ptr<AdminLevel> level;
    };
    struct CoarseParts {
        LevelParts level;
        std::vector<Label> labels;
    };
    std::future<CoarseParts> pending_coarse_;
    std::future<std::vector<LevelParts>> pending_levels_;
    std::vector<LevelParts> unadopted_;  // built, uploaded one a frame
    // Builds of an earlier state left to finish (a std::async future blocks when destroyed unfinished):
    // each tells whether it has finished; dropped then.
    std::vector<std::function<bool()>> abandoned_;
    template <class T>
    void abandon(std::future<T>& f) {
        if (!f.valid()) return;
        auto kept = std::make_shared<std::future<T>>(std::move(f));
        abandoned_.push_back([kept] { return kept->wait_for(std::chrono::seconds(0)) == std::future_status::ready; });
    }
    void adopt_levels(std::vector<LevelParts> parts);
    std::vector<Rgba> desa_colours_;  // the choropleth colours of the last analysis (empty: land)
    FillMesh service_fill_, zone_fill_;
    std::unique_ptr<LineMesh> service_lines_;
    LineMesh kabupaten_lines_, zone_lines_, initiative_lines_;
    PointMesh facility_points_, initiative_points_;
    FillMesh initiative_fill_;
    std::vector<Label> labels_;
    std::uint64_t seen_[kDocLayerCount] = {0, 0, 0, 0, 0};
    StylingKey shown_;                       // what the colours, legend and service area show
    std::optional<StylingKey> styling_for_;  // what pending_styling_ makes
    std::future<Styling> pending_styling_;
    std::shared_ptr<const std::vector<std::string>> desa_codes_;  // the fill meshes' features
    Classes classes_;
    bool have_district_ = false;
    Envelope district_lonlat_;

    struct Drag {
        FeatureRef ref;
        Coord start_lonlat;
        Coord now_lonlat;
        bool moved = false;
    };
    std::optional<Drag> drag_;
    std::vector<Coord> sketch_;
    LineMesh initiative_pillar_lines_[6];  // line initiatives, one mesh per pillar colour
    bool panning_ = false;
    std::optional<Coord> cursor_;
    std::optional<Coord> live_at_;
    std::optional<WhatIfResult> live_;
    bool live_waiting_ = false;
    std::string analysis_crs_;
    std::unique_ptr<CrsTransform> to_analysis_;
};

}  // namespace pc::gui
