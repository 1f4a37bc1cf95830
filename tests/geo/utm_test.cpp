// The engine's own WGS 84 / UTM (the Krüger series): checked against PROJ (its database's EPSG
// transform, an independent implementation) point by point, and against values worked out by hand.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "geo/utm.h"
#include "geo/crs.h"
#include "geo/error.h"

using namespace pc;

namespace {

struct Zone {
    int epsg;
    double lon0;  // central meridian
};

// n random lon/lat points within `half_width` degrees of the zone's central meridian, latitude in [lat0, lat1].
std::vector<double> random_lonlat(const Zone& z, double half_width, double lat0, double lat1, std::size_t n,
                                  unsigned seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> lon(z.lon0 - half_width, z.lon0 + half_width), lat(lat0, lat1);
    std::vector<double> xy(2 * n);
    for (std::size_t k = 0; k < n; ++k) {
        xy[2 * k] = lon(rng);
        xy[2 * k + 1] = lat(rng);
    }
    return xy;
}

double worst_difference(const std::vector<double>& a, const std::vector<double>& b) {
    double worst = 0;
    for (std::size_t k = 0; k < a.size(); ++k) worst = std::max(worst, std::abs(a[k] - b[k]));
    return worst;
}

}  // namespace

TEST_CASE("UTM: equal to PROJ within 1e-8 m forward and 1e-13 degrees back", "[analysis][projection][utm]") {
    // Indonesia's zones north and south of the equator, and one far away; out to 4.5 degrees from the
    // central meridian (Jawa Timur spans 3.7 from zone 49's).
    for (Zone z : {Zone{32749, 111}, Zone{32747, 99}, Zone{32650, 117}, Zone{32733, 15}}) {
        INFO("EPSG:" << z.epsg);
        const bool south = z.epsg > 32700;
        const std::string crs = "EPSG:" + std::to_string(z.epsg);
        std::vector<double> lonlat = random_lonlat(z, 4.5, south ? -12 : 0, south ? 0 : 8, 2000, unsigned(z.epsg));
        std::vector<double> ours = lonlat, proj = lonlat;
        UtmZone(z.epsg).forward(ours.data(), ours.size() / 2);
        CrsTransform("EPSG:4326", crs).transform_xy(proj.data(), proj.size() / 2);
        CHECK(worst_difference(ours, proj) <= 1e-8);

        std::vector<double> back = proj, proj_back = proj;
        UtmZone(z.epsg).inverse(back.data(), back.size() / 2);
        CrsTransform(crs, "EPSG:4326").transform_xy(proj_back.data(), proj_back.size() / 2);
        CHECK(worst_difference(back, proj_back) <= 1e-13);
        CHECK(worst_difference(back, lonlat) <= 1e-13);
    }
}

TEST_CASE("UTM: the central meridian, the equator and the false origin", "[analysis][projection][utm]") {
    // On the central meridian at the equator: the false origin itself.
    double p[2] = {111, 0};
    UtmZone(32749).forward(p, 1);
    CHECK(p[0] == 500000.0);
    CHECK(p[1] == 10000000.0);
    double q[2] = {111, 0};
    UtmZone(32649).forward(q, 1);
    CHECK(q[0] == 500000.0);
    CHECK(q[1] == 0.0);
    // Symmetric about the central meridian (easting) and the equator (northing).
    double a[4] = {112.5, -7.25, 109.5, -7.25};
    UtmZone(32749).forward(a, 2);
    CHECK(a[0] - 500000 == Approx(500000 - a[2]).epsilon(1e-15));
    CHECK(a[1] == a[3]);
    double north[2] = {112.5, 7.25};
    UtmZone(32649).forward(north, 1);
    CHECK(north[1] == Approx(10000000 - a[1]).epsilon(1e-15));
    CHECK(north[0] == a[0]);
    // Along the central meridian the northing is 0.9996 times the meridian arc from the equator:
    // ∫ a(1-e²) / (1 - e² sin²φ)^(3/2) dφ, here by Simpson's rule.
    const double a_ = 6378137.0, f = 1 / 298.257223563, e2 = f * (2 - f);
    for (double lat : {1.0, 7.5, 45.0}) {
        const int steps = 2000;
        const double h = lat * M_PI / 180 / steps;
        double arc = 0;
        for (int k = 0; k <= steps; ++k) {
            const double s = std::sin(k * h);
            const double g = a_ * (1 - e2) / std::pow(1 - e2 * s * s, 1.5);
            arc += g * (k == 0 || k == steps ? 1 : k % 2 ? 4 : 2);
        }
        arc *= h / 3;
        double m[2] = {111, lat};
        UtmZone(32649).forward(m, 1);
        CHECK(m[0] == 500000.0);
        CHECK(m[1] == Approx(0.9996 * arc).margin(1e-6));
    }
}

TEST_CASE("UTM: codes, and points it cannot transform fail as PROJ's do", "[analysis][projection][utm]") {
    CHECK(UtmZone::code_of("EPSG:32749") == 32749);
    CHECK(UtmZone::code_of("epsg:32601") == 32601);
    CHECK(UtmZone::code_of("EPSG:32760") == 32760);
    CHECK(UtmZone::code_of("EPSG:32761") == 0);
    CHECK(UtmZone::code_of("EPSG:32700") == 0);
    CHECK(UtmZone::code_of("EPSG:4326") == 0);
    CHECK(UtmZone::code_of("EPSG:23849") == 0);
    CHECK(UtmZone::code_of("+proj=utm +zone=49 +south") == 0);
    CHECK_THROWS_AS(UtmZone(32661), GdalError);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (auto [x, y] : {std::pair{nan, -7.0}, std::pair{112.0, 91.0}, std::pair{111.0 + 90, 0.0}}) {
        INFO(x << " " << y);
        double p[2] = {x, y};
        CHECK_THROWS_AS(UtmZone(32749).forward(p, 1), GdalError);
    }
    double q[2] = {nan, 9e6};
    CHECK_THROWS_AS(UtmZone(32749).inverse(q, 1), GdalError);
}
