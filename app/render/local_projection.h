#pragma once
// The drawing space: an equirectangular projection in metres around the district centre. Computed in
// double; GPU buffers hold float offsets from the centre, so a district (or a province) keeps
// sub-centimetre precision in float.
#include <cmath>

#include "geo/geometry.h"

namespace pc::gui {

struct LocalProjection {
    double lon0 = 0, lat0 = 0;
    double kx = 111320.0, ky = 110574.0;  // metres per degree at lat0

    static LocalProjection around(Coord centre_lonlat) {
        constexpr double kRadius = 6371008.8;  // mean Earth radius
        constexpr double kDeg = 3.14159265358979323846 / 180.0;
        LocalProjection p;
        p.lon0 = centre_lonlat.x;
        p.lat0 = centre_lonlat.y;
        p.ky = kRadius * kDeg;
        p.kx = kRadius * kDeg * std::cos(centre_lonlat.y * kDeg);
        return p;
    }
    Coord to_local(Coord ll) const { return {(ll.x - lon0) * kx, (ll.y - lat0) * ky}; }
    Coord to_lonlat(Coord m) const { return {lon0 + m.x / kx, lat0 + m.y / ky}; }
    Envelope to_local(const Envelope& e) const {
        Envelope o;
        if (e.empty()) return o;
        o.expand(to_local(Coord{e.min_x, e.min_y}));
        o.expand(to_local(Coord{e.max_x, e.max_y}));
        return o;
    }
};

}  // namespace pc::gui
