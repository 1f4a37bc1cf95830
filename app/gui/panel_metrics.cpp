// Right panel: live what-if, district summary per service, kecamatan and desa tables, top gaps,
// initiatives per pillar, OPD and year (counts or budgets as bar charts). A unit chosen in a table or
// the gaps list is flown to and outlined on the map.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <unordered_map>

#include "geo/doc/admin_names.h"
#include "render/i18n.h"
#include "gui_canvas.h"
#include "panels.h"
#include "unit_table.h"

namespace pc::gui {

std::string format_signed_count(double v) {
    const std::string digits = format_count(std::abs(v));
    if (digits == "0") return "0";
    return (v < 0 ? "-" : "+") + digits;
}

std::string format_decimal(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    if (language() == Language::Indonesian) std::replace(s.begin(), s.end(), '.', ',');
    if (s.size() > 1 && s[0] == '-' && s.find_first_not_of("-0,.") == std::string::npos) s.erase(0, 1);  // no "-0,00"
    return s;
}

std::string format_signed_decimal(double v, int decimals) {
    std::string s = format_decimal(std::abs(v), decimals);
    if (s.find_first_not_of("0,.") == std::string::npos) return s;
    return (v < 0 ? "-" : "+") + s;
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

void unit_figure_cells(const UnitMetrics& u, bool area) {
    ImGui::TableNextColumn();
    ImGui::Text("%.0f%%", u.coverage_ratio_population * 100);
    if (area) {
        ImGui::TableNextColumn();
        ImGui::Text("%.0f%%", u.coverage_ratio_area * 100);
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_count(u.uncovered_population).c_str());
    ImGui::TableNextColumn();
    if (std::isnan(u.nearest_facility_m)) ImGui::TextDisabled("—");
    else ImGui::Text("%s km", format_decimal(u.nearest_facility_m / 1000, 1).c_str());
}

namespace {

void percent_bar(double ratio) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", ratio * 100);
    ImGui::ProgressBar(float(std::clamp(ratio, 0.0, 1.0)), ImVec2(-1, 0), buf);
}

// A sortable table of units (desa or kecamatan) with only the visible rows laid out (a province has
// 8,494 desa). Sorting is redone when the header is clicked or the figures change. Names say where a
// unit lies when the project spans several kabupaten ("Arjasa (Kabupaten Jember)"), and every column
// is as wide as its widest text and its header: nothing is cut ("Terla…"); the table scrolls sideways.
template <class OnClick>
void unit_table(const char* id, const std::vector<UnitMetrics>& units, AdminLevel level, const AdminNames& names,
                std::uint64_t revision, int visible_rows, const std::string& focused, OnClick&& on_click) {
    struct Cache {
        std::uint64_t revision = 0;
        const void* data = nullptr;
        std::size_t size = 0;
        std::vector<std::size_t> rows;
        std::vector<std::string> labels;  // per unit, in `units` order
        float label_width = 0, font_size = 0;
        Language language = Language::Indonesian;
    };
    static std::unordered_map<std::string, Cache> caches;
    Cache& cache = caches[id];
    const bool new_data = cache.revision != revision || cache.data != units.data() || cache.size != units.size();
    if (new_data || cache.font_size != ImGui::GetFontSize()) {
        cache.labels.clear();
        cache.label_width = 0;
        for (const auto& u : units) {
            std::string label = AdminNames::shown(u.name, u.code);
            const std::string where = level == AdminLevel::Kecamatan || names.several_kabupaten() ? names.within(level, u.code, u.parent_code) : "";
            if (!where.empty()) label += " (" + where + ")";
            cache.label_width = std::max(cache.label_width, ImGui::CalcTextSize(label.c_str()).x);
            cache.labels.push_back(std::move(label));
        }
        cache.font_size = ImGui::GetFontSize();
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                  ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable(id, kUnitColumns, flags, ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * float(visible_rows + 1)))) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    // Each column as wide as its header (plus the sort arrow) or its widest value.
    const float arrow = ImGui::GetFontSize() * 1.2f;
    auto width = [&](const char* header, const char* widest) {
        return std::max(ImGui::CalcTextSize(header).x + arrow, ImGui::CalcTextSize(widest).x);
    };
    ImGui::TableSetupColumn(tr("Name"), ImGuiTableColumnFlags_DefaultSort, std::max(cache.label_width, width(tr("Name"), "")));
    ImGui::TableSetupColumn(tr("Population"), ImGuiTableColumnFlags_PreferSortDescending, width(tr("Population"), "8.888.888"));
    ImGui::TableSetupColumn(tr("Covered"), 0, width(tr("Covered"), "100%"));
    ImGui::TableSetupColumn(tr("Area covered"), 0, width(tr("Area covered"), "100%"));
    ImGui::TableSetupColumn(tr("Uncovered"), ImGuiTableColumnFlags_PreferSortDescending, width(tr("Uncovered"), "8.888.888"));
    ImGui::TableSetupColumn(tr("Distance"), 0, width(tr("Distance"), "888,8 km"));
    ImGui::TableHeadersRow();
    ImGuiTableSortSpecs* spec = ImGui::TableGetSortSpecs();
    bool dirty = new_data || cache.language != language();
    if (spec && spec->SpecsDirty) dirty = true;
    if (dirty) {
        UnitColumn col = UnitColumn::Name;
        bool asc = true;
        if (spec && spec->SpecsCount > 0) {
            col = UnitColumn(spec->Specs[0].ColumnIndex);
            asc = spec->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
        }
        cache.rows = sorted_rows(units, col, asc);
        cache.revision = revision;
        cache.data = units.data();
        cache.size = units.size();
        cache.language = language();
        if (spec) spec->SpecsDirty = false;
    }
    ImGuiListClipper clipper;
    clipper.Begin(int(cache.rows.size()));
    while (clipper.Step())
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const std::size_t k = cache.rows[std::size_t(r)];
            const UnitMetrics& u = units[k];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(r);
            if (ImGui::Selectable(cache.labels[k].c_str(), u.code == focused, ImGuiSelectableFlags_SpanAllColumns)) on_click(u);
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_count(u.population).c_str());
            unit_figure_cells(u, true);
        }
    ImGui::EndTable();
}

struct ChartBar {
    std::string label;
    std::size_t count = 0;
    std::int64_t budget_rp = 0;
    Rgba colour = 0x546e7aff;
};

// Horizontal bars of counts or of budgets (whole pixels, the longest bar = the largest value; none
// for zero), with both numbers beside each as text so they read at any length.
void bar_chart(const char* id, const std::vector<ChartBar>& bars, bool by_budget) {
    if (bars.empty()) {
        ImGui::TextDisabled("%s", tr("No initiatives"));
        return;
    }
    ImGui::PushID(id);
    auto value = [&](const ChartBar& b) { return by_budget ? double(b.budget_rp) : double(b.count); };
    double max_value = 0;
    for (const auto& b : bars) max_value = std::max(max_value, value(b));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float label_w = ImGui::GetContentRegionAvail().x * 0.34f;
    const float bar_w = std::round(ImGui::GetContentRegionAvail().x * 0.30f);
    for (const auto& b : bars) {
        ImGui::TextUnformatted(b.label.c_str());
        ImGui::SameLine(label_w);
        ImVec2 pos = ImGui::GetCursorScreenPos();
        const float h = ImGui::GetTextLineHeight(), x0 = std::round(pos.x), inset = std::round(h * 0.15f);
        const float len = max_value > 0 ? std::round(bar_w * float(value(b) / max_value)) : 0;
        const Rgba c = b.colour;
        if (len > 0)
            dl->AddRectFilled(ImVec2(x0, std::round(pos.y) + inset), ImVec2(x0 + len, std::round(pos.y + h) - inset),
                              IM_COL32(int(c >> 24), int((c >> 16) & 0xff), int((c >> 8) & 0xff), 255));
        ImGui::Dummy(ImVec2(bar_w, h));
        ImGui::SameLine();
        ImGui::Text("%zu · %s", b.count, format_rupiah(b.budget_rp).c_str());
    }
    ImGui::PopID();
}

// The unit chosen in a table or the gaps list, outlined on the map (white halo, selection cyan).
void draw_focused_unit(const Project& p, const MapView& map, const std::string& code) {
    if (code.empty()) return;
    const AdminUnit* unit = nullptr;
    for (const auto* layer : {&p.desa, &p.kecamatan})
        for (const auto& u : *layer)
            if (u.code == code) unit = &u;
    if (!unit) return;
    ImGuiCanvas canvas = gui_canvas(ImGui::GetBackgroundDrawList());
    const Camera& c = map.camera;
    const float s = map.ui_scale;
    canvas.push_clip({float(c.vx), float(c.vy)}, {float(c.vx + c.vw), float(c.vy + c.vh)});
    draw_cased_outline(canvas, map, unit->geometry, 0xffffffdc, 6 * s, kFocusedUnitColour | 0xff, 3.5f * s);
    canvas.pop_clip();
}

}  // namespace

void draw_metrics_panel(Document& doc, MapView& map, UiState& ui, float top, float height) {
    const Project& p = doc.project();
    draw_focused_unit(p, map, ui.focused_unit);
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - ui.right_width, top), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(ui.right_width, height), ImGuiCond_Always);
    ImGui::Begin(trid("Metrics").c_str(), nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                                         ImGuiWindowFlags_NoBackground);  // the frame clear paints it (app.cpp)

    // Live what-if of the placement or drag in progress.
    if (const auto& w = map.live_what_if()) {
        ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.97f, 0.82f, 1.0f));
        ImGui::BeginChild("whatif", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 3.4f), true);
        ImGui::Text("%s — %s", tr("What-if"), service_label(p, w->service).c_str());
        ImGui::Text("%s %s", format_signed_count(w->district.covered_population_delta).c_str(), tr("newly covered people"));
        ImGui::Text("%s km² %s", format_signed_decimal(w->district.covered_km2_delta, 2).c_str(), tr("newly covered area"));
        ImGui::EndChild();
        ImGui::PopStyleColor();
    } else if (map.live_waiting()) {
        ImGui::TextDisabled("%s", tr("What-if: preparing the analysis..."));
    }

    // The figures are computed by the document's worker: the newest finished ones are shown whole (one
    // state, never a mix), with a note and progress while newer ones are on their way.
    doc.request_analysis();
    const std::shared_ptr<const AnalysisResult> kept = doc.latest_analysis();
    const AnalysisResult* a = kept.get();
    if (!doc.analysis_current()) {
        const std::string error = doc.analysis_error();
        if (!error.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.70f, 0.10f, 0.10f, 1.0f));
            ImGui::TextWrapped("%s: %s", tr("The figures cannot be computed"), error.c_str());
            ImGui::PopStyleColor();
        } else {
            ImGui::TextUnformatted(a ? tr("Recomputing the figures after the last change...") : tr("Computing the figures..."));
            WorkStatus ws = doc.work_status();
            if (!ws.busy()) ws = WorkStatus{WorkKind::Analysis, 0, "", 0};
            ImGui::TextDisabled("%s", work_label(ws).c_str());
            work_progress(ws);
            if (a) ImGui::TextDisabled("%s", tr("Shown until then: the figures before it."));
        }
        ImGui::Separator();
    }
    if (!a) {
        ImGui::End();
        return;
    }

    if (ImGui::CollapsingHeader(trid("District summary").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
        if (ImGui::BeginTable("summary", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
            const char* headers[] = {tr("Service"), tr("Coverage of population"), tr("Coverage of area"), tr("Uncovered")};
            const float weights[] = {1.2f, 1.3f, 1.0f, 1.0f};
            for (int c = 0; c < 4; ++c) ImGui::TableSetupColumn(headers[c], ImGuiTableColumnFlags_WidthStretch, weights[c]);
            // Headers wrap onto a second line where a column is narrower than its header (English
            // "Coverage of population" in a 1600-pixel window): never shortened to "Coverage of p…".
            ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
            for (int c = 0; c < 4; ++c) {
                ImGui::TableSetColumnIndex(c);
                ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, ImGui::GetColorU32(ImGuiCol_TableHeaderBg));
                ImGui::TextWrapped("%s", headers[c]);
            }
            for (const auto& s : a->services) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                if (ImGui::Selectable(service_label(p, s.service).c_str(), map.service == s.service, ImGuiSelectableFlags_SpanAllColumns))
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

    // The first service there is once there is one (a project without facilities gets its first
    // when an initiative with a radius is placed): its tables, gaps and choropleth.
    if (!a->services.empty() && !a->service(map.service)) map.service = a->services.front().service;
    if (a->services.empty())
        ImGui::TextWrapped("%s", tr("No service to measure yet: add facilities, or initiatives with a service radius."));

    // A row of a table or of the gaps list: fly to the unit and outline it.
    auto focus = [&](const std::vector<AdminUnit>& layer, const std::string& code) {
        for (const auto& u : layer)
            if (u.code == code) {
                map.zoom_to(u.geometry.envelope());
                ui.focused_unit = code;
            }
    };
    const ServiceCoverage* s = a->service(map.service);
    static std::optional<AdminNames> names_cache;
    static std::uint64_t names_revision = 0;
    static std::uint64_t names_doc = 0;
    if (!names_cache || names_revision != doc.layer_revision(DocLayer::Admin) || names_doc != doc.serial()) {
        names_cache.emplace(p);
        names_revision = doc.layer_revision(DocLayer::Admin);
        names_doc = doc.serial();
    }
    const AdminNames& names = *names_cache;
    if (s && ImGui::CollapsingHeader(trid("Kecamatan").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
        ImGui::TextDisabled("%s", service_label(p, s->service).c_str());
        unit_table("kecamatan", s->kecamatan, AdminLevel::Kecamatan, names, doc.analysis_revision(), 9, ui.focused_unit, [&](const UnitMetrics& k) { focus(p.kecamatan, k.code); });
    }
    if (s && ImGui::CollapsingHeader(trid("Desa").c_str())) {
        ImGui::TextDisabled("%s · %zu desa", service_label(p, s->service).c_str(), s->desa.size());
        unit_table("desa", s->desa, AdminLevel::Desa, names, doc.analysis_revision(), 12, ui.focused_unit, [&](const UnitMetrics& d) { focus(p.desa, d.code); });
    }

    if (s && ImGui::CollapsingHeader(trid("Top service gaps").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
        std::size_t shown = 0;
        for (std::size_t idx : s->gap_ranking) {
            if (shown >= 6 || idx >= s->desa.size()) break;
            const UnitMetrics& d = s->desa[idx];
            if (d.uncovered_population < 0.5) break;  // ranked by people: the rest have nobody uncovered
            ++shown;
            char line[256];
            std::snprintf(line, sizeof line, "%zu. %s — %s %s", shown, d.name.c_str(), format_count(d.uncovered_population).c_str(), tr("people"));
            if (ImGui::Selectable(line, d.code == ui.focused_unit)) focus(p.desa, d.code);
        }
        if (shown == 0) ImGui::TextDisabled("%s", tr("No gaps: everybody lives within reach of this service"));
    }

    // Counts or budgets: one switch for the three charts.
    if (ImGui::CollapsingHeader(trid("Initiatives by pillar").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
        int measure = ui.charts_by_budget ? 1 : 0;
        ImGui::RadioButton(tr("Count"), &measure, 0);
        ImGui::SameLine();
        ImGui::RadioButton(tr("Budget"), &measure, 1);
        ui.charts_by_budget = measure == 1;
        const auto& by = a->initiatives.by_pillar;
        std::vector<ChartBar> bars;
        for (std::size_t i = 0; i < by.size() && i < 6; ++i)
            bars.push_back({pillar_name(int(i)), by[i].count, by[i].budget_rp, pillar_colour(Pillar(i))});
        bar_chart("pillar", bars, ui.charts_by_budget);
        ImGui::Text("%s: %zu · %s", tr("Count"), a->initiatives.count, format_rupiah(a->initiatives.budget_rp).c_str());
    }
    // OPD and year are not pillars: neutral colours, so no bar reads as a pillar's.
    if (ImGui::CollapsingHeader(trid("Initiatives by OPD").c_str())) {
        std::vector<ChartBar> bars;
        for (const auto& c : a->initiatives.by_opd) bars.push_back({c.key.empty() ? "—" : c.key, c.count, c.budget_rp, kOpdBarColour});
        bar_chart("opd", bars, ui.charts_by_budget);
    }
    if (ImGui::CollapsingHeader(trid("Initiatives by year").c_str())) {
        std::vector<ChartBar> bars;
        for (const auto& c : a->initiatives.by_year) bars.push_back({c.key, c.count, c.budget_rp, kYearBarColour});
        bar_chart("year", bars, ui.charts_by_budget);
    }
    ImGui::End();
}

}  // namespace pc::gui
