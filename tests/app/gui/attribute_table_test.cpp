// The attribute table's model without a window: columns of every layer, the source's extra fields,
// the filter (case- and accent-insensitive, any cell), numeric and text sorts.
#include <catch2/catch.hpp>

#include <cmath>

#include "attribute_table.h"
#include "render/i18n.h"

using namespace pc;
using namespace pc::gui;

namespace {

Project small() {
    Project p;
    p.settings.facility_types = default_facility_types();
    for (int i = 0; i < 4; ++i) {
        AdminUnit d;
        d.id = new_uuid();
        d.code = "35.14.01.200" + std::to_string(i + 1);
        d.name = i == 2 ? "Sumbéréjo" : "Desa " + std::to_string(i);
        d.parent_code = "35.14.01";
        if (i != 1) d.population = 1000.0 * (4 - i);
        d.extra = {{"jenis", std::string(i == 0 ? "kelurahan" : "desa")}};
        if (i == 3) d.extra.push_back({"luas_km2", 2.5});
        d.geometry = Geometry::rectangle(112.8 + 0.01 * i, -7.75, 112.81 + 0.01 * i, -7.74);
        p.desa.push_back(d);
    }
    return p;
}

}  // namespace

TEST_CASE("attribute table: columns, extra fields, filter and sort", "[gui][attributes]") {
    const Project p = small();
    const AttributeTable t = attribute_table(p, TableLayer::Desa);
    REQUIRE(t.columns == std::vector<std::string>{"Code", "Name", "Part of", "Population", "jenis", "luas_km2"});
    CHECK(t.numeric == std::vector<bool>{false, false, false, true, false, true});
    REQUIRE(t.cells.size() == 4);
    CHECK(t.cells[0][4] == "kelurahan");
    CHECK(t.cells[3][5] == "2.500");
    CHECK(std::isnan(t.values[0][5]));  // a desa without the field: empty
    CHECK(t.cells[1][3].empty());       // no population
    CHECK(t.ids[2] == "35.14.01.2003");

    CHECK(filter_rows(t, "").size() == 4);
    CHECK(filter_rows(t, "SUMBEREJO") == std::vector<std::size_t>{2});  // accents and case ignored
    CHECK(filter_rows(t, "kelurahan") == std::vector<std::size_t>{0});
    CHECK(filter_rows(t, "  2004 ") == std::vector<std::size_t>{3});

    std::vector<std::size_t> rows = filter_rows(t, "");
    sort_rows(t, rows, 3, false);  // population, largest first; the empty one last
    CHECK(rows == std::vector<std::size_t>{0, 2, 3, 1});
    sort_rows(t, rows, 3, true);
    CHECK(rows == std::vector<std::size_t>{3, 2, 0, 1});
    sort_rows(t, rows, 1, true);  // names as text: "Desa 0", "Desa 1", "Desa 3", "Sumbéréjo"
    CHECK(rows == std::vector<std::size_t>{0, 1, 3, 2});
}

TEST_CASE("attribute table: facilities and initiatives as the panels name them", "[gui][attributes]") {
    set_language(Language::Indonesian);
    Project p = small();
    Facility f;
    f.id = new_uuid();
    f.name = "Puskesmas Gondang";
    f.type = "puskesmas";
    f.geometry = Geometry::point(112.8, -7.74);
    p.facilities.push_back(f);
    Initiative in;
    in.id = new_uuid();
    in.name = "WiFi alun-alun";
    in.pillar = Pillar::Economy;
    in.service = "wifi";
    in.radius_m = 300;
    in.budget_rp = 2500000000;
    in.geometry = Geometry::point(112.81, -7.74);
    p.initiatives.push_back(in);

    const AttributeTable ft = attribute_table(p, TableLayer::Facilities);
    REQUIRE(ft.cells.size() == 1);
    CHECK(ft.cells[0][1] == "Puskesmas");  // the type's label, not its key
    const AttributeTable it = attribute_table(p, TableLayer::Initiatives);
    REQUIRE(it.cells.size() == 1);
    CHECK(it.cells[0][1] == "Ekonomi");
    CHECK(it.cells[0][8] == "WiFi publik");
    CHECK(it.values[0][6] == 2500000000.0);
    CHECK(filter_rows(it, "ekonomi") == std::vector<std::size_t>{0});
}
