// Guessing which source field holds what, from the names Indonesian sources use.
#include <initializer_list>

#include "geo/io/import.h"
#include "io_internal.h"

namespace pc {

const char* to_key(ImportTarget t) {
    switch (t) {
        case ImportTarget::Kabupaten: return "kabupaten";
        case ImportTarget::Kecamatan: return "kecamatan";
        case ImportTarget::Desa: return "desa";
        case ImportTarget::Facilities: return "facilities";
        case ImportTarget::Zones: return "zones";
        case ImportTarget::Initiatives: return "initiatives";
        case ImportTarget::PopulationGrid: return "population_grid";
    }
    return "?";
}

std::optional<ImportTarget> parse_import_target(const std::string& s) {
    auto k = io::lower(s);
    for (char& c : k)
        if (c == '-' || c == ' ') c = '_';
    if (k == "kabupaten" || k == "kabkota" || k == "kota" || k == "district") return ImportTarget::Kabupaten;
    if (k == "kecamatan" || k == "kec" || k == "subdistrict") return ImportTarget::Kecamatan;
    if (k == "desa" || k == "kelurahan" || k == "village" || k == "nagari") return ImportTarget::Desa;
    if (k == "facilities" || k == "facility" || k == "fasilitas") return ImportTarget::Facilities;
    if (k == "zones" || k == "zone" || k == "zona") return ImportTarget::Zones;
    if (k == "initiatives" || k == "initiative" || k == "inisiatif") return ImportTarget::Initiatives;
    if (k == "population_grid" || k == "popgrid" || k == "population" || k == "grid") return ImportTarget::PopulationGrid;
    return std::nullopt;
}

FieldMapping guess_mapping(const std::vector<std::string>& fields, ImportTarget target) {
    // The first candidate present wins; the source's own spelling is returned. Our own column names
    // come first so files we export are read back the same way.
    auto pick = [&](std::initializer_list<const char*> candidates) -> std::string {
        for (const char* c : candidates)
            for (auto& f : fields)
                if (io::iequals(f, c)) return f;
        return "";
    };
    FieldMapping m;
    switch (target) {
        case ImportTarget::Kabupaten:
            m.code = pick({"code", "kode", "kode_kab", "kode_kabkota", "KDPKAB", "kode_wilayah"});
            m.name = pick({"name", "nama", "nama_kab", "WADMKK", "NAMOBJ"});
            m.parent_code = pick({"parent_code", "kode_prov", "KDPPUM"});
            break;
        case ImportTarget::Kecamatan:
            m.code = pick({"code", "kode", "kode_kec", "KDCPUM", "kode_wilayah"});
            m.name = pick({"name", "nama", "nama_kec", "WADMKC", "NAMOBJ"});
            m.parent_code = pick({"parent_code", "kode_kab", "KDPKAB"});
            break;
        case ImportTarget::Desa:
            m.code = pick({"code", "kode", "kode_desa", "KDEPUM", "kode_wilayah"});
            m.name = pick({"name", "nama", "nama_desa", "WADMKD", "NAMOBJ"});
            m.parent_code = pick({"parent_code", "kode_kec", "KDCPUM"});
            break;
        case ImportTarget::Facilities:
            m.name = pick({"name", "nama", "NAMOBJ", "nama_faskes", "nama_fasilitas"});
            m.type = pick({"type", "jenis", "tipe", "kategori", "category", "kind"});
            m.radius = pick({"radius_m", "range_m", "radius", "range"});
            break;
        case ImportTarget::Zones:
            m.code = pick({"code", "zone_id", "kode", "zone_code"});
            m.name = pick({"name", "zone_name", "nama"});
            m.type = pick({"kind", "zone_type", "jenis", "type", "tipe"});
            break;
        case ImportTarget::Initiatives:
            m.name = pick({"name", "nama"});
            m.radius = pick({"radius_m", "radius"});
            break;
        case ImportTarget::PopulationGrid:
            break;
    }
    if (target == ImportTarget::Kabupaten || target == ImportTarget::Kecamatan || target == ImportTarget::Desa) {
        m.bps_code = pick({"bps_code", "kode_bps", "KDBPS", "kd_bps"});
        // Official counts before modelled ones.
        m.population = pick({"population", "penduduk", "jumlah_penduduk", "jml_pddk", "pop_sp2020",
                             "pop_est_sp2020", "pop", "pop_ghs"});
    }
    if (target == ImportTarget::PopulationGrid)
        m.population = pick({"pop", "population", "penduduk", "jumlah_penduduk", "jml_pddk", "value", "pop_ghs",
                             "pop_est_sp2020", "pop_sp2020"});
    m.lon = pick({"lon", "lng", "longitude", "longtitude", "long", "x", "bujur"});
    m.lat = pick({"lat", "latitude", "y", "lintang"});
    m.wkt = pick({"wkt", "geometry", "geom", "the_geom", "wkt_geom"});
    return m;
}

}  // namespace pc
