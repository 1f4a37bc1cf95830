// Right panel: live what-if, district summary per service, kecamatan table, top gaps, initiatives per pillar.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "i18n.h"
#include "panels.h"

namespace pc::gui {

std::string format_count(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f", std::round(std::abs(v)));
    std::string digits = buf, out;
    const char sep = language() == Language::Indonesian ? '.' : ',';
    int n = int(digits.size());
    for (int i = 0; i < n; ++i) {
        out += digits[std::size_t(i)];
        if ((n - 1 - i) % 3 == 0 && i != n - 1) out += sep;
    }
    return (v < 0 && std::round(std::abs(v)) > 0 ? "-" : "") + out;
}

std::string format_rupiah(std::int64_t v) {
    char buf[64];
    if (std::llabs(v) >= 1'000'000'000) {
        std::snprintf(buf, sizeof buf, language() == Language::Indonesian ? "Rp %.1f M" : "Rp %.1f bn", double(v) / 1e9);
        std::string s = buf;
        if (language() == Language::Indonesian) std::replace(s.begin(), s.end(), '.', ',');
        return s;
    }
    return "Rp " + format_count(double(v));
}

namespace {

const char* service_label(const Project& p, const std::string& key) {
    if (key == "initiatives") return tr("Initiatives");
    const FacilityType* t = p.facility_type(key);
    return t && !t->label.empty() ? t->label.c_str() : key.c_str();
}

void percent_bar(double ratio) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", ratio * 100);
    ImGui::ProgressBar(float(std::clamp(ratio, 0.0, 1.0)), ImVec2(-1, 0), buf);
}

}  // namespace

void draw_metrics_panel(Document& doc, MapView& map, UiState& ui, float top, float height) {
    const Project& p = doc.project();
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - ui.right_width, top), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(ui.right_width, height), ImGuiCond_Always);
    ImGui::Begin(trid("Metrics").c_str(), nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);

    // Live what-if of the placement or drag in progress.
    if (const auto& w = map.live_what_if()) {
        ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.97f, 0.82f, 1.0f));
        ImGui::BeginChild("whatif", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 3.4f), true);
        ImGui::Text("%s — %s", tr("What-if"), service_label(p, w->service));
        ImGui::Text("%s%s %s", w->district.covered_population_delta >= 0 ? "+" : "-",
                    format_count(w->district.covered_population_delta).c_str(), tr("newly covered people"));
        ImGui::Text("%+.2f km² %s", w->district.covered_km2_delta, tr("newly covered area"));
        ImGui::EndChild();
        ImGui::PopStyleColor();
    }

    const AnalysisResult* a = nullptr;
    // A large layer (a province's desa) takes seconds to analyse: only on request, never by surprise.
    static std::uint64_t requested = 0;
    if (!doc.analysis_current() && p.desa.size() > 2000 && requested != doc.revision()) {
        if (ImGui::Button(trid("Compute metrics").c_str())) requested = doc.revision();
        ImGui::End();
        return;
    }
    try {
        a = &doc.analysis();
    } catch (const std::exception& e) {
        ImGui::TextWrapped("%s", e.what());
    }
    if (!a) {
        ImGui::End();
        return;
    }

    if (ImGui::CollapsingHeader(trid("District summary").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
        if (ImGui::BeginTable("summary", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn(tr("Service"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
            ImGui::TableSetupColumn(tr("Coverage of population"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
            ImGui::TableSetupColumn(tr("Coverage of area"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn(tr("Uncovered"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableHeadersRow();
            for (const auto& s : a->services) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                if (ImGui::Selectable(service_label(p, s.service), map.service == s.service, ImGuiSelectableFlags_SpanAllColumns))
                    map.service = s.service;
                ImGui::TableNextColumn();
                percent_bar(s.district.coverage_ratio_population);
                ImGui::TableNextColumn();
                ImGui::Text("%.1f%%", s.district.coverage_ratio_area * 100);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(format_count(s.district.uncovered_population).c_str());
            }
            ImGui::EndTable();
        }
    }

    const ServiceCoverage* s = a->service(map.service);
    if (s && ImGui::CollapsingHeader(trid("Kecamatan").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
        ImGui::TextDisabled("%s", service_label(p, s->service));
        const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                      ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
        if (ImGui::BeginTable("kecamatan", 4, flags, ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 9))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn(tr("Kecamatan"), ImGuiTableColumnFlags_DefaultSort, 1.4f);
            ImGui::TableSetupColumn(tr("Population"), 0, 1.0f);
            ImGui::TableSetupColumn(tr("Covered"), 0, 0.8f);
            ImGui::TableSetupColumn(tr("Uncovered"), 0, 1.0f);
            ImGui::TableHeadersRow();
            std::vector<const UnitMetrics*> rows;
            for (const auto& k : s->kecamatan) rows.push_back(&k);
            if (ImGuiTableSortSpecs* spec = ImGui::TableGetSortSpecs(); spec && spec->SpecsCount > 0) {
                int col = spec->Specs[0].ColumnIndex;
                bool asc = spec->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
                std::stable_sort(rows.begin(), rows.end(), [&](const UnitMetrics* x, const UnitMetrics* y) {
                    bool less = col == 0 ? x->name < y->name
                              : col == 1 ? x->population < y->population
                              : col == 2 ? x->coverage_ratio_population < y->coverage_ratio_population
                                         : x->uncovered_population < y->uncovered_population;
                    bool more = col == 0 ? y->name < x->name
                              : col == 1 ? y->population < x->population
                              : col == 2 ? y->coverage_ratio_population < x->coverage_ratio_population
                                         : y->uncovered_population < x->uncovered_population;
                    return asc ? less : more;
                });
            }
            for (const UnitMetrics* k : rows) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                if (ImGui::Selectable(k->name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
                    for (const auto& u : p.kecamatan)
                        if (u.code == k->code) map.zoom_to(u.geometry.envelope());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(format_count(k->population).c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%.0f%%", k->coverage_ratio_population * 100);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(format_count(k->uncovered_population).c_str());
            }
            ImGui::EndTable();
        }
    }

    if (s && ImGui::CollapsingHeader(trid("Top service gaps").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
        std::size_t shown = 0;
        for (std::size_t idx : s->gap_ranking) {
            if (shown++ >= 6 || idx >= s->desa.size()) break;
            const UnitMetrics& d = s->desa[idx];
            char line[256];
            std::snprintf(line, sizeof line, "%zu. %s — %s %s", shown, d.name.c_str(), format_count(d.uncovered_population).c_str(), tr("people"));
            if (ImGui::Selectable(line))
                for (const auto& u : p.desa)
                    if (u.code == d.code) map.zoom_to(u.geometry.envelope());
        }
    }

    if (ImGui::CollapsingHeader(trid("Initiatives by pillar").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
        const auto& by = a->initiatives.by_pillar;
        std::size_t max_count = 1;
        for (const auto& c : by) max_count = std::max(max_count, c.count);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float label_w = ImGui::GetContentRegionAvail().x * 0.34f;
        const float bar_w = ImGui::GetContentRegionAvail().x * 0.30f;
        for (std::size_t i = 0; i < by.size() && i < 6; ++i) {
            ImGui::TextUnformatted(pillar_name(int(i)));
            ImGui::SameLine(label_w);
            ImVec2 pos = ImGui::GetCursorScreenPos();
            float h = ImGui::GetTextLineHeight();
            Rgba c = pillar_colour(Pillar(i));
            dl->AddRectFilled(ImVec2(pos.x, pos.y + 2), ImVec2(pos.x + bar_w * float(by[i].count) / float(max_count), pos.y + h - 2),
                              IM_COL32(int(c >> 24), int((c >> 16) & 0xff), int((c >> 8) & 0xff), 255), 2);
            ImGui::Dummy(ImVec2(bar_w, h));
            ImGui::SameLine();
            ImGui::Text("%zu · %s", by[i].count, format_rupiah(by[i].budget_rp).c_str());
        }
        ImGui::Text("%s: %zu · %s", tr("Count"), a->initiatives.count, format_rupiah(a->initiatives.budget_rp).c_str());
    }
    ImGui::End();
}

}  // namespace pc::gui
