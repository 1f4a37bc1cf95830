// petacerdas render: a map of a project as a PNG, drawn offscreen (EGL/Mesa), with no display.
#include <array>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "cli.h"
#include "cli_render.h"
#include "geo/error.h"
#include "geo/doc/context_commands.h"
#include "geo/doc/document.h"
#include "offscreen/egl_context.h"
#include "offscreen/map_image.h"
#include "render/png.h"
#include "world_file.h"

namespace pc::cli {

namespace {

const char* kUsageText =
    "Usage: petacerdas render PROJECT [--view NAME | --extent MINLON,MINLAT,MAXLON,MAXLAT | --all-views]\n"
    "                         [--size WxH] --out FILE.png [--lang id|en] [--title TEXT] [--service KEY]\n"
    "                         [--hide LAYER,...] [--world-file]\n"
    "\n"
    "Draws the map of PROJECT as the application shows it (choropleth of the coverage of population,\n"
    "service area, zones, boundaries, facilities, initiatives, labels) with a title block (district,\n"
    "masterplan period, title), legend, scale bar, north arrow and source line, and writes a PNG.\n"
    "Needs no display: OpenGL runs offscreen through EGL on Mesa (llvmpipe on a machine without GPU).\n"
    "\n"
    "Options:\n"
    "  --view NAME     a view saved in the project (its extent, layers, choropleth, caption, and its\n"
    "                  baseline/plan scenario: swipe line or side by side, as the application shows it;\n"
    "                  a site suggestion view: its sites numbered on the map and its cumulative curve)\n"
    "  --extent E      lon/lat box MINLON,MINLAT,MAXLON,MAXLAT (default: the whole district)\n"
    "  --all-views     every saved view: --out is a folder, one PNG per view\n"
    "  --size WxH      pixels, up to 7680x4320 and beyond to 8192 a side (default 1920x1080)\n"
    "  --out FILE      the PNG to write (a folder with --all-views)\n"
    "  --lang id|en    language of the title block and legend (default id, Bahasa Indonesia)\n"
    "  --title TEXT    title of the map (default: the view's name, else \"District overview\")\n"
    "  --service KEY   facility type of the choropleth and service area (default: the first type)\n"
    "  --hide LIST     layers not to draw, comma-separated: choropleth, service_area, zones,\n"
    "                  desa_lines, kecamatan_lines, kabupaten_line, facilities, initiatives, labels,\n"
    "                  context (every context layer: roads, settlements ...)\n"
    "  --world-file    also write FILE.pgw and FILE.png.aux.xml (world file and CRS: the map's\n"
    "                  equirectangular projection around the district), so GIS software places the\n"
    "                  image on the map (not for side-by-side views)\n"
    "  -h, --help      this text\n";

// Turns off the listed layers (view layer keys) in every map; "context": the context layers (in
// this run's document only, which is never saved).
void hide_layers(Document& doc, std::vector<NamedMap>& maps, const std::string& list) {
    std::vector<ViewLayer> hidden;
    std::istringstream in(list);
    for (std::string key; std::getline(in, key, ',');) {
        if (key == "context") {
            for (const ContextLayer& l : std::vector<ContextLayer>(doc.project().context_layers))
                if (l.visible) doc.execute(set_context_layer_visible(doc.project(), l.id, false));
            continue;
        }
        auto l = parse_view_layer(key);
        if (!l) throw UsageError("--hide: unknown layer '" + key + "'");
        hidden.push_back(*l);
    }
    for (auto& m : maps) {
        std::array<bool, gui::kLayerCount> visible;
        visible.fill(true);
        if (m.request.visible) visible = *m.request.visible;
        // ViewLayer and gui::LayerId list the layers in the same order (view.h, map_view.h).
        for (ViewLayer l : hidden) visible[std::size_t(l)] = false;
        m.request.visible = visible;
    }
}

int run(const std::vector<std::string>& argv) {
    Args a = parse(argv, {"--view", "--extent", "--size", "--out", "--lang", "--title", "--service", "--hide"}, {"--all-views", "--world-file"});
    if (a.help) {
        std::printf("%s", kUsageText);
        return kOk;
    }
    if (a.positional.size() != 1) throw UsageError("needs exactly one PROJECT");
    const int chosen = int(a.get("--view").has_value()) + int(a.get("--extent").has_value()) + int(a.has("--all-views"));
    if (chosen > 1) throw UsageError("--view, --extent and --all-views exclude each other");
    const auto out = a.get("--out");
    if (!out) throw UsageError("needs --out FILE.png");
    auto [width, height] = parse_size(a.get("--size").value_or("1920x1080"));
    const gui::Language lang = parse_language(a.get("--lang").value_or("id"));
    gui::set_language(lang);
    if (auto e = a.get("--extent")) parse_extent(*e);  // a bad extent is a usage error, before any work

    const std::string project_path = a.positional[0];
    require_project(project_path);
    Progress load("reading " + project_path);
    auto doc = Document::open(project_path);
    load.done(std::to_string(doc->project().desa.size()) + " desa");

    std::vector<NamedMap> maps = maps_to_render(*doc, a, width, height, lang);
    if (auto h = a.get("--hide")) hide_layers(*doc, maps, *h);
    if (a.has("--all-views") && maps.empty()) throw InputError({project_path}, "the project has no saved views");

    Progress gl("opening offscreen OpenGL");
    gui::MapImageRenderer renderer(*doc);
    gl.done(renderer.gl_renderer());
    for (const auto& m : maps) {
        const std::string path =
            a.has("--all-views") ? (std::filesystem::path(*out) / (gui::file_stem(m.name) + ".png")).string() : *out;
        Progress draw("rendering " + std::to_string(width) + "x" + std::to_string(height) + " " + path);
        gui::MapImage img = renderer.render(m.request);
        const double before_png = draw.elapsed_ms();
        if (!gui::write_png_rgba(path, img.width, img.height, img.rgba.data()))
            throw std::runtime_error("cannot write " + path);
        if (a.has("--world-file") && m.request.scenario.mode != ScenarioMode::SideBySide) write_world_file(path, img);
        std::ostringstream note;
        note << "analysis/buffers " << format_ms(img.sync_ms) << ", drawing " << format_ms(img.draw_ms)
             << ", PNG " << format_ms(draw.elapsed_ms() - before_png);
        if (img.tiles > 1) note << " in " << img.tiles << " tiles";
        draw.done(note.str());
        std::printf("%s %dx%d\n", path.c_str(), img.width, img.height);
    }
    return kOk;
}

}  // namespace

const Command kRender{"render", "draws a map (view, extent or every view) as a PNG, without a display", kUsageText,
                      run};

}  // namespace pc::cli
