// How the map application draws each layer (app/gui/map_view.cpp draw_layers, shaders/*.frag), as
// QGIS styles. Every number comes from geo/style.h map_style.
#include "map_styles.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <unordered_map>

#include "geo/classify.h"
#include "geo/report/format.h"

namespace pc::io {
namespace ms = map_style;
using qgis::Anchor;
using qgis::Hatch;
using qgis::Labels;
using qgis::LayerStyleSpec;
using qgis::Marker;
using qgis::Renderer;
using qgis::Stroke;
using qgis::StyleClass;
using qgis::Symbol;
using qgis::SymbolKind;

namespace {

std::uint32_t with_alpha(std::uint32_t rgba, double alpha) {
    return (rgba & 0xffffff00u) | std::uint32_t(std::lround(std::clamp(alpha, 0.0, 1.0) * 255));
}

Symbol fill_symbol(std::optional<std::uint32_t> fill, std::vector<Stroke> strokes = {}) {
    Symbol s;
    s.kind = SymbolKind::Fill;
    s.fill = fill;
    s.strokes = std::move(strokes);
    return s;
}

// A point symbol on a layer of `kind`: the marker itself, or drawn at the anchor of a line or polygon
// (the map draws a facility that is not a point as its symbol at Geometry::anchor()).
Symbol point_symbol(GeometryKind kind, const Marker& m) {
    Symbol s;
    s.marker = m;
    s.kind = kind == GeometryKind::Line ? SymbolKind::Line : kind == GeometryKind::Polygon ? SymbolKind::Fill : SymbolKind::Marker;
    s.anchor = kind == GeometryKind::Line ? Anchor::LineMiddleVertex : kind == GeometryKind::Polygon ? Anchor::EnvelopeCentre : Anchor::None;
    return s;
}

bool is_ratio(ViewMetric m) { return m == ViewMetric::CoveragePopulation || m == ViewMetric::CoverageArea; }

double metric_value(const UnitMetrics& m, ViewMetric metric) {
    switch (metric) {
        case ViewMetric::CoveragePopulation: return m.population > 0 ? m.coverage_ratio_population : NAN;
        case ViewMetric::CoverageArea: return m.coverage_ratio_area;
        case ViewMetric::UncoveredPopulation: return m.uncovered_population;
        case ViewMetric::Density: return m.area_km2 > 0 ? m.population / m.area_km2 : NAN;
        case ViewMetric::NearestDistance: return m.nearest_facility_m;
    }
    return NAN;
}

// The same value from the joined fields, -1 where the map has none (no class: grey).
std::string metric_expression(ViewMetric metric) {
    auto f = [](const char* name) { return "\"" + std::string(kJoinPrefix) + name + "\""; };
    switch (metric) {
        case ViewMetric::CoveragePopulation:
            return "CASE WHEN " + f("population") + " > 0 THEN " + f("coverage_ratio_population") + " ELSE -1 END";
        case ViewMetric::CoverageArea: return "coalesce(" + f("coverage_ratio_area") + ", -1)";
        case ViewMetric::UncoveredPopulation: return "coalesce(" + f("uncovered_population") + ", -1)";
        case ViewMetric::Density:
            return "CASE WHEN " + f("area_km2") + " > 0 THEN " + f("population") + " / " + f("area_km2") + " ELSE -1 END";
        case ViewMetric::NearestDistance: return "coalesce(" + f("nearest_facility_m") + ", -1)";
    }
    return "-1";
}

ColourRamp ramp_of(ViewMetric m) {
    switch (m) {
        case ViewMetric::CoveragePopulation:
        case ViewMetric::CoverageArea: return ColourRamp::RedToGreen;
        case ViewMetric::UncoveredPopulation:
        case ViewMetric::NearestDistance: return ColourRamp::GreenToRed;
        case ViewMetric::Density: return ColourRamp::Blues;
    }
    return ColourRamp::RedToGreen;
}

// Legend text of a class limit, as the map's legend prints it ("20", "1.250", "2,5").
std::string limit_text(ViewMetric m, double v, int extra_decimals) {
    switch (m) {
        case ViewMetric::CoveragePopulation:
        case ViewMetric::CoverageArea: return format_decimal_id(v * 100, extra_decimals);
        case ViewMetric::UncoveredPopulation:
        case ViewMetric::Density: return format_thousands_id(std::int64_t(std::llround(v)));
        case ViewMetric::NearestDistance: return format_decimal_id(v / 1000, 1 + extra_decimals);
    }
    return {};
}

const char* unit_text(ViewMetric m) {
    switch (m) {
        case ViewMetric::CoveragePopulation:
        case ViewMetric::CoverageArea: return " %";
        case ViewMetric::UncoveredPopulation: return " jiwa";
        case ViewMetric::Density: return " jiwa/km²";
        case ViewMetric::NearestDistance: return " km";
    }
    return "";
}

const char* metric_title(ViewMetric m) {
    switch (m) {
        case ViewMetric::CoveragePopulation: return "Cakupan penduduk";
        case ViewMetric::CoverageArea: return "Cakupan luas";
        case ViewMetric::UncoveredPopulation: return "Belum terlayani";
        case ViewMetric::Density: return "Kepadatan penduduk";
        case ViewMetric::NearestDistance: return "Jarak ke fasilitas terdekat";
    }
    return "";
}

// Graduated classes over `breaks` in `ramp`. QGIS puts a value in the first range holding it with
// both ends included; the map's class i is [b_i, b_i+1) (the last closed): so every range but the
// last ends just below the next break.
std::vector<StyleClass> classes_of(const std::vector<double>& b, ColourRamp ramp, ViewMetric metric) {
    std::vector<StyleClass> out;
    const int n = b.size() < 2 ? 0 : int(b.size()) - 1;
    int extra = 0;  // more decimals until neighbouring limits print apart (as the map's legend)
    if (metric != ViewMetric::UncoveredPopulation && metric != ViewMetric::Density)
        for (; extra < 3; ++extra) {
            bool apart = true;
            for (std::size_t i = 0; i + 1 < b.size(); ++i) apart = apart && limit_text(metric, b[i], extra) != limit_text(metric, b[i + 1], extra);
            if (apart) break;
        }
    for (int i = 0; i < n; ++i) {
        StyleClass c;
        c.lower = b[std::size_t(i)];
        c.upper = i + 1 < n ? std::nextafter(b[std::size_t(i) + 1], -std::numeric_limits<double>::infinity()) : b[std::size_t(i) + 1];
        c.label = limit_text(metric, b[std::size_t(i)], extra) + " – " + limit_text(metric, b[std::size_t(i) + 1], extra) + unit_text(metric);
        c.symbol = fill_symbol(ramp_colour(ramp, i, n));
        out.push_back(std::move(c));
    }
    return out;
}

std::pair<std::string, std::string> uuid_default() { return {"uuid", kUuidDefault}; }

}  // namespace

std::vector<double> choropleth_breaks(const Project& p, const ServiceCoverage& coverage, const ChoroplethChoice& choice) {
    if (is_ratio(choice.metric) && choice.method == ViewClassMethod::EqualInterval)
        return class_breaks({0.0, 1.0}, choice.classes, ViewClassMethod::EqualInterval);
    std::unordered_map<std::string, const UnitMetrics*> by_code;
    for (const auto& m : coverage.desa) by_code[m.code] = &m;
    std::vector<double> values(p.desa.size(), NAN);
    for (std::size_t i = 0; i < p.desa.size(); ++i)
        if (auto it = by_code.find(p.desa[i].code); it != by_code.end()) values[i] = metric_value(*it->second, choice.metric);
    return class_breaks(values, choice.classes, choice.method);
}

LayerStyleSpec land_style() {
    LayerStyleSpec s;
    s.layer = "desa";
    s.description = "Daratan: desa di bawah peta tanpa koroplet";
    s.single = fill_symbol(ms::kLand);
    return s;
}

LayerStyleSpec choropleth_style(const Project& p, const ServiceCoverage& coverage, const ChoroplethChoice& choice) {
    LayerStyleSpec s;
    s.layer = "desa";
    s.description = std::string(metric_title(choice.metric)) + " — " + coverage.label;
    s.renderer = Renderer::Graduated;
    s.expression = metric_expression(choice.metric);
    s.attribute = std::string(kJoinPrefix) + "coverage_ratio_population";
    s.classes = classes_of(choropleth_breaks(p, coverage, choice), ramp_of(choice.metric), choice.metric);
    StyleClass none;
    none.label = "tanpa data";
    none.lower = none.upper = -1;
    none.symbol = fill_symbol(ms::kNoData);
    s.classes.push_back(none);
    s.single = fill_symbol(ms::kNoData);
    s.opacity = ms::kChoroplethOpacity;
    s.defaults = {uuid_default()};
    return s;
}

LayerStyleSpec gap_style(const std::string& table, const std::string& service, const std::string& label) {
    LayerStyleSpec s;
    s.layer = table;
    s.description = "Celah layanan " + label + " (bagian unit di luar area layanan), menurut cakupan penduduk";
    s.renderer = Renderer::Graduated;
    s.attribute = "coverage_ratio_population";
    s.only_field = "service";
    s.only_value = service;
    s.classes = classes_of(class_breaks({0.0, 1.0}, 5, ViewClassMethod::EqualInterval), ColourRamp::RedToGreen,
                           ViewMetric::CoveragePopulation);
    s.single = fill_symbol(ms::kNoData);
    s.opacity = ms::kChoroplethOpacity;
    s.defaults = {uuid_default()};
    return s;
}

LayerStyleSpec service_area_style(const std::string& table, const std::string& label) {
    LayerStyleSpec s;
    s.layer = table;
    s.description = "Area layanan " + label;
    s.single = fill_symbol(with_alpha(ms::kServiceArea, ms::kServiceAreaOpacity),
                           {Stroke{with_alpha(ms::kServiceArea, std::min(1.0, 4 * ms::kServiceAreaOpacity)), ms::kServiceAreaLinePx}});
    s.defaults = {uuid_default()};
    return s;
}

Envelope map_envelope(const Project& p) {
    Envelope e;
    for (const auto* layer : {&p.kabupaten, &p.kecamatan, &p.desa})
        for (const auto& u : *layer) e.expand(u.geometry.envelope());
    if (e.empty())
        for (const auto& f : p.facilities) e.expand(f.geometry.envelope());
    return e;
}

qgis::MapOrigin map_origin(const Project& p) {
    constexpr double kMetresPerDegree = 6371008.8 * M_PI / 180;  // mean Earth radius, as the map
    const Envelope e = map_envelope(p);
    const Coord c = e.empty() ? Coord{0, 0} : e.centre();
    return {c.x, c.y, kMetresPerDegree * std::cos(c.y * M_PI / 180), kMetresPerDegree};
}

LayerStyleSpec zones_style(const Project& p) {
    const double o = std::min(1.0, 3 * ms::kZoneOpacity);
    const double tint = ms::kZoneTint * o, hatch = ms::kZoneHatch * o;
    LayerStyleSpec s;
    s.layer = "zones";
    s.description = "Kawasan pariwisata (KPPN/KSPN): arsiran dan garis tepi bergaris putih";
    s.single = fill_symbol(with_alpha(ms::kZone, tint),
                           {Stroke{with_alpha(0xffffffffu, ms::kZoneCasing * o), ms::kZoneCasingPx},
                            Stroke{with_alpha(ms::kZone, o), ms::kZoneLinePx}});
    // The map draws the hatch lines instead of the tint (alpha `hatch` on the lines); QGIS draws them
    // over the tint, so their own alpha is what makes the two add up to `hatch`.
    // Lines where x + y (pixels, y up) is constant: at 135° from east, 10/√2 px apart, 2/√2 px wide,
    // fixed to the map as the application draws them.
    s.single.hatch = Hatch{with_alpha(ms::kZone, 1 - (1 - hatch) / (1 - tint)), ms::kZoneHatchSpacingPx,
                           ms::kZoneHatchWidthPx, 135, map_origin(p)};
    s.defaults = {uuid_default()};
    return s;
}

namespace {
Labels admin_labels(const Project& p, AdminLevel level) {
    Labels l;
    l.field = "name";
    l.halo = ms::kLabelHalo;
    l.halo_px = 1;
    if (level == AdminLevel::Kecamatan) {
        l.type_px = ms::kLabelTypePx * ms::kKecamatanLabelScale;
        l.ink = ms::kKecamatanLabelInk;
        l.priority = 10;
        return l;
    }
    l.type_px = ms::kLabelTypePx * ms::kDesaLabelScale;
    l.ink = ms::kDesaLabelInk;
    l.priority = 5;
    // The map labels desa where they are 70 px wide on average: sqrt(envelope area / count) metres
    // (the envelope in the map's equirectangular metres) over 70 px of 0.0254/96 m at 1:S.
    const Envelope e = map_envelope(p);
    if (!e.empty() && !p.desa.empty()) {
        const qgis::MapOrigin o = map_origin(p);
        const double w = e.width() * o.kx, h = e.height() * o.ky;
        const double mean_desa_m = std::sqrt(w * h / double(p.desa.size()));
        l.min_scale = mean_desa_m / ms::kDesaLabelMinWidthPx / (0.0254 / 96);
    }
    return l;
}
}  // namespace

LayerStyleSpec boundary_style(const Project& p, AdminLevel level, bool with_labels) {
    LayerStyleSpec s;
    s.layer = to_key(level);
    switch (level) {
        case AdminLevel::Kabupaten:
            s.description = "Batas kabupaten/kota";
            s.single = fill_symbol(std::nullopt, {Stroke{ms::kKabupatenLine, ms::kKabupatenLinePx}});
            break;
        case AdminLevel::Kecamatan:
            s.description = "Batas kecamatan";
            s.single = fill_symbol(std::nullopt, {Stroke{ms::kKecamatanLine, ms::kKecamatanLinePx}});
            break;
        case AdminLevel::Desa:
            s.description = "Batas desa/kelurahan";
            s.single = fill_symbol(std::nullopt, {Stroke{ms::kDesaLine, ms::kDesaLinePx}});
            break;
    }
    if (with_labels && level != AdminLevel::Kabupaten && !(level == AdminLevel::Desa && p.desa.size() > 3000))
        s.labels = admin_labels(p, level);
    s.defaults = {uuid_default()};
    return s;
}

LayerStyleSpec labels_style(const Project& p, AdminLevel level) {
    LayerStyleSpec s = boundary_style(p, level, true);
    s.description = level == AdminLevel::Kecamatan ? "Nama kecamatan" : "Nama desa/kelurahan";
    s.renderer = Renderer::None;
    return s;
}

LayerStyleSpec facilities_style(const Project& p, GeometryKind kind) {
    LayerStyleSpec s;
    s.layer = "facilities";
    s.description = "Fasilitas menurut jenis, dengan simbol peta";
    s.renderer = Renderer::Categorized;
    s.attribute = "type";
    std::set<std::string> known;
    for (auto& t : p.settings.facility_types) {
        known.insert(t.key);
        s.classes.push_back({t.label, t.key, 0, 0, point_symbol(kind, Marker{ms::facility_shape(t.key), t.colour | 0xffu, ms::kFacilitySymbolPx})});
    }
    for (auto& f : p.facilities)
        if (known.insert(f.type).second)
            s.classes.push_back({f.type, f.type, 0, 0, point_symbol(kind, Marker{ms::facility_shape(f.type), ms::kUnknownFacility, ms::kFacilitySymbolPx})});
    s.single = point_symbol(kind, Marker{ms::SymbolShape::Circle, ms::kUnknownFacility, ms::kFacilitySymbolPx});
    s.defaults = {uuid_default()};
    return s;
}

LayerStyleSpec initiatives_style(GeometryKind kind, bool label_obstacle) {
    LayerStyleSpec s;
    s.layer = "initiatives";
    s.description = "Inisiatif menurut pilar smart city";
    s.renderer = Renderer::Categorized;
    s.attribute = "pillar";
    auto symbol = [&](std::uint32_t c) {
        if (kind == GeometryKind::Line) {
            Symbol l;
            l.kind = SymbolKind::Line;
            l.strokes = {Stroke{ms::kInitiativeCasing, ms::kInitiativeCasingPx}, Stroke{c, ms::kInitiativeLinePx}};
            return l;
        }
        if (kind == GeometryKind::Polygon)
            return fill_symbol(with_alpha(c, ms::kInitiativeFillOpacity), {Stroke{ms::kInitiativeCasing, ms::kInitiativeOutlinePx}});
        return point_symbol(GeometryKind::Point, Marker{ms::kInitiativeShape, c, ms::kInitiativeSymbolPx});
    };
    for (Pillar pl : kPillars) s.classes.push_back({pillar_label(pl), to_key(pl), 0, 0, symbol(pillar_colour(pl))});
    s.single = symbol(0x808080ff);
    // Labels keep clear of initiative symbols, as on the map.
    s.label_obstacle = label_obstacle && kind != GeometryKind::Line && kind != GeometryKind::Polygon;
    s.defaults = {uuid_default()};
    return s;
}

LayerStyleSpec context_style(const ContextLayer& layer, const std::string& table) {
    auto symbol = [&](const ContextStyle& c) {
        switch (layer.kind) {
            case ContextKind::Line: {
                Symbol l;
                l.kind = SymbolKind::Line;
                l.strokes = {Stroke{c.stroke, c.width_px}};
                return l;
            }
            case ContextKind::Area:
                return fill_symbol(c.fill, c.width_px > 0 ? std::vector<Stroke>{Stroke{c.stroke, c.width_px}} : std::vector<Stroke>{});
            case ContextKind::Point: break;
        }
        // ContextSymbol lists the map's shapes in SymbolShape's order.
        return point_symbol(GeometryKind::Point, Marker{ms::SymbolShape(c.symbol), c.fill, c.size_px});
    };
    LayerStyleSpec s;
    s.layer = table;
    s.description = "Lapisan konteks " + layer.name;
    s.single = symbol(layer.style);
    if (!layer.class_field.empty() && !layer.rules.empty()) {
        s.renderer = Renderer::Categorized;
        s.attribute = layer.class_field;
        for (const ContextRule& r : layer.rules) s.classes.push_back({r.label.empty() ? r.value : r.label, r.value, 0, 0, symbol(r.style)});
        s.classes.push_back({"Lainnya", "", 0, 0, symbol(layer.style)});  // QGIS's "all other values"
    }
    return s;
}

LayerStyleSpec highlight_style(AdminLevel level, const std::vector<std::string>& codes) {
    LayerStyleSpec s;
    s.layer = to_key(level);
    s.description = "Unit yang disorot tampilan";
    s.renderer = Renderer::Categorized;
    s.attribute = "code";
    const Symbol cased = fill_symbol(std::nullopt, {Stroke{ms::kHighlightCasing, ms::kHighlightCasingPx},
                                                    Stroke{ms::kHighlightInk, ms::kHighlightInkPx}});
    for (const auto& code : codes) s.classes.push_back({code, code, 0, 0, cased});
    s.single = cased;
    return s;
}

LayerStyleSpec population_grid_style() {
    LayerStyleSpec s;
    s.layer = "population_grid";
    s.description = "Grid penduduk (sel GHS-POP), garis tipis";
    s.single = fill_symbol(std::nullopt, {Stroke{0xbdbdbdff, 0.4}});
    s.defaults = {uuid_default()};
    return s;
}

}  // namespace pc::io
