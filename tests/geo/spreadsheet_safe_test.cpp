// CSV exports never hand a spreadsheet a formula (OWASP "CSV injection"): text cells beginning with
// =, +, -, @, tab or carriage return get a leading apostrophe; an export read back keeps its names.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "geo/io/export.h"
#include "geo/io/import.h"
#include "geo/report/csv.h"
#include "geo/spreadsheet_safe.h"
#include "io/io_test_util.h"

using namespace pc;

namespace {
const char* const kFormulas[] = {"=HYPERLINK(\"http://x\",\"klik\")", "+62 812", "-2+3", "@SUM(A1:A9)", "\tTab", "\rCR"};
}

TEST_CASE("spreadsheet_safe: an apostrophe before formula starts only, and back", "[spreadsheet][csv]") {
    for (const char* f : kFormulas) {
        INFO(f);
        CHECK(spreadsheet_safe(f) == std::string("'") + f);
        CHECK(spreadsheet_unquoted(spreadsheet_safe(f)) == f);
    }
    for (const char* plain : {"Desa Sukamaju", "", "'quoted already", "a=b", "1-2", "'"}) {
        INFO(plain);
        CHECK(spreadsheet_safe(plain) == plain);
        CHECK(spreadsheet_unquoted(plain) == plain);
    }
}

TEST_CASE("CSV export: formula-like names are written with an apostrophe and read back as they were", "[spreadsheet][csv][io]") {
    test::TempDir dir;
    Project p = test::sample_project();
    for (std::size_t i = 0; i < p.desa.size() && i < 4; ++i) p.desa[i].name = kFormulas[i];
    export_project(p, nullptr, dir / "csv", ExportFormat::CSV);
    const std::string text = test::read_bytes(dir / "csv/desa.csv");
    for (std::size_t i = 0; i < 4; ++i) {
        INFO(kFormulas[i]);
        const std::string raw = kFormulas[i];
        // The cell as the CSV holds it: quoted when it has a quote or comma, with the apostrophe first.
        std::string cell = "'" + raw;
        if (raw.find_first_of("\",") != std::string::npos) {
            std::string q;
            for (char c : cell) q += c == '"' ? std::string("\"\"") : std::string(1, c);
            cell = "\"" + q + "\"";
        }
        CHECK(text.find("," + cell + ",") != std::string::npos);
        CHECK(text.find("," + raw + ",") == std::string::npos);
    }
    Project back;
    ImportOptions o;
    o.target = ImportTarget::Desa;
    o.require_population = false;
    import_layer(back, dir / "csv/desa.csv", o);
    REQUIRE(back.desa.size() == p.desa.size());
    for (std::size_t i = 0; i < 4; ++i) CHECK(back.desa[i].name == kFormulas[i]);
}

TEST_CASE("report CSV: formula-like text cells get an apostrophe, numbers stay numbers", "[spreadsheet][csv][report]") {
    ReportTable t{"t", "t", {{"key", ReportColumnType::Text}, {"n", ReportColumnType::Integer}, {"x", ReportColumnType::Real}}, {}};
    t.rows.push_back({std::string("=1+1"), std::int64_t(-5), -2.5});
    t.rows.push_back({std::string("@opd"), std::int64_t(7), 1.0});
    t.rows.push_back({std::string("Dinas Kesehatan"), std::int64_t(0), 0.0});
    const std::string csv = to_csv(t);
    CHECK(csv == "key,n,x\n'=1+1,-5,-2.5\n'@opd,7,1\nDinas Kesehatan,0,0\n");
}
