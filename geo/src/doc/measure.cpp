#include "geo/doc/measure.h"

#include <cmath>

#include "../proj_library.h"

namespace pc {
namespace {

const geod_geodesic& wgs84() {
    static const geod_geodesic g = [] {
        geod_geodesic e;
        proj().geod_init(&e, 6378137.0, 1 / 298.257223563);
        return e;
    }();
    return g;
}

}  // namespace

double geodesic_length_m(const std::vector<Coord>& p) {
    double total = 0;
    for (std::size_t i = 1; i < p.size(); ++i) {
        double s12 = 0;
        proj().geod_inverse(&wgs84(), p[i - 1].y, p[i - 1].x, p[i].y, p[i].x, &s12, nullptr, nullptr);
        total += s12;
    }
    return total;
}

double geodesic_area_m2(const std::vector<Coord>& p) {
    std::vector<double> lat, lon;
    for (const Coord& c : p) {
        lat.push_back(c.y);
        lon.push_back(c.x);
    }
    if (p.size() > 1 && p.front().x == p.back().x && p.front().y == p.back().y) {
        lat.pop_back();
        lon.pop_back();
    }
    if (lat.size() < 3) return 0;
    double area = 0, perimeter = 0;
    proj().geod_polygonarea(&wgs84(), lat.data(), lon.data(), int(lat.size()), &area, &perimeter);
    return std::abs(area);
}

}  // namespace pc
