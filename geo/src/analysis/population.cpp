// Population pieces: how each desa's people are spread over its area.
//
// AreaWeighted: evenly over the desa. GridExact (a population grid, desa without population): the
// fragments cell ∩ desa, each with cell.pop · area(fragment) / area(cell) — the exact share of the
// cell's area, not the cell by its centre. GridRescaled (grid and desa populations): as GridExact,
// each desa's fragments scaled to its official population (a desa no cell reaches falls back to area
// weighting, with a warning). Persons of a desa inside a region X = Σ pop · area(fragment ∩ X) /
// area(fragment), the areas by the overlay.
#include <algorithm>

#include "engine_state.h"
#include "geo/parallel.h"

namespace pc::analysis {

namespace {

Coord weighted_centre(const Fragments& f, const std::vector<std::uint32_t>& ids, Coord fallback) {
    double w = 0, x = 0, y = 0;
    for (auto j : ids) {
        w += f.pop[j];
        x += f.pop[j] * f.centroid[j].x;
        y += f.pop[j] * f.centroid[j].y;
    }
    if (w <= 0) return fallback;
    return {x / w, y / w};
}

}  // namespace

std::vector<double> fragments_covered(const Fragments& f, const planar::Overlay& ov, std::size_t owners) {
    std::vector<double> out(owners, 0.0);
    for (std::size_t j = 0; j < f.pop.size(); ++j) {
        if (f.area[j] <= 0 || f.pop[j] == 0) continue;
        const double covered = double(ov.unit[j] / 2);
        out[f.owner[j]] += f.pop[j] * covered / f.area[j];
    }
    return out;
}

void State::prepare_population(const Project& p, Workers& w, std::mutex& m) {
    bool any_pop = false, all_pop = !p.desa.empty();
    for (auto& d : p.desa) {
        if (d.population) any_pop = true;
        else all_pop = false;
    }
    const bool grid = options.use_population_grid && p.population_grid && !p.population_grid->cells.empty();
    method = !grid ? PopulationMethod::AreaWeighted : any_pop ? PopulationMethod::GridRescaled : PopulationMethod::GridExact;
    if (!grid) {
        std::size_t missing = 0;
        for (std::size_t i = 0; i < desa.size(); ++i) {
            desa[i].pop = p.desa[i].population.value_or(0.0);
            desa[i].whole = true;
            missing += !p.desa[i].population;
        }
        if (missing) quality.warnings.push_back(std::to_string(missing) + " desa have no population: counted as 0");
        return;
    }
    if (any_pop && !all_pop)
        quality.warnings.push_back("some desa have no official population: their grid values are used unscaled");
    ensure_desa_geoms();
    struct Cell {
        GeomPtr g;
        Envelope env;
        double area = 0, pop = 0;
    };
    auto& src = p.population_grid->cells;
    std::vector<Cell> cells(src.size());
    parallel_for(src.size(), [&](std::size_t i, unsigned k) {
        GeosContext& c = w.ctx(k);
        cells[i].pop = src[i].population;
        if (src[i].population <= 0 || src[i].geometry.kind != GeometryKind::Polygon) return;
        cells[i].g = project_polygonal(c, w.proj(k), src[i].geometry, "population_grid", "", "cell " + std::to_string(i), m,
                                       nullptr);
        cells[i].env = c.envelope(cells[i].g.get());
        cells[i].area = c.area(cells[i].g.get());
    });
    std::vector<Envelope> cell_env(cells.size());
    std::vector<planar::Box> boxes(cells.size());
    for (std::size_t i = 0; i < cells.size(); ++i) boxes[i] = local_box(cells[i].env);
    planar::BoxGrid cell_grid;
    cell_grid.build(boxes);

    // Fragments cell ∩ desa, per desa (GEOS intersection where the cell is not wholly inside).
    struct Frag {
        GeomPtr geom;
        planar::Poly poly;
        double area = 0, pop = 0;
        Coord centroid;
    };
    std::vector<std::vector<Frag>> per_desa(desa.size());
    std::vector<std::string> warn(desa.size());
    parallel_for(desa.size(), [&](std::size_t i, unsigned k) {
        GeosContext& c = w.ctx(k);
        auto& d = desa[i];
        d.whole = false;
        if (d.area <= 0) return;
        auto pd = c.prepare(d.geom.get());
        double sum = 0;
        auto& frags = per_desa[i];
        cell_grid.query(local_box(d.env), [&](std::uint32_t ci) {
            auto& cell = cells[ci];
            if (!cell.g || cell.area <= 0) return;
            Frag f;
            GeomPtr owned;
            const GEOSGeometry* g = nullptr;
            if (c.check_predicate(GEOSPreparedCovers_r(c.get(), pd.get(), cell.g.get()), "covers")) {
                g = cell.g.get();
                f.area = cell.area;
            } else if (c.check_predicate(GEOSPreparedIntersects_r(c.get(), pd.get(), cell.g.get()), "intersects")) {
                owned = c.polygonal_part(c.intersection(cell.g.get(), d.geom.get()).get());
                g = owned.get();
                f.area = c.area(g);
                if (f.area <= 0) return;
            } else {
                return;
            }
            f.poly = to_poly(c, g);
            f.geom = owned ? std::move(owned) : c.clone(g);
            f.pop = cell.pop * std::min(1.0, f.area / cell.area);
            f.centroid = c.centroid(g);
            prime(c.get(), g);
            sum += f.pop;
            frags.push_back(std::move(f));
        });
        auto& official = p.desa[i].population;
        if (official && method == PopulationMethod::GridRescaled) {
            if (sum > 0) {
                for (auto& f : frags) f.pop *= *official / sum;
            } else {
                frags.clear();
                d.whole = true;
                warn[i] = "desa " + d.code + ": the population grid has no people in it; its population is spread by area";
            }
            d.pop = *official;
        } else {
            d.pop = sum;
        }
    });
    for (auto& s : warn)
        if (!s.empty()) quality.warnings.push_back(s);
    Fragments f;
    f.of_owner.resize(desa.size());
    for (std::size_t i = 0; i < desa.size(); ++i)
        for (auto& fr : per_desa[i]) {
            f.of_owner[i].push_back(std::uint32_t(f.pop.size()));
            f.units.polys.push_back(std::move(fr.poly));
            f.pop.push_back(fr.pop);
            f.area.push_back(fr.area);
            f.owner.push_back(std::uint32_t(i));
            f.centroid.push_back(fr.centroid);
            f.geom.push_back(std::move(fr.geom));
        }
    f.units.index();
    // Desa, kecamatan and district centres: population-weighted.
    std::vector<std::uint32_t> all;
    for (std::size_t i = 0; i < desa.size(); ++i) {
        if (desa[i].whole) continue;
        desa[i].centre = weighted_centre(f, f.of_owner[i], desa[i].centre);
    }
    for (auto& ks : kec) {
        std::vector<std::uint32_t> ids;
        for (auto di : ks.desa) ids.insert(ids.end(), f.of_owner[di].begin(), f.of_owner[di].end());
        ks.centre = weighted_centre(f, ids, ks.centre);
        all.insert(all.end(), ids.begin(), ids.end());
    }
    district_centre = weighted_centre(f, all, district_centre);
    desa_fragments = std::move(f);
}

double State::population_within_projected(GeosContext& c, const GEOSGeometry* poly) const {
    if (GEOSisEmpty_r(c.get(), poly) == 1) return 0;
    planar::Poly region = to_poly(c, poly);
    if (region.empty()) return 0;
    // The units the region can reach, then their share inside it.
    std::vector<std::size_t> touched;
    desa_units.units.grid.query(region.box(), [&](std::uint32_t i) { touched.push_back(i); });
    if (touched.empty()) return 0;
    planar::OverlayOptions o;
    o.touched = &touched;
    auto ov = planar::overlay(desa_units.units, region, o);
    double sum = 0;
    std::vector<std::size_t> frag_touched;
    for (auto i : touched) {
        const auto& d = desa[i];
        if (d.whole) {
            if (d.area > 0) sum += d.pop * double(ov.unit[i] / 2) / d.area;
        } else {
            for (auto j : desa_fragments->of_owner[i]) frag_touched.push_back(j);
        }
    }
    if (!frag_touched.empty()) {
        o.touched = &frag_touched;
        auto fov = planar::overlay(desa_fragments->units, region, o);
        for (auto j : frag_touched)
            if (desa_fragments->area[j] > 0)
                sum += desa_fragments->pop[j] * double(fov.unit[j] / 2) / desa_fragments->area[j];
    }
    return sum;
}

}  // namespace pc::analysis
