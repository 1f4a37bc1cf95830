// Site suggestion panel (panel_suggest.h).
#include "panel_suggest.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

#include "geo/doc/command.h"
#include "geo/doc/view_commands.h"
#include "geo/uuid.h"
#include "render/i18n.h"
#include "panels.h"

namespace pc::gui {

SuggestOptions SuggestPanel::options(const Document& doc) const {
    const Project& p = doc.project();
    SuggestOptions o;
    o.service = service.empty() && !p.settings.facility_types.empty() ? p.settings.facility_types.front().key : service;
    o.count = by_budget ? sites_for_budget(budget_rp, cost_per_site_rp) : std::size_t(std::max(1, count));
    if (o.count == 0) throw InputError({"", "", "", "budget"}, tr("The budget does not buy one site"));
    o.within = within;
    o.source = grid_candidates ? CandidateSource::Grid : CandidateSource::DesaCentres;
    o.grid_spacing_m = grid_spacing_m;
    return o;
}

void SuggestPanel::start(const Document& doc) {
    cancel();
    error_.clear();
    SuggestOptions o;
    try {
        o = options(doc);
    } catch (const std::exception& e) {
        error_ = e.what();
        return;
    }
    for_doc_ = &doc;
    job_ = SuggestionJob(doc, o);
}

ViewSuggestion SuggestPanel::slide_parameters() const {
    ViewSuggestion g;
    g.service = service;
    g.count = std::max(1, count);
    if (by_budget) {
        g.budget_rp = budget_rp;
        g.cost_per_site_rp = cost_per_site_rp;
    }
    g.within = within;
    if (grid_candidates) g.candidates = "grid:" + std::to_string(int(std::lround(grid_spacing_m)));
    return g;
}

void SuggestPanel::cancel() {
    if (!job_.running()) return;
    job_.cancel();
    job_ = SuggestionJob();
    error_ = tr("Cancelled");
}

void SuggestPanel::poll() {
    if (!job_.ready()) return;
    try {
        result_ = job_.take();
        accepted_.assign(result_->sites.size(), false);
    } catch (const Cancelled&) {
        error_ = tr("Cancelled");
    } catch (const std::exception& e) {
        error_ = e.what();
    }
}

void SuggestPanel::wait() {
    while (job_.running() && !job_.ready()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    poll();
}

void SuggestPanel::accept(Document& doc, std::size_t k) {
    if (!result_ || k >= result_->sites.size()) return;
    const SuggestedSite& s = result_->sites[k];
    Initiative ini;
    ini.id = new_uuid();
    char name[160];
    std::snprintf(name, sizeof name, "%s %s %zu (%s)", tr("Suggested"), result_->service_label.c_str(), k + 1,
                  s.desa_name.c_str());
    ini.name = name;
    char desc[200];
    std::snprintf(desc, sizeof desc, "%s: %.0f", tr("People newly covered"), s.people_added);
    ini.description = desc;
    ini.radius_m = result_->radius_m;
    ini.geometry = Geometry::point(s.lonlat.x, s.lonlat.y);
    ini.status = Status::Usulan;
    doc.execute(add_initiative(std::move(ini)));
    accepted_[k] = true;
}

void SuggestPanel::draw_panel(Document& doc, MapView& map) {
    if (for_doc_ && for_doc_ != &doc) {  // another document: nothing of the old suggestion holds
        cancel();
        result_.reset();
        error_.clear();
        for_doc_ = nullptr;
    }
    poll();
    if (!show_panel) return;
    const Project& p = doc.project();
    const ImGuiIO& io = ImGui::GetIO();
    // Low on the left, over the layers panel: the sites appear on the map beside it.
    ImGui::SetNextWindowPos(ImVec2(8, io.DisplaySize.y * 0.45f), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(480, io.DisplaySize.y * 0.5f), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(trid("Suggest sites").c_str(), &show_panel)) {
        ImGui::End();
        return;
    }
    // Service.
    if (service.empty() && !p.settings.facility_types.empty()) service = p.settings.facility_types.front().key;
    if (ImGui::BeginCombo(tr("Service"), service_label(p, service).c_str())) {
        for (auto& t : p.settings.facility_types)
            if (ImGui::Selectable(t.label.c_str(), t.key == service)) service = t.key;
        ImGui::EndCombo();
    }
    // How many.
    ImGui::Checkbox(tr("By budget"), &by_budget);
    if (by_budget) {
        ImGui::InputScalar(tr("Budget (Rp)"), ImGuiDataType_S64, &budget_rp);
        ImGui::InputScalar(tr("Cost per site (Rp)"), ImGuiDataType_S64, &cost_per_site_rp);
    } else {
        ImGui::SliderInt(tr("Sites"), &count, 1, 50);
    }
    // Area.
    const char* district = tr("Whole district");
    if (ImGui::BeginCombo(tr("Area"), within.empty() ? district : within.c_str())) {
        if (ImGui::Selectable(district, within.empty())) within.clear();
        for (auto& z : p.zones)
            if (ImGui::Selectable((z.code + " " + z.name).c_str(), within == z.code)) within = z.code;
        for (auto& k : p.kecamatan)
            if (ImGui::Selectable(("Kec. " + k.name).c_str(), within == k.code)) within = k.code;
        ImGui::EndCombo();
    }
    ImGui::Checkbox(tr("Grid candidates"), &grid_candidates);
    if (grid_candidates) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(120);
        ImGui::InputDouble("m", &grid_spacing_m, 100, 500, "%.0f");
        grid_spacing_m = std::max(50.0, grid_spacing_m);
    }
    if (running()) {
        ImGui::ProgressBar(float(progress()), ImVec2(-120, 0));
        ImGui::SameLine();
        if (ImGui::Button(tr("Cancel"))) cancel();
    } else if (ImGui::Button(tr("Suggest"))) {
        start(doc);
    }
    ImGui::SameLine();
    if (ImGui::Button(tr("Add as slide"))) {
        doc.execute(add_view(p, suggestion_view(p, slide_parameters())));
    }
    if (!error_.empty()) ImGui::TextWrapped("%s", error_.c_str());
    if (result_) {
        const SuggestResult& r = *result_;
        ImGui::Separator();
        ImGui::TextWrapped("%s: %s · %s %s", tr("Not covered yet"), format_count(r.uncovered_before).c_str(), tr("added"),
                           format_count(r.people_added).c_str());
        if (ImGui::BeginTable("sites", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY,
                              ImVec2(0, 0))) {
            ImGui::TableSetupColumn("#");
            ImGui::TableSetupColumn(tr("Desa"));
            ImGui::TableSetupColumn(tr("People added"));
            ImGui::TableSetupColumn(tr("Cumulative"));
            ImGui::TableSetupColumn("");
            ImGui::TableHeadersRow();
            for (std::size_t k = 0; k < r.sites.size(); ++k) {
                const auto& s = r.sites[k];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::Text("%zu", k + 1);
                ImGui::TableNextColumn();
                if (ImGui::Selectable((s.desa_name + "##" + std::to_string(k)).c_str())) map.zoom_to(s.service_area.envelope(), 4 * r.radius_m);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(format_count(s.people_added).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(format_count(s.cumulative).c_str());
                ImGui::TableNextColumn();
                ImGui::PushID(int(k));
                if (accepted_[k]) ImGui::TextDisabled("%s", tr("Accepted"));
                else if (ImGui::SmallButton(tr("Accept"))) accept(doc, k);
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
    }
    ImGui::End();
}

void SuggestPanel::draw_overlay(ImDrawList* dl, const MapView& map, float scale) const {
    if (!result_ || !show_panel) return;
    draw_suggested_sites(dl, *result_, [&](Coord c) { return map.to_screen(c); }, 9.0f * scale, nullptr,
                         ImGui::GetFontSize(), false);
}

}  // namespace pc::gui
