// The HTML report's pieces that need no maps: number formats, base64, and the structure of a
// report of the demo (every kecamatan has its atlas section and table).
#include <catch2/catch.hpp>

#include "geo/analysis/engine.h"
#include "geo/demo/demo.h"
#include "geo/report/html.h"

using namespace pc;

TEST_CASE("report html: numbers in Indonesian and English formats", "[report][html]") {
    CHECK(format_number(1234567.891, 2, ReportLanguage::Indonesian) == "1.234.567,89");
    CHECK(format_number(1234567.891, 2, ReportLanguage::English) == "1,234,567.89");
    CHECK(format_number(999.5, 0, ReportLanguage::Indonesian) == "1.000");
    CHECK(format_number(12, 0, ReportLanguage::English) == "12");
    CHECK(format_number(-0.04, 1, ReportLanguage::Indonesian) == "0,0");
    CHECK(format_number(-1234.5, 1, ReportLanguage::English) == "-1,234.5");
}

TEST_CASE("report html: base64 of RFC 4648's test vectors", "[report][html]") {
    auto b = [](std::string s) { return base64(std::vector<std::uint8_t>(s.begin(), s.end())); };
    CHECK(b("") == "");
    CHECK(b("f") == "Zg==");
    CHECK(b("fo") == "Zm8=");
    CHECK(b("foo") == "Zm9v");
    CHECK(b("foob") == "Zm9vYg==");
    CHECK(b("fooba") == "Zm9vYmE=");
    CHECK(b("foobar") == "Zm9vYmFy");
}

TEST_CASE("report html: a section and a coverage table per kecamatan, maps embedded", "[report][html]") {
    Project p = make_demo_project();
    CoverageEngine engine(p, AnalysisOptions{});
    AnalysisResult r = engine.run(p);
    HtmlReportInput in;
    in.project = &p;
    in.result = &r;
    in.maps.push_back({"Peta", "", {0x89, 'P', 'N', 'G'}});
    const std::string h = html_report(in);
    CHECK(h.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(h.find("src=\"data:image/png;base64,iVBORw==\"") != std::string::npos);
    for (const auto& k : p.kecamatan) {
        INFO(k.name);
        CHECK(h.find("<section class=\"atlas\" data-kecamatan=\"" + k.code + "\">") != std::string::npos);
        CHECK(h.find("data-table=\"metrics_kecamatan\" data-kecamatan=\"" + k.code + "\"") != std::string::npos);
        CHECK(h.find(k.name) != std::string::npos);
    }
    for (const auto& s : r.services) {
        INFO(s.service);
        CHECK(h.find("data-table=\"metrics_kecamatan\" data-service=\"" + s.service + "\"") != std::string::npos);
        CHECK(h.find("data-table=\"gap_ranking\" data-service=\"" + s.service + "\"") != std::string::npos);
    }
    CHECK(h.find(r.provenance.inputs_sha256) != std::string::npos);
    in.language = ReportLanguage::English;
    const std::string en = html_report(in);
    CHECK(en.find("Kecamatan atlas") != std::string::npos);
    CHECK(en.find("<html lang=\"en\">") != std::string::npos);
}

TEST_CASE("report html: a scenario's change table, one row per kecamatan and the district, largest gain first", "[report][html][scenario]") {
    Project p = make_demo_project();
    CoverageEngine engine(p, AnalysisOptions{});
    AnalysisResult r = engine.run(p);
    HtmlReportInput in;
    in.project = &p;
    in.result = &r;
    CHECK(html_report(in).find("data-table=\"scenario\"") == std::string::npos);  // no scenario view: no table
    // Hand-made figures: 1 000 people of whom 200 covered before and 650 after (+450; 20,0 % -> 65,0 %);
    // a second kecamatan that the plan leaves unchanged.
    ReportScenario s;
    s.title = "Rencana 2026";
    s.filter.years = {2026};
    s.filter.statuses = {Status::Rencana};
    ScenarioComparison& c = s.comparison;
    c.service = "puskesmas";
    c.initiatives_in_plan = 3;
    c.plan_budget_rp = 4'500'000'000;
    ScenarioUnit same{"99.01.02", "Tetap", "99.01", 500, 10, 100, 100, 2, 2};
    ScenarioUnit gain{"99.01.01", "Tumbuh", "99.01", 1000, 20, 200, 650, 3, 9};
    gain.desa_gaps_closed = 2;
    c.kecamatan = {same, gain};
    c.district = {"99.01", "", "", 1500, 30, 300, 750, 5, 11};
    c.district.desa_gaps_closed = 2;
    in.scenarios.push_back(s);
    const std::string h = html_report(in);
    const std::size_t table = h.find("<table class=\"data\" data-table=\"scenario\" data-service=\"puskesmas\" data-view=\"Rencana 2026\">");
    REQUIRE(table != std::string::npos);
    const std::size_t g = h.find("<tr><td>99.01.01</td><td>Tumbuh</td><td class=\"n\">1.000</td><td class=\"n\">200</td><td class=\"n\">650</td>"
                                 "<td class=\"n\">+450</td><td class=\"n\">20,0&nbsp;%</td><td class=\"n\">65,0&nbsp;%</td><td class=\"n\">2</td></tr>",
                                 table);
    const std::size_t t = h.find("<tr><td>99.01.02</td><td>Tetap</td><td class=\"n\">500</td><td class=\"n\">100</td><td class=\"n\">100</td>"
                                 "<td class=\"n\">0</td>",
                                 table);
    const std::size_t d = h.find("<tr class=\"total\"><td>99.01</td><td>Kabupaten</td><td class=\"n\">1.500</td><td class=\"n\">300</td>"
                                 "<td class=\"n\">750</td><td class=\"n\">+450</td>",
                                 table);
    CHECK(g != std::string::npos);
    CHECK(t != std::string::npos);
    CHECK(d != std::string::npos);
    CHECK(g < t);  // the gain first
    CHECK(t < d);  // the district last
    CHECK(h.find("tahun 2026; status Rencana", table - 600) != std::string::npos);
    CHECK(h.find("Rp&nbsp;4.500.000.000", table - 600) != std::string::npos);
    // The section sits between the maps and the coverage per kecamatan.
    CHECK(h.find("2b. Rencana terhadap kondisi awal") < h.find("3. Cakupan per kecamatan"));
}
