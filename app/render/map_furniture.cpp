#include "render/map_furniture.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "geo/report/format.h"
#include "render/i18n.h"
#include "render/context_meshes.h"
#include "render/map_symbols.h"

namespace pc::gui {
namespace {

// `extra` more decimals than usual, so that close class breaks print apart.
std::string class_value(ChoroplethMetric m, double v, int extra = 0) {
    switch (m) {
        case ChoroplethMetric::CoveragePopulation:
        case ChoroplethMetric::CoverageArea: return format_decimal_id(v * 100, extra);
        case ChoroplethMetric::UncoveredPopulation: return format_thousands_id(std::int64_t(std::llround(v)));
        case ChoroplethMetric::Density: return format_thousands_id(std::int64_t(std::llround(v)));
        case ChoroplethMetric::NearestDistance: return format_decimal_id(v / 1000, 1 + extra);
    }
    return {};
}

int extra_decimals(ChoroplethMetric m, const Classes& c) {
    if (m != ChoroplethMetric::CoveragePopulation && m != ChoroplethMetric::CoverageArea &&
        m != ChoroplethMetric::NearestDistance)
        return 0;
    for (int extra = 0; extra < 3; ++extra) {
        bool apart = true;
        for (std::size_t i = 0; i + 1 < c.breaks.size(); ++i)
            if (class_value(m, c.breaks[i], extra) == class_value(m, c.breaks[i + 1], extra)) apart = false;
        if (apart) return extra;
    }
    return 3;
}

const char* class_unit(ChoroplethMetric m) {
    switch (m) {
        case ChoroplethMetric::CoveragePopulation:
        case ChoroplethMetric::CoverageArea: return " %";
        case ChoroplethMetric::UncoveredPopulation: return language() == Language::Indonesian ? " jiwa" : " people";
        case ChoroplethMetric::Density: return language() == Language::Indonesian ? " jiwa/km²" : " people/km²";
        case ChoroplethMetric::NearestDistance: return " km";
    }
    return "";
}

}  // namespace

MapFurniture map_furniture(const Project& p, const AnalysisResult* analysis, const MapLayers& map,
                           const std::string& title, const std::string& caption) {
    MapFurniture f;
    const auto& s = p.settings;
    f.district = s.district_name.empty() ? s.name : s.district_name;
    if (s.period_start > 0)
        f.period = std::string(tr("Smart city masterplan")) + " " + std::to_string(s.period_start) +
                   (s.period_end > s.period_start ? "–" + std::to_string(s.period_end) : std::string());
    f.title = title;
    f.caption = caption;
    auto visible = [&](LayerId id) { return map.styles[std::size_t(id)].visible; };

    const ServiceCoverage* service = analysis ? analysis->service(map.service) : nullptr;
    std::string service_label = map.service;
    if (const FacilityType* t = p.facility_type(map.service)) service_label = t->label;
    else if (service) service_label = service->label;
    if (visible(LayerId::Choropleth) && map.classes().count() > 0) {
        f.legend_title = std::string(tr(metric_name(map.metric))) + " — " + service_label;
        const Classes& c = map.classes();
        const int extra = extra_decimals(map.metric, c);
        for (int i = 0; i < c.count(); ++i) {
            std::string label = class_value(map.metric, c.breaks[std::size_t(i)], extra) + " – " +
                                class_value(map.metric, c.breaks[std::size_t(i) + 1], extra) + class_unit(map.metric);
            f.legend.push_back({LegendEntry::Kind::Swatch, ramp_colour(map.ramp(), i, c.count()), label});
        }
        f.legend.push_back({LegendEntry::Kind::Swatch, kNoDataColour, tr("no data")});
    }
    if (visible(LayerId::ServiceArea) && service)
        f.legend.push_back({LegendEntry::Kind::ServiceArea, layer_colour(LayerId::ServiceArea),
                            std::string(tr(layer_name(LayerId::ServiceArea))) + " " + service_label});
    if (visible(LayerId::Zones) && !p.zones.empty())
        f.legend.push_back({LegendEntry::Kind::Zone, layer_colour(LayerId::Zones), tr(layer_name(LayerId::Zones))});
    // Context layers, top first: each class top first as drawn, the layer's own style (drawn under its
    // classes) last.
    for (auto it = p.context_layers.rbegin(); it != p.context_layers.rend(); ++it) {
        if (!it->visible) continue;
        auto entry = [&](const ContextStyle& st, const std::string& label) {
            switch (it->kind) {
                case ContextKind::Line: f.legend.push_back({LegendEntry::Kind::Outline, st.stroke | 0xffu, label}); break;
                case ContextKind::Area: f.legend.push_back({LegendEntry::Kind::Swatch, st.fill | 0xffu, label}); break;
                case ContextKind::Point: f.legend.push_back({LegendEntry::Kind::Symbol, st.fill | 0xffu, label, shape_of(st.symbol)}); break;
            }
        };
        for (auto r = it->rules.rbegin(); r != it->rules.rend(); ++r) entry(r->style, r->label.empty() ? r->value : r->label);
        entry(it->style, it->rules.empty() ? it->name : it->name + ": " + tr("other"));
    }
    if (visible(LayerId::KecamatanLines) && !p.kecamatan.empty())
        f.legend.push_back({LegendEntry::Kind::Outline, layer_colour(LayerId::KecamatanLines),
                            tr(layer_name(LayerId::KecamatanLines))});
    if (visible(LayerId::Facilities)) {
        std::set<std::string> present;
        for (const auto& fac : p.facilities) present.insert(fac.type);
        for (const auto& t : s.facility_types)
            if (present.count(t.key))
                f.legend.push_back({LegendEntry::Kind::Symbol, t.colour | 0xff, t.label, facility_symbol_shape(t.key)});
    }
    if (visible(LayerId::Initiatives)) {
        std::set<int> pillars;
        for (const auto& in : p.initiatives) pillars.insert(int(in.pillar));
        for (int pl : pillars)
            f.legend.push_back({LegendEntry::Kind::Symbol, pillar_colour(Pillar(pl)),
                                std::string(tr("Initiative")) + ": " + pillar_name(pl), kInitiativeSymbolShape});
    }
    f.credit = std::string(tr("Source")) + ": " + (s.name.empty() ? f.district : s.name);
    if (analysis && !analysis->provenance.computed_at.empty())
        f.credit += " · " + std::string(tr("analysis")) + " " + analysis->provenance.tool + ", " +
                    analysis->provenance.analysis_crs + ", " + analysis->provenance.computed_at.substr(0, 10);
    f.credit += " · " + std::string(tr("boundaries: Kemendagri/BPS; map: PetaCerdas"));
    return f;
}

FurnitureLayout draw_map_furniture(Canvas& canvas, const MapFurniture& f, const Camera& area, float em) {
    FurnitureLayout out;
    const float x0 = float(area.vx), y0 = float(area.vy), x1 = float(area.vx + area.vw), y1 = float(area.vy + area.vh);
    const float pad = em * 0.6f;
    const Rgba paper = 0xffffffeb, border = 0x3c3c3cff, ink = 0x191919ff, muted = 0x505050ff;
    auto text_size = [&](Type type, float size, const std::string& t) { return canvas.text_size(type, size, t); };

    // Title block, top left: district and period small above, the view's title large, caption below.
    {
        struct Line { Type type; float size; Rgba colour; std::string text; };
        std::vector<Line> lines;
        std::string head = f.district + (f.period.empty() ? "" : "  ·  " + f.period);
        if (!head.empty()) lines.push_back({Type::Regular, em, muted, head});
        if (!f.title.empty()) lines.push_back({Type::Bold, em * 1.9f, ink, f.title});
        if (!f.caption.empty()) lines.push_back({Type::Regular, em * 0.95f, ink, f.caption});
        float w = 0, h = 0;
        for (auto& l : lines) {
            const Point ts = text_size(l.type, l.size, l.text);
            w = std::max(w, ts.x);
            h += ts.y;
        }
        w = std::min(w, float(area.vw) - 2 * pad - em * 4);  // leave room for the north arrow
        const Point a{x0 + pad, y0 + pad}, b{x0 + pad + w + 2 * pad, y0 + pad + h + 2 * pad};
        if (!lines.empty()) {
            canvas.rect_filled(a, b, paper, em * 0.25f);
            canvas.rect(a, b, border, em * 0.25f, std::max(1.0f, em * 0.08f));
            canvas.rect_filled(a, {a.x + em * 0.3f, b.y}, 0x1565c0ff, em * 0.25f);
            float y = a.y + pad;
            for (auto& l : lines) {
                const Box clip{a.x, a.y, b.x - pad / 2, b.y};
                canvas.text(l.type, l.size, {a.x + pad + em * 0.2f, y}, l.colour, l.text, &clip);
                y += text_size(l.type, l.size, l.text).y;
            }
            out.title_bottom = b.y;
        }
    }

    // Legend, bottom left above the scale bar; in more columns when it would reach the title block.
    if (!f.legend.empty()) {
        const float row = em * 1.35f, sw = em * 1.4f, sh = em * 0.9f;
        const float bottom = y1 - (34 + em + 14);  // above the scale bar of MapLayers::draw_overlay
        const float head = em * 1.4f + (f.legend_title.empty() ? 0 : row);
        const float room = bottom - std::max(out.title_bottom, y0) - pad - 2 * pad - head;
        const std::size_t per_column = std::max<std::size_t>(1, std::size_t(std::max(1.0f, room / row)));
        const std::size_t columns = (f.legend.size() + per_column - 1) / per_column;
        const std::size_t rows = (f.legend.size() + columns - 1) / columns;
        std::vector<float> col_w(columns, 0);
        for (std::size_t i = 0; i < f.legend.size(); ++i)
            col_w[i / rows] = std::max(col_w[i / rows], sw + em * 0.5f + text_size(Type::Regular, em * 0.9f, f.legend[i].label).x);
        float w = 0;
        for (float c : col_w) w += c;
        w += em * float(columns - 1);
        if (!f.legend_title.empty()) w = std::max(w, text_size(Type::Regular, em, f.legend_title).x);
        float h = row * float(rows) + head;
        const Point a{x0 + pad, bottom - h - 2 * pad}, b{x0 + pad + w + 2 * pad, bottom};
        canvas.rect_filled(a, b, paper, em * 0.25f);
        canvas.rect(a, b, border, em * 0.25f, std::max(1.0f, em * 0.08f));
        float y = a.y + pad;
        canvas.text(Type::Regular, em * 1.1f, {a.x + pad, y}, ink, tr("Legend"));
        y += em * 1.4f;
        if (!f.legend_title.empty()) {
            canvas.text(Type::Regular, em, {a.x + pad, y}, ink, f.legend_title);
            y += row;
        }
        const float top_rows = y;
        float x = a.x + pad;
        for (std::size_t i = 0; i < f.legend.size(); ++i) {
            if (i > 0 && i % rows == 0) {
                x += col_w[i / rows - 1] + em;
                y = top_rows;
            }
            const auto& e = f.legend[i];
            const Point s0{x, y + (row - sh) / 2 - em * 0.1f}, s1{s0.x + sw, s0.y + sh};
            switch (e.kind) {
                case LegendEntry::Kind::Swatch:
                    canvas.rect_filled(s0, s1, e.colour | 0xff);
                    canvas.rect(s0, s1, 0x5a5a5aff, 0, std::max(1.0f, em * 0.05f));
                    break;
                case LegendEntry::Kind::Outline:
                    canvas.line({s0.x, (s0.y + s1.y) / 2}, {s1.x, (s0.y + s1.y) / 2}, e.colour, em * 0.15f);
                    break;
                case LegendEntry::Kind::Symbol:
                    draw_point_symbol(canvas, {(s0.x + s1.x) / 2, (s0.y + s1.y) / 2}, sh / 2, e.shape, e.colour);
                    break;
                case LegendEntry::Kind::Zone: draw_zone_swatch(canvas, s0, s1, em / 22); break;
                case LegendEntry::Kind::ServiceArea: draw_service_area_swatch(canvas, s0, s1, em / 22); break;
            }
            out.swatches.push_back({s0.x, s0.y, s1.x, s1.y});
            canvas.text(Type::Regular, em * 0.9f, {s1.x + em * 0.5f, y}, ink, e.label);
            y += row;
        }
        out.legend_right = b.x;
    }

    // Source and credit line, bottom right.
    if (!f.credit.empty()) {
        const float size = em * 0.75f;
        Point ts = text_size(Type::Regular, size, f.credit);
        ts.x = std::min(ts.x, float(area.vw) * 0.6f);
        const Point a{x1 - ts.x - pad * 1.5f, y1 - ts.y - pad}, b{x1 - pad / 2, y1 - pad / 3};
        canvas.rect_filled(a, b, 0xffffffd2, em * 0.2f);
        const Box clip{a.x, a.y, b.x, b.y};
        canvas.text(Type::Regular, size, {a.x + pad / 2, a.y + pad / 3}, muted, f.credit, &clip);
    }
    return out;
}

}  // namespace pc::gui
