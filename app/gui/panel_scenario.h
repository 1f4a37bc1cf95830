#pragma once
// Baseline against plan on the map: the plan's own document and map (the baseline project plus the
// filtered initiatives as facilities of the compared service), drawn beside the baseline map or
// behind a swipe line, and the per-kecamatan change table from pc::compare_scenarios. When some
// initiatives provide the compared service (the document's own figures count them), the baseline
// has a document and map of its own too (the facilities alone).
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "geo/analysis/scenario.h"
#include "geo/doc/document.h"
#include "geo/view.h"
#include "map_view.h"
#include "render/renderer.h"

struct ImDrawList;

namespace pc::gui {

class ScenarioView {
public:
    ScenarioMode mode = ScenarioMode::Off;
    ScenarioFilter filter;
    double swipe = 0.5;            // swipe line, 0..1 of the map width
    double gap_drop_pct = 50;
    bool show_panel = false;

    ViewScenario setting() const { return ViewScenario{mode, filter, swipe, gap_drop_pct}; }
    void set(const ViewScenario& s);
    bool compares() const { return mode == ScenarioMode::SideBySide || mode == ScenarioMode::Swipe; }
    bool shows_plan() const { return mode != ScenarioMode::Off && mode != ScenarioMode::Baseline; }
    // The facility type compared: the map's choropleth service, or the first facility type when the
    // map shows initiatives.
    std::string service(const Document& doc, const MapView& base) const;

    // Before the map is laid out: side by side gives the baseline the left half of the viewport.
    void layout(MapView& base) const;
    // Rebuilds the plan (document with its analysis, and the comparison) in the background when the
    // project, the service or the filter changed, and takes it up when ready (the map is not frozen
    // meanwhile); copies the base map's camera and styles to the plan map. Needs the GL context.
    void sync(Document& doc, MapView& base);
    // True while a rebuild runs. wait() blocks until it is done (tests).
    bool building() const { return pending_.valid(); }
    void wait() { if (pending_.valid()) pending_.wait(); }
    // Swipe line dragging (window pixels). Returns true when the pointer is taken by the line.
    bool handle_input(const MapView& base, double x, double y, bool pressed, bool down);
    // The baseline in the base map's place, when it has a map of its own (see above); false when the
    // base map is to be drawn.
    bool draw_baseline(MapRenderer& r, const FramebufferInfo& fb, const MapView& base);
    // The plan part of the map (after the base map is drawn).
    void draw_plan(MapRenderer& r, const FramebufferInfo& fb, const MapView& base);
    // Labels of the plan half, the swipe line and the "baseline"/"plan" tags. `scale` = type size.
    void draw_overlay(ImDrawList* dl, const MapView& base, float scale);
    // The scenario window: mode, filter, gap threshold, per-kecamatan change table.
    void draw_panel(Document& doc, MapView& base);

    MapLayers* plan_map() { return plan_map_.get(); }
    Document* plan_document() { return plan_doc_.get(); }
    MapLayers* baseline_map() { return baseline_map_.get(); }
    const std::optional<ScenarioComparison>& comparison() const { return comparison_; }
    // Where the swipe line is, in window pixels.
    double swipe_x(const MapView& base) const { return base.camera.vx + swipe * base.camera.vw; }

private:
    Camera plan_camera(const MapView& base) const;
    struct Built {
        std::unique_ptr<Document> doc;
        std::unique_ptr<Document> baseline;  // when the base map's figures include the plan
        std::optional<ScenarioComparison> comparison;
        std::string error;
    };
    std::future<Built> pending_;
    std::unique_ptr<Document> plan_doc_;
    std::unique_ptr<MapLayers> plan_map_;
    std::unique_ptr<Document> baseline_doc_;
    std::unique_ptr<MapLayers> baseline_map_;
    std::optional<ScenarioComparison> comparison_;
    std::uint64_t built_revision_ = 0;
    const Document* built_for_ = nullptr;
    std::string built_service_;
    ScenarioFilter built_filter_;
    double built_drop_ = -1;
    bool dragging_ = false;
    std::string error_;
};

}  // namespace pc::gui
