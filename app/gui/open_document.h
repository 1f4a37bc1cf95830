#pragma once
// What File > Open and the command line open: a project file, or a district GeoPackage of
// ../shared/data (kabkota, kecamatan, desa ...), which becomes a new, untitled project built by the
// core's load_district (the same as `petacerdas load-district`), to be saved where the user wants.
#include <memory>
#include <string>

#include "geo/doc/document.h"

namespace pc::gui {

struct OpenedDocument {
    std::unique_ptr<Document> doc;
    bool from_district_file = false;  // untitled: built from a district file
};

// Throws InputError (naming file and layer) when the file is neither.
OpenedDocument open_document(const std::string& path);

}  // namespace pc::gui
