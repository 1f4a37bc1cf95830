// The pillar dashboard: four bar charts, one bar per pillar, drawn large for a projector.
#include "dashboard.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>

#include "render/i18n.h"
#include "map_view.h"
#include "panels.h"
#include "presentation.h"
#include "render/scenario_split.h"

namespace pc::gui {
namespace {

std::uint64_t content_revision(const Document& doc) {
    std::uint64_t r = 0;
    for (DocLayer l : {DocLayer::Initiatives, DocLayer::Facilities, DocLayer::Zones, DocLayer::Admin, DocLayer::Settings})
        r = r * 1000003 + doc.layer_revision(l);
    return r;
}

ImU32 im(Rgba c, float alpha = 1) {
    return IM_COL32(int(c >> 24), int((c >> 16) & 0xff), int((c >> 8) & 0xff), int(float(c & 0xff) * alpha));
}

struct SlideType {
    float s;  // type scale of the slide
};
constexpr bool kBold = true, kRegular = false;

// Text in the presentation type rasterised nearest `size`, drawn at that raster's size (crisp; one
// 48 px raster scaled down came out thin and uneven on a projector).
void text(ImDrawList* dl, bool bold, float size, ImVec2 at, ImU32 col, const std::string& t, float align = 0) {
    ImFont* f = presentation_font(bold, size);
    size = presentation_font_size(size);
    if (align != 0) at.x -= f->CalcTextSizeA(size, 1e9f, 0, t.c_str()).x * align;
    dl->AddText(f, size, at, col, t.c_str());
}

// One chart: a heading and six horizontal bars (value/maximum), the value written after each bar.
void chart(ImDrawList* dl, const SlideType& ty, ImVec2 a, ImVec2 b, const char* heading, const char* subheading,
           const std::vector<double>& values, const std::function<std::string(std::size_t)>& label) {
    const float s = ty.s;
    dl->AddRectFilled(a, b, IM_COL32(255, 255, 255, 255), 10 * s);
    dl->AddRect(a, b, IM_COL32(200, 200, 200, 255), 10 * s, 0, 1.5f * s);
    const float pad = 22 * s, hs = 34 * s, bs = 24 * s;
    text(dl, kBold, hs, ImVec2(a.x + pad, a.y + pad * 0.7f), IM_COL32(30, 30, 30, 255), heading);
    float y = a.y + pad * 0.7f + hs * 1.25f;
    if (subheading && *subheading) {
        text(dl, kRegular, bs * 0.8f, ImVec2(a.x + pad, y), IM_COL32(100, 100, 100, 255), subheading);
        y += bs * 1.05f;
    }
    double top = 0;
    for (double v : values) top = std::max(top, v);
    const float name_w = 190 * s, value_w = 170 * s;
    const float row = (b.y - pad - y) / 6.0f;
    const float bar_h = std::min(row * 0.68f, 44 * s);
    for (std::size_t i = 0; i < 6; ++i) {
        const float ry = y + row * float(i);
        const float cy = ry + row / 2;
        text(dl, kRegular, bs, ImVec2(a.x + pad, cy - bs * 0.6f), IM_COL32(40, 40, 40, 255), pillar_name(int(i)));
        const float x0 = a.x + pad + name_w, x1 = b.x - pad - value_w;
        const float w = top > 0 ? float(values[i] / top) * (x1 - x0) : 0;
        dl->AddRectFilled(ImVec2(x0, cy - bar_h / 2), ImVec2(x1, cy + bar_h / 2), IM_COL32(236, 239, 241, 255), 4 * s);
        if (w > 0) dl->AddRectFilled(ImVec2(x0, cy - bar_h / 2), ImVec2(x0 + std::max(w, 3 * s), cy + bar_h / 2), im(pillar_colour(Pillar(i))), 4 * s);
        text(dl, kBold, bs, ImVec2(x1 + 12 * s, cy - bs * 0.6f), IM_COL32(30, 30, 30, 255), label(i));
    }
}

}  // namespace

const std::vector<PillarContribution>& PillarDashboard::figures(Document& doc, const std::string& service,
                                                                 const ScenarioFilter& filter) {
    if (pending_.valid() && pending_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        Result r = pending_.get();
        figures_ = std::move(r.figures);
        error = std::move(r.error);
    }
    const bool stale = built_for_ != &doc || built_revision_ != content_revision(doc) || built_service_ != service ||
                       !(built_filter_ == filter);
    if (stale && !pending_.valid()) {
        built_for_ = &doc;
        built_revision_ = content_revision(doc);
        built_service_ = service;
        built_filter_ = filter;
        pending_ = std::async(std::launch::async, [project = doc.project(), filter, service, options = doc.options()]() {
            Result r;
            try {
                r.figures = pillar_contributions(scenario_input(project, service), filter, service, options);
            } catch (const std::exception& e) {
                r.error = e.what();
            }
            return r;
        });
    }
    if (figures_.size() != 6) figures_.assign(6, PillarContribution{});
    return figures_;
}

void PillarDashboard::draw(ImDrawList* dl, Document& doc, const std::string& service, const ScenarioFilter& filter,
                           float x0, float y0, float x1, float y1, float s) {
    const auto& f = figures(doc, service, filter);
    SlideType ty{s};
    dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), IM_COL32(245, 246, 248, 255));
    const float gap = 24 * s;
    const float w = (x1 - x0 - 3 * gap) / 2, h = (y1 - y0 - 3 * gap) / 2;
    auto cell = [&](int c, int r) {
        ImVec2 a(x0 + gap + float(c) * (w + gap), y0 + gap + float(r) * (h + gap));
        return std::pair{a, ImVec2(a.x + w, a.y + h)};
    };
    std::vector<double> count, budget, opd, covered;
    for (const auto& p : f) {
        count.push_back(double(p.initiatives));
        budget.push_back(double(p.budget_rp));
        opd.push_back(double(p.opd.size()));
        covered.push_back(p.newly_covered_population);
    }
    const Project& pr = doc.project();
    const FacilityType* ft = pr.facility_type(service);
    const std::string beyond = computing() ? std::string(tr("Computing...")) : !error.empty() ? error
                             : std::string(tr("beyond the existing")) + " " + (ft ? ft->label : service);
    auto [a1, b1] = cell(0, 0);
    chart(dl, ty, a1, b1, tr("Initiatives"), nullptr, count, [&](std::size_t i) { return std::to_string(f[i].initiatives); });
    auto [a2, b2] = cell(1, 0);
    chart(dl, ty, a2, b2, tr("Budget"), nullptr, budget, [&](std::size_t i) { return format_rupiah(f[i].budget_rp); });
    auto [a3, b3] = cell(0, 1);
    chart(dl, ty, a3, b3, tr("OPD involved"), nullptr, opd, [&](std::size_t i) { return std::to_string(f[i].opd.size()) + " OPD"; });
    auto [a4, b4] = cell(1, 1);
    chart(dl, ty, a4, b4, tr("People newly covered"), beyond.c_str(), covered,
          [&](std::size_t i) { return f[i].with_radius ? format_count(f[i].newly_covered_population) : std::string("–"); });
}

}  // namespace pc::gui
