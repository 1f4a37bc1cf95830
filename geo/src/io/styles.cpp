// QGIS QML and OGC SLD for each project layer, from one small description per layer. The two
// writers below (qml(), sld()) are the only places that know either format.
#include "geo/io/styles.h"

#include <cmath>
#include <cstdio>
#include <set>

#include "geo/style.h"
#include "table_model.h"

namespace pc {
namespace {

enum class SymbolKind { Marker, Line, Fill };
enum class FillPattern { Solid, None, Hatched };

struct Symbol {
    SymbolKind kind = SymbolKind::Fill;
    std::uint32_t colour = 0x808080ff;   // fill / marker / line colour
    std::uint32_t outline = 0x333333ff;
    double outline_mm = 0.26;
    double size_mm = 2.6;                // marker diameter
    FillPattern pattern = FillPattern::Solid;
};

struct StyleClass {
    std::string label;
    std::string value;               // category value
    double lower = 0, upper = 0;     // graduated range
    Symbol symbol;
};

enum class Renderer { Single, Categorized, Graduated };

struct StyleSpec {
    std::string layer;
    std::string description;
    Renderer renderer = Renderer::Single;
    std::string attribute;           // categorized / graduated field
    std::string only_field, only_value;  // graduated: classify only rows where only_field = only_value
    Symbol single;
    std::vector<StyleClass> classes;
    std::string label_field;         // "" = no labels
    double label_pt = 8;
};

// ---- a tiny XML writer ----
using io::xml_escape;

class Xml {
public:
    using Attrs = std::vector<std::pair<std::string, std::string>>;
    Xml& open(const std::string& tag, const Attrs& a = {}) {
        start(tag, a);
        out_ += ">\n";
        stack_.push_back(tag);
        return *this;
    }
    Xml& leaf(const std::string& tag, const Attrs& a = {}) {
        start(tag, a);
        out_ += "/>\n";
        return *this;
    }
    Xml& text(const std::string& tag, const std::string& t, const Attrs& a = {}) {
        start(tag, a);
        out_ += ">" + xml_escape(t) + "</" + tag + ">\n";
        return *this;
    }
    Xml& close() {
        out_ += std::string(2 * (stack_.size() - 1), ' ') + "</" + stack_.back() + ">\n";
        stack_.pop_back();
        return *this;
    }
    Xml& raw(const std::string& s) {
        out_ += s;
        return *this;
    }
    std::string str() const { return out_; }

private:
    void start(const std::string& tag, const Attrs& a) {
        out_ += std::string(2 * stack_.size(), ' ') + "<" + tag;
        for (auto& [k, v] : a) out_ += " " + k + "=\"" + xml_escape(v) + "\"";
    }
    std::string out_;
    std::vector<std::string> stack_;
};

std::string num(double v) {
    char b[40];
    std::snprintf(b, sizeof b, "%.10g", v);
    return b;
}
std::string qcolour(std::uint32_t c) {  // QGIS "r,g,b,a"
    return std::to_string(c >> 24) + "," + std::to_string((c >> 16) & 255) + "," + std::to_string((c >> 8) & 255) + "," +
           std::to_string(c & 255);
}
std::string hex6(std::uint32_t c) { return io::colour_hex(c).substr(0, 7); }
std::string opacity(std::uint32_t c) { return num((c & 255) / 255.0); }

// ---- QML ----
void qml_symbol(Xml& x, const Symbol& s, const std::string& name) {
    const char* type = s.kind == SymbolKind::Marker ? "marker" : s.kind == SymbolKind::Line ? "line" : "fill";
    x.open("symbol", {{"type", type}, {"name", name}, {"alpha", "1"}, {"clip_to_extent", "1"}, {"force_rhr", "0"}});
    auto prop = [&](const std::string& k, const std::string& v) { x.leaf("prop", {{"k", k}, {"v", v}}); };
    switch (s.kind) {
        case SymbolKind::Marker:
            x.open("layer", {{"class", "SimpleMarker"}, {"enabled", "1"}, {"locked", "0"}, {"pass", "0"}});
            prop("name", "circle");
            prop("color", qcolour(s.colour));
            prop("outline_color", qcolour(s.outline));
            prop("outline_style", "solid");
            prop("outline_width", num(s.outline_mm));
            prop("outline_width_unit", "MM");
            prop("size", num(s.size_mm));
            prop("size_unit", "MM");
            prop("scale_method", "diameter");
            break;
        case SymbolKind::Line:
            x.open("layer", {{"class", "SimpleLine"}, {"enabled", "1"}, {"locked", "0"}, {"pass", "0"}});
            prop("line_color", qcolour(s.colour));
            prop("line_style", "solid");
            prop("line_width", num(s.outline_mm));
            prop("line_width_unit", "MM");
            prop("capstyle", "round");
            prop("joinstyle", "round");
            break;
        case SymbolKind::Fill:
            x.open("layer", {{"class", "SimpleFill"}, {"enabled", "1"}, {"locked", "0"}, {"pass", "0"}});
            prop("color", qcolour(s.colour));
            prop("style", s.pattern == FillPattern::Solid ? "solid" : s.pattern == FillPattern::None ? "no" : "b_diagonal");
            prop("outline_color", qcolour(s.outline));
            prop("outline_style", "solid");
            prop("outline_width", num(s.outline_mm));
            prop("outline_width_unit", "MM");
            prop("joinstyle", "bevel");
            break;
    }
    x.close().close();
}

std::string field_or_expression(const StyleSpec& s) {
    if (s.only_field.empty()) return s.attribute;
    // Rows of other services get NULL, which falls in no class and is not drawn.
    std::string v;
    for (char c : s.only_value) v += c == '\'' ? std::string("''") : std::string(1, c);
    return "CASE WHEN \"" + s.only_field + "\" = '" + v + "' THEN \"" + s.attribute + "\" END";
}

std::string qml(const StyleSpec& s) {
    Xml x;
    x.raw("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n");
    x.open("qgis", {{"version", "3.22.0-Białowieża"},
                    {"styleCategories", "Symbology|Labeling"},
                    {"labelsEnabled", s.label_field.empty() ? "0" : "1"}});
    Xml::Attrs r = {{"forceraster", "0"}, {"symbollevels", "0"}, {"enableorderby", "0"}, {"referencescale", "-1"}};
    switch (s.renderer) {
        case Renderer::Single:
            r.insert(r.begin(), {"type", "singleSymbol"});
            x.open("renderer-v2", r).open("symbols");
            qml_symbol(x, s.single, "0");
            x.close().close();
            break;
        case Renderer::Categorized:
            r.insert(r.begin(), {{"type", "categorizedSymbol"}, {"attr", s.attribute}});
            x.open("renderer-v2", r).open("categories");
            for (std::size_t i = 0; i < s.classes.size(); ++i)
                x.leaf("category", {{"render", "true"}, {"symbol", std::to_string(i)}, {"value", s.classes[i].value},
                                    {"label", s.classes[i].label}, {"type", "string"}});
            x.close().open("symbols");
            for (std::size_t i = 0; i < s.classes.size(); ++i) qml_symbol(x, s.classes[i].symbol, std::to_string(i));
            x.close().open("source-symbol");
            qml_symbol(x, s.single, "0");
            x.close().close();
            break;
        case Renderer::Graduated:
            r.insert(r.begin(), {{"type", "graduatedSymbol"}, {"attr", field_or_expression(s)}, {"graduatedMethod", "GraduatedColor"}});
            x.open("renderer-v2", r).open("ranges");
            for (std::size_t i = 0; i < s.classes.size(); ++i)
                x.leaf("range", {{"render", "true"}, {"symbol", std::to_string(i)}, {"lower", num(s.classes[i].lower)},
                                 {"upper", num(s.classes[i].upper)}, {"label", s.classes[i].label}});
            x.close().open("symbols");
            for (std::size_t i = 0; i < s.classes.size(); ++i) qml_symbol(x, s.classes[i].symbol, std::to_string(i));
            x.close().open("source-symbol");
            qml_symbol(x, s.single, "0");
            x.close();
            x.leaf("mode", {{"name", "quantile"}});
            x.open("classificationMethod", {{"id", "Quantile"}})
                .leaf("symmetricMode", {{"enabled", "0"}, {"symmetrypoint", "0"}, {"astride", "0"}})
                .leaf("labelFormat", {{"format", "%1 - %2"}, {"labelprecision", "2"}, {"trimtrailingzeroes", "1"}})
                .close();
            x.close();
            break;
    }
    if (!s.label_field.empty()) {
        x.open("labeling", {{"type", "simple"}}).open("settings", {{"calloutType", "simple"}});
        x.open("text-style", {{"fieldName", s.label_field}, {"isExpression", "0"}, {"fontSize", num(s.label_pt)},
                              {"fontSizeUnit", "Point"}, {"textColor", "40,40,40,255"}, {"textOpacity", "1"},
                              {"fontFamily", "Noto Sans"}, {"namedStyle", "Regular"}, {"fontWeight", "50"}})
            .leaf("text-buffer", {{"bufferDraw", "1"}, {"bufferSize", "0.8"}, {"bufferSizeUnits", "MM"},
                                  {"bufferColor", "255,255,255,255"}, {"bufferOpacity", "0.8"}})
            .close();
        x.leaf("placement", {{"placement", "1"}, {"centroidInside", "1"}, {"centroidWhole", "0"}, {"fitInPolygonOnly", "0"}});
        x.leaf("rendering", {{"obstacle", "1"}, {"displayAll", "0"}, {"upsidedownLabels", "0"}, {"labelPerPart", "0"},
                             {"mergeLines", "0"}, {"scaleVisibility", "0"}, {"drawLabels", "1"}});
        x.close().close();
    }
    x.close();
    return x.str();
}

// ---- SLD (Symbology Encoding 1.1, as QGIS writes it) ----
void sld_symbolizer(Xml& x, const Symbol& s) {
    auto svg = [&](const std::string& n, const std::string& v) { x.text("se:SvgParameter", v, {{"name", n}}); };
    auto stroke = [&](std::uint32_t c, double mm) {
        x.open("se:Stroke");
        svg("stroke", hex6(c));
        if ((c & 255) != 255) svg("stroke-opacity", opacity(c));
        svg("stroke-width", num(mm * 3.7795275591));  // mm -> pixels at 96 dpi
        svg("stroke-linejoin", "bevel");
        x.close();
    };
    switch (s.kind) {
        case SymbolKind::Marker:
            x.open("se:PointSymbolizer").open("se:Graphic").open("se:Mark");
            x.text("se:WellKnownName", "circle");
            x.open("se:Fill");
            svg("fill", hex6(s.colour));
            x.close();
            stroke(s.outline, s.outline_mm);
            x.close().text("se:Size", num(s.size_mm * 3.7795275591)).close().close();
            break;
        case SymbolKind::Line:
            x.open("se:LineSymbolizer");
            stroke(s.colour, s.outline_mm);
            x.close();
            break;
        case SymbolKind::Fill:
            x.open("se:PolygonSymbolizer");
            if (s.pattern == FillPattern::Solid) {
                x.open("se:Fill");
                svg("fill", hex6(s.colour));
                if ((s.colour & 255) != 255) svg("fill-opacity", opacity(s.colour));
                x.close();
            } else if (s.pattern == FillPattern::Hatched) {
                x.open("se:Fill").open("se:GraphicFill").open("se:Graphic").open("se:Mark");
                x.text("se:WellKnownName", "horline");
                stroke(s.colour, 0.26);
                x.close().text("se:Size", "8");
                x.close().close().close();
            }
            stroke(s.outline, s.outline_mm);
            x.close();
            break;
    }
}

void sld_eq(Xml& x, const std::string& field, const std::string& value) {
    x.open("ogc:PropertyIsEqualTo").text("ogc:PropertyName", field).text("ogc:Literal", value).close();
}

std::string sld(const StyleSpec& s) {
    Xml x;
    x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.open("StyledLayerDescriptor", {{"xmlns", "http://www.opengis.net/sld"},
                                     {"xmlns:ogc", "http://www.opengis.net/ogc"},
                                     {"xmlns:se", "http://www.opengis.net/se"},
                                     {"xmlns:xlink", "http://www.w3.org/1999/xlink"},
                                     {"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"},
                                     {"version", "1.1.0"},
                                     {"xsi:schemaLocation", "http://www.opengis.net/sld http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd"}});
    x.open("NamedLayer").text("se:Name", s.layer).open("UserStyle").text("se:Name", s.layer);
    x.open("se:FeatureTypeStyle");
    auto rule_head = [&](const std::string& name, const std::string& title) {
        x.open("se:Rule").text("se:Name", name).open("se:Description").text("se:Title", title).close();
    };
    if (s.renderer == Renderer::Single) {
        rule_head(s.layer, s.description);
        sld_symbolizer(x, s.single);
        x.close();
    }
    for (auto& c : s.classes) {
        rule_head(c.label, c.label);
        x.open("ogc:Filter");
        if (s.renderer == Renderer::Categorized) {
            sld_eq(x, s.attribute, c.value);
        } else {
            x.open("ogc:And");
            if (!s.only_field.empty()) sld_eq(x, s.only_field, s.only_value);
            x.open("ogc:PropertyIsGreaterThanOrEqualTo").text("ogc:PropertyName", s.attribute).text("ogc:Literal", num(c.lower)).close();
            x.open("ogc:PropertyIsLessThanOrEqualTo").text("ogc:PropertyName", s.attribute).text("ogc:Literal", num(c.upper)).close();
            x.close();
        }
        x.close();
        sld_symbolizer(x, c.symbol);
        x.close();
    }
    if (!s.label_field.empty()) {
        x.open("se:Rule").open("se:TextSymbolizer");
        x.open("se:Label").text("ogc:PropertyName", s.label_field).close();
        x.open("se:Font").text("se:SvgParameter", "Noto Sans", {{"name", "font-family"}})
            .text("se:SvgParameter", num(s.label_pt * 4.0 / 3.0), {{"name", "font-size"}}).close();
        x.open("se:Halo").text("se:Radius", "2").open("se:Fill").text("se:SvgParameter", "#ffffff", {{"name", "fill"}}).close().close();
        x.open("se:Fill").text("se:SvgParameter", "#282828", {{"name", "fill"}}).close();
        x.close().close();
    }
    x.close().close().close().close();
    return x.str();
}

// ---- the styles of our layers ----
Symbol outline(std::uint32_t c, double mm) {
    Symbol s;
    s.kind = SymbolKind::Fill;
    s.pattern = FillPattern::None;
    s.colour = 0;
    s.outline = c;
    s.outline_mm = mm;
    return s;
}

SymbolKind symbol_kind(GeometryKind k) {
    return k == GeometryKind::Line ? SymbolKind::Line : k == GeometryKind::Polygon ? SymbolKind::Fill : SymbolKind::Marker;
}

Symbol coloured(SymbolKind k, std::uint32_t c) {
    Symbol s;
    s.kind = k;
    s.colour = k == SymbolKind::Fill ? ((c & 0xffffff00u) | 0x99u) : c;
    s.outline = k == SymbolKind::Line ? c : (k == SymbolKind::Marker ? 0xffffffffu : c);
    s.outline_mm = k == SymbolKind::Line ? 0.8 : k == SymbolKind::Marker ? 0.3 : 0.4;
    return s;
}

}  // namespace

std::vector<LayerStyle> project_styles(const Project& p, const AnalysisResult* metrics, const StyleOptions& opt) {
    // Mixed-geometry layers: one style per kind layer (GeoPackage), or the one kind asked for
    // under the table's name (a Shapefile part).
    auto per_kind = [&](std::vector<StyleSpec>& out, const std::string& base, auto make) {
        if (opt.geometry_kind != GeometryKind::Empty) {
            StyleSpec s = make(symbol_kind(opt.geometry_kind));
            s.layer = base;
            out.push_back(std::move(s));
            return;
        }
        for (GeometryKind k : io::kLayerKinds) {
            StyleSpec s = make(symbol_kind(k));
            s.layer = io::kind_layer_name(base, k);
            out.push_back(std::move(s));
        }
    };
    std::vector<StyleSpec> specs;
    {
        StyleSpec s;
        s.layer = "kabupaten";
        s.description = "District outline";
        s.single = outline(kKabupatenOutline, 0.8);
        specs.push_back(s);
        s.layer = "kecamatan";
        s.description = "Kecamatan outlines, labelled with their names";
        s.single = outline(kKecamatanOutline, 0.5);
        s.label_field = "name";
        s.label_pt = 9;
        specs.push_back(s);
        s.layer = "desa";
        s.description = "Desa/kelurahan outlines, labelled with their names";
        s.single = outline(kDesaOutline, 0.2);
        s.label_pt = 6.5;
        specs.push_back(s);
    }
    per_kind(specs, "facilities", [&](SymbolKind k) {
        StyleSpec s;
        s.description = "Facilities by type, in the project's colours";
        s.renderer = Renderer::Categorized;
        s.attribute = "type";
        for (auto& t : p.settings.facility_types) s.classes.push_back({t.label, t.key, 0, 0, coloured(k, t.colour)});
        std::set<std::string> known;
        for (auto& t : p.settings.facility_types) known.insert(t.key);
        for (auto& f : p.facilities)
            if (known.insert(f.type).second) s.classes.push_back({f.type, f.type, 0, 0, coloured(k, 0x808080ff)});
        s.single = coloured(k, 0x808080ff);
        return s;
    });
    per_kind(specs, "initiatives", [&](SymbolKind k) {
        StyleSpec s;
        s.description = "Initiatives by smart-city pillar";
        s.renderer = Renderer::Categorized;
        s.attribute = "pillar";
        for (Pillar pl : kPillars) s.classes.push_back({pillar_label(pl), to_key(pl), 0, 0, coloured(k, pillar_colour(pl))});
        s.single = coloured(k, 0x808080ff);
        return s;
    });
    {
        StyleSpec s;
        s.layer = "zones";
        s.description = "Planning zones (KPPN/KSPN), hatched";
        s.single.kind = SymbolKind::Fill;
        s.single.pattern = FillPattern::Hatched;
        s.single.colour = kZoneColour;
        s.single.outline = kZoneColour;
        s.single.outline_mm = 0.6;
        s.label_field = "name";
        specs.push_back(s);
    }
    if (p.population_grid) {
        StyleSpec s;
        s.layer = "population_grid";
        s.description = "Population grid";
        s.single = outline(0xbdbdbdff, 0.1);
        specs.push_back(s);
    }
    if (metrics && !metrics->services.empty()) {
        const ServiceCoverage* svc = &metrics->services.front();
        if (!opt.choropleth_service.empty())
            if (auto* x = metrics->service(opt.choropleth_service)) svc = x;
        std::vector<double> values;
        for (auto& m : svc->desa) values.push_back(m.coverage_ratio_population);
        auto b = quantile_breaks(values, opt.classes);
        StyleSpec s;
        s.layer = "metrics_desa";
        s.description = "Share of the population covered by " + svc->label + " (quantile classes); the shapes are the uncovered parts";
        s.renderer = Renderer::Graduated;
        s.attribute = "coverage_ratio_population";
        s.only_field = "service";
        s.only_value = svc->service;
        const int n = b.size() < 2 ? 0 : int(b.size()) - 1;
        for (int i = 0; i < n; ++i) {
            char label[64];
            std::snprintf(label, sizeof label, "%.0f%% - %.0f%%", 100 * b[std::size_t(i)], 100 * b[std::size_t(i) + 1]);
            Symbol sym;
            sym.colour = red_to_green(i, n);
            sym.outline = 0x00000066;
            sym.outline_mm = 0.1;
            s.classes.push_back({label, "", b[std::size_t(i)], b[std::size_t(i) + 1], sym});
        }
        s.single.colour = 0xccccccff;
        specs.push_back(s);
        std::set<std::string> names;
        for (auto& sv : metrics->services) {
            StyleSpec a;
            a.layer = "service_area_" + io::layer_safe(sv.service);
            for (int k = 2; !names.insert(a.layer).second; ++k) a.layer = "service_area_" + io::layer_safe(sv.service) + "_" + std::to_string(k);
            a.description = "Service area of " + sv.label;
            std::uint32_t c = kServiceAreaColour;
            if (auto* t = p.facility_type(sv.service)) c = (t->colour & 0xffffff00u) | 0x55u;
            a.single.colour = c;
            a.single.outline = c | 0xffu;
            specs.push_back(a);
        }
    }
    std::vector<LayerStyle> out;
    auto renamed = [&](std::string& f) {
        auto it = opt.field_names.find(f);
        if (!f.empty() && it != opt.field_names.end()) f = it->second;
    };
    for (auto& s : specs) {
        renamed(s.attribute);
        renamed(s.only_field);
        renamed(s.label_field);
        LayerStyle l;
        l.layer = s.layer;
        l.name = "PetaCerdas " + s.layer;
        l.description = s.description;
        l.renderer = s.renderer == Renderer::Single ? "singleSymbol" : s.renderer == Renderer::Categorized ? "categorizedSymbol" : "graduatedSymbol";
        for (auto& c : s.classes) l.categories.push_back(s.renderer == Renderer::Graduated ? num(c.lower) + "-" + num(c.upper) : c.value);
        l.qml = qml(s);
        l.sld = sld(s);
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
