#pragma once
// A project from one district GeoPackage laid out like ../shared/data/kab_*.gpkg: the kabkota outline,
// kecamatan and desa with population, cell sites (bts_opencellid), health facilities (faskes) and the
// population grid (popgrid_ghs). Used by `petacerdas load-district` and by the application when a
// district file is opened.
#include <string>
#include <vector>

#include "geo/io/import.h"
#include "geo/model.h"

namespace pc {

struct DistrictOptions {
    std::string zones_path;           // zones to add (e.g. zona_pariwisata.gpkg); "" = none
    std::string zone_layer = "zona";  // fields zone_id, zone_name, zone_type
    bool census_population = true;    // desa pop_est_sp2020 when present, else pop_ghs
    bool population_grid = true;      // import popgrid_ghs when present
    int period_start = 2025, period_end = 2029;
};

struct DistrictReport {
    std::string code, name;       // of the district (a province file: the province)
    long long kabkota_count = 0;  // features of the kabkota layer (1 for a district file)
    std::string population_field; // the desa field the populations came from
    std::vector<ImportReport> layers;  // one per imported layer, in order
    std::vector<std::string> notes;    // what was left out and why
};

// True when `path` is a GeoPackage with kabkota, kecamatan and desa layers (and is not a project).
bool is_district_file(const std::string& path);

// Builds the project; throws InputError naming file, layer and field when the file does not fit.
Project load_district(const std::string& path, const DistrictOptions& options, DistrictReport* report = nullptr);

}  // namespace pc
