#include "valid_geometry.h"

#include <cmath>

#include "geo/error.h"
#include "table_model.h"

namespace pc::io {
namespace {

bool finite(const Coord& c) { return std::isfinite(c.x) && std::isfinite(c.y); }

// Closes open rings and drops rings of fewer than four points (a shell takes its polygon with it).
std::vector<Polygon> closed_rings(const std::vector<Polygon>& polygons, std::string& why) {
    std::vector<Polygon> out;
    for (const Polygon& p : polygons) {
        Polygon q;
        for (std::size_t i = 0; i < p.rings.size(); ++i) {
            Ring r = p.rings[i];
            if (!r.empty() && !(r.front() == r.back())) {
                r.push_back(r.front());
                why = "ring not closed";
            }
            if (r.size() < 4) {
                why = "too few points in a ring";
                if (i == 0) break;
                continue;
            }
            q.rings.push_back(std::move(r));
        }
        if (!q.rings.empty()) out.push_back(std::move(q));
    }
    return out;
}

}  // namespace

WritableGeometry writable_geometry(const GeosContext& ctx, const Geometry& g) {
    WritableGeometry out{g, ""};
    Geometry& w = out.geometry;
    for (const Coord& c : g.points)
        if (!finite(c)) throw GeosError("a coordinate is not a number");
    for (const auto& line : g.lines)
        for (const Coord& c : line)
            if (!finite(c)) throw GeosError("a coordinate is not a number");
    for (const auto& poly : g.polygons)
        for (const auto& ring : poly.rings)
            for (const Coord& c : ring)
                if (!finite(c)) throw GeosError("a coordinate is not a number");
    switch (g.kind) {
        case GeometryKind::Empty:
        case GeometryKind::Point: return out;
        case GeometryKind::Line: {
            w.lines.clear();
            for (const auto& line : g.lines) {
                std::vector<Coord> kept;
                for (const Coord& c : line)
                    if (kept.empty() || !(kept.back() == c)) kept.push_back(c);
                if (kept.size() != line.size()) out.repaired = "repeated vertices";
                if (kept.size() >= 2) w.lines.push_back(std::move(kept));
                else out.repaired = "a line of fewer than two distinct points";
            }
            if (w.lines.empty()) throw GeosError(out.repaired);
            return out;
        }
        case GeometryKind::Polygon: break;
    }
    w.polygons = closed_rings(g.polygons, out.repaired);
    if (w.polygons.empty()) throw GeosError(out.repaired);
    auto geos = ctx.from(w);
    if (ctx.is_valid(geos.get())) return out;
    out.repaired = ctx.is_valid_reason(geos.get());
    auto valid = ctx.make_valid(geos.get());
    auto polygonal = ctx.polygonal_part(valid.get());
    w = ctx.to_geometry(polygonal.get());
    if (w.kind != GeometryKind::Polygon) throw GeosError(out.repaired + ": nothing is left of it once made valid");
    if (!ctx.is_valid(polygonal.get())) throw GeosError(out.repaired + ": still not valid once made valid");
    return out;
}

void make_writable(Project& p, AnalysisResult* metrics, const std::string& file, std::vector<std::string>& repairs) {
    GeosContext ctx;
    auto check = [&](Geometry& g, const std::string& layer, const std::string& feature) {
        if (g.empty()) return;
        WritableGeometry w;
        try {
            w = writable_geometry(ctx, g);
        } catch (const GeosError& e) {
            throw InputError({file, layer, feature, "geometry"}, std::string("geometry cannot be written: ") + e.what());
        }
        if (w.repaired.empty()) return;
        repairs.push_back("layer '" + layer + "', feature '" + feature + "': invalid geometry (" + w.repaired + ") made valid");
        g = std::move(w.geometry);
    };
    auto label = [](const std::string& code, const std::string& id, std::size_t row) {
        return !code.empty() ? code : !id.empty() ? id : "row " + std::to_string(row + 1);
    };
    for (auto [layer, units] : {std::pair{"kabupaten", &p.kabupaten}, {"kecamatan", &p.kecamatan}, {"desa", &p.desa}})
        for (std::size_t i = 0; i < units->size(); ++i) check((*units)[i].geometry, layer, label((*units)[i].code, (*units)[i].id, i));
    for (std::size_t i = 0; i < p.zones.size(); ++i) check(p.zones[i].geometry, "zones", label(p.zones[i].code, p.zones[i].id, i));
    for (std::size_t i = 0; i < p.facilities.size(); ++i)
        check(p.facilities[i].geometry, kind_layer_name("facilities", p.facilities[i].geometry.kind), label("", p.facilities[i].id, i));
    for (std::size_t i = 0; i < p.initiatives.size(); ++i)
        check(p.initiatives[i].geometry, kind_layer_name("initiatives", p.initiatives[i].geometry.kind), label("", p.initiatives[i].id, i));
    if (p.population_grid)
        for (std::size_t i = 0; i < p.population_grid->cells.size(); ++i)
            check(p.population_grid->cells[i].geometry, "population_grid", label("", "", i));
    if (!metrics) return;
    const auto area_layers = service_area_layer_names(*metrics);
    for (std::size_t s = 0; s < metrics->services.size(); ++s) {
        ServiceCoverage& sc = metrics->services[s];
        for (auto [layer, units] : {std::pair{"metrics_desa", &sc.desa}, {"metrics_kecamatan", &sc.kecamatan},
                                    {"metrics_zone", &sc.zones}, {"metrics_zone_desa", &sc.zone_desa}})
            for (std::size_t i = 0; i < units->size(); ++i) check((*units)[i].gap, layer, label((*units)[i].code, "", i));
        check(sc.district.gap, "metrics_district", label(sc.district.code, "", s));
        check(sc.service_area, area_layers[s], sc.service);
    }
}

}  // namespace pc::io
