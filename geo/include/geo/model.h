#pragma once
// The masterplan project: what a planner loads, edits and saves. Plain data, no behaviour beyond
// look-ups; analysis lives in analysis/*, files in io/*, edits through doc/*.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "geo/context_layer.h"
#include "geo/geometry.h"
#include "geo/uuid.h"
#include "geo/view.h"

namespace pc {

enum class Pillar : std::uint8_t { Governance, Branding, Economy, Society, Living, Environment };
enum class Element : std::uint8_t { Struktur, Infrastruktur, Suprastruktur };
enum class Status : std::uint8_t { Usulan, Rencana, Berjalan, Selesai };
enum class AdminLevel : std::uint8_t { Kabupaten, Kecamatan, Desa };

inline constexpr Pillar kPillars[] = {Pillar::Governance, Pillar::Branding, Pillar::Economy,
                                      Pillar::Society,    Pillar::Living,   Pillar::Environment};
inline constexpr Element kElements[] = {Element::Struktur, Element::Infrastruktur, Element::Suprastruktur};
inline constexpr Status kStatuses[] = {Status::Usulan, Status::Rencana, Status::Berjalan, Status::Selesai};

// Stable lower-case keys used in files ("governance", "struktur", "usulan", "desa").
const char* to_key(Pillar p);
const char* to_key(Element e);
const char* to_key(Status s);
const char* to_key(AdminLevel l);
// Parse a key, case-insensitively, also accepting "smart governance"/"smart_governance".
std::optional<Pillar> parse_pillar(const std::string& s);
std::optional<Element> parse_element(const std::string& s);
std::optional<Status> parse_status(const std::string& s);

// Attributes a source had that the model has no slot for; kept so they survive save and export.
// FieldValue: geo/context_layer.h (a variant of NULL, integer, real and text).
struct ExtraField {
    std::string name;
    FieldValue value;
    friend bool operator==(const ExtraField&, const ExtraField&) = default;
};

struct AdminUnit {
    Uuid id;
    AdminLevel level = AdminLevel::Desa;
    std::string code;         // Kemendagri kode wilayah, dotted: "35.14.24.2005"
    std::string name;
    std::string parent_code;  // kecamatan code of a desa, kabupaten code of a kecamatan
    std::string bps_code;     // optional
    std::optional<double> population;
    Geometry geometry;        // (multi)polygon, lon/lat
    std::vector<ExtraField> extra;
    friend bool operator==(const AdminUnit&, const AdminUnit&) = default;
};

struct Facility {
    Uuid id;
    std::string type;                 // key of a FacilityType: "puskesmas", "sekolah", "bts", "wifi"
    std::string name;
    std::optional<double> radius_m;   // overrides the type's default when set
    Geometry geometry;                // point, line or polygon, lon/lat
    std::vector<ExtraField> extra;
    friend bool operator==(const Facility&, const Facility&) = default;
};

struct Zone {
    Uuid id;
    std::string code;   // "BTS_KTA"
    std::string name;
    std::string kind;   // "KSPN", "KPPN", or another planning zone type
    Geometry geometry;  // (multi)polygon
    std::vector<ExtraField> extra;
    friend bool operator==(const Zone&, const Zone&) = default;
};

struct Initiative {
    Uuid id;
    std::string name;
    std::string description;
    Pillar pillar = Pillar::Governance;
    Element element = Element::Infrastruktur;
    std::string opd;                  // responsible agency, e.g. "Diskominfo"
    int start_year = 0;
    int end_year = 0;
    std::int64_t budget_rp = 0;       // rupiah, whole
    std::string funding_source;       // APBD, APBN, DAK, CSR, KPBU ...
    Status status = Status::Usulan;
    bool quick_win = false;
    std::string rpjmd_ref;            // RPJMD programme reference
    std::optional<double> radius_m;   // service radius, when the initiative serves an area
    // The service it provides: a facility type key ("wifi": a public WiFi point), so the figures of
    // that service count it; "" = none named (with a radius it counts in the service "initiatives").
    std::string service;
    Geometry geometry;                // point, line or polygon, lon/lat
    friend bool operator==(const Initiative&, const Initiative&) = default;
};

struct FacilityType {
    std::string key;        // "puskesmas"
    std::string label;      // "Puskesmas"
    double default_radius_m = 1000;
    std::uint32_t colour = 0xff0000ff;  // 0xRRGGBBAA
    friend bool operator==(const FacilityType&, const FacilityType&) = default;
};

struct ProjectSettings {
    std::string name;            // "Masterplan Smart City Kabupaten Pasuruan 2025-2029"
    std::string district_code;   // "35.14"
    std::string district_name;   // "Kabupaten Pasuruan"
    int period_start = 0;
    int period_end = 0;
    std::string analysis_crs;    // "" = the WGS 84 UTM zone of the district's centroid
    // Count only the facilities and initiatives that stand inside the district. Off by default: every
    // feature whose service area reaches the district counts, wherever it stands (border truth).
    bool features_inside_only = false;
    std::vector<FacilityType> facility_types;
    std::vector<std::string> opd;
    friend bool operator==(const ProjectSettings&, const ProjectSettings&) = default;
};

// One cell of a population surface (a raster pixel or a grid polygon), lon/lat.
struct PopulationCell {
    Geometry geometry;  // polygon
    double population = 0;
    friend bool operator==(const PopulationCell&, const PopulationCell&) = default;
};

struct PopulationGrid {
    std::string source;  // file and layer/band it came from
    std::vector<PopulationCell> cells;
    friend bool operator==(const PopulationGrid&, const PopulationGrid&) = default;
};

struct Project {
    ProjectSettings settings;
    std::vector<AdminUnit> kabupaten;  // the district outline (0 or 1 feature)
    std::vector<AdminUnit> kecamatan;
    std::vector<AdminUnit> desa;
    std::vector<Facility> facilities;
    std::vector<Zone> zones;
    std::vector<Initiative> initiatives;
    std::optional<PopulationGrid> population_grid;
    std::vector<View> views;  // the slides of a presentation, in order
    std::vector<ContextLayer> context_layers;  // reference layers under the map, drawn first to last

    const FacilityType* facility_type(const std::string& key) const;
    // The radius that applies to a facility: its own, else its type's default, else 0.
    double service_radius_m(const Facility& f) const;
    std::vector<AdminUnit>& units(AdminLevel level);
    const std::vector<AdminUnit>& units(AdminLevel level) const;

    friend bool operator==(const Project&, const Project&) = default;
};

// The facility types a new project starts with (puskesmas, sekolah, bts, wifi ...).
std::vector<FacilityType> default_facility_types();
// The OPD list a new project starts with.
std::vector<std::string> default_opd_list();

}  // namespace pc
