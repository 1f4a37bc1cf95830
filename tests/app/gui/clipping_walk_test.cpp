// Every message a user sees, whole (issue 12, item 5): the window walked panel by panel — the side
// panels with their collapsed sections opened, every tool, every menu, the forms, dialogs and floating
// windows, the site suggestion panel, the presenter's panel on every slide — at UI scales 1 and 2 in
// both languages, and no text on screen is cut by its clip rectangle or shortened with "…". Text in
// an area that scrolls sideways (a wide table) may run past its edge: the user scrolls to it. Map
// labels are not widgets (they keep clear of the edges on their own).
#include <catch2/catch.hpp>

#include <X11/keysym.h>

#include <algorithm>
#include <set>

#include <imgui_internal.h>

#include "app.h"
#include "geo/doc/context_commands.h"
#include "geo/doc/view_commands.h"
#include "panel_context.h"
#include "panel_views.h"
#include "render/i18n.h"
#include "screen_text.h"
#include "window_test.h"
#include "x_pointer.h"

using namespace pc;
using namespace pc::gui;
using namespace pc::gui::test;
using pc::gui::testing::XPointer;

namespace {

// A road layer as BIG's RBI names it, so it gets the road classes and their legend.
ContextLayer rbi_roads(const Project& p) {
    ContextLayer l;
    l.name = "Jalan RBI Kota Pasuruan";
    l.source_layer = "JALAN_LN_25K";
    l.kind = ContextKind::Line;
    l.fields = {"remark"};
    auto features = std::make_shared<std::vector<ContextFeature>>();
    const Coord c = p.desa.front().geometry.anchor();
    for (const char* remark : {"Jalan Tol Dua Jalur Dengan Pemisah Fisik", "Jalan Arteri", "Jalan Kolektor", "Jalan Lokal", "Jalan Lain"})
        features->push_back({Geometry::line({c, {c.x + 0.01, c.y + 0.01 * double(features->size())}}), {std::string(remark)}});
    l.features = features;
    apply_default_style(l);
    return l;
}

// The window a draw list belongs to, when it scrolls sideways: its text may pass its edges.
bool scrolls_sideways(const std::string& list) {
    const ImGuiWindow* w = ImGui::FindWindowByName(list.c_str());
    return w && w->ScrollMax.x > 0;
}

// Every run of the last frame that is cut or shortened, with the step that showed it.
void collect_cut(const std::string& step, std::set<std::string>& problems) {
    for (const TextRun& r : screen_text()) {
        // ImGui leaves out a glyph wholly past the clip rectangle: text that reaches the rectangle's
        // right side was cut there too ("Belum terlayan" of "Belum terlayani").
        const bool at_edge = r.x1 >= r.clip_x1 - 0.5f;
        if (!r.cut && !r.ellipsis && !at_edge) continue;
        if (r.list.empty() || r.list.rfind("##Background", 0) == 0 || r.list.rfind("##Foreground", 0) == 0) continue;
        if (!r.ellipsis && scrolls_sideways(r.list)) continue;
        problems.insert(step + ": '" + r.text + "' in " + r.list + (r.ellipsis ? " (…)" : r.cut ? " (cut)" : " (at the edge)"));
    }
}

// Clicks the word `text` in a run of the last frame in a draw list starting with `list` (the menu
// titles are one run: the word's middle is found by its share of the run's characters); false when
// there is none.
bool click_text(XPointer& pointer, const std::string& list, const std::string& text) {
    for (const TextRun& r : screen_text()) {
        const auto at = r.text.find(text);
        if (at == std::string::npos || r.list.rfind(list, 0) != 0) continue;
        const double middle = (double(at) + text.size() / 2.0) / double(r.text.size());
        pointer.click(r.x0 + (r.x1 - r.x0) * middle, (r.y0 + r.y1) / 2);
        return true;
    }
    return false;
}

// The window named `name` (its full name, "Angka###Metrics") scrolled down until a run `text` shows in
// it, then that run clicked; false when the text never shows.
bool scroll_to_and_click(App& app, XPointer& pointer, const std::string& name, const std::string& text) {
    ImGuiWindow* w = ImGui::FindWindowByName(name.c_str());
    if (!w) return false;
    for (float y = 0;; y += w->InnerRect.GetHeight() * 0.5f) {
        ImGui::SetScrollY(w, std::min(y, w->ScrollMax.y));
        app.frame();
        app.frame();
        for (const TextRun& r : screen_text())
            if (r.text == text && r.list.rfind(name, 0) == 0 && r.y0 >= w->InnerClipRect.Min.y && r.y1 <= w->InnerClipRect.Max.y) {
                pointer.click((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
                app.frame();
                return true;
            }
        if (y >= w->ScrollMax.y) return false;
    }
}

void walk(Language lang, float scale, std::set<std::string>& problems) {
    set_language(lang);
    const std::string config = std::string(lang == Language::English ? "en" : "id") + " x" + std::to_string(int(scale));
    use_fresh_demo("clipping_walk");
    AppOptions o;
    o.english = lang == Language::English;
    o.ui_scale = scale;
    // The same layout in points at both scales: a 1600x1000 screen at 1, its double at 2.
    o.width = int(1600 * scale);
    o.height = int(1000 * scale);
    // Presenting keeps this window (and its panels) and shows the slides in a second one.
    o.presenter_view = AppOptions::PresenterView::Force;
    o.fullscreen_presentation = false;
    App app(o);
    REQUIRE(app.settle());
    set_language(lang);
    app.frame();
    app.frame();
    XPointer pointer(app);
    MapView& map = app.map();
    UiState& ui = app.ui();
    Document& doc = app.doc();
    auto step = [&](const std::string& name, bool keep_screenshot = false) {
        app.frame();
        app.frame();  // a table or window seen for the first time lays itself out before it shows
        collect_cut(config + " " + name, problems);
        if (keep_screenshot) {
            app.request_capture();
            app.frame();
            std::string file = "clipping_" + config + "_" + name + ".png";
            std::replace(file.begin(), file.end(), ' ', '_');
            CHECK(app.write_png(screenshot(file)));
        }
    };
    step("start", true);

    // Every tool's options in the layers panel.
    for (Tool t : {Tool::PlaceInitiative, Tool::PlaceFacility, Tool::DrawLineInitiative, Tool::DrawPolygonInitiative, Tool::Identify,
                   Tool::Measure}) {
        map.tool = t;
        step("tool " + std::to_string(int(t)));
    }
    map.tool = Tool::Select;

    // A selected initiative and a selected facility: the selection panel's fields.
    const Project& p = doc.project();
    doc.select(FeatureRef{DocLayer::Initiatives, p.initiatives.front().id});
    step("initiative selected");
    doc.select(FeatureRef{DocLayer::Facilities, p.facilities.front().id});
    step("facility selected");
    doc.select(std::nullopt);

    // The floating windows.
    ui.search_open = true;
    ui.search_query = "sumber";
    step("search");
    ui.search_open = false;
    ui.attributes_open = true;
    step("attribute table");
    ui.attributes_open = false;
    map.tool = Tool::Identify;
    pointer.click(map.camera.vx + map.camera.vw * 0.55, map.camera.vy + map.camera.vh * 0.5);
    step("identify");
    ui.identify_open = false;
    map.tool = Tool::Select;
    ui.toggle_views_panel = true;
    step("views panel");
    ui.toggle_views_panel = true;
    app.frame();
    ui.toggle_scenario_panel = true;
    step("scenario panel", true);
    ui.toggle_scenario_panel = true;
    app.frame();

    // The context layers section with a layer and its classes, and its file dialog.
    doc.execute(add_context_layer(doc.project(), rbi_roads(doc.project())));
    step("context layers", true);
    {  // a class's style popup, opened by a click on its swatch (left of the class's name)
        const auto runs = screen_text();
        const TextRun* cls = nullptr;
        for (const TextRun& r : runs)
            if (r.text == "Jalan tol" && r.list.find("###Layers") != std::string::npos) cls = &r;
        INFO(config << "\n" << screen_text_dump());
        REQUIRE(cls);
        const double y = (cls->y0 + cls->y1) / 2;
        if (y < 1000) {  // on the X screen (1600x1000: the window at scale 2 is larger)
            pointer.click(cls->x0 - ImGui::GetStyle().ItemSpacing.x - ImGui::GetTextLineHeight() / 2, y);
        } else {
            const ContextLayer& l = doc.project().context_layers.back();
            context_panel(ui).editing = ContextPanel::StyleEdit{l.id, int(l.rules.size()) - 1, l.rules.back().style};
            context_panel(ui).open_editing = true;
        }
        app.frame();
        REQUIRE(context_panel(ui).editing);  // the popup is open
        step("context style popup", true);
        pointer.key(XK_Escape);
    }
    ui.request_context_layer = true;
    step("context layer dialog");
    pointer.key(XK_Escape);
    doc.undo();

    ui.toggle_suggest_panel = true;
    step("suggest panel", true);
    ui.toggle_suggest_panel = true;
    app.frame();

    // The metrics panel's sections that start collapsed, each opened by a click on its header.
    const std::string metrics = trid("Metrics");
    for (const char* header : {"Desa", "Initiatives by OPD", "Initiatives by year"}) {
        INFO(config << " header " << header << "\n" << screen_text_dump());
        REQUIRE(scroll_to_and_click(app, pointer, metrics, tr(header)));
        step(std::string("metrics ") + header, std::string(header) == "Desa");
    }
    ImGui::SetScrollY(ImGui::FindWindowByName(metrics.c_str()), 0);

    // Every menu of the menu bar, opened by a click on its title.
    const std::vector<std::string> menus = lang == Language::English ? std::vector<std::string>{"File", "Edit", "View", "Language"}
                                                                     : std::vector<std::string>{"Berkas", "Sunting", "Tampilan", "Bahasa"};
    for (const std::string& m : menus) {
        INFO(config << " menu " << m << "\n" << screen_text_dump());
        REQUIRE(click_text(pointer, "##MainMenuBar", m));
        step("menu " + m);
        pointer.key(XK_Escape);
    }

    // The forms of a placed initiative and facility.
    for (Tool t : {Tool::PlaceInitiative, Tool::PlaceFacility}) {
        map.tool = t;
        pointer.click(map.camera.vx + map.camera.vw * 0.5, map.camera.vy + map.camera.vh * 0.5);
        step(t == Tool::PlaceInitiative ? "initiative form" : "facility form");
        pointer.key(XK_Escape);
        app.frame();
    }

    // The presenter's panel on every slide (two views, then what follows them), ended with Esc.
    map.zoom_to_district();
    app.frame();
    doc.execute(add_view(doc.project(), view_from_map(map, make_view(tr("Whole district")))));
    map.zoom_to(doc.project().kecamatan.front().geometry.envelope());
    app.frame();
    View second = view_from_map(map, make_view("Kecamatan " + doc.project().kecamatan.front().name));
    second.notes = "Catatan untuk penyaji: mulai dari desa yang belum terlayani";
    doc.execute(add_view(doc.project(), second));
    pointer.key(XK_F5);
    app.frame();
    REQUIRE(app.workshop().presenting());
    for (int slide = 0; slide < 6 && app.workshop().presenting(); ++slide) {
        step("presenter slide " + std::to_string(slide + 1), slide == 0);
        if (slide == 0) {
            // The slide's title stands out in the presenter's panel at either scale (it was drawn at
            // half the body text's size at UI scale 2).
            const auto runs = screen_text();
            const TextRun *title = nullptr, *next = nullptr;
            for (const TextRun& r : runs) {
                if (r.list.rfind(trid("Presenter"), 0) != 0) continue;
                if (r.text == tr("Whole district")) title = &r;
                if (r.text.rfind(tr("Next"), 0) == 0 && r.text.size() > std::string(tr("Next")).size()) next = &r;
            }
            INFO(config << "\n" << screen_text_dump());
            REQUIRE(title);
            REQUIRE(next);
            auto per_char = [](const TextRun& r) { return (r.x1 - r.x0) / float(r.text.size()); };
            CHECK(per_char(*title) > 1.25f * per_char(*next));
        }
        pointer.key(XK_Next);
    }
    pointer.key(XK_Escape);
    app.frame();

    // The modal dialogs, each closed with Esc.
    ui.request_open = true;
    step("open dialog");
    pointer.key(XK_Escape);
    ui.request_save_as = true;
    step("save-as dialog");
    pointer.key(XK_Escape);
    ui.request_import = true;
    step("import dialog");
    pointer.key(XK_Escape);
    set_language(Language::Indonesian);
}

}  // namespace

TEST_CASE("gui: no text is cut off in any panel, at UI scales 1 and 2, in both languages", "[gui][window][clipping]") {
    if (!display_available()) return;
    std::set<std::string> problems;
    for (Language lang : {Language::Indonesian, Language::English})
        for (float scale : {1.0f, 2.0f}) walk(lang, scale, problems);
    std::string all;
    for (const auto& s : problems) all += s + "\n";
    INFO(all);
    CHECK(problems.empty());
}
