#include "world_file.h"

#include <ogr_spatialref.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "geo/srs.h"

namespace pc::cli {

std::string local_projection_proj4(const gui::LocalProjection& p) {
    // kx = R·deg·cos(lat0) and ky = R·deg (LocalProjection::around): R is ky in metres a radian.
    const double radius = p.ky * 180 / M_PI;
    char b[256];
    std::snprintf(b, sizeof b, "+proj=eqc +lat_ts=%.12g +lat_0=%.12g +lon_0=%.12g +x_0=0 +y_0=0 +R=%.12g +units=m +no_defs",
                  p.lat0, p.lat0, p.lon0, radius);
    return b;
}

void write_world_file(const std::string& png_path, const gui::MapImage& img) {
    // Pixel (col, row) of the image shows layout point ((col + 0.5)/s, (row + 0.5)/s) at its centre.
    const double metres = 1 / (img.camera.ppm * img.scale);
    const Coord first = img.camera.to_local(0.5 / img.scale, 0.5 / img.scale);
    std::filesystem::path world(png_path);
    world.replace_extension(".pgw");
    {
        std::ofstream out(world);
        char b[512];
        std::snprintf(b, sizeof b, "%.12g\n0\n0\n%.12g\n%.12f\n%.12f\n", metres, -metres, first.x, first.y);
        out << b;
        if (!out) throw std::runtime_error("cannot write " + world.string());
    }
    auto srs = make_srs(local_projection_proj4(img.projection), "map projection");
    char* wkt = nullptr;
    srs->exportToWkt(&wkt);
    const std::string text = wkt ? wkt : "";
    CPLFree(wkt);
    std::ofstream aux(png_path + ".aux.xml");
    aux << "<PAMDataset>\n  <SRS dataAxisToSRSAxisMapping=\"1,2\">";
    for (char c : text) aux << (c == '"' ? std::string("&quot;") : c == '<' ? std::string("&lt;") : c == '&' ? std::string("&amp;") : std::string(1, c));
    aux << "</SRS>\n</PAMDataset>\n";
    if (!aux) throw std::runtime_error("cannot write " + png_path + ".aux.xml");
}

}  // namespace pc::cli
