#pragma once
// The site suggestion as a slide: the map with the numbered suggested sites and their service areas,
// and the cumulative curve (people covered against the number of sites, the knee where adding more
// stops paying marked) in a box on the slide. Drawn with ImGui draw lists, so the presentation
// (Workshop), the suggestion panel and the offscreen renderer (map_image.h) draw the same. The
// suggestion itself runs off the frame thread (SuggestionJob); a presentation keeps one result per
// slide (SuggestionSlides) so stepping back and forth does not compute it again.
#include <atomic>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "geo/analysis/suggest.h"
#include "geo/doc/document.h"
#include "geo/view.h"

namespace pc::gui {

// ---- computing ----

// A suggestion running on copies of a project (the document keeps changing meanwhile), with
// progress (0..1) and cancel.
class SuggestionJob {
public:
    SuggestionJob() = default;
    SuggestionJob(const Document& doc, const SuggestOptions& options);
    ~SuggestionJob() { cancel(); }
    SuggestionJob(SuggestionJob&&) = default;
    SuggestionJob& operator=(SuggestionJob&&) = default;
    bool running() const { return job_.valid(); }
    bool ready() const;
    double progress() const { return progress_ ? progress_->load() : 0.0; }
    // Cancels and waits for the worker to stop.
    void cancel();
    // The result of a ready job (rethrows its error; Cancelled when cancelled).
    SuggestResult take();

private:
    std::future<SuggestResult> job_;
    std::shared_ptr<std::atomic<bool>> cancel_;
    std::shared_ptr<std::atomic<double>> progress_;
};

// The same, on the calling thread (the offscreen renderer).
SuggestResult compute_suggestion(const Document& doc, const SuggestOptions& options);

// One suggestion per slide, kept while the slide's parameters and the project's facilities, zones,
// units and settings stay the same.
class SuggestionSlides {
public:
    struct Entry {
        ViewSuggestion params;
        std::uint64_t content = 0;       // scenario_content_revision when started
        SuggestionJob job;
        std::optional<SuggestResult> result;
        std::string error;
        int computed = 0;                // how many times this slide's suggestion was started
    };
    // Starts the view's suggestion unless one for the same parameters and project is kept or running.
    const Entry& request(const Document& doc, const View& view);
    // Takes finished suggestions up (each frame).
    void poll();
    const Entry* find(const Uuid& view) const;
    void clear() { entries_.clear(); }
    // The curve drawn last (tests compare its numbers).
    struct DrawnCurve {
        std::vector<double> cumulative;  // people covered after 1..n sites
        std::vector<ImVec2> points;      // where each was drawn
        std::size_t knee = 0;            // sites at the knee
    } last_curve;

private:
    const Document* doc_ = nullptr;
    std::map<Uuid, Entry> entries_;
};

// ---- drawing ----

// Numbered markers (red disc, white number) at the sites, over their service areas (faint fill and
// outline). `radius` and `font_px` in the draw list's pixels; `font` may be null (the current font).
void draw_suggested_sites(ImDrawList* dl, const SuggestResult& r, const std::function<Coord(Coord)>& to_screen,
                          float radius, ImFont* font, float font_px, bool service_areas = true);
inline constexpr ImU32 kSuggestedSiteColour = IM_COL32(215, 38, 61, 255);

struct CurveFonts {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    float text_px = 18, heading_px = 22;
};
// The cumulative curve in the box [a, b]: heading, axes with their labels and ticks, the people each
// site adds as bars, the cumulative line, the knee ringed and labelled. `s` scales lines and gaps.
SuggestionSlides::DrawnCurve draw_suggestion_curve(ImDrawList* dl, const SuggestResult& r, ImVec2 a, ImVec2 b, float s,
                                                   const CurveFonts& fonts);
// The box while the suggestion is computed (a progress bar) or when it failed (the message).
void draw_suggestion_status(ImDrawList* dl, ImVec2 a, ImVec2 b, float s, const CurveFonts& fonts, double progress,
                            const std::string& error);
// Where the curve goes on a slide whose map fills [x0, y0]-[x1, y1]: the top right.
void suggestion_curve_box(float x0, float y0, float x1, float y1, float s, ImVec2& a, ImVec2& b);
// Share of the map's width the curve box takes (the map's extent is widened by it on the right).
inline constexpr double kCurveBoxShare = 0.36;
// `extent` widened to the right so that the box leaves it free.
Envelope widened_for_curve(const Envelope& extent);

// A suggestion slide with the given parameters, named after the service.
View suggestion_view(const Project& project, const ViewSuggestion& params);

}  // namespace pc::gui
