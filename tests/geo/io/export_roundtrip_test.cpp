#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/io/export.h"
#include "geo/demo/demo.h"
#include "geo/io/import.h"
#include "geo/style.h"
#include "io_test_util.h"

using namespace pc;
using pc::test::TempDir;

namespace {

ImportOptions opts(ImportTarget t, bool replace = true) {
    ImportOptions o;
    o.target = t;
    o.replace = replace;
    return o;
}

void check_units(const std::vector<AdminUnit>& a, const std::vector<AdminUnit>& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        INFO(a[i].code);
        CHECK(b[i].id == a[i].id);
        CHECK(b[i].code == a[i].code);
        CHECK(b[i].name == a[i].name);
        CHECK(b[i].parent_code == a[i].parent_code);
        CHECK(b[i].bps_code == a[i].bps_code);
        CHECK(test::same_opt(a[i].population, b[i].population));
        CHECK(test::same_geometry(a[i].geometry, b[i].geometry));
        CHECK(test::same_extras(a[i].extra, b[i].extra));
    }
}

std::vector<ExtraField> non_null(const std::vector<ExtraField>& v) {
    std::vector<ExtraField> out;
    for (auto& x : v)
        if (!std::holds_alternative<std::monostate>(x.value) && x.value != FieldValue(std::string()))
            out.push_back(x);
    return out;
}

// exact_extras: the format keeps which extras each feature has (our GeoPackage: absent_extras).
void check_facilities(const std::vector<Facility>& a, const std::vector<Facility>& b, bool exact_extras = false) {
    REQUIRE(a.size() == b.size());
    std::map<std::string, const Facility*> by_id;
    for (auto& f : b) by_id[f.id] = &f;
    for (auto& f : a) {
        INFO(f.name);
        REQUIRE(by_id.count(f.id));
        auto& g = *by_id[f.id];
        CHECK(g.type == f.type);
        CHECK(g.name == f.name);
        CHECK(test::same_opt(f.radius_m, g.radius_m));
        CHECK(test::same_geometry(f.geometry, g.geometry));
        // A layer has the union of every feature's extra fields: a facility gets the other types'
        // fields back as NULL (e.g. a school's "rawat_inap"; CSV has no NULL text: ""); only values must survive.
        CHECK(test::same_extras(non_null(f.extra), non_null(g.extra)));
        if (exact_extras) CHECK(g.extra == f.extra);
    }
}

void check_initiatives(const std::vector<Initiative>& a, const std::vector<Initiative>& b) {
    REQUIRE(a.size() == b.size());
    std::map<std::string, const Initiative*> by_id;
    for (auto& f : b) by_id[f.id] = &f;
    for (auto& i : a) {
        INFO(i.name);
        REQUIRE(by_id.count(i.id));
        auto& j = *by_id[i.id];
        CHECK(j.name == i.name);
        CHECK(j.description == i.description);
        CHECK(j.pillar == i.pillar);
        CHECK(j.element == i.element);
        CHECK(j.opd == i.opd);
        CHECK(j.start_year == i.start_year);
        CHECK(j.end_year == i.end_year);
        CHECK(j.budget_rp == i.budget_rp);
        CHECK(j.funding_source == i.funding_source);
        CHECK(j.status == i.status);
        CHECK(j.quick_win == i.quick_win);
        CHECK(j.rpjmd_ref == i.rpjmd_ref);
        CHECK(test::same_opt(i.radius_m, j.radius_m));
        CHECK(test::same_geometry(i.geometry, j.geometry));
    }
}

// Imports the exported layers back into a fresh project and compares with the original.
void reimport_and_compare(const Project& p, const std::map<std::string, std::vector<std::string>>& files) {
    Project q;
    q.settings = p.settings;
    auto one = [&](const std::string& layer, ImportTarget t) {
        bool first = true;
        for (auto& f : files.at(layer)) {
            INFO(f);
            auto o = opts(t, first);
            o.require_population = false;
            auto rep = import_layer(q, f, o);
            CHECK(rep.skipped == 0);
            first = false;
        }
    };
    one("kabupaten", ImportTarget::Kabupaten);
    one("kecamatan", ImportTarget::Kecamatan);
    one("desa", ImportTarget::Desa);
    one("facilities", ImportTarget::Facilities);
    one("zones", ImportTarget::Zones);
    one("initiatives", ImportTarget::Initiatives);
    check_units(p.kabupaten, q.kabupaten);
    check_units(p.kecamatan, q.kecamatan);
    check_units(p.desa, q.desa);
    check_facilities(p.facilities, q.facilities);
    check_initiatives(p.initiatives, q.initiatives);
    REQUIRE(q.zones.size() == 1);
    CHECK(q.zones[0].id == p.zones[0].id);
    CHECK(q.zones[0].code == p.zones[0].code);
    CHECK(q.zones[0].name == p.zones[0].name);
    CHECK(q.zones[0].kind == p.zones[0].kind);
    CHECK(test::same_extras(p.zones[0].extra, q.zones[0].extra));
    CHECK(test::same_geometry(p.zones[0].geometry, q.zones[0].geometry));
}

}  // namespace

TEST_CASE("GeoPackage export round trip: attributes, UUIDs, geometry", "[io][export]") {
    TempDir dir;
    Project p = test::sample_project();
    auto out = dir / "out.gpkg";
    auto rep = export_project(p, nullptr, out, ExportFormat::GeoPackage);
    REQUIRE(rep.files.size() == 1);
    std::map<std::string, std::vector<std::string>> files;
    for (auto* l : {"kabupaten", "kecamatan", "desa", "facilities", "zones", "initiatives"}) files[l] = {out};
    // import_layer picks the layer by name.
    Project q;
    q.settings = p.settings;
    for (auto [l, t] : std::vector<std::pair<const char*, ImportTarget>>{
             {"kabupaten", ImportTarget::Kabupaten}, {"kecamatan", ImportTarget::Kecamatan}, {"desa", ImportTarget::Desa},
             {"facilities", ImportTarget::Facilities}, {"zones", ImportTarget::Zones},
             {"initiatives", ImportTarget::Initiatives}, {"population_grid", ImportTarget::PopulationGrid}}) {
        auto o = opts(t);
        o.layer = l;
        o.require_population = false;
        import_layer(q, out, o);
    }
    // GeoPackage keeps doubles and vertex order exactly.
    CHECK(q.kabupaten == p.kabupaten);
    CHECK(q.kecamatan == p.kecamatan);
    CHECK(q.desa == p.desa);
    CHECK(q.facilities == p.facilities);
    CHECK(q.zones == p.zones);
    CHECK(q.initiatives == p.initiatives);
    REQUIRE(q.population_grid);
    CHECK(q.population_grid->cells == p.population_grid->cells);
}

TEST_CASE("GeoJSON export is RFC 7946 and round trips", "[io][export]") {
    TempDir dir;
    Project p = test::sample_project();
    auto out = dir / "geojson";
    auto rep = export_project(p, nullptr, out, ExportFormat::GeoJSON);
    std::map<std::string, std::vector<std::string>> files;
    for (auto* l : {"kabupaten", "kecamatan", "desa", "facilities", "zones", "initiatives"}) {
        auto f = out + "/" + l + ".geojson";
        CHECK(std::filesystem::exists(f));
        files[l] = {f};
    }
    auto text = test::read_bytes(out + "/desa.geojson");
    CHECK(text.find("\"crs\"") == std::string::npos);  // RFC 7946: no crs member, WGS 84 implied
    reimport_and_compare(p, files);
}

TEST_CASE("Shapefile export: one file per geometry kind, .prj, UTF-8 .cpg, short names, round trip", "[io][export]") {
    TempDir dir;
    Project p = test::sample_project();
    auto out = dir / "shp";
    export_project(p, nullptr, out, ExportFormat::Shapefile);
    namespace fs = std::filesystem;
    for (auto* f : {"desa.shp", "desa.prj", "desa.cpg", "desa.dbf", "desa.fields.csv", "facilities_point.shp",
                    "facilities_line.shp", "facilities_polygon.shp", "initiatives_point.shp", "initiatives_line.shp",
                    "initiatives_polygon.shp", "settings.dbf"})
        CHECK(fs::exists(out + "/" + f));
    CHECK(test::read_bytes(out + "/desa.cpg").find("UTF-8") != std::string::npos);
    auto sidecar = test::read_bytes(out + "/desa.fields.csv");
    CHECK(sidecar.find("parent_code,parent_cod") != std::string::npos);
    CHECK(sidecar.find("pop_ghs_long_field_name,pop_ghs_lo") != std::string::npos);
    {
        auto ds = open_vector(out + "/initiatives_point.shp");
        auto* d = ds->GetLayer(0)->GetLayerDefn();
        CHECK(d->GetFieldIndex("descriptio") >= 0);
        CHECK(d->GetFieldDefn(d->GetFieldIndex("budget_rp"))->GetType() == OFTInteger64);
        CHECK(d->GetFieldDefn(d->GetFieldIndex("start_year"))->GetType() == OFTInteger);
        CHECK(d->GetFieldDefn(d->GetFieldIndex("radius_m"))->GetType() == OFTReal);
    }
    std::map<std::string, std::vector<std::string>> files;
    for (auto* l : {"kabupaten", "kecamatan", "desa", "zones"}) files[l] = {out + "/" + l + ".shp"};
    for (auto* l : {"facilities", "initiatives"})
        for (auto* k : {"_point", "_line", "_polygon"}) files[l].push_back(out + "/" + l + k + ".shp");
    reimport_and_compare(p, files);
}

TEST_CASE("KML and CSV exports are written and CSV reads back", "[io][export]") {
    TempDir dir;
    Project p = test::sample_project();
    auto kml = dir / "kml";
    auto rk = export_project(p, nullptr, kml, ExportFormat::KML);
    CHECK(std::filesystem::exists(kml + "/desa.kml"));
    {
        auto ds = open_vector(kml + "/desa.kml");
        long long n = 0;
        for (auto* l : ds->GetLayers()) n += l->GetFeatureCount();
        CHECK(n == 4);
        auto text = test::read_bytes(kml + "/desa.kml");
        INFO(text.substr(0, 1500));
        CHECK(text.find("<name>Desa 1</name>") != std::string::npos);
    }
    auto csv = dir / "csv";
    export_project(p, nullptr, csv, ExportFormat::CSV);
    auto text = test::read_bytes(csv + "/facilities.csv");
    CHECK(text.find("WKT") != std::string::npos);
    CHECK(text.find("lon") != std::string::npos);
    CHECK(std::filesystem::exists(csv + "/settings.csv"));
    Project q;
    q.settings = p.settings;
    auto rep = import_layer(q, csv + "/facilities.csv", opts(ImportTarget::Facilities));
    CHECK(rep.imported == p.facilities.size());
    check_facilities(p.facilities, q.facilities);
    Project r;
    auto o = opts(ImportTarget::Initiatives);
    import_layer(r, csv + "/initiatives.csv", o);
    check_initiatives(p.initiatives, r.initiatives);
}

TEST_CASE("KML export reads back as facilities with names, types and UUIDs", "[io][export]") {
    TempDir dir;
    Project p = test::sample_project();
    auto out = dir / "kml";
    export_project(p, nullptr, out, ExportFormat::KML);
    Project q;
    auto rep = import_layer(q, out + "/facilities.kml", opts(ImportTarget::Facilities));
    CHECK(rep.imported == p.facilities.size());
    REQUIRE(q.facilities.size() == p.facilities.size());
    for (std::size_t i = 0; i < p.facilities.size(); ++i) {
        CHECK(q.facilities[i].id == p.facilities[i].id);
        CHECK(q.facilities[i].name == p.facilities[i].name);
        CHECK(q.facilities[i].type == p.facilities[i].type);
        CHECK(test::same_geometry(q.facilities[i].geometry, p.facilities[i].geometry, 1e-9));
    }
}

TEST_CASE("The demo project round trips through GeoPackage, GeoJSON, Shapefile and CSV within 1e-9 degrees",
          "[io][export][demo]") {
    Project p = make_demo_project();
    REQUIRE(p.desa.size() > 100);
    TempDir dir;
    {
        auto out = dir / "demo.gpkg";
        export_project(p, nullptr, out, ExportFormat::GeoPackage);
        std::map<std::string, std::vector<std::string>> files;
        for (auto* l : {"kabupaten", "kecamatan", "desa", "facilities", "zones", "initiatives"}) files[l] = {out};
        Project q;
        q.settings = p.settings;
        for (auto [l, t] : std::vector<std::pair<const char*, ImportTarget>>{
                 {"kabupaten", ImportTarget::Kabupaten}, {"kecamatan", ImportTarget::Kecamatan},
                 {"desa", ImportTarget::Desa}, {"facilities", ImportTarget::Facilities},
                 {"zones", ImportTarget::Zones}, {"initiatives", ImportTarget::Initiatives}}) {
            auto o = opts(t);
            o.layer = l;
            o.require_population = false;
            import_layer(q, out, o);
        }
        check_units(p.kecamatan, q.kecamatan);
        check_units(p.desa, q.desa);
        check_facilities(p.facilities, q.facilities, true);
        check_initiatives(p.initiatives, q.initiatives);
        // Points, lines and polygons come back as one list in the original order.
        CHECK(q.initiatives == p.initiatives);
    }
    for (auto format : {ExportFormat::GeoJSON, ExportFormat::Shapefile, ExportFormat::CSV}) {
        INFO(to_key(format));
        auto out = dir / to_key(format);
        export_project(p, nullptr, out, format);
        std::map<std::string, std::vector<std::string>> files;
        const std::string ext = format == ExportFormat::GeoJSON ? ".geojson" : format == ExportFormat::CSV ? ".csv" : ".shp";
        for (auto* l : {"kabupaten", "kecamatan", "desa", "zones"}) files[l] = {out + "/" + l + ext};
        for (auto* l : {"facilities", "initiatives"}) {
            if (format != ExportFormat::Shapefile) {
                files[l] = {out + "/" + l + ext};
                continue;
            }
            for (auto* k : {"_point", "_line", "_polygon"})
                if (std::filesystem::exists(out + "/" + l + k + ".shp")) files[l].push_back(out + "/" + l + k + ".shp");
        }
        reimport_and_compare(p, files);
    }
}

TEST_CASE("KML and KMZ of the demo: coloured by pillar, HTML descriptions, read back with names, UUIDs and geometry",
          "[io][export][demo]") {
    Project p = make_demo_project();
    TempDir dir;
    auto kml = dir / "kml";
    export_project(p, nullptr, kml, ExportFormat::KML);
    auto text = test::read_bytes(kml + "/initiatives.kml");
    // KML colours are aabbggrr: governance #1f5fbf -> ffbf5f1f.
    for (Pillar pl : kPillars) {
        std::uint32_t c = pillar_colour(pl);
        char abgr[9];
        std::snprintf(abgr, sizeof abgr, "ff%02x%02x%02x", c >> 8 & 255, c >> 16 & 255, c >> 24);
        bool used = false;
        for (auto& i : p.initiatives) used = used || i.pillar == pl;
        if (used) CHECK(text.find(abgr) != std::string::npos);
    }
    // The attribute table in the styles' balloon template, shared styles, 2D coordinates (no altitude).
    CHECK(text.find("<BalloonStyle><text>&lt;h3&gt;$[name]&lt;/h3&gt;&lt;table") != std::string::npos);
    CHECK(text.find("&lt;th align=&quot;left&quot;&gt;budget_rp&lt;/th&gt;&lt;td&gt;$[initiatives/budget_rp]") != std::string::npos);
    CHECK(text.find("<styleUrl>#pillar_") != std::string::npos);
    CHECK(text.find(",0 ") == std::string::npos);
    CHECK(text.find(",0<") == std::string::npos);
    Project q;
    import_layer(q, kml + "/initiatives.kml", opts(ImportTarget::Initiatives));
    REQUIRE(q.initiatives.size() == p.initiatives.size());
    for (std::size_t i = 0; i < p.initiatives.size(); ++i) {
        CHECK(q.initiatives[i].id == p.initiatives[i].id);
        CHECK(q.initiatives[i].name == p.initiatives[i].name);
        CHECK(q.initiatives[i].pillar == p.initiatives[i].pillar);
        CHECK(q.initiatives[i].budget_rp == p.initiatives[i].budget_rp);
        CHECK(test::same_geometry(q.initiatives[i].geometry, p.initiatives[i].geometry, 1e-9));
    }

    auto kmz = dir / "demo.kmz";
    auto rep = export_project(p, nullptr, kmz, ExportFormat::KMZ);
    REQUIRE(rep.files == std::vector<std::string>{kmz});
    CHECK(test::read_bytes(kmz).substr(0, 2) == "PK");  // a zip
    auto ds = open_vector("/vsizip/" + kmz + "/doc.kml");  // doc.kml inside, as Google Earth wants
    CHECK(ds);
    auto all = open_vector(kmz);
    std::map<std::string, long long> counts;
    for (auto* l : all->GetLayers()) counts[l->GetName()] = l->GetFeatureCount();
    CHECK(counts["desa"] == (long long)p.desa.size());
    CHECK(counts["facilities"] == (long long)p.facilities.size());
    CHECK(counts["initiatives"] == (long long)p.initiatives.size());
    Project r;
    auto o = opts(ImportTarget::Facilities);
    o.layer = "facilities";
    import_layer(r, kmz, o);
    // KML keeps names, types, UUIDs, attributes as text and geometry (the balloon HTML comes back
    // as an extra "description" field).
    REQUIRE(r.facilities.size() == p.facilities.size());
    for (std::size_t i = 0; i < p.facilities.size(); ++i) {
        CHECK(r.facilities[i].id == p.facilities[i].id);
        CHECK(r.facilities[i].name == p.facilities[i].name);
        CHECK(r.facilities[i].type == p.facilities[i].type);
        CHECK(test::same_geometry(r.facilities[i].geometry, p.facilities[i].geometry, 1e-9));
    }
}
