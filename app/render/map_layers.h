#pragma once
// The map of a document as it is drawn: the layers built into GPU meshes when the document changes
// (levels of detail of the admin layers, zones, facilities, initiatives, and the choropleth and service
// area of the newest figures), the camera, and what is drawn over the map with it (labels, scale bar,
// north arrow). Shared by the application's map view, which adds the tools (app/gui/map_view.h), and
// the offscreen images of `render` and `report` (app/offscreen). Needs a current OpenGL context for
// sync() and draw(); knows nothing of windows, input or ImGui.
#include <array>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/doc/document.h"
#include "render/camera.h"
#include "render/canvas.h"
#include "render/classify.h"
#include "render/context_meshes.h"
#include "render/local_projection.h"
#include "render/map_image_cache.h"
#include "render/map_styling.h"
#include "render/meshes.h"
#include "render/renderer.h"

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

// Colours of the six pillars, in kPillars order.
Rgba pillar_colour(Pillar p);
// The colour a layer is drawn in (for legends); choropleth desa without a value are kNoDataColour.
Rgba layer_colour(LayerId id);

class MapLayers;

// A polygon's rings on the map as a cased line, `halo` under `ink` (highlighted units). Points are
// projected once for both passes.
void draw_cased_outline(Canvas& canvas, const MapLayers& map, const Geometry& g, Rgba halo, float halo_width, Rgba ink,
                        float ink_width);

class MapLayers {
public:
    explicit MapLayers(Document& doc);
    virtual ~MapLayers();
    MapLayers(const MapLayers&) = delete;
    MapLayers& operator=(const MapLayers&) = delete;

    // Rebuilds the GPU buffers of every layer whose part of the document changed, and takes in the
    // figures' colours (needs a current GL context). Long work runs on worker threads; building()
    // says when some is still on its way.
    void sync();
    // The choropleth or the service area is shown: the map asks the document for figures.
    bool wants_analysis() const;
    // The admin layers (or their finer levels of detail, or the figures' colours) are still being
    // prepared in the background.
    bool building() const;
    void draw(MapRenderer& r, const FramebufferInfo& fb);
    // Keep the drawn map as an image while only the centre moves (the application; off for one-off
    // images). See MapImageCache.
    void keep_image(bool on);
    const MapImageCache* image_cache() const { return image_cache_.get(); }
    // Labels, scale bar and north arrow, in the canvas's type (its em()).
    void draw_overlay(Canvas& canvas) const;

    void zoom_to_district();
    // The district's extent (lon/lat): its outline, else its desa.
    const Envelope& district_extent() const { return district_lonlat_; }
    void zoom_to(const Envelope& lonlat, double min_width_m = 1500);

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
    // Screen content scale (GLFW, high-DPI): line widths, symbols and hatching grow with the fonts.
    float ui_scale = 1.0f;

    // Legend of the choropleth as drawn.
    const Classes& classes() const { return classes_; }
    Ramp ramp() const;
    // The figures the map is coloured by (the document's newest when last synced; null before any).
    const std::shared_ptr<const AnalysisResult>& shown_analysis() const { return shown_.analysis; }
    // Screen position of a lon/lat point.
    Coord to_screen(Coord lonlat) const { return camera.to_screen(projection.to_local(lonlat)); }
    Coord to_lonlat(double sx, double sy) const { return projection.to_lonlat(camera.to_local(sx, sy)); }
    // Time the last sync() spent rebuilding buffers (ms).
    double last_sync_ms = 0;
    // Cell sizes (m) of the levels of detail of the admin layers, finest first (0 = exact), and the
    // one the last draw used.
    std::vector<double> level_cells() const;
    std::size_t drawn_level = 0;
    bool building_detail() const { return building(); }
    // Waits for every level and the figures' colours and uploads them (needs the GL context).
    void wait_for_detail();
    // Waits for the figures (when shown) and every level, and takes them in: one-off images.
    void settle();

protected:
    Document& doc_;
    bool have_district_ = false;
    Envelope district_lonlat_;

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

    // Desa fills and desa/kecamatan boundaries at levels of detail, finest (exact) first.
    struct AdminLevel {
        double cell_m = 0;
        FillMesh desa_fill;
        LineMesh desa_lines, kecamatan_lines;
    };
    std::vector<std::unique_ptr<AdminLevel>> admin_levels_;
    const AdminLevel* admin_level() const;
    // A level's CPU-side parts (fill prepared, lines filled, not uploaded): built on a worker thread,
    // uploaded by sync() when ready.
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
    std::future<FillData> pending_zone_fill_;  // a large zones layer's triangles, made on a worker
    std::unique_ptr<LineMesh> service_lines_;
    LineMesh kabupaten_lines_, zone_lines_, initiative_lines_;
    PointMesh facility_points_, initiative_points_;
    FillMesh initiative_fill_;
    LineMesh initiative_pillar_lines_[6];
    ContextMeshes context_;  // the document's context layers (roads, settlements ...)  // line initiatives, one mesh per pillar colour
    std::vector<Label> labels_;
    std::uint64_t seen_[kDocLayerCount] = {};
    StylingKey shown_;                       // what the colours, legend and service area show
    std::optional<StylingKey> styling_for_;  // what pending_styling_ makes
    std::future<Styling> pending_styling_;
    std::shared_ptr<const std::vector<std::string>> desa_codes_;  // the fill meshes' features
    Classes classes_;
};

}  // namespace pc::gui
