// petacerdas load-district: a project from one district GeoPackage of ../shared/data
// (kabkota outline, kecamatan, desa with population, cell sites, health facilities, population grid).
#include <algorithm>
#include <cstdio>
#include <map>

#include "cli.h"
#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/io/import.h"
#include "geo/io/project_file.h"

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

struct DistrictId {
    std::string code, name;
    long long count = 0;
};

DistrictId read_district(const std::string& path) {
    auto ds = open_vector(path);
    OGRLayer* l = ds->GetLayerByName("kabkota");
    if (!l) throw InputError({path, "kabkota"}, "no layer 'kabkota' (is this a district file of ../shared/data?)");
    DistrictId d;
    d.count = l->GetFeatureCount();
    l->ResetReading();
    OGRFeatureUniquePtr f(l->GetNextFeature());
    if (!f) throw InputError({path, "kabkota"}, "the layer is empty");
    int kode = f->GetFieldIndex("kode"), nama = f->GetFieldIndex("nama");
    if (kode < 0) throw InputError({path, "kabkota", "", "kode"}, "missing field");
    if (nama < 0) throw InputError({path, "kabkota", "", "nama"}, "missing field");
    if (d.count == 1) {
        d.code = f->GetFieldAsString(kode);
        d.name = f->GetFieldAsString(nama);
    } else {
        // A province file (jatim_desa.gpkg): the province is the "district".
        int kp = f->GetFieldIndex("kode_prov"), np = f->GetFieldIndex("nama_prov");
        d.code = kp >= 0 ? f->GetFieldAsString(kp) : "";
        d.name = np >= 0 ? std::string("Provinsi ") + f->GetFieldAsString(np) : path;
    }
    return d;
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
    int start = 2025, end = 2029;
    if (auto period = a.get("--period"))
        if (std::sscanf(period->c_str(), "%d-%d", &start, &end) != 2 || start > end)
            throw UsageError("--period must look like 2025-2029");
    const std::string src = a.positional[0];
    require_file(src, "district file");
    if (auto z = a.get("--zones")) require_file(*z, "zones file");

    std::map<std::string, LayerInfo> layers;
    for (auto& l : list_layers(src)) layers[l.name] = l;
    auto has_field = [&](const std::string& layer, const std::string& field) {
        auto it = layers.find(layer);
        return it != layers.end() &&
               std::find(it->second.fields.begin(), it->second.fields.end(), field) != it->second.fields.end();
    };
    for (const char* required : {"kecamatan", "desa"})
        if (!layers.count(required)) throw InputError({src, required}, "layer missing");

    DistrictId id = read_district(src);
    Project p;
    p.settings.district_code = id.code;
    p.settings.district_name = id.name;
    p.settings.name = "Masterplan Smart City " + id.name + " " + std::to_string(start) + "-" + std::to_string(end);
    p.settings.period_start = start;
    p.settings.period_end = end;
    p.settings.facility_types = default_facility_types();
    p.settings.opd = default_opd_list();

    auto import = [&](const std::string& layer, ImportTarget target, FieldMapping m, const std::string& type = "",
                      bool require_population = true) {
        ImportOptions o;
        o.target = target;
        o.layer = layer;
        o.mapping = std::move(m);
        o.facility_type = type;
        o.require_population = require_population;
        o.replace = false;
        Progress pr("importing " + layer);
        ImportReport r = import_layer(p, src, o);
        pr.done(std::to_string(r.imported) + " of " + std::to_string(r.read) +
                (r.repaired ? ", " + std::to_string(r.repaired) + " repaired" : "") +
                (r.skipped ? ", " + std::to_string(r.skipped) + " skipped" : ""));
        for (auto& w : r.warnings) std::fprintf(stderr, "  warning: %s\n", w.c_str());
    };

    const std::string pop_field =
        population == "census" && has_field("desa", "pop_est_sp2020") ? "pop_est_sp2020" : "pop_ghs";
    if (id.count == 1) {
        FieldMapping m;
        m.code = "kode";
        m.name = "nama";
        if (has_field("kabkota", "pop_sp2020")) m.population = "pop_sp2020";
        import("kabkota", ImportTarget::Kabupaten, m, "", false);
    } else {
        std::fprintf(stderr, "note: %lld kabupaten/kota in %s: no single district outline imported\n", id.count,
                     src.c_str());
    }
    {
        FieldMapping m;
        m.code = "kode";
        m.name = "nama";
        m.parent_code = "kode_kab";
        m.population = has_field("kecamatan", pop_field) ? pop_field : "pop_ghs";
        import("kecamatan", ImportTarget::Kecamatan, m);
    }
    {
        FieldMapping m;
        m.code = "kode";
        m.name = "nama";
        m.parent_code = "kode_kec";
        m.population = pop_field;
        import("desa", ImportTarget::Desa, m);
    }
    if (layers.count("bts_opencellid") && layers["bts_opencellid"].features > 0) {
        FieldMapping m;
        m.name = "cell";
        m.radius = "range_m";
        import("bts_opencellid", ImportTarget::Facilities, m, "bts");
    }
    if (layers.count("faskes") && layers["faskes"].features > 0) {
        // Planning radii for the faskes types that are not in the defaults: a klinik pratama serves
        // about as far as a puskesmas pembantu, an apotek a walking distance.
        if (!p.facility_type("klinik")) p.settings.facility_types.push_back({"klinik", "Klinik", 2000, 0x2e86abff});
        if (!p.facility_type("apotek")) p.settings.facility_types.push_back({"apotek", "Apotek", 1000, 0x8ac926ff});
        FieldMapping m;
        m.name = "nama";
        m.type = "jenis";
        import("faskes", ImportTarget::Facilities, m);
    }
    if (!a.has("--no-grid") && layers.count("popgrid_ghs")) {
        FieldMapping m;
        m.population = "pop";
        import("popgrid_ghs", ImportTarget::PopulationGrid, m);
    }
    if (auto zones = a.get("--zones")) {
        ImportOptions o;
        o.target = ImportTarget::Zones;
        o.layer = a.get("--zone-layer").value_or("zona");
        o.mapping.code = "zone_id";
        o.mapping.name = "zone_name";
        o.mapping.type = "zone_type";
        o.replace = false;
        Progress pr("importing zones from " + *zones);
        ImportReport r = import_layer(p, *zones, o);
        pr.done(std::to_string(r.imported) + " zones");
        for (auto& w : r.warnings) std::fprintf(stderr, "  warning: %s\n", w.c_str());
    }

    // A type without any feature here would be reported as 0 % coverage: that is missing data, not
    // a finding, so the project only keeps the types the file has (add others when data arrives).
    {
        auto& types = p.settings.facility_types;
        std::string dropped;
        std::erase_if(types, [&](const FacilityType& t) {
            bool unused = std::none_of(p.facilities.begin(), p.facilities.end(),
                                       [&](const Facility& f) { return f.type == t.key; });
            if (unused) dropped += (dropped.empty() ? "" : ", ") + t.key;
            return unused;
        });
        if (!dropped.empty())
            std::fprintf(stderr, "note: no features of type %s in %s: left out of the project's facility types\n",
                         dropped.c_str(), src.c_str());
    }

    Progress save("writing " + *out);
    save_project(p, *out);
    save.done();
    double pop = 0;
    for (auto& d : p.desa) pop += d.population.value_or(0);
    std::map<std::string, int> by_type;
    for (auto& f : p.facilities) ++by_type[f.type];
    std::printf("%s (%s): %zu kecamatan, %zu desa, population %.0f (%s)", id.name.c_str(), id.code.c_str(),
                p.kecamatan.size(), p.desa.size(), pop, pop_field.c_str());
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
