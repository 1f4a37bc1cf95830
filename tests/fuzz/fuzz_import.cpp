// libFuzzer target: the import path (import_layer, preview_import, join_population) on one input
// format, chosen at build time with PC_FUZZ_FORMAT: csv, geojson, gpkg, or shp. A Shapefile set is
// several files: its input is framed as parts (shp_parts.h), so mutations reach each part.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_input.h"
#include "geo/gdal.h"
#include "geo/io/import.h"
#include "shp_parts.h"

namespace {

// The targets whose checks differ most: polygons with populations, points with types and radii,
// initiatives with years and budgets.
void import_as(const std::string& path, pc::ImportTarget target) {
    pc::fuzz::refusals_expected([&] {
        pc::Project p;
        pc::ImportOptions o;
        o.target = target;
        o.facility_type = "sekolah";
        o.require_population = target != pc::ImportTarget::Kecamatan;
        pc::import_layer(p, path, o);
    });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bool ready = (pc::gdal_init(), true);
    (void)ready;
    const std::string format = PC_FUZZ_FORMAT;
    std::string path;
    if (format == "shp") {
        path = pc::fuzz::write_shapefile_parts(data, size);
        if (path.empty()) return 0;
    } else {
        path = pc::fuzz::write_input("input." + format, data, size);
    }
    // One target an input (each import opens the file again: five would cost five times the
    // execs); which one follows the input's length, so mutations reach them all.
    static constexpr pc::ImportTarget kTargets[] = {pc::ImportTarget::Desa, pc::ImportTarget::Kecamatan,
                                                    pc::ImportTarget::Facilities, pc::ImportTarget::Initiatives,
                                                    pc::ImportTarget::PopulationGrid};
    import_as(path, kTargets[size % 5]);
    pc::fuzz::refusals_expected([&] { pc::preview_import(path, pc::ImportOptions{}, 5); });
    if (format == "csv") {  // a population table
        pc::fuzz::refusals_expected([&] {
            pc::Project p;
            p.desa.resize(2);
            p.desa[0].code = "35.28.01.2001";
            p.desa[1].code = "35.28.01.2002";
            pc::join_population(p, path, "kode", "penduduk");
        });
    }
    return 0;
}
