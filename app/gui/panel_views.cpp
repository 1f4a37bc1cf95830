// The Views panel and the translation between a saved view and the map canvas.
#include "panel_views.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>

#include "geo/doc/view_commands.h"
#include "render/i18n.h"
#include "panels.h"
#include "presentation.h"
#include "offscreen/suggest_slide.h"

namespace pc::gui {
namespace {

// The GUI's layer and metric lists are in the core's key order (checked here once).
static_assert(kLayerCount == int(kViewLayerCount));
static_assert(int(LayerId::Choropleth) == int(ViewLayer::Choropleth) && int(LayerId::Labels) == int(ViewLayer::Labels));
static_assert(int(ChoroplethMetric::NearestDistance) == int(ViewMetric::NearestDistance));

bool input_text(const char* label, std::string& s, bool multiline = false) {
    char buf[2048];
    std::strncpy(buf, s.c_str(), sizeof buf - 1);
    buf[sizeof buf - 1] = 0;
    bool changed = multiline ? ImGui::InputTextMultiline(label, buf, sizeof buf, ImVec2(-1, ImGui::GetTextLineHeight() * 4))
                             : ImGui::InputText(label, buf, sizeof buf);
    if (changed) s = buf;
    return ImGui::IsItemDeactivatedAfterEdit();
}

}  // namespace

Envelope visible_lonlat(const MapView& map) {
    const Camera& c = map.camera;
    Envelope e;
    e.expand(map.to_lonlat(c.vx, c.vy));
    e.expand(map.to_lonlat(c.vx + c.vw, c.vy + c.vh));
    return e;
}

View view_from_map(const MapView& map, View v) {
    v.extent = visible_lonlat(map);
    v.layers.clear();
    for (ViewLayer l : kViewLayers)
        if (map.styles[std::size_t(l)].visible) v.layers.push_back(l);
    v.choropleth.service = map.service;
    v.choropleth.metric = ViewMetric(int(map.metric));
    v.choropleth.method = map.class_method;
    v.choropleth.classes = map.class_count;
    return v;
}

void apply_view_style(MapView& map, const View& v) {
    for (ViewLayer l : kViewLayers) map.styles[std::size_t(l)].visible = v.shows(l);
    if (!v.choropleth.service.empty()) map.service = v.choropleth.service;
    map.metric = ChoroplethMetric(int(v.choropleth.metric));
    map.class_method = v.choropleth.method;
    map.class_count = v.choropleth.classes;
}

Camera camera_for_extent(const MapView& map, const Envelope& lonlat) {
    Camera c = map.camera;
    if (lonlat.empty()) {
        MapView& m = const_cast<MapView&>(map);  // zoom_to_district works on the map's own camera
        const Camera keep = m.camera;
        m.zoom_to_district();
        c = m.camera;
        m.camera = keep;
        return c;
    }
    // A saved extent fills the viewport exactly (no extra margin: it already is what was seen).
    c.fit(map.projection.to_local(lonlat), 0.0);
    return c;
}

void draw_views_panel(Document& doc, MapView& map, Workshop& ws, double now) {
    const Project& p = doc.project();
    const ImGuiIO& io = ImGui::GetIO();
    const float em = ImGui::GetFontSize() / 16;  // sizes below are those of UI scale 1
    ImGui::SetNextWindowPos(ImVec2(float(std::max(map.camera.vx, 300.0 * em)) + 12 * em, io.DisplaySize.y - 360 * em), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(380 * em, 300 * em), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(trid("Views").c_str(), &ws.show_views_panel)) {
        ImGui::End();
        return;
    }
    if (ImGui::Button(tr("Save current view"))) {
        View v = view_from_map(map, make_view(std::string(tr("View")) + " " + std::to_string(p.views.size() + 1)));
        doc.execute(add_view(p, std::move(v)));
        ws.selected_view = int(doc.project().views.size()) - 1;
    }
    ImGui::SameLine();
    if (ImGui::Button(tr("Add pillar dashboard"))) {
        View v = make_view(tr("Smart city pillars"));
        v.kind = ViewKind::Dashboard;
        doc.execute(add_view(p, std::move(v)));
        ws.selected_view = int(doc.project().views.size()) - 1;
    }
    ImGui::SameLine();
    if (ImGui::Button(tr("Present (F5)"))) ws.start(std::max(0, ws.selected_view), now);
    if (ImGui::Button(tr("Add site suggestion"))) {  // five sites of the map's service; the Suggest panel adds its own
        ViewSuggestion g;
        g.service = map.service == "initiatives" ? "" : map.service;
        g.count = 5;
        doc.execute(add_view(p, suggestion_view(p, g)));
        ws.selected_view = int(doc.project().views.size()) - 1;
    }
    ImGui::Separator();

    const auto& views = doc.project().views;
    if (views.empty()) ImGui::TextDisabled("%s", tr("No saved views yet"));
    ImGui::BeginChild("##list", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 5.5f), true);
    for (std::size_t i = 0; i < views.size(); ++i) {
        const View& v = views[i];
        ImGui::PushID(v.id.c_str());
        const char* kind = v.kind == ViewKind::Dashboard ? tr("Dashboard") : v.kind == ViewKind::Suggestion ? tr("Suggestion") : nullptr;
        std::string label = std::to_string(i + 1) + ". " + v.name + (kind ? "  [" + std::string(kind) + "]" : "");
        if (ImGui::Selectable(label.c_str(), ws.selected_view == int(i), ImGuiSelectableFlags_AllowDoubleClick)) {
            ws.selected_view = int(i);
            ws.show_view(v, now);
        }
        ImGui::PopID();
    }
    ImGui::EndChild();

    if (ws.selected_view >= int(views.size())) ws.selected_view = int(views.size()) - 1;
    if (ws.selected_view < 0) {
        ImGui::End();
        return;
    }
    const View sel = views[std::size_t(ws.selected_view)];  // a copy: commands below replace the list
    const Uuid id = sel.id;
    const bool first = ws.selected_view == 0, last = ws.selected_view + 1 == int(views.size());
    if (ImGui::ArrowButton("##up", ImGuiDir_Up) && !first) {
        doc.execute(move_view_up(doc.project(), id));
        --ws.selected_view;
    }
    ImGui::SameLine();
    if (ImGui::ArrowButton("##down", ImGuiDir_Down) && !last) {
        doc.execute(move_view_down(doc.project(), id));
        ++ws.selected_view;
    }
    ImGui::SameLine();
    if (ImGui::Button(tr("Update from map"))) {
        View v = view_from_map(map, sel);
        v.scenario = ws.scenario.setting();
        doc.execute(update_view(doc.project(), std::move(v)));
    }
    ImGui::SameLine();
    if (ImGui::Button(tr("Delete"))) {
        doc.execute(delete_view(doc.project(), id));
        ImGui::End();
        return;
    }
    // Highlights: kecamatan by ticking them, initiatives by selecting one on the map.
    if (ImGui::BeginCombo(trid("Highlight kecamatan").c_str(),
                          (std::to_string(sel.highlight_units.size()) + " " + tr("highlighted")).c_str())) {
        for (const auto& k : p.kecamatan) {
            const bool on = std::find(sel.highlight_units.begin(), sel.highlight_units.end(), k.code) != sel.highlight_units.end();
            if (ImGui::Selectable((k.name + "##" + k.code).c_str(), on, ImGuiSelectableFlags_DontClosePopups)) {
                View v = sel;
                if (on) v.highlight_units.erase(std::find(v.highlight_units.begin(), v.highlight_units.end(), k.code));
                else v.highlight_units.push_back(k.code);
                doc.execute(update_view(doc.project(), std::move(v)));
                break;  // `sel` refers to the old list
            }
        }
        ImGui::EndCombo();
    }
    if (const auto& s = doc.selection(); s && s->layer == DocLayer::Initiatives) {
        const View& cur = doc.project().views[std::size_t(find_view(doc.project().views, id))];
        const bool on = std::find(cur.highlight_initiatives.begin(), cur.highlight_initiatives.end(), s->id) != cur.highlight_initiatives.end();
        if (ImGui::Button(on ? tr("Stop highlighting the selected initiative") : tr("Highlight the selected initiative"))) {
            View v = cur;
            if (on) v.highlight_initiatives.erase(std::find(v.highlight_initiatives.begin(), v.highlight_initiatives.end(), s->id));
            else v.highlight_initiatives.push_back(s->id);
            doc.execute(update_view(doc.project(), std::move(v)));
        }
    }
    // Text fields: one command when the edit is finished (not one per key).
    if (ws.editing_view != id) {
        ws.editing_view = id;
        ws.edit_name = sel.name;
        ws.edit_caption = sel.caption;
        ws.edit_notes = sel.notes;
    }
    if (input_text(trid("Title").c_str(), ws.edit_name) && ws.edit_name != sel.name)
        doc.execute(rename_view(doc.project(), id, ws.edit_name));
    bool text_done = input_text(trid("Caption").c_str(), ws.edit_caption);
    ImGui::TextUnformatted(tr("Notes (presenter only)"));
    text_done |= input_text("##notes", ws.edit_notes, true);
    if (text_done) {
        const View& now_sel = doc.project().views[std::size_t(find_view(doc.project().views, id))];
        if (ws.edit_caption != now_sel.caption || ws.edit_notes != now_sel.notes) {
            View v = now_sel;
            v.caption = ws.edit_caption;
            v.notes = ws.edit_notes;
            doc.execute(update_view(doc.project(), std::move(v)));
        }
    }
    ImGui::End();
}

}  // namespace pc::gui
