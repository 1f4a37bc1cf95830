#include "geo/model.h"

#include <algorithm>
#include <cctype>

namespace pc {

const char* to_key(Pillar p) {
    switch (p) {
        case Pillar::Governance: return "governance";
        case Pillar::Branding: return "branding";
        case Pillar::Economy: return "economy";
        case Pillar::Society: return "society";
        case Pillar::Living: return "living";
        case Pillar::Environment: return "environment";
    }
    return "?";
}
const char* to_key(Element e) {
    switch (e) {
        case Element::Struktur: return "struktur";
        case Element::Infrastruktur: return "infrastruktur";
        case Element::Suprastruktur: return "suprastruktur";
    }
    return "?";
}
const char* to_key(Status s) {
    switch (s) {
        case Status::Usulan: return "usulan";
        case Status::Rencana: return "rencana";
        case Status::Berjalan: return "berjalan";
        case Status::Selesai: return "selesai";
    }
    return "?";
}
const char* to_key(AdminLevel l) {
    switch (l) {
        case AdminLevel::Kabupaten: return "kabupaten";
        case AdminLevel::Kecamatan: return "kecamatan";
        case AdminLevel::Desa: return "desa";
    }
    return "?";
}

namespace {
std::string normalise(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    s.erase(0, s.find_first_not_of(" \t"));
    s.erase(s.find_last_not_of(" \t") + 1);
    for (const char* prefix : {"smart ", "smart_", "smart-"})
        if (s.rfind(prefix, 0) == 0) s = s.substr(std::char_traits<char>::length(prefix));
    return s;
}
template <class E, std::size_t N>
std::optional<E> parse_key(const std::string& s, const E (&all)[N]) {
    auto n = normalise(s);
    for (E e : all)
        if (n == to_key(e)) return e;
    return std::nullopt;
}
}  // namespace

std::optional<Pillar> parse_pillar(const std::string& s) { return parse_key(s, kPillars); }
std::optional<Element> parse_element(const std::string& s) { return parse_key(s, kElements); }
std::optional<Status> parse_status(const std::string& s) { return parse_key(s, kStatuses); }

const FacilityType* Project::facility_type(const std::string& key) const {
    for (auto& t : settings.facility_types)
        if (t.key == key) return &t;
    return nullptr;
}

double Project::service_radius_m(const Facility& f) const {
    if (f.radius_m) return *f.radius_m;
    if (auto* t = facility_type(f.type)) return t->default_radius_m;
    return 0;
}

std::vector<AdminUnit>& Project::units(AdminLevel level) {
    switch (level) {
        case AdminLevel::Kabupaten: return kabupaten;
        case AdminLevel::Kecamatan: return kecamatan;
        case AdminLevel::Desa: break;
    }
    return desa;
}
const std::vector<AdminUnit>& Project::units(AdminLevel level) const {
    return const_cast<Project*>(this)->units(level);
}

std::vector<FacilityType> default_facility_types() {
    // Radii are planning norms used in Indonesian district plans: a puskesmas serves about 3 km in
    // rural areas, an SD about 1 km walking, an SMP/SMA about 3 km, a macro cell about 2 km,
    // a public WiFi hotspot about 100 m.
    return {
        {"puskesmas", "Puskesmas", 3000, 0xd7263dff},
        {"sekolah", "Sekolah", 1000, 0x1b998bff},
        {"bts", "Menara BTS", 2000, 0x6a4c93ff},
        {"wifi", "WiFi publik", 100, 0xf46036ff},
    };
}

std::vector<std::string> default_opd_list() {
    return {"Bappeda", "Diskominfo", "Dinkes", "Disdik", "Dinas Pariwisata", "DPMPTSP", "Dinas PU", "DLH",
            "Dishub", "Disperindag", "Dispendukcapil", "BPBD"};
}

}  // namespace pc
