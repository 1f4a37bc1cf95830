#include "geo/style.h"

namespace pc {

const char* pillar_label(Pillar p) {
    switch (p) {
        case Pillar::Governance: return "Smart Governance";
        case Pillar::Branding: return "Smart Branding";
        case Pillar::Economy: return "Smart Economy";
        case Pillar::Society: return "Smart Society";
        case Pillar::Living: return "Smart Living";
        case Pillar::Environment: return "Smart Environment";
    }
    return "?";
}

namespace map_style {
SymbolShape facility_shape(const std::string& type) {
    if (type == "puskesmas" || type == "rumah_sakit") return SymbolShape::Square;
    if (type == "sekolah") return SymbolShape::Triangle;
    if (type == "bts") return SymbolShape::Diamond;
    return SymbolShape::Circle;
}
}  // namespace map_style

}  // namespace pc
