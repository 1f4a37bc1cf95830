// Numbers as Indonesian planners write them (geo/numbers.h) and the bounds of the model
// (geo/bounds.h): one table of texts and what each must become, or that it must be refused.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "geo/bounds.h"
#include "geo/doc/command.h"
#include "geo/error.h"
#include "geo/numbers.h"

using namespace pc;

namespace {

const Where kAt{"anggaran.csv", "anggaran", "3", "anggaran_rp"};

template <class Fn>
std::optional<std::string> refusal(Fn fn) {
    try {
        fn();
    } catch (const InputError& e) {
        return e.reason();
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("budgets as planners write them: Rp, dots, commas, juta, miliar, triliun", "[numbers]") {
    struct Row {
        const char* text;
        std::int64_t rupiah;
    };
    const Row rows[] = {
        {"Rp 1.500.000", 1'500'000},
        {"1.500.000", 1'500'000},
        {"Rp1.500.000,-", 1'500'000},
        {"Rp. 1.500.000,00", 1'500'000},
        {"1.500.000,50", 1'500'001},  // halves round up
        {"1.500.000,49", 1'500'000},
        {"1.500.000,5", 1'500'001},
        {"IDR 1,500,000", 1'500'000},
        {"1,500,000.50", 1'500'001},
        {"1 500 000", 1'500'000},
        {"1\xc2\xa0" "500\xc2\xa0" "000", 1'500'000},  // no-break spaces, as spreadsheets group
        {"Rp 2,5 M", 2'500'000'000},
        {"Rp 2,5M", 2'500'000'000},
        {"2,5 miliar", 2'500'000'000},
        {"2,5 Milyar", 2'500'000'000},
        {"750 juta", 750'000'000},
        {"750 jt", 750'000'000},
        {"750jt.", 750'000'000},
        {"1,2 T", 1'200'000'000'000},
        {"1,2 triliun", 1'200'000'000'000},
        {"2.500 juta", 2'500'000'000},  // Indonesian words: '.' groups thousands
        {"2,500 juta", 2'500'000},      // ... and ',' is the decimal comma
        {"1.5 billion", 1'500'000'000},
        {"2.500 million", 2'500'000},  // English words: '.' is the decimal point
        {"2,500 million", 2'500'000'000},
        {"350 ribu", 350'000},
        {"1.500", 1'500},  // one separator and three digits: thousands
        {"1,500", 1'500},
        {"1500000.0", 1'500'000},  // a spreadsheet's number as text
        {"1500000,75", 1'500'001},
        {"1.5e9", 1'500'000'000},
        {"1,5E+09", 1'500'000'000},
        {"0", 0},
        {" 150000000 ", 150'000'000},
        {"4294969321", 4'294'969'321},  // past 2^32: read, not wrapped
        {"9.999.999.999.999.999", 9'999'999'999'999'999},
        {"0,5", 1},
        {"0,49", 0},
        {"Rp 1.500.000 rupiah", 1'500'000},
    };
    for (const Row& r : rows) {
        INFO("'" << r.text << "'");
        CHECK(parse_rupiah(r.text, kAt) == r.rupiah);
    }
}

TEST_CASE("budgets that are refused, not misread: negative, too large, not numbers, odd groups", "[numbers]") {
    const char* refused[] = {
        "-300", "\xe2\x88\x92" "300", "Rp -1.500.000", "10.000.000.000.000.000", "12345678901234567890123",
        "10 juta miliar", "11.000 T", "Rp abc", "", "  ", "1.50.000", "1,5,0", "1.500.000,50,2", "2,5 X",
        "1e308", "1e17", "nan", "inf", "1,5 M M", "Rp", "2.", ".5.", "1..5", "12-3", "(300)",
    };
    for (const char* text : refused) {
        INFO("'" << text << "'");
        auto why = refusal([&] { parse_rupiah(text, kAt); });
        REQUIRE(why);
        CHECK_THAT(*why, Catch::Contains("'"));  // the message quotes the text
    }
    // Where it came from is in the message.
    try {
        parse_rupiah("-300", kAt);
    } catch (const InputError& e) {
        CHECK(e.where().field == "anggaran_rp");
        CHECK_THAT(std::string(e.what()), Catch::Contains("anggaran.csv") && Catch::Contains("negative"));
    }
    CHECK(rupiah_from_number(1'500'000.5, kAt) == 1'500'001);
    CHECK(rupiah_from_number(9'999'999'999'999'998.0, kAt) == 9'999'999'999'999'998);
    CHECK(refusal([] { rupiah_from_number(1e16, kAt); }));
    CHECK(refusal([] { rupiah_from_number(-0.5, kAt); }));
    CHECK(refusal([] { rupiah_from_number(std::nan(""), kAt); }));
    CHECK(refusal([] { rupiah_from_number(std::numeric_limits<double>::infinity(), kAt); }));
}

TEST_CASE("years as spreadsheets write them, within 1945-2100", "[numbers]") {
    struct Row {
        const char* text;
        int year;
    };
    const Row rows[] = {{"2025", 2025}, {"2025.0", 2025}, {"2025,00", 2025}, {" 2025 ", 2025}, {"1945", 1945}, {"2100", 2100}};
    for (const Row& r : rows) {
        INFO("'" << r.text << "'");
        CHECK(parse_year(r.text, kAt) == r.year);
    }
    const char* refused[] = {"1944", "2101", "20250", "99999", "2147483647", "-2147483648", "4294969321",
                             "2025.5", "2.025", "2025.", "abc", "", "0", "2025 M", "12345678901234567890"};
    for (const char* text : refused) {
        INFO("'" << text << "'");
        CHECK(refusal([&] { parse_year(text, kAt); }));
    }
    CHECK(year_from_number(2025.0, kAt) == 2025);
    CHECK(refusal([] { year_from_number(2025.5, kAt); }));
    CHECK(refusal([] { year_from_number(4294969321.0, kAt); }));
    CHECK(refusal([] { year_from_number(-2147483648.0, kAt); }));
    CHECK(refusal([] { year_from_number(std::nan(""), kAt); }));
}

TEST_CASE("populations and radii in either convention, coordinates", "[numbers]") {
    struct Row {
        const char* text;
        double value;
    };
    const Row rows[] = {{"12.345", 12345}, {"1.234,5", 1234.5}, {"1,234.5", 1234.5}, {"12 345", 12345},
                        {"615,6", 615.6}, {"615.6", 615.6},   {"0,500", 0.5},      {"1.234.567", 1234567},
                        {"0", 0},         {"1e3", 1000},      {"33704.6", 33704.6}};
    for (const Row& r : rows) {
        INFO("'" << r.text << "'");
        CHECK(parse_quantity(r.text, kAt) == r.value);
    }
    for (const char* text : {"-5", "abc", "", "1.2.3,4,5", "12,34,5", "inf", "1e999"}) {
        INFO("'" << text << "'");
        CHECK(refusal([&] { parse_quantity(text, kAt); }));
    }
    CHECK(parse_coordinate("113.4567", kAt) == 113.4567);
    CHECK(parse_coordinate("-7,1234", kAt) == -7.1234);
    CHECK(parse_coordinate(" 113 ", kAt) == 113);
    CHECK(refusal([] { parse_coordinate("113.456.7", kAt); }));
    CHECK(refusal([] { parse_coordinate("7°S", kAt); }));
}

TEST_CASE("bounds: population, radius, budget, year", "[numbers][bounds]") {
    const Where w{"desa.gpkg", "desa", "12", "penduduk"};
    CHECK(check_population(AdminLevel::Desa, 12'000, w).empty());
    CHECK(check_population(AdminLevel::Desa, 200'000, w).empty());
    CHECK_THAT(check_population(AdminLevel::Desa, 250'000, w), Catch::Contains("250000") && Catch::Contains("desa.gpkg"));
    CHECK(check_population(AdminLevel::Desa, 10'000'000, w).size() > 0);  // implausible, yet possible: a warning
    CHECK(refusal([&] { check_population(AdminLevel::Desa, 10'000'001, w); }));
    CHECK(refusal([&] { check_population(AdminLevel::Desa, 1e308, w); }));
    CHECK(refusal([&] { check_population(AdminLevel::Desa, -1, w); }));
    CHECK(refusal([&] { check_population(AdminLevel::Desa, std::nan(""), w); }));
    CHECK(check_population(AdminLevel::Kecamatan, 5'000'000, w).empty());
    CHECK(check_population(AdminLevel::Kabupaten, 5'500'000, w).empty());
    CHECK(refusal([&] { check_population(AdminLevel::Kabupaten, 3e8 + 1, w); }));

    for (double ok : {1.0, 500.0, 100'000.0}) CHECK_FALSE(refusal([&] { check_radius(ok, w); }));
    for (double bad : {-500.0, 0.0, 0.99, 100'000.5, 1e9, std::nan("")}) {
        INFO(bad);
        CHECK(refusal([&] { check_radius(bad, w); }));
    }
    CHECK_FALSE(refusal([&] { check_budget(0, w); }));
    CHECK_FALSE(refusal([&] { check_budget(kBudgetLimitRp - 1, w); }));
    CHECK(refusal([&] { check_budget(kBudgetLimitRp, w); }));
    CHECK(refusal([&] { check_budget(-300, w); }));
    CHECK(refusal([&] { check_budget(std::numeric_limits<std::int64_t>::max(), w); }));
    CHECK(refusal([&] { check_year(1944, w); }));
    CHECK_FALSE(refusal([&] { check_year(2045, w); }));
}

TEST_CASE("validate_initiative: years, order, budget, radius, validate_facility: radius", "[numbers][bounds]") {
    const Where w{"p.gpkg", "initiatives", "Smart Kampung"};
    Initiative good;
    good.start_year = 2025;
    good.end_year = 2029;
    good.budget_rp = 1'500'000'000;
    good.radius_m = 2000;
    CHECK_FALSE(refusal([&] { validate_initiative(good, w); }));
    Initiative no_years = good;
    no_years.start_year = no_years.end_year = 0;  // not set
    no_years.radius_m.reset();
    CHECK_FALSE(refusal([&] { validate_initiative(no_years, w); }));

    auto field_of_refusal = [&](Initiative in) -> std::string {
        try {
            validate_initiative(in, w);
        } catch (const InputError& e) {
            return e.where().field;
        }
        return "";
    };
    Initiative x = good;
    x.start_year = std::numeric_limits<int>::min();
    x.end_year = std::numeric_limits<int>::max();
    CHECK(field_of_refusal(x) == "start_year");
    x = good;
    x.end_year = std::numeric_limits<int>::max();
    CHECK(field_of_refusal(x) == "end_year");
    x = good;
    x.end_year = 99999;
    CHECK(field_of_refusal(x) == "end_year");
    x = good;
    x.end_year = 2024;
    CHECK(field_of_refusal(x) == "end_year");
    x = good;
    x.budget_rp = -300;
    CHECK(field_of_refusal(x) == "budget_rp");
    x = good;
    x.budget_rp = std::numeric_limits<std::int64_t>::max();
    CHECK(field_of_refusal(x) == "budget_rp");
    x = good;
    x.radius_m = -500;
    CHECK(field_of_refusal(x) == "radius_m");
    x = good;
    x.radius_m = 1e9;
    CHECK(field_of_refusal(x) == "radius_m");

    Facility f;
    f.radius_m = -500;
    CHECK(refusal([&] { validate_facility(f, w); }));
    f.radius_m.reset();  // the type's default
    CHECK_FALSE(refusal([&] { validate_facility(f, w); }));
}

TEST_CASE("add_rupiah: totals that do not fit are refused, not wrapped", "[numbers]") {
    const std::int64_t max = std::numeric_limits<std::int64_t>::max();
    CHECK(add_rupiah(1, 2, kAt) == 3);
    CHECK(add_rupiah(max - 5, 5, kAt) == max);
    CHECK(refusal([&] { add_rupiah(max - 5, 6, kAt); }));
    std::int64_t total = 0;
    std::optional<std::string> why;
    for (int i = 0; i < 1000 && !why; ++i) why = refusal([&] { total = add_rupiah(total, kBudgetLimitRp - 1, kAt); });
    CHECK(why);
    CHECK(total > 0);  // never wrapped below zero
}

TEST_CASE("the document's commands hold initiatives and facilities to the same bounds", "[numbers][bounds][doc]") {
    Project p;
    Initiative in;
    in.id = new_uuid();
    in.name = "Smart Kampung";
    in.start_year = 2025;
    in.end_year = 2026;
    in.budget_rp = 100;
    auto add = add_initiative(in);
    add->apply(p);
    REQUIRE(p.initiatives.size() == 1);
    Initiative bad = in;
    bad.budget_rp = -300;
    CHECK_THROWS_AS(update_initiative(p, bad), InputError);
    bad = in;
    bad.end_year = 99999;
    CHECK_THROWS_AS(update_initiative(p, bad), InputError);
    bad = in;
    bad.id = new_uuid();
    bad.radius_m = -500;
    CHECK_THROWS_AS(add_initiative(bad), InputError);
    CHECK(p.initiatives.front() == in);  // nothing applied
    Facility f;
    f.id = new_uuid();
    f.type = "puskesmas";
    f.radius_m = 1e9;
    CHECK_THROWS_AS(add_facility(f), InputError);
    f.radius_m = 2000;
    CHECK_NOTHROW(add_facility(f));
}
