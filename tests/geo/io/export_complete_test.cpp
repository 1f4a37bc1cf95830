// Every export complete or refused: geometry made valid before writing, a feature that cannot be
// written fails the export and leaves nothing behind, metrics rows of fully covered units kept, CSV
// coordinate columns apart from the table's own, KMZ with the metrics, stable identifiers of derived
// rows, KML numbers and empty texts.
#include <catch2/catch.hpp>

#include <ogr_geometry.h>

#include <filesystem>
#include <map>
#include <set>

#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/io/export.h"
#include "io_test_util.h"

using namespace pc;
using pc::test::TempDir;
namespace fs = std::filesystem;

namespace {

// A bow tie: self-intersecting, what GEOS MakeValid turns into two triangles of the same area.
Geometry bow_tie(double x, double y, double d) {
    return Geometry::polygon({{x, y}, {x + d, y + d}, {x + d, y}, {x, y + d}, {x, y}});
}

// Metrics of one service for the sample project, by hand: desa 1 fully covered (no gap), the others
// with a square gap; one kecamatan gap with a ring of three points (what the engine's overlay could
// leave), which MakeValid must drop.
AnalysisResult hand_made_metrics(const Project& p) {
    AnalysisResult r;
    ServiceCoverage s;
    s.service = "puskesmas";
    s.label = "Puskesmas";
    s.features_used = 1;
    s.service_area = p.desa[0].geometry;
    for (std::size_t i = 0; i < p.desa.size(); ++i) {
        UnitMetrics m;
        m.layer = "desa";
        m.code = p.desa[i].code;
        m.name = p.desa[i].name;
        m.parent_code = p.desa[i].parent_code;
        m.area_km2 = 30;
        m.covered_km2 = i == 0 ? 30 : 10;
        m.coverage_ratio_area = m.covered_km2 / m.area_km2;
        m.population = 1000;
        m.covered_population = i == 0 ? 1000 : 250;
        m.uncovered_population = m.population - m.covered_population;
        m.coverage_ratio_population = m.covered_population / m.population;
        if (i != 0) {
            const Envelope e = p.desa[i].geometry.envelope();
            m.gap = test::square(e.min_x, e.min_y, e.width() / 2);
        }
        s.desa.push_back(m);
    }
    for (auto& k : p.kecamatan) {
        UnitMetrics m;
        m.layer = "kecamatan";
        m.code = k.code;
        m.name = k.name;
        const Envelope e = k.geometry.envelope();
        m.gap = test::square(e.min_x, e.min_y, e.width() / 3);
        m.gap.polygons.push_back(Polygon{{{{e.max_x, e.max_y}, {e.max_x, e.max_y}, {e.max_x, e.max_y}}}});
        s.kecamatan.push_back(m);
    }
    s.district.layer = "kabupaten";
    s.district.code = p.kabupaten[0].code;
    s.gap_ranking = {1, 2, 3, 0};
    r.services.push_back(s);
    r.provenance.analysis_crs = "EPSG:32749";
    return r;
}

std::set<std::string> files_in(const fs::path& dir) {
    std::set<std::string> out;
    std::error_code ec;
    if (!fs::exists(dir, ec)) return out;
    for (auto& e : fs::recursive_directory_iterator(dir)) out.insert(fs::relative(e.path(), dir).string());
    return out;
}

long long count(const std::string& path, const std::string& layer) {
    auto ds = open_vector(path);
    OGRLayer* l = ds->GetLayerByName(layer.c_str());
    REQUIRE(l);
    return l->GetFeatureCount();
}

}  // namespace

TEST_CASE("Exports make every geometry valid before writing and say which they repaired", "[io][export][valid]") {
    Project p = test::sample_project();
    p.desa[1].geometry = bow_tie(113.46, -7.07, 0.05);
    const AnalysisResult metrics = hand_made_metrics(p);
    TempDir dir;
    for (ExportFormat f : {ExportFormat::GeoPackage, ExportFormat::GeoJSON, ExportFormat::Shapefile, ExportFormat::KML,
                           ExportFormat::CSV, ExportFormat::KMZ}) {
        INFO(to_key(f));
        const std::string out = dir / (std::string("out.") + to_key(f));
        ExportReport rep = export_project(p, &metrics, out, f);
        // The bow tie and the kecamatan gaps with their three-point ring.
        auto said = [&](const std::string& layer, const std::string& feature) {
            for (auto& w : rep.warnings)
                if (w.find("layer '" + layer + "'") != std::string::npos && w.find(feature) != std::string::npos) return true;
            return false;
        };
        CHECK(said("desa", p.desa[1].code));
        for (auto& k : p.kecamatan) CHECK(said("metrics_kecamatan", k.code));
        // Read back with GDAL: every geometry valid by GEOS through OGR, the bow tie's area kept.
        const std::string desa = f == ExportFormat::KMZ || f == ExportFormat::GeoPackage ? out
                                 : f == ExportFormat::GeoJSON                                   ? out + "/desa.geojson"
                                 : f == ExportFormat::Shapefile                                 ? out + "/desa.shp"
                                 : f == ExportFormat::KML                                       ? out + "/desa.kml"
                                                                                                : out + "/desa.csv";
        auto ds = open_vector(desa);
        OGRLayer* l = ds->GetLayerByName("desa");
        REQUIRE(l);
        int n = 0;
        for (auto& feat : *l) {
            const OGRGeometry* g = feat->GetGeometryRef();
            REQUIRE(g);
            CHECK(g->IsValid());
            ++n;
        }
        CHECK(n == int(p.desa.size()));
    }
}

TEST_CASE("An export that cannot write a feature fails, naming it, and leaves nothing behind", "[io][export][atomic]") {
    Project p = test::sample_project();
    TempDir dir;
    // A previous export in the folder stays as it was.
    const std::string out = dir / "geojson";
    export_project(p, nullptr, out, ExportFormat::GeoJSON);
    const auto before = files_in(out);
    const std::string before_desa = test::read_bytes(out + "/desa.geojson");
    Project bad = p;
    bad.desa[2].geometry.polygons[0].rings[0][1].x = std::nan("");  // not a coordinate
    for (ExportFormat f : {ExportFormat::GeoPackage, ExportFormat::GeoJSON, ExportFormat::Shapefile, ExportFormat::KML,
                           ExportFormat::CSV}) {
        INFO(to_key(f));
        const std::string target = f == ExportFormat::GeoJSON ? out : dir / (std::string("new_") + to_key(f));
        try {
            export_project(bad, nullptr, target, f);
            FAIL("the export did not fail");
        } catch (const InputError& e) {
            CHECK(e.where().layer == "desa");
            CHECK(e.where().feature == bad.desa[2].code);
            CHECK(std::string(e.what()).find("not a number") != std::string::npos);
        }
        if (f != ExportFormat::GeoJSON) CHECK_FALSE(fs::exists(target));
        // No staging folder or file left beside it.
        for (auto& e : fs::directory_iterator(dir.path)) CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
    }
    CHECK(files_in(out) == before);
    CHECK(test::read_bytes(out + "/desa.geojson") == before_desa);
    // KMZ: one file, not there after a failure.
    CHECK_THROWS_AS(export_project(bad, nullptr, dir / "x.kmz", ExportFormat::KMZ), InputError);
    CHECK_FALSE(fs::exists(dir / "x.kmz"));
}

TEST_CASE("Metrics rows of fully covered units are kept in every format", "[io][export][metrics]") {
    Project p = test::sample_project();
    const AnalysisResult metrics = hand_made_metrics(p);
    TempDir dir;
    // GeoJSON: an empty MultiPolygon (QGIS lists features by geometry type and drops null ones).
    {
        const std::string out = dir / "geojson";
        export_project(p, &metrics, out, ExportFormat::GeoJSON);
        const std::string text = test::read_bytes(out + "/metrics_desa.geojson");
        CHECK(text.find("\"geometry\": { \"type\": \"MultiPolygon\", \"coordinates\": [ ] }") != std::string::npos);
        CHECK(text.find("\"geometry\": null") == std::string::npos);
        CHECK(count(out + "/metrics_desa.geojson", "metrics_desa") == 4);
    }
    // CSV: MULTIPOLYGON EMPTY.
    {
        const std::string out = dir / "csv";
        export_project(p, &metrics, out, ExportFormat::CSV);
        const std::string text = test::read_bytes(out + "/metrics_desa.csv");
        CHECK(text.find("MULTIPOLYGON EMPTY") != std::string::npos);
        CHECK(count(out + "/metrics_desa.csv", "metrics_desa") == 4);
    }
    // KML and KMZ (with --metrics: the gap layers and the service area): an empty MultiGeometry.
    for (ExportFormat f : {ExportFormat::KML, ExportFormat::KMZ}) {
        INFO(to_key(f));
        const std::string out = dir / (std::string("m.") + to_key(f));
        export_project(p, &metrics, out, f);
        auto file = [&](const std::string& layer) { return f == ExportFormat::KML ? out + "/" + layer + ".kml" : out; };
        const std::string path = file("metrics_desa");
        CHECK(count(path, "metrics_desa") == 4);
        CHECK(count(file("metrics_kecamatan"), "metrics_kecamatan") == 2);
        CHECK(count(file("service_area_puskesmas"), "service_area_puskesmas") == 1);
        auto ds = open_vector(path);
        int covered = 0;
        for (auto& feat : *ds->GetLayerByName("metrics_desa"))
            if (std::string(feat->GetFieldAsString("code")) == p.desa[0].code) {
                ++covered;
                CHECK((!feat->GetGeometryRef() || feat->GetGeometryRef()->IsEmpty()));
            }
        CHECK(covered == 1);
    }
}

TEST_CASE("Derived rows have UUIDs that stay the same from one export to the next", "[io][export][uuid]") {
    Project p = test::sample_project();
    const AnalysisResult metrics = hand_made_metrics(p);
    TempDir dir;
    export_project(p, &metrics, dir / "a", ExportFormat::CSV);
    export_project(p, &metrics, dir / "b", ExportFormat::CSV);
    for (const char* table : {"metrics_desa", "metrics_kecamatan", "service_area_puskesmas"}) {
        INFO(table);
        const std::string a = test::read_bytes(dir / (std::string("a/") + table + ".csv"));
        CHECK(a == test::read_bytes(dir / (std::string("b/") + table + ".csv")));
        auto ds = open_vector(dir / (std::string("a/") + table + ".csv"));
        std::set<std::string> ids;
        long long rows = 0;
        for (auto& f : *ds->GetLayer(0)) {
            const std::string id = f->GetFieldAsString("uuid");
            CHECK(is_uuid(id));
            ids.insert(id);
            ++rows;
        }
        CHECK(ids.size() == std::size_t(rows));
    }
}

TEST_CASE("CSV: a table's own lon/lat stay, the point coordinates go to geom_lon/geom_lat", "[io][export][csv]") {
    Project p = test::sample_project();
    for (auto& f : p.facilities) f.extra.push_back({"lon", 100.5});  // cell sites carry their own
    for (auto& f : p.facilities) f.extra.push_back({"lat", -1.5});
    TempDir dir;
    export_project(p, nullptr, dir / "csv", ExportFormat::CSV);
    auto ds = open_vector(dir / "csv/facilities.csv");
    OGRLayer* l = ds->GetLayer(0);
    auto* defn = l->GetLayerDefn();
    for (const char* name : {"lon", "lat", "geom_lon", "geom_lat"}) CHECK(defn->GetFieldIndex(name) >= 0);
    OGRFeatureUniquePtr first(l->GetNextFeature());
    REQUIRE(first);
    CHECK(first->GetFieldAsDouble("lon") == 100.5);
    // GDAL's CSV writes 15 significant digits.
    CHECK(first->GetFieldAsDouble("geom_lon") == Approx(p.facilities[0].geometry.points[0].x).margin(1e-12));
    CHECK(first->GetFieldAsDouble("geom_lat") == Approx(p.facilities[0].geometry.points[0].y).margin(1e-12));
    // Without a clash: lon/lat.
    export_project(test::sample_project(), nullptr, dir / "plain", ExportFormat::CSV);
    auto plain = open_vector(dir / "plain/facilities.csv");
    CHECK(plain->GetLayer(0)->GetLayerDefn()->GetFieldIndex("lon") >= 0);
    CHECK(plain->GetLayer(0)->GetLayerDefn()->GetFieldIndex("geom_lon") < 0);
}

TEST_CASE("KML: budgets are numbers, an empty text stays empty and a NULL stays NULL, 2D geometry", "[io][export][kml]") {
    Project p = test::sample_project();
    p.initiatives[0].rpjmd_ref = "";
    p.facilities[0].extra.push_back({"catatan", std::string("")});
    p.facilities[1].extra.push_back({"catatan", FieldValue{}});
    TempDir dir;
    export_project(p, nullptr, dir / "kml", ExportFormat::KML);
    {
        auto ds = open_vector(dir / "kml/initiatives.kml");
        OGRLayer* l = ds->GetLayer(0);
        auto* defn = l->GetLayerDefn();
        const int budget = defn->GetFieldIndex("budget_rp");
        REQUIRE(budget >= 0);
        CHECK(defn->GetFieldDefn(budget)->GetType() == OFTReal);  // over 2^31: a double, exact
        for (auto& f : *l) {
            CHECK(wkbHasZ(f->GetGeometryRef()->getGeometryType()) == FALSE);
            const std::string id = f->GetFieldAsString("uuid");
            for (auto& in : p.initiatives)
                if (in.id == id) {
                    CHECK(std::int64_t(f->GetFieldAsDouble(budget)) == in.budget_rp);
                    const int ref = f->GetFieldIndex("rpjmd_ref");
                    CHECK(f->IsFieldSetAndNotNull(ref));
                    CHECK(std::string(f->GetFieldAsString(ref)) == in.rpjmd_ref);
                }
        }
    }
    auto ds = open_vector(dir / "kml/facilities.kml");
    OGRLayer* l = ds->GetLayer(0);
    std::map<std::string, std::pair<bool, std::string>> note;  // uuid -> (has a value, value)
    for (auto& f : *l) {
        const int i = f->GetFieldIndex("catatan");
        note[f->GetFieldAsString("uuid")] = {f->IsFieldSetAndNotNull(i), f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : ""};
    }
    CHECK(note[p.facilities[0].id] == std::make_pair(true, std::string()));
    CHECK(note[p.facilities[1].id].first == false);
}
