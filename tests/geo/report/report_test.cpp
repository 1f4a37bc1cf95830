#include <catch2/catch.hpp>

#include <limits>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/stat.h>
#include <unistd.h>

#include "geo/gdal.h"
#include "geo/report/csv.h"
#include "geo/report/format.h"
#include "geo/report/markdown.h"
#include "geo/report/xlsx.h"

using namespace pc;
namespace fs = std::filesystem;

namespace {

UnitMetrics unit(const std::string& layer, const std::string& code, const std::string& name, const std::string& parent,
                 double area, double covered, double pop, double covered_pop, double nearest) {
    UnitMetrics m;
    m.layer = layer;
    m.code = code;
    m.name = name;
    m.parent_code = parent;
    m.area_km2 = area;
    m.covered_km2 = covered;
    m.coverage_ratio_area = covered / area;
    m.population = pop;
    m.covered_population = covered_pop;
    m.uncovered_population = pop - covered_pop;
    m.coverage_ratio_population = covered_pop / pop;
    m.nearest_facility_m = nearest;
    m.gap = Geometry::rectangle(112.7, -7.8, 112.71, -7.79);
    return m;
}

// A small result written by hand: two services, three desa, one kecamatan, one zone.
AnalysisResult sample() {
    AnalysisResult r;
    r.provenance = {"PetaCerdas 0.1.0", "2026-11-23T10:00:00Z", "EPSG:32749", PopulationMethod::AreaWeighted,
                    "quadrant_segments=8;top_gaps=10", std::string(64, 'a')};
    for (std::string key : {"puskesmas", "wifi"}) {
        ServiceCoverage s;
        s.service = key;
        s.label = key == "wifi" ? "WiFi publik" : "Puskesmas";
        s.features_used = key == "wifi" ? 30 : 14;
        s.features_outside = key == "wifi" ? 1 : 0;
        double f = key == "wifi" ? 0.1 : 0.75;
        s.desa = {unit("desa", "99.01.01.1001", "Sumberrejo", "99.01.01", 2.5, 2.5 * f, 1000.5, 1000.5 * f, 350.25),
                  unit("desa", "99.01.01.2001", "Karang, \"Lor\"", "99.01.01", 4, 4 * f, 3000, 3000 * f, 1234.5),
                  unit("desa", "99.01.01.2002", "Wonoasri", "99.01.01", 1.0 / 3, 0, 10, 0,
                       std::numeric_limits<double>::quiet_NaN())};
        s.kecamatan = {unit("kecamatan", "99.01.01", "Contoh Kota", "99.01", 6.8333, 6.5 * f, 4010.5, 4000.5 * f, 0)};
        s.district = unit("kabupaten", "99.01", "Kabupaten Contoh", "99", 6.8333, 6.5 * f, 4010.5, 4000.5 * f, 0);
        s.zones = {unit("zone", "KPPN_CONTOH", "KPPN", "", 4, 4 * f, 3000, 3000 * f, 10)};
        s.zone_desa = {unit("zone_desa", "KPPN_CONTOH/99.01.01.2001", "Karang", "KPPN_CONTOH", 4, 4 * f, 3000, 3000 * f, 10)};
        s.gap_ranking = {1, 0, 2};
        r.services.push_back(s);
    }
    r.quality.facilities_outside = 1;
    r.quality.desa_overlap_km2 = 0.125;
    r.quality.warnings = {"1 fasilitas di luar kabupaten"};
    r.quality.flagged = {{"facilities", "00000000-0000-4000-8000-000000000001", "WiFi 9", "outside the district"}};
    auto& in = r.initiatives;
    in.count = 3;
    in.budget_rp = 1250000000 + 2000000000LL + 5;
    for (Pillar p : kPillars) in.by_pillar.push_back({to_key(p), 0, 0});
    in.by_pillar[0] = {"governance", 2, 1250000000 + 5};
    in.by_pillar[2] = {"economy", 1, 2000000000};
    for (Element e : kElements) in.by_element.push_back({to_key(e), 1, 1});
    in.by_opd = {{"Bappeda", 1, 5}, {"Diskominfo", 2, 3250000000LL}};
    in.by_year = {{"2025", 3, 100}, {"2026", 2, 200}};
    in.by_zone = {{"KPPN_CONTOH", "KPPN Lereng", 1, 5, 2, 3250000000LL}};
    in.reach = {{"id-1", "Command Center", "99.01.01", {"KPPN_CONTOH"}, 3000, 1234.5}};
    return r;
}

fs::path temp_dir(const std::string& name) {
    fs::path d = fs::temp_directory_path() / ("pc_report_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

}  // namespace

TEST_CASE("report: Indonesian number formats") {
    CHECK(format_rupiah(1250000000) == "Rp 1.250.000.000");
    CHECK(format_rupiah(0) == "Rp 0");
    CHECK(format_rupiah(999) == "Rp 999");
    CHECK(format_rupiah(1000) == "Rp 1.000");
    CHECK(format_thousands_id(-1234567) == "-1.234.567");
    CHECK(format_decimal_id(1234.567, 1) == "1.234,6");
    CHECK(format_decimal_id(0.5, 0) == "0");  // printf rounds half to even
    CHECK(format_percent_id(0.4531) == "45,3 %");
    CHECK(format_round_trip(0.1) == "0.1");
    CHECK(std::stod(format_round_trip(1.0 / 3)) == 1.0 / 3);
}

TEST_CASE("report: CSV files read back with GDAL carry the result's numbers") {
    auto r = sample();
    auto dir = temp_dir("csv");
    auto files = write_metrics_csv(r, dir.string());
    for (auto name : {"metrics_desa", "metrics_kecamatan", "metrics_district", "metrics_zone", "gap_ranking",
                      "initiatives_by_pillar", "initiatives_by_element", "initiatives_by_status", "initiatives_by_opd",
                      "initiatives_by_year", "initiatives_by_kecamatan", "initiatives_by_zone", "initiatives_reach",
                      "data_quality", "provenance"})
        CHECK(fs::exists(dir / (std::string(name) + ".csv")));

    {
        auto ds = open_vector((dir / "metrics_desa.csv").string());
        OGRLayer* l = ds->GetLayer(0);
        REQUIRE(l->GetFeatureCount() == 6);
        std::size_t row = 0;
        for (auto& f : *l) {
            const auto& s = r.services[row / 3];
            const auto& m = s.desa[row % 3];
            CHECK(std::string(f->GetFieldAsString("service")) == s.service);
            CHECK(std::string(f->GetFieldAsString("code")) == m.code);
            CHECK(std::string(f->GetFieldAsString("name")) == m.name);
            CHECK(f->GetFieldAsDouble("area_km2") == m.area_km2);
            CHECK(f->GetFieldAsDouble("covered_population") == m.covered_population);
            CHECK(f->GetFieldAsDouble("coverage_ratio_population") == m.coverage_ratio_population);
            if (std::isnan(m.nearest_facility_m)) CHECK_FALSE(f->IsFieldSetAndNotNull(f->GetFieldIndex("nearest_facility_m")));
            else CHECK(f->GetFieldAsDouble("nearest_facility_m") == m.nearest_facility_m);
            CHECK(std::string(f->GetFieldAsString("inputs_sha256")) == r.provenance.inputs_sha256);
            CHECK(std::string(f->GetFieldAsString("population_method")) == "area_weighted");
            CHECK(std::string(f->GetFieldAsString("analysis_crs")) == "EPSG:32749");
            ++row;
        }
    }
    {
        auto ds = open_vector((dir / "gap_ranking.csv").string());
        OGRLayer* l = ds->GetLayer(0);
        REQUIRE(l->GetFeatureCount() == 6);
        auto f = OGRFeatureUniquePtr(l->GetNextFeature());
        CHECK(std::string(f->GetFieldAsString("code")) == "99.01.01.2001");
        CHECK(f->GetFieldAsInteger64("rank") == 1);
        CHECK(f->GetFieldAsDouble("uncovered_population") == 3000 - 3000 * 0.75);
        CHECK(std::string(f->GetFieldAsString("gap_wkt")).rfind("POLYGON", 0) == 0);
    }
    {
        auto ds = open_vector((dir / "initiatives_by_pillar.csv").string());
        OGRLayer* l = ds->GetLayer(0);
        REQUIRE(l->GetFeatureCount() == 6);
        auto f = OGRFeatureUniquePtr(l->GetNextFeature());
        CHECK(std::string(f->GetFieldAsString("pillar")) == "governance");
        CHECK(f->GetFieldAsInteger64("budget_rp") == 1250000005);
    }
    {
        auto ds = open_vector((dir / "metrics_district.csv").string());
        auto f = OGRFeatureUniquePtr(ds->GetLayer(0)->GetNextFeature());
        CHECK(f->GetFieldAsInteger64("features_used") == 14);
        CHECK(f->GetFieldAsDouble("covered_km2") == 6.5 * 0.75);
    }
    // A plain first row: the header, no comment.
    std::ifstream in(dir / "metrics_desa.csv");
    std::string header;
    std::getline(in, header);
    CHECK(header.rfind("service,layer,code,name", 0) == 0);
    fs::remove_all(dir);
}

TEST_CASE("report: the XLSX workbook opens with GDAL, with every sheet and its rows") {
    auto r = sample();
    auto dir = temp_dir("xlsx");
    auto path = (dir / "metrics.xlsx").string();
    write_metrics_xlsx(r, path);
    REQUIRE(fs::exists(path));
    CPLSetConfigOption("OGR_XLSX_HEADERS", "FORCE");
    auto ds = open_vector(path);
    CPLSetConfigOption("OGR_XLSX_HEADERS", nullptr);
    std::map<std::string, long long> rows;
    for (int i = 0; i < ds->GetLayerCount(); ++i)
        rows[ds->GetLayer(i)->GetName()] = ds->GetLayer(i)->GetFeatureCount();
    CHECK(rows["ringkasan"] == 2);
    CHECK(rows["desa"] == 6);
    CHECK(rows["kecamatan"] == 2);
    CHECK(rows["district"] == 2);
    CHECK(rows["zone"] == 4);
    CHECK(rows["gaps"] == 6);
    CHECK(rows["pilar"] == 6);
    CHECK(rows["elemen"] == 3);
    CHECK(rows["opd"] == 2);
    CHECK(rows["tahun"] == 2);
    CHECK(rows["inisiatif_zona"] == 1);
    CHECK(rows["inisiatif"] == 1);
    CHECK(rows["data_quality"] == 12);  // 10 counts (2 of them: features serving across the border), a warning, a flag
    CHECK(rows["provenance"] == 6);
    CHECK(rows.count("status") == 1);
    CHECK(rows.count("inisiatif_kecamatan") == 1);
    // Numbers are typed: a real column reads back as a number.
    OGRLayer* desa = ds->GetLayerByName("desa");
    int idx = desa->GetLayerDefn()->GetFieldIndex("covered_population");
    REQUIRE(idx >= 0);
    CHECK(desa->GetLayerDefn()->GetFieldDefn(idx)->GetType() == OFTReal);
    auto f = OGRFeatureUniquePtr(desa->GetNextFeature());
    CHECK(f->GetFieldAsDouble(idx) == Approx(1000.5 * 0.75));
    OGRLayer* pilar = ds->GetLayerByName("pilar");
    auto g = OGRFeatureUniquePtr(pilar->GetNextFeature());
    CHECK(g->GetFieldAsInteger64("budget_rp") == 1250000005);
    ds.reset();
    fs::remove_all(dir);
}

TEST_CASE("report: the Markdown summary names the district, the hash, the six pillars and budgets") {
    auto r = sample();
    Project p;
    p.settings.name = "Masterplan Smart City Kabupaten Contoh 2025-2029";
    p.settings.district_name = "Kabupaten Contoh";
    p.settings.district_code = "99.01";
    p.settings.period_start = 2025;
    p.settings.period_end = 2029;
    AdminUnit k;
    k.code = "99.01.01";
    k.name = "Contoh Kota";
    p.kecamatan.push_back(k);
    auto dir = temp_dir("md");
    auto path = (dir / "summary.md").string();
    write_summary_markdown(p, r, path);
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string md = ss.str();
    CHECK(md.find("Kabupaten Contoh") != std::string::npos);
    CHECK(md.find(r.provenance.inputs_sha256) != std::string::npos);
    for (auto pillar : {"Smart Governance", "Smart Branding", "Smart Economy", "Smart Society", "Smart Living",
                        "Smart Environment"})
        CHECK(md.find(pillar) != std::string::npos);
    CHECK(md.find("Rp 1.250.000.005") != std::string::npos);
    CHECK(md.find("Rp 3.250.000.005") != std::string::npos);  // total
    CHECK(md.find("75,0 %") != std::string::npos);            // puskesmas, area coverage
    CHECK(md.find("Contoh Kota") != std::string::npos);       // kecamatan name of a gap
    CHECK(md.find("1 fasilitas di luar kabupaten") != std::string::npos);
    CHECK(md.find("EPSG:32749") != std::string::npos);
    fs::remove_all(dir);
}

#include "geo/analysis/engine.h"
#include "geo/demo/demo.h"

TEST_CASE("report: a real analysis of the demo reads back from CSV and XLSX unchanged") {
    Project p = make_demo_project();
    CoverageEngine engine(p);
    AnalysisResult r = engine.run(p);
    REQUIRE_FALSE(r.services.empty());
    auto dir = temp_dir("demo");
    write_metrics_csv(r, dir.string());
    write_metrics_xlsx(r, (dir / "metrics.xlsx").string());

    std::size_t desa_rows = 0;
    for (auto& s : r.services) desa_rows += s.desa.size();
    {
        auto ds = open_vector((dir / "metrics_desa.csv").string());
        OGRLayer* l = ds->GetLayer(0);
        REQUIRE(std::size_t(l->GetFeatureCount()) == desa_rows);
        std::size_t service = 0, i = 0;
        for (auto& f : *l) {
            while (i == r.services[service].desa.size()) { ++service; i = 0; }
            const auto& m = r.services[service].desa[i++];
            CHECK(std::string(f->GetFieldAsString("service")) == r.services[service].service);
            CHECK(std::string(f->GetFieldAsString("code")) == m.code);
            CHECK(f->GetFieldAsDouble("covered_km2") == m.covered_km2);  // exact: shortest round-trip text
            CHECK(f->GetFieldAsDouble("uncovered_population") == m.uncovered_population);
        }
    }
    {
        auto ds = open_vector((dir / "metrics_district.csv").string());
        OGRLayer* l = ds->GetLayer(0);
        REQUIRE(std::size_t(l->GetFeatureCount()) == r.services.size());
        std::size_t k = 0;
        for (auto& f : *l) {
            CHECK(f->GetFieldAsDouble("covered_population") == r.services[k].district.covered_population);
            CHECK(std::string(f->GetFieldAsString("inputs_sha256")) == r.provenance.inputs_sha256);
            ++k;
        }
    }
    {
        auto ds = open_vector((dir / "metrics.xlsx").string());
        OGRLayer* desa = ds->GetLayerByName("desa");
        REQUIRE(desa);
        CHECK(std::size_t(desa->GetFeatureCount()) == desa_rows);
        OGRLayer* pilar = ds->GetLayerByName("pilar");
        REQUIRE(pilar);
        CHECK(pilar->GetFeatureCount() == 6);
    }
    std::string md = summary_markdown(p, r);
    CHECK(md.find("Kabupaten Contoh") != std::string::npos);
    CHECK(md.find(r.provenance.inputs_sha256) != std::string::npos);
    CHECK(md.find("Smart Branding") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("report: XLSX text keeps markup, spaces, UTF-8 and empty cells, over-long text is cut as Excel needs") {
    auto r = sample();
    REQUIRE(r.services[0].desa.size() >= 3);
    r.services[0].desa[0].name = "Kali <Anyar> & \"Baru\" 'Ñ' – Désa";
    r.services[0].desa[1].name = "  spasi di depan dan belakang  ";
    r.services[0].desa[2].name = std::string(40000, 'x');
    r.services[0].desa[0].nearest_facility_m = std::numeric_limits<double>::quiet_NaN();
    auto dir = temp_dir("xlsx_text");
    auto path = (dir / "metrics.xlsx").string();
    write_metrics_xlsx(r, path);
    CPLSetConfigOption("OGR_XLSX_HEADERS", "FORCE");
    auto ds = open_vector(path);
    CPLSetConfigOption("OGR_XLSX_HEADERS", nullptr);
    OGRLayer* desa = ds->GetLayerByName("desa");
    REQUIRE(desa);
    std::vector<std::string> names;
    std::vector<bool> nearest_null;
    for (auto& f : *desa) {
        names.push_back(f->GetFieldAsString("name"));
        nearest_null.push_back(!f->IsFieldSetAndNotNull(f->GetFieldIndex("nearest_facility_m")));
    }
    REQUIRE(names.size() >= 3);
    CHECK(names[0] == "Kali <Anyar> & \"Baru\" 'Ñ' – Désa");
    CHECK(names[1] == "  spasi di depan dan belakang  ");
    CHECK(names[2] == std::string(32000, 'x') + "…");
    CHECK(nearest_null[0]);
    CHECK_FALSE(nearest_null[1]);
    ds.reset();
    fs::remove_all(dir);
}

TEST_CASE("report: rewriting the CSV tables leaves a file that holds the same bytes as it is, and replaces one that changed") {
    auto r = sample();
    auto dir = temp_dir("csv_again");
    write_metrics_csv(r, dir.string());
    auto inode = [&](const char* name) {
        struct stat st {};
        REQUIRE(::stat((dir / name).c_str(), &st) == 0);
        return st.st_ino;
    };
    auto text = [&](const char* name) {
        std::ifstream in(dir / name);
        std::stringstream t;
        t << in.rdbuf();
        return t.str();
    };
    const auto quality = inode("data_quality.csv"), desa = inode("metrics_desa.csv");
    const std::string desa_before = text("metrics_desa.csv"), quality_before = text("data_quality.csv");
    // One desa's figures change; the data-quality table does not.
    r.services[0].desa[0].covered_km2 += 1.5;
    write_metrics_csv(r, dir.string());
    CHECK(inode("data_quality.csv") == quality);  // not written again
    CHECK(text("data_quality.csv") == quality_before);
    CHECK(inode("metrics_desa.csv") != desa);  // a new file, moved into place
    CHECK(text("metrics_desa.csv") != desa_before);
    CHECK(text("metrics_desa.csv").size() > 0);
    // Nothing is left beside them.
    for (auto& e : fs::directory_iterator(dir)) CHECK(e.path().string().find(".tmp-") == std::string::npos);
}
