#include "render/map_styling.h"

#include <cmath>
#include <unordered_map>

#include "geo/tessellate.h"

namespace pc::gui {

const char* metric_name(ChoroplethMetric m) {
    switch (m) {
        case ChoroplethMetric::CoveragePopulation: return "Coverage of population";
        case ChoroplethMetric::CoverageArea: return "Coverage of area";
        case ChoroplethMetric::UncoveredPopulation: return "Uncovered";
        case ChoroplethMetric::Density: return "Population density";
        case ChoroplethMetric::NearestDistance: return "Distance to nearest facility";
    }
    return "";
}

double metric_value(const UnitMetrics& m, ChoroplethMetric metric) {
    switch (metric) {
        case ChoroplethMetric::CoveragePopulation: return m.population > 0 ? m.coverage_ratio_population : NAN;
        case ChoroplethMetric::CoverageArea: return m.coverage_ratio_area;
        case ChoroplethMetric::UncoveredPopulation: return m.uncovered_population;
        case ChoroplethMetric::Density: return m.area_km2 > 0 ? m.population / m.area_km2 : NAN;
        case ChoroplethMetric::NearestDistance: return m.nearest_facility_m;
    }
    return NAN;
}

Ramp metric_ramp(ChoroplethMetric metric) {
    switch (metric) {
        case ChoroplethMetric::CoveragePopulation:
        case ChoroplethMetric::CoverageArea: return Ramp::RedToGreen;
        case ChoroplethMetric::UncoveredPopulation:
        case ChoroplethMetric::NearestDistance: return Ramp::GreenToRed;
        case ChoroplethMetric::Density: return Ramp::Blues;
    }
    return Ramp::RedToGreen;
}

bool styling_is_quick(const StylingKey& key, std::size_t desa) {
    const ServiceCoverage* s = key.analysis ? key.analysis->service(key.service) : nullptr;
    return desa <= 2000 && (!s || s->service_area.vertex_count() <= 20000);
}

Styling style_map(StylingKey key, const std::vector<std::string>& desa_codes, const LocalProjection& projection) {
    Styling out;
    out.service_lines = std::make_unique<LineMesh>();
    // Before the first figures: no colours (the land colour), not "no data".
    if (key.analysis) out.desa_colours.assign(desa_codes.size(), kNoDataColour);  // grey: no data
    const ServiceCoverage* s = key.analysis ? key.analysis->service(key.service) : nullptr;
    if (s) {
        std::unordered_map<std::string, const UnitMetrics*> by_code;
        for (const auto& m : s->desa) by_code[m.code] = &m;
        std::vector<double> values(desa_codes.size(), NAN);
        for (std::size_t i = 0; i < desa_codes.size(); ++i) {
            auto it = by_code.find(desa_codes[i]);
            if (it != by_code.end()) values[i] = metric_value(*it->second, key.metric);
        }
        // Coverage ratios in equal intervals span 0-100 %, not the data's range: classes that mean the
        // same in every district (a desa at 97 % is never in the lowest class because most are at 100 %).
        const bool ratio = key.metric == ChoroplethMetric::CoveragePopulation || key.metric == ChoroplethMetric::CoverageArea;
        out.classes = key.shared                                          ? Classes{key.shared_breaks}
                      : ratio && key.method == ClassMethod::EqualInterval ? make_classes({0.0, 1.0}, key.classes, ClassMethod::EqualInterval)
                                                                         : make_classes(values, key.classes, key.method);
        for (std::size_t i = 0; i < desa_codes.size(); ++i) {
            const int c = out.classes.class_of(values[i]);
            if (c >= 0) out.desa_colours[i] = ramp_colour(metric_ramp(key.metric), c, out.classes.count());
        }
        std::vector<const Geometry*> area{&s->service_area};
        out.service_fill = FillMesh::prepare(tessellate_layer(area), projection);
        out.service_lines->add_outline(s->service_area, projection);
    } else {
        out.service_fill = FillMesh::prepare(LayerTriangles{{}, {0, 0}, 0}, projection);
    }
    out.key = std::move(key);
    return out;
}

}  // namespace pc::gui
