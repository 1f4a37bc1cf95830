// Baseline against plan on one map canvas: shared by the application and the offscreen render.
#include "scenario_split.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "i18n.h"

namespace pc::gui {
namespace {

void tag(ImDrawList* dl, ImVec2 at, const char* text, ImU32 bg, float scale, bool right_align = false) {
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize() * scale;
    ImVec2 ts = font->CalcTextSizeA(size, 1e9f, 0, text);
    if (right_align) at.x -= ts.x + 16 * scale;
    dl->AddRectFilled(at, ImVec2(at.x + ts.x + 16 * scale, at.y + ts.y + 8 * scale), bg, 4 * scale);
    dl->AddText(font, size, ImVec2(at.x + 8 * scale, at.y + 4 * scale), IM_COL32(255, 255, 255, 255), text);
}

}  // namespace

std::string scenario_service(const Project& p, const std::string& map_service) {
    if (p.facility_type(map_service)) return map_service;
    return p.settings.facility_types.empty() ? std::string() : p.settings.facility_types.front().key;
}

std::uint64_t scenario_content_revision(const Document& doc) {
    std::uint64_t r = 0;
    for (DocLayer l : {DocLayer::Initiatives, DocLayer::Facilities, DocLayer::Zones, DocLayer::Admin, DocLayer::Settings})
        r = r * 1000003 + doc.layer_revision(l);
    return r;
}

void scenario_layout(Camera& base, ScenarioMode mode) {
    if (mode == ScenarioMode::SideBySide) base.vw = std::max(50.0, std::floor(base.vw / 2));
}

Camera scenario_plan_camera(const Camera& base, ScenarioMode mode, double swipe) {
    Camera c = base;
    if (mode == ScenarioMode::SideBySide) {
        c.vx = base.vx + base.vw;
    } else if (mode == ScenarioMode::Swipe) {
        const double line = std::round(scenario_swipe_x(base, swipe));
        c.vx = line;
        c.vw = std::max(1.0, base.vx + base.vw - line);
        // Same map position under the same pixel: shift the centre with the viewport's centre.
        c.cx = base.cx + ((c.vx + c.vw / 2) - (base.vx + base.vw / 2)) / base.ppm;
    }
    return c;
}

void set_comparison_classes(MapView& base, ScenarioMode mode) {
    const bool ratio = base.metric == ChoroplethMetric::CoveragePopulation || base.metric == ChoroplethMetric::CoverageArea;
    if (scenario_compares(mode) && ratio) base.shared_classes = make_classes({0.0, 1.0}, base.class_count, ClassMethod::EqualInterval);
    else base.shared_classes.reset();
}

void follow_base_map(MapView& plan, const MapView& base, const std::string& service, ScenarioMode mode, double swipe) {
    plan.styles = base.styles;
    plan.draw_order = base.draw_order;
    plan.service = service;
    plan.metric = base.metric;
    plan.class_method = base.class_method;
    plan.class_count = base.class_count;
    plan.shared_classes = base.classes();  // one legend for both
    plan.camera = scenario_plan_camera(base.camera, mode, swipe);
}

void draw_scenario_divider(ImDrawList* dl, const Camera& c, ScenarioMode mode, double swipe, float scale) {
    if (mode == ScenarioMode::Off) return;
    const ImU32 base_col = IM_COL32(84, 110, 122, 235), plan_col = IM_COL32(21, 101, 192, 235);
    const float top = float(c.vy) + 12 * scale;
    if (mode == ScenarioMode::Baseline) {
        tag(dl, ImVec2(float(c.vx) + 12 * scale, top), tr("Baseline: existing facilities"), base_col, scale);
        return;
    }
    if (mode == ScenarioMode::Plan) {
        tag(dl, ImVec2(float(c.vx) + 12 * scale, top), tr("Plan: facilities and initiatives"), plan_col, scale);
        return;
    }
    const float split = mode == ScenarioMode::Swipe ? float(std::round(scenario_swipe_x(c, swipe))) : float(c.vx + c.vw);
    // Below the north arrow and a slide's title block.
    const float tag_y = float(c.vy) + std::max(70 * scale, float(c.vh) * 0.2f);
    const float bottom = float(c.vy + c.vh);
    if (mode == ScenarioMode::Swipe) {
        dl->AddLine(ImVec2(split, float(c.vy)), ImVec2(split, bottom), IM_COL32(255, 255, 255, 255), 5 * scale);
        dl->AddLine(ImVec2(split, float(c.vy)), ImVec2(split, bottom), IM_COL32(33, 33, 33, 255), 2 * scale);
        const ImVec2 h(split, float(c.vy + c.vh / 2));
        dl->AddCircleFilled(h, 14 * scale, IM_COL32(255, 255, 255, 255), 24);
        dl->AddCircle(h, 14 * scale, IM_COL32(33, 33, 33, 255), 24, 2 * scale);
        dl->AddTriangleFilled(ImVec2(h.x - 10 * scale, h.y), ImVec2(h.x - 3 * scale, h.y - 6 * scale), ImVec2(h.x - 3 * scale, h.y + 6 * scale), IM_COL32(33, 33, 33, 255));
        dl->AddTriangleFilled(ImVec2(h.x + 10 * scale, h.y), ImVec2(h.x + 3 * scale, h.y + 6 * scale), ImVec2(h.x + 3 * scale, h.y - 6 * scale), IM_COL32(33, 33, 33, 255));
    } else {
        dl->AddLine(ImVec2(split, float(c.vy)), ImVec2(split, bottom), IM_COL32(33, 33, 33, 255), 3 * scale);
    }
    tag(dl, ImVec2(split - 12 * scale, tag_y), tr("Baseline"), base_col, scale, true);
    tag(dl, ImVec2(split + 12 * scale, tag_y), tr("Plan"), plan_col, scale);
}

}  // namespace pc::gui
