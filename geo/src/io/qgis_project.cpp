// The QGIS project of a PetaCerdas GeoPackage (.qgs XML as QGIS 3.22 writes it, the parts it needs).
// The map application's layers become QGIS layers over the GeoPackage's tables: the choropleth is the
// desa layer with its service's metrics_desa rows joined on the desa code; labels are layers of their
// own (as the application toggles them apart from the boundaries); one choropleth and one service area
// layer per service, the default one visible; saved views become map themes and bookmarks.
#include "geo/io/qgis_project.h"

#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "../report/zip_writer.h"
#include "geo/crs.h"
#include "geo/utm.h"
#include "context_tables.h"
#include "map_styles.h"
#include "table_model.h"
#include "xml_writer.h"

namespace pc {
namespace {

using io::Xml;
using io::qgis::LayerStyleSpec;

struct QgisLayer {
    std::string id;
    std::string name;    // shown in QGIS's layer panel
    std::string table;   // GeoPackage layer
    std::string subset;  // provider filter ("" = every row)
    GeometryKind geometry = GeometryKind::Polygon;
    std::string wkb = "MultiPolygon";
    LayerStyleSpec style;
    std::vector<std::pair<std::string, LayerStyleSpec>> named_styles;  // for map themes
    std::string join_layer;  // id of the layer joined on "code" (the choropleth's metrics)
    bool checked = true;
};

// A top-level entry of the layer panel: a layer, or a group of layers.
struct TreeItem {
    std::string group;  // "" = the layer `layers[0]` at top level
    std::vector<std::size_t> layers;
    bool checked = true, expanded = true;
};

// The map's layers in QGIS, top first, and what the saved views need to find them.
struct QgisMap {
    std::vector<QgisLayer> layers;
    std::vector<TreeItem> tree;
    std::map<std::string, std::size_t> choropleth, service_area;  // by service
    std::size_t land = 0;
    std::vector<std::size_t> kecamatan_labels, desa_labels, desa_lines, kecamatan_lines, kabupaten_line, zones,
        facilities, initiatives, context;
    std::size_t highlight_kecamatan = 0, highlight_desa = 0;
    io::ChoroplethChoice default_choice;
};

std::string quoted_sql(const std::string& v) {
    std::string out = "'";
    for (char c : v) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

std::string choice_name(const io::ChoroplethChoice& c) {
    return std::string(to_key(c.metric)) + ", " + to_key(c.method) + ", " + std::to_string(c.classes);
}

bool kind_present(const std::vector<Geometry>& geoms, GeometryKind kind) {
    for (auto& g : geoms)
        if (g.kind == kind) return true;
    return false;
}

template <class T>
std::vector<Geometry> geometries_of(const std::vector<T>& features) {
    std::vector<Geometry> out;
    for (auto& f : features) out.push_back(f.geometry);
    return out;
}

QgisMap build_map(const Project& p, const AnalysisResult* metrics) {
    QgisMap m;
    auto add = [&](QgisLayer l) {
        m.layers.push_back(std::move(l));
        return m.layers.size() - 1;
    };
    auto layer = [](std::string id, std::string name, std::string table, LayerStyleSpec style) {
        QgisLayer l;
        l.id = std::move(id);
        l.name = std::move(name);
        l.table = std::move(table);
        l.style = std::move(style);
        return l;
    };
    auto top = [&](std::size_t i) { m.tree.push_back({"", {i}, m.layers[i].checked, false}); };

    // Labels (always on top in the map).
    {
        TreeItem g{"Label", {}, true, true};
        m.kecamatan_labels.push_back(add(layer("petacerdas_label_kecamatan", "Nama kecamatan", "kecamatan", io::labels_style(p, AdminLevel::Kecamatan))));
        g.layers.push_back(m.kecamatan_labels.back());
        auto desa = io::labels_style(p, AdminLevel::Desa);
        if (desa.labels) {
            m.desa_labels.push_back(add(layer("petacerdas_label_desa", "Nama desa", "desa", desa)));
            g.layers.push_back(m.desa_labels.back());
        }
        m.tree.push_back(g);
    }
    // Units a view highlights: drawn only in that view's theme (its style lists their codes).
    {
        TreeItem g{"Sorotan", {}, true, false};
        m.highlight_kecamatan = add(layer("petacerdas_highlight_kecamatan", "Kecamatan disorot", "kecamatan",
                                          io::highlight_style(AdminLevel::Kecamatan, {})));
        m.highlight_desa = add(layer("petacerdas_highlight_desa", "Desa disorot", "desa", io::highlight_style(AdminLevel::Desa, {})));
        g.layers = {m.highlight_kecamatan, m.highlight_desa};
        m.tree.push_back(g);
    }
    // Initiatives and facilities: a layer per geometry kind present (the point layer always).
    auto kinds = [&](const std::string& base, const std::vector<Geometry>& geoms, const char* group, auto style,
                     std::vector<std::size_t>& out) {
        TreeItem g{group, {}, true, true};
        for (GeometryKind k : io::kLayerKinds) {
            if (k != GeometryKind::Point && !kind_present(geoms, k)) continue;
            const std::string table = io::kind_layer_name(base, k);
            QgisLayer l = layer("petacerdas_" + table, std::string(group) + (k == GeometryKind::Point ? " (titik)" : k == GeometryKind::Line ? " (garis)" : " (area)"),
                                table, style(k));
            l.style.layer = table;
            l.geometry = k;
            l.wkb = k == GeometryKind::Line ? "MultiLineString" : k == GeometryKind::Polygon ? "MultiPolygon" : "Point";
            if (k == GeometryKind::Point)
                for (auto& gm : geoms)
                    if (gm.kind == GeometryKind::Point && gm.points.size() > 1) l.wkb = "MultiPoint";
            out.push_back(add(l));
            g.layers.push_back(out.back());
        }
        m.tree.push_back(g);
    };
    kinds("initiatives", geometries_of(p.initiatives), "Inisiatif", [&](GeometryKind k) { return io::initiatives_style(k, true); }, m.initiatives);
    kinds("facilities", geometries_of(p.facilities), "Fasilitas", [&](GeometryKind k) { return io::facilities_style(p, k); }, m.facilities);
    m.kabupaten_line.push_back(add(layer("petacerdas_kabupaten", "Batas kabupaten", "kabupaten", io::boundary_style(p, AdminLevel::Kabupaten, false))));
    top(m.kabupaten_line.back());
    m.kecamatan_lines.push_back(add(layer("petacerdas_kecamatan", "Batas kecamatan", "kecamatan", io::boundary_style(p, AdminLevel::Kecamatan, false))));
    top(m.kecamatan_lines.back());
    m.desa_lines.push_back(add(layer("petacerdas_desa", "Batas desa", "desa", io::boundary_style(p, AdminLevel::Desa, false))));
    top(m.desa_lines.back());
    m.zones.push_back(add(layer("petacerdas_zones", "Kawasan pariwisata (KPPN)", "zones", io::zones_style(p))));
    top(m.zones.back());
    // Context layers (roads, settlements ...) over the analysis, under the boundaries: top first.
    if (!p.context_layers.empty()) {
        TreeItem g{"Lapisan konteks", {}, true, true};
        const auto tables = io::context_table_names(p.context_layers);
        for (std::size_t i = p.context_layers.size(); i-- > 0;) {
            const ContextLayer& c = p.context_layers[i];
            QgisLayer l = layer("petacerdas_" + tables[i], c.name, tables[i], io::context_style(c, tables[i]));
            l.geometry = c.kind == ContextKind::Line ? GeometryKind::Line : c.kind == ContextKind::Area ? GeometryKind::Polygon : GeometryKind::Point;
            l.wkb = c.kind == ContextKind::Line ? "MultiLineString" : c.kind == ContextKind::Area ? "MultiPolygon" : "MultiPoint";
            l.checked = c.visible;
            if (c.visible) m.context.push_back(m.layers.size());
            g.layers.push_back(add(l));
        }
        m.tree.push_back(g);
    }

    std::vector<std::size_t> analysis;
    if (metrics && !metrics->services.empty()) {
        // The application's default service: the first facility type (when analysed), else the first.
        const ServiceCoverage* first = &metrics->services.front();
        if (!p.settings.facility_types.empty())
            if (auto* s = metrics->service(p.settings.facility_types.front().key)) first = s;
        m.default_choice.service = first->service;
        const auto area_tables = io::service_area_layer_names(*metrics);
        TreeItem areas{"Area layanan", {}, true, false}, choropleths{"Peta tematik cakupan", {}, true, false};
        for (std::size_t i = 0; i < metrics->services.size(); ++i) {
            const ServiceCoverage& s = metrics->services[i];
            const std::string key = io::layer_safe(s.service) + (i ? "_" + std::to_string(i) : "");
            const bool shown = &s == first;
            QgisLayer area = layer("petacerdas_service_area_" + key, "Area layanan " + s.label, area_tables[i], io::service_area_style(area_tables[i], s.label));
            area.checked = shown;
            m.service_area[s.service] = add(area);
            areas.layers.push_back(m.service_area[s.service]);
            // The service's rows of metrics_desa: the gaps, and what the choropleth joins.
            QgisLayer gaps = layer("petacerdas_gaps_" + key, "Celah layanan desa " + s.label, "metrics_desa",
                                   io::gap_style("metrics_desa", s.service, s.label));
            gaps.subset = "\"service\" = " + quoted_sql(s.service);
            gaps.checked = false;
            analysis.push_back(add(gaps));
            io::ChoroplethChoice choice = m.default_choice;
            choice.service = s.service;
            QgisLayer ch = layer("petacerdas_choropleth_" + key, "Cakupan penduduk " + s.label, "desa", io::choropleth_style(p, s, choice));
            ch.join_layer = m.layers[analysis.back()].id;
            ch.checked = shown;
            m.choropleth[s.service] = add(ch);
            choropleths.layers.push_back(m.choropleth[s.service]);
        }
        m.tree.push_back(areas);
        m.tree.push_back(choropleths);
        for (const char* table : io::kMetricsTables) {
            if (std::string(table) == "metrics_desa") continue;
            QgisLayer l = layer(std::string("petacerdas_") + table, table, table, io::gap_style(table, first->service, first->label));
            l.checked = false;
            analysis.push_back(add(l));
        }
    }
    QgisLayer land = layer("petacerdas_land", "Daratan", "desa", io::land_style());
    land.checked = m.choropleth.empty();
    m.land = add(land);
    top(m.land);
    if (p.population_grid) {
        QgisLayer g = layer("petacerdas_population_grid", "Grid penduduk", "population_grid", io::population_grid_style());
        g.wkb = "Polygon";
        g.checked = false;
        analysis.push_back(add(g));
    }
    if (!analysis.empty()) m.tree.push_back({"Analisis", analysis, false, false});
    return m;
}

// ---- CRS ----
void write_srs(Xml& x, const CrsDescription& s) {
    x.open("spatialrefsys")
        .text("wkt", s.wkt)
        .text("proj4", s.proj4)
        .text("authid", s.authid)
        .text("description", s.name)
        .text("geographicflag", s.geographic ? "true" : "false")
        .close();
}

std::string num(double v) {
    char b[40];
    std::snprintf(b, sizeof b, "%.10g", v);
    return b;
}

// ---- the document ----
void write_maplayer(Xml& x, const QgisLayer& l, const std::string& source, const CrsDescription& wgs84, bool has_join_fields) {
    const char* geometry = l.geometry == GeometryKind::Point ? "Point" : l.geometry == GeometryKind::Line ? "Line" : "Polygon";
    const bool labels = l.style.labels || l.style.label_obstacle;
    // Exact geometry (no simplification while drawing): the shapes the application draws.
    x.open("maplayer", {{"type", "vector"}, {"geometry", geometry}, {"wkbType", l.wkb}, {"labelsEnabled", labels ? "1" : "0"},
                        {"hasScaleBasedVisibilityFlag", "0"}, {"minScale", "0"}, {"maxScale", "0"}, {"readOnly", "0"},
                        {"simplifyDrawingHints", "0"}, {"simplifyDrawingTol", "1"}, {"simplifyLocal", "1"},
                        {"simplifyMaxScale", "1"}, {"simplifyAlgorithm", "0"}, {"styleCategories", "AllStyleCategories"},
                        {"autoRefreshEnabled", "0"}, {"autoRefreshTime", "0"}, {"refreshOnNotifyEnabled", "0"}});
    x.text("id", l.id).text("datasource", source).text("layername", l.name);
    x.open("srs");
    write_srs(x, wgs84);
    x.close();
    x.text("provider", "ogr", {{"encoding", "UTF-8"}});
    x.open("vectorjoins");
    if (!l.join_layer.empty() && has_join_fields) {
        x.open("join", {{"joinLayerId", l.join_layer}, {"joinFieldName", "code"}, {"targetFieldName", "code"},
                        {"memoryCache", "1"}, {"hasCustomPrefix", "1"}, {"customPrefix", io::kJoinPrefix},
                        {"editable", "0"}, {"upsertOnEdit", "0"}, {"cascadedDelete", "0"}, {"dynamicForm", "0"}});
        x.open("joinFieldsSubset");
        for (const char* f : io::kJoinedMetrics) x.leaf("field", {{"name", f}});
        x.close().close();
    }
    x.close();
    x.open("map-layer-style-manager", {{"current", "default"}});
    x.leaf("map-layer-style", {{"name", "default"}});
    for (auto& [name, style] : l.named_styles) {
        x.open("map-layer-style", {{"name", name}});
        x.open("qgis", {{"version", "3.22.0-Białowieża"}, {"styleCategories", "AllStyleCategories"},
                        {"labelsEnabled", style.labels || style.label_obstacle ? "1" : "0"}});
        io::qgis::write_style_body(x, style);
        x.close().close();
    }
    x.close();
    io::qgis::write_style_body(x, l.style);
    x.close();
}

void write_tree_layer(Xml& x, const QgisLayer& l, const std::string& source) {
    x.open("layer-tree-layer", {{"id", l.id}, {"name", l.name}, {"providerKey", "ogr"}, {"source", source},
                                {"checked", l.checked ? "Qt::Checked" : "Qt::Unchecked"}, {"expanded", "0"}});
    x.leaf("customproperties");
    x.close();
}

// Map theme names are unique in a QGIS project: a second view of the same name gets " (2)".
std::map<std::string, std::string> theme_names(const std::vector<View>& views, const std::string& main) {
    std::map<std::string, std::string> out;  // view id -> theme name
    std::set<std::string> taken{main};
    for (const View& v : views) {
        std::string name = v.name.empty() ? "Tampilan" : v.name;
        for (int k = 2; taken.count(name); ++k) name = (v.name.empty() ? "Tampilan" : v.name) + " (" + std::to_string(k) + ")";
        taken.insert(name);
        out[v.id] = name;
    }
    return out;
}

struct Theme {
    std::string name;
    std::vector<std::pair<std::size_t, std::string>> layers;  // visible layers and their style
};

Theme view_theme(const QgisMap& m, const View& v, const std::string& name, const AnalysisResult* metrics,
                 std::map<std::size_t, std::set<std::string>>& styles_used) {
    Theme t;
    t.name = name;
    auto show = [&](const std::vector<std::size_t>& ls) {
        for (std::size_t i : ls) t.layers.emplace_back(i, "default");
    };
    io::ChoroplethChoice c;
    c.service = v.choropleth.service.empty() ? m.default_choice.service : v.choropleth.service;
    c.metric = v.choropleth.metric;
    c.method = v.choropleth.method;
    c.classes = v.choropleth.classes;
    const bool has_service = metrics && metrics->service(c.service) && m.choropleth.count(c.service);
    if (v.shows(ViewLayer::Choropleth) && has_service) {
        const std::size_t i = m.choropleth.at(c.service);
        std::string style = "default";
        if (!(c == io::ChoroplethChoice{c.service, m.default_choice.metric, m.default_choice.method, m.default_choice.classes})) {
            style = choice_name(c);
            styles_used[i].insert(style);
        }
        t.layers.emplace_back(i, style);
    } else {
        t.layers.emplace_back(m.land, "default");
    }
    if (v.shows(ViewLayer::ServiceArea) && has_service) t.layers.emplace_back(m.service_area.at(c.service), "default");
    if (v.shows(ViewLayer::Zones)) show(m.zones);
    show(m.context);  // a slide shows the visible context layers (they are not one of its layers)
    if (v.shows(ViewLayer::DesaLines)) show(m.desa_lines);
    if (v.shows(ViewLayer::KecamatanLines)) show(m.kecamatan_lines);
    if (v.shows(ViewLayer::KabupatenLine)) show(m.kabupaten_line);
    if (v.shows(ViewLayer::Facilities)) show(m.facilities);
    if (v.shows(ViewLayer::Initiatives)) show(m.initiatives);
    if (v.shows(ViewLayer::Labels)) {
        show(m.kecamatan_labels);
        show(m.desa_labels);
    }
    t.layers.emplace_back(m.highlight_kecamatan, v.highlight_units.empty() ? "default" : "Sorotan: " + name);
    t.layers.emplace_back(m.highlight_desa, v.highlight_units.empty() ? "default" : "Sorotan: " + name);
    return t;
}

void write_extent(Xml& x, const char* tag, const Envelope& e) {
    x.open(tag).text("xmin", num(e.min_x)).text("ymin", num(e.min_y)).text("xmax", num(e.max_x)).text("ymax", num(e.max_y)).close();
}

}  // namespace

std::string qgis_project_xml(const Project& p, const AnalysisResult* metrics, const std::string& geopackage_file) {
    QgisMap m = build_map(p, metrics);
    const std::string base = "./" + geopackage_file;
    auto source = [&](const QgisLayer& l) {
        return base + "|layername=" + l.table + (l.subset.empty() ? "" : "|subset=" + l.subset);
    };

    std::string crs = metrics && !metrics->provenance.analysis_crs.empty() ? metrics->provenance.analysis_crs : p.settings.analysis_crs;
    const Envelope lonlat = io::map_envelope(p);
    if (crs.empty()) crs = lonlat.empty() ? "EPSG:4326" : utm_crs_for(lonlat.centre().x, lonlat.centre().y);
    const CrsDescription project_srs = describe_crs(crs), wgs84 = describe_crs("EPSG:4326");
    Envelope view;  // the district with a margin, in the project CRS
    if (!lonlat.empty()) {
        double xy[18];
        for (int k = 0; k < 9; ++k) {
            xy[2 * k] = lonlat.min_x + 0.5 * (k % 3) * lonlat.width();
            xy[2 * k + 1] = lonlat.min_y + 0.5 * (k / 3) * lonlat.height();
        }
        // A WGS 84 / UTM zone without PROJ (geo/utm.h): the save of such a project never opens it.
        if (const int utm = UtmZone::code_of(crs)) UtmZone(utm).forward(xy, 9);
        else CrsTransform("EPSG:4326", crs).transform_xy(xy, 9);
        for (int k = 0; k < 9; ++k) view.expand(Coord{xy[2 * k], xy[2 * k + 1]});
        const double pad = 0.05 * std::max(view.width(), view.height());
        view = Envelope{view.min_x - pad, view.min_y - pad, view.max_x + pad, view.max_y + pad};
    }

    // Map themes of the saved views (map slides), and the choropleth styles they ask for.
    std::vector<Theme> themes;
    std::map<std::size_t, std::set<std::string>> styles_used;
    const std::string main_theme = "Peta utama";
    const auto names = theme_names(p.views, main_theme);
    {
        View main = make_view(main_theme);  // every layer, the application's default choropleth
        main.choropleth.metric = m.default_choice.metric;
        main.choropleth.method = m.default_choice.method;
        main.choropleth.classes = m.default_choice.classes;
        themes.push_back(view_theme(m, main, main_theme, metrics, styles_used));
    }
    for (const View& v : p.views)
        if (v.kind == ViewKind::Map) themes.push_back(view_theme(m, v, names.at(v.id), metrics, styles_used));
    for (auto& [index, names] : styles_used) {
        QgisLayer& l = m.layers[index];
        for (const auto& name : names)
            for (const View& v : p.views) {
                io::ChoroplethChoice c{v.choropleth.service.empty() ? m.default_choice.service : v.choropleth.service,
                                       v.choropleth.metric, v.choropleth.method, v.choropleth.classes};
                if (choice_name(c) != name || m.choropleth.at(c.service) != index) continue;
                l.named_styles.emplace_back(name, io::choropleth_style(p, *metrics->service(c.service), c));
                break;
            }
    }

    // Each view's highlighted units, as a style of the highlight layers that its theme shows.
    for (const View& v : p.views) {
        if (v.kind != ViewKind::Map || v.highlight_units.empty()) continue;
        for (auto [index, level, units] : {std::tuple{m.highlight_kecamatan, AdminLevel::Kecamatan, &p.kecamatan},
                                           std::tuple{m.highlight_desa, AdminLevel::Desa, &p.desa}}) {
            std::vector<std::string> codes;
            for (const auto& code : v.highlight_units)
                for (const auto& u : *units)
                    if (u.code == code) codes.push_back(code);
            m.layers[index].named_styles.emplace_back("Sorotan: " + names.at(v.id), io::highlight_style(level, codes));
        }
    }

    const std::string title = p.settings.name.empty() ? p.settings.district_name : p.settings.name;
    Xml x;
    x.raw("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n");
    x.open("qgis", {{"projectname", title}, {"version", "3.22.0-Białowieża"}});
    x.leaf("homePath", {{"path", ""}});
    x.text("title", title);
    x.open("projectCrs");
    write_srs(x, project_srs);
    x.close();

    x.open("layer-tree-group");
    x.leaf("customproperties");
    for (const TreeItem& item : m.tree) {
        if (item.group.empty()) {
            write_tree_layer(x, m.layers[item.layers.front()], source(m.layers[item.layers.front()]));
            continue;
        }
        x.open("layer-tree-group", {{"name", item.group}, {"checked", item.checked ? "Qt::Checked" : "Qt::Unchecked"},
                                    {"expanded", item.expanded ? "1" : "0"}});
        x.leaf("customproperties");
        for (std::size_t i : item.layers) write_tree_layer(x, m.layers[i], source(m.layers[i]));
        x.close();
    }
    x.leaf("custom-order", {{"enabled", "0"}});
    x.close();

    x.open("projectlayers");
    for (const QgisLayer& l : m.layers) write_maplayer(x, l, source(l), wgs84, metrics != nullptr);
    x.close();
    x.open("layerorder");
    for (const TreeItem& item : m.tree)
        for (std::size_t i : item.layers) x.leaf("layer", {{"id", m.layers[i].id}});
    x.close();

    const std::uint32_t bg = map_style::kBackground;
    x.open("properties");
    x.open("Gui")
        .text("CanvasColorRedPart", std::to_string(bg >> 24), {{"type", "int"}})
        .text("CanvasColorGreenPart", std::to_string((bg >> 16) & 255), {{"type", "int"}})
        .text("CanvasColorBluePart", std::to_string((bg >> 8) & 255), {{"type", "int"}})
        .close();
    x.open("Paths").text("Absolute", "false", {{"type", "bool"}}).close();
    x.open("SpatialRefSys").text("ProjectionsEnabled", "1", {{"type", "int"}}).close();
    x.close();

    std::set<std::string> groups;
    for (const TreeItem& item : m.tree)
        if (!item.group.empty() && item.checked) groups.insert(item.group);
    x.open("visibility-presets");
    for (const Theme& t : themes) {
        x.open("visibility-preset", {{"name", t.name}, {"has-checked-group-info", "1"}});
        for (auto& [i, style] : t.layers) x.leaf("layer", {{"id", m.layers[i].id}, {"visible", "1"}, {"style", style}, {"expanded", "0"}});
        x.open("checked-group-nodes");
        for (const auto& g : groups) x.leaf("checked-group-node", {{"id", g}});
        x.close();
        x.close();
    }
    x.close();

    // Bookmarks: the district and every saved map view's extent (lon/lat).
    x.open("Bookmarks");
    auto bookmark = [&](const std::string& id, const std::string& name, const Envelope& e) {
        char wkt[400];
        std::snprintf(wkt, sizeof wkt, "POLYGON((%.9f %.9f, %.9f %.9f, %.9f %.9f, %.9f %.9f, %.9f %.9f))", e.min_x, e.min_y,
                      e.max_x, e.min_y, e.max_x, e.max_y, e.min_x, e.max_y, e.min_x, e.min_y);
        x.open("Bookmark", {{"id", id}, {"name", name}, {"group", "Tampilan tersimpan"}, {"extent", wkt}});
        write_srs(x, wgs84);
        x.close();
    };
    if (!lonlat.empty()) bookmark("petacerdas_district", "Seluruh kabupaten", lonlat);
    for (const View& v : p.views)
        if (v.kind == ViewKind::Map && !(v.extent.empty() && lonlat.empty()))
            bookmark(v.id, names.at(v.id), v.extent.empty() ? lonlat : v.extent);
    x.close();

    if (!view.empty()) {
        x.open("mapcanvas", {{"name", "theMapCanvas"}, {"annotationsVisible", "1"}});
        x.text("units", project_srs.geographic ? "degrees" : "meters");
        write_extent(x, "extent", view);
        x.text("rotation", "0");
        x.open("destinationsrs");
        write_srs(x, project_srs);
        x.close().close();
        x.open("ProjectViewSettings", {{"UseProjectScales", "0"}, {"rotation", "0"}});
        x.leaf("Scales");
        x.open("DefaultViewExtent", {{"xmin", num(view.min_x)}, {"ymin", num(view.min_y)}, {"xmax", num(view.max_x)}, {"ymax", num(view.max_y)}});
        write_srs(x, project_srs);
        x.close().close();
    }
    x.close();
    return x.str();
}

std::string qgis_project_archive(const Project& p, const AnalysisResult* metrics, const std::string& geopackage_file,
                                 const std::tm& modified) {
    return qgis_project_archive(qgis_project_xml(p, metrics, geopackage_file), modified);
}

std::string qgis_project_archive(const std::string& qgs_xml, const std::tm& modified) {
    report_detail::ZipWriter zip(modified);
    zip.add(std::string(kQgisProjectName) + ".qgs", qgs_xml, 6);
    return zip.finish();
}

}  // namespace pc
