// Styles that travel: the QGIS layer_styles table in GeoPackage exports and the project file,
// .qml/.sld beside Shapefiles. QGIS itself loading them is tests/app/qgis (qgis_load_test.py).
#include <catch2/catch.hpp>

#include <cpl_minixml.h>

#include <filesystem>
#include <map>

#include "geo/analysis/engine.h"
#include "geo/gdal.h"
#include "geo/io/export.h"
#include "geo/io/styles.h"
#include "geo/style.h"
#include "io_test_util.h"

using namespace pc;
using pc::test::TempDir;

namespace {

bool well_formed(const std::string& xml) {
    CPLXMLNode* n = CPLParseXMLString(xml.c_str());
    if (!n) return false;
    CPLDestroyXMLNode(n);
    return true;
}

std::string colour_rgba(std::uint32_t c) {
    return std::to_string(c >> 24) + "," + std::to_string((c >> 16) & 255) + "," + std::to_string((c >> 8) & 255);
}

}  // namespace

TEST_CASE("GeoPackage export carries a QGIS layer_styles table with a default style per layer", "[io][styles]") {
    TempDir dir;
    Project p = test::sample_project();
    CoverageEngine engine(p);
    AnalysisResult r = engine.run(p);
    auto out = dir / "out.gpkg";
    export_project(p, &r, out, ExportFormat::GeoPackage);

    auto ds = open_vector(out);
    OGRLayer* ls = ds->GetLayerByName("layer_styles");
    REQUIRE(ls);
    // The schema QGIS's OGR provider creates (names, types, widths).
    auto* d = ls->GetLayerDefn();
    const std::vector<std::pair<const char*, OGRFieldType>> schema = {
        {"f_table_catalog", OFTString}, {"f_table_schema", OFTString}, {"f_table_name", OFTString},
        {"f_geometry_column", OFTString}, {"styleName", OFTString}, {"styleQML", OFTString},
        {"styleSLD", OFTString}, {"useAsDefault", OFTInteger}, {"description", OFTString},
        {"owner", OFTString}, {"ui", OFTString}, {"update_time", OFTDateTime}};
    REQUIRE(d->GetFieldCount() == int(schema.size()));
    for (int i = 0; i < d->GetFieldCount(); ++i) {
        CHECK(std::string(d->GetFieldDefn(i)->GetNameRef()) == schema[std::size_t(i)].first);
        CHECK(d->GetFieldDefn(i)->GetType() == schema[std::size_t(i)].second);
    }
    CHECK(d->GetFieldDefn(d->GetFieldIndex("useAsDefault"))->GetSubType() == OFSTBoolean);
    CHECK(d->GetFieldDefn(d->GetFieldIndex("f_table_name"))->GetWidth() == 256);
    CHECK(std::string(ls->GetFIDColumn()) == "id");

    std::map<std::string, std::pair<std::string, std::string>> styles;  // layer -> qml, sld
    for (auto& f : *ls) {
        const std::string layer = f->GetFieldAsString("f_table_name");
        INFO(layer);
        CHECK(f->GetFieldAsInteger("useAsDefault") == 1);
        CHECK(std::string(f->GetFieldAsString("f_geometry_column")) == "geom");
        CHECK(std::string(f->GetFieldAsString("f_table_schema")).empty());
        CHECK(ds->GetLayerByName(layer.c_str()));
        CHECK_FALSE(styles.count(layer));
        styles[layer] = {f->GetFieldAsString("styleQML"), f->GetFieldAsString("styleSLD")};
    }
    for (auto* l : {"kabupaten", "kecamatan", "desa", "facilities", "initiatives", "zones", "metrics_desa"}) {
        INFO(l);
        REQUIRE(styles.count(l));
        CHECK(well_formed(styles[l].first));
        CHECK(well_formed(styles[l].second));
        CHECK(styles[l].first.find("<!DOCTYPE qgis") == 0);
        CHECK(styles[l].second.find("<StyledLayerDescriptor") != std::string::npos);
    }
    // Labels on the admin outlines.
    CHECK(styles["kecamatan"].first.find("fieldName=\"name\"") != std::string::npos);
    CHECK(styles["desa"].first.find("labelsEnabled=\"1\"") != std::string::npos);
    // Initiatives by pillar with the one set of pillar colours; the six categories in QML and SLD.
    auto& iq = styles["initiatives"].first;
    CHECK(iq.find("type=\"categorizedSymbol\" attr=\"pillar\"") != std::string::npos);
    for (Pillar pl : kPillars) {
        CHECK(iq.find(std::string("value=\"") + to_key(pl) + "\"") != std::string::npos);
        CHECK(iq.find(colour_rgba(pillar_colour(pl))) != std::string::npos);
        CHECK(styles["initiatives"].second.find(std::string("<ogc:Literal>") + to_key(pl) + "</ogc:Literal>") != std::string::npos);
    }
    // Facilities by type in the project's colours.
    for (auto& t : p.settings.facility_types) {
        CHECK(styles["facilities"].first.find("value=\"" + t.key + "\"") != std::string::npos);
        CHECK(styles["facilities"].first.find(colour_rgba(t.colour)) != std::string::npos);
    }
    // Zones as the map draws them: a faint tint, hatch lines fixed to the map (a geometry generator
    // over lon/lat, see map_style), a white casing under the zone line.
    auto& zq = styles["zones"].first;
    CHECK(zq.find("class=\"GeometryGenerator\"") != std::string::npos);
    CHECK(zq.find("0.0254 / 96 * @map_scale") != std::string::npos);
    CHECK(zq.find(colour_rgba(map_style::kZone)) != std::string::npos);
    CHECK(zq.find("255,255,255,195") != std::string::npos);  // the casing at 0.85 x 0.9
    // Choropleth of the gaps: the map's fixed classes 0-20-40-60-80-100 %, RdYlGn, of the first
    // service's population coverage; every class but the last ends just below the next break (the
    // map's classes are [b_i, b_i+1)).
    auto& mq = styles["metrics_desa"].first;
    CHECK(mq.find("graduatedSymbol") != std::string::npos);
    CHECK(mq.find("CASE WHEN &quot;service&quot; = &apos;" + r.services.front().service + "&apos;") != std::string::npos);
    const double breaks[] = {0, 0.2, 0.4, 0.6, 0.8, 1.0};
    const char* colours[] = {"215,48,39", "254,224,139", "255,255,191", "145,207,96", "26,152,80"};
    for (int i = 0; i < 5; ++i) {
        char range[120];
        const double upper = i < 4 ? std::nextafter(breaks[i + 1], -1.0) : breaks[i + 1];
        std::snprintf(range, sizeof range, "lower=\"%.17g\" upper=\"%.17g\"", breaks[i], upper);
        INFO(range);
        CHECK(mq.find(range) != std::string::npos);
        CHECK(mq.find(colours[i]) != std::string::npos);
    }
    CHECK(mq.find("<mode name=\"fixed\"/>") != std::string::npos);
    // A feature added in QGIS gets a UUID from QGIS itself.
    for (auto* l : {"kabupaten", "kecamatan", "desa", "facilities", "initiatives", "zones"}) {
        INFO(l);
        CHECK(styles[l].first.find("<default field=\"uuid\" expression=\"uuid(&apos;WithoutBraces&apos;)\"") != std::string::npos);
    }
    // Labels: kecamatan placed before desa (priority), neither layer an obstacle to the other's labels.
    CHECK(styles["kecamatan"].first.find("priority=\"10\"") != std::string::npos);
    CHECK(styles["desa"].first.find("priority=\"5\"") != std::string::npos);
    for (auto* l : {"kecamatan", "desa"}) CHECK(styles[l].first.find("obstacle=\"0\"") != std::string::npos);
}

TEST_CASE("Project file carries the styles, saving again keeps one default per layer", "[io][styles]") {
    TempDir dir;
    Project p = test::sample_project();
    auto out = dir / "p.gpkg";
    export_project(p, nullptr, out, ExportFormat::GeoPackage);
    export_project(p, nullptr, out, ExportFormat::GeoPackage);
    auto ds = open_vector(out);
    OGRLayer* ls = ds->GetLayerByName("layer_styles");
    REQUIRE(ls);
    // 3 admin levels, zones, population grid, and facilities and initiatives as point, line and polygon layers.
    CHECK(ls->GetFeatureCount() == 11);
}

TEST_CASE("Line and polygon layers of initiatives and facilities get their own styles with the categories",
          "[io][styles][kinds]") {
    TempDir dir;
    Project p = test::sample_project();
    auto out = dir / "p.gpkg";
    export_project(p, nullptr, out, ExportFormat::GeoPackage);
    auto ds = open_vector(out);
    OGRLayer* ls = ds->GetLayerByName("layer_styles");
    REQUIRE(ls);
    std::map<std::string, std::string> qml, sld;
    for (auto& f : *ls) {
        qml[f->GetFieldAsString("f_table_name")] = f->GetFieldAsString("styleQML");
        sld[f->GetFieldAsString("f_table_name")] = f->GetFieldAsString("styleSLD");
    }
    // The map's symbols: initiative points are stars (an SVG), lines a pillar line on a casing,
    // polygons a translucent fill; facilities are point symbols, also on lines and polygons (at their
    // anchor, through a geometry generator), squares for puskesmas, diamonds for BTS.
    const std::vector<std::pair<std::string, std::vector<const char*>>> want = {
        {"initiatives", {"SvgMarker"}},
        {"initiatives_line", {"SimpleLine"}},
        {"initiatives_polygon", {"SimpleFill"}},
        {"facilities", {"SimpleMarker"}},
        {"facilities_line", {"GeometryGenerator", "SimpleMarker"}},
        {"facilities_polygon", {"GeometryGenerator", "SimpleMarker"}}};
    for (auto& [layer, symbols] : want) {
        INFO(layer);
        REQUIRE(qml.count(layer));
        CHECK(well_formed(qml[layer]));
        CHECK(well_formed(sld[layer]));
        for (auto* other : {"SvgMarker", "SimpleMarker", "SimpleLine", "SimpleFill", "GeometryGenerator"}) {
            INFO(other);
            const bool wanted = std::find_if(symbols.begin(), symbols.end(), [&](const char* s) { return std::string(s) == other; }) != symbols.end();
            CHECK((qml[layer].find(std::string("class=\"") + other + "\"") != std::string::npos) == wanted);
        }
    }
    CHECK(qml["facilities"].find("<prop k=\"name\" v=\"square\"/>") != std::string::npos);
    CHECK(qml["facilities"].find("<prop k=\"name\" v=\"diamond\"/>") != std::string::npos);
    CHECK(qml["facilities_line"].find("num_points(geometry_n($geometry, 1)) // 2 + 1") != std::string::npos);
    CHECK(qml["facilities_polygon"].find("centroid(bounds($geometry))") != std::string::npos);
    for (auto* layer : {"initiatives_line", "initiatives_polygon"}) {
        INFO(layer);
        CHECK(qml[layer].find("type=\"categorizedSymbol\" attr=\"pillar\"") != std::string::npos);
        for (Pillar pl : kPillars) {
            CHECK(qml[layer].find(std::string("value=\"") + to_key(pl) + "\"") != std::string::npos);
            CHECK(qml[layer].find(colour_rgba(pillar_colour(pl))) != std::string::npos);
        }
    }
    CHECK(sld["initiatives_line"].find("<se:LineSymbolizer>") != std::string::npos);
    CHECK(sld["initiatives_polygon"].find("<se:PolygonSymbolizer>") != std::string::npos);
    for (auto& t : p.settings.facility_types)
        CHECK(qml["facilities_polygon"].find("value=\"" + t.key + "\"") != std::string::npos);
}

TEST_CASE("Shapefile export writes .qml and .sld beside each file, with the short field names", "[io][styles]") {
    TempDir dir;
    Project p = test::sample_project();
    auto out = dir / "shp";
    export_project(p, nullptr, out, ExportFormat::Shapefile);
    namespace fs = std::filesystem;
    for (auto* l : {"kabupaten", "kecamatan", "desa", "zones", "facilities_point", "facilities_line", "facilities_polygon",
                    "initiatives_point", "initiatives_line", "initiatives_polygon"}) {
        INFO(l);
        CHECK(fs::exists(out + "/" + l + ".qml"));
        CHECK(fs::exists(out + "/" + l + ".sld"));
        CHECK(well_formed(test::read_bytes(out + "/" + l + ".qml")));
        CHECK(well_formed(test::read_bytes(out + "/" + l + ".sld")));
    }
    CHECK_FALSE(fs::exists(out + "/settings.qml"));
    // Each part gets symbols of its own geometry kind.
    CHECK(test::read_bytes(out + "/initiatives_point.qml").find("class=\"SvgMarker\"") != std::string::npos);
    CHECK(test::read_bytes(out + "/initiatives_line.qml").find("class=\"SimpleLine\"") != std::string::npos);
    CHECK(test::read_bytes(out + "/initiatives_polygon.qml").find("class=\"SimpleFill\"") != std::string::npos);
    // Cut names show their whole name in QGIS (aliases), and the uuid default.
    const std::string iq = test::read_bytes(out + "/initiatives_point.qml");
    CHECK(iq.find("<alias field=\"funding_so\" name=\"funding_source\"/>") != std::string::npos);
    CHECK(iq.find("<default field=\"uuid\"") != std::string::npos);
}

TEST_CASE("Pillar colours are the shared ones", "[io][styles]") {
    CHECK(pillar_colour(Pillar::Governance) == 0x1f5fbfff);
    CHECK(std::string(pillar_label(Pillar::Environment)) == "Smart Environment");
}
