// KML written directly (OGC KML 2.2, laid out as GDAL's LIBKML driver writes and reads it): one
// Document per layer with its Schema, a shared style per pillar / facility type / layer, the
// attributes as ExtendedData (so the file reads back with its field types), shown in the balloon as a
// table by the style's BalloonStyle template ($[layer/field]: Google Earth fills it in). Written here rather than through LIBKML, whose serialiser grows quadratically with the
// document (a KMZ of Kab. Pasuruan with its gap layers took 23 s) and which writes altitudes, drops
// empty texts and types 64-bit integers as text.
#include <charconv>
#include <limits>
#include <map>

#include "export_internal.h"
#include "geo/error.h"
#include "geo/geos.h"
#include "geo/style.h"
#include "valid_geometry.h"

namespace pc::io {
namespace {

std::string number(double v) {
    char b[32];
    auto r = std::to_chars(b, b + sizeof b, v);  // shortest text that reads back as the same double
    return std::string(b, r.ptr);
}

std::string field_text(const FieldValue& v) {
    if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (auto* d = std::get_if<double>(&v)) return number(*d);
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    return "";
}

// KML colours are aabbggrr.
std::string kml_colour(std::uint32_t rgba) {
    char b[10];
    std::snprintf(b, sizeof b, "%02x%02x%02x%02x", rgba & 255, (rgba >> 8) & 255, (rgba >> 16) & 255, rgba >> 24);
    return b;
}

// KML's SimpleField types: a 64-bit integer column is an int when its values fit in 32 bits, else a
// double (exact up to 9·10^15: budgets in rupiah).
std::string schema_type(const Table& t, std::size_t c) {
    switch (t.columns[c].type) {
        case FieldType::Integer:
        case FieldType::Boolean: return "int";
        case FieldType::Real: return "double";
        case FieldType::Integer64:
            for (auto& row : t.rows)
                if (auto* i = std::get_if<std::int64_t>(&row[c]))
                    if (*i < std::numeric_limits<int>::min() || *i > std::numeric_limits<int>::max()) return "double";
            return "int";
        default: return "string";
    }
}

void coordinates(std::string& out, const std::vector<Coord>& pts) {
    out += "<coordinates>";
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (i) out += ' ';
        out += number(pts[i].x) + ',' + number(pts[i].y);
    }
    out += "</coordinates>";
}

void geometry_kml(std::string& out, const Geometry& g) {
    const std::size_t parts = g.kind == GeometryKind::Point ? g.points.size() : g.kind == GeometryKind::Line ? g.lines.size() : g.polygons.size();
    const bool multi = parts != 1;
    if (multi) out += "<MultiGeometry>";
    switch (g.kind) {
        case GeometryKind::Point:
            for (const Coord& c : g.points) {
                out += "<Point>";
                coordinates(out, {c});
                out += "</Point>";
            }
            break;
        case GeometryKind::Line:
            for (const auto& l : g.lines) {
                out += "<LineString>";
                coordinates(out, l);
                out += "</LineString>";
            }
            break;
        case GeometryKind::Polygon:
            for (const Polygon& p : g.polygons) {
                out += "<Polygon>";
                for (std::size_t r = 0; r < p.rings.size(); ++r) {
                    out += r == 0 ? "<outerBoundaryIs><LinearRing>" : "<innerBoundaryIs><LinearRing>";
                    coordinates(out, p.rings[r]);
                    out += r == 0 ? "</LinearRing></outerBoundaryIs>" : "</LinearRing></innerBoundaryIs>";
                }
                out += "</Polygon>";
            }
            break;
        case GeometryKind::Empty: break;  // an empty MultiGeometry: the placemark keeps its row
    }
    if (multi) out += "</MultiGeometry>";
}

// The style of a feature as the map shows it: initiatives by pillar, facilities by type, admin
// units as outlines, zones, service areas and initiative areas translucent.
struct KmlStyle {
    std::string id;
    std::string body;
};

KmlStyle style_of(const Table& t, const std::vector<FieldValue>& row, GeometryKind kind, const Project& p, int pillar_col,
                  int type_col) {
    namespace ms = map_style;
    std::string key = t.name;
    std::uint32_t colour = t.name == "kecamatan" ? ms::kKecamatanLine
                           : t.name == "desa"    ? ms::kDesaLine
                           : t.name == "zones"   ? ms::kZone
                           : t.name.rfind("service_area_", 0) == 0 ? ms::kServiceArea
                                                 : ms::kKabupatenLine;
    if (pillar_col >= 0)
        if (auto pl = parse_pillar(field_text(row[std::size_t(pillar_col)]))) {
            colour = pillar_colour(*pl);
            key = std::string("pillar_") + to_key(*pl);
        }
    if (type_col >= 0) {
        const std::string type = field_text(row[std::size_t(type_col)]);
        auto* ft = p.facility_type(type);
        colour = ft ? (ft->colour | 0xffu) : ms::kUnknownFacility;
        key = "type_" + layer_safe(type);
    }
    KmlStyle s;
    switch (kind) {
        case GeometryKind::Point:
        case GeometryKind::Empty:
            s.id = key + "_point";
            s.body = "<IconStyle><color>" + kml_colour(colour) + "</color><scale>1.2</scale><Icon><href>"
                     "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png</href></Icon></IconStyle>";
            break;
        case GeometryKind::Line:
            s.id = key + "_line";
            s.body = "<LineStyle><color>" + kml_colour(colour) + "</color><width>3</width></LineStyle>";
            break;
        case GeometryKind::Polygon: {
            const bool outline_only = t.name == "kabupaten" || t.name == "kecamatan" || t.name == "desa";
            s.id = key + "_polygon";
            s.body = "<LineStyle><color>" + kml_colour(colour) + "</color><width>2</width></LineStyle><PolyStyle><color>" +
                     kml_colour((colour & 0xffffff00u) | 0x66u) + "</color>" + (outline_only ? "<fill>0</fill>" : "") + "</PolyStyle>";
            break;
        }
    }
    return s;
}

void layer_document(std::string& out, const Table& t, const Project& p, ExportReport& report,
                    const GeosContext& geos) {
    const std::string id = xml_escape(t.name);
    int name_col = -1, pillar_col = -1, type_col = -1, id_col = -1;  // id: the code, else the uuid
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        if (t.columns[c].name == "name") name_col = int(c);
        if (t.columns[c].name == "code" || (t.columns[c].name == "uuid" && id_col < 0)) id_col = int(c);
        if (t.columns[c].name == "pillar" && t.name == "initiatives") pillar_col = int(c);
        if (t.columns[c].name == "type" && t.name == "facilities") type_col = int(c);
    }
    // The schema: every column but the name (the placemark's <name>), in the layer's own document
    // (where GDAL's reader looks for it when a file holds several layers).
    std::string schema = "<Schema name=\"" + id + "\" id=\"" + id + ".schema\">";
    std::vector<std::string> types(t.columns.size());
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        types[c] = schema_type(t, c);
        if (int(c) != name_col)
            schema += "<SimpleField name=\"" + xml_escape(t.columns[c].name) + "\" type=\"" + types[c] + "\"/>";
    }
    schema += "</Schema>\n";

    // The balloon: the name, then every attribute in a table.
    std::string balloon = "<h3>$[name]</h3><table border=\"1\" cellpadding=\"2\" style=\"border-collapse:collapse\">";
    for (std::size_t c = 0; c < t.columns.size(); ++c)
        if (int(c) != name_col)
            balloon += "<tr><th align=\"left\">" + xml_escape(t.columns[c].name) + "</th><td>$[" + id + "/" +
                       xml_escape(t.columns[c].name) + "]</td></tr>";
    balloon = "<BalloonStyle><text>" + xml_escape(balloon + "</table>") + "</text></BalloonStyle>";
    std::string styles, placemarks;
    std::map<std::string, bool> styled;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const auto& row = t.rows[r];
        const Geometry* g = r < t.geometries.size() ? t.geometries[r] : nullptr;
        Geometry geometry;
        if (g && !g->empty()) {
            std::string who = id_col >= 0 ? field_text(row[std::size_t(id_col)]) : "";
            if (who.empty()) who = "row " + std::to_string(r + 1);
            try {
                auto w = writable_geometry(geos, *g);
                if (!w.repaired.empty())
                    report.warnings.push_back("layer '" + t.name + "', feature '" + who + "': invalid geometry (" + w.repaired + ") made valid");
                geometry = std::move(w.geometry);
            } catch (const GeosError& e) {
                throw InputError({"", t.name, who, "geometry"}, std::string("geometry cannot be written: ") + e.what());
            }
        }
        const KmlStyle st = style_of(t, row, geometry.kind, p, pillar_col, type_col);
        if (!styled[st.id]) {
            styled[st.id] = true;
            styles += "<Style id=\"" + st.id + "\">" + st.body + balloon + "</Style>\n";
        }
        placemarks += "<Placemark id=\"" + id + "." + std::to_string(r + 1) + "\">";
        if (name_col >= 0) placemarks += "<name>" + xml_escape(field_text(row[std::size_t(name_col)])) + "</name>";
        placemarks += "<styleUrl>#" + st.id + "</styleUrl>";
        // A NULL has no SimpleData; an empty text has an empty one.
        placemarks += "<ExtendedData><SchemaData schemaUrl=\"#" + id + ".schema\">";
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            if (int(c) == name_col || std::holds_alternative<std::monostate>(row[c])) continue;
            std::string v = field_text(row[c]);
            if (types[c] == "double")
                if (auto* i = std::get_if<std::int64_t>(&row[c])) v = number(double(*i));
            placemarks += "<SimpleData name=\"" + xml_escape(t.columns[c].name) + "\">" + xml_escape(v) + "</SimpleData>";
        }
        placemarks += "</SchemaData></ExtendedData>";
        geometry_kml(placemarks, geometry);
        placemarks += "</Placemark>\n";
    }
    out += "<Document id=\"" + id + "\"><name>" + id + "</name>\n" + schema + styles + placemarks + "</Document>\n";
}

}  // namespace

std::string kml_document(const std::vector<const Table*>& tables, const Project& p, ExportReport& report) {
    GeosContext geos;
    std::string layers;
    for (const Table* t : tables) layer_document(layers, *t, p, report, geos);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document id=\"root_doc\">\n" +
           layers + "</Document>\n</kml>\n";
}

}  // namespace pc::io
