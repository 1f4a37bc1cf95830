#include "geo/doc/admin_names.h"

#include <set>

namespace pc {
namespace {

// The code up to its `parts`-th dotted part ("35.09.01.2001", 2 -> "35.09"); "" when shorter.
std::string prefix(const std::string& code, int parts) {
    std::size_t pos = 0;
    for (int i = 0; i < parts; ++i) {
        pos = code.find('.', i == 0 ? 0 : pos + 1);
        if (pos == std::string::npos) return i + 1 == parts ? code : std::string();
    }
    return code.substr(0, pos);
}

}  // namespace

AdminNames::AdminNames(const Project& p) {
    for (const auto& k : p.kecamatan) kecamatan_[k.code] = k.name;
    for (const auto& k : p.kabupaten) kabupaten_[k.code] = k.name;
    std::set<std::string> kabupaten;
    for (const auto& d : p.desa) kabupaten.insert(kabupaten_code(d.code));
    for (const auto& k : p.kecamatan) kabupaten.insert(kabupaten_code(k.code));
    kabupaten.erase("");
    several_kabupaten_ = kabupaten.size() > 1 || p.kabupaten.size() > 1;
}

std::string AdminNames::kecamatan_code(const std::string& code) { return prefix(code, 3); }
std::string AdminNames::kabupaten_code(const std::string& code) { return prefix(code, 2); }

std::string AdminNames::kecamatan_name(const std::string& code) const {
    auto it = kecamatan_.find(code);
    return it != kecamatan_.end() && !it->second.empty() ? it->second : code;
}

std::string AdminNames::kabupaten_name(const std::string& code) const {
    auto it = kabupaten_.find(code);
    return it != kabupaten_.end() && !it->second.empty() ? it->second : code;
}

std::string AdminNames::within(AdminLevel level, const std::string& code, const std::string& parent_code) const {
    switch (level) {
        case AdminLevel::Desa: {
            const std::string kec = !parent_code.empty() ? parent_code : kecamatan_code(code);
            std::string out = kec.empty() ? std::string() : "Kec. " + kecamatan_name(kec);
            const std::string kab = kabupaten_code(kec.empty() ? code : kec);
            if (several_kabupaten_ && !kab.empty()) out += (out.empty() ? "" : ", ") + kabupaten_name(kab);
            return out;
        }
        case AdminLevel::Kecamatan: {
            if (!several_kabupaten_) return {};
            const std::string kab = !parent_code.empty() ? parent_code : kabupaten_code(code);
            return kab.empty() ? std::string() : kabupaten_name(kab);
        }
        case AdminLevel::Kabupaten: break;
    }
    return {};
}

}  // namespace pc
