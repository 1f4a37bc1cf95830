#pragma once
// Pieces shared by the render and report subcommands (they draw maps offscreen through pc_render).
#include <string>
#include <utility>
#include <vector>

#include "cli.h"
#include "geo/doc/document.h"
#include "offscreen/map_image.h"

namespace pc::cli {

// "3840x2160" -> {3840, 2160}; UsageError when not WxH within 16..8192.
std::pair<int, int> parse_size(const std::string& text);
// "id" / "en"; UsageError otherwise.
gui::Language parse_language(const std::string& text);
// "-7.2,113.1" style lists of four numbers: MINLON,MINLAT,MAXLON,MAXLAT (UsageError otherwise).
Envelope parse_extent(const std::string& text);

struct NamedMap {
    std::string name;
    gui::MapImageRequest request;
};

// The maps that --view / --extent / --all-views ask for (the district when none is given).
std::vector<NamedMap> maps_to_render(const Document& doc, const Args& args, int width, int height,
                                     gui::Language lang);
// One map per saved map view of the project, in their order.
std::vector<NamedMap> view_maps(const Document& doc, int width, int height, gui::Language lang);

}  // namespace pc::cli
