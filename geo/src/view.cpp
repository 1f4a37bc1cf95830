#include "geo/view.h"

#include <algorithm>
#include <cctype>

#include "geo/model.h"

namespace pc {

const char* to_key(ViewLayer l) {
    switch (l) {
        case ViewLayer::Choropleth: return "choropleth";
        case ViewLayer::ServiceArea: return "service_area";
        case ViewLayer::Zones: return "zones";
        case ViewLayer::DesaLines: return "desa_lines";
        case ViewLayer::KecamatanLines: return "kecamatan_lines";
        case ViewLayer::KabupatenLine: return "kabupaten_line";
        case ViewLayer::Facilities: return "facilities";
        case ViewLayer::Initiatives: return "initiatives";
        case ViewLayer::Labels: return "labels";
    }
    return "?";
}

const char* to_key(ViewMetric m) {
    switch (m) {
        case ViewMetric::CoveragePopulation: return "coverage_population";
        case ViewMetric::CoverageArea: return "coverage_area";
        case ViewMetric::UncoveredPopulation: return "uncovered_population";
        case ViewMetric::Density: return "density";
        case ViewMetric::NearestDistance: return "nearest_distance";
    }
    return "?";
}

const char* to_key(ViewClassMethod m) {
    switch (m) {
        case ViewClassMethod::Quantile: return "quantile";
        case ViewClassMethod::EqualInterval: return "equal_interval";
        case ViewClassMethod::NaturalBreaks: return "natural_breaks";
    }
    return "?";
}

const char* to_key(ViewKind k) {
    switch (k) {
        case ViewKind::Map: return "map";
        case ViewKind::Dashboard: return "dashboard";
        case ViewKind::Suggestion: return "suggestion";
    }
    return "?";
}

const char* to_key(ScenarioMode m) {
    switch (m) {
        case ScenarioMode::Off: return "off";
        case ScenarioMode::Baseline: return "baseline";
        case ScenarioMode::Plan: return "plan";
        case ScenarioMode::SideBySide: return "side_by_side";
        case ScenarioMode::Swipe: return "swipe";
    }
    return "?";
}

namespace {
template <class E, std::size_t N>
std::optional<E> parse_key(std::string s, const E (&all)[N]) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    for (E e : all)
        if (s == to_key(e)) return e;
    return std::nullopt;
}
}  // namespace

std::optional<ViewLayer> parse_view_layer(const std::string& k) { return parse_key(k, kViewLayers); }
std::optional<ViewMetric> parse_view_metric(const std::string& k) { return parse_key(k, kViewMetrics); }
std::optional<ViewClassMethod> parse_view_class_method(const std::string& k) { return parse_key(k, kViewClassMethods); }
std::optional<ViewKind> parse_view_kind(const std::string& k) { return parse_key(k, kViewKinds); }
std::optional<ScenarioMode> parse_scenario_mode(const std::string& k) { return parse_key(k, kScenarioModes); }

bool View::shows(ViewLayer l) const { return std::find(layers.begin(), layers.end(), l) != layers.end(); }

bool operator==(const View& a, const View& b) {
    auto same_extent = [](const Envelope& x, const Envelope& y) {
        if (x.empty() && y.empty()) return true;
        return x.min_x == y.min_x && x.min_y == y.min_y && x.max_x == y.max_x && x.max_y == y.max_y;
    };
    return a.id == b.id && a.kind == b.kind && a.name == b.name && a.caption == b.caption && a.notes == b.notes &&
           same_extent(a.extent, b.extent) && a.layers == b.layers && a.choropleth == b.choropleth &&
           a.highlight_units == b.highlight_units && a.highlight_initiatives == b.highlight_initiatives &&
           a.scenario == b.scenario && a.suggestion == b.suggestion;
}

View make_view(std::string name) {
    View v;
    v.id = new_uuid();
    v.name = std::move(name);
    v.layers.assign(std::begin(kViewLayers), std::end(kViewLayers));
    return v;
}

long find_view(const std::vector<View>& views, const Uuid& id) {
    for (std::size_t i = 0; i < views.size(); ++i)
        if (views[i].id == id) return long(i);
    return -1;
}

}  // namespace pc
