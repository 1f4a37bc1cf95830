#pragma once
// What File > Open and the command line open: a project file, or a district GeoPackage of
// ../shared/data (kabkota, kecamatan, desa ...), which becomes a new, untitled project built by the
// core's load_district (the same as `petacerdas load-district`), to be saved where the user wants; or,
// for benchmarks, a vector file of desa (--import-desa). Each is a DocumentLoad job: it runs on a
// worker thread while the window shows its progress.
#include <string>

#include "geo/doc/document_load.h"

namespace pc::gui {

// A project or a district file; throws InputError (naming file and layer) when the file is neither.
DocumentLoad::Make read_document(std::string path);
// A new, unsaved project whose desa come from any OGR vector file (population not required).
DocumentLoad::Make read_desa_layer(std::string path);

}  // namespace pc::gui
