// QML (QGIS) and SLD (SE 1.1) from a LayerStyleSpec. The map's symbols are drawn with QGIS's own
// symbol layers where one fits (simple fills, lines and markers), an embedded SVG where none does
// (the star of initiatives), and a geometry generator for the point symbol of a line or polygon.
#include "qgis_style.h"

#include <cmath>
#include <cstdio>
#include <memory>

#include "geo/report/html.h"
#include "table_model.h"

namespace pc::io::qgis {
namespace {

std::string num(double v) {
    char b[40];
    std::snprintf(b, sizeof b, "%.17g", v);
    return b;
}
std::string short_num(double v) {
    char b[40];
    std::snprintf(b, sizeof b, "%.10g", v);
    return b;
}
std::string mm(double px) { return short_num(mm_of_px(px)); }
std::string qcolour(std::uint32_t c) {  // QGIS "r,g,b,a"
    return std::to_string(c >> 24) + "," + std::to_string((c >> 16) & 255) + "," + std::to_string((c >> 8) & 255) + "," +
           std::to_string(c & 255);
}
std::string hex6(std::uint32_t c) { return colour_hex(c).substr(0, 7); }
std::string opacity_of(std::uint32_t c) { return short_num((c & 255) / 255.0); }

// point.frag's rim: the colour at 35 %, same alpha.
std::uint32_t rim_of(std::uint32_t c) {
    auto ch = [&](int shift) {
        return std::uint32_t(std::lround(double((c >> shift) & 255) * map_style::kSymbolRimShade)) << shift;
    };
    return ch(24) | ch(16) | ch(8) | (c & 255);
}

// ---- QML ----
using Props = std::vector<std::pair<std::string, std::string>>;

void layer_element(Xml& x, const char* cls, const Props& props) {
    x.open("layer", {{"class", cls}, {"enabled", "1"}, {"locked", "0"}, {"pass", "0"}});
    for (auto& [k, v] : props) x.leaf("prop", {{"k", k}, {"v", v}});
}

// The star as point.frag draws it, r(a) = 0.95 (0.62 + 0.38 cos(5a + π/2)), in an SVG whose viewBox
// is the symbol's square: the rim colour, then the colour inside 0.78 of it.
std::string star_path(double scale) {
    std::string d;
    constexpr int kSteps = 120;
    for (int i = 0; i < kSteps; ++i) {
        const double a = 2 * M_PI * i / kSteps;
        const double r = scale * 0.95 * (0.62 + 0.38 * std::cos(5 * a + M_PI / 2));
        char b[64];
        std::snprintf(b, sizeof b, "%s%.4f %.4f", i == 0 ? "M" : " L", r * std::cos(a), -r * std::sin(a));
        d += b;
    }
    return d + " Z";
}

std::string star_svg(std::uint32_t colour) {
    // The two outlines are the same for every colour: written once (240 formatted points each time
    // were a tenth of a small district's analyze).
    static const std::string rim_path = star_path(1), inner_path = star_path(map_style::kSymbolRimFrom);
    auto shape = [&](const std::string& path, std::uint32_t c) {
        return "<path d=\"" + path + "\" fill=\"" + hex6(c) + "\" fill-opacity=\"" + opacity_of(c) + "\"/>";
    };
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2\" height=\"2\" viewBox=\"-1 -1 2 2\">" +
           shape(rim_path, rim_of(colour)) + shape(inner_path, colour) + "</svg>";
}

std::string base64(const std::string& s) { return pc::base64(std::vector<std::uint8_t>(s.begin(), s.end())); }

// The marker's shape as QGIS simple markers (two: the rim, the colour inside it), or the star SVG.
// Sizes follow point.frag: a symbol of size s has its circle's radius at 0.45 s, its square's half
// side at 0.4 s, its diamond's tips at 0.475 s, its triangle's apex 0.45 s above the centre and base
// 0.3 s below (QGIS centres the triangle's centroid: shifted down by 0.05 s).
void marker_layers(Xml& x, const Marker& m) {
    if (m.shape == SymbolShape::Star) {
        layer_element(x, "SvgMarker", {{"name", "base64:" + base64(star_svg(m.colour))},
                                       {"size", mm(m.size_px)},
                                       {"size_unit", "MM"},
                                       {"scale_method", "diameter"},
                                       {"fixedAspectRatio", "0"},
                                       {"angle", "0"},
                                       {"offset", "0,0"},
                                       {"offset_unit", "MM"},
                                       {"color", qcolour(m.colour)},
                                       {"outline_color", qcolour(rim_of(m.colour))},
                                       {"outline_width", "0"},
                                       {"horizontal_anchor_point", "1"},
                                       {"vertical_anchor_point", "1"}});
        x.close();
        return;
    }
    const char* name = "circle";
    double extent = 0.9;
    switch (m.shape) {
        case SymbolShape::Square: name = "square", extent = 0.8; break;
        case SymbolShape::Triangle: name = "equilateral_triangle", extent = 1.0; break;
        case SymbolShape::Diamond: name = "diamond", extent = 0.95; break;
        case SymbolShape::Circle:
        case SymbolShape::Star: break;
    }
    for (double scale : {1.0, map_style::kSymbolRimFrom}) {
        const double size = extent * scale * m.size_px;
        const double down = m.shape == SymbolShape::Triangle ? 0.05 * scale * m.size_px : 0.0;
        layer_element(x, "SimpleMarker", {{"name", name},
                                          {"color", qcolour(scale == 1.0 ? rim_of(m.colour) : m.colour)},
                                          {"outline_style", "no"},
                                          {"outline_width", "0"},
                                          {"size", mm(size)},
                                          {"size_unit", "MM"},
                                          {"scale_method", "diameter"},
                                          {"angle", "0"},
                                          {"offset", "0," + mm(down)},
                                          {"offset_unit", "MM"},
                                          {"joinstyle", "miter"},
                                          {"horizontal_anchor_point", "1"},
                                          {"vertical_anchor_point", "1"}});
        x.close();
    }
}

// The map's hatching as lines in lon/lat (the layer's CRS, where the geometry generator works): line
// k where x + y = (spacing k + width / 2) pixels in the map's projection, a pixel being 0.0254/96 m
// on paper at the map's scale (a screen pixel at 96 dpi, as every size of these styles). Only the
// lines over the feature's bounding box are made, and cut to the feature.
std::string map_hatch_expression(const Hatch& h) {
    const MapOrigin& o = *h.fixed_to;
    auto x_of = [&](const std::string& lon) { return "((" + lon + " - " + num(o.lon0) + ") * " + num(o.kx) + ")"; };
    auto y_of = [&](const std::string& lat) { return "((" + lat + " - " + num(o.lat0) + ") * " + num(o.ky) + ")"; };
    const std::string period = "(" + num(h.spacing_px) + " * @s)";
    const std::string first = "floor((" + x_of("x_min(@b)") + " + " + y_of("y_min(@b)") + ") / " + period + ") - 1";
    const std::string last = "ceil((" + x_of("x_max(@b)") + " + " + y_of("y_max(@b)") + ") / " + period + ")";
    // Line k at a longitude: y = k period + width / 2 - x.
    auto lat_at = [&](const std::string& lon) {
        return num(o.lat0) + " + (@element * " + period + " + " + num(h.width_px / 2) + " * @s - " + x_of(lon) + ") / " + num(o.ky);
    };
    return "with_variable('s', 0.0254 / 96 * @map_scale, with_variable('b', bounds($geometry), "
           "intersection($geometry, collect_geometries(array_foreach(generate_series(" + first + ", " + last + "), "
           "make_line(make_point(x_min(@b), " + lat_at("x_min(@b)") + "), make_point(x_max(@b), " + lat_at("x_max(@b)") + ")))))))";
}

void line_layer(Xml& x, const Stroke& s, const char* cap = "square") {
    layer_element(x, "SimpleLine", {{"line_color", qcolour(s.colour)},
                                    {"line_style", "solid"},
                                    {"line_width", mm(s.width_px)},
                                    {"line_width_unit", "MM"},
                                    {"capstyle", cap},
                                    {"joinstyle", "miter"},
                                    {"offset", "0"},
                                    {"offset_unit", "MM"}});
    x.close();
}

void qml_symbol(Xml& x, const Symbol& s, const std::string& name);

void qml_sub_symbol(Xml& x, SymbolKind kind, const std::string& name, const auto& fill_layers) {
    const char* type = kind == SymbolKind::Marker ? "marker" : kind == SymbolKind::Line ? "line" : "fill";
    x.open("symbol", {{"type", type}, {"name", name}, {"alpha", "1"}, {"clip_to_extent", "1"}, {"force_rhr", "0"}});
    fill_layers();
    x.close();
}

void qml_symbol(Xml& x, const Symbol& s, const std::string& name) {
    qml_sub_symbol(x, s.kind, name, [&] {
        int index = 0;  // symbol layer index: sub-symbols are named "@<symbol>@<layer>"
        if (s.kind == SymbolKind::Marker) {
            if (s.marker) marker_layers(x, *s.marker);
            return;
        }
        if (s.kind == SymbolKind::Fill && (s.fill || s.strokes.size() == 1 || s.hatch)) {
            // A plain fill with the outline in the same layer when there is one outline and no
            // hatching (what a QGIS user expects to edit); else the outlines follow as lines.
            const bool own_outline = s.strokes.size() == 1 && !s.hatch;
            const std::uint32_t fill = s.fill.value_or(0);
            const Stroke outline = own_outline ? s.strokes.front() : Stroke{0, 0};
            layer_element(x, "SimpleFill", {{"color", qcolour(fill)},
                                            {"style", s.fill ? "solid" : "no"},
                                            {"outline_color", qcolour(outline.colour)},
                                            {"outline_style", own_outline ? "solid" : "no"},
                                            {"outline_width", mm(outline.width_px)},
                                            {"outline_width_unit", "MM"},
                                            {"joinstyle", "miter"},
                                            {"offset", "0,0"},
                                            {"offset_unit", "MM"}});
            x.close();
            ++index;
            if (s.hatch && s.hatch->fixed_to) {
                const Hatch& h = *s.hatch;
                layer_element(x, "GeometryGenerator", {{"SymbolType", "Line"}, {"geometryModifier", map_hatch_expression(h)}, {"units", "MapUnit"}});
                qml_sub_symbol(x, SymbolKind::Line, "@" + name + "@" + std::to_string(index), [&] {
                    line_layer(x, Stroke{h.colour, h.width_px / std::sqrt(2.0)}, "flat");
                });
                x.close();
                ++index;
            } else if (s.hatch) {
                const Hatch& h = *s.hatch;
                layer_element(x, "LinePatternFill", {{"angle", short_num(h.angle_deg)},
                                                     {"distance", mm(h.spacing_px)},
                                                     {"distance_unit", "MM"},
                                                     {"line_width", mm(h.width_px)},
                                                     {"line_width_unit", "MM"},
                                                     {"color", qcolour(h.colour)},
                                                     {"offset", "0"},
                                                     {"offset_unit", "MM"}});
                qml_sub_symbol(x, SymbolKind::Line, "@" + name + "@" + std::to_string(index), [&] {
                    line_layer(x, Stroke{h.colour, h.width_px});
                });
                x.close();
                ++index;
            }
            if (!own_outline)
                for (const Stroke& st : s.strokes) {
                    line_layer(x, st);
                    ++index;
                }
        } else {
            for (const Stroke& st : s.strokes) {
                line_layer(x, st);
                ++index;
            }
        }
        if (s.marker && s.anchor != Anchor::None) {
            const std::string at =
                s.anchor == Anchor::EnvelopeCentre
                    ? "centroid(bounds($geometry))"
                    : "point_n(geometry_n($geometry, 1), num_points(geometry_n($geometry, 1)) // 2 + 1)";
            layer_element(x, "GeometryGenerator", {{"SymbolType", "Marker"}, {"geometryModifier", at}, {"units", "MapUnit"}});
            qml_sub_symbol(x, SymbolKind::Marker, "@" + name + "@" + std::to_string(index), [&] { marker_layers(x, *s.marker); });
            x.close();
        }
    });
}

std::string graduated_attribute(const LayerStyleSpec& s) {
    if (!s.expression.empty()) return s.expression;
    if (s.only_field.empty()) return s.attribute;
    // Rows of other services get NULL, which falls in no class and is not drawn.
    std::string v;
    for (char c : s.only_value) v += c == '\'' ? std::string("''") : std::string(1, c);
    return "CASE WHEN \"" + s.only_field + "\" = '" + v + "' THEN \"" + s.attribute + "\" END";
}

void write_renderer(Xml& x, const LayerStyleSpec& s) {
    Xml::Attrs r = {{"forceraster", "0"}, {"symbollevels", "0"}, {"enableorderby", "0"}, {"referencescale", "-1"}};
    switch (s.renderer) {
        case Renderer::None:
            x.leaf("renderer-v2", {{"type", "nullSymbol"}});
            return;
        case Renderer::Single:
            r.insert(r.begin(), {"type", "singleSymbol"});
            x.open("renderer-v2", r).open("symbols");
            qml_symbol(x, s.single, "0");
            x.close().close();
            return;
        case Renderer::Categorized:
            r.insert(r.begin(), {{"type", "categorizedSymbol"}, {"attr", s.attribute}});
            x.open("renderer-v2", r).open("categories");
            for (std::size_t i = 0; i < s.classes.size(); ++i)
                x.leaf("category", {{"render", "true"}, {"symbol", std::to_string(i)}, {"value", s.classes[i].value},
                                    {"label", s.classes[i].label}, {"type", "string"}});
            break;
        case Renderer::Graduated:
            r.insert(r.begin(), {{"type", "graduatedSymbol"}, {"attr", graduated_attribute(s)}, {"graduatedMethod", "GraduatedColor"}});
            x.open("renderer-v2", r).open("ranges");
            for (std::size_t i = 0; i < s.classes.size(); ++i)
                x.leaf("range", {{"render", "true"}, {"symbol", std::to_string(i)}, {"lower", num(s.classes[i].lower)},
                                 {"upper", num(s.classes[i].upper)}, {"label", s.classes[i].label}});
            break;
    }
    x.close().open("symbols");
    for (std::size_t i = 0; i < s.classes.size(); ++i) qml_symbol(x, s.classes[i].symbol, std::to_string(i));
    x.close().open("source-symbol");
    qml_symbol(x, s.single, "0");
    x.close();
    if (s.renderer == Renderer::Graduated) {
        // Fixed breaks: the classes are ours, QGIS must not recompute them.
        x.leaf("mode", {{"name", "fixed"}});
        x.open("classificationMethod", {{"id", "Fixed"}})
            .leaf("symmetricMode", {{"enabled", "0"}, {"symmetrypoint", "0"}, {"astride", "0"}})
            .leaf("labelFormat", {{"format", "%1 - %2"}, {"labelprecision", "2"}, {"trimtrailingzeroes", "1"}})
            .close();
    }
    x.close();
}

// Noto Sans: ascent + descent = 1.362 em, so an ImGui pixel height h is a type of h / 1.362 px,
// 0.75 of that in points at 96 dpi.
double points_of_type_px(double px) { return px / 1.362 * 0.75; }

void write_labeling(Xml& x, const LayerStyleSpec& s) {
    if (!s.labels && !s.label_obstacle) return;
    const Labels l = s.labels.value_or(Labels{});
    const bool draw = s.labels.has_value();
    x.open("labeling", {{"type", "simple"}}).open("settings", {{"calloutType", "simple"}});
    x.open("text-style", {{"fieldName", draw ? l.field : std::string("uuid")},
                          {"isExpression", "0"},
                          {"fontFamily", "Noto Sans"},
                          {"namedStyle", "Regular"},
                          {"fontWeight", "50"},
                          {"fontSize", short_num(points_of_type_px(l.type_px))},
                          {"fontSizeUnit", "Point"},
                          {"textColor", qcolour(l.ink | 0xffu)},
                          {"textOpacity", opacity_of(l.ink)},
                          {"multilineHeight", "1"}})
        .leaf("text-buffer", {{"bufferDraw", draw ? "1" : "0"},
                              {"bufferSize", mm(l.halo_px)},
                              {"bufferSizeUnits", "MM"},
                              {"bufferColor", qcolour(l.halo | 0xffu)},
                              {"bufferOpacity", opacity_of(l.halo)},
                              {"bufferNoFill", "1"},
                              {"bufferJoinStyle", "128"}})
        .close();
    // Over the point inside each polygon (GEOS point on surface of the whole unit), as the map places
    // them; a priority always (QGIS 3.22 reads a missing one as 0 and then places no label over
    // another labelled layer's polygons), the kecamatan's above the desa's.
    x.leaf("placement", {{"placement", "1"},
                         {"quadOffset", "4"},
                         {"centroidInside", "1"},
                         {"centroidWhole", "1"},
                         {"fitInPolygonOnly", "0"},
                         {"dist", "0"},
                         {"priority", std::to_string(l.priority)},
                         {"offsetType", "0"},
                         {"xOffset", "0"},
                         {"yOffset", "0"}});
    // QGIS stores the scale limits under each other's names: "scaleMax" is the most zoomed-out scale.
    x.leaf("rendering", {{"drawLabels", draw ? "1" : "0"},
                         {"obstacle", draw ? "0" : "1"},
                         {"obstacleFactor", "1"},
                         {"obstacleType", "0"},
                         {"displayAll", "0"},
                         {"upsidedownLabels", "0"},
                         {"labelPerPart", "0"},
                         {"mergeLines", "0"},
                         {"scaleVisibility", l.min_scale > 0 ? "1" : "0"},
                         {"scaleMin", "0"},
                         {"scaleMax", short_num(l.min_scale)},
                         {"limitNumLabels", "0"},
                         {"zIndex", "0"}});
    x.close().close();
}

}  // namespace

void write_style_body(Xml& x, const LayerStyleSpec& s) {
    write_renderer(x, s);
    write_labeling(x, s);
    x.text("blendMode", "0").text("featureBlendMode", "0").text("layerOpacity", short_num(s.opacity));
    if (!s.aliases.empty()) {
        x.open("aliases");
        for (auto& [field, alias] : s.aliases) x.leaf("alias", {{"field", field}, {"name", alias}});
        x.close();
    }
    if (!s.defaults.empty()) {
        x.open("defaults");
        for (auto& [field, expression] : s.defaults)
            x.leaf("default", {{"field", field}, {"expression", expression}, {"applyOnUpdate", "0"}});
        x.close();
    }
}

std::string qml_document(const LayerStyleSpec& s) {
    Xml x;
    x.raw("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n");
    x.open("qgis", {{"version", "3.22.0-Białowieża"},
                    {"styleCategories", "Symbology|Labeling|Fields|Rendering"},
                    {"labelsEnabled", s.labels || s.label_obstacle ? "1" : "0"}});
    write_style_body(x, s);
    x.close();
    return x.str();
}

// ---- SLD (Symbology Encoding 1.1, as QGIS writes it) ----
namespace {

constexpr double kSldPxPerPx = 1.0;  // SLD sizes are pixels (0.28 mm), ours too

void sld_stroke(Xml& x, const Stroke& s) {
    auto svg = [&](const std::string& n, const std::string& v) { x.text("se:SvgParameter", v, {{"name", n}}); };
    x.open("se:Stroke");
    svg("stroke", hex6(s.colour));
    if ((s.colour & 255) != 255) svg("stroke-opacity", opacity_of(s.colour));
    svg("stroke-width", short_num(s.width_px * kSldPxPerPx));
    svg("stroke-linejoin", "mitre");
    x.close();
}

void sld_fill(Xml& x, std::uint32_t c) {
    x.open("se:Fill").text("se:SvgParameter", hex6(c), {{"name", "fill"}});
    if ((c & 255) != 255) x.text("se:SvgParameter", opacity_of(c), {{"name", "fill-opacity"}});
    x.close();
}

void sld_mark(Xml& x, const Marker& m) {
    const char* name = m.shape == SymbolShape::Square     ? "square"
                       : m.shape == SymbolShape::Triangle ? "triangle"
                       : m.shape == SymbolShape::Star     ? "star"
                       : m.shape == SymbolShape::Diamond  ? "square"
                                                          : "circle";
    x.open("se:PointSymbolizer").open("se:Graphic").open("se:Mark").text("se:WellKnownName", name);
    sld_fill(x, m.colour);
    sld_stroke(x, Stroke{rim_of(m.colour), 1});
    x.close().text("se:Size", short_num(m.size_px * kSldPxPerPx));
    if (m.shape == SymbolShape::Diamond) x.text("se:Rotation", "45");
    x.close().close();
}

void sld_symbolizers(Xml& x, const Symbol& s) {
    if (s.kind == SymbolKind::Fill && (s.fill || s.hatch)) {
        x.open("se:PolygonSymbolizer");
        if (s.fill) sld_fill(x, *s.fill);
        x.close();
        if (s.hatch) {
            x.open("se:PolygonSymbolizer").open("se:Fill").open("se:GraphicFill").open("se:Graphic").open("se:Mark");
            x.text("se:WellKnownName", "horline");
            sld_stroke(x, Stroke{s.hatch->colour, s.hatch->width_px});
            x.close().text("se:Size", short_num(s.hatch->spacing_px)).text("se:Rotation", short_num(-s.hatch->angle_deg));
            x.close().close().close().close();
        }
    }
    for (const Stroke& st : s.strokes) {
        x.open(s.kind == SymbolKind::Fill ? "se:PolygonSymbolizer" : "se:LineSymbolizer");
        sld_stroke(x, st);
        x.close();
    }
    if (s.marker) sld_mark(x, *s.marker);
}

void sld_eq(Xml& x, const std::string& field, const std::string& value) {
    x.open("ogc:PropertyIsEqualTo").text("ogc:PropertyName", field).text("ogc:Literal", value).close();
}

}  // namespace

std::string sld_document(const LayerStyleSpec& s) {
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
        sld_symbolizers(x, s.single);
        x.close();
    }
    if (s.renderer == Renderer::Categorized || s.renderer == Renderer::Graduated)
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
            sld_symbolizers(x, c.symbol);
            x.close();
        }
    if (s.labels) {
        const Labels& l = *s.labels;
        x.open("se:Rule").open("se:TextSymbolizer");
        x.open("se:Label").text("ogc:PropertyName", l.field).close();
        x.open("se:Font").text("se:SvgParameter", "Noto Sans", {{"name", "font-family"}})
            .text("se:SvgParameter", short_num(points_of_type_px(l.type_px) * 4.0 / 3.0), {{"name", "font-size"}}).close();
        x.open("se:Halo").text("se:Radius", short_num(l.halo_px));
        sld_fill(x, l.halo);
        x.close();
        sld_fill(x, l.ink);
        x.close().close();
    }
    x.close().close().close().close();
    return x.str();
}

}  // namespace pc::io::qgis
