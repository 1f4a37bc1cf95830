#pragma once
// Workshop mode: the saved views as slides. Presentation mode (F5) hides the panels, fills the
// screen with the map, and draws for a projector: a title block (district, masterplan period, slide
// title and caption), the legend, scale bar, north arrow and a source line, in type sized for a
// 1920×1080 screen read from the back of a room. Arrow keys and PageUp/PageDown (a clicker) step
// through the views with an eased fly between extents; Esc leaves. Also the scenario comparison
// (panel_scenario.h) and the pillar dashboard slide (dashboard.h).
#include <optional>
#include <string>
#include <vector>

#include "dashboard.h"
#include "geo/doc/document.h"
#include "map_view.h"
#include "panel_scenario.h"
#include "render/renderer.h"
#include "offscreen/suggest_slide.h"

struct ImDrawList;
struct ImFont;

namespace pc::gui {

// Fonts of the presentation (loaded with the application's fonts, before the atlas is built).
void load_presentation_fonts(float ui_scale);
struct PresentationFonts {
    ImFont* body = nullptr;   // regular
    ImFont* bold = nullptr;   // titles and headings
    float loaded_px = 0;      // size they were rasterised at
};
const PresentationFonts& presentation_fonts();
// The presentation font (regular or bold) rasterised nearest to `px`, and that size: text drawn at
// the size its font was rasterised at is as sharp as the panels' text.
ImFont* presentation_font(bool bold, float px);
float presentation_font_size(float px);

// A view's title as a slide shows it (the pillar dashboard's default name in the language shown).
std::string view_title(const View& view);

// Ease in/out (cubic) of t in [0, 1].
double ease_in_out(double t);

class Workshop {
public:
    Workshop(Document& doc, MapView& map);

    // ---- presentation ----
    bool presenting() const { return presenting_; }
    // Enters presentation mode at view `index` (clamped); with no views, presents the current map.
    void start(int index, double now);
    void stop();
    void next(double now) { go_to(slide_ + 1, now); }
    void previous(double now) { go_to(slide_ - 1, now); }
    void go_to(int index, double now);
    int slide() const { return slide_; }
    // Applies a view to the map: layers, choropleth, scenario, highlights, and a fly to its extent.
    void show_view(const View& view, double now);
    bool flying() const { return fly_.has_value(); }
    double fly_seconds = 0.6;
    // The view on screen (nullptr = the free map).
    const View* current_view() const;
    bool showing_dashboard() const;

    // ---- per frame, in this order ----
    // F5 / arrows / PageUp / PageDown / Home / End / Esc.
    void handle_keys(double now, const std::vector<int>& key_presses);
    // After the app has set the map viewport: the scenario's split, the fly, the plan map.
    void update(double now);
    // Swipe line dragging; true when it takes the pointer this frame.
    bool handle_pointer(double x, double y, bool pressed, bool down);
    // Panels of the normal mode (views, scenario).
    void draw_panels(double now);
    // The map(s) into the framebuffer (base map, then the plan part).
    void draw_maps(MapRenderer& r, const FramebufferInfo& fb);
    // Everything drawn over the map with ImGui: map labels, highlights, scenario tags, and with
    // `slide` (presentation mode, the audience window) the title block, legend, source line and slide
    // number; or the dashboard.
    void draw_overlay(ImDrawList* dl, bool slide);
    bool slide_look() const { return presenting_ && !presenter_view_; }

    // Presenter view: the slides go to an audience window; this window keeps its panels and shows
    // the presenter's panel (slide, notes, next slide, time).
    void set_presenter_view(bool on) { presenter_view_ = on; }
    bool presenter_view() const { return presenter_view_; }
    static constexpr float kSourceLine = 44;  // height of the source line at type scale 1
    // The camera that fits `lonlat` (empty: the district) into the part of a slide of `viewport` the
    // title block of `view` and the legend leave free, at type scale `s`.
    Camera slide_camera(const Camera& viewport, const Envelope& lonlat, const View* view, float s) const;
    // Slide text (legend entries, source line, scale bar, labels) is never smaller than this (pixels).
    static constexpr float kMinTextPx = 15;

    // Type scale for the projector: 1 at 1080 pixels of height.
    float type_scale() const;

    ScenarioView scenario;
    PillarDashboard dashboard;
    SuggestionSlides suggestions;  // the sites and curve of each suggestion slide, computed once
    bool show_views_panel = false;  // View menu > Views (it floats over the map)
    int selected_view = -1;
    // Edit buffers of the Views panel (kept while the same view is selected).
    Uuid editing_view;
    std::string edit_name, edit_caption, edit_notes;
    // Highlights of the view on screen.
    std::vector<std::string> highlight_units;
    std::vector<Uuid> highlight_initiatives;

private:
    struct Fly {
        double start;
        double cx, cy, ppm;   // camera at the start
        Envelope to;          // extent to arrive at (lon/lat; empty = district)
    };
public:
    // The title block of a slide: where it goes in `viewport` and its lines' sizes.
    struct TitleBlock {
        float x = 0, y = 0, width = 0, height = 0, pad = 0, inner = 0;
        std::string district, period, title, caption;
        float ds = 0, ps = 0, ts = 0, cs = 0, title_h = 0, caption_h = 0;
    };
    TitleBlock title_block(const Camera& viewport, const View* v, float s) const;
    // The slide's legend (bottom right of `viewport`): its entries and box.
    struct SlideLegend {
        struct Item {
            Rgba colour;
            bool round;
            std::string text;
            Shape shape = Shape::Circle;  // of a round (point symbol) item, as the map draws it
            bool zone = false;            // hatched with the cased outline, as the map draws KPPN zones
            bool line = false;            // a line across the swatch (a context layer's roads, rivers)
        };
        std::vector<Item> items;
        std::string heading;
        float x = 0, y = 0, w = 0, h = 0, ts = 0, hs = 0, row = 0, sw = 0, pad = 0;
    };
    SlideLegend slide_legend(const Camera& viewport, float s) const;

private:
    void draw_title_block(ImDrawList* dl, const View* v, float s);
    void draw_legend(ImDrawList* dl, float s);
    void draw_source_line(ImDrawList* dl, float s);
    void draw_highlights(ImDrawList* dl, float s);
    void draw_presenter_panel(double now);
    void draw_suggestion(ImDrawList* dl, const View& v, float s);

    Document& doc_;
    MapView& map_;
    bool presenting_ = false;
    bool presenter_view_ = false;
    double started_at_ = 0;
    int slide_ = 0;
    Uuid current_id_;
    std::optional<Fly> fly_;
};

}  // namespace pc::gui
