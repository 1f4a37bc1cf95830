#include "geo/doc/identify.h"

namespace pc {
namespace {

template <class Units>
std::optional<std::size_t> first_containing(const Units& units, Coord p) {
    for (std::size_t i = 0; i < units.size(); ++i)
        if (polygon_contains(units[i].geometry, p)) return i;
    return std::nullopt;
}

}  // namespace

bool polygon_contains(const Geometry& g, Coord p) {
    if (g.kind != GeometryKind::Polygon) return false;
    const Envelope e = g.envelope();
    if (p.x < e.min_x || p.x > e.max_x || p.y < e.min_y || p.y > e.max_y) return false;
    bool inside = false;  // even-odd over all rings of all parts: holes cancel their shell
    for (const auto& poly : g.polygons)
        for (const auto& ring : poly.rings)
            for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
                const Coord& a = ring[i];
                const Coord& b = ring[j];
                if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
            }
    return inside;
}

PlaceAt place_at(const Project& p, Coord at) {
    PlaceAt out;
    out.desa = first_containing(p.desa, at);
    if (out.desa) {
        const AdminUnit& d = p.desa[*out.desa];
        for (std::size_t i = 0; i < p.kecamatan.size(); ++i)
            if (p.kecamatan[i].code == d.parent_code) out.kecamatan = i;
    }
    if (!out.kecamatan) out.kecamatan = first_containing(p.kecamatan, at);
    if (out.kecamatan) {
        const AdminUnit& k = p.kecamatan[*out.kecamatan];
        for (std::size_t i = 0; i < p.kabupaten.size(); ++i)
            if (p.kabupaten[i].code == k.parent_code) out.kabupaten = i;
    }
    if (!out.kabupaten) out.kabupaten = first_containing(p.kabupaten, at);
    for (std::size_t i = 0; i < p.zones.size(); ++i)
        if (polygon_contains(p.zones[i].geometry, at)) out.zones.push_back(i);
    return out;
}

}  // namespace pc
