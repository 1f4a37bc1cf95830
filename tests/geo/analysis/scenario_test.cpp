// Baseline against plan: a hand-computable case (a 32-gon buffer inside one desa), gaps closed,
// the filter, the invariant plan >= baseline on random plans, and the incremental computation
// checked against a fresh engine built on the plan as a project of its own.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "geo/analysis/engine.h"
#include "geo/analysis/scenario.h"
#include "skip.h"

using namespace pc;

namespace {

constexpr double kPi = 3.14159265358979323846;
// GEOS buffers a point with 8 segments per quarter: a 32-gon inscribed in the circle.
double buffer_km2(double r_m) { return 16 * (r_m / 1000) * (r_m / 1000) * std::sin(kPi / 16); }

// Three square desa (0.02° ≈ 2.2 km) in two kecamatan, area-weighted population (no grid).
Project three_desa() {
    Project p;
    p.settings.name = "Scenario test";
    p.settings.district_code = "99.99";
    p.settings.district_name = "Kabupaten Uji";
    p.settings.facility_types = default_facility_types();
    const double lon0 = 112.80, lat0 = -7.75, d = 0.02;
    for (int k = 0; k < 2; ++k) {
        AdminUnit kec;
        kec.id = new_uuid();
        kec.level = AdminLevel::Kecamatan;
        kec.code = "99.99.0" + std::to_string(k + 1);
        kec.name = "Kec " + std::to_string(k + 1);
        kec.parent_code = "99.99";
        p.kecamatan.push_back(kec);
    }
    for (int i = 0; i < 3; ++i) {
        AdminUnit u;
        u.id = new_uuid();
        u.level = AdminLevel::Desa;
        u.code = (i < 2 ? "99.99.01.200" : "99.99.02.200") + std::to_string(i + 1);
        u.name = "Desa " + std::to_string(i + 1);
        u.parent_code = i < 2 ? "99.99.01" : "99.99.02";
        u.population = 10000.0 * (i + 1);
        u.geometry = Geometry::rectangle(lon0 + i * d, lat0, lon0 + (i + 1) * d, lat0 + d);
        p.desa.push_back(u);
    }
    return p;
}

Initiative initiative(const char* name, double lon, double lat, double radius, Status s, Pillar pl, int y0, int y1) {
    Initiative i;
    i.id = new_uuid();
    i.name = name;
    i.pillar = pl;
    i.status = s;
    i.start_year = y0;
    i.end_year = y1;
    i.radius_m = radius;
    i.budget_rp = 1'000'000;
    i.opd = pl == Pillar::Society ? "Dinas Kesehatan" : "Diskominfo";
    i.geometry = Geometry::point(lon, lat);
    return i;
}

}  // namespace

TEST_CASE("scenario: the filter picks initiatives by year, status and pillar", "[scenario]") {
    auto i = initiative("x", 0, 0, 100, Status::Rencana, Pillar::Living, 2026, 2028);
    CHECK(in_plan(i, {}));
    CHECK(in_plan(i, {{2027}, {}, {}}));
    CHECK(in_plan(i, {{2025, 2028}, {}, {}}));
    CHECK_FALSE(in_plan(i, {{2025, 2029}, {}, {}}));
    CHECK(in_plan(i, {{}, {Status::Rencana, Status::Selesai}, {}}));
    CHECK_FALSE(in_plan(i, {{}, {Status::Usulan}, {}}));
    CHECK(in_plan(i, {{}, {}, {Pillar::Living}}));
    CHECK_FALSE(in_plan(i, {{2027}, {}, {Pillar::Economy}}));
    i.start_year = i.end_year = 0;  // no years: only an empty year list takes it
    CHECK_FALSE(in_plan(i, {{2027}, {}, {}}));
    CHECK(gap_closed(100, 0.2, 50));
    CHECK(gap_closed(100, 50, 50));
    CHECK_FALSE(gap_closed(100, 50.5, 50));
    CHECK_FALSE(gap_closed(0.3, 0, 50));  // nobody was uncovered: nothing to close
}

TEST_CASE("scenario: hand-computable change and gaps closed", "[scenario]") {
    Project p = three_desa();
    const double lat_mid = -7.74, d = 0.02;
    // Baseline: a small puskesmas in desa 2.
    Facility f;
    f.id = new_uuid();
    f.type = "puskesmas";
    f.name = "Puskesmas Dua";
    f.radius_m = 400;
    f.geometry = Geometry::point(112.80 + 1.5 * d, lat_mid);
    p.facilities.push_back(f);
    // Plan: a 500 m initiative in the middle of desa 1 (planned, 2026), and one at the centre of desa 2
    // whose 1600 m reaches every corner (half-diagonal ≈ 1556 m; the 32-gon's inner radius is
    // 1600·cos(π/32) ≈ 1592 m). A proposal in desa 3 is filtered out by status.
    p.initiatives.push_back(initiative("Pustu Satu", 112.80 + 0.5 * d, lat_mid, 500, Status::Rencana, Pillar::Society, 2026, 2026));
    p.initiatives.push_back(initiative("Pustu Dua", 112.80 + 1.5 * d, lat_mid, 1600, Status::Berjalan, Pillar::Living, 2025, 2027));
    p.initiatives.push_back(initiative("Usulan Tiga", 112.80 + 2.5 * d, lat_mid, 800, Status::Usulan, Pillar::Society, 2026, 2026));
    ScenarioFilter filter{{}, {Status::Rencana, Status::Berjalan}, {}};

    const ScenarioComparison c = compare_scenarios(p, filter, "puskesmas", 50);
    REQUIRE(c.desa.size() == 3);
    CHECK(c.initiatives_in_plan == 2);
    CHECK(c.plan_budget_rp == 2'000'000);

    const ScenarioUnit& d1 = c.desa[0];
    const ScenarioUnit& d2 = c.desa[1];
    const ScenarioUnit& d3 = c.desa[2];
    CHECK(d1.code == "99.99.01.2001");
    // Desa 1: nothing before; after, Pustu Satu's 32-gon plus the part of Pustu Dua's buffer that
    // reaches over (1600 m from the centre of desa 2 reaches 1600 − 1100 ≈ 500 m into desa 1).
    CHECK(d1.baseline_covered_km2 == Approx(0).margin(1e-9));
    CHECK(d1.plan_covered_km2 > buffer_km2(500));
    // Desa 2 is covered whole by the plan: its gap (it had uncovered people) is closed.
    CHECK(d2.baseline_covered_population > 0);
    CHECK(d2.baseline_uncovered_population() > 1000);
    CHECK(d2.plan_covered_population == Approx(d2.population).epsilon(1e-9));
    CHECK(d2.plan_covered_km2 == Approx(d2.area_km2).epsilon(1e-9));
    CHECK(d2.gap_closed);
    // Desa 3: only the spill of Pustu Dua; the proposal is out of the plan.
    CHECK(d3.plan_covered_km2 < 0.5 * d3.area_km2);

    // Now without Pustu Dua: desa 1 gains exactly the 32-gon (area-weighted population).
    ScenarioFilter only_planned{{}, {Status::Rencana}, {}};
    const ScenarioComparison c1 = compare_scenarios(p, only_planned, "puskesmas", 50);
    CHECK(c1.initiatives_in_plan == 1);
    CHECK(c1.desa[0].covered_km2_change() == Approx(buffer_km2(500)).epsilon(1e-3));
    CHECK(c1.desa[0].covered_population_change() ==
          Approx(10000.0 * buffer_km2(500) / c1.desa[0].area_km2).epsilon(1e-3));
    CHECK(c1.desa[1].covered_population_change() == Approx(0).margin(1e-6));
    CHECK(c1.desa[2].covered_population_change() == Approx(0).margin(1e-6));
    // 0.78 km² of a ~4.9 km² desa is ~16 %: not a closed gap at 50 %, but it is at 10 %.
    CHECK_FALSE(c1.desa[0].gap_closed);
    CHECK(compare_scenarios(p, only_planned, "puskesmas", 10).desa[0].gap_closed);
    ScenarioComparison again = c1;
    classify_gaps(again, 10);  // the same as computing at 10 % from the start
    CHECK(again.desa[0].gap_closed);
    CHECK(again.kecamatan[0].desa_gaps_closed == 1);
    CHECK(again.district.desa_gaps_closed == 1);
    // Kecamatan 1 = desa 1 + desa 2; district = all three.
    CHECK(c1.kecamatan[0].covered_population_change() == Approx(c1.desa[0].covered_population_change()).epsilon(1e-9));
    CHECK(c1.district.covered_population_change() == Approx(c1.desa[0].covered_population_change()).epsilon(1e-9));
    CHECK(c.kecamatan[0].desa_gaps_closed == 1);
    CHECK(c.district.desa_gaps_closed == 1);

    // Pillar dashboard: Society alone adds Pustu Satu (the proposal is filtered by status).
    auto pc = pillar_contributions(p, filter, "puskesmas");
    REQUIRE(pc.size() == 6);
    const auto& soc = pc[std::size_t(Pillar::Society)];
    CHECK(soc.initiatives == 1);
    CHECK(soc.opd == std::vector<std::string>{"Dinas Kesehatan"});
    CHECK(soc.newly_covered_population == Approx(c1.district.covered_population_change()).epsilon(1e-6));
    CHECK(pc[std::size_t(Pillar::Economy)].initiatives == 0);
    CHECK(pc[std::size_t(Pillar::Economy)].newly_covered_population == 0);
    // Beyond nothing: everyone within the pillar's radius.
    auto alone = pillar_contributions(p, {}, "");
    CHECK(alone[std::size_t(Pillar::Society)].initiatives == 2);  // the proposal too, with no filter
    CHECK(alone[std::size_t(Pillar::Society)].newly_covered_km2 ==
          Approx(buffer_km2(500) + buffer_km2(800)).epsilon(1e-3));
}

TEST_CASE("scenario: plan >= baseline everywhere, and equals a fresh engine on the plan project", "[scenario]") {
    std::mt19937_64 rng(GENERATE(1u, 2u, 3u));
    std::uniform_real_distribution<double> lon(112.79, 112.87), lat(-7.76, -7.72), rad(200, 2500);
    Project p = three_desa();
    for (int i = 0; i < 4; ++i) {
        Facility f;
        f.id = new_uuid();
        f.type = "sekolah";
        f.name = "SD " + std::to_string(i);
        f.radius_m = rad(rng);
        f.geometry = Geometry::point(lon(rng), lat(rng));
        p.facilities.push_back(f);
    }
    for (int i = 0; i < 6; ++i)
        p.initiatives.push_back(initiative("I", lon(rng), lat(rng), rad(rng), kStatuses[i % 4], kPillars[i % 6], 2025 + i % 3, 2027));
    ScenarioFilter filter{{2025, 2026}, {}, {}};
    const auto c = compare_scenarios(p, filter, "sekolah", 50);
    AnalysisOptions o;
    o.keep_gap_geometry = false;
    const ServiceCoverage fresh_base = CoverageEngine(p, o).service("sekolah");
    const ServiceCoverage fresh_plan = CoverageEngine(plan_project(p, filter, "sekolah"), o).service("sekolah");
    REQUIRE(fresh_plan.desa.size() == c.desa.size());
    for (std::size_t i = 0; i < c.desa.size(); ++i) {
        const auto& u = c.desa[i];
        INFO(u.code);
        CHECK(u.plan_covered_population >= u.baseline_covered_population - 1e-6);
        CHECK(u.plan_covered_km2 >= u.baseline_covered_km2 - 1e-9);
        CHECK(u.plan_covered_population <= u.population + 1e-6);
        CHECK(u.baseline_covered_population == Approx(fresh_base.desa[i].covered_population).epsilon(1e-9).margin(1e-6));
        CHECK(u.plan_covered_population == Approx(fresh_plan.desa[i].covered_population).epsilon(1e-6).margin(1e-6));
        CHECK(u.plan_covered_km2 == Approx(fresh_plan.desa[i].covered_km2).epsilon(1e-6).margin(1e-9));
    }
    CHECK(c.district.plan_covered_population == Approx(fresh_plan.district.covered_population).epsilon(1e-6));
    double sum = 0;
    for (const auto& k : c.kecamatan) sum += k.covered_population_change();
    CHECK(sum == Approx(c.district.covered_population_change()).margin(1e-6));
}

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "geo/io/district.h"

TEST_CASE("scenario: a real district (Pamekasan, cell sites): plan >= baseline, equals a fresh engine", "[scenario][realdata]") {
    const std::filesystem::path file = test::shared_file("kab_pamekasan_3528.gpkg");
    if (file.empty()) return;
    DistrictOptions d;
    d.population_grid = false;
    Project p = load_district(file.string(), d);
    // Towers at every tenth desa's anchor, 2 km each; every other one a proposal only.
    std::size_t planned_towers = 0;
    for (std::size_t i = 0; i < p.desa.size(); i += 10) {
        planned_towers += i % 20 == 0;
        const Coord c = p.desa[i].geometry.anchor();
        p.initiatives.push_back(initiative("Menara", c.x, c.y, 2000, i % 20 == 0 ? Status::Rencana : Status::Usulan,
                                           Pillar::Living, 2026, 2027));
    }
    AnalysisOptions o;
    o.use_population_grid = false;
    const ScenarioFilter planned{{}, {Status::Rencana}, {}};
    auto t0 = std::chrono::steady_clock::now();
    const auto c = compare_scenarios(p, planned, "bts", 50, o);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    WARN("compare_scenarios on Pamekasan (" << p.desa.size() << " desa, " << std::count_if(p.facilities.begin(), p.facilities.end(), [](const Facility& f) { return f.type == "bts"; })
         << " cell sites, "
         << c.initiatives_in_plan << " planned towers): " << ms << " ms; +" << c.district.covered_population_change()
         << " people, " << c.district.desa_gaps_closed << " desa gaps closed");
    CHECK(c.initiatives_in_plan == planned_towers);
    for (const auto& u : c.desa) CHECK(u.plan_covered_population >= u.baseline_covered_population - 1e-6);
    CHECK(c.district.covered_population_change() > 0);
    o.keep_gap_geometry = false;
    const auto fresh = CoverageEngine(plan_project(p, planned, "bts"), o).service("bts");
    CHECK(c.district.plan_covered_population == Approx(fresh.district.covered_population).epsilon(1e-6));
    CHECK(c.district.plan_covered_km2 == Approx(fresh.district.covered_km2).epsilon(1e-6));
}
