// Baseline against plan on one map canvas: shared by the application and the offscreen render.
#include "render/scenario_split.h"

#include <algorithm>
#include <cmath>

#include "render/i18n.h"

namespace pc::gui {
namespace {

void tag(Canvas& canvas, Point at, const char* text, Rgba bg, float scale, bool right_align = false) {
    const float size = canvas.em() * scale;
    const Point ts = canvas.text_size(Type::Regular, size, text);
    if (right_align) at.x -= ts.x + 16 * scale;
    canvas.rect_filled(at, {at.x + ts.x + 16 * scale, at.y + ts.y + 8 * scale}, bg, 4 * scale);
    canvas.text(Type::Regular, size, {at.x + 8 * scale, at.y + 4 * scale}, 0xffffffff, text);
}

}  // namespace

std::string scenario_service(const Project& p, const std::string& map_service) {
    if (p.facility_type(map_service)) return map_service;
    return p.settings.facility_types.empty() ? std::string() : p.settings.facility_types.front().key;
}

Project scenario_input(const Project& project, const std::string& service) {
    Project p = project;
    p.initiatives.clear();
    for (const Initiative& i : project.initiatives) {
        if (!i.service.empty() && i.service != service) continue;
        p.initiatives.push_back(i);
        p.initiatives.back().service.clear();  // not in the baseline: the plan adds it to `service`
    }
    return p;
}

bool scenario_needs_baseline(const Project& project, const std::string& service) {
    return std::any_of(project.initiatives.begin(), project.initiatives.end(),
                       [&](const Initiative& i) { return i.service == service && i.radius_m && *i.radius_m > 0; });
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

void set_comparison_classes(MapLayers& base, ScenarioMode mode) {
    const bool ratio = base.metric == ChoroplethMetric::CoveragePopulation || base.metric == ChoroplethMetric::CoverageArea;
    if (scenario_compares(mode) && ratio) base.shared_classes = make_classes({0.0, 1.0}, base.class_count, ClassMethod::EqualInterval);
    else base.shared_classes.reset();
}

void follow_base_map(MapLayers& plan, const MapLayers& base, const std::string& service, ScenarioMode mode, double swipe) {
    plan.styles = base.styles;
    plan.draw_order = base.draw_order;
    plan.service = service;
    plan.metric = base.metric;
    plan.class_method = base.class_method;
    plan.class_count = base.class_count;
    plan.shared_classes = base.classes();  // one legend for both
    plan.camera = scenario_plan_camera(base.camera, mode, swipe);
}

void draw_scenario_divider(Canvas& canvas, const Camera& c, ScenarioMode mode, double swipe, float scale) {
    if (mode == ScenarioMode::Off) return;
    const Rgba base_col = 0x546e7aeb, plan_col = 0x1565c0eb, dark = 0x212121ff;
    const float top = float(c.vy) + 12 * scale;
    if (mode == ScenarioMode::Baseline) {
        tag(canvas, {float(c.vx) + 12 * scale, top}, tr("Baseline: existing facilities"), base_col, scale);
        return;
    }
    if (mode == ScenarioMode::Plan) {
        tag(canvas, {float(c.vx) + 12 * scale, top}, tr("Plan: facilities and initiatives"), plan_col, scale);
        return;
    }
    const float split = mode == ScenarioMode::Swipe ? float(std::round(scenario_swipe_x(c, swipe))) : float(c.vx + c.vw);
    // Below the north arrow and a slide's title block.
    const float tag_y = float(c.vy) + std::max(70 * scale, float(c.vh) * 0.2f);
    const float bottom = float(c.vy + c.vh);
    if (mode == ScenarioMode::Swipe) {
        canvas.line({split, float(c.vy)}, {split, bottom}, 0xffffffff, 5 * scale);
        canvas.line({split, float(c.vy)}, {split, bottom}, dark, 2 * scale);
        const Point h{split, float(c.vy + c.vh / 2)};
        canvas.circle_filled(h, 14 * scale, 0xffffffff, 24);
        canvas.circle(h, 14 * scale, dark, 24, 2 * scale);
        canvas.triangle_filled({h.x - 10 * scale, h.y}, {h.x - 3 * scale, h.y - 6 * scale}, {h.x - 3 * scale, h.y + 6 * scale}, dark);
        canvas.triangle_filled({h.x + 10 * scale, h.y}, {h.x + 3 * scale, h.y + 6 * scale}, {h.x + 3 * scale, h.y - 6 * scale}, dark);
    } else {
        canvas.line({split, float(c.vy)}, {split, bottom}, dark, 3 * scale);
    }
    tag(canvas, {split - 12 * scale, tag_y}, tr("Baseline"), base_col, scale, true);
    tag(canvas, {split + 12 * scale, tag_y}, tr("Plan"), plan_col, scale);
}

}  // namespace pc::gui
