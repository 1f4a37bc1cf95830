// Workshop mode: slides, the fly between them, and what a projector shows over the map.
#include "presentation.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <vector>

#include "offscreen/imgui_canvas.h"
#include "render/i18n.h"
#include "render/map_symbols.h"
#include "gui_canvas.h"
#include "panel_views.h"
#include "panels.h"

namespace pc::gui {
namespace {

PresentationFonts g_fonts;
// The presentation type rasterised at several sizes (× the UI scale); text is drawn at the size
// nearest to the one asked for, straight from its raster. Scaled down from one 48 px raster, 13 px
// text in a 1280×720 window lost its dashes and looked thin; scaled by a little it is blurred.
constexpr float kFontSizes[] = {15, 16, 18, 20, 22, 24, 28, 34, 48};
std::vector<ImFont*> g_body_sizes, g_bold_sizes;

ImU32 im(Rgba c, float alpha = 1) {
    return IM_COL32(int(c >> 24), int((c >> 16) & 0xff), int((c >> 8) & 0xff), int(float(c & 0xff) * alpha));
}

constexpr float kSourceLine = Workshop::kSourceLine;


ImFont* body_font(float px) { return presentation_font(false, px); }
ImFont* bold_font(float px) { return presentation_font(true, px); }
// A size of slide text: at least Workshop::kMinTextPx, and one the type is rasterised at.
float slide_text(float px) { return presentation_font_size(std::max(px, Workshop::kMinTextPx)); }

}  // namespace

void load_presentation_fonts(float ui_scale) {
    ImGuiIO& io = ImGui::GetIO();
    const ImWchar* ranges = text_glyph_ranges();
    const std::string dir = PC_FONT_DIR;
    const std::string regular = dir + "/NotoSans-Regular.ttf", bold = dir + "/NotoSans-Bold.ttf";
    g_body_sizes.clear();
    g_bold_sizes.clear();
    if (!std::filesystem::exists(regular) || !std::filesystem::exists(bold)) return;
    for (float size : kFontSizes) {
        const float px = size * ui_scale;
        // Small sizes rasterised with more coverage: stb_truetype has no hinting, and 1-pixel
        // stems of 15-20 px type come out grey and thin on a projector.
        ImFontConfig cfg;
        cfg.RasterizerMultiply = size <= 20 ? 1.35f : size <= 28 ? 1.15f : 1.0f;
        if (size < 48) cfg.OversampleH = 2;  // as sharp to the eye as 3, a third less atlas
        g_body_sizes.push_back(io.Fonts->AddFontFromFileTTF(regular.c_str(), px, &cfg, ranges));
        g_bold_sizes.push_back(io.Fonts->AddFontFromFileTTF(bold.c_str(), px, &cfg, ranges));
    }
    // The largest: sharp on a 1080p projector's titles and in 4K exports (drawn at any size).
    g_fonts.body = g_body_sizes.back();
    g_fonts.bold = g_bold_sizes.back();
    g_fonts.loaded_px = kFontSizes[std::size(kFontSizes) - 1] * ui_scale;
}

ImFont* presentation_font(bool bold, float px) {
    const auto& sizes = bold ? g_bold_sizes : g_body_sizes;
    if (sizes.empty()) return ImGui::GetFont();
    ImFont* best = sizes.front();
    for (ImFont* f : sizes)
        if (std::abs(f->FontSize - px) < std::abs(best->FontSize - px)) best = f;
    return best;
}

float presentation_font_size(float px) {
    if (g_body_sizes.empty() || px > g_body_sizes.back()->FontSize * 1.05f) return px;  // titles of a 4K export
    return presentation_font(false, px)->FontSize;
}

const PresentationFonts& presentation_fonts() { return g_fonts; }

double ease_in_out(double t) {
    t = std::clamp(t, 0.0, 1.0);
    return t < 0.5 ? 4 * t * t * t : 1 - std::pow(-2 * t + 2, 3) / 2;
}

Workshop::Workshop(Document& doc, MapView& map) : doc_(doc), map_(map) {}

const View* Workshop::current_view() const {
    if (current_id_.empty()) return nullptr;
    long i = find_view(doc_.project().views, current_id_);
    return i < 0 ? nullptr : &doc_.project().views[std::size_t(i)];
}

bool Workshop::showing_dashboard() const {
    const View* v = current_view();
    return v && v->kind == ViewKind::Dashboard;
}

float Workshop::type_scale() const { return std::max(0.5f, ImGui::GetIO().DisplaySize.y / 1080.0f); }

void Workshop::start(int index, double now) {
    if (!presenting_) started_at_ = now;
    presenting_ = true;
    if (!doc_.project().views.empty()) go_to(std::max(0, index), now);
}

void Workshop::stop() {
    presenting_ = false;
    // Back to the map, not to the dashboard squeezed into the window's map area.
    if (showing_dashboard()) current_id_.clear();
}

void Workshop::go_to(int index, double now) {
    const auto& views = doc_.project().views;
    if (views.empty()) return;
    index = std::clamp(index, 0, int(views.size()) - 1);
    if (index == slide_ && current_id_ == views[std::size_t(index)].id) return;
    slide_ = index;
    selected_view = index;
    show_view(views[std::size_t(index)], now);
}

void Workshop::show_view(const View& v, double now) {
    current_id_ = v.id;
    highlight_units = v.highlight_units;
    highlight_initiatives = v.highlight_initiatives;
    scenario.set(v.scenario);
    if (v.kind == ViewKind::Dashboard) {
        fly_.reset();
        if (!v.choropleth.service.empty()) map_.service = v.choropleth.service;
        return;
    }
    apply_view_style(map_, v);
    const Camera& c = map_.camera;
    fly_ = Fly{now, c.cx, c.cy, c.ppm, v.extent};
    if (v.kind == ViewKind::Suggestion) {
        // The curve's box takes the right of the slide: the extent (or the district) left of it.
        Envelope e = v.extent;
        if (e.empty())
            for (const auto& d : doc_.project().desa) e.expand(d.geometry.envelope());
        fly_->to = widened_for_curve(e);
        suggestions.request(doc_, v);
    }
}

void Workshop::handle_keys(double now, const std::vector<int>& presses) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return;
    // A press GLFW reported (a 20 ms tap of a clicker included), or ImGui's key repeat of a held key.
    auto pressed = [&](int key) {
        return std::find(presses.begin(), presses.end(), key) != presses.end() || ImGui::IsKeyPressed(key, true);
    };
    if (!presenting_) {
        if (pressed(GLFW_KEY_F5)) start(std::max(0, selected_view), now);
        else if (pressed(GLFW_KEY_ESCAPE) && showing_dashboard()) current_id_.clear();
        return;
    }
    if (pressed(GLFW_KEY_ESCAPE)) stop();
    else if (pressed(GLFW_KEY_RIGHT) || pressed(GLFW_KEY_DOWN) || pressed(GLFW_KEY_PAGE_DOWN) || pressed(GLFW_KEY_SPACE)) next(now);
    else if (pressed(GLFW_KEY_LEFT) || pressed(GLFW_KEY_UP) || pressed(GLFW_KEY_PAGE_UP) || pressed(GLFW_KEY_BACKSPACE)) previous(now);
    else if (pressed(GLFW_KEY_HOME)) go_to(0, now);
    else if (pressed(GLFW_KEY_END)) go_to(int(doc_.project().views.size()) - 1, now);
}

void Workshop::update(double now) {
    suggestions.poll();
    Camera& cam = map_.camera;
    if (slide_look()) cam.vh = std::max(50.0, cam.vh - double(kSourceLine * type_scale()));
    scenario.layout(map_);
    if (fly_) {
        const Camera to = slide_look() ? slide_camera(cam, fly_->to, current_view(), type_scale()) : camera_for_extent(map_, fly_->to);
        const double t = fly_seconds > 0 ? (now - fly_->start) / fly_seconds : 1;
        if (t >= 1) {
            cam.cx = to.cx;
            cam.cy = to.cy;
            cam.ppm = to.ppm;
            fly_.reset();
        } else {
            const double e = ease_in_out(t);
            cam.cx = fly_->cx + (to.cx - fly_->cx) * e;
            cam.cy = fly_->cy + (to.cy - fly_->cy) * e;
            cam.ppm = std::exp(std::log(fly_->ppm) + (std::log(to.ppm) - std::log(fly_->ppm)) * e);
        }
    }
    // The baseline's classes first (scenario.sync syncs it): the plan map colours by the same breaks.
    if (!showing_dashboard()) scenario.sync(doc_, map_);
}

bool Workshop::handle_pointer(double x, double y, bool pressed, bool down) {
    if (showing_dashboard()) return false;
    return scenario.handle_input(map_, x, y, pressed, down);
}

void Workshop::draw_panels(double now) {
    if (presenting_ && presenter_view_) draw_presenter_panel(now);
    if (show_views_panel) draw_views_panel(doc_, map_, *this, now);
    scenario.draw_panel(doc_, map_);
}

void Workshop::draw_maps(MapRenderer& r, const FramebufferInfo& fb) {
    if (showing_dashboard() || !scenario.draw_baseline(r, fb, map_)) map_.draw(r, fb);
    if (!showing_dashboard()) scenario.draw_plan(r, fb, map_);
}

void Workshop::draw_overlay(ImDrawList* dl, bool slide) {
    const float s = type_scale();
    const View* v = current_view();
    const Camera& c = map_.camera;
    if (showing_dashboard()) {
        const ImGuiIO& io = ImGui::GetIO();
        const float x0 = float(c.vx), y0 = float(c.vy);
        const float x1 = slide ? io.DisplaySize.x : float(c.vx + c.vw);
        const float y1 = float(c.vy + c.vh);
        dl->PushClipRect(ImVec2(x0, y0), ImVec2(x1, y1), true);
        dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), IM_COL32(245, 246, 248, 255));
        const float title_h = 190 * s;
        std::string svc = scenario.service(doc_, map_);
        dashboard.draw(dl, doc_, svc, scenario.filter, x0, y0 + title_h, x1, y1, s);
        draw_title_block(dl, v, s);
        dl->PopClipRect();
        if (slide) draw_source_line(dl, s);
        return;
    }
    if (slide) {
        // The map's own overlay (labels, scale bar, north arrow) in the projector's type; none of the
        // editing marks (the selection ring, a placement in progress).
        const float px = slide_text(22.0f * s);
        ImFont* f = body_font(px);
        const float keep = f->Scale;
        f->Scale = px / std::max(1.0f, f->FontSize);
        ImGui::PushFont(f);
        ImGuiCanvas canvas = gui_canvas(dl);
        map_.MapLayers::draw_overlay(canvas);
        ImGui::PopFont();
        f->Scale = keep;
    } else {
        map_.draw_overlay(dl);
    }
    draw_highlights(dl, s);
    scenario.draw_overlay(dl, map_, slide ? 1.4f * s : 1.0f);
    if (presenting_ && v && v->kind == ViewKind::Suggestion) draw_suggestion(dl, *v, s);
    if (!slide) return;
    draw_title_block(dl, v, s);
    draw_legend(dl, s);
    draw_source_line(dl, s);
}

void Workshop::draw_suggestion(ImDrawList* dl, const View& v, float s) {
    const Camera& c = map_.camera;
    const SuggestionSlides::Entry& e = suggestions.request(doc_, v);  // kept: computed once per slide
    const float site_px = slide_text(20 * s);
    dl->PushClipRect(ImVec2(float(c.vx), float(c.vy)), ImVec2(float(c.vx + c.vw), float(c.vy + c.vh)), true);
    if (e.result)
        draw_suggested_sites(dl, *e.result, [&](Coord p) { return map_.to_screen(p); }, 15 * s, bold_font(site_px), site_px);
    ImVec2 a, b;
    suggestion_curve_box(float(c.vx), float(c.vy), float(c.vx + c.vw), float(c.vy + c.vh), s, a, b);
    const CurveFonts fonts{body_font(slide_text(18 * s)), bold_font(slide_text(24 * s)), slide_text(18 * s), slide_text(24 * s)};
    if (e.result) suggestions.last_curve = draw_suggestion_curve(dl, *e.result, a, b, s, fonts);
    else draw_suggestion_status(dl, a, b, s, fonts, e.job.progress(), e.error);
    dl->PopClipRect();
}

void Workshop::draw_presenter_panel(double now) {
    const auto& views = doc_.project().views;
    const ImGuiIO& io = ImGui::GetIO();
    const float em = ImGui::GetFontSize() / 16;  // sizes of UI scale 1
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f - 260 * em, 60 * em), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(520 * em, 380 * em), ImGuiCond_FirstUseEver);
    ImGui::Begin(trid("Presenter").c_str());
    const int secs = int(now - started_at_);
    ImGui::Text("%s %d / %zu    %02d:%02d", tr("Slide"), slide_ + 1, views.size(), secs / 60, secs % 60);
    if (const View* v = current_view()) {
        const float title_px = 24 * em;  // at the UI's scale, as the rest of the panel
        ImGui::PushFont(bold_font(title_px));
        ImGui::SetWindowFontScale(title_px / std::max(1.0f, bold_font(title_px)->FontSize));
        ImGui::TextWrapped("%s", view_title(*v).c_str());
        ImGui::SetWindowFontScale(1.0f);
        ImGui::PopFont();
        if (!v->caption.empty()) ImGui::TextWrapped("%s", v->caption.c_str());
        ImGui::Separator();
        ImGui::TextDisabled("%s", tr("Notes"));
        ImGui::TextWrapped("%s", v->notes.empty() ? "–" : v->notes.c_str());
    }
    ImGui::Separator();
    if (slide_ + 1 < int(views.size())) ImGui::Text("%s: %s", tr("Next"), views[std::size_t(slide_) + 1].name.c_str());
    else ImGui::TextDisabled("%s", tr("Last slide"));
    if (ImGui::Button(tr("Previous"))) previous(now);
    ImGui::SameLine();
    if (ImGui::Button(tr("Next"))) next(now);
    ImGui::SameLine();
    if (ImGui::Button(tr("End presentation"))) stop();
    ImGui::End();
}

void Workshop::draw_highlights(ImDrawList* dl, float s) {
    const Project& p = doc_.project();
    // The view on screen as it is now (its highlights may have been edited since it was shown).
    if (const View* v = current_view()) {
        highlight_units = v->highlight_units;
        highlight_initiatives = v->highlight_initiatives;
    }
    const Camera& c = map_.camera;
    ImGuiCanvas canvas = gui_canvas(dl);
    dl->PushClipRect(ImVec2(float(c.vx), float(c.vy)), ImVec2(float(c.vx + c.vw), float(c.vy + c.vh)), true);
    for (const auto& code : highlight_units)
        for (const auto* layer : {&p.kecamatan, &p.desa})
            for (const auto& u : *layer)
                if (u.code == code)
                    draw_cased_outline(canvas, map_, u.geometry, 0xffffffc8, 6.5f * s, 0xff6f00ff, 4.5f * s);
    for (const auto& id : highlight_initiatives)
        for (const auto& i : p.initiatives)
            if (i.id == id && !i.geometry.empty()) {
                Coord sc = map_.to_screen(i.geometry.anchor());
                dl->AddCircle(ImVec2(float(sc.x), float(sc.y)), 20 * s, IM_COL32(255, 255, 255, 230), 32, 7 * s);
                dl->AddCircle(ImVec2(float(sc.x), float(sc.y)), 20 * s, IM_COL32(255, 111, 0, 255), 32, 4 * s);
            }
    dl->PopClipRect();
}

Workshop::TitleBlock Workshop::title_block(const Camera& c, const View* v, float s) const {
    const ProjectSettings& st = doc_.project().settings;
    TitleBlock t;
    t.pad = 22 * s;
    t.width = std::min(float(c.vw) * 0.5f, 820 * s);
    t.x = float(c.vx) + 24 * s;
    t.y = float(c.vy) + 24 * s;
    t.inner = t.width - 2 * t.pad;
    t.district = st.district_name.empty() ? st.name : st.district_name;
    if (st.period_start > 0) {
        char period[96];
        std::snprintf(period, sizeof period, "%s %d–%d", tr("Smart City Masterplan"), st.period_start, st.period_end);
        t.period = period;
    }
    t.title = v ? view_title(*v) : st.name;
    t.caption = v ? v->caption : std::string();
    t.ds = presentation_font_size(26 * s);
    t.ps = presentation_font_size(24 * s);
    t.ts = presentation_font_size(50 * s);
    t.cs = presentation_font_size(28 * s);
    t.title_h = bold_font(t.ts)->CalcTextSizeA(t.ts, 1e9f, t.inner, t.title.c_str()).y;
    t.caption_h = t.caption.empty() ? 0 : body_font(t.cs)->CalcTextSizeA(t.cs, 1e9f, t.inner, t.caption.c_str()).y;
    t.height = t.pad + t.ds * 1.3f + (t.period.empty() ? 0 : t.ps * 1.3f) + 6 * s + t.title_h + (t.caption.empty() ? 0 : 8 * s + t.caption_h) + t.pad;
    return t;
}

void Workshop::draw_title_block(ImDrawList* dl, const View* v, float s) {
    const TitleBlock t = title_block(map_.camera, v, s);
    // Opaque: nothing of the map (desa labels) shows through the title.
    dl->AddRectFilled(ImVec2(t.x, t.y), ImVec2(t.x + t.width, t.y + t.height), IM_COL32(255, 255, 255, 255), 10 * s);
    dl->AddRectFilled(ImVec2(t.x, t.y), ImVec2(t.x + 8 * s, t.y + t.height), IM_COL32(21, 101, 192, 255), 10 * s, ImDrawFlags_RoundCornersLeft);
    float cy = t.y + t.pad;
    dl->AddText(bold_font(t.ds), t.ds, ImVec2(t.x + t.pad, cy), IM_COL32(21, 101, 192, 255), t.district.c_str());
    cy += t.ds * 1.3f;
    if (!t.period.empty()) {
        dl->AddText(body_font(t.ps), t.ps, ImVec2(t.x + t.pad, cy), IM_COL32(80, 80, 80, 255), t.period.c_str());
        cy += t.ps * 1.3f;
    }
    cy += 6 * s;
    dl->AddText(bold_font(t.ts), t.ts, ImVec2(t.x + t.pad, cy), IM_COL32(25, 25, 25, 255), t.title.c_str(), nullptr, t.inner);
    cy += t.title_h;
    if (!t.caption.empty()) {
        cy += 8 * s;
        dl->AddText(body_font(t.cs), t.cs, ImVec2(t.x + t.pad, cy), IM_COL32(55, 55, 55, 255), t.caption.c_str(), nullptr, t.inner);
    }
}

Workshop::SlideLegend Workshop::slide_legend(const Camera& c, float s) const {
    const Project& p = doc_.project();
    SlideLegend l;
    l.ts = slide_text(24 * s);
    l.hs = slide_text(26 * s);
    l.row = std::max(34 * s, l.ts * 1.4f);
    l.sw = 24 * s;
    l.pad = 18 * s;
    auto shows = [&](LayerId id) { return map_.styles[std::size_t(id)].visible; };
    if (shows(LayerId::Choropleth)) {
        l.heading = std::string(tr(metric_name(map_.metric))) + " — " + service_label(p, map_.service);
        const Classes& cl = map_.classes();
        for (int i = 0; i < cl.count(); ++i)
            l.items.push_back({ramp_colour(map_.ramp(), i, cl.count()), false,
                               format_class_value(cl.breaks[std::size_t(i)], map_.metric) + " – " +
                                   format_class_value(cl.breaks[std::size_t(i) + 1], map_.metric)});
    }
    if (shows(LayerId::ServiceArea)) l.items.push_back({0x1565c070, false, std::string(tr("Service area")) + " " + service_label(p, map_.service)});
    if (shows(LayerId::Zones) && !p.zones.empty()) l.items.push_back({0x8e24aaa0, false, tr("Tourism zones (KPPN)"), Shape::Circle, true});
    // The visible context layers, top first, each class as drawn (the layer's own style last).
    for (auto c = p.context_layers.rbegin(); c != p.context_layers.rend(); ++c) {
        if (!c->visible) continue;
        auto item = [&](const ContextStyle& st, std::string text) {
            SlideLegend::Item it{c->kind == ContextKind::Line ? st.stroke | 0xffu : st.fill | 0xffu, c->kind == ContextKind::Point,
                                 std::move(text), shape_of(st.symbol)};
            it.line = c->kind == ContextKind::Line;
            l.items.push_back(std::move(it));
        };
        for (auto r = c->rules.rbegin(); r != c->rules.rend(); ++r) item(r->style, r->label.empty() ? r->value : r->label);
        item(c->style, c->rules.empty() ? c->name : c->name + ": " + tr("other"));
    }
    if (shows(LayerId::Facilities))
        for (const auto& t : p.settings.facility_types)
            if (std::any_of(p.facilities.begin(), p.facilities.end(), [&](const Facility& f) { return f.type == t.key; }))
                l.items.push_back({t.colour | 0xff, true, t.label, facility_symbol_shape(t.key)});
    if (shows(LayerId::Initiatives) && !p.initiatives.empty())
        for (Pillar pl : kPillars)
            if (std::any_of(p.initiatives.begin(), p.initiatives.end(), [&](const Initiative& i) { return i.pillar == pl; }))
                l.items.push_back({pillar_colour(pl), true, std::string(tr("Initiative")) + " " + pillar_name(int(pl)), kInitiativeSymbolShape});
    if (!highlight_units.empty() || !highlight_initiatives.empty()) l.items.push_back({0xff6f00ff, false, tr("Highlighted")});
    if (const View* v = current_view(); v && v->kind == ViewKind::Suggestion) l.items.push_back({0xd7263dff, true, tr("Suggested site")});
    if (l.items.empty()) return l;
    float width = l.heading.empty() ? 0 : bold_font(l.hs)->CalcTextSizeA(l.hs, 1e9f, 0, l.heading.c_str()).x;
    for (const auto& it : l.items) width = std::max(width, l.sw + 12 * s + body_font(l.ts)->CalcTextSizeA(l.ts, 1e9f, 0, it.text.c_str()).x);
    l.w = width + 2 * l.pad;
    l.h = l.pad * 2 + (l.heading.empty() ? 0 : l.hs * 1.4f) + l.row * float(l.items.size());
    l.x = float(c.vx + c.vw) - l.w - 24 * s;
    l.y = float(c.vy + c.vh) - l.h - 24 * s;
    return l;
}

void Workshop::draw_legend(ImDrawList* dl, float s) {
    const SlideLegend l = slide_legend(map_.camera, s);
    if (l.items.empty()) return;
    ImGuiCanvas canvas = gui_canvas(dl);
    dl->AddRectFilled(ImVec2(l.x, l.y), ImVec2(l.x + l.w, l.y + l.h), IM_COL32(255, 255, 255, 255), 10 * s);
    float cy = l.y + l.pad;
    if (!l.heading.empty()) {
        dl->AddText(bold_font(l.hs), l.hs, ImVec2(l.x + l.pad, cy), IM_COL32(25, 25, 25, 255), l.heading.c_str());
        cy += l.hs * 1.4f;
    }
    for (const auto& it : l.items) {
        const ImVec2 a(l.x + l.pad, cy + (l.row - l.sw) / 2);
        if (it.zone) draw_zone_swatch(canvas, {a.x, a.y}, {a.x + l.sw, a.y + l.sw}, s);
        else if (it.line) dl->AddLine(ImVec2(a.x, a.y + l.sw / 2), ImVec2(a.x + l.sw, a.y + l.sw / 2), im(it.colour), 4 * s);
        else if (it.round) draw_point_symbol(canvas, {a.x + l.sw / 2, a.y + l.sw / 2}, l.sw / 2, it.shape, it.colour);
        else dl->AddRectFilled(a, ImVec2(a.x + l.sw, a.y + l.sw), im(it.colour), 3 * s);
        dl->AddText(body_font(l.ts), l.ts, ImVec2(a.x + l.sw + 12 * s, cy + (l.row - l.ts) / 2 - 2 * s), IM_COL32(35, 35, 35, 255), it.text.c_str());
        cy += l.row;
    }
}

std::string view_title(const View& v) {
    // The dashboard's default name is said in the language shown (it was named in the one it was made in).
    if (v.kind == ViewKind::Dashboard && (v.name == "Smart city pillars" || v.name == "Pilar kota cerdas")) return tr("Smart city pillars");
    return v.name;
}

Camera Workshop::slide_camera(const Camera& viewport, const Envelope& lonlat, const View* v, float s) const {
    // The title block across the top left and the legend at the bottom right leave a free part of
    // the slide: the view's extent is fitted into it, so neither hides a unit of the view.
    const TitleBlock t = title_block(viewport, v, s);
    const SlideLegend l = slide_legend(viewport, s);
    const float margin = 12 * s;
    double x0 = viewport.vx + margin, x1 = viewport.vx + viewport.vw - margin;
    double y0 = t.y + t.height + margin, y1 = viewport.vy + viewport.vh - margin;
    if (!l.items.empty()) x1 = std::min(x1, double(l.x) - margin);
    Camera c = viewport;
    const Envelope e = map_.projection.to_local(lonlat.empty() ? map_.district_extent() : lonlat);
    if (e.empty() || x1 - x0 < 50 || y1 - y0 < 50) return camera_for_extent(map_, lonlat);
    c.ppm = std::clamp(std::min((x1 - x0) / std::max(e.width(), 1.0), (y1 - y0) / std::max(e.height(), 1.0)), Camera::kMinPpm, Camera::kMaxPpm);
    const Coord centre = e.centre();
    c.cx = centre.x - ((x0 + x1) / 2 - c.vx - c.vw / 2) / c.ppm;
    c.cy = centre.y + ((y0 + y1) / 2 - c.vy - c.vh / 2) / c.ppm;
    return c;
}

void Workshop::draw_source_line(ImDrawList* dl, float s) {
    const Project& p = doc_.project();
    const ImGuiIO& io = ImGui::GetIO();
    const float h = kSourceLine * s, y = io.DisplaySize.y - h;
    dl->AddRectFilled(ImVec2(0, y), ImVec2(io.DisplaySize.x, io.DisplaySize.y), IM_COL32(38, 50, 56, 255));
    // Plain words for an audience: where the figures come from, not file names or method keys.
    std::string src = std::string(tr("Source")) + ": " + p.settings.name + " · " + tr("coverage analysis") + " PetaCerdas";
    if (const auto a = doc_.latest_analysis(); a && doc_.analysis_current()) {
        switch (a->provenance.population_method) {
            case PopulationMethod::AreaWeighted: src += std::string(", ") + tr("population of each desa spread evenly over it"); break;
            case PopulationMethod::GridExact: src += std::string(", ") + tr("population from a population grid"); break;
            case PopulationMethod::GridRescaled: src += std::string(", ") + tr("population of each desa spread as a population grid shows"); break;
        }
    }
    const float ts = slide_text(20 * s);
    dl->AddText(body_font(ts), ts, ImVec2(24 * s, y + (h - ts) / 2 - 2 * s), IM_COL32(236, 239, 241, 255), src.c_str());
    const int n = int(p.views.size());
    if (n > 0) {
        const std::string num = std::to_string(slide_ + 1) + " / " + std::to_string(n);
        const float w = bold_font(ts)->CalcTextSizeA(ts, 1e9f, 0, num.c_str()).x;
        dl->AddText(bold_font(ts), ts, ImVec2(io.DisplaySize.x - w - 24 * s, y + (h - ts) / 2 - 2 * s), IM_COL32(255, 255, 255, 255), num.c_str());
    }
}

}  // namespace pc::gui
