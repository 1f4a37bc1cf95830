// The engine's batch projection: a Chebyshev fit of PROJ's transverse Mercator over a district's
// extent, used only where it agrees with PROJ; checked here against PROJ point by point.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "analysis/projection.h"
#include "geo/crs.h"

using namespace pc;

TEST_CASE("batch projection: equal to PROJ within 1e-8 m over a district and a province", "[analysis][projection]") {
    struct Case {
        const char* crs;
        double lon0, lat0, w, h;
    };
    // Kab. Pasuruan's extent (UTM 49S), Padang Pariaman's (47S), Jawa Timur's (49S, 5.4 x 3.7 degrees).
    for (auto c : {Case{"EPSG:32749", 112.57, -7.96, 0.53, 0.42}, Case{"EPSG:32747", 99.96, -0.88, 0.50, 0.56},
                   Case{"EPSG:32749", 110.9, -8.78, 5.37, 3.74}}) {
        INFO(c.crs << " " << c.lon0 << " " << c.lat0);
        std::mt19937_64 rng(7);
        std::uniform_real_distribution<double> ux(c.lon0, c.lon0 + c.w), uy(c.lat0, c.lat0 + c.h);
        std::vector<double> xy(2 * 20000);
        for (std::size_t k = 0; k < 20000; ++k) {
            xy[2 * k] = ux(rng);
            xy[2 * k + 1] = uy(rng);
        }
        std::vector<double> want = xy;
        CrsTransform("EPSG:4326", c.crs).transform_xy(want.data(), 20000);
        analysis::Projection p(c.crs);
        p.forward(xy.data(), 20000);
        double worst = 0;
        for (std::size_t k = 0; k < xy.size(); ++k) worst = std::max(worst, std::abs(xy[k] - want[k]));
        CHECK(worst <= 1e-8);
    }
}
