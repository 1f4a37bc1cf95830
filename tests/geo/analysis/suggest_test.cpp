// Site suggestion: hand-computable cases (a disc in a uniform desa; a case greedy gets wrong and a
// swap repairs) and agreement with a full analysis after placing the suggested sites (demo district).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>

#include "engine_test_util.h"
#include "geo/analysis/engine.h"
#include "geo/analysis/suggest.h"
#include "geo/demo/demo.h"
#include "geo/report/suggest_html.h"
#include "geo/io/suggest_output.h"
#include "geo/gdal.h"
#include "geo/io/io_test_util.h"

using namespace pc;
using namespace pc::test;

namespace {

// Area of GEOS's buffer of a point: a regular polygon of 4·q vertices on the circle.
double disc_area(double r, int q = 8) {
    const int n = 4 * q;
    return 0.5 * n * r * r * std::sin(2 * kPi / n);
}

SiteCandidate at(double x, double y, const char* label) {
    return {utm().point(x, y).points[0], label};
}

double covered(const Project& p, const std::string& service, const std::string& zone = "") {
    CoverageEngine e(p);
    const auto r = e.run(p);
    const auto* s = r.service(service);
    REQUIRE(s);
    if (zone.empty()) return s->district.covered_population;
    for (auto& z : s->zones)
        if (z.code == zone) return z.covered_population;
    FAIL("no zone " << zone);
    return 0;
}

// The sites as facilities of the service (the type's radius), as a planner accepting them would.
Project with_sites(Project p, const SuggestResult& r, std::size_t first_n) {
    for (std::size_t k = 0; k < first_n && k < r.sites.size(); ++k)
        p.facilities.push_back(facility(r.service, Geometry::point(r.sites[k].lonlat.x, r.sites[k].lonlat.y), r.radius_m));
    return p;
}

}  // namespace

TEST_CASE("suggest: one site in a uniform desa covers the disc's area times the density", "[suggest]") {
    Project p = base_project();
    p.desa.push_back(desa("35.99.01.2001", "35.99.01", utm().rect(0, 0, 10000, 10000), 1e6));
    CoverageEngine e(p);
    SuggestOptions o;
    o.service = "bts";  // 1000 m
    o.count = 1;
    o.source = CandidateSource::Given;
    o.given = {at(5000, 5000, "centre"), at(200, 200, "corner")};
    auto r = suggest_sites(e, p, o);
    REQUIRE(r.sites.size() == 1);
    CHECK(r.sites[0].label == "centre");
    CHECK(r.sites[0].people_added == Approx(1e6 / 1e8 * disc_area(1000)).epsilon(1e-7));
    CHECK(r.uncovered_before == Approx(1e6).epsilon(1e-9));
    CHECK(r.sites[0].desa_code == "35.99.01.2001");
    CHECK(r.sites[0].serves.size() == 1);

    // An existing tower on the centre: the candidate there adds no one, the corner adds its quarter
    // disc... clipped by the desa: the part of the disc inside the square.
    p.facilities.push_back(facility("bts", utm().point(5000, 5000), 1000.0));
    CoverageEngine e2(p);
    auto r2 = suggest_sites(e2, p, o);
    CHECK(r2.uncovered_before == Approx(1e6 * (1 - disc_area(1000) / 1e8)).epsilon(1e-7));
    REQUIRE(r2.sites.size() == 1);
    CHECK(r2.sites[0].label == "corner");
    // The corner disc (centre 200 m from both edges) inside the square, by an independent count:
    // the analysis after placing it.
    CHECK(r2.people_added == Approx(covered(with_sites(p, r2, 1), "bts") - covered(p, "bts")).epsilon(1e-9));
}

TEST_CASE("suggest: swaps repair a greedy choice (two squares, a middle site)", "[suggest]") {
    // Squares of 1400 m centred at x = ±700 with 1000 people each; discs of 1000 m. The middle site
    // covers 1301 people (more than a side's 1000), so greedy takes it and then one side: 1650. The
    // optimum is both sides: every person, 2000.
    Project p = base_project();
    p.desa.push_back(desa("35.99.01.2001", "35.99.01", utm().rect(-1400, -700, 0, 700), 1000.0));
    p.desa.push_back(desa("35.99.01.2002", "35.99.01", utm().rect(0, -700, 1400, 700), 1000.0));
    CoverageEngine e(p);
    SuggestOptions o;
    o.service = "bts";
    o.count = 2;
    o.source = CandidateSource::Given;
    o.given = {at(-700, 0, "west"), at(0, 0, "middle"), at(700, 0, "east")};
    o.swaps = false;
    auto greedy = suggest_sites(e, p, o);
    CHECK(greedy.people_added < 1700);
    CHECK(greedy.people_added > 1600);
    o.swaps = true;
    auto r = suggest_sites(e, p, o);
    CHECK(r.greedy_people == Approx(greedy.people_added).epsilon(1e-12));
    CHECK(r.swaps >= 1);
    CHECK(r.people_added == Approx(2000).epsilon(1e-9));
    REQUIRE(r.sites.size() == 2);
    std::vector<std::string> labels{r.sites[0].label, r.sites[1].label};
    std::sort(labels.begin(), labels.end());
    CHECK(labels == std::vector<std::string>{"east", "west"});
    CHECK(r.sites[1].cumulative == Approx(2000).epsilon(1e-9));
    // The first side's disc reaches 300 m into the other square: it serves both desa.
    CHECK(r.sites[0].serves.size() == 2);
    CHECK(r.sites[0].people_added > 1000);
}

TEST_CASE("suggest: people added equal a full analysis after placing the sites (demo)", "[suggest]") {
    const Project p = make_demo_project();
    CoverageEngine e(p);
    for (auto source : {CandidateSource::DesaCentres, CandidateSource::Grid}) {
        SuggestOptions o;
        o.service = "puskesmas";
        o.count = 4;
        o.source = source;
        o.grid_spacing_m = 1500;
        auto r = suggest_sites(e, p, o);
        REQUIRE(r.sites.size() == 4);
        const double before = covered(p, o.service);
        CHECK(r.uncovered_before == Approx(r.population - before).epsilon(1e-6));
        // After each prefix of the curve: the cumulative people added.
        for (std::size_t k = 1; k <= r.sites.size(); ++k) {
            const double after = covered(with_sites(p, r, k), o.service);
            CHECK(r.sites[k - 1].cumulative == Approx(after - before).epsilon(1e-6));
        }
        // The curve never rises faster further on (greedy order) and each site's desa list adds up.
        for (std::size_t k = 1; k < r.sites.size(); ++k) CHECK(r.sites[k].people_added <= r.sites[k - 1].people_added + 1e-9);
        for (auto& s : r.sites) {
            double sum = 0;
            for (auto& d : s.serves) sum += d.people;
            CHECK(sum == Approx(s.people_added).epsilon(1e-9));
        }
        // The value of the chosen set, evaluated on its own, is the same.
        std::vector<std::size_t> chosen;
        for (auto& s : r.sites) chosen.push_back(s.candidate);
        CHECK(suggest_value(e, p, o, chosen) == Approx(r.people_added).epsilon(1e-9));
    }
}

TEST_CASE("suggest: within a zone, the people added are the zone's (demo)", "[suggest]") {
    const Project p = make_demo_project();
    REQUIRE(!p.zones.empty());
    CoverageEngine e(p);
    SuggestOptions o;
    o.service = "bts";
    o.count = 2;
    o.within = p.zones[0].code;
    auto r = suggest_sites(e, p, o);
    REQUIRE(!r.sites.empty());
    const double before = covered(p, o.service, p.zones[0].code);
    const double after = covered(with_sites(p, r, r.sites.size()), o.service, p.zones[0].code);
    CHECK(r.people_added == Approx(after - before).epsilon(1e-6));
    CHECK(r.within_label == p.zones[0].name);
}

TEST_CASE("suggest: within a kecamatan, the people added are the kecamatan's (demo)", "[suggest]") {
    const Project p = make_demo_project();
    CoverageEngine e(p);
    SuggestOptions o;
    o.service = "sekolah";
    o.count = 2;
    o.within = p.kecamatan[1].name;
    auto r = suggest_sites(e, p, o);
    REQUIRE(r.sites.size() == 2);
    auto kec_covered = [&](const Project& q) {
        CoverageEngine qe(q);
        const auto result = qe.run(q);  // a range-for over run(q)'s member would outlive the result
        for (auto& k : result.service("sekolah")->kecamatan)
            if (k.code == p.kecamatan[1].code) return k.covered_population;
        return -1.0;
    };
    // Only the kecamatan's people count, and every site stands in it.
    CHECK(r.people_added == Approx(kec_covered(with_sites(p, r, 2)) - kec_covered(p)).epsilon(1e-6));
    for (auto& s : r.sites) CHECK(s.kecamatan_code == p.kecamatan[1].code);
}

TEST_CASE("suggest: budget and bad input", "[suggest]") {
    CHECK(sites_for_budget(1'000'000'000, 300'000'000) == 3);
    CHECK(sites_for_budget(299'999'999, 300'000'000) == 0);
    CHECK_THROWS_AS(sites_for_budget(1, 0), InputError);
    const Project p = make_demo_project();
    CoverageEngine e(p);
    SuggestOptions o;
    o.service = "menara";
    CHECK_THROWS_WITH(suggest_sites(e, p, o), Catch::Contains("--service") && Catch::Contains("puskesmas"));
    o.service = "bts";
    o.within = "no such zone";
    CHECK_THROWS_WITH(suggest_sites(e, p, o), Catch::Contains("--within"));
}

TEST_CASE("suggest: the curve, the map and the section of the report", "[suggest]") {
    const Project p = make_demo_project();
    CoverageEngine e(p);
    SuggestOptions o;
    o.service = "puskesmas";
    o.count = 3;
    const auto r = suggest_sites(e, p, o);
    REQUIRE(r.sites.size() == 3);
    // The cumulative line: from 0 through one point per site, rising (SVG y falls) as people add up.
    const std::string curve = suggestion_curve_svg(r, ReportLanguage::English);
    const auto at = curve.find("class=\"cumulative\" points=\"");
    REQUIRE(at != std::string::npos);
    const std::string pts = curve.substr(at + 27, curve.find('"', at + 27) - at - 27);
    std::vector<std::pair<double, double>> xy;
    for (std::size_t i = 0; i < pts.size();) {
        const std::size_t sp = pts.find(' ', i);
        const std::string one = pts.substr(i, sp == std::string::npos ? std::string::npos : sp - i);
        xy.push_back({std::stod(one.substr(0, one.find(','))), std::stod(one.substr(one.find(',') + 1))});
        if (sp == std::string::npos) break;
        i = sp + 1;
    }
    REQUIRE(xy.size() == 4);
    for (std::size_t k = 1; k < xy.size(); ++k) {
        CHECK(xy[k].first > xy[k - 1].first);
        CHECK(xy[k].second < xy[k - 1].second);
    }
    // Heights are proportional to the cumulative people: (y0 - yk) / (y0 - y1) = cumulative_k / cumulative_1.
    for (std::size_t k = 1; k < xy.size(); ++k)
        CHECK((xy[0].second - xy[k].second) / (xy[0].second - xy[1].second) ==
              Approx(r.sites[k - 1].cumulative / r.sites[0].cumulative).epsilon(1e-3));
    const std::string map = suggestion_map_svg(r, p);
    auto count = [](const std::string& s, const std::string& what) {
        std::size_t n = 0;
        for (auto i = s.find(what); i != std::string::npos; i = s.find(what, i + 1)) ++n;
        return n;
    };
    CHECK(count(map, "<circle") == 3);
    CHECK(count(map, "<path") == p.desa.size() + 3);
    const std::string html = suggestion_section_html(r, p, ReportLanguage::Indonesian, 300'000'000);
    for (auto& s : r.sites) {
        CHECK(html.find(format_number(s.people_added, 0, ReportLanguage::Indonesian)) != std::string::npos);
        CHECK(html.find(format_number(300'000'000 / s.people_added, 0, ReportLanguage::Indonesian)) != std::string::npos);
    }
    CHECK(html.find("Kurva kumulatif") != std::string::npos);
}

TEST_CASE("suggest: the knee of the cumulative curve (where adding more stops paying), by hand", "[suggest]") {
    // Chord (0,0)-(4,165); n·c_k − c_n·k: k=1 4·100−165=235, k=2 600−330=270, k=3 640−495=145, k=4 0.
    CHECK(suggestion_knee({100, 150, 160, 165}) == 2);
    // A steep first site: 4·90−100=260, 4·95−200=180 ...
    CHECK(suggestion_knee({90, 95, 98, 100}) == 1);
    // Every site adds the same (a straight line): the first.
    CHECK(suggestion_knee({10, 20, 30}) == 1);
    CHECK(suggestion_knee({}) == 0);
    CHECK(suggestion_knee({42}) == 1);
}

TEST_CASE("suggest: a slide's parameters as options", "[suggest]") {
    Project p = make_demo_project();
    ViewSuggestion g;
    g.count = 4;
    SuggestOptions o = suggest_options(g, p);
    CHECK(o.service == p.settings.facility_types.front().key);  // "" = the first type
    CHECK(o.count == 4);
    CHECK(o.source == CandidateSource::DesaCentres);
    g.service = "bts";
    g.budget_rp = 1'000'000'000;
    g.cost_per_site_rp = 300'000'000;  // the budget wins over the count: 3 sites
    g.candidates = "grid:750";
    g.within = "KPPN-1";
    g.radius_m = 900;
    o = suggest_options(g, p);
    CHECK(o.service == "bts");
    CHECK(o.count == 3);
    CHECK(o.source == CandidateSource::Grid);
    CHECK(o.grid_spacing_m == 750);
    CHECK(o.within == "KPPN-1");
    CHECK(o.radius_m == 900);
    g.cost_per_site_rp = 2'000'000'000;
    CHECK_THROWS_AS(suggest_options(g, p), InputError);  // buys no site
    g.budget_rp = 0;
    g.candidates = "hexagons";
    CHECK_THROWS_AS(suggest_options(g, p), InputError);
}

TEST_CASE("suggest: names a spreadsheet would run as formulas get an apostrophe in the CSV, not in the GeoPackage",
          "[suggest][csv]") {
    Project p = make_demo_project();
    for (auto& d : p.desa) d.name = "=HYPERLINK(\"http://x\",\"" + d.name + "\")";
    for (auto& k : p.kecamatan) k.name = "@" + k.name;
    CoverageEngine e(p);
    SuggestOptions o;
    o.service = "puskesmas";
    o.count = 2;
    const auto r = suggest_sites(e, p, o);
    REQUIRE(r.sites.size() == 2);
    TempDir dir;
    write_suggestion(r, dir.path.string(), 0);
    for (const char* name : {"sites.csv", "sites_desa.csv"}) {
        std::ifstream in(dir / name);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        INFO(name << ":\n" << text);
        REQUIRE(text.find("HYPERLINK") != std::string::npos);
        // Every cell that starts with = or @ (after an optional quote) is guarded by the apostrophe.
        for (std::size_t i = 0; i < text.size(); ++i) {
            const bool cell_start = i == 0 || text[i - 1] == ',' || text[i - 1] == '\n' ||
                                    (text[i - 1] == '"' && (i == 1 || text[i - 2] == ',' || text[i - 2] == '\n'));
            if (cell_start) CHECK((text[i] != '=' && text[i] != '@'));
        }
        CHECK(text.find("'=HYPERLINK") != std::string::npos);
        CHECK(text.find("'@") != std::string::npos);
    }
    // The GeoPackage keeps the names as they are.
    auto ds = open_vector(dir / "sites.gpkg");
    OGRLayer* layer = ds->GetLayerByName("suggested_sites");
    REQUIRE(layer);
    std::size_t seen = 0;
    for (auto& f : *layer)
        for (int i = 0; i < f->GetFieldCount(); ++i)
            if (f->IsFieldSetAndNotNull(i) && f->GetFieldDefnRef(i)->GetType() == OFTString) {
                const std::string v = f->GetFieldAsString(i);
                CHECK(v.front() != '\'');
                seen += v.rfind("=HYPERLINK", 0) == 0;
            }
    CHECK(seen >= r.sites.size());  // at least each site's desa name
}
