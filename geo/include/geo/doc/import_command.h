#pragma once
// Importing a layer as one undoable edit of the document. The import runs first on a scratch copy of
// the target layer (so an InputError leaves the project untouched); the command then swaps the
// layer's features (and the facility types the import added) in and out.
#include <string>

#include "geo/doc/command.h"
#include "geo/io/import.h"

namespace pc {

struct ImportEdit {
    CommandPtr command;   // execute it on the document the project came from
    ImportReport report;  // what the import read, used, skipped and warned about
};

// Throws InputError (file, layer, feature, field) when the source cannot be imported. A population
// raster (PopulationGrid from a GeoTIFF) is not handled here: use read_population_raster.
ImportEdit make_import(const Project& project, const std::string& path, const ImportOptions& options);

// The document layer an import target changes (admin units and the population grid: Admin).
DocLayer doc_layer(ImportTarget target);

}  // namespace pc
