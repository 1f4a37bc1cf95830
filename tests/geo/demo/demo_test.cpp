#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <unistd.h>

#include "geo/demo/demo.h"
#include "geo/error.h"
#include "geo/geos.h"
#include "geo/hash.h"

using namespace pc;
namespace fs = std::filesystem;

namespace {
const Project& demo() {
    static const Project p = make_demo_project();
    return p;
}

std::string fingerprint(const Project& p) {
    Sha256 h;
    for (auto* layer : {&p.kabupaten, &p.kecamatan, &p.desa})
        for (auto& u : *layer) h.add(u.id).add(u.code).add(u.name).add(*u.population).add(u.geometry);
    for (auto& f : p.facilities) h.add(f.id).add(f.type).add(f.name).add(f.geometry).add(f.radius_m.value_or(-1));
    for (auto& z : p.zones) h.add(z.id).add(z.code).add(z.geometry);
    for (auto& i : p.initiatives) h.add(i.id).add(i.name).add(i.budget_rp).add(i.geometry);
    return h.hex();
}
}  // namespace

TEST_CASE("demo: same seed gives the identical project, another seed a different one") {
    Project again = make_demo_project(2025);
    CHECK(again == demo());
    CHECK(fingerprint(again) == fingerprint(demo()));
    Project other = make_demo_project(7);
    CHECK_FALSE(other == demo());
    CHECK(fingerprint(other) != fingerprint(demo()));
}

TEST_CASE("demo: clearly labelled fictional district 99.01 in Jawa Timur's UTM 49S area") {
    const auto& p = demo();
    CHECK(p.settings.district_code == "99.01");
    CHECK(p.settings.district_name.find("DEMO") != std::string::npos);
    CHECK(p.settings.district_name.find("fiktif") != std::string::npos);
    CHECK(p.settings.period_start == 2025);
    CHECK(p.settings.period_end == 2029);
    REQUIRE(p.kabupaten.size() == 1);
    auto e = p.kabupaten[0].geometry.envelope();
    CHECK(e.min_x >= 112.5);
    CHECK(e.max_x <= 113.1);
    CHECK(e.min_y >= -8.0);
    CHECK(e.max_y <= -7.5);
}

TEST_CASE("demo: a dozen kecamatan, about 150 desa with Kemendagri-style codes and ~600k people") {
    const auto& p = demo();
    CHECK(p.kecamatan.size() == 12);
    CHECK(p.desa.size() >= 130);
    CHECK(p.desa.size() <= 170);
    std::regex kec_code(R"(99\.01\.\d\d)"), desa_code(R"(99\.01\.\d\d\.[12]\d\d\d)");
    std::set<std::string> codes;
    std::map<std::string, double> kec_pop;
    int kelurahan = 0;
    double total = 0;
    for (auto& k : p.kecamatan) CHECK(std::regex_match(k.code, kec_code));
    for (auto& d : p.desa) {
        CHECK(std::regex_match(d.code, desa_code));
        CHECK(d.code.rfind(d.parent_code + ".", 0) == 0);
        CHECK(codes.insert(d.code).second);
        REQUIRE(d.population);
        CHECK(*d.population > 0);
        kec_pop[d.parent_code] += *d.population;
        total += *d.population;
        if (d.code[9] == '1') ++kelurahan;
    }
    CHECK(kelurahan > 0);
    CHECK(total == Approx(600000).epsilon(0.01));
    for (auto& k : p.kecamatan) CHECK(*k.population == Approx(kec_pop[k.code]));
    CHECK(*p.kabupaten[0].population == Approx(total));
}

TEST_CASE("demo: population is denser in the town kecamatan than on the mountain") {
    GeosContext ctx;
    std::map<std::string, double> density;
    for (auto& k : demo().kecamatan) density[k.code] = *k.population / ctx.area(ctx.from(k.geometry).get());
    CHECK(density["99.01.01"] > 3 * density["99.01.10"]);
}

TEST_CASE("demo: desa tile the district: valid, no overlaps, union = outline") {
    GeosContext ctx;
    double sum = 0;
    std::vector<GeomPtr> parts;
    for (auto& d : demo().desa) {
        auto g = ctx.from(d.geometry);
        CHECK(ctx.is_valid(g.get()));
        sum += ctx.area(g.get());
        parts.push_back(std::move(g));
    }
    auto all = ctx.union_all(std::move(parts));
    double outline = ctx.area(ctx.from(demo().kabupaten[0].geometry).get());
    CHECK(ctx.area(all.get()) == Approx(sum).epsilon(1e-9));
    CHECK(outline == Approx(sum).epsilon(1e-9));
    // About 1,000-1,400 km² (1 degree² ≈ 12,230 km² at 7.75° S).
    CHECK(outline * 110.574 * 110.36 > 900);
    CHECK(outline * 110.574 * 110.36 < 1500);
}

TEST_CASE("demo: facilities, one KPPN zone over three kecamatan") {
    const auto& p = demo();
    std::map<std::string, int> by_type;
    for (auto& f : p.facilities) {
        ++by_type[f.type];
        CHECK(f.geometry.kind == GeometryKind::Point);
        CHECK(p.facility_type(f.type) != nullptr);
    }
    CHECK(by_type["puskesmas"] >= 12);
    CHECK(by_type["sekolah"] == 60);
    CHECK(by_type["bts"] == 40);
    CHECK(by_type["wifi"] == 30);
    REQUIRE(p.zones.size() == 1);
    CHECK(p.zones[0].kind == "KPPN");
    GeosContext ctx;
    auto zone = ctx.from(p.zones[0].geometry);
    int covered = 0;
    for (auto& k : p.kecamatan) {
        auto g = ctx.from(k.geometry);
        if (ctx.area(ctx.intersection(zone.get(), g.get()).get()) > 0.99 * ctx.area(g.get())) ++covered;
    }
    CHECK(covered == 3);
}

TEST_CASE("demo: initiatives span six pillars, three elements, at least 8 OPD, the masterplan years") {
    const auto& p = demo();
    CHECK(p.initiatives.size() >= 28);
    std::set<Pillar> pillars;
    std::set<Element> elements;
    std::set<std::string> opd;
    std::set<GeometryKind> kinds;
    int quick = 0, with_radius = 0;
    for (auto& i : p.initiatives) {
        pillars.insert(i.pillar);
        elements.insert(i.element);
        opd.insert(i.opd);
        kinds.insert(i.geometry.kind);
        CHECK(i.start_year >= 2025);
        CHECK(i.end_year <= 2029);
        CHECK(i.start_year <= i.end_year);
        CHECK(i.budget_rp > 0);
        CHECK_FALSE(i.description.empty());
        quick += i.quick_win;
        with_radius += i.radius_m.has_value();
        for (auto& o : {i.opd}) CHECK(std::find(p.settings.opd.begin(), p.settings.opd.end(), o) != p.settings.opd.end());
    }
    CHECK(pillars.size() == 6);
    CHECK(elements.size() == 3);
    CHECK(opd.size() >= 8);
    CHECK(kinds.size() == 3);
    CHECK(quick > 0);
    CHECK(with_radius > 0);
}

TEST_CASE("demo: every feature has a unique UUID") {
    const auto& p = demo();
    std::set<std::string> ids;
    auto check = [&](const std::string& id) {
        CHECK(is_uuid(id));
        CHECK(ids.insert(id).second);
    };
    for (auto* layer : {&p.kabupaten, &p.kecamatan, &p.desa})
        for (auto& u : *layer) check(u.id);
    for (auto& f : p.facilities) check(f.id);
    for (auto& z : p.zones) check(z.id);
    for (auto& i : p.initiatives) check(i.id);
}

TEST_CASE("demo: a wrong input names the CSV file, row and field") {
    fs::path dir = fs::temp_directory_path() / ("pc_demo_bad_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    fs::copy_file(fs::path(demo_data_dir()) / "demo_district.csv", dir / "demo_district.csv",
                  fs::copy_options::overwrite_existing);
    std::ifstream in(fs::path(demo_data_dir()) / "demo_initiatives.csv");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    auto pos = text.find(",governance,");
    REQUIRE(pos != std::string::npos);
    text.replace(pos, 12, ",pemerintah,");
    std::ofstream(dir / "demo_initiatives.csv") << text;
    try {
        make_demo_project(2025, dir.string());
        FAIL("no error");
    } catch (const InputError& e) {
        std::string m = e.what();
        CHECK(m.find("demo_initiatives.csv") != std::string::npos);
        CHECK(m.find("row 1") != std::string::npos);
        CHECK(m.find("pillar") != std::string::npos);
    }
    fs::remove_all(dir);
}
