#include "geo/io/district.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "geo/error.h"
#include "geo/gdal.h"
#include "io_internal.h"

namespace pc {
namespace {

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
    io::LayerReader reader(*ds, *l, path);
    OGRFeatureUniquePtr f = reader.next();
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

}  // namespace

bool is_district_file(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return false;
    try {
        bool kabkota = false, kecamatan = false, desa = false, settings = false;
        for (const LayerInfo& l : list_layers(path)) {
            kabkota |= l.name == "kabkota";
            kecamatan |= l.name == "kecamatan";
            desa |= l.name == "desa";
            settings |= l.name == "settings";
        }
        return kabkota && kecamatan && desa && !settings;
    } catch (const std::exception&) {
        return false;
    }
}

Project load_district(const std::string& src, const DistrictOptions& options, DistrictReport* report) {
    DistrictReport local;
    DistrictReport& rep = report ? *report : local;
    rep = DistrictReport{};
    std::map<std::string, LayerInfo> layers;
    for (auto& l : list_layers(src)) layers[l.name] = l;
    auto has_field = [&](const std::string& layer, const std::string& field) {
        auto it = layers.find(layer);
        return it != layers.end() &&
               std::find(it->second.fields.begin(), it->second.fields.end(), field) != it->second.fields.end();
    };
    for (const char* required : {"kecamatan", "desa"})
        if (!layers.count(required)) throw InputError({src, required}, "layer missing");

    const DistrictId id = read_district(src);
    rep.code = id.code;
    rep.name = id.name;
    rep.kabkota_count = id.count;
    Project p;
    p.settings.district_code = id.code;
    p.settings.district_name = id.name;
    p.settings.name = "Masterplan Smart City " + id.name + " " + std::to_string(options.period_start) + "-" +
                      std::to_string(options.period_end);
    p.settings.period_start = options.period_start;
    p.settings.period_end = options.period_end;
    p.settings.facility_types = default_facility_types();
    p.settings.opd = default_opd_list();

    auto import = [&](const std::string& path, const std::string& layer, ImportTarget target, FieldMapping m,
                      const std::string& type = "", bool require_population = true) {
        ImportOptions o;
        o.target = target;
        o.layer = layer;
        o.mapping = std::move(m);
        o.facility_type = type;
        o.require_population = require_population;
        o.replace = false;
        rep.layers.push_back(import_layer(p, path, o));
    };

    rep.population_field = options.census_population && has_field("desa", "pop_est_sp2020") ? "pop_est_sp2020" : "pop_ghs";
    if (id.count == 1) {
        FieldMapping m;
        m.code = "kode";
        m.name = "nama";
        if (has_field("kabkota", "pop_sp2020")) m.population = "pop_sp2020";
        import(src, "kabkota", ImportTarget::Kabupaten, m, "", false);
    } else {
        rep.notes.push_back(std::to_string(id.count) + " kabupaten/kota in " + src + ": no single district outline imported");
    }
    {
        FieldMapping m;
        m.code = "kode";
        m.name = "nama";
        m.parent_code = "kode_kab";
        m.population = has_field("kecamatan", rep.population_field) ? rep.population_field : "pop_ghs";
        import(src, "kecamatan", ImportTarget::Kecamatan, m);
    }
    {
        FieldMapping m;
        m.code = "kode";
        m.name = "nama";
        m.parent_code = "kode_kec";
        m.population = rep.population_field;
        import(src, "desa", ImportTarget::Desa, m);
    }
    if (layers.count("bts_opencellid") && layers["bts_opencellid"].features > 0) {
        FieldMapping m;
        m.name = "cell";
        m.radius = "range_m";
        import(src, "bts_opencellid", ImportTarget::Facilities, m, "bts");
    }
    if (layers.count("faskes") && layers["faskes"].features > 0) {
        // Planning radii for the faskes types that are not in the defaults: a klinik pratama serves
        // about as far as a puskesmas pembantu, an apotek a walking distance.
        if (!p.facility_type("klinik")) p.settings.facility_types.push_back({"klinik", "Klinik", 2000, 0x2e86abff});
        if (!p.facility_type("apotek")) p.settings.facility_types.push_back({"apotek", "Apotek", 1000, 0x8ac926ff});
        FieldMapping m;
        m.name = "nama";
        m.type = "jenis";
        import(src, "faskes", ImportTarget::Facilities, m);
    }
    if (options.population_grid && layers.count("popgrid_ghs")) {
        FieldMapping m;
        m.population = "pop";
        import(src, "popgrid_ghs", ImportTarget::PopulationGrid, m);
    }
    if (!options.zones_path.empty()) {
        FieldMapping m;
        m.code = "zone_id";
        m.name = "zone_name";
        m.type = "zone_type";
        import(options.zones_path, options.zone_layer, ImportTarget::Zones, m);
    }

    // A type without any feature here would be reported as 0 % coverage: that is missing data, not
    // a finding, so the project only keeps the types the file has (add others when data arrives).
    auto& types = p.settings.facility_types;
    std::string dropped;
    std::erase_if(types, [&](const FacilityType& t) {
        bool unused = std::none_of(p.facilities.begin(), p.facilities.end(), [&](const Facility& f) { return f.type == t.key; });
        if (unused) dropped += (dropped.empty() ? "" : ", ") + t.key;
        return unused;
    });
    if (!dropped.empty())
        rep.notes.push_back("no features of type " + dropped + " in " + src + ": left out of the project's facility types");
    return p;
}

}  // namespace pc
