#include "geo/demo/demo.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <numbers>
#include <random>
#include <set>

#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/geos.h"

namespace pc {
namespace fs = std::filesystem;

std::string demo_data_dir() {
    auto holds = [](const fs::path& d) {
        std::error_code ec;
        return fs::exists(d / "demo_district.csv", ec) && fs::exists(d / "demo_initiatives.csv", ec);
    };
    if (const char* env = std::getenv("PC_DATA_DIR"); env && *env) {
        if (holds(env)) return env;
        throw InputError({env}, "PC_DATA_DIR does not hold demo_district.csv and demo_initiatives.csv");
    }
    std::vector<fs::path> candidates;
#ifdef PC_SOURCE_DIR
    candidates.push_back(fs::path(PC_SOURCE_DIR) / "data");
#endif
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        auto bin = exe.parent_path();
        candidates.push_back(bin / ".." / "share" / "petacerdas" / "data");
        candidates.push_back(bin / "data");
        candidates.push_back(bin / ".." / "data");
    }
    for (auto& c : candidates)
        if (holds(c)) return fs::weakly_canonical(c, ec).string();
    throw InputError({"data/demo_district.csv"},
                     "demo inputs not found (set PC_DATA_DIR to the folder holding demo_district.csv)");
}

namespace {

// ---- inputs ---------------------------------------------------------------------------------

struct CsvRow {
    long number = 0;  // 1-based data row, as a user counts it below the header
    std::map<std::string, std::string> fields;
};

struct CsvTable {
    std::string path;
    std::vector<CsvRow> rows;

    Where where(const CsvRow& r, const std::string& field) const {
        return {path, "", "row " + std::to_string(r.number), field};
    }
    const std::string& text(const CsvRow& r, const std::string& field) const {
        auto it = r.fields.find(field);
        if (it == r.fields.end()) throw InputError(where(r, field), "missing column");
        return it->second;
    }
    double number(const CsvRow& r, const std::string& field) const {
        const auto& s = text(r, field);
        char* end = nullptr;
        double v = std::strtod(s.c_str(), &end);
        if (s.empty() || *end != '\0' || !std::isfinite(v))
            throw InputError(where(r, field), "not a number: '" + s + "'");
        return v;
    }
    std::optional<double> optional_number(const CsvRow& r, const std::string& field) const {
        if (text(r, field).empty()) return std::nullopt;
        return number(r, field);
    }
};

CsvTable read_csv(const std::string& path) {
    auto ds = open_vector(path);
    CsvTable t{path, {}};
    if (ds->GetLayerCount() < 1) throw InputError({path}, "no table");
    OGRLayer* layer = ds->GetLayer(0);
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    layer->ResetReading();
    long n = 0;
    for (auto& f : *layer) {
        CsvRow row{++n, {}};
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            row.fields[defn->GetFieldDefn(i)->GetNameRef()] = f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "";
        t.rows.push_back(std::move(row));
    }
    if (t.rows.empty()) throw InputError({path}, "no rows");
    return t;
}

// ---- randomness (bit-exact on every platform: no std distributions) --------------------------

struct Rng {
    std::mt19937_64 engine;
    double uniform() { return double(engine() >> 11) * 0x1.0p-53; }
    double uniform(double a, double b) { return a + (b - a) * uniform(); }
};

// ---- local frame: kilometres east/north of the district centre ------------------------------

struct Frame {
    double lon0 = 0, lat0 = 0;
    double km_per_deg_lon() const { return 111.320 * std::cos(lat0 * std::numbers::pi / 180.0); }
    static constexpr double km_per_deg_lat = 110.574;
    Coord to_lonlat(Coord c) const { return {lon0 + c.x / km_per_deg_lon(), lat0 + c.y / km_per_deg_lat}; }
    Geometry to_lonlat(Geometry g) const {
        for (auto& p : g.points) p = to_lonlat(p);
        for (auto& l : g.lines)
            for (auto& p : l) p = to_lonlat(p);
        for (auto& poly : g.polygons)
            for (auto& r : poly.rings)
                for (auto& p : r) p = to_lonlat(p);
        return g;
    }
};

struct Centre {
    Coord at;
    double weight = 0, scale_km = 1;
};

struct KecamatanInput {
    std::string number;  // "01"
    std::string name;
    Coord seat;
    int puskesmas = 1;
};

struct DesaWork {
    Coord seed;
    GeomPtr shape;  // km frame
    Coord centroid;
    double area_km2 = 0;
    std::size_t kecamatan = 0;
    double population = 0;
    std::string name;
    std::string code;
    bool kelurahan = false;
};

double distance(Coord a, Coord b) { return std::hypot(a.x - b.x, a.y - b.y); }

Coord random_point_in(const GeosContext& ctx, const GEOSGeometry* g, const GEOSPreparedGeometry* prepared,
                      Rng& rng) {
    Envelope e = ctx.envelope(g);
    for (int attempt = 0; attempt < 2000; ++attempt) {
        Coord c{rng.uniform(e.min_x, e.max_x), rng.uniform(e.min_y, e.max_y)};
        auto p = ctx.own(GEOSGeom_createPointFromXY_r(ctx.get(), c.x, c.y), "point");
        if (ctx.check_predicate(GEOSPreparedContainsProperly_r(ctx.get(), prepared, p.get()), "contains")) return c;
    }
    return ctx.point_on_surface(g);
}

bool contains(const GeosContext& ctx, const GEOSPreparedGeometry* prepared, Coord c) {
    auto p = ctx.own(GEOSGeom_createPointFromXY_r(ctx.get(), c.x, c.y), "point");
    return ctx.check_predicate(GEOSPreparedContains_r(ctx.get(), prepared, p.get()), "contains");
}

}  // namespace

Project make_demo_project(std::uint64_t seed, const std::string& data_dir_in) {
    const std::string data_dir = data_dir_in.empty() ? demo_data_dir() : data_dir_in;
    const CsvTable district = read_csv((fs::path(data_dir) / "demo_district.csv").string());
    const CsvTable plan = read_csv((fs::path(data_dir) / "demo_initiatives.csv").string());

    // ---- parameters -------------------------------------------------------------------------
    std::map<std::string, const CsvRow*> params;
    std::vector<Centre> centres;
    std::optional<Centre> mountain;
    std::vector<KecamatanInput> kec_in;
    const CsvRow* zone_row = nullptr;
    std::vector<std::string> prefixes, suffixes;
    for (auto& r : district.rows) {
        const auto& kind = district.text(r, "kind");
        if (kind == "param") params[district.text(r, "id")] = &r;
        else if (kind == "centre")
            centres.push_back({{district.number(r, "x_km"), district.number(r, "y_km")}, district.number(r, "value"),
                               district.number(r, "scale_km")});
        else if (kind == "mountain")
            mountain = Centre{{district.number(r, "x_km"), district.number(r, "y_km")}, district.number(r, "value"),
                              district.number(r, "scale_km")};
        else if (kind == "kecamatan")
            kec_in.push_back({district.text(r, "id"), district.text(r, "name"),
                              {district.number(r, "x_km"), district.number(r, "y_km")},
                              int(district.number(r, "value"))});
        else if (kind == "zone") zone_row = &r;
        else if (kind == "name_prefix") prefixes.push_back(district.text(r, "name"));
        else if (kind == "name_suffix") suffixes.push_back(district.text(r, "name"));
        else throw InputError(district.where(r, "kind"), "unknown kind '" + kind + "'");
    }
    auto param_row = [&](const std::string& key) -> const CsvRow& {
        auto it = params.find(key);
        if (it == params.end()) throw InputError({district.path, "", "param " + key, "id"}, "missing parameter");
        return *it->second;
    };
    auto pnum = [&](const std::string& key) { return district.number(param_row(key), "value"); };
    auto ptext = [&](const std::string& key) { return district.text(param_row(key), "name"); };
    if (centres.empty() || kec_in.empty() || prefixes.empty() || suffixes.empty())
        throw InputError({district.path}, "needs centre, kecamatan, name_prefix and name_suffix rows");

    Frame frame{pnum("lon0"), pnum("lat0")};
    const double radius_km = pnum("radius_km");
    const int period_start = int(pnum("period_start")), period_end = int(pnum("period_end"));
    const std::string town_kec = district.text(param_row("town_kecamatan"), "value");
    const Coord town = centres.front().at;

    Rng rng{std::mt19937_64(seed)};
    GeosContext ctx;
    auto h = ctx.get();

    // ---- district outline: a star-shaped, wobbly ring (always simple) ------------------------
    Ring outline_ring;
    {
        const double ph1 = rng.uniform(0, 2 * std::numbers::pi), ph2 = rng.uniform(0, 2 * std::numbers::pi),
                     ph3 = rng.uniform(0, 2 * std::numbers::pi);
        const int n = 120;
        for (int i = 0; i < n; ++i) {
            double t = 2 * std::numbers::pi * i / n;
            double r = radius_km * (1 + 0.10 * std::sin(2 * t + ph1) + 0.07 * std::sin(3 * t + ph2) +
                                    0.04 * std::sin(5 * t + ph3) + 0.03 * (rng.uniform() - 0.5));
            outline_ring.push_back({r * std::cos(t), r * std::sin(t)});
        }
        outline_ring.push_back(outline_ring.front());
    }
    auto outline = ctx.from(Geometry::polygon(outline_ring));
    auto outline_prepared = ctx.prepare(outline.get());

    // ---- desa seeds: a jittered grid, denser in the town -------------------------------------
    std::vector<Coord> seeds;
    {
        const double spacing = std::sqrt(ctx.area(outline.get()) / pnum("desa_target"));
        const int half = int(std::ceil(radius_km * 1.3 / spacing));
        for (int j = -half; j <= half; ++j)
            for (int i = -half; i <= half; ++i) {
                Coord c{i * spacing + rng.uniform(-0.35, 0.35) * spacing, j * spacing + rng.uniform(-0.35, 0.35) * spacing};
                if (contains(ctx, outline_prepared.get(), c)) seeds.push_back(c);
            }
        const int extra = int(pnum("town_extra_desa"));
        for (int k = 0; k < extra; ++k) {
            double a = 2 * std::numbers::pi * (k + rng.uniform(0.0, 0.6)) / extra;
            double r = rng.uniform(0.6, 2.6);
            Coord c{town.x + r * std::cos(a), town.y + r * std::sin(a)};
            bool too_close = std::any_of(seeds.begin(), seeds.end(), [&](Coord s) { return distance(s, c) < 0.5; });
            if (!too_close && contains(ctx, outline_prepared.get(), c)) seeds.push_back(c);
        }
    }

    // ---- Voronoi cells of the seeds, clipped to the outline ----------------------------------
    std::vector<DesaWork> desa(seeds.size());
    {
        std::vector<GeomPtr> pts;
        for (auto& s : seeds) pts.push_back(ctx.own(GEOSGeom_createPointFromXY_r(h, s.x, s.y), "point"));
        std::vector<GEOSGeometry*> raw;
        for (auto& p : pts) raw.push_back(p.release());
        auto multipoint = ctx.own(GEOSGeom_createCollection_r(h, GEOS_MULTIPOINT, raw.data(), unsigned(raw.size())),
                                  "multipoint");
        Envelope env = ctx.envelope(outline.get());
        env.min_x -= 5; env.min_y -= 5; env.max_x += 5; env.max_y += 5;
        auto env_poly = ctx.envelope_polygon(env);
        auto cells = ctx.own(GEOSVoronoiDiagram_r(h, multipoint.get(), env_poly.get(), 0.0, 0), "voronoi");
        int n = GEOSGetNumGeometries_r(h, cells.get());
        std::vector<bool> taken(seeds.size(), false);
        for (int c = 0; c < n; ++c) {
            const GEOSGeometry* cell = GEOSGetGeometryN_r(h, cells.get(), c);
            auto prepared = ctx.prepare(cell);
            for (std::size_t i = 0; i < seeds.size(); ++i) {
                if (taken[i] || !contains(ctx, prepared.get(), seeds[i])) continue;
                taken[i] = true;
                desa[i].shape = ctx.polygonal_part(ctx.intersection(cell, outline.get()).get());
                break;
            }
        }
        for (std::size_t i = 0; i < seeds.size(); ++i) {
            if (!taken[i]) throw GeosError("demo: no Voronoi cell holds desa seed " + std::to_string(i));
            desa[i].seed = seeds[i];
            desa[i].centroid = ctx.centroid(desa[i].shape.get());
            desa[i].area_km2 = ctx.area(desa[i].shape.get());
        }
    }

    // ---- kecamatan: each desa joins the nearest kecamatan seat --------------------------------
    std::vector<std::vector<std::size_t>> kec_desa(kec_in.size());
    for (std::size_t i = 0; i < desa.size(); ++i) {
        std::size_t best = 0;
        for (std::size_t k = 1; k < kec_in.size(); ++k)
            if (distance(desa[i].seed, kec_in[k].seat) < distance(desa[i].seed, kec_in[best].seat)) best = k;
        desa[i].kecamatan = best;
        kec_desa[best].push_back(i);
    }
    for (std::size_t k = 0; k < kec_in.size(); ++k)
        if (kec_desa[k].empty())
            throw InputError({district.path, "", "kecamatan " + kec_in[k].number, "x_km"},
                             "no desa is nearest to this kecamatan seat; move it");

    // ---- population: a gravity model around the centres, thinner on the mountain --------------
    auto density = [&](Coord c) {
        double d = 1.0;
        for (auto& ce : centres) d += ce.weight * std::exp(-distance(c, ce.at) / ce.scale_km);
        if (mountain) d *= 1.0 - mountain->weight * std::exp(-distance(c, mountain->at) / mountain->scale_km);
        return d;
    };
    {
        double raw_total = 0;
        for (auto& d : desa) {
            d.population = d.area_km2 * density(d.centroid) * rng.uniform(0.85, 1.15);
            raw_total += d.population;
        }
        const double target = pnum("population_total");
        for (auto& d : desa) d.population = std::round(d.population * target / raw_total);
    }

    // ---- names and codes ---------------------------------------------------------------------
    std::set<std::string> used_names;
    for (auto& k : kec_in) used_names.insert(k.name);
    const double kelurahan_radius = pnum("kelurahan_radius_km");
    std::vector<std::size_t> order;  // desa in code order
    for (std::size_t k = 0; k < kec_in.size(); ++k) {
        auto& members = kec_desa[k];
        std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
            if (desa[a].seed.y != desa[b].seed.y) return desa[a].seed.y > desa[b].seed.y;  // north to south
            return desa[a].seed.x < desa[b].seed.x;
        });
        int n_desa = 0, n_kel = 0;
        for (std::size_t i : members) {
            auto& d = desa[i];
            d.kelurahan = kec_in[k].number == town_kec && distance(d.seed, town) < kelurahan_radius;
            char buf[24];
            std::snprintf(buf, sizeof buf, "%d%03d", d.kelurahan ? 1 : 2, d.kelurahan ? ++n_kel : ++n_desa);
            d.code = ptext("district_code") + "." + kec_in[k].number + "." + buf;
            for (int attempt = 0;; ++attempt) {
                // Two statements: the order of the draws must not depend on the compiler.
                const auto prefix = rng.engine() % prefixes.size();
                const auto suffix = rng.engine() % suffixes.size();
                std::string name = prefixes[prefix] + suffixes[suffix];
                if (attempt > 50) {
                    name += ' ';
                    name += std::to_string(attempt);
                }
                if (used_names.insert(name).second) {
                    d.name = name;
                    break;
                }
            }
        }
        std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) { return desa[a].code < desa[b].code; });
        order.insert(order.end(), members.begin(), members.end());
    }

    // ---- the project -------------------------------------------------------------------------
    Project p;
    auto& s = p.settings;
    s.name = ptext("project_name");
    s.district_code = ptext("district_code");
    s.district_name = ptext("district_name");
    s.period_start = period_start;
    s.period_end = period_end;
    s.facility_types = default_facility_types();
    s.opd = default_opd_list();

    double total_population = 0;
    for (std::size_t i : order) {
        auto& d = desa[i];
        AdminUnit u;
        u.level = AdminLevel::Desa;
        u.code = d.code;
        u.name = d.name;
        u.parent_code = s.district_code + "." + kec_in[d.kecamatan].number;
        u.population = d.population;
        u.geometry = frame.to_lonlat(ctx.to_geometry(d.shape.get()));
        u.extra.push_back({"jenis", std::string(d.kelurahan ? "kelurahan" : "desa")});
        total_population += d.population;
        p.desa.push_back(std::move(u));
    }
    std::vector<GeomPtr> kec_shapes;
    for (std::size_t k = 0; k < kec_in.size(); ++k) {
        std::vector<GeomPtr> parts;
        double pop = 0;
        for (std::size_t i : kec_desa[k]) {
            parts.push_back(ctx.clone(desa[i].shape.get()));
            pop += desa[i].population;
        }
        auto shape = ctx.union_all(std::move(parts));
        AdminUnit u;
        u.level = AdminLevel::Kecamatan;
        u.code = s.district_code + "." + kec_in[k].number;
        u.name = kec_in[k].name;
        u.parent_code = s.district_code;
        u.population = pop;
        u.geometry = frame.to_lonlat(ctx.to_geometry(shape.get()));
        p.kecamatan.push_back(std::move(u));
        kec_shapes.push_back(std::move(shape));
    }
    {
        std::vector<GeomPtr> parts;
        for (auto& k : kec_shapes) parts.push_back(ctx.clone(k.get()));
        auto shape = ctx.union_all(std::move(parts));
        AdminUnit u;
        u.level = AdminLevel::Kabupaten;
        u.code = s.district_code;
        u.name = s.district_name;
        u.parent_code = s.district_code.substr(0, s.district_code.find('.'));
        u.population = total_population;
        u.geometry = frame.to_lonlat(ctx.to_geometry(shape.get()));
        u.extra.push_back({"catatan", std::string("DEMO — data fiktif, dibuat oleh PetaCerdas (petacerdas demo)")});
        p.kabupaten.push_back(std::move(u));
    }

    // ---- facilities --------------------------------------------------------------------------
    auto add_facility = [&](const std::string& type, std::string name, Coord at_km, std::optional<double> radius,
                            std::vector<ExtraField> extra = {}) {
        Facility f;
        f.type = type;
        f.name = std::move(name);
        f.radius_m = radius;
        Coord ll = frame.to_lonlat(at_km);
        f.geometry = Geometry::point(ll.x, ll.y);
        f.extra = std::move(extra);
        p.facilities.push_back(std::move(f));
    };
    auto point_in_desa = [&](std::size_t i) {
        auto prepared = ctx.prepare(desa[i].shape.get());
        return random_point_in(ctx, desa[i].shape.get(), prepared.get(), rng);
    };
    auto centre_of_desa = [&](std::size_t i) {
        auto prepared = ctx.prepare(desa[i].shape.get());
        return contains(ctx, prepared.get(), desa[i].centroid) ? desa[i].centroid
                                                              : ctx.point_on_surface(desa[i].shape.get());
    };
    // A desa drawn with probability proportional to weight(desa).
    auto draw_desa = [&](auto weight) {
        double total = 0;
        for (std::size_t i : order) total += weight(desa[i]);
        double x = rng.uniform() * total;
        for (std::size_t i : order) {
            x -= weight(desa[i]);
            if (x < 0) return i;
        }
        return order.back();
    };

    // Puskesmas: in the most populous desa of each kecamatan, a second one far from the first.
    for (std::size_t k = 0; k < kec_in.size(); ++k) {
        auto members = kec_desa[k];
        std::stable_sort(members.begin(), members.end(),
                         [&](std::size_t a, std::size_t b) { return desa[a].population > desa[b].population; });
        Coord first = centre_of_desa(members[0]);
        add_facility("puskesmas", "Puskesmas " + kec_in[k].name, first, std::nullopt,
                     {{"rawat_inap", std::int64_t(k % 3 == 0 ? 1 : 0)}});
        if (kec_in[k].puskesmas >= 2) {
            std::size_t second = members.size() > 1 ? members[1] : members[0];
            for (std::size_t i : members)
                if (distance(desa[i].centroid, first) > 4.0) {
                    second = i;
                    break;
                }
            add_facility("puskesmas", "Puskesmas " + desa[second].name, centre_of_desa(second), std::nullopt,
                         {{"rawat_inap", std::int64_t(0)}});
        }
    }
    // Schools follow people.
    {
        std::map<std::size_t, int> per_desa;
        const int n = int(pnum("sekolah"));
        for (int k = 0; k < n; ++k) {
            std::size_t i = draw_desa([](const DesaWork& d) { return d.population; });
            int level = k % 6;  // SD : SMP : SMA = 3 : 2 : 1
            const char* jenjang = level < 3 ? "SD" : level < 5 ? "SMP" : "SMA";
            std::string name = std::string(jenjang) + " Negeri " + std::to_string(++per_desa[i]) + " " + desa[i].name;
            add_facility("sekolah", name, point_in_desa(i), std::nullopt, {{"jenjang", std::string(jenjang)}});
        }
    }
    // Cell towers: denser where people are, but spread (square root of population).
    {
        const int n = int(pnum("bts"));
        const char* operators[] = {"Operator A", "Operator B", "Operator C"};
        for (int k = 0; k < n; ++k) {
            std::size_t i = draw_desa([](const DesaWork& d) { return std::sqrt(d.population); });
            std::optional<double> radius;
            if (k % 2 == 1) radius = std::round(rng.uniform(1000, 3000) / 50) * 50;
            add_facility("bts", "BTS " + desa[i].name + " " + std::to_string(k + 1), point_in_desa(i), radius,
                         {{"operator", std::string(operators[k % 3])}});
        }
    }
    // Public WiFi in the town.
    {
        const int n = int(pnum("wifi"));
        const double r = pnum("wifi_radius_km");
        std::vector<PreparedPtr> prepared;
        for (std::size_t i = 0; i < desa.size(); ++i) prepared.push_back(ctx.prepare(desa[i].shape.get()));
        for (int k = 0; k < n; ++k) {
            Coord c;
            for (int attempt = 0; attempt < 1000; ++attempt) {
                double a = rng.uniform(0, 2 * std::numbers::pi), d = r * std::sqrt(rng.uniform());
                c = {town.x + d * std::cos(a), town.y + d * std::sin(a)};
                if (contains(ctx, outline_prepared.get(), c)) break;
            }
            std::string where = "Kota";
            for (std::size_t i = 0; i < desa.size(); ++i)
                if (contains(ctx, prepared[i].get(), c)) {
                    where = desa[i].name;
                    break;
                }
            add_facility("wifi", "WiFi Publik " + where + " " + std::to_string(k + 1), c, std::nullopt);
        }
    }

    // ---- the tourism zone: union of its member kecamatan -------------------------------------
    if (zone_row) {
        std::vector<GeomPtr> parts;
        std::string members = district.text(*zone_row, "members");
        std::size_t start = 0;
        while (start <= members.size()) {
            auto end = members.find(';', start);
            std::string m = members.substr(start, end == std::string::npos ? std::string::npos : end - start);
            auto it = std::find_if(kec_in.begin(), kec_in.end(), [&](auto& k) { return k.number == m; });
            if (it == kec_in.end())
                throw InputError(district.where(*zone_row, "members"), "unknown kecamatan '" + m + "'");
            parts.push_back(ctx.clone(kec_shapes[std::size_t(it - kec_in.begin())].get()));
            if (end == std::string::npos) break;
            start = end + 1;
        }
        Zone z;
        z.code = district.text(*zone_row, "id");
        z.name = district.text(*zone_row, "name");
        z.kind = district.text(*zone_row, "value");
        z.geometry = frame.to_lonlat(ctx.to_geometry(ctx.union_all(std::move(parts)).get()));
        z.extra.push_back({"anggota_kecamatan", members});
        z.extra.push_back({"sumber", std::string("fiktif (demo)")});
        p.zones.push_back(std::move(z));
    }

    // ---- initiatives -------------------------------------------------------------------------
    for (auto& r : plan.rows) {
        Initiative in;
        in.name = plan.text(r, "name");
        in.description = plan.text(r, "description");
        auto pillar = parse_pillar(plan.text(r, "pillar"));
        auto element = parse_element(plan.text(r, "element"));
        auto status = parse_status(plan.text(r, "status"));
        if (!pillar) throw InputError(plan.where(r, "pillar"), "unknown pillar '" + plan.text(r, "pillar") + "'");
        if (!element) throw InputError(plan.where(r, "element"), "unknown element '" + plan.text(r, "element") + "'");
        if (!status) throw InputError(plan.where(r, "status"), "unknown status '" + plan.text(r, "status") + "'");
        in.pillar = *pillar;
        in.element = *element;
        in.status = *status;
        in.opd = plan.text(r, "opd");
        if (std::find(s.opd.begin(), s.opd.end(), in.opd) == s.opd.end()) s.opd.push_back(in.opd);
        in.start_year = int(plan.number(r, "start_year"));
        in.end_year = int(plan.number(r, "end_year"));
        if (in.start_year < period_start || in.end_year > period_end || in.end_year < in.start_year)
            throw InputError(plan.where(r, "end_year"), "years outside the masterplan period");
        double budget = plan.number(r, "budget_rp");
        if (budget < 0 || budget != std::floor(budget))
            throw InputError(plan.where(r, "budget_rp"), "budget must be whole rupiah");
        in.budget_rp = std::int64_t(budget);
        in.funding_source = plan.text(r, "funding_source");
        in.quick_win = plan.text(r, "quick_win") == "1";
        in.rpjmd_ref = plan.text(r, "rpjmd_ref");
        in.radius_m = plan.optional_number(r, "radius_m");

        const auto& kec = plan.text(r, "kecamatan");
        auto it = std::find_if(kec_in.begin(), kec_in.end(), [&](auto& k) { return k.number == kec; });
        if (it == kec_in.end()) throw InputError(plan.where(r, "kecamatan"), "unknown kecamatan '" + kec + "'");
        Coord anchor{it->seat.x + plan.number(r, "dx_km"), it->seat.y + plan.number(r, "dy_km")};
        const auto& kind = plan.text(r, "geometry");
        Geometry g;
        if (kind == "point") {
            g = Geometry::point(anchor.x, anchor.y);
        } else if (kind == "line") {
            double len = plan.number(r, "size_km");
            double a = plan.number(r, "angle_deg") * std::numbers::pi / 180;
            std::vector<Coord> pts;
            for (int k = 0; k <= 5; ++k) {
                double t = len * k / 5, off = k == 0 || k == 5 ? 0 : rng.uniform(-0.3, 0.3);
                pts.push_back({anchor.x + t * std::cos(a) - off * std::sin(a), anchor.y + t * std::sin(a) + off * std::cos(a)});
            }
            g = Geometry::line(pts);
        } else if (kind == "polygon") {
            double radius = plan.number(r, "size_km") / 2;
            Ring ring;
            for (int k = 0; k < 10; ++k) {
                double a = 2 * std::numbers::pi * k / 10, rr = radius * rng.uniform(0.85, 1.15);
                ring.push_back({anchor.x + rr * std::cos(a), anchor.y + rr * std::sin(a)});
            }
            ring.push_back(ring.front());
            auto clipped = ctx.polygonal_part(ctx.intersection(ctx.from(Geometry::polygon(ring)).get(), outline.get()).get());
            g = GEOSisEmpty_r(h, clipped.get()) == 1 ? Geometry::polygon(ring) : ctx.to_geometry(clipped.get());
        } else {
            throw InputError(plan.where(r, "geometry"), "geometry must be point, line or polygon, not '" + kind + "'");
        }
        in.geometry = frame.to_lonlat(std::move(g));
        p.initiatives.push_back(std::move(in));
    }

    // ---- stable ids, drawn in a fixed order ---------------------------------------------------
    for (auto* layer : {&p.kabupaten, &p.kecamatan, &p.desa})
        for (auto& u : *layer) u.id = uuid_from(rng.engine);
    for (auto& f : p.facilities) f.id = uuid_from(rng.engine);
    for (auto& z : p.zones) z.id = uuid_from(rng.engine);
    for (auto& i : p.initiatives) i.id = uuid_from(rng.engine);
    return p;
}

}  // namespace pc
