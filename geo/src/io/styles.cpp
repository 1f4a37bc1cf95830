// The default QGIS style of every layer that a GeoPackage (layer_styles) or a Shapefile (.qml/.sld
// beside it) carries: each layer drawn as the map application draws it (map_styles.h).
#include "geo/io/styles.h"

#include <cstdio>

#include "context_tables.h"
#include "table_model.h"
#include "map_styles.h"

namespace pc {

std::vector<LayerStyle> project_styles(const Project& p, const AnalysisResult* metrics, const StyleOptions& opt) {
    using io::qgis::LayerStyleSpec;
    std::vector<LayerStyleSpec> specs;
    specs.push_back(io::boundary_style(p, AdminLevel::Kabupaten, false));
    specs.push_back(io::boundary_style(p, AdminLevel::Kecamatan, true));
    specs.push_back(io::boundary_style(p, AdminLevel::Desa, true));
    // Mixed-geometry layers: one style per kind layer (GeoPackage), or the one kind asked for under
    // the table's name (a Shapefile part).
    auto per_kind = [&](const std::string& base, auto make) {
        if (opt.geometry_kind != GeometryKind::Empty) {
            specs.push_back(make(opt.geometry_kind));
            specs.back().layer = base;
            return;
        }
        for (GeometryKind k : io::kLayerKinds) {
            specs.push_back(make(k));
            specs.back().layer = io::kind_layer_name(base, k);
        }
    };
    per_kind("facilities", [&](GeometryKind k) { return io::facilities_style(p, k); });
    per_kind("initiatives", [&](GeometryKind k) { return io::initiatives_style(k, false); });
    specs.push_back(io::zones_style(p));
    if (p.population_grid) specs.push_back(io::population_grid_style());
    const auto context_tables = io::context_table_names(p.context_layers);
    for (std::size_t i = 0; i < p.context_layers.size(); ++i) specs.push_back(io::context_style(p.context_layers[i], context_tables[i]));
    if (metrics && !metrics->services.empty()) {
        const ServiceCoverage* svc = &metrics->services.front();
        if (!opt.choropleth_service.empty())
            if (auto* x = metrics->service(opt.choropleth_service)) svc = x;
        for (const char* table : io::kMetricsTables) specs.push_back(io::gap_style(table, svc->service, svc->label));
        const auto names = io::service_area_layer_names(*metrics);
        for (std::size_t i = 0; i < names.size(); ++i)
            specs.push_back(io::service_area_style(names[i], metrics->services[i].label));
    }

    std::vector<LayerStyle> out;
    auto renamed = [&](std::string& f) {
        auto it = opt.field_names.find(f);
        if (!f.empty() && it != opt.field_names.end()) f = it->second;
    };
    for (auto& s : specs) {
        renamed(s.attribute);
        renamed(s.only_field);
        if (s.labels) renamed(s.labels->field);
        for (auto& d : s.defaults) renamed(d.first);
        // Shortened names (Shapefile) show their whole name in QGIS.
        for (auto& [long_name, short_name] : opt.field_names)
            if (short_name != long_name) s.aliases.emplace_back(short_name, long_name);
        LayerStyle l;
        l.layer = s.layer;
        l.name = "PetaCerdas " + s.layer;
        l.description = s.description;
        l.renderer = s.renderer == io::qgis::Renderer::Single        ? "singleSymbol"
                     : s.renderer == io::qgis::Renderer::Categorized ? "categorizedSymbol"
                     : s.renderer == io::qgis::Renderer::Graduated   ? "graduatedSymbol"
                                                                      : "nullSymbol";
        for (auto& c : s.classes) {
            char range[80];
            std::snprintf(range, sizeof range, "%.10g-%.10g", c.lower, c.upper);
            l.categories.push_back(s.renderer == io::qgis::Renderer::Graduated ? std::string(range) : c.value);
        }
        l.qml = io::qgis::qml_document(s);
        l.sld = io::qgis::sld_document(s);
        out.push_back(std::move(l));
    }
    return out;
}

namespace io {
std::string xml_escape(const std::string& s) {
    std::string o;
    for (char c : s) switch (c) {
            case '&': o += "&amp;"; break;
            case '<': o += "&lt;"; break;
            case '>': o += "&gt;"; break;
            case '"': o += "&quot;"; break;
            case '\'': o += "&apos;"; break;
            default: o += c;
        }
    return o;
}
}  // namespace io

}  // namespace pc
