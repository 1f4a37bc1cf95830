#pragma once
// Geometry every reader accepts, checked before any writer gets it (not public API): GDAL's drivers
// refuse or silently drop what GEOS calls invalid (LIBKML writes an invalid polygon's placemark without
// its geometry), and QGIS draws it wrongly.
#include <string>
#include <vector>

#include "geo/analysis/results.h"
#include "geo/geometry.h"
#include "geo/geos.h"
#include "geo/model.h"

namespace pc::io {

struct WritableGeometry {
    Geometry geometry;
    std::string repaired;  // why it was changed ("" = written as it is)
};

// Finite coordinates; lines without repeated vertices and of at least two; polygons with closed rings
// of at least four points, made valid by GEOS MakeValid (GeosContext::make_valid, the structure method)
// when they are not. Throws GeosError with the reason when nothing valid is left of a non-empty
// geometry (a ring of one point, a line of one vertex, a coordinate that is not a number).
WritableGeometry writable_geometry(const GeosContext& ctx, const Geometry& g);

// Every geometry of the project and its metrics made writable in place, as the OGR writers do row by
// row: the GeoPackage export, which the project store writes from the model. Repairs are listed in
// `repairs` ("layer 'x', feature 'y': ..."); a geometry that cannot be written throws InputError
// naming `file`, the layer and the feature (its code, else its uuid, else its row).
void make_writable(Project& project, AnalysisResult* metrics, const std::string& file, std::vector<std::string>& repairs);

}  // namespace pc::io
