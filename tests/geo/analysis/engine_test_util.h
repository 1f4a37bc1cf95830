#pragma once
// What the engine tests share: projects built in UTM 49S metres (near 112.9 E, 7.7 S) and converted
// to lon/lat, so that every expected number can be computed by hand in metres.
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

#include "geo/crs.h"
#include "geo/model.h"

namespace pc::test {

inline const double kPi = std::acos(-1.0);

struct Utm {
    CrsTransform to_ll{"EPSG:32749", "EPSG:4326"};
    CrsTransform to_utm{"EPSG:4326", "EPSG:32749"};
    Coord origin;
    Utm() { origin = to_utm.apply(Coord{112.9, -7.7}); }
    // Local metres (relative to the origin) -> lon/lat geometry.
    Geometry ll(Geometry g) const {
        g.translate(origin.x, origin.y);
        return to_ll.apply(g);
    }
    Geometry rect(double x0, double y0, double x1, double y1) const { return ll(Geometry::rectangle(x0, y0, x1, y1)); }
    Geometry point(double x, double y) const { return ll(Geometry::point(x, y)); }
};

inline const Utm& utm() {
    static Utm u;
    return u;
}

inline int uid = 0;
inline std::string next_id() {
    char buf[40];
    std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", ++uid);
    return buf;
}

inline Project base_project() {
    Project p;
    p.settings.name = "test";
    p.settings.district_code = "35.99";
    p.settings.district_name = "Kabupaten Uji";
    p.settings.facility_types = {{"bts", "BTS", 1000, 0}, {"puskesmas", "Puskesmas", 2000, 0}};
    return p;
}

inline AdminUnit desa(const std::string& code, const std::string& kec, Geometry g, std::optional<double> pop) {
    AdminUnit d;
    d.id = next_id();
    d.level = AdminLevel::Desa;
    d.code = code;
    d.name = "Desa " + code;
    d.parent_code = kec;
    d.population = pop;
    d.geometry = std::move(g);
    return d;
}

inline Facility facility(const std::string& type, Geometry g, std::optional<double> radius) {
    Facility f;
    f.id = next_id();
    f.type = type;
    f.name = type + " " + f.id.substr(30);
    f.radius_m = radius;
    f.geometry = std::move(g);
    return f;
}

}  // namespace pc::test
