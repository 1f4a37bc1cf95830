#pragma once
// Telling apart units of the same name in a province: "Arjasa" is a kecamatan of Jember and one of
// Situbondo. What a desa or kecamatan lies in, by its Kemendagri code and the project's kecamatan and
// kabupaten layers (their names; the codes when a layer was not imported).
#include <string>
#include <unordered_map>

#include "geo/model.h"

namespace pc {

class AdminNames {
public:
    explicit AdminNames(const Project& project);
    // More than one kabupaten/kota among the project's units (a province).
    bool several_kabupaten() const { return several_kabupaten_; }
    // A unit's name as shown: its own, else its code.
    static std::string shown(const std::string& name, const std::string& code) { return name.empty() ? code : name; }
    // Where a unit lies: a desa "Kec. Arjasa, Kabupaten Jember" (the kabupaten only in a province); a
    // kecamatan "Kabupaten Jember" in a province, "" otherwise. `parent_code` as the unit has it.
    std::string within(AdminLevel level, const std::string& code, const std::string& parent_code) const;
    // The kecamatan or kabupaten code of a unit code ("35.09.01.2001" -> "35.09.01" / "35.09").
    static std::string kecamatan_code(const std::string& code);
    static std::string kabupaten_code(const std::string& code);

private:
    std::string kecamatan_name(const std::string& code) const;
    std::string kabupaten_name(const std::string& code) const;
    std::unordered_map<std::string, std::string> kecamatan_, kabupaten_;
    bool several_kabupaten_ = false;
};

}  // namespace pc
