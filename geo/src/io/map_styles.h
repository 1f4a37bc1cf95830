#pragma once
// The layers of the application's map as QGIS styles: each function describes how the map draws one
// layer (geo/style.h map_style), for the layer_styles of a GeoPackage, the .qml beside a Shapefile and
// the layers of the QGIS project (not public API).
#include <string>

#include "geo/analysis/results.h"
#include "geo/model.h"
#include "geo/view.h"
#include "qgis_style.h"

namespace pc::io {

// What the desa choropleth shows (a saved view's choropleth, or the application's default).
struct ChoroplethChoice {
    std::string service;  // facility type key or "initiatives"
    ViewMetric metric = ViewMetric::CoveragePopulation;
    ViewClassMethod method = ViewClassMethod::EqualInterval;  // the map application's default
    int classes = 5;
    friend bool operator==(const ChoroplethChoice&, const ChoroplethChoice&) = default;
};

// In the QGIS project the choropleth is the desa layer with that service's metrics_desa row joined
// on the desa code; the joined fields get this prefix ("m_coverage_ratio_population").
inline constexpr const char* kJoinPrefix = "m_";
// The metrics fields the choropleth joins, in the metrics tables' order (QGIS 3.22 gives a subset's
// values in the joined layer's field order).
inline constexpr const char* kJoinedMetrics[] = {"area_km2", "coverage_ratio_area", "population",
                                                 "uncovered_population", "coverage_ratio_population",
                                                 "nearest_facility_m"};

// Desa filled with the land colour (under everything when no choropleth is shown).
qgis::LayerStyleSpec land_style();
// Whole desa filled by their class of `choice` (with the metrics joined as kJoinPrefix fields), the
// classes and colours the map computes from `coverage`, desa without a value in grey.
qgis::LayerStyleSpec choropleth_style(const Project& p, const ServiceCoverage& coverage, const ChoroplethChoice& choice);
// A metrics table's gap shapes (metrics_desa, metrics_kecamatan ...) coloured by the class of their
// population coverage of `service` (other services' rows are not drawn).
qgis::LayerStyleSpec gap_style(const std::string& table, const std::string& service, const std::string& label);
qgis::LayerStyleSpec service_area_style(const std::string& table, const std::string& label);
qgis::LayerStyleSpec zones_style(const Project& p);
// The boundaries of one admin level; with_labels adds the unit names as the map places them.
qgis::LayerStyleSpec boundary_style(const Project& p, AdminLevel level, bool with_labels);
// Only the names of one admin level (no symbols): the map's label layer.
qgis::LayerStyleSpec labels_style(const Project& p, AdminLevel level);
// Facilities or initiatives of one geometry kind (Point includes features without geometry).
qgis::LayerStyleSpec facilities_style(const Project& p, GeometryKind kind);
qgis::LayerStyleSpec initiatives_style(GeometryKind kind, bool label_obstacle);
qgis::LayerStyleSpec population_grid_style();
// The units of `level` whose code is in `codes` outlined as a view highlights them (no codes: nothing
// drawn, the layer's default).
qgis::LayerStyleSpec highlight_style(AdminLevel level, const std::vector<std::string>& codes);
// A context layer (stored as `table`): its own style, and its rules by field value as categories.
qgis::LayerStyleSpec context_style(const ContextLayer& layer, const std::string& table);

// The area the map is drawn around (kabupaten, kecamatan and desa; else the facilities), and its
// drawing projection: equirectangular around the area's centre (app/gui/render/local_projection.h).
Envelope map_envelope(const Project& p);
qgis::MapOrigin map_origin(const Project& p);

// The classes of a choropleth: breaks as the map computes them (empty: no values).
std::vector<double> choropleth_breaks(const Project& p, const ServiceCoverage& coverage, const ChoroplethChoice& choice);

// Default value of every layer's uuid field in QGIS: a feature added in QGIS gets a UUID itself.
inline constexpr const char* kUuidDefault = "uuid('WithoutBraces')";

}  // namespace pc::io
