// The site suggestion as a slide (suggest_slide.h).
#include "offscreen/suggest_slide.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "geo/analysis/engine.h"
#include "geo/error.h"
#include "render/i18n.h"
#include "render/scenario_split.h"

namespace pc::gui {
namespace {

// The engine (30 % of the progress) and the search (70 %) on `project`.
SuggestResult run(const Project& project, const AnalysisOptions& analysis, const SuggestOptions& o,
                  std::atomic<bool>* cancel, std::atomic<double>* progress) {
    WorkControl engine_control;
    engine_control.cancel = cancel;
    if (progress) engine_control.progress = [progress](double f, const char*) { progress->store(0.3 * f); };
    const CoverageEngine engine(project, analysis, engine_control);
    WorkControl search_control;
    search_control.cancel = cancel;
    if (progress) search_control.progress = [progress](double f, const char*) { progress->store(0.3 + 0.7 * f); };
    return suggest_sites(engine, project, o, search_control);
}

void text(ImDrawList* dl, ImFont* f, float px, ImVec2 p, ImU32 c, const std::string& t) {
    dl->AddText(f, px, p, c, t.c_str());
}

float width_of(ImFont* f, float px, const std::string& t) {
    return (f ? f : ImGui::GetFont())->CalcTextSizeA(px, 1e9f, 0, t.c_str()).x;
}

}  // namespace

// ---- computing ----

SuggestionJob::SuggestionJob(const Document& doc, const SuggestOptions& o)
    : cancel_(std::make_shared<std::atomic<bool>>(false)), progress_(std::make_shared<std::atomic<double>>(0.0)) {
    job_ = std::async(std::launch::async, [project = doc.project(), analysis = doc.options(), o, cancel = cancel_,
                                           progress = progress_]() {
        return run(project, analysis, o, cancel.get(), progress.get());
    });
}

bool SuggestionJob::ready() const {
    return job_.valid() && job_.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

void SuggestionJob::cancel() {
    if (!job_.valid()) return;
    cancel_->store(true);
    try {
        job_.get();
    } catch (...) {
    }
}

SuggestResult SuggestionJob::take() { return job_.get(); }

SuggestResult compute_suggestion(const Document& doc, const SuggestOptions& o) {
    return run(doc.project(), doc.options(), o, nullptr, nullptr);
}

const SuggestionSlides::Entry& SuggestionSlides::request(const Document& doc, const View& view) {
    if (doc_ != &doc) {  // another document: nothing kept holds
        entries_.clear();
        doc_ = &doc;
    }
    const std::uint64_t content = scenario_content_revision(doc);
    Entry& e = entries_[view.id];
    if (e.computed > 0 && e.params == view.suggestion && e.content == content) return e;
    e.job.cancel();
    e.params = view.suggestion;
    e.content = content;
    e.result.reset();
    e.error.clear();
    ++e.computed;
    try {
        e.job = SuggestionJob(doc, suggest_options(view.suggestion, doc.project()));
    } catch (const std::exception& ex) {
        e.job = SuggestionJob();
        e.error = ex.what();
    }
    return e;
}

void SuggestionSlides::poll() {
    for (auto& [id, e] : entries_) {
        if (!e.job.ready()) continue;
        try {
            e.result = e.job.take();
        } catch (const Cancelled&) {
            e.error = tr("Cancelled");
        } catch (const std::exception& ex) {
            e.error = ex.what();
        }
    }
}

const SuggestionSlides::Entry* SuggestionSlides::find(const Uuid& view) const {
    auto it = entries_.find(view);
    return it == entries_.end() ? nullptr : &it->second;
}

// ---- drawing ----

void draw_suggested_sites(ImDrawList* dl, const SuggestResult& r, const std::function<Coord(Coord)>& to_screen,
                          float radius, ImFont* font, float font_px, bool service_areas) {
    if (service_areas) {
        std::vector<ImVec2> pts;
        for (const auto& s : r.sites)
            for (const auto& poly : s.service_area.polygons) {
                if (poly.rings.empty()) continue;
                pts.clear();
                for (const Coord& c : poly.rings.front()) {
                    const Coord p = to_screen(c);
                    pts.emplace_back(float(p.x), float(p.y));
                }
                if (pts.size() < 3) continue;
                dl->AddConvexPolyFilled(pts.data(), int(pts.size()), IM_COL32(215, 38, 61, 40));  // a disc: convex
                dl->AddPolyline(pts.data(), int(pts.size()), IM_COL32(215, 38, 61, 200), ImDrawFlags_Closed,
                                std::max(1.0f, radius / 6));
            }
    }
    ImFont* f = font ? font : ImGui::GetFont();
    for (std::size_t k = 0; k < r.sites.size(); ++k) {
        const Coord c = to_screen(r.sites[k].lonlat);
        const ImVec2 p(float(c.x), float(c.y));
        dl->AddCircleFilled(p, radius, kSuggestedSiteColour);
        dl->AddCircle(p, radius, IM_COL32(255, 255, 255, 255), 0, std::max(1.5f, radius / 6));
        const std::string label = std::to_string(k + 1);
        const ImVec2 ts = f->CalcTextSizeA(font_px, 1e9f, 0, label.c_str());
        dl->AddText(f, font_px, ImVec2(p.x - ts.x / 2, p.y - ts.y / 2), IM_COL32(255, 255, 255, 255), label.c_str());
    }
}

void suggestion_curve_box(float x0, float y0, float x1, float y1, float s, ImVec2& a, ImVec2& b) {
    const float margin = 24 * s;
    const float w = std::min(float(x1 - x0) * float(kCurveBoxShare) - margin, 640 * s);
    const float h = std::min((y1 - y0) * 0.5f, w * 0.8f);
    const float top = y0 + margin + 64 * s;  // below the map's north arrow
    b = ImVec2(x1 - margin, top + h);
    a = ImVec2(b.x - w, top);
}

Envelope widened_for_curve(const Envelope& e) {
    if (e.empty()) return e;
    Envelope w = e;
    w.max_x = e.min_x + (e.max_x - e.min_x) / (1 - kCurveBoxShare);
    return w;
}

static void draw_box(ImDrawList* dl, ImVec2 a, ImVec2 b, float s) {
    dl->AddRectFilled(a, b, IM_COL32(255, 255, 255, 240), 10 * s);
    dl->AddRect(a, b, IM_COL32(190, 190, 190, 255), 10 * s, 0, std::max(1.0f, s));
}

SuggestionSlides::DrawnCurve draw_suggestion_curve(ImDrawList* dl, const SuggestResult& r, ImVec2 a, ImVec2 b, float s,
                                                   const CurveFonts& fonts) {
    SuggestionSlides::DrawnCurve out;
    for (const auto& site : r.sites) out.cumulative.push_back(site.cumulative);
    out.knee = suggestion_knee(out.cumulative);
    draw_box(dl, a, b, s);
    const float pad = 16 * s, tx = fonts.text_px, hx = fonts.heading_px;
    const ImU32 ink = IM_COL32(35, 35, 35, 255), grey = IM_COL32(110, 110, 110, 255);
    text(dl, fonts.bold, hx, ImVec2(a.x + pad, a.y + pad), ink, tr("People covered by number of sites"));
    const std::size_t n = r.sites.size();
    const double ymax = std::max(1.0, r.people_added) * 1.08;
    const std::string ytop = format_count(r.people_added);
    // Under the heading, the knee in words (ringed on the curve); then the y axis label.
    float y = a.y + pad + hx * 1.4f;
    if (out.knee > 0) {
        char label[200];
        std::snprintf(label, sizeof label, "%zu %s: %s · %s", out.knee, out.knee == 1 ? tr("site") : tr("sites"),
                      format_count(out.cumulative[out.knee - 1]).c_str(), tr("each further site adds less"));
        const float rr = tx * 0.38f, x = a.x + pad + 2 * rr + 8 * s, wrap = b.x - pad - x;
        ImFont* f = fonts.bold ? fonts.bold : ImGui::GetFont();
        dl->AddCircle(ImVec2(a.x + pad + rr, y + tx * 0.6f), rr, IM_COL32(255, 111, 0, 255), 0, 2.5f * s);
        dl->AddText(f, tx, ImVec2(x, y), IM_COL32(191, 54, 12, 255), label, nullptr, wrap);
        y += f->CalcTextSizeA(tx, 1e9f, wrap, label).y + tx * 0.4f;
    }
    text(dl, fonts.body, tx, ImVec2(a.x + pad, y), grey, tr("People covered"));
    // Plot area: room for the y tick labels on the left, the x ticks and axis label below.
    const float left = a.x + pad + width_of(fonts.body, tx, ytop) + 10 * s;
    const float top = y + tx * 1.6f;
    const float right = b.x - pad - 10 * s, bottom = b.y - pad - tx * 2.5f;
    // Half a step of room right of the last site, for its bar.
    const double span = double(std::max<std::size_t>(n, 1)) + 0.5;
    auto X = [&](double k) { return left + float((right - left) * k / span); };
    auto Y = [&](double v) { return bottom - float((bottom - top) * v / ymax); };
    // Axes, the y ticks (0 and the total), the x ticks.
    dl->AddLine(ImVec2(left, top), ImVec2(left, bottom), ink, 1.5f * s);
    dl->AddLine(ImVec2(left, bottom), ImVec2(right, bottom), ink, 1.5f * s);
    for (double v : {0.0, r.people_added}) {
        const std::string t = format_count(v);
        dl->AddLine(ImVec2(left - 5 * s, Y(v)), ImVec2(left, Y(v)), ink, 1.5f * s);
        text(dl, fonts.body, tx, ImVec2(left - 8 * s - width_of(fonts.body, tx, t), Y(v) - tx * 0.6f), grey, t);
        if (v > 0) dl->AddLine(ImVec2(left, Y(v)), ImVec2(right, Y(v)), IM_COL32(210, 210, 210, 255), 1.0f * s);
    }
    const std::size_t step = n <= 12 ? 1 : n <= 30 ? 5 : n <= 120 ? 10 : 50;
    for (std::size_t k = 0; k <= n; k += step) {
        const std::string t = std::to_string(k);
        dl->AddLine(ImVec2(X(double(k)), bottom), ImVec2(X(double(k)), bottom + 5 * s), ink, 1.5f * s);
        text(dl, fonts.body, tx, ImVec2(X(double(k)) - width_of(fonts.body, tx, t) / 2, bottom + 6 * s), grey, t);
    }
    const std::string xlabel = tr("Number of sites");
    text(dl, fonts.body, tx, ImVec2((left + right) / 2 - width_of(fonts.body, tx, xlabel) / 2, bottom + 6 * s + tx * 1.2f),
         grey, xlabel);
    // Bars: the people each site adds; the line: cumulative, from (0, 0).
    const float bar = std::max(1.0f, float((right - left) / span) * 0.5f);
    for (std::size_t k = 0; k < n; ++k) {
        const float x = X(double(k + 1));
        dl->AddRectFilled(ImVec2(x - bar / 2, Y(r.sites[k].people_added)), ImVec2(x + bar / 2, bottom),
                          IM_COL32(144, 202, 249, 255));
    }
    std::vector<ImVec2> line{ImVec2(X(0), Y(0))};
    for (std::size_t k = 0; k < n; ++k) line.emplace_back(X(double(k + 1)), Y(out.cumulative[k]));
    dl->AddPolyline(line.data(), int(line.size()), IM_COL32(21, 101, 192, 255), 0, 3 * s);
    for (std::size_t k = 0; k < n; ++k) {
        out.points.push_back(line[k + 1]);
        dl->AddCircleFilled(line[k + 1], 4.5f * s, IM_COL32(21, 101, 192, 255));
    }
    // The knee: ringed (its words are under the heading).
    if (out.knee > 0) dl->AddCircle(line[out.knee], 11 * s, IM_COL32(255, 111, 0, 255), 0, 3.5f * s);
    return out;
}

void draw_suggestion_status(ImDrawList* dl, ImVec2 a, ImVec2 b, float s, const CurveFonts& fonts, double progress,
                            const std::string& error) {
    draw_box(dl, a, b, s);
    const float pad = 16 * s;
    dl->AddText(fonts.bold, fonts.heading_px, ImVec2(a.x + pad, a.y + pad), IM_COL32(35, 35, 35, 255),
                tr("People covered by number of sites"));
    const float y = (a.y + b.y) / 2;
    if (!error.empty()) {
        dl->AddText(fonts.body, fonts.text_px, ImVec2(a.x + pad, y), IM_COL32(183, 28, 28, 255), error.c_str(), nullptr,
                    b.x - a.x - 2 * pad);
        return;
    }
    char label[96];
    std::snprintf(label, sizeof label, "%s %.0f%%", tr("Computing the suggestion..."), 100 * std::clamp(progress, 0.0, 1.0));
    dl->AddText(fonts.body, fonts.text_px, ImVec2(a.x + pad, y - fonts.text_px * 1.6f), IM_COL32(35, 35, 35, 255), label);
    const ImVec2 p0(a.x + pad, y), p1(b.x - pad, y + 14 * s);
    dl->AddRectFilled(p0, p1, IM_COL32(225, 225, 225, 255), 4 * s);
    dl->AddRectFilled(p0, ImVec2(p0.x + (p1.x - p0.x) * float(std::clamp(progress, 0.0, 1.0)), p1.y),
                      IM_COL32(21, 101, 192, 255), 4 * s);
}

View suggestion_view(const Project& project, const ViewSuggestion& params) {
    ViewSuggestion g = params;
    if (g.service.empty() && !project.settings.facility_types.empty()) g.service = project.settings.facility_types.front().key;
    const FacilityType* type = project.facility_type(g.service);
    View v = make_view(std::string(tr("Suggested sites")) + ": " + (type && !type->label.empty() ? type->label : g.service));
    v.kind = ViewKind::Suggestion;
    v.suggestion = g;
    v.choropleth.service = v.suggestion.service;
    v.layers = {ViewLayer::ServiceArea, ViewLayer::Zones, ViewLayer::DesaLines, ViewLayer::KecamatanLines,
                ViewLayer::KabupatenLine, ViewLayer::Facilities};
    return v;
}

}  // namespace pc::gui
