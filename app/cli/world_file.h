#pragma once
// The georeference of a rendered map PNG: a world file (FILE.pgw) and the CRS in GDAL's sidecar
// (FILE.png.aux.xml), so that GIS software (QGIS, GDAL) places the image on the map.
#include <string>

#include "offscreen/map_image.h"

namespace pc::cli {

// The map's drawing CRS is an equirectangular projection around the district centre in metres
// (gui::LocalProjection); the world file maps image pixels onto it. Throws std::runtime_error when a
// file cannot be written.
void write_world_file(const std::string& png_path, const gui::MapImage& image);

// "+proj=eqc ..." of a LocalProjection: x = R cos(lat0) (lon - lon0), y = R (lat - lat0).
std::string local_projection_proj4(const gui::LocalProjection& projection);

}  // namespace pc::cli
