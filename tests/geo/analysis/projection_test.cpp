// The engine's batch projection: a Chebyshev fit of the transverse Mercator (its own, utm.h, or PROJ's)
// over a district's extent, used only where it agrees with the exact projection; checked here against
// PROJ point by point.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>

#include "analysis/projection.h"
#include "geo/crs.h"

using namespace pc;

TEST_CASE("batch projection: equal to PROJ within 1e-8 m over a district and a province", "[analysis][projection]") {
    struct Case {
        const char* crs;
        double lon0, lat0, w, h;
        std::size_t n;
    };
    // Kab. Pasuruan's extent (UTM 49S), Padang Pariaman's (47S), Jawa Timur's (49S, 5.4 x 3.7 degrees),
    // and Kota Pasuruan's (0.08 degrees: the lowest degree tried first) with a batch just above the
    // smallest one fitted.
    for (auto c : {Case{"EPSG:32749", 112.57, -7.96, 0.53, 0.42, 20000}, Case{"EPSG:32747", 99.96, -0.88, 0.50, 0.56, 20000},
                   Case{"EPSG:32749", 110.9, -8.78, 5.37, 3.74, 20000}, Case{"EPSG:32749", 112.86, -7.68, 0.08, 0.07, 300}}) {
        INFO(c.crs << " " << c.lon0 << " " << c.lat0);
        std::mt19937_64 rng(7);
        std::uniform_real_distribution<double> ux(c.lon0, c.lon0 + c.w), uy(c.lat0, c.lat0 + c.h);
        std::vector<double> xy(2 * c.n);
        for (std::size_t k = 0; k < c.n; ++k) {
            xy[2 * k] = ux(rng);
            xy[2 * k + 1] = uy(rng);
        }
        std::vector<double> want = xy;
        CrsTransform("EPSG:4326", c.crs).transform_xy(want.data(), c.n);
        analysis::Projection p(c.crs);
        p.forward(xy.data(), c.n);
        double worst = 0;
        for (std::size_t k = 0; k < xy.size(); ++k) worst = std::max(worst, std::abs(xy[k] - want[k]));
        CHECK(worst <= 1e-8);
    }
}

TEST_CASE("local fit: the inverse over a district's box agrees with PROJ, points outside go to the exact projection",
          "[analysis][projection]") {
    // Kab. Pamekasan's box with the engine's margin, in UTM 49S (the engine's own transverse Mercator)
    // and in World Mercator (through PROJ).
    Envelope box;
    box.expand(Coord{113.30, -7.22});
    box.expand(Coord{113.66, -6.88});
    for (const char* crs : {"EPSG:32749", "EPSG:3395"}) {
        INFO(crs);
        analysis::Projection plain(crs);
        std::unique_ptr<const analysis::LocalFit> fit = plain.fit_over(box);
        REQUIRE(fit);
        analysis::Projection p(crs, &fit);
        // The exact projection: the engine's own UTM, or PROJ.
        const CrsTransform proj("EPSG:4326", crs);
        const CrsTransform proj_inverse = proj.inverse();
        const int utm = UtmZone::code_of(crs);
        auto exact = [&](std::vector<double>& xy) {
            if (utm) UtmZone(utm).forward(xy.data(), xy.size() / 2);
            else proj.transform_xy(xy.data(), xy.size() / 2);
        };
        auto exact_inverse = [&](std::vector<double>& xy) {
            if (utm) UtmZone(utm).inverse(xy.data(), xy.size() / 2);
            else proj_inverse.transform_xy(xy.data(), xy.size() / 2);
        };
        std::mt19937_64 rng(11);
        // 2,000 points inside the box and 50 far outside it (120 km east), mixed.
        std::uniform_real_distribution<double> ux(box.min_x, box.max_x), uy(box.min_y, box.max_y);
        std::vector<double> ll;
        std::vector<bool> inside;
        for (int k = 0; k < 2050; ++k) {
            const bool in = k % 41 != 7;
            ll.push_back(ux(rng) + (in ? 0.0 : 1.1));
            ll.push_back(uy(rng));
            inside.push_back(in);
        }
        const std::size_t n = inside.size();
        // Forward, a batch below the smallest one fitted (256 points): the exact values, to the bit.
        std::vector<double> small(ll.begin(), ll.begin() + 2 * 255), small_want = small;
        exact(small_want);
        p.forward(small.data(), 255);
        CHECK(small == small_want);
        std::vector<double> want = ll;
        proj.transform_xy(want.data(), n);
        // Back: within 1e-13 degrees (~1e-8 m) of PROJ's inverse inside, the exact values outside.
        std::vector<double> back = want, back_exact = want, back_proj = want;
        exact_inverse(back_exact);
        proj_inverse.transform_xy(back_proj.data(), n);
        p.inverse(back.data(), n);
        double worst = 0, worst_proj = 0;
        for (std::size_t k = 0; k < 2 * n; ++k) {
            worst = std::max(worst, std::abs(back[k] - back_exact[k]));
            worst_proj = std::max(worst_proj, std::abs(back[k] - back_proj[k]));
            if (!inside[k / 2]) CHECK(back[k] == back_exact[k]);
        }
        CHECK(worst <= 1e-13);
        CHECK(worst_proj <= 1e-13);
        CHECK(worst > 0);  // the fit, not the exact projection, did the inside points
        // A point that cannot be transformed is an error, as without the fit.
        double bad[2] = {std::nan(""), 9.2e6};
        CHECK_THROWS(p.inverse(bad, 1));
    }
}

TEST_CASE("local fit: none where PROJ's map is not smooth enough over the box", "[analysis][projection]") {
    // UTM zone 49S over 60 degrees of longitude: far outside the zone, no polynomial of degree 12 holds.
    Envelope box;
    box.expand(Coord{80.0, -30.0});
    box.expand(Coord{140.0, 20.0});
    CHECK_FALSE(analysis::Projection("EPSG:32749").fit_over(box));
    CHECK_FALSE(analysis::Projection("EPSG:32749").fit_over(Envelope{}));
}
