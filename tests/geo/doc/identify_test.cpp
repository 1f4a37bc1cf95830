// place_at: what lies at a point, by hand-drawn squares (a desa with a hole, its kecamatan found by
// code, a zone over both), so every answer is known without the code under test.
#include <catch2/catch.hpp>

#include "geo/doc/identify.h"

using namespace pc;

namespace {

AdminUnit unit(const std::string& code, const std::string& parent, Geometry g) {
    AdminUnit u;
    u.code = code;
    u.parent_code = parent;
    u.geometry = std::move(g);
    return u;
}

}  // namespace

TEST_CASE("identify: the desa, kecamatan, kabupaten and zones at a point", "[doc][identify]") {
    Project p;
    p.kabupaten.push_back(unit("35.14", "35", Geometry::rectangle(0, 0, 4, 2)));
    p.kecamatan.push_back(unit("35.14.02", "35.14", Geometry::rectangle(2, 0, 4, 2)));
    p.kecamatan.push_back(unit("35.14.01", "35.14", Geometry::rectangle(0, 0, 2, 2)));
    // Desa 0: the square [0,2]² with a hole [0.5,1.5]²; desa 1: the square [2,4]x[0,2].
    Geometry holed = Geometry::rectangle(0, 0, 2, 2);
    holed.polygons[0].rings.push_back({{0.5, 0.5}, {1.5, 0.5}, {1.5, 1.5}, {0.5, 1.5}, {0.5, 0.5}});
    p.desa.push_back(unit("35.14.01.2001", "35.14.01", holed));
    p.desa.push_back(unit("35.14.02.2001", "35.14.02", Geometry::rectangle(2, 0, 4, 2)));
    Zone z;
    z.geometry = Geometry::rectangle(1.8, 0.2, 2.5, 0.4);
    p.zones.push_back(z);

    PlaceAt a = place_at(p, {0.25, 1.0});
    REQUIRE(a.desa);
    CHECK(*a.desa == 0);
    CHECK(a.kecamatan == std::optional<std::size_t>(1));  // by the desa's parent code
    CHECK(a.kabupaten == std::optional<std::size_t>(0));
    CHECK(a.zones.empty());

    // In the hole: no desa, but the kecamatan and kabupaten around it.
    PlaceAt hole = place_at(p, {1.0, 1.0});
    CHECK_FALSE(hole.desa);
    CHECK(hole.kecamatan == std::optional<std::size_t>(1));
    CHECK(hole.kabupaten == std::optional<std::size_t>(0));

    PlaceAt b = place_at(p, {2.2, 0.3});
    CHECK(b.desa == std::optional<std::size_t>(1));
    CHECK(b.kecamatan == std::optional<std::size_t>(0));
    CHECK(b.zones == std::vector<std::size_t>{0});

    PlaceAt outside = place_at(p, {5, 1});
    CHECK_FALSE(outside.desa);
    CHECK_FALSE(outside.kecamatan);
    CHECK_FALSE(outside.kabupaten);
    CHECK_FALSE(polygon_contains(Geometry::point(1, 1), {1, 1}));  // a point holds nothing
}
