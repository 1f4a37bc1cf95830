#include "open_document.h"

#include "geo/io/district.h"

namespace pc::gui {

OpenedDocument open_document(const std::string& path) {
    OpenedDocument out;
    if (is_district_file(path)) {
        out.doc = std::make_unique<Document>(load_district(path, DistrictOptions{}));
        out.from_district_file = true;
    } else {
        out.doc = Document::open(path);
    }
    return out;
}

}  // namespace pc::gui
