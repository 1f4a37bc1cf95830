#include "cli_render.h"

#include <cctype>
#include <cmath>
#include <sstream>

#include "geo/error.h"
#include "render/i18n.h"

namespace pc::cli {

std::pair<int, int> parse_size(const std::string& text) {
    int w = 0, h = 0;
    char x = 0, extra = 0;
    std::istringstream in(text);
    if (!(in >> w >> x >> h) || (x != 'x' && x != 'X') || (in >> extra))
        throw UsageError("--size needs WIDTHxHEIGHT in pixels, e.g. 3840x2160, not '" + text + "'");
    if (w < 16 || h < 16 || w > gui::kMaxMapImageSide || h > gui::kMaxMapImageSide)
        throw UsageError("--size " + text + ": each side must be 16 to " + std::to_string(gui::kMaxMapImageSide) +
                         " pixels");
    return {w, h};
}

gui::Language parse_language(const std::string& text) {
    if (text == "id") return gui::Language::Indonesian;
    if (text == "en") return gui::Language::English;
    throw UsageError("--lang must be id or en, not '" + text + "'");
}

Envelope parse_extent(const std::string& text) {
    std::vector<double> v;
    std::istringstream in(text);
    std::string part;
    while (std::getline(in, part, ',')) {
        try {
            std::size_t used = 0;
            v.push_back(std::stod(part, &used));
            if (used != part.size()) v.clear();
        } catch (const std::exception&) {
            v.clear();
            break;
        }
    }
    if (v.size() != 4 || !(v[0] < v[2]) || !(v[1] < v[3]) || v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90)
        throw UsageError("--extent needs MINLON,MINLAT,MAXLON,MAXLAT in degrees with min < max, not '" + text + "'");
    Envelope e;
    e.expand(Coord{v[0], v[1]});
    e.expand(Coord{v[2], v[3]});
    return e;
}

std::vector<NamedMap> maps_to_render(const Document& doc, const Args& a, int width, int height, gui::Language lang) {
    gui::set_language(lang);
    std::vector<NamedMap> maps;
    if (a.has("--all-views")) return view_maps(doc, width, height, lang);
    if (auto name = a.get("--view")) {
        for (auto& m : view_maps(doc, width, height, lang))
            if (m.name == *name) maps.push_back(m);
        if (maps.empty()) throw InputError({doc.path(), "views", *name}, "no saved view of this name");
    } else {
        NamedMap m;
        m.name = gui::tr("District overview");
        m.request.width = width;
        m.request.height = height;
        m.request.language = lang;
        m.request.title = m.name;
        if (auto e = a.get("--extent")) m.request.extent_lonlat = parse_extent(*e);
        maps.push_back(m);
    }
    for (auto& m : maps) {
        if (auto t = a.get("--title")) m.request.title = *t;
        if (auto s = a.get("--service")) m.request.service = *s;
    }
    return maps;
}

std::vector<NamedMap> view_maps(const Document& doc, int width, int height, gui::Language lang) {
    std::vector<NamedMap> maps;
    for (const View& v : doc.project().views)
        if (v.kind != ViewKind::Dashboard) maps.push_back({v.name, gui::request_for_view(v, width, height, lang)});
    return maps;
}

}  // namespace pc::cli
