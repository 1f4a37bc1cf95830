#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <set>

#include "geo/geos.h"
#include "geo/io/import.h"
#include "geo/io/project_file.h"
#include "io_test_util.h"
#include "skip.h"

using namespace pc;

namespace {

std::string shared(const std::string& file) { return (test::shared_data_dir() / file).string(); }

bool have_shared(const std::string& file) { return !test::shared_file(file).empty(); }

ImportOptions opts(ImportTarget t, const std::string& layer) {
    ImportOptions o;
    o.target = t;
    o.layer = layer;
    return o;
}

}  // namespace

TEST_CASE("real data: Pamekasan desa, kecamatan, faskes and population grid", "[io][real]") {
    if (!have_shared("kab_pamekasan_3528.gpkg")) return;
    const auto file = shared("kab_pamekasan_3528.gpkg");
    Project p;
    p.settings.facility_types = default_facility_types();

    auto desa = import_layer(p, file, opts(ImportTarget::Desa, "desa"));
    CHECK(desa.read == 189);
    CHECK(desa.imported == 189);
    CHECK(desa.mapping.population == "pop_est_sp2020");
    CHECK(desa.mapping.code == "kode");
    CHECK(desa.mapping.parent_code == "kode_kec");
    CHECK(desa.repaired == 0);  // the README: no seed-district desa needed repair
    REQUIRE(p.desa.size() == 189);
    for (auto& d : p.desa) {
        CHECK(d.population.has_value());
        CHECK(d.code.rfind("35.28.", 0) == 0);
        CHECK(d.parent_code.size() == 8);
    }
    // Extras keep the other fields, typed.
    auto& extra = p.desa[0].extra;
    auto it = std::find_if(extra.begin(), extra.end(), [](auto& x) { return x.name == "luas_km2"; });
    REQUIRE(it != extra.end());
    CHECK(std::holds_alternative<double>(it->value));

    auto kec = import_layer(p, file, opts(ImportTarget::Kecamatan, "kecamatan"));
    CHECK(kec.imported == 13);
    CHECK(p.kecamatan.size() == 13);

    auto fas = import_layer(p, file, opts(ImportTarget::Facilities, "faskes"));
    CHECK(fas.read == 106);
    CHECK(fas.imported == 104);
    CHECK(fas.skipped == 2);
    CHECK(fas.mapping.type == "jenis");
    std::set<std::string> types;
    for (auto& f : p.facilities) types.insert(f.type);
    CHECK(types == std::set<std::string>{"apotek", "klinik", "puskesmas"});
    std::size_t puskesmas = 0;
    for (auto& f : p.facilities) puskesmas += f.type == "puskesmas";
    CHECK(puskesmas == 21);

    auto grid = import_layer(p, file, opts(ImportTarget::PopulationGrid, "popgrid_ghs"));
    CHECK(grid.read == 987);
    CHECK(grid.imported + grid.skipped == 987);
    REQUIRE(p.population_grid);
    CHECK(p.population_grid->cells.size() == grid.imported);
    CHECK(grid.imported > 900);

    // The whole imported district survives a save and load exactly.
    test::TempDir dir;
    save_project(p, dir / "pamekasan.gpkg");
    CHECK(load_project(dir / "pamekasan.gpkg") == p);
}

TEST_CASE("real data: the 124 invalid kab/kota geometries are repaired", "[io][real]") {
    if (!have_shared("indonesia_kabkota.gpkg")) return;
    Project p;
    auto o = opts(ImportTarget::Kabupaten, "kabkota_invalid_src");
    o.require_population = false;
    o.replace = true;
    auto rep = import_layer(p, shared("indonesia_kabkota.gpkg"), o);
    CHECK(rep.read == 124);
    CHECK(rep.repaired > 0);
    CHECK(rep.imported + rep.skipped == 124);
    CHECK(rep.imported >= 123);
    GeosContext ctx;
    std::size_t invalid = 0;
    for (auto& u : p.kabupaten) {
        auto g = ctx.from(u.geometry);
        if (!ctx.is_valid(g.get())) ++invalid;
    }
    CHECK(invalid == 0);

    // Against the repaired layer published beside it (README: largest area change 0.09 %).
    Project fixed;
    auto of = opts(ImportTarget::Kabupaten, "kabkota");
    of.require_population = false;
    import_layer(fixed, shared("indonesia_kabkota.gpkg"), of);
    std::map<std::string, double> area;
    for (auto& u : fixed.kabupaten) area[u.code] = ctx.area(ctx.from(u.geometry).get());
    std::size_t compared = 0;
    for (auto& u : p.kabupaten) {
        INFO(u.code << " " << u.name);
        REQUIRE(area.count(u.code));
        double a = ctx.area(ctx.from(u.geometry).get());
        CHECK(std::abs(a - area[u.code]) <= 0.002 * area[u.code]);
        ++compared;
    }
    CHECK(compared == p.kabupaten.size());
}

// Hidden (run with "[.jatim]"): the Jawa Timur benchmark layer imports and saves in reasonable time.
TEST_CASE("real data: Jawa Timur desa import and save", "[.jatim]") {
    if (!have_shared("jatim_desa.gpkg")) return;
    Project p;
    auto t0 = std::chrono::steady_clock::now();
    auto rep = import_layer(p, shared("jatim_desa.gpkg"), opts(ImportTarget::Desa, "desa"));
    auto t1 = std::chrono::steady_clock::now();
    CHECK(rep.imported == 8494);
    CHECK(rep.mapping.population == "pop_ghs");
    test::TempDir dir;
    save_project(p, dir / "jatim.gpkg");
    auto t2 = std::chrono::steady_clock::now();
    CHECK(load_project(dir / "jatim.gpkg") == p);
    auto t3 = std::chrono::steady_clock::now();
    auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
    WARN("import " << ms(t0, t1) << " ms, save " << ms(t1, t2) << " ms, load " << ms(t2, t3) << " ms");
}
