// Coverage engine: hand-computable geometry, invariants, population methods, what-if, bad data.
// Projects are built in UTM 49S metres (near 112.9 E, 7.7 S) and converted to lon/lat, so every
// expected number below is computed by hand in metres.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "engine_test_util.h"
#include "geo/analysis/engine.h"
#include "geo/crs.h"

using namespace pc;

namespace {

using namespace pc::test;

const UnitMetrics& desa_of(const ServiceCoverage& s, const std::string& code) {
    for (auto& m : s.desa)
        if (m.code == code) return m;
    FAIL("no desa " << code);
    throw;
}

// A 4×3 grid of 1 km desa in two kecamatan, with population.
Project grid_project() {
    Project p = base_project();
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 3; ++j) {
            std::string code = "35.99." + std::string(i < 2 ? "01" : "02") + "." + std::to_string(2000 + i * 10 + j);
            p.desa.push_back(desa(code, i < 2 ? "35.99.01" : "35.99.02",
                                  utm().rect(i * 1000.0, j * 1000.0, (i + 1) * 1000.0, (j + 1) * 1000.0),
                                  1000.0 + 100 * i + 10 * j));
        }
    return p;
}

void check_same(const AnalysisResult& a, const AnalysisResult& b) {
    REQUIRE(a.services.size() == b.services.size());
    auto close = [](double x, double y) {
        return std::abs(x - y) <= 1e-6 * std::max({1.0, std::abs(x), std::abs(y)});
    };
    for (std::size_t s = 0; s < a.services.size(); ++s) {
        auto& sa = a.services[s];
        auto& sb = b.services[s];
        INFO("service " << sa.service);
        REQUIRE(sa.service == sb.service);
        CHECK(sa.features_used == sb.features_used);
        REQUIRE(sa.desa.size() == sb.desa.size());
        for (std::size_t i = 0; i < sa.desa.size(); ++i) {
            INFO("desa " << sa.desa[i].code);
            CHECK(close(sa.desa[i].covered_km2, sb.desa[i].covered_km2));
            CHECK(close(sa.desa[i].covered_population, sb.desa[i].covered_population));
            bool both_nan = std::isnan(sa.desa[i].nearest_facility_m) && std::isnan(sb.desa[i].nearest_facility_m);
            CHECK((both_nan || close(sa.desa[i].nearest_facility_m, sb.desa[i].nearest_facility_m)));
        }
        for (std::size_t i = 0; i < sa.kecamatan.size(); ++i) {
            CHECK(close(sa.kecamatan[i].covered_km2, sb.kecamatan[i].covered_km2));
            CHECK(close(sa.kecamatan[i].covered_population, sb.kecamatan[i].covered_population));
        }
        CHECK(close(sa.district.covered_km2, sb.district.covered_km2));
        CHECK(close(sa.district.covered_population, sb.district.covered_population));
    }
}

}  // namespace

TEST_CASE("half a circle: a facility on the west edge of a 1 km square desa", "[analysis]") {
    Project p = base_project();
    p.desa.push_back(desa("35.99.01.2001", "35.99.01", utm().rect(0, 0, 1000, 1000), 1000.0));
    p.facilities.push_back(facility("bts", utm().point(0, 500), 500.0));
    AnalysisOptions o;
    o.quadrant_segments = 256;
    CoverageEngine e(p, o);
    CHECK(e.analysis_crs() == "EPSG:32749");
    CHECK(e.population_method() == PopulationMethod::AreaWeighted);
    auto r = e.run(p);
    auto* s = r.service("bts");
    REQUIRE(s);
    CHECK(s->features_used == 1);
    auto& d = s->desa.at(0);
    double expected = kPi * 500 * 500 / 2 / 1e6;
    CHECK(d.area_km2 == Approx(1.0).epsilon(1e-9));
    CHECK(d.covered_km2 == Approx(expected).epsilon(1e-3));
    CHECK(d.coverage_ratio_area == Approx(expected).epsilon(1e-3));
    CHECK(d.covered_population == Approx(1000 * expected).epsilon(1e-3));
    CHECK(d.uncovered_population == Approx(1000 * (1 - expected)).epsilon(1e-3));
    // Centroid (500, 500) to the point (0, 500).
    CHECK(d.nearest_facility_m == Approx(500).epsilon(1e-6));
    CHECK(r.service("puskesmas")->features_used == 0);
    CHECK(std::isnan(r.service("puskesmas")->desa.at(0).nearest_facility_m));
    CHECK(r.provenance.parameters == "quadrant_segments=256;top_gaps=10;use_population_grid=1;features=reaching_the_district");
    CHECK(r.provenance.inputs_sha256.size() == 64);
    CHECK(r.provenance.analysis_crs == "EPSG:32749");
}

TEST_CASE("a polygon facility of radius 0 covering the west half gives exactly 0.5", "[analysis]") {
    Project p = base_project();
    p.desa.push_back(desa("35.99.01.2001", "35.99.01", utm().rect(0, 0, 1000, 1000), 400.0));
    p.facilities.push_back(facility("puskesmas", utm().rect(-200, -200, 500, 1200), 0.0));
    CoverageEngine e(p);
    auto r = e.run(p);
    auto& d = r.service("puskesmas")->desa.at(0);
    CHECK(d.coverage_ratio_area == Approx(0.5).margin(1e-9));
    CHECK(d.covered_population == Approx(200).margin(1e-6));
    CHECK(r.service("puskesmas")->district.covered_km2 == Approx(0.5).margin(1e-9));
    CHECK(d.nearest_facility_m == Approx(0).margin(1e-9));  // centroid inside the polygon
}

TEST_CASE("two disjoint desa and overlapping desa: district area", "[analysis]") {
    Project p = base_project();
    p.desa.push_back(desa("35.99.01.2001", "35.99.01", utm().rect(0, 0, 1000, 1000), 100.0));
    p.desa.push_back(desa("35.99.01.2002", "35.99.01", utm().rect(3000, 0, 4000, 2000), 300.0));
    p.facilities.push_back(facility("puskesmas", utm().rect(3000, 0, 4000, 500), 0.0));
    {
        CoverageEngine e(p);
        auto r = e.run(p);
        auto* s = r.service("puskesmas");
        CHECK(s->district.area_km2 == Approx(3.0).epsilon(1e-9));
        CHECK(s->district.covered_km2 == Approx(0.5).epsilon(1e-9));
        CHECK(s->district.population == Approx(400));
        CHECK(s->district.covered_population == Approx(75));
        CHECK(s->kecamatan.size() == 1);
        CHECK(s->kecamatan[0].area_km2 == Approx(3.0).epsilon(1e-9));
        CHECK(desa_of(*s, "35.99.01.2001").covered_km2 == Approx(0).margin(1e-12));
        CHECK(desa_of(*s, "35.99.01.2002").coverage_ratio_area == Approx(0.25).epsilon(1e-9));
        CHECK(r.quality.desa_overlap_pairs == 0);
        CHECK(r.quality.desa_overlap_km2 == Approx(0).margin(1e-9));
        // Gap ranking: uncovered population 225 before 100.
        REQUIRE(s->gap_ranking.size() == 2);
        CHECK(s->desa[s->gap_ranking[0]].code == "35.99.01.2002");
    }
    // Overlapping desa: the district counts the overlap once.
    p.desa.push_back(desa("35.99.01.2003", "35.99.01", utm().rect(500, 0, 1500, 1000), 100.0));
    CoverageEngine e(p);
    auto r = e.run(p);
    CHECK(r.services[0].district.area_km2 == Approx(3.5).epsilon(1e-9));
    CHECK(r.quality.desa_overlap_km2 == Approx(0.5).epsilon(1e-9));
    CHECK(r.quality.desa_overlap_pairs == 1);
}

TEST_CASE("invariants hold for random facilities", "[analysis][property]") {
    auto seed = GENERATE(1, 2, 3, 4, 5);
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> x(-500, 4500), y(-500, 3500), rad(100, 1500);
    Project p = grid_project();
    double sum_buffers = 0;
    int n = 2 + seed * 2;
    for (int i = 0; i < n; ++i) {
        double r = rad(rng);
        sum_buffers += kPi * r * r;
        p.facilities.push_back(facility("bts", utm().point(x(rng), y(rng)), r));
    }
    CoverageEngine e(p);
    auto r = e.run(p);
    auto* s = r.service("bts");
    REQUIRE(s);
    double sum_area = 0, sum_covered = 0, sum_pop = 0;
    for (auto& d : s->desa) {
        CHECK(d.covered_km2 <= d.area_km2 + 1e-12);
        CHECK(d.covered_population <= d.population + 1e-9);
        CHECK(d.covered_population + d.uncovered_population == Approx(d.population));
        sum_area += d.area_km2;
        sum_covered += d.covered_km2;
        sum_pop += d.population;
    }
    // Desa do not overlap: the district is their sum.
    CHECK(s->district.area_km2 == Approx(sum_area).epsilon(1e-9));
    CHECK(s->district.covered_km2 == Approx(sum_covered).epsilon(1e-9));
    CHECK(s->district.population == Approx(sum_pop));
    CHECK(s->district.covered_km2 * 1e6 <= sum_buffers);
    double kec_cov = 0;
    for (auto& k : s->kecamatan) kec_cov += k.covered_km2;
    CHECK(kec_cov == Approx(sum_covered).epsilon(1e-9));
    CHECK(s->district.area_km2 == Approx(12.0).epsilon(1e-9));
}

TEST_CASE("GridExact: a cell half inside a desa contributes half its population", "[analysis][population]") {
    Project p = base_project();
    p.desa.push_back(desa("35.99.01.2001", "35.99.01", utm().rect(0, 0, 1000, 1000), std::nullopt));
    p.population_grid = PopulationGrid{"test", {{utm().rect(500, 0, 1500, 1000), 100.0}, {utm().rect(0, 0, 500, 500), 40.0}}};
    // The first cell's centre (1000, 500) lies on the desa's edge: counting by centre would be wrong.
    p.facilities.push_back(facility("puskesmas", utm().rect(0, 0, 500, 1000), 0.0));
    CoverageEngine e(p);
    CHECK(e.population_method() == PopulationMethod::GridExact);
    auto r = e.run(p);
    CHECK(r.provenance.population_method == PopulationMethod::GridExact);
    auto& d = r.service("puskesmas")->desa.at(0);
    CHECK(d.population == Approx(90).epsilon(1e-9));
    CHECK(d.covered_population == Approx(40).epsilon(1e-9));  // the covered half holds only the small cell
    CHECK(e.population_within(utm().rect(750, 0, 2000, 1000)) == Approx(25).epsilon(1e-9));
}

TEST_CASE("GridRescaled: desa sum to their official totals", "[analysis][population]") {
    Project p = base_project();
    p.desa.push_back(desa("35.99.01.2001", "35.99.01", utm().rect(0, 0, 1000, 1000), 300.0));
    p.desa.push_back(desa("35.99.01.2002", "35.99.01", utm().rect(1000, 0, 2000, 1000), 700.0));
    p.desa.push_back(desa("35.99.01.2003", "35.99.01", utm().rect(2000, 0, 3000, 1000), 50.0));
    // Cells of 1000×1000 shifted by 250 m; nothing over the third desa's east part... one cell each.
    p.population_grid = PopulationGrid{"test", {{utm().rect(250, 0, 1250, 1000), 80.0}, {utm().rect(1250, 0, 2000, 1000), 20.0}}};
    p.facilities.push_back(facility("puskesmas", utm().rect(0, 0, 1000, 1000), 0.0));
    CoverageEngine e(p);
    CHECK(e.population_method() == PopulationMethod::GridRescaled);
    auto r = e.run(p);
    auto* s = r.service("puskesmas");
    CHECK(desa_of(*s, "35.99.01.2001").population == Approx(300));
    CHECK(desa_of(*s, "35.99.01.2002").population == Approx(700));
    CHECK(desa_of(*s, "35.99.01.2003").population == Approx(50));  // no grid people: area weighting
    CHECK(s->district.population == Approx(1050));
    CHECK(desa_of(*s, "35.99.01.2001").covered_population == Approx(300));
    // Desa 2: fragments 20 (250 m of cell 1) and 20 (cell 2) -> scaled ×17.5; half of desa 2's east
    // 750 m strip is [1250,2000]: a polygon over [1000,1250] gets the first fragment only.
    CHECK(e.population_within(utm().rect(1000, 0, 1250, 1000)) == Approx(350).epsilon(1e-9));
    bool warned = false;
    for (auto& w : r.quality.warnings) warned |= w.find("35.99.01.2003") != std::string::npos;
    CHECK(warned);
}

TEST_CASE("what-if add, move and remove equal a fresh engine after the same edit", "[analysis][whatif]") {
    Project p = grid_project();
    p.facilities.push_back(facility("bts", utm().point(800, 900), 700.0));
    p.facilities.push_back(facility("bts", utm().point(2600, 1500), 900.0));
    p.facilities.push_back(facility("puskesmas", utm().point(3500, 2500), std::nullopt));
    CoverageEngine e(p);
    auto before = e.run(p);

    auto op = GENERATE(0, 1, 2, 3);
    FeatureChange ch;
    Project edited = p;
    if (op == 0) {  // add
        auto f = facility("bts", utm().point(1200, 1100), 600.0);
        edited.facilities.push_back(f);
        ch.after = service_feature(edited, f);
    } else if (op == 1) {  // move
        auto& f = edited.facilities[1];
        ch.before = service_feature(p, f);
        f.geometry = utm().point(1900, 800);
        ch.after = service_feature(edited, f);
    } else if (op == 2) {  // remove
        ch.before = service_feature(p, edited.facilities[0]);
        edited.facilities.erase(edited.facilities.begin());
    } else {  // add an initiative with a radius
        Initiative i;
        i.id = next_id();
        i.name = "WiFi taman";
        i.radius_m = 400;
        i.geometry = utm().point(2100, 2100);
        edited.initiatives.push_back(i);
        ch.after = service_feature(i);
    }
    INFO("op " << op);
    auto w = e.what_if(ch);
    auto applied = e.apply(ch);
    auto after = e.run(edited);
    auto fresh = CoverageEngine(edited).run(edited);
    check_same(after, fresh);

    const std::string key = ch.after ? ch.after->service : ch.before->service;
    auto* fs = fresh.service(key);
    auto* bs = before.service(key);
    REQUIRE(fs);
    double before_area = bs ? bs->district.covered_km2 : 0, before_pop = bs ? bs->district.covered_population : 0;
    CHECK(w.district.covered_km2_delta == Approx(fs->district.covered_km2 - before_area).margin(1e-9));
    CHECK(w.district.covered_population_delta == Approx(fs->district.covered_population - before_pop).margin(1e-6));
    CHECK(applied.district.covered_km2_delta == Approx(w.district.covered_km2_delta).margin(1e-12));
    for (auto& d : w.desa) {
        double b = bs ? desa_of(*bs, d.code).covered_km2 : 0;
        CHECK(d.covered_km2_delta == Approx(desa_of(*fs, d.code).covered_km2 - b).margin(1e-9));
    }
    for (std::size_t k = 0; k < fs->kecamatan.size(); ++k) {
        double delta = fs->kecamatan[k].covered_km2 - (bs ? bs->kecamatan[k].covered_km2 : 0);
        double got = 0;
        for (auto& kd : w.kecamatan)
            if (kd.code == fs->kecamatan[k].code) got = kd.covered_km2_delta;
        CHECK(got == Approx(delta).margin(1e-9));
    }
}

TEST_CASE("an invalid bow-tie desa is repaired and counted", "[analysis][quality]") {
    Project p = base_project();
    Geometry bow = utm().ll(Geometry::polygon({{0, 0}, {1000, 1000}, {1000, 0}, {0, 1000}, {0, 0}}));
    p.desa.push_back(desa("35.99.01.2001", "35.99.01", bow, 100.0));
    p.desa.push_back(desa("35.99.01.2002", "35.99.01", utm().rect(2000, 0, 3000, 1000), 100.0));
    CoverageEngine e(p);
    CHECK(e.quality().geometries_repaired == 1);
    REQUIRE(e.quality().flagged.size() == 1);
    CHECK(e.quality().flagged[0].code_or_name == "35.99.01.2001");
    CHECK(e.quality().flagged[0].problem.find("repaired") != std::string::npos);
    auto r = e.run(p);
    // MakeValid keeps both triangles: 2 × 250,000 m².
    CHECK(r.services[0].desa[0].area_km2 == Approx(0.5).epsilon(1e-9));
}

TEST_CASE("a facility far outside the district is flagged and left out", "[analysis][quality]") {
    Project p = base_project();
    p.desa.push_back(desa("35.99.01.2001", "35.99.01", utm().rect(0, 0, 1000, 1000), 100.0));
    p.facilities.push_back(facility("bts", utm().point(500, 500), 300.0));
    auto far = facility("bts", Geometry::point(112.756, -7.354), 5000.0);  // Surabaya
    p.facilities.push_back(far);
    CoverageEngine e(p);
    auto r = e.run(p);
    auto* s = r.service("bts");
    CHECK(s->features_used == 1);
    CHECK(s->features_outside == 1);
    CHECK(r.quality.facilities_outside == 1);
    bool flagged = false;
    for (auto& f : r.quality.flagged) flagged |= f.id == far.id && f.problem.rfind("outside the district", 0) == 0;
    CHECK(flagged);
    CHECK(s->desa[0].covered_km2 == Approx(kPi * 0.09).epsilon(0.02));
    CHECK(s->desa[0].nearest_facility_m == Approx(0).margin(1e-6));
}

TEST_CASE("zones and initiative statistics", "[analysis][initiatives]") {
    Project p = grid_project();
    Zone z;
    z.id = next_id();
    z.code = "KPPN_1";
    z.name = "Zona uji";
    z.kind = "KPPN";
    z.geometry = utm().rect(500, 0, 1500, 3000);  // half of column 0, half of column 1
    p.zones.push_back(z);
    p.facilities.push_back(facility("puskesmas", utm().rect(0, 0, 1000, 3000), 0.0));
    Initiative a;
    a.id = next_id();
    a.name = "A";
    a.pillar = Pillar::Living;
    a.element = Element::Struktur;
    a.opd = "Dinkes";
    a.start_year = 2025;
    a.end_year = 2027;
    a.budget_rp = 1000;
    a.radius_m = 100;
    a.geometry = utm().point(700, 500);
    Initiative b = a;
    b.id = next_id();
    b.name = "B";
    b.pillar = Pillar::Economy;
    b.opd = "Bappeda";
    b.start_year = b.end_year = 2026;
    b.budget_rp = 7;
    b.radius_m.reset();
    b.geometry = utm().point(3500, 2500);
    p.initiatives = {a, b};
    CoverageEngine e(p);
    auto r = e.run(p);
    auto* s = r.service("puskesmas");
    REQUIRE(s->zones.size() == 1);
    CHECK(s->zones[0].area_km2 == Approx(3.0).epsilon(1e-9));
    CHECK(s->zones[0].covered_km2 == Approx(1.5).epsilon(1e-9));
    // Zone population: half of each desa in columns 0 and 1 (area weighting).
    double pop = 0;
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 3; ++j) pop += (1000.0 + 100 * i + 10 * j) / 2;
    CHECK(s->zones[0].population == Approx(pop));
    CHECK(s->zone_desa.size() == 6);
    auto& st = r.initiatives;
    CHECK(st.count == 2);
    CHECK(st.budget_rp == 1007);
    CHECK(st.by_pillar.size() == 6);
    CHECK(st.by_pillar[4].key == "living");
    CHECK(st.by_pillar[4].budget_rp == 1000);
    REQUIRE(st.by_year.size() == 3);
    CHECK(st.by_year[0].budget_rp == 334);  // 1000 / 3, remainder to the first year
    CHECK(st.by_year[1].budget_rp == 333 + 7);
    CHECK(st.by_year[1].count == 2);
    REQUIRE(st.by_opd.size() == 2);
    CHECK(st.by_opd[0].key == "Bappeda");
    REQUIRE(st.reach.size() == 2);
    CHECK(st.reach[0].kecamatan_code == "35.99.01");
    CHECK(st.reach[1].kecamatan_code == "35.99.02");
    CHECK(st.reach[0].zone_codes == std::vector<std::string>{"KPPN_1"});
    // Circle of 100 m inside desa 35.99.01.2000 (1000 persons/km²).
    CHECK(st.reach[0].population_within_radius == Approx(1000 * kPi * 0.01).epsilon(2e-2));
    CHECK(st.reach[1].population_within_radius == 0);
    REQUIRE(st.by_zone.size() == 1);
    CHECK(st.by_zone[0].count_inside == 1);
    CHECK(st.by_zone[0].budget_outside_rp == 7);
    CHECK(r.service("initiatives"));
}

TEST_CASE("inputs hash: the population grid counts only where the analysis uses it", "[analysis][provenance]") {
    Project p = base_project();
    p.desa.push_back(desa("35.99.01.2001", "35.99.01", utm().rect(0, 0, 1000, 1000), 100.0));
    p.population_grid = PopulationGrid{"test", {{utm().rect(0, 0, 1000, 1000), 90.0}}};
    p.facilities.push_back(facility("bts", utm().point(500, 500), 300.0));
    Project changed = p;
    changed.population_grid->cells[0].population = 95.0;
    AnalysisOptions no_grid;
    no_grid.use_population_grid = false;
    auto hash = [](const Project& q, const AnalysisOptions& o) { return CoverageEngine(q, o).run(q).provenance.inputs_sha256; };
    // Used (GridExact): a cell's population is an input.
    CHECK(hash(p, {}) != hash(changed, {}));
    // Not used (--no-grid): the cells are not inputs; the desa still are.
    CHECK(hash(p, no_grid) == hash(changed, no_grid));
    CHECK(hash(p, no_grid) != hash(p, {}));
    Project other_desa = p;
    other_desa.desa[0].population = 101.0;
    CHECK(hash(p, no_grid) != hash(other_desa, no_grid));
    // An unused grid is as no grid: the same inputs, the same hash.
    Project without = p;
    without.population_grid.reset();
    CHECK(hash(without, {}) == hash(p, no_grid));
}

TEST_CASE("inputs hash: a kecamatan's own geometry counts only when it has no desa", "[analysis][provenance]") {
    Project p = base_project();
    p.desa.push_back(desa("35.99.01.2001", "35.99.01", utm().rect(0, 0, 1000, 1000), 100.0));
    auto kecamatan = [](const std::string& code, Geometry g) {
        AdminUnit k = desa(code, "35.99", std::move(g), std::nullopt);
        k.level = AdminLevel::Kecamatan;
        return k;
    };
    p.kecamatan.push_back(kecamatan("35.99.01", utm().rect(0, 0, 1000, 1000)));
    p.kecamatan.push_back(kecamatan("35.99.02", utm().rect(2000, 0, 3000, 1000)));  // no desa
    p.facilities.push_back(facility("bts", utm().point(500, 500), 300.0));
    auto run = [](const Project& q) { return CoverageEngine(q, {}).run(q); };
    const auto base = run(p);
    // The kecamatan with a desa is the dissolve of its desa: its own outline changes no figure, and
    // is no input.
    Project moved = p;
    moved.kecamatan[0].geometry = utm().rect(0, 0, 1500, 1500);
    const auto after_move = run(moved);
    CHECK(after_move.provenance.inputs_sha256 == base.provenance.inputs_sha256);
    auto kec = [](const AnalysisResult& r) { return r.service("bts")->kecamatan; };
    REQUIRE(kec(base).size() == 2);
    REQUIRE(kec(after_move).size() == 2);
    CHECK(kec(after_move)[0].area_km2 == kec(base)[0].area_km2);
    CHECK(kec(base)[0].area_km2 == Approx(1.0).epsilon(1e-9));
    // Its other fields are inputs (its name goes into the tables).
    Project renamed = p;
    renamed.kecamatan[0].name = "Kecamatan Baru";
    CHECK(run(renamed).provenance.inputs_sha256 != base.provenance.inputs_sha256);
    // The kecamatan without desa is analysed as its own outline: its geometry is an input.
    Project lone = p;
    lone.kecamatan[1].geometry = utm().rect(2000, 0, 3500, 1000);
    const auto after_lone = run(lone);
    CHECK(after_lone.provenance.inputs_sha256 != base.provenance.inputs_sha256);
    REQUIRE(kec(after_lone).size() == 2);
    CHECK(kec(after_lone)[1].area_km2 == Approx(1.5).epsilon(1e-9));
    CHECK(kec(base)[1].area_km2 == Approx(1.0).epsilon(1e-9));
}
