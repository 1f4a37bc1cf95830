// Geodesic measures of the Measure tool against hand-known values and SpatiaLite's ellipsoidal
// ST_Length / ST_Area.
#include <catch2/catch.hpp>

#include "geo/doc/measure.h"

using namespace pc;

TEST_CASE("measure: geodesic length and area on WGS 84", "[doc][measure]") {
    // A degree of longitude on the equator: 111,319.49 m (a · π / 180).
    CHECK(geodesic_length_m({{0, 0}, {1, 0}}) == Approx(111319.4908).epsilon(1e-9));
    // Along a meridian from the equator to 1° N: 110,574.39 m (the meridian arc).
    CHECK(geodesic_length_m({{0, 0}, {0, 1}}) == Approx(110574.3886).epsilon(1e-8));
    // 0.02° × 0.02° near Pasuruan: SpatiaLite's ST_Area(geom, 1) and ST_Length(geom, 1) give these.
    const std::vector<Coord> box{{112.8, -7.75}, {112.82, -7.75}, {112.82, -7.73}, {112.8, -7.73}};
    CHECK(geodesic_area_m2(box) == Approx(4879956.69769382).epsilon(1e-7));
    CHECK(geodesic_length_m(box) == Approx(6624.36841767705).epsilon(1e-9));
    // Closed or not, either orientation: the same area.
    std::vector<Coord> closed = box;
    closed.push_back(box.front());
    CHECK(geodesic_area_m2(closed) == Approx(geodesic_area_m2(box)));
    std::vector<Coord> reversed(box.rbegin(), box.rend());
    CHECK(geodesic_area_m2(reversed) == Approx(geodesic_area_m2(box)));
    CHECK(geodesic_area_m2({{0, 0}, {1, 1}}) == 0);
}
