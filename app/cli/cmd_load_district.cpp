// petacerdas load-district: a project from one district GeoPackage of ../shared/data
// (kabkota outline, kecamatan, desa with population, cell sites, health facilities, population grid).
#include <cstdio>
#include <map>

#include "cli.h"
#include "geo/bounds.h"
#include "geo/error.h"
#include "geo/io/district.h"
#include "geo/io/import.h"
#include "geo/io/project_file.h"
#include "geo/numbers.h"

namespace pc::cli {

namespace {

const char* kUsageText =
    "Usage: petacerdas load-district GPKG --out PROJECT [--zones ZONES_GPKG] [--population census|ghs]\n"
    "                                 [--no-grid] [--period 2025-2029]\n"
    "\n"
    "Builds a project from a district GeoPackage laid out like ../shared/data/kab_*.gpkg:\n"
    "  kabkota         district outline; settings take its kode and nama (population pop_sp2020)\n"
    "  kecamatan       kecamatan (kode, nama, kode_kab)\n"
    "  desa            desa/kelurahan (kode, nama, kode_kec) with population pop_est_sp2020 (census-scaled),\n"
    "                  or pop_ghs with --population ghs or when the census field is missing\n"
    "  bts_opencellid  facilities of type bts, radius from range_m (when the layer has features)\n"
    "  faskes          facilities typed by jenis (puskesmas, klinik, apotek)\n"
    "  popgrid_ghs     population grid (field pop)\n"
    "Zones come from --zones (e.g. ../shared/data/zona_pariwisata.gpkg, layer zona: zone_id, zone_name,\n"
    "zone_type); the engine clips them to the district.\n"
    "\n"
    "Options:\n"
    "  --out PROJECT        project file to write (required; replaced atomically)\n"
    "  --zones GPKG         tourism/planning zones to add\n"
    "  --zone-layer L       layer of --zones (default zona)\n"
    "  --population P       census (default) or ghs\n"
    "  --no-grid            do not import the population grid\n"
    "  --period 2025-2029   masterplan period\n"
    "  -h, --help           this text\n"
    "\n"
    "Example:\n"
    "  petacerdas load-district ../shared/data/kab_pasuruan_3514.gpkg --out out/pasuruan.gpkg \\\n"
    "      --zones ../shared/data/zona_pariwisata.gpkg\n"
    "  petacerdas analyze out/pasuruan.gpkg\n";

void print_import(const ImportReport& r) {
    std::fprintf(stderr, "imported %s: %zu of %zu%s%s\n", r.layer.c_str(), r.imported, r.read,
                 r.repaired ? (", " + std::to_string(r.repaired) + " repaired").c_str() : "",
                 r.skipped ? (", " + std::to_string(r.skipped) + " skipped").c_str() : "");
    for (auto& w : r.warnings) std::fprintf(stderr, "  warning: %s\n", w.c_str());
}

int run(const std::vector<std::string>& argv) {
    Args a = parse(argv, {"--out", "--zones", "--zone-layer", "--population", "--period"}, {"--no-grid"});
    if (a.help) {
        std::printf("%s", kUsageText);
        return kOk;
    }
    if (a.positional.size() != 1) throw UsageError("needs exactly one district GPKG");
    auto out = a.get("--out");
    if (!out) throw UsageError("needs --out PROJECT");
    const std::string population = a.get("--population").value_or("census");
    if (population != "census" && population != "ghs") throw UsageError("--population is census or ghs");
    DistrictOptions o;
    o.census_population = population == "census";
    o.population_grid = !a.has("--no-grid");
    if (auto period = a.get("--period")) {
        // Two years of the masterplan era (geo/numbers.h); sscanf's %d took 2025-99999 and overflowed.
        const auto dash = period->find('-');
        try {
            if (dash == std::string::npos) throw InputError({}, "no dash");
            o.period_start = parse_year(period->substr(0, dash), {});
            o.period_end = parse_year(period->substr(dash + 1), {});
        } catch (const InputError&) {
            o.period_start = o.period_end = 0;
        }
        if (o.period_start == 0 || o.period_start > o.period_end)
            throw UsageError("--period must be two years of " + std::to_string(kFirstYear) + "-" + std::to_string(kLastYear) +
                             ", the first not after the second, like 2025-2029");
    }
    const std::string src = a.positional[0];
    require_file(src, "district file");
    if (auto z = a.get("--zones")) {
        require_file(*z, "zones file");
        o.zones_path = *z;
        o.zone_layer = a.get("--zone-layer").value_or("zona");
    }

    DistrictReport rep;
    Progress pr("reading " + src);
    Project p = load_district(src, o, &rep);
    pr.done();
    for (const ImportReport& r : rep.layers) print_import(r);
    for (const std::string& n : rep.notes) std::fprintf(stderr, "note: %s\n", n.c_str());

    Progress save("writing " + *out);
    save_project(p, *out);
    save.done();
    double pop = 0;
    for (auto& d : p.desa) pop += d.population.value_or(0);
    std::map<std::string, int> by_type;
    for (auto& f : p.facilities) ++by_type[f.type];
    std::printf("%s (%s): %zu kecamatan, %zu desa, population %.0f (%s)", rep.name.c_str(), rep.code.c_str(),
                p.kecamatan.size(), p.desa.size(), pop, rep.population_field.c_str());
    for (auto& [t, n] : by_type) std::printf(", %d %s", n, t.c_str());
    std::printf(", %zu zones%s\n", p.zones.size(),
                p.population_grid ? (", " + std::to_string(p.population_grid->cells.size()) + " grid cells").c_str() : "");
    std::printf("project: %s\nnext:    petacerdas analyze %s\n", out->c_str(), out->c_str());
    return kOk;
}

}  // namespace

const Command kLoadDistrict{"load-district", "build a project from a ../shared/data district GeoPackage", kUsageText,
                            run};

}  // namespace pc::cli
