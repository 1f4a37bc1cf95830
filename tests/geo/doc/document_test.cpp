// The document model without a window: every command, undo/redo sequences, the dirty flag, and the
// engine kept in step (after edits, run() equals a fresh engine; what-if equals the full recompute).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>

#include "geo/analysis/engine.h"
#include "geo/doc/document.h"
#include "geo/io/project_file.h"

using namespace pc;

namespace {

// Eight square desa (0.01° ≈ 1.1 km) in two kecamatan, near Pasuruan; a few facilities and initiatives.
Project small_project() {
    Project p;
    p.settings.name = "Doc test";
    p.settings.district_code = "99.99";
    p.settings.district_name = "Kabupaten Uji";
    p.settings.period_start = 2025;
    p.settings.period_end = 2029;
    p.settings.facility_types = default_facility_types();
    p.settings.opd = default_opd_list();
    const double lon0 = 112.80, lat0 = -7.75, d = 0.01;
    for (int k = 0; k < 2; ++k) {
        AdminUnit kec;
        kec.id = new_uuid();
        kec.level = AdminLevel::Kecamatan;
        kec.code = "99.99.0" + std::to_string(k + 1);
        kec.name = "Kecamatan " + std::to_string(k + 1);
        kec.parent_code = "99.99";
        kec.population = 0;
        kec.geometry = Geometry::rectangle(lon0 + 2 * k * d, lat0, lon0 + 2 * (k + 1) * d, lat0 + 2 * d);
        for (int i = 0; i < 2; ++i)
            for (int j = 0; j < 2; ++j) {
                AdminUnit desa;
                desa.id = new_uuid();
                desa.level = AdminLevel::Desa;
                desa.code = kec.code + ".200" + std::to_string(i * 2 + j + 1);
                desa.name = "Desa " + std::to_string(k) + std::to_string(i) + std::to_string(j);
                desa.parent_code = kec.code;
                desa.population = 1000.0 * (1 + i + 2 * j + k);
                *kec.population += *desa.population;
                double x = lon0 + (2 * k + i) * d, y = lat0 + j * d;
                desa.geometry = Geometry::rectangle(x, y, x + d, y + d);
                p.desa.push_back(desa);
            }
        p.kecamatan.push_back(kec);
    }
    Facility f;
    f.id = new_uuid();
    f.type = "puskesmas";
    f.name = "Puskesmas Satu";
    f.radius_m = 900;
    f.geometry = Geometry::point(lon0 + 0.005, lat0 + 0.005);
    p.facilities.push_back(f);
    f.id = new_uuid();
    f.name = "Puskesmas Dua";
    f.geometry = Geometry::point(lon0 + 0.032, lat0 + 0.012);
    p.facilities.push_back(f);
    Initiative in;
    in.id = new_uuid();
    in.name = "Smart Kampung";
    in.pillar = Pillar::Society;
    in.element = Element::Infrastruktur;
    in.opd = "Diskominfo";
    in.start_year = 2025;
    in.end_year = 2027;
    in.budget_rp = 1'500'000'000;
    in.radius_m = 700;
    in.geometry = Geometry::point(lon0 + 0.015, lat0 + 0.015);
    p.initiatives.push_back(in);
    in.id = new_uuid();
    in.name = "Command Center";
    in.pillar = Pillar::Governance;
    in.radius_m.reset();
    in.geometry = Geometry::point(lon0 + 0.025, lat0 + 0.005);
    p.initiatives.push_back(in);
    Zone z;
    z.id = new_uuid();
    z.code = "KPPN_1";
    z.name = "KPPN Uji";
    z.kind = "KPPN";
    z.geometry = Geometry::rectangle(lon0 + 0.005, lat0 + 0.005, lon0 + 0.025, lat0 + 0.015);
    p.zones.push_back(z);
    return p;
}

Initiative new_initiative(double lon, double lat, std::optional<double> radius) {
    Initiative in;
    in.name = "Taman Digital";
    in.pillar = Pillar::Living;
    in.element = Element::Infrastruktur;
    in.opd = "Dinas PUPR";
    in.start_year = 2026;
    in.end_year = 2026;
    in.budget_rp = 250'000'000;
    in.radius_m = radius;
    in.geometry = Geometry::point(lon, lat);
    return in;
}

void require_same_coverage(const AnalysisResult& a, const AnalysisResult& b) {
    REQUIRE(a.services.size() == b.services.size());
    for (const auto& sa : a.services) {
        const ServiceCoverage* sb = b.service(sa.service);
        REQUIRE(sb != nullptr);
        INFO("service " << sa.service);
        CHECK(sa.district.covered_population == Approx(sb->district.covered_population).margin(1e-6));
        CHECK(sa.district.covered_km2 == Approx(sb->district.covered_km2).margin(1e-9));
        REQUIRE(sa.desa.size() == sb->desa.size());
        for (std::size_t i = 0; i < sa.desa.size(); ++i) {
            INFO("desa " << sa.desa[i].code);
            CHECK(sa.desa[i].code == sb->desa[i].code);
            CHECK(sa.desa[i].covered_population == Approx(sb->desa[i].covered_population).margin(1e-6));
            CHECK(sa.desa[i].covered_km2 == Approx(sb->desa[i].covered_km2).margin(1e-9));
        }
    }
}

double district_covered(const AnalysisResult& r, const std::string& service) {
    const ServiceCoverage* s = r.service(service);
    return s ? s->district.covered_population : 0.0;
}

}  // namespace

TEST_CASE("doc: each initiative command applies and reverts exactly", "[doc]") {
    const Project original = small_project();
    Document doc(original);
    CHECK_FALSE(doc.dirty());
    CHECK_FALSE(doc.can_undo());

    SECTION("add") {
        doc.execute(add_initiative(new_initiative(112.81, -7.745, 500)));
        REQUIRE(doc.project().initiatives.size() == 3);
        CHECK(doc.project().initiatives.back().name == "Taman Digital");
        CHECK(is_uuid(doc.project().initiatives.back().id));
        CHECK(doc.undo_command()->kind() == CommandKind::Add);
        CHECK(doc.undo_command()->label() == "Add initiative 'Taman Digital'");
    }
    SECTION("move") {
        const Uuid id = original.initiatives[0].id;
        doc.execute(move_initiative(doc.project(), id, 0.002, -0.001));
        Coord c = doc.project().initiatives[0].geometry.points[0];
        CHECK(c.x == Approx(112.817));
        CHECK(c.y == Approx(-7.736));
        CHECK(doc.undo_command()->kind() == CommandKind::Move);
    }
    SECTION("update") {
        Initiative changed = original.initiatives[1];
        changed.status = Status::Berjalan;
        changed.budget_rp = 7;
        changed.opd = "Bappeda";
        doc.execute(update_initiative(doc.project(), changed));
        CHECK(doc.project().initiatives[1] == changed);
        CHECK(doc.undo_command()->label() == "Edit initiative 'Command Center'");
    }
    SECTION("delete keeps the order on undo") {
        doc.execute(delete_initiative(doc.project(), original.initiatives[0].id));
        REQUIRE(doc.project().initiatives.size() == 1);
        CHECK(doc.project().initiatives[0].name == "Command Center");
    }
    CHECK(doc.dirty());
    CHECK(doc.project() != original);
    Project edited = doc.project();
    doc.undo();
    CHECK(doc.project() == original);
    CHECK_FALSE(doc.dirty());
    doc.redo();
    CHECK(doc.project() == edited);
    CHECK(doc.dirty());
}

TEST_CASE("doc: each facility and zone command applies and reverts exactly", "[doc]") {
    const Project original = small_project();
    Document doc(original);
    Facility f;
    f.type = "sekolah";
    f.name = "SDN Uji";
    f.geometry = Geometry::point(112.835, -7.745);
    doc.execute(add_facility(f));
    doc.execute(move_facility(doc.project(), original.facilities[1].id, -0.01, 0));
    Facility changed = doc.project().facilities[0];
    changed.radius_m = 1500;
    changed.name = "Puskesmas Satu (rawat inap)";
    doc.execute(update_facility(doc.project(), changed));
    doc.execute(delete_facility(doc.project(), original.facilities[0].id));
    Zone z = original.zones[0];
    z.name = "KPPN Uji (revisi)";
    doc.execute(update_zone(doc.project(), z));
    doc.execute(move_zone(doc.project(), z.id, 0.001, 0.001));
    Zone z2;
    z2.code = "KSPN_2";
    z2.name = "KSPN Dua";
    z2.kind = "KSPN";
    z2.geometry = Geometry::rectangle(112.80, -7.75, 112.81, -7.74);
    doc.execute(add_zone(z2));
    doc.execute(delete_zone(doc.project(), original.zones[0].id));

    const Project& p = doc.project();
    REQUIRE(p.facilities.size() == 2);
    CHECK(p.facilities[0].name == "Puskesmas Dua");
    CHECK(p.facilities[0].geometry.points[0].x == Approx(112.822));
    CHECK(p.facilities[1].name == "SDN Uji");
    REQUIRE(p.zones.size() == 1);
    CHECK(p.zones[0].code == "KSPN_2");
    Project edited = p;

    REQUIRE(doc.history_size() == 8);
    for (int i = 0; i < 8; ++i) doc.undo();
    CHECK_FALSE(doc.can_undo());
    CHECK(doc.project() == original);
    for (int i = 0; i < 8; ++i) doc.redo();
    CHECK_FALSE(doc.can_redo());
    CHECK(doc.project() == edited);
}

TEST_CASE("doc: commands on a missing id are refused", "[doc]") {
    Document doc(small_project());
    CHECK_THROWS_AS(move_initiative(doc.project(), "00000000-0000-4000-8000-000000000000", 1, 1), std::out_of_range);
    CHECK_THROWS_AS(delete_facility(doc.project(), "nope"), std::out_of_range);
    CHECK_THROWS_AS(doc.execute(nullptr), std::invalid_argument);
    CHECK(doc.history_size() == 0);
}

TEST_CASE("doc: random undo/redo sequences return to the original and the edited project", "[doc]") {
    const Project original = small_project();
    Document doc(original);
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(-0.003, 0.003);
    const int n = 40;
    for (int step = 0; step < n; ++step) {
        const Project& p = doc.project();
        switch (rng() % 6) {
            case 0: doc.execute(add_initiative(new_initiative(112.80 + 0.04 * std::abs(u(rng)) * 300, -7.75 + 0.006, 300))); break;
            case 1:
                if (!p.initiatives.empty()) doc.execute(move_initiative(p, p.initiatives[rng() % p.initiatives.size()].id, u(rng), u(rng)));
                else doc.execute(add_initiative(new_initiative(112.81, -7.74, std::nullopt)));
                break;
            case 2:
                if (p.initiatives.size() > 1) doc.execute(delete_initiative(p, p.initiatives[rng() % p.initiatives.size()].id));
                else doc.execute(add_initiative(new_initiative(112.82, -7.74, 400)));
                break;
            case 3: doc.execute(move_facility(p, p.facilities[rng() % p.facilities.size()].id, u(rng), u(rng))); break;
            case 4: {
                Facility f = p.facilities[rng() % p.facilities.size()];
                f.radius_m = 500 + double(rng() % 1000);
                doc.execute(update_facility(p, f));
                break;
            }
            default: {
                Initiative in = p.initiatives.empty() ? new_initiative(112.81, -7.74, 200) : p.initiatives[0];
                in.budget_rp += 1000;
                in.pillar = kPillars[rng() % 6];
                if (p.initiatives.empty()) doc.execute(add_initiative(in));
                else doc.execute(update_initiative(p, in));
            }
        }
    }
    REQUIRE(doc.history_size() == std::size_t(n));
    const Project edited = doc.project();
    for (int i = 0; i < n; ++i) doc.undo();
    CHECK(doc.project() == original);
    CHECK_FALSE(doc.dirty());
    for (int i = 0; i < n; ++i) doc.redo();
    CHECK(doc.project() == edited);
    // Half back, then a new edit drops the redo steps.
    for (int i = 0; i < n / 2; ++i) doc.undo();
    doc.execute(add_initiative(new_initiative(112.83, -7.74, 100)));
    CHECK_FALSE(doc.can_redo());
    CHECK(doc.history_size() == std::size_t(n / 2 + 1));
}

TEST_CASE("doc: dirty flag follows the saved state", "[doc]") {
    const Project original = small_project();
    Document doc(original);
    CHECK_FALSE(doc.dirty());
    doc.execute(add_initiative(new_initiative(112.81, -7.745, 500)));
    CHECK(doc.dirty());
    doc.undo();
    CHECK_FALSE(doc.dirty());
    doc.redo();
    CHECK(doc.dirty());
    CHECK_THROWS_AS(doc.save(), std::logic_error);  // no path yet

    const auto path = (std::filesystem::temp_directory_path() / "pc_doc_test_dirty.gpkg").string();
    std::remove(path.c_str());
    doc.save_as(path);
    CHECK(doc.path() == path);
    CHECK_FALSE(doc.dirty());
    doc.undo();
    CHECK(doc.dirty());  // the saved state had the initiative
    doc.redo();
    CHECK_FALSE(doc.dirty());
    doc.undo();
    doc.execute(add_initiative(new_initiative(112.82, -7.745, 500)));  // saved state now unreachable
    CHECK(doc.dirty());
    doc.undo();
    CHECK(doc.dirty());

    // Reopened, the document is clean and holds what was saved.
    auto reopened = Document::open(path);
    CHECK_FALSE(reopened->dirty());
    CHECK(reopened->project().initiatives.size() == 3);
    std::remove(path.c_str());
}

TEST_CASE("doc: revisions and selection follow the edits", "[doc]") {
    const Project original = small_project();
    Document doc(original);
    auto r0 = doc.revision();
    auto ri = doc.layer_revision(DocLayer::Initiatives);
    auto rf = doc.layer_revision(DocLayer::Facilities);
    doc.select(FeatureRef{DocLayer::Initiatives, original.initiatives[0].id});
    doc.execute(move_initiative(doc.project(), original.initiatives[0].id, 0.001, 0));
    CHECK(doc.revision() > r0);
    CHECK(doc.layer_revision(DocLayer::Initiatives) > ri);
    CHECK(doc.layer_revision(DocLayer::Facilities) == rf);
    CHECK(doc.selection().has_value());
    doc.execute(delete_initiative(doc.project(), original.initiatives[0].id));
    CHECK_FALSE(doc.selection().has_value());  // deleted features cannot stay selected
    doc.undo();
    CHECK(doc.exists(FeatureRef{DocLayer::Initiatives, original.initiatives[0].id}));
}

TEST_CASE("doc: the engine stays in step with the edits", "[doc][engine]") {
    const Project original = small_project();
    Document doc(original);
    const AnalysisResult before = doc.analysis();  // builds the engine, so edits go through apply()

    doc.execute(add_initiative(new_initiative(112.832, -7.745, 800)));
    doc.execute(move_facility(doc.project(), original.facilities[0].id, 0.004, 0.003));
    Facility f = doc.project().facilities[1];
    f.radius_m = 1600;
    doc.execute(update_facility(doc.project(), f));
    Facility retyped = doc.project().facilities[1];
    retyped.type = "sekolah";  // leaves puskesmas, joins sekolah
    doc.execute(update_facility(doc.project(), retyped));
    doc.execute(delete_initiative(doc.project(), original.initiatives[0].id));
    Zone z = original.zones[0];
    z.geometry = Geometry::rectangle(112.80, -7.75, 112.83, -7.74);
    doc.execute(update_zone(doc.project(), z));  // zone edits rebuild the engine
    doc.execute(move_initiative(doc.project(), doc.project().initiatives.back().id, -0.01, 0.0));

    CoverageEngine fresh(doc.project(), doc.options());
    require_same_coverage(doc.analysis(), fresh.run(doc.project()));

    for (int i = 0; i < 7; ++i) doc.undo();
    require_same_coverage(doc.analysis(), before);
    CoverageEngine fresh_original(original, doc.options());
    require_same_coverage(doc.analysis(), fresh_original.run(original));

    for (int i = 0; i < 7; ++i) doc.redo();
    CoverageEngine fresh_again(doc.project(), doc.options());
    require_same_coverage(doc.analysis(), fresh_again.run(doc.project()));
}

TEST_CASE("doc: what-if figures equal the full recompute", "[doc][engine]") {
    const Project original = small_project();
    Document doc(original);
    const AnalysisResult before = doc.analysis();

    SECTION("placing an initiative") {
        Initiative in = new_initiative(112.812, -7.741, 900);
        WhatIfResult w = doc.what_if_add(in);
        CHECK(w.service == "initiatives");
        doc.execute(add_initiative(in));
        const AnalysisResult& after = doc.analysis();
        CHECK(w.district.covered_population_delta ==
              Approx(district_covered(after, "initiatives") - district_covered(before, "initiatives")).margin(1e-6));
        CHECK(w.district.covered_population_delta > 0);
    }
    SECTION("dragging a facility") {
        FeatureRef ref{DocLayer::Facilities, original.facilities[0].id};
        auto ws = doc.what_if_move(ref, 0.012, 0.006);
        REQUIRE(ws.size() == 1);
        CHECK(ws[0].service == "puskesmas");
        doc.execute(move_facility(doc.project(), ref.id, 0.012, 0.006));
        const AnalysisResult& after = doc.analysis();
        CHECK(ws[0].district.covered_population_delta ==
              Approx(district_covered(after, "puskesmas") - district_covered(before, "puskesmas")).margin(1e-6));
        const ServiceCoverage* sa = after.service("puskesmas");
        const ServiceCoverage* sb = before.service("puskesmas");
        REQUIRE(sa);
        REQUIRE(sb);
        CHECK(ws[0].district.covered_km2_delta == Approx(sa->district.covered_km2 - sb->district.covered_km2).margin(1e-9));
        for (const UnitDelta& d : ws[0].desa) {
            for (std::size_t i = 0; i < sa->desa.size(); ++i)
                if (sa->desa[i].code == d.code)
                    CHECK(d.covered_population_delta ==
                          Approx(sa->desa[i].covered_population - sb->desa[i].covered_population).margin(1e-6));
        }
    }
    SECTION("an initiative without a radius changes nothing") {
        WhatIfResult w = doc.what_if_add(new_initiative(112.812, -7.741, std::nullopt));
        CHECK(w.district.covered_population_delta == 0);
        auto r = doc.execute(add_initiative(new_initiative(112.812, -7.741, std::nullopt)));
        CHECK(r.empty());
    }
}
