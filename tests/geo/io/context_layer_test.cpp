// Context layers (roads, settlements, health points under the map): read from OGR files with every
// feature, reprojected to lon/lat, styled by class as a planner expects, saved in the project file
// and back, styled for QGIS, refused clearly when the input cannot be used.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "../../skip.h"
#include "geo/context_layer.h"
#include "geo/io/context_import.h"
#include "geo/io/project_file.h"
#include "geo/io/qgis_project.h"
#include "io_test_util.h"

using namespace pc;
using pc::test::sql_value;
using pc::test::TempDir;
using pc::test::write_text;

namespace {

const char* kRbi = "kota_pasuruan_rbi/";

std::string feature_collection(const std::string& crs, const std::string& features) {
    std::string s = "{\"type\":\"FeatureCollection\",";
    if (!crs.empty()) s += "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"" + crs + "\"}},";
    return s + "\"features\":[" + features + "]}";
}

std::string road(const std::string& remark, double x0, double y0, double x1, double y1) {
    char buf[400];
    std::snprintf(buf, sizeof buf,
                  "{\"type\":\"Feature\",\"properties\":{\"remark\":\"%s\",\"lebar\":%d},\"geometry\":{\"type\":"
                  "\"LineString\",\"coordinates\":[[%.6f,%.6f],[%.6f,%.6f]]}}",
                  remark.c_str(), int(remark.size()), x0, y0, x1, y1);
    return buf;
}

// A small road layer named as BIG names its road layers, classes as RBI writes them.
std::string synthetic_roads(const TempDir& dir) {
    const std::string path = dir / "JALAN_LN_25K.geojson";
    write_text(path, feature_collection("", road("Jalan Tol Dua Jalur Dengan Pemisah Fisik", 112.90, -7.65, 112.92, -7.65) + "," +
                                                road("Jalan Arteri", 112.90, -7.66, 112.92, -7.66) + "," +
                                                road("Jalan Kolektor", 112.90, -7.67, 112.92, -7.67) + "," +
                                                road("Jalan Lokal", 112.90, -7.68, 112.92, -7.68) + "," +
                                                road("Jalan Setapak", 112.90, -7.69, 112.92, -7.69)));
    return path;
}

std::map<std::string, std::size_t> count_by_label(const ContextLayer& l) {
    std::map<std::string, std::size_t> out;
    for (const ContextFeature& f : *l.features) {
        auto r = l.rule_of(f);
        ++out[r ? l.rules[*r].label : std::string("other")];
    }
    return out;
}

const ContextRule* rule_labelled(const ContextLayer& l, const std::string& label) {
    for (const ContextRule& r : l.rules)
        if (r.label == label) return &r;
    return nullptr;
}

}  // namespace

TEST_CASE("context layers: roads by class get wider and stronger lines for toll and arterial roads") {
    TempDir dir;
    const ContextLayer l = read_context_layer(synthetic_roads(dir));
    CHECK(l.kind == ContextKind::Line);
    CHECK(l.name == "JALAN_LN_25K");
    CHECK(l.class_field == "remark");
    REQUIRE(l.feature_count() == 5);
    const auto by = count_by_label(l);
    CHECK(by.at("Jalan tol") == 1);
    CHECK(by.at("Jalan arteri") == 1);
    CHECK(by.at("Jalan kolektor") == 1);
    CHECK(by.at("Jalan lokal") == 1);
    CHECK(by.at("other") == 1);  // a footpath: the layer's own thin style
    const auto* toll = rule_labelled(l, "Jalan tol");
    const auto* arterial = rule_labelled(l, "Jalan arteri");
    const auto* collector = rule_labelled(l, "Jalan kolektor");
    const auto* local = rule_labelled(l, "Jalan lokal");
    REQUIRE((toll && arterial && collector && local));
    CHECK(toll->value == "Jalan Tol Dua Jalur Dengan Pemisah Fisik");  // exact values of the data
    CHECK(toll->style.width_px > arterial->style.width_px);
    CHECK(arterial->style.width_px > collector->style.width_px);
    CHECK(collector->style.width_px > local->style.width_px);
    CHECK(local->style.width_px > l.style.width_px);
    CHECK(toll->style.stroke != local->style.stroke);
    // Matching ignores case and blanks around the value.
    ContextFeature f;
    f.values.assign(l.fields.size(), FieldValue{});
    f.values[std::size_t(l.field_index("REMARK"))] = std::string("  jalan LOKAL ");
    CHECK(l.style_of(f) == local->style);
    // Attributes kept, typed.
    REQUIRE(l.field_index("lebar") >= 0);
    CHECK(std::get<std::int64_t>((*l.features)[0].values[std::size_t(l.field_index("lebar"))]) == 40);
}

TEST_CASE("context layers: a generic file gets a default style by its geometry kind") {
    TempDir dir;
    const std::string path = dir / "sekolah.geojson";
    write_text(path, feature_collection("", R"({"type":"Feature","properties":{"nama":"SD 1"},"geometry":{"type":"Point","coordinates":[112.9,-7.65]}})"));
    const ContextLayer l = read_context_layer(path);
    CHECK(l.kind == ContextKind::Point);
    CHECK(l.class_field.empty());
    CHECK(l.rules.empty());
    CHECK((l.style.fill & 0xffu) == 0xffu);  // an opaque symbol
    CHECK(l.style.size_px > 0);
}

TEST_CASE("context layers: features are reprojected to lon/lat (hand-computed points)") {
    TempDir dir;
    // UTM 49S: the central meridian is 111 E and the false northing 10,000,000 m is the equator.
    const std::string utm = dir / "utm.geojson";
    write_text(utm, feature_collection("urn:ogc:def:crs:EPSG::32749",
                                       R"({"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[500000,10000000]}})"));
    const ContextLayer a = read_context_layer(utm);
    REQUIRE(a.feature_count() == 1);
    const Coord p = (*a.features)[0].geometry.points.at(0);
    CHECK(p.x == Approx(111.0).margin(1e-9));
    CHECK(p.y == Approx(0.0).margin(1e-9));
    // Web Mercator on the equator: x = R * lon in radians, R = 6,378,137 m.
    const double x = 6378137.0 * 112.9 * M_PI / 180.0;
    const std::string merc = dir / "merc.geojson";
    write_text(merc, feature_collection("urn:ogc:def:crs:EPSG::3857",
                                        "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[" +
                                            std::to_string(x) + ",0],[" + std::to_string(x) + ",1000]]}}"));
    const ContextLayer b = read_context_layer(merc);
    const auto& line = (*b.features)[0].geometry.lines.at(0);
    CHECK(line[0].x == Approx(112.9).margin(1e-7));
    CHECK(line[0].y == Approx(0.0).margin(1e-9));
    // 1000 m north of the equator on the sphere's Mercator: lat = 2 atan(exp(y/R)) - 90 deg.
    CHECK(line[1].y == Approx((2 * std::atan(std::exp(1000 / 6378137.0)) - M_PI / 2) * 180 / M_PI).margin(1e-9));
}

TEST_CASE("context layers: unusable input is refused naming file, layer, feature and field") {
    TempDir dir;
    const std::string mixed = dir / "campur.geojson";
    write_text(mixed, feature_collection("", R"({"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[112.9,-7.6],[112.91,-7.6]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[112.9,-7.6]}})"));
    try {
        read_context_layer(mixed);
        FAIL("a point in a line layer was accepted");
    } catch (const InputError& e) {
        CHECK(e.where().file == mixed);
        CHECK(e.where().layer == "campur");
        CHECK(e.where().feature == "1");
        CHECK(e.where().field == "geometry");
        CHECK_THAT(e.what(), Catch::Contains("a point in a layer of lines"));
    }
    try {
        read_context_layer(mixed, "jalan");
        FAIL("a missing layer was accepted");
    } catch (const InputError& e) {
        CHECK(e.where().layer == "jalan");
        CHECK_THAT(e.what(), Catch::Contains("layers: campur"));
    }
    CHECK_THROWS_AS(read_context_layer(dir / "tidak_ada.shp"), InputError);
    const std::string text = dir / "catatan.txt";
    write_text(text, "bukan peta\n");
    CHECK_THROWS_AS(read_context_layer(text), InputError);
}

TEST_CASE("context layers: saved in the project file with their style, order and visibility, and read back equal") {
    TempDir dir;
    Project p;
    p.settings.name = "Konteks";
    p.settings.district_code = "99.99";
    p.settings.facility_types = default_facility_types();
    ContextLayer roads = read_context_layer(synthetic_roads(dir));
    roads.name = "Jalan";
    const std::string pts = dir / "puskesmas.geojson";
    write_text(pts, feature_collection("", R"({"type":"Feature","properties":{"nama":"Pkm A","luas":12.5},"geometry":{"type":"Point","coordinates":[112.9,-7.65]}},
        {"type":"Feature","properties":{"nama":null,"luas":3},"geometry":{"type":"Point","coordinates":[112.91,-7.66]}})"));
    ContextLayer health = read_context_layer(pts);
    health.visible = false;
    health.style.symbol = ContextSymbol::Diamond;
    p.context_layers = {roads, health};
    const std::string file = dir / "proyek.gpkg";
    save_project(p, file);
    const Project back = load_project(file);
    REQUIRE(back.context_layers.size() == 2);
    CHECK(back.context_layers[0] == p.context_layers[0]);
    CHECK(back.context_layers[1] == p.context_layers[1]);
    CHECK(back == p);
    // Independently, with GDAL: the features are in the project file itself.
    CHECK(sql_value(file, "SELECT count(*) FROM context_jalan") == "5");
    CHECK(sql_value(file, "SELECT count(*) FROM context_jalan WHERE remark LIKE 'Jalan Tol%'") == "1");
    CHECK(sql_value(file, "SELECT group_concat(name, '|') FROM (SELECT name FROM context_layers ORDER BY position)") ==
          "Jalan|puskesmas");
    // The QGIS style: categories by the class field.
    CHECK(sql_value(file, "SELECT count(*) FROM layer_styles WHERE f_table_name = 'context_jalan' AND styleQML LIKE "
                          "'%categorizedSymbol%' AND styleQML LIKE '%Jalan Tol Dua Jalur%'") == "1");
    // The QGIS project: a group of them, the visible one checked, the hidden one not, top first.
    const std::string qgs = qgis_project_xml(p, nullptr, "proyek.gpkg");
    CHECK_THAT(qgs, Catch::Contains("name=\"Lapisan konteks\""));
    const auto roads_at = qgs.find("layer-tree-layer id=\"petacerdas_context_jalan\""),
               health_at = qgs.find("layer-tree-layer id=\"petacerdas_context_puskesmas\"");
    REQUIRE(roads_at != std::string::npos);
    REQUIRE(health_at != std::string::npos);
    CHECK(health_at < roads_at);  // drawn last, listed first
    CHECK(qgs.find("Qt::Checked", roads_at) < qgs.find(">", roads_at));
    CHECK(qgs.find("Qt::Unchecked", health_at) < qgs.find(">", health_at));
    // Removing one: its table goes with the next save; the other stays.
    p.context_layers.erase(p.context_layers.begin());
    save_project(p, file);
    CHECK(sql_value(file, "SELECT count(*) FROM sqlite_master WHERE name = 'context_jalan'") == "0");
    CHECK(load_project(file).context_layers == p.context_layers);
    // A project without context layers has no such tables, and loads with none.
    p.context_layers.clear();
    save_project(p, file);
    CHECK(sql_value(file, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'context%'") == "0");
    CHECK(load_project(file).context_layers.empty());
}

TEST_CASE("context layers: the BIG RBI layers of Kota Pasuruan, counted against GDAL SQL", "[realdata]") {
    const std::string roads_path = pc::test::shared_file(std::string(kRbi) + "JALAN_LN_25K.shp");
    if (roads_path.empty()) return;
    ContextReadReport rep;
    const ContextLayer roads = read_context_layer(roads_path, "", &rep);
    CHECK(rep.source_crs == "EPSG:4326");
    CHECK(roads.kind == ContextKind::Line);
    CHECK(std::to_string(roads.feature_count()) == sql_value(roads_path, "SELECT count(*) FROM JALAN_LN_25K"));
    CHECK(roads.class_field == "remark");
    const auto by = count_by_label(roads);
    auto sql_count = [&](const char* where) {
        return std::stoul(sql_value(roads_path, std::string("SELECT count(*) FROM JALAN_LN_25K WHERE ") + where));
    };
    CHECK(by.at("Jalan tol") == sql_count("remark LIKE 'Jalan Tol%'"));
    CHECK(by.at("Jalan kolektor") == sql_count("remark = 'Jalan Kolektor'"));
    CHECK(by.at("Jalan lokal") == sql_count("remark = 'Jalan Lokal'"));
    CHECK(by.at("other") == sql_count("remark NOT LIKE 'Jalan Tol%' AND remark NOT IN ('Jalan Kolektor', 'Jalan Lokal')"));
    CHECK(by.count("Jalan arteri") == 0);  // Kota Pasuruan's extract has no arterial class
    // Vertices as GDAL reads them: the first road's first vertex and the layer's vertex total.
    CHECK((*roads.features)[0].geometry.lines.at(0).at(0).x ==
          Approx(std::stod(sql_value(roads_path, "SELECT ST_X(ST_StartPoint(GEOMETRY)) FROM JALAN_LN_25K LIMIT 1"))).epsilon(1e-12));
    std::size_t vertices = 0;
    for (const ContextFeature& f : *roads.features) vertices += f.geometry.vertex_count();
    CHECK(std::to_string(vertices) == sql_value(roads_path, "SELECT sum(ST_NPoints(GEOMETRY)) FROM JALAN_LN_25K"));

    const std::string settlements_path = pc::test::shared_file(std::string(kRbi) + "PEMUKIMAN_AR_25K.shp");
    const ContextLayer settlements = read_context_layer(settlements_path);
    CHECK(settlements.kind == ContextKind::Area);
    CHECK(std::to_string(settlements.feature_count()) == sql_value(settlements_path, "SELECT count(*) FROM PEMUKIMAN_AR_25K"));
    CHECK((settlements.style.fill & 0xffu) < 0xc0u);  // a light, see-through fill
    CHECK((settlements.style.fill & 0xffu) > 0u);

    const std::string health_path = pc::test::shared_file(std::string(kRbi) + "SARANA_KESEHATAN_PT_25K.shp");
    const ContextLayer health = read_context_layer(health_path);
    CHECK(health.kind == ContextKind::Point);
    CHECK(std::to_string(health.feature_count()) == sql_value(health_path, "SELECT count(*) FROM SARANA_KESEHATAN_PT_25K"));
}
