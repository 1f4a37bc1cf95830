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
