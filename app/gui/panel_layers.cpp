// Left panel: tools, layers (show/hide, opacity), choropleth settings and the legend of what is drawn.
#include <imgui.h>

#include <cmath>
#include <optional>
#include <cstdio>

#include "render/i18n.h"
#include "form_widgets.h"
#include "panel_context.h"
#include "panels.h"

namespace pc::gui {
namespace {

ImU32 im(Rgba c) { return IM_COL32(int(c >> 24), int((c >> 16) & 0xff), int((c >> 8) & 0xff), int(c & 0xff)); }

void swatch(Rgba c, bool round = false) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    float s = ImGui::GetTextLineHeight();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (round) dl->AddCircleFilled(ImVec2(p.x + s / 2, p.y + s / 2), s * 0.42f, im(c), 16);
    else dl->AddRectFilled(ImVec2(p.x + 1, p.y + 2), ImVec2(p.x + s - 1, p.y + s - 2), im(c), 2);
    ImGui::Dummy(ImVec2(s, s));
    ImGui::SameLine();
}

}  // namespace

std::string service_label(const Project& p, const std::string& key) {
    // Initiatives with a radius that name no service of their own (a WiFi initiative counts in WiFi).
    if (key == "initiatives") return tr("Other initiatives");
    const FacilityType* t = p.facility_type(key);
    return t && !t->label.empty() ? t->label : key;
}

std::string format_class_value(double v, ChoroplethMetric m) {
    char buf[64];
    switch (m) {
        case ChoroplethMetric::CoveragePopulation:
        case ChoroplethMetric::CoverageArea: std::snprintf(buf, sizeof buf, "%.0f%%", v * 100); break;
        case ChoroplethMetric::NearestDistance: std::snprintf(buf, sizeof buf, "%.1f km", v / 1000); break;
        case ChoroplethMetric::Density: std::snprintf(buf, sizeof buf, "%.0f /km²", v); break;
        default: return format_count(v);
    }
    return buf;
}

void draw_layers_panel(Document& doc, MapView& map, UiState& ui, float top, float height) {
    const Project& p = doc.project();
    ImGui::SetNextWindowPos(ImVec2(0, top), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(ui.left_width, height), ImGuiCond_Always);
    ImGui::Begin(trid("Layers").c_str(), nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                                         ImGuiWindowFlags_NoBackground);  // the frame clear paints it (app.cpp)

    // Tools.
    ImGui::TextUnformatted(tr("Tools"));
    int tool = int(map.tool);
    ImGui::RadioButton(tr("Select / move"), &tool, int(Tool::Select));
    ImGui::RadioButton(tr("Place initiative"), &tool, int(Tool::PlaceInitiative));
    ImGui::RadioButton(tr("Place facility"), &tool, int(Tool::PlaceFacility));
    ImGui::RadioButton(tr("Draw line initiative"), &tool, int(Tool::DrawLineInitiative));
    ImGui::RadioButton(tr("Draw polygon initiative"), &tool, int(Tool::DrawPolygonInitiative));
    ImGui::RadioButton(tr("Identify"), &tool, int(Tool::Identify));
    ImGui::RadioButton(tr("Measure distance and area"), &tool, int(Tool::Measure));
    map.tool = Tool(tool);
    if (map.tool == Tool::DrawLineInitiative || map.tool == Tool::DrawPolygonInitiative) {
        int pillar = int(map.initiative_template.pillar);
        if (ImGui::BeginCombo(trid("Pillar").c_str(), pillar_name(pillar))) {
            for (int i = 0; i < 6; ++i)
                if (ImGui::Selectable(pillar_name(i), i == pillar)) map.initiative_template.pillar = Pillar(i);
            ImGui::EndCombo();
        }
        ImGui::TextWrapped("%s", tr("Click to add vertices; double-click or Enter finishes, Backspace removes the last, Esc cancels"));
    } else if (map.tool == Tool::PlaceInitiative) {
        int pillar = int(map.initiative_template.pillar);
        if (ImGui::BeginCombo(trid("Pillar").c_str(), pillar_name(pillar))) {
            for (int i = 0; i < 6; ++i)
                if (ImGui::Selectable(pillar_name(i), i == pillar)) map.initiative_template.pillar = Pillar(i);
            ImGui::EndCombo();
        }
        service_combo(trid("Service provided").c_str(), p, map.initiative_template);
        float r = float(map.initiative_template.radius_m.value_or(0));
        if (ImGui::SliderFloat(trid("Service radius (m)").c_str(), &r, 0, 5000, "%.0f"))
            map.initiative_template.radius_m = r > 0 ? std::optional<double>(r) : std::nullopt;
        ImGui::TextWrapped("%s", tr("Click on the map to place the initiative"));
    } else if (map.tool == Tool::Identify) {
        ImGui::TextWrapped("%s", tr("Click a desa, a zone or a symbol: its attributes and figures"));
    } else if (map.tool == Tool::Measure) {
        ImGui::TextWrapped("%s", tr("Click points; double-click or Enter ends, Backspace removes the last, Esc clears"));
        if (map.measured().size() >= 2) ImGui::TextUnformatted(measure_text(map.measured()).c_str());
    } else if (map.tool == Tool::PlaceFacility) {
        if (ImGui::BeginCombo(trid("Type").c_str(), service_label(p, map.facility_template.type).c_str())) {
            for (const auto& t : p.settings.facility_types)
                if (ImGui::Selectable(t.label.c_str(), t.key == map.facility_template.type)) map.facility_template.type = t.key;
            ImGui::EndCombo();
        }
        ImGui::TextWrapped("%s", tr("Click on the map to place the facility"));
    }
    ImGui::Separator();

    // Layers, top of the drawing order first; the arrows change the order.
    ImGui::TextUnformatted(tr("Layers"));
    std::vector<LayerId> order{LayerId::Labels};
    order.insert(order.end(), map.draw_order.rbegin(), map.draw_order.rend());
    std::optional<std::pair<LayerId, int>> move;
    for (std::size_t row = 0; row < order.size(); ++row) {
        const LayerId id = order[row];
        LayerStyle& s = map.styles[std::size_t(id)];
        ImGui::PushID(int(id));
        if (id != LayerId::Labels) {
            ImGui::BeginDisabled(row == 1);
            if (ImGui::ArrowButton("up", ImGuiDir_Up)) move = std::make_pair(id, +1);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Draw above"));
            ImGui::EndDisabled();
            ImGui::SameLine(0, 2);
            ImGui::BeginDisabled(row + 1 == order.size());
            if (ImGui::ArrowButton("down", ImGuiDir_Down)) move = std::make_pair(id, -1);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Draw below"));
            ImGui::EndDisabled();
            ImGui::SameLine();
        }
        ImGui::Checkbox(tr(layer_name(id)), &s.visible);
        if (s.visible && id != LayerId::Labels) {
            ImGui::SetNextItemWidth(ui.left_width * 0.45f);
            ImGui::Indent();
            ImGui::SliderFloat(trid("Opacity").c_str(), &s.opacity, 0.0f, 1.0f, "%.2f");
            ImGui::Unindent();
        }
        ImGui::PopID();
    }
    if (move) map.move_layer(move->first, move->second);
    ImGui::Separator();
    draw_context_section(doc, ui);
    ImGui::Separator();

    // Choropleth and service area settings.
    ImGui::TextUnformatted(tr("Desa choropleth by"));
    if (ImGui::BeginCombo(trid("Service").c_str(), service_label(p, map.service).c_str())) {
        for (const auto& t : p.settings.facility_types)
            if (ImGui::Selectable(t.label.c_str(), t.key == map.service)) map.service = t.key;
        if (ImGui::Selectable(tr("Initiatives"), map.service == "initiatives")) map.service = "initiatives";
        ImGui::EndCombo();
    }
    if (ImGui::BeginCombo("##metric", tr(metric_name(map.metric)))) {
        for (int m = 0; m < 5; ++m)
            if (ImGui::Selectable(tr(metric_name(ChoroplethMetric(m))), int(map.metric) == m)) map.metric = ChoroplethMetric(m);
        ImGui::EndCombo();
    }
    int method = int(map.class_method);
    ImGui::RadioButton(tr("Quantiles"), &method, int(ClassMethod::Quantile));
    ImGui::SameLine();
    ImGui::RadioButton(tr("Equal intervals"), &method, int(ClassMethod::EqualInterval));
    ImGui::RadioButton(tr("Natural breaks (Jenks)"), &method, int(ClassMethod::NaturalBreaks));
    map.class_method = ClassMethod(method);
    ImGui::SliderInt(trid("Classes").c_str(), &map.class_count, 3, 7);
    ImGui::Separator();

    // Legend: exactly what draw() uses, in the drawing order (top first).
    ImGui::TextUnformatted(tr("Legend"));
    for (auto it = map.draw_order.rbegin(); it != map.draw_order.rend(); ++it) {
        const LayerId legend_id = *it;
        if (legend_id == LayerId::Choropleth && map.styles[std::size_t(LayerId::Choropleth)].visible) {
            const Classes& c = map.classes();
            ImGui::TextDisabled("%s — %s", tr(metric_name(map.metric)), service_label(p, map.service).c_str());
            for (int i = 0; i < c.count(); ++i) {
                swatch(ramp_colour(map.ramp(), i, c.count()));
                ImGui::Text("%s – %s", format_class_value(c.breaks[std::size_t(i)], map.metric).c_str(),
                            format_class_value(c.breaks[std::size_t(i) + 1], map.metric).c_str());
            }
            swatch(0xcfcfcfff);
            ImGui::TextUnformatted(tr("no data"));
        }
        if (legend_id == LayerId::ServiceArea && map.styles[std::size_t(LayerId::ServiceArea)].visible) {
            swatch(0x1565c070);
            ImGui::Text("%s %s", tr("Service area"), service_label(p, map.service).c_str());
        }
        if (legend_id == LayerId::Zones && map.styles[std::size_t(LayerId::Zones)].visible && !p.zones.empty()) {
            // As drawn: faint tint, diagonal hatch, outline.
            ImVec2 q = ImGui::GetCursorScreenPos();
            float sz = ImGui::GetTextLineHeight();
            ImDrawList* dl = ImGui::GetWindowDrawList();
            ImVec2 a(q.x + 1, q.y + 2), b(q.x + sz - 1, q.y + sz - 2);
            dl->AddRectFilled(a, b, IM_COL32(0x8e, 0x24, 0xaa, 60));
            dl->PushClipRect(a, b, true);
            for (float d = -sz; d < sz; d += 5) dl->AddLine(ImVec2(a.x + d, b.y), ImVec2(a.x + d + sz, b.y - sz), IM_COL32(0x8e, 0x24, 0xaa, 220), 1.5f);
            dl->PopClipRect();
            dl->AddRect(a, b, IM_COL32(0x8e, 0x24, 0xaa, 255), 0, 0, 1.5f);
            ImGui::Dummy(ImVec2(sz, sz));
            ImGui::SameLine();
            ImGui::TextUnformatted(tr("Tourism zones (KPPN)"));
        }
        if (legend_id == LayerId::Facilities && map.styles[std::size_t(LayerId::Facilities)].visible)
            for (const auto& t : p.settings.facility_types) {
                swatch(t.colour | 0xff, true);
                ImGui::TextUnformatted(t.label.c_str());
            }
        if (legend_id == LayerId::Initiatives && map.styles[std::size_t(LayerId::Initiatives)].visible) {
            ImGui::TextDisabled("%s", tr("Initiatives"));
            for (int i = 0; i < 6; ++i) {
                swatch(pillar_colour(Pillar(i)), true);
                ImGui::TextUnformatted(pillar_name(i));
            }
        }
    }
    ImGui::End();
    draw_context_dialog(doc, ui);
}

}  // namespace pc::gui
