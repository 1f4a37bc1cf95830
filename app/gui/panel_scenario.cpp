// Baseline against plan: the plan's map beside or behind a swipe line, and the change table.
#include "panel_scenario.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "render/i18n.h"
#include "gui_canvas.h"
#include "panels.h"
#include "render/scenario_split.h"

namespace pc::gui {
namespace {

template <class T>
void toggle(std::vector<T>& list, T value, bool on) {
    auto it = std::find(list.begin(), list.end(), value);
    if (on && it == list.end()) list.push_back(value);
    if (!on && it != list.end()) list.erase(it);
}

template <class T>
bool has(const std::vector<T>& list, T value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

const char* mode_name(ScenarioMode m) {
    switch (m) {
        case ScenarioMode::Off: return "Off";
        case ScenarioMode::Baseline: return "Baseline";
        case ScenarioMode::Plan: return "Plan";
        case ScenarioMode::SideBySide: return "Side by side";
        case ScenarioMode::Swipe: return "Swipe";
    }
    return "";
}

}  // namespace

void ScenarioView::set(const ViewScenario& s) {
    mode = s.mode;
    filter = s.filter;
    swipe = s.swipe_position;
    gap_drop_pct = s.gap_closed_drop_pct;
}

std::string ScenarioView::service(const Document& doc, const MapView& base) const {
    return scenario_service(doc.project(), base.service);
}

void ScenarioView::layout(MapView& base) const {
    scenario_layout(base.camera, mode);
}

Camera ScenarioView::plan_camera(const MapView& base) const {
    return scenario_plan_camera(base.camera, mode, swipe);
}

void ScenarioView::sync(Document& doc, MapView& base) {
    set_comparison_classes(base, mode);
    base.sync();
    if (mode == ScenarioMode::Off) return;
    const std::string svc = service(doc, base);
    // A finished rebuild replaces the plan on screen.
    if (pending_.valid() && pending_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        Built b = pending_.get();
        plan_map_.reset();
        baseline_map_.reset();
        plan_doc_ = std::move(b.doc);
        baseline_doc_ = std::move(b.baseline);
        if (baseline_doc_) baseline_map_ = std::make_unique<MapLayers>(*baseline_doc_);
        comparison_ = std::move(b.comparison);
        error_ = std::move(b.error);
        if (plan_doc_) plan_map_ = std::make_unique<MapLayers>(*plan_doc_);
        if (comparison_) classify_gaps(*comparison_, gap_drop_pct);
        built_drop_ = gap_drop_pct;
    }
    const bool stale = built_for_ != &doc || built_revision_ != scenario_content_revision(doc) || built_service_ != svc ||
                       !(built_filter_ == filter);
    if (stale && !pending_.valid() && !svc.empty()) {
        if (built_for_ != &doc) {  // another document: nothing of the old plan is valid
            plan_map_.reset();
            plan_doc_.reset();
            baseline_map_.reset();
            baseline_doc_.reset();
            comparison_.reset();
        }
        built_for_ = &doc;
        built_revision_ = scenario_content_revision(doc);
        built_service_ = svc;
        built_filter_ = filter;
        // The work runs on copies: the document keeps changing on this thread meanwhile.
        pending_ = std::async(std::launch::async, [project = doc.project(), f = filter, svc, drop = gap_drop_pct,
                                                   options = doc.options()]() {
            Built b;
            try {
                const Project input = scenario_input(project, svc);
                b.doc = std::make_unique<Document>(plan_project(input, f, svc), "", options);
                b.doc->analysis();  // the plan map's colours, computed here rather than in the frame
                if (scenario_needs_baseline(project, svc)) {
                    b.baseline = std::make_unique<Document>(input, "", options);
                    b.baseline->analysis();
                }
                b.comparison = compare_scenarios(input, f, svc, drop, options);
            } catch (const std::exception& e) {
                b.error = e.what();
            }
            return b;
        });
    }
    if (comparison_ && built_drop_ != gap_drop_pct) {
        classify_gaps(*comparison_, gap_drop_pct);
        built_drop_ = gap_drop_pct;
    }
    if (baseline_map_) {
        follow_base_map(*baseline_map_, base, svc, ScenarioMode::Baseline, swipe);
        baseline_map_->sync();
    }
    if (!plan_map_) return;
    follow_base_map(*plan_map_, base, svc, mode, swipe);
    plan_map_->sync();
}

bool ScenarioView::draw_baseline(MapRenderer& r, const FramebufferInfo& fb, const MapView& base) {
    if (!baseline_map_ || !scenario_shows_baseline(mode)) return false;
    baseline_map_->camera = base.camera;
    baseline_map_->draw(r, fb);
    return true;
}

bool ScenarioView::handle_input(const MapView& base, double x, double y, bool pressed, bool down) {
    if (mode != ScenarioMode::Swipe) {
        dragging_ = false;
        return false;
    }
    const Camera& c = base.camera;
    if (pressed && std::abs(x - swipe_x(base)) <= 10 && y >= c.vy && y < c.vy + c.vh) dragging_ = true;
    if (!down) dragging_ = false;
    if (dragging_) swipe = std::clamp((x - c.vx) / std::max(1.0, c.vw), 0.0, 1.0);
    return dragging_;
}

void ScenarioView::draw_plan(MapRenderer& r, const FramebufferInfo& fb, const MapView& base) {
    if (!plan_map_ || !shows_plan()) return;
    plan_map_->camera = plan_camera(base);
    if (plan_map_->camera.vw < 1) return;
    plan_map_->draw(r, fb);
}

void ScenarioView::draw_overlay(ImDrawList* dl, const MapView& base, float scale) {
    ImGuiCanvas canvas = gui_canvas(dl);
    if (plan_map_ && mode == ScenarioMode::SideBySide) plan_map_->draw_overlay(canvas);
    draw_scenario_divider(canvas, base.camera, mode, swipe, scale);
}

void ScenarioView::draw_panel(Document& doc, MapView& base) {
    if (!show_panel) return;
    const Project& p = doc.project();
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.35f, io.DisplaySize.y * 0.25f), ImGuiCond_FirstUseEver);
    const float em = ImGui::GetFontSize() / 16;  // sizes below are those of UI scale 1
    ImGui::SetNextWindowSize(ImVec2(560 * em, 560 * em), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(trid("Scenarios").c_str(), &show_panel)) {
        ImGui::End();
        return;
    }
    int m = int(mode);
    for (ScenarioMode sm : kScenarioModes) {
        if (sm != ScenarioMode::Off) ImGui::SameLine();
        ImGui::RadioButton(tr(mode_name(sm)), &m, int(sm));
    }
    mode = ScenarioMode(m);
    const std::string svc = service(doc, base);
    const FacilityType* ft = p.facility_type(svc);
    ImGui::Text("%s: %s", tr("Compared service"), ft ? ft->label.c_str() : svc.c_str());

    if (ImGui::TreeNodeEx(tr("Initiatives in the plan"), ImGuiTreeNodeFlags_DefaultOpen)) {
        ImGui::TextDisabled("%s", tr("none ticked = all"));
        int y0 = p.settings.period_start, y1 = p.settings.period_end;
        for (const auto& i : p.initiatives) {
            if (i.start_year > 0 && (y0 == 0 || i.start_year < y0)) y0 = i.start_year;
            if (i.end_year > y1) y1 = i.end_year;
        }
        if (y0 > 0 && y1 >= y0 && y1 - y0 < 30) {
            ImGui::TextUnformatted(tr("Years"));
            for (int y = y0; y <= y1; ++y) {
                bool on = has(filter.years, y);
                ImGui::SameLine();
                if (ImGui::Checkbox(std::to_string(y).c_str(), &on)) toggle(filter.years, y, on);
            }
        }
        ImGui::TextUnformatted(tr("Status"));
        for (Status s : kStatuses) {
            bool on = has(filter.statuses, s);
            ImGui::SameLine();
            if (ImGui::Checkbox(status_name(int(s)), &on)) toggle(filter.statuses, s, on);
        }
        ImGui::TextUnformatted(tr("Pillar"));
        for (Pillar pl : kPillars) {
            bool on = has(filter.pillars, pl);
            if (pl != Pillar::Governance && pl != Pillar::Society) ImGui::SameLine();
            if (ImGui::Checkbox(pillar_name(int(pl)), &on)) toggle(filter.pillars, pl, on);
        }
        ImGui::TreePop();
    }
    float drop = float(gap_drop_pct);
    // The label above its slider: a long label beside it runs out of the panel.
    ImGui::TextWrapped("%s", tr("Gap closed when uncovered drops by"));
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::SliderFloat("##gap_drop", &drop, 10, 100, "%.0f%%")) gap_drop_pct = drop;

    if (!error_.empty()) ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), "%s", error_.c_str());
    if (building()) ImGui::TextDisabled("%s", tr("Computing the plan..."));
    if (mode != ScenarioMode::Off && comparison_) {
        const ScenarioComparison& c = *comparison_;
        const ScenarioUnit& d = c.district;
        ImGui::Separator();
        ImGui::Text("%s: %zu (%s)", tr("Initiatives in the plan"), c.initiatives_in_plan, format_rupiah(c.plan_budget_rp).c_str());
        auto pct = [](double a, double b) { return b > 0 ? 100 * a / b : 0.0; };
        ImGui::Text("%s: %.1f%% -> %.1f%%  (+%s %s)", tr("District population covered"),
                    pct(d.baseline_covered_population, d.population), pct(d.plan_covered_population, d.population),
                    format_count(d.covered_population_change()).c_str(), tr("people"));
        ImGui::Text("%s: +%.2f km²   %s: %zu", tr("Area newly covered"), d.covered_km2_change(), tr("Desa gaps closed"), d.desa_gaps_closed);
        const ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Sortable;
        if (ImGui::BeginTable("##change", 6, tf, ImVec2(0, 0))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn(tr("Kecamatan"));
            ImGui::TableSetupColumn(tr("Baseline"));
            ImGui::TableSetupColumn(tr("Plan"));
            ImGui::TableSetupColumn(tr("+ people"), ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending);
            ImGui::TableSetupColumn("+ km²");
            ImGui::TableSetupColumn(tr("Gaps closed"));
            ImGui::TableHeadersRow();
            std::vector<const ScenarioUnit*> rows;
            for (const auto& k : c.kecamatan) rows.push_back(&k);
            std::stable_sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return a->covered_population_change() > b->covered_population_change(); });
            for (const ScenarioUnit* k : rows) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(k->name.empty() ? k->code.c_str() : k->name.c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%.1f%%", pct(k->baseline_covered_population, k->population));
                ImGui::TableNextColumn();
                ImGui::Text("%.1f%%", pct(k->plan_covered_population, k->population));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(format_count(k->covered_population_change()).c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%.2f", k->covered_km2_change());
                ImGui::TableNextColumn();
                ImGui::Text("%zu%s", k->desa_gaps_closed, k->gap_closed ? " *" : "");
            }
            ImGui::EndTable();
        }
    }
    ImGui::End();
}

}  // namespace pc::gui
