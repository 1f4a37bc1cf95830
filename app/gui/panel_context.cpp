// Context layers in the Layers panel: a list, top of the drawing order first, with the arrows,
// visibility and removal as document commands, and the classes of each visible layer as a legend.
#include "panel_context.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <optional>

#include "geo/doc/context_commands.h"
#include "geo/error.h"
#include "geo/io/context_import.h"
#include "panels.h"
#include "render/i18n.h"

namespace fs = std::filesystem;

namespace pc::gui {
namespace {

ImU32 im(std::uint32_t c) { return IM_COL32(int(c >> 24), int((c >> 16) & 0xff), int((c >> 8) & 0xff), int(c & 0xff)); }

// How a class is drawn, in a square of the text's height: a line, a filled area, or a symbol. True
// when it was clicked.
bool style_swatch(ContextKind kind, const ContextStyle& s) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float scale = ImGui::GetFontSize() / 16;
    switch (kind) {
        case ContextKind::Line:
            dl->AddLine(ImVec2(p.x + 1, p.y + h / 2), ImVec2(p.x + h - 1, p.y + h / 2), im(s.stroke),
                        std::max(1.0f, float(s.width_px) * scale));
            break;
        case ContextKind::Area:
            dl->AddRectFilled(ImVec2(p.x + 1, p.y + 2), ImVec2(p.x + h - 1, p.y + h - 2), im(s.fill));
            if (s.width_px > 0) dl->AddRect(ImVec2(p.x + 1, p.y + 2), ImVec2(p.x + h - 1, p.y + h - 2), im(s.stroke));
            break;
        case ContextKind::Point:
            dl->AddCircleFilled(ImVec2(p.x + h / 2, p.y + h / 2), std::min(h, float(s.size_px) * scale) * 0.42f, im(s.fill | 0xffu), 16);
            break;
    }
    const bool clicked = ImGui::InvisibleButton("swatch", ImVec2(h, h));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Change style"));
    ImGui::SameLine();
    return clicked;
}

void to_floats(std::uint32_t c, float out[4]) {
    for (int i = 0; i < 4; ++i) out[i] = float((c >> (24 - 8 * i)) & 0xffu) / 255.0f;
}

std::uint32_t from_floats(const float c[4]) {
    std::uint32_t out = 0;
    for (int i = 0; i < 4; ++i) out = (out << 8) | std::uint32_t(std::lround(std::clamp(c[i], 0.0f, 1.0f) * 255));
    return out;
}

// The popup of one class: its colour (the line's, else the fill's), width or symbol size; Apply makes
// it one command.
std::optional<CommandPtr> style_popup(ContextPanel& cp, const Project& p, const ContextLayer& l, int rule) {
    std::optional<CommandPtr> command;
    if (!ImGui::BeginPopup("style")) return command;
    if (cp.editing && cp.editing->layer == l.id && cp.editing->rule == rule) {
        ContextStyle& e = cp.editing->style;
        std::uint32_t& colour = l.kind == ContextKind::Line ? e.stroke : e.fill;
        float c[4];
        to_floats(colour, c);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
        if (ImGui::ColorEdit4(trid("Colour").c_str(), c, ImGuiColorEditFlags_AlphaBar)) colour = from_floats(c);
        float v = float(l.kind == ContextKind::Point ? e.size_px : e.width_px);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
        if (l.kind == ContextKind::Point ? ImGui::SliderFloat(trid("Size (px)").c_str(), &v, 2, 30, "%.1f")
                                         : ImGui::SliderFloat(trid("Width (px)").c_str(), &v, 0, 12, "%.1f"))
            (l.kind == ContextKind::Point ? e.size_px : e.width_px) = v;
        if (ImGui::Button(tr("Apply"))) {
            ContextLayer restyled = l;
            (rule < 0 ? restyled.style : restyled.rules[std::size_t(rule)].style) = e;
            command = update_context_layer(p, std::move(restyled));
            cp.editing.reset();
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(tr("Cancel"))) {
            cp.editing.reset();
            ImGui::CloseCurrentPopup();
        }
    }
    ImGui::EndPopup();
    return command;
}

std::vector<FileDialog::Filter> context_filters() {
    return {{tr("GIS files") + std::string(" (shp, gpkg, geojson, kml)"), {".shp", ".gpkg", ".geojson", ".json", ".kml"}},
            {"Shapefile (*.shp)", {".shp"}},
            {"GeoPackage (*.gpkg)", {".gpkg"}},
            {tr("All files"), {}}};
}

}  // namespace

ContextPanel& context_panel(UiState& ui) {
    if (!ui.context) ui.context = std::make_shared<ContextPanel>();
    return *ui.context;
}

void ContextPanel::read(const std::string& path) {
    reading_path = path;
    reading = std::async(std::launch::async, [path] { return read_context_layer(path); });
}

bool ContextPanel::poll(Document& doc, UiState& ui) {
    if (!reading.valid() || reading.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
    try {
        ContextLayer layer = reading.get();
        const std::string name = layer.name;
        const std::size_t n = layer.feature_count();
        doc.execute(add_context_layer(doc.project(), std::move(layer)));
        show_status(ui, std::string(tr("Context layer added")) + ": " + name + " (" + format_count(double(n)) + " " + tr("features") + ")");
    } catch (const std::exception& e) {
        report_error(ui, explain_error(FailedAction::Import, reading_path, e.what()));
    }
    return true;
}

void draw_context_section(Document& doc, UiState& ui) {
    ContextPanel& cp = context_panel(ui);
    cp.poll(doc, ui);
    const Project& p = doc.project();
    ImGui::TextUnformatted(tr("Context layers"));
    ImGui::BeginDisabled(cp.busy());
    if (ImGui::Button(tr("Add context layer...")) || ui.request_context_layer) {
        ui.request_context_layer = false;
        std::error_code ec;
        const std::string start = doc.path().empty() ? fs::current_path(ec).string() : fs::path(doc.path()).parent_path().string();
        cp.dialog.open(tr("Add context layer"), "contextfile", FileDialog::Mode::Open, context_filters(), start);
    }
    ImGui::EndDisabled();
    if (cp.busy()) ImGui::TextWrapped("%s %s", tr("Reading"), fs::path(cp.reading_path).filename().string().c_str());
    if (p.context_layers.empty()) {
        ImGui::TextWrapped("%s", tr("Roads, rivers, settlements ... from any GIS file, drawn under the map's symbols"));
        return;
    }
    std::optional<CommandPtr> command;
    const std::size_t n = p.context_layers.size();
    for (std::size_t row = 0; row < n; ++row) {
        const std::size_t i = n - 1 - row;  // top of the drawing order first
        const ContextLayer& l = p.context_layers[i];
        ImGui::PushID(l.id.c_str());
        ImGui::BeginDisabled(row == 0);
        if (ImGui::ArrowButton("up", ImGuiDir_Up)) command = move_context_layer_up(p, l.id);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Draw above"));
        ImGui::EndDisabled();
        ImGui::SameLine(0, 2);
        ImGui::BeginDisabled(row + 1 == n);
        if (ImGui::ArrowButton("down", ImGuiDir_Down)) command = move_context_layer_down(p, l.id);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Draw below"));
        ImGui::EndDisabled();
        ImGui::SameLine(0, 2);
        if (ImGui::Button("x")) command = remove_context_layer(p, l.id);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Remove context layer"));
        ImGui::SameLine();
        bool visible = l.visible;
        if (ImGui::Checkbox("##visible", &visible)) command = set_context_layer_visible(p, l.id, visible);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Show on the map"));
        ImGui::SameLine();
        ImGui::TextWrapped("%s", l.name.c_str());
        if (l.visible) {
            ImGui::Indent();
            // Each class top first, as drawn (the layer's own style last); a click on its swatch edits it.
            for (int rule = int(l.rules.size()) - 1; rule >= -1; --rule) {
                const ContextStyle& st = rule < 0 ? l.style : l.rules[std::size_t(rule)].style;
                ImGui::PushID(rule);
                if (style_swatch(l.kind, st)) {
                    cp.editing = ContextPanel::StyleEdit{l.id, rule, st};
                    ImGui::OpenPopup("style");
                } else if (cp.open_editing && cp.editing && cp.editing->layer == l.id && cp.editing->rule == rule) {
                    cp.open_editing = false;
                    ImGui::OpenPopup("style");
                }
                if (rule >= 0) {
                    const ContextRule& r = l.rules[std::size_t(rule)];
                    ImGui::TextWrapped("%s", (r.label.empty() ? r.value : r.label).c_str());
                } else {
                    ImGui::TextWrapped("%s", l.rules.empty() ? (format_count(double(l.feature_count())) + " " + tr("features")).c_str() : tr("other"));
                }
                if (auto c = style_popup(cp, p, l, rule)) command = std::move(c);
                ImGui::PopID();
            }
            ImGui::Unindent();
        }
        ImGui::PopID();
    }
    if (command) doc.execute(std::move(*command));
}

void draw_context_dialog(Document& doc, UiState& ui) {
    (void)doc;
    ContextPanel& cp = context_panel(ui);
    if (auto chosen = cp.dialog.draw()) cp.read(*chosen);
}

}  // namespace pc::gui
