// Initiatives that say what service they provide: a WiFi initiative counts in the figures of WiFi as
// a WiFi point of the same radius would, survives the project file, and moves between services when
// its service is edited (and back on undo).
#include <catch2/catch.hpp>

#include <filesystem>

#include "doc_test_util.h"
#include "geo/analysis/engine.h"
#include "geo/doc/document.h"
#include "geo/io/project_file.h"

using namespace pc;
using doc_test::demo;

namespace {

Coord centre_of_demo() {
    Envelope all;
    for (const auto& d : demo().desa) all.expand(d.geometry.envelope());
    return all.centre();
}

Initiative wifi_initiative(Coord at) {
    Initiative in;
    in.id = new_uuid();
    in.name = "WiFi Alun-alun";
    in.pillar = Pillar::Society;
    in.service = "wifi";
    in.radius_m = 800;
    in.geometry = Geometry::point(at.x, at.y);
    return in;
}

double covered(const AnalysisResult& r, const std::string& service) {
    const ServiceCoverage* s = r.service(service);
    return s ? s->district.covered_population : 0.0;
}

}  // namespace

TEST_CASE("initiative service: a WiFi initiative counts as a WiFi point of its radius would", "[doc][service]") {
    const Coord at = centre_of_demo();
    Project with_initiative = demo();
    with_initiative.initiatives.push_back(wifi_initiative(at));
    // The independent form: the same place as a WiFi facility with the same radius.
    Project with_facility = demo();
    Facility f;
    f.id = new_uuid();
    f.type = "wifi";
    f.name = "WiFi Alun-alun";
    f.radius_m = 800;
    f.geometry = Geometry::point(at.x, at.y);
    with_facility.facilities.push_back(f);

    const AnalysisResult a = CoverageEngine(with_initiative).run(with_initiative);
    const AnalysisResult b = CoverageEngine(with_facility).run(with_facility);
    const AnalysisResult before = CoverageEngine(demo()).run(demo());
    CHECK(covered(a, "wifi") == Approx(covered(b, "wifi")).margin(1e-6));
    CHECK(covered(a, "wifi") > covered(before, "wifi"));
    // It is not counted a second time among the initiatives without a service.
    CHECK(covered(a, "initiatives") == Approx(covered(before, "initiatives")).margin(1e-6));
    const ServiceCoverage* wa = a.service("wifi");
    const ServiceCoverage* wb = b.service("wifi");
    REQUIRE(wa);
    REQUIRE(wb);
    REQUIRE(wa->desa.size() == wb->desa.size());
    for (std::size_t i = 0; i < wa->desa.size(); ++i)
        CHECK(wa->desa[i].covered_population == Approx(wb->desa[i].covered_population).margin(1e-6));
}

TEST_CASE("initiative service: kept by the project file, older files read without it", "[doc][service][io]") {
    const auto dir = doc_test::fresh_dir("service");
    Project p = demo();
    p.initiatives.push_back(wifi_initiative(centre_of_demo()));
    const std::string path = (dir / "plan.gpkg").string();
    save_project(p, path);
    const Project back = load_project(path);
    REQUIRE(back.initiatives.size() == p.initiatives.size());
    CHECK(back.initiatives.back().service == "wifi");
    CHECK(back.initiatives.front().service.empty());
    std::filesystem::remove_all(dir);
}

TEST_CASE("initiative service: editing the service moves its coverage, undo moves it back", "[doc][service]") {
    Document doc(demo());
    Initiative in = wifi_initiative(centre_of_demo());
    in.service.clear();  // placed without a service: counts among "initiatives"
    doc.execute(add_initiative(in));
    const double wifi0 = covered(doc.analysis(), "wifi"), ini0 = covered(doc.analysis(), "initiatives");
    Initiative as_wifi = in;
    as_wifi.service = "wifi";
    doc.execute(update_initiative(doc.project(), as_wifi));
    const AnalysisResult& now = doc.analysis();
    CHECK(covered(now, "wifi") > wifi0);
    CHECK(covered(now, "initiatives") <= ini0 + 1e-6);  // other initiatives may cover the same people
    const AnalysisResult fresh = CoverageEngine(doc.project()).run(doc.project());
    CHECK(covered(now, "wifi") == Approx(covered(fresh, "wifi")).margin(1e-6));
    CHECK(covered(now, "initiatives") == Approx(covered(fresh, "initiatives")).margin(1e-6));
    doc.undo();
    CHECK(covered(doc.analysis(), "wifi") == Approx(wifi0).margin(1e-6));
    CHECK(covered(doc.analysis(), "initiatives") == Approx(ini0).margin(1e-6));
}
