#pragma once
// What the figures make of the map: the choropleth's classes and a colour per desa, and the service
// area's triangles and outline. Pure CPU work on copies, so a province's (8,494 desa, a service area
// of thousands of vertices) runs on a worker thread while frames go on; the map view uploads the
// result in one frame, so colours, legend and service area always come from one analysis.
#include <memory>
#include <string>
#include <vector>

#include "render/classify.h"
#include "geo/analysis/results.h"
#include "render/local_projection.h"
#include "render/meshes.h"

namespace pc::gui {

enum class ChoroplethMetric { CoveragePopulation, CoverageArea, UncoveredPopulation, Density, NearestDistance };
const char* metric_name(ChoroplethMetric m);  // English key for tr()
// The value a desa is coloured by (NaN: no value).
double metric_value(const UnitMetrics& m, ChoroplethMetric metric);
// Red to green for coverage, green to red for what is missing, blues for density.
Ramp metric_ramp(ChoroplethMetric metric);
inline constexpr Rgba kNoDataColour = 0xcfcfcfff;

// Everything a styling depends on; equal keys give equal stylings.
struct StylingKey {
    std::shared_ptr<const AnalysisResult> analysis;
    std::string service;
    ChoroplethMetric metric = ChoroplethMetric::CoveragePopulation;
    ClassMethod method = ClassMethod::EqualInterval;
    int classes = 5;
    bool shared = false;                // the classes are given (a scenario's plan takes the baseline's)
    std::vector<double> shared_breaks;
    bool operator==(const StylingKey&) const = default;
};

struct Styling {
    StylingKey key;
    Classes classes;
    std::vector<Rgba> desa_colours;  // in the order of `desa_codes`; empty: no figures yet (land)
    FillData service_fill;
    std::unique_ptr<LineMesh> service_lines;  // filled, not uploaded
};

// `desa_codes`: the project's desa in order (the fill mesh's features).
Styling style_map(StylingKey key, const std::vector<std::string>& desa_codes, const LocalProjection& projection);
// Whether style_map is quick enough for the frame thread (a district) rather than a worker (a province).
bool styling_is_quick(const StylingKey& key, std::size_t desa);

}  // namespace pc::gui
