#pragma once
// What an analysis produces. Plain data: written to the project, CSV, XLSX, Markdown, shown by the GUI.
// Areas in km², distances in metres, populations in persons (fractional: modelled values).
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "geo/geometry.h"
#include "geo/model.h"

namespace pc {

enum class PopulationMethod : std::uint8_t {
    AreaWeighted,   // unit population spread evenly over the unit's area
    GridExact,      // population grid, each cell counted by the exact fraction of its area inside
    GridRescaled,   // as GridExact, cells rescaled so each desa sums to its official population
};
const char* to_key(PopulationMethod m);

// Figures of one unit (desa, kecamatan, district, zone, or desa ∩ zone) for one service.
struct UnitMetrics {
    std::string layer;        // "desa", "kecamatan", "kabupaten", "zone", "zone_desa"
    std::string code;         // unit code; for zone_desa "<zone code>/<desa code>"
    std::string name;
    std::string parent_code;  // kecamatan of a desa, kabupaten of a kecamatan, zone of a zone_desa
    double area_km2 = 0;
    double covered_km2 = 0;
    double coverage_ratio_area = 0;        // covered_km2 / area_km2 (0 when area is 0)
    double population = 0;
    double covered_population = 0;
    double uncovered_population = 0;       // population - covered_population
    double coverage_ratio_population = 0;  // covered_population / population (0 when population is 0)
    double nearest_facility_m = std::numeric_limits<double>::quiet_NaN();  // NaN when the service has none
    Geometry gap;                          // unit minus service area, lon/lat (desa, kecamatan, district)
};

// One service: a facility type, or "initiatives" (initiatives that have a service radius).
struct ServiceCoverage {
    std::string service;  // facility type key or "initiatives"
    std::string label;
    std::size_t features_used = 0;           // counted: their service area is part of S
    std::size_t features_outside = 0;        // standing outside the district (counted or not)
    std::size_t features_across_border = 0;  // standing outside, counted: they serve desa inside
    Geometry service_area;             // union of buffers ∩ district, lon/lat (empty when keep_gap_geometry is off)
    std::vector<UnitMetrics> desa;
    std::vector<UnitMetrics> kecamatan;
    UnitMetrics district;
    std::vector<UnitMetrics> zones;      // unit = zone ∩ district
    std::vector<UnitMetrics> zone_desa;  // unit = desa ∩ zone, for desa that meet a zone
    std::vector<std::size_t> gap_ranking;  // indices into desa: uncovered population desc, then uncovered area desc
};

struct FlaggedFeature {
    std::string layer;  // "facilities", "initiatives", "desa" ...
    Uuid id;
    std::string code_or_name;
    std::string problem;  // "outside the district", "invalid geometry repaired: Self-intersection" ...
};

// What the data had wrong and how it was handled; the analysis goes on.
struct DataQuality {
    std::size_t geometries_repaired = 0;
    std::size_t facilities_outside = 0;          // standing outside the district
    std::size_t initiatives_outside = 0;
    std::size_t facilities_across_border = 0;    // of those, counted: their service area reaches desa
    std::size_t initiatives_across_border = 0;
    std::size_t desa_overlap_pairs = 0;     // pairs overlapping by more than 100 m²
    double desa_overlap_km2 = 0;            // sum of desa areas minus the area of their union
    double desa_gap_km2 = 0;                // enclosed by the union of desa but covered by no desa
    double outline_not_in_desa_km2 = 0;     // district outline minus union of desa (0 without an outline)
    double desa_not_in_outline_km2 = 0;     // union of desa minus outline
    std::vector<FlaggedFeature> flagged;
    std::vector<std::string> warnings;
};

struct CountBudget {
    std::string key;
    std::size_t count = 0;
    std::int64_t budget_rp = 0;
};

struct InitiativeReach {
    Uuid id;
    std::string name;
    std::string kecamatan_code;           // kecamatan that holds its point on surface ("" outside)
    std::vector<std::string> zone_codes;  // zones it intersects
    double radius_m = 0;
    double population_within_radius = 0;  // 0 when it has no radius
};

struct ZoneInitiatives {
    std::string zone_code;
    std::string zone_name;
    std::size_t count_inside = 0;
    std::int64_t budget_inside_rp = 0;
    std::size_t count_outside = 0;
    std::int64_t budget_outside_rp = 0;
};

struct InitiativeStats {
    std::size_t count = 0;
    std::int64_t budget_rp = 0;
    std::vector<CountBudget> by_pillar;     // all six pillars, in kPillars order
    std::vector<CountBudget> by_element;    // all three elements
    std::vector<CountBudget> by_status;
    std::vector<CountBudget> by_opd;        // sorted by key
    std::vector<CountBudget> by_year;       // active initiatives per year; budget spread evenly over its years
    std::vector<CountBudget> by_kecamatan;  // by kecamatan code; "" = outside every kecamatan
    std::vector<ZoneInitiatives> by_zone;
    std::vector<InitiativeReach> reach;     // one per initiative, in project order
};

// Where a number came from: enough to trace and re-run it.
struct Provenance {
    std::string tool;            // "PetaCerdas 0.1.0"
    std::string computed_at;     // UTC, ISO 8601
    std::string analysis_crs;    // "EPSG:32749"
    PopulationMethod population_method = PopulationMethod::AreaWeighted;
    std::string parameters;      // "quadrant_segments=8;top_gaps=10;..."
    std::string inputs_sha256;   // hash of every input feature and setting used
};

struct AnalysisResult {
    Provenance provenance;
    DataQuality quality;
    std::vector<ServiceCoverage> services;
    InitiativeStats initiatives;
    const ServiceCoverage* service(const std::string& key) const;
};

}  // namespace pc
