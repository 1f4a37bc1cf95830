#pragma once
// Saved map views: the slides of a workshop presentation. A view records what the map shows (extent,
// layers, choropleth, highlighted units and initiatives, a baseline/plan scenario) and what the
// presenter says about it (caption, notes). Plain data; the GUI applies a view to its map, the
// offscreen renderer draws one, the project file stores them in the table `views`.
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "geo/geometry.h"
#include "geo/uuid.h"

namespace pc {

// Defined in model.h (which includes this header); fixed underlying type, so declared here.
enum class Pillar : std::uint8_t;
enum class Status : std::uint8_t;

// The map layers a view shows. Keys are shared by the GUI's layer list and the project file.
enum class ViewLayer : std::uint8_t {
    Choropleth, ServiceArea, Zones, DesaLines, KecamatanLines, KabupatenLine, Facilities, Initiatives, Labels
};
inline constexpr ViewLayer kViewLayers[] = {ViewLayer::Choropleth,     ViewLayer::ServiceArea,   ViewLayer::Zones,
                                            ViewLayer::DesaLines,      ViewLayer::KecamatanLines, ViewLayer::KabupatenLine,
                                            ViewLayer::Facilities,     ViewLayer::Initiatives,   ViewLayer::Labels};
inline constexpr std::size_t kViewLayerCount = std::size(kViewLayers);

// What the desa choropleth shows (same order as the GUI's metric list).
enum class ViewMetric : std::uint8_t { CoveragePopulation, CoverageArea, UncoveredPopulation, Density, NearestDistance };
inline constexpr ViewMetric kViewMetrics[] = {ViewMetric::CoveragePopulation, ViewMetric::CoverageArea,
                                              ViewMetric::UncoveredPopulation, ViewMetric::Density,
                                              ViewMetric::NearestDistance};
enum class ViewClassMethod : std::uint8_t { Quantile, EqualInterval, NaturalBreaks };
inline constexpr ViewClassMethod kViewClassMethods[] = {ViewClassMethod::Quantile, ViewClassMethod::EqualInterval,
                                                      ViewClassMethod::NaturalBreaks};

// A map slide, the pillar dashboard (charts of the six pillars instead of a map), or a site
// suggestion (the map with the numbered suggested sites and the cumulative curve beside it).
enum class ViewKind : std::uint8_t { Map, Dashboard, Suggestion };
inline constexpr ViewKind kViewKinds[] = {ViewKind::Map, ViewKind::Dashboard, ViewKind::Suggestion};

// Which scenario the map shows. Baseline = existing facilities only; Plan = baseline plus the
// initiatives the filter selects (those with a service radius); SideBySide and Swipe compare both.
enum class ScenarioMode : std::uint8_t { Off, Baseline, Plan, SideBySide, Swipe };
inline constexpr ScenarioMode kScenarioModes[] = {ScenarioMode::Off, ScenarioMode::Baseline, ScenarioMode::Plan,
                                                  ScenarioMode::SideBySide, ScenarioMode::Swipe};

// Stable lower-case keys used in files ("kecamatan_lines", "coverage_population", "swipe" ...).
const char* to_key(ViewLayer l);
const char* to_key(ViewMetric m);
const char* to_key(ViewClassMethod m);
const char* to_key(ViewKind k);
const char* to_key(ScenarioMode m);
std::optional<ViewLayer> parse_view_layer(const std::string& key);
std::optional<ViewMetric> parse_view_metric(const std::string& key);
std::optional<ViewClassMethod> parse_view_class_method(const std::string& key);
std::optional<ViewKind> parse_view_kind(const std::string& key);
std::optional<ScenarioMode> parse_scenario_mode(const std::string& key);

// Which initiatives make the plan. An empty list accepts every value. An initiative passes the years
// when any year of [start_year, end_year] is listed (an initiative with no years passes only an
// empty list).
struct ScenarioFilter {
    std::vector<int> years;
    std::vector<Status> statuses;
    std::vector<Pillar> pillars;
    friend bool operator==(const ScenarioFilter&, const ScenarioFilter&) = default;
};

struct ViewScenario {
    ScenarioMode mode = ScenarioMode::Off;
    ScenarioFilter filter;
    double swipe_position = 0.5;       // where the swipe line stands, 0 = left edge, 1 = right edge
    double gap_closed_drop_pct = 50;   // a unit's gap counts as closed when its uncovered population drops by this much (or to 0)
    friend bool operator==(const ViewScenario&, const ViewScenario&) = default;
};

struct ViewChoropleth {
    std::string service;   // facility type key, or "initiatives"; "" = the GUI's default
    ViewMetric metric = ViewMetric::CoveragePopulation;
    ViewClassMethod method = ViewClassMethod::Quantile;
    int classes = 5;
    friend bool operator==(const ViewChoropleth&, const ViewChoropleth&) = default;
};

// What a suggestion slide asks (the parameters of `petacerdas suggest`); the sites are computed when
// the slide is shown, from the project as it is then.
struct ViewSuggestion {
    std::string service;                  // facility type key; "" = the first facility type
    int count = 3;                        // sites, unless a budget is given
    std::int64_t budget_rp = 0;           // > 0: as many sites as budget / cost_per_site buys
    std::int64_t cost_per_site_rp = 0;
    double radius_m = 0;                  // 0: the type's default radius
    std::string within;                   // "" district; a zone or kecamatan (code or name)
    std::string candidates = "desa";      // "desa" or "grid:M" (M metres)
    friend bool operator==(const ViewSuggestion&, const ViewSuggestion&) = default;
};

struct View {
    Uuid id;
    ViewKind kind = ViewKind::Map;
    std::string name;      // the slide title: "Cakupan puskesmas 2025"
    std::string caption;   // shown under the title to the audience
    std::string notes;     // shown to the presenter only
    Envelope extent;       // lon/lat (WGS 84); empty = the whole district
    std::vector<ViewLayer> layers;  // visible layers (the others are hidden)
    ViewChoropleth choropleth;
    std::vector<std::string> highlight_units;   // admin unit codes (desa or kecamatan)
    std::vector<Uuid> highlight_initiatives;
    ViewScenario scenario;
    ViewSuggestion suggestion;  // ViewKind::Suggestion

    bool shows(ViewLayer l) const;
    friend bool operator==(const View& a, const View& b);
};

// A view with a new id, the given name, every layer visible and no extent (the whole district).
View make_view(std::string name);

// Index of a view by id, or -1.
long find_view(const std::vector<View>& views, const Uuid& id);

}  // namespace pc
