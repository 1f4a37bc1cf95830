#pragma once
// How a baseline/plan comparison shares the map: which service is compared, the plan map's camera
// (beside the baseline, or right of the swipe line), the plan map following the baseline map's
// styles and classes, and the divider with its "Baseline"/"Plan" tags. One place for the
// application (panel_scenario) and the offscreen render (offscreen/map_image), so both draw alike.
#include <cstdint>
#include <string>

#include "geo/doc/document.h"
#include "geo/view.h"
#include "render/camera.h"
#include "render/canvas.h"
#include "render/map_layers.h"

namespace pc::gui {

inline bool scenario_compares(ScenarioMode m) { return m == ScenarioMode::SideBySide || m == ScenarioMode::Swipe; }
inline bool scenario_shows_plan(ScenarioMode m) { return m != ScenarioMode::Off && m != ScenarioMode::Baseline; }

// The facility type compared: the map's choropleth service, else the first facility type.
std::string scenario_service(const Project& project, const std::string& map_service);

// The project a comparison of `service` is computed from (pc::compare_scenarios, plan_project,
// pillar_contributions): the baseline is the facilities alone and the plan adds the initiatives that
// provide `service` or name none; initiatives providing another service are left out. (The engine
// counts an initiative in the service it provides, so those are taken off the baseline here.)
Project scenario_input(const Project& project, const std::string& service);
// True when an initiative provides `service`: the document's own figures of it then include the
// initiatives, and a baseline map is drawn from scenario_input instead.
bool scenario_needs_baseline(const Project& project, const std::string& service);
inline bool scenario_shows_baseline(ScenarioMode m) { return m == ScenarioMode::Baseline || scenario_compares(m); }

// What the plan depends on: every layer of the document but the slides.
std::uint64_t scenario_content_revision(const Document& doc);

// Side by side gives the baseline the left half of the viewport.
void scenario_layout(Camera& base, ScenarioMode mode);

// Where the swipe line stands, in window pixels (0..1 of the base viewport's width).
inline double scenario_swipe_x(const Camera& base, double swipe) { return base.vx + swipe * base.vw; }

// The plan map's camera: the right half (side by side), or right of the swipe line with the same map
// position under the same pixel (swipe); the base camera otherwise.
Camera scenario_plan_camera(const Camera& base, ScenarioMode mode, double swipe);

// Compared side by side or by swipe, coverage ratios are classed on the fixed 0–100 % scale: breaks
// taken from the baseline alone can collapse (most desa at 0 %) and hide what the plan adds.
void set_comparison_classes(MapLayers& base, ScenarioMode mode);

// The plan map shows what the base map shows (layers, choropleth, the base map's classes: one legend
// for both), through its scenario camera. Call after base.sync(); then plan.sync().
void follow_base_map(MapLayers& plan, const MapLayers& base, const std::string& service, ScenarioMode mode, double swipe);

// The divider (swipe line with its handle, or the line between the two maps) and the tags
// "Baseline"/"Plan" either side of it; a single tag for a baseline-only or plan-only map. `scale` is
// the type size (1 = the canvas's em).
void draw_scenario_divider(Canvas& canvas, const Camera& base, ScenarioMode mode, double swipe, float scale);

}  // namespace pc::gui
