// Saved views drawn offscreen: the view's extent, layers and highlights; and petacerdas render
// --view / --all-views and report on a project that has views (no display).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "geo/demo/demo.h"
#include "geo/doc/document.h"
#include "geo/geos.h"
#include "geo/io/project_file.h"
#include "geo/view.h"
#include "offscreen/map_image.h"
#include "render/png.h"

using namespace pc;
using namespace pc::gui;
namespace fs = std::filesystem;

namespace {

std::pair<int, int> png_size(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    unsigned char h[24] = {};
    in.read(reinterpret_cast<char*>(h), 24);
    if (!in || h[1] != 'P' || h[2] != 'N' || h[3] != 'G') return {0, 0};
    auto be = [&](int o) { return int((h[o] << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3]); };
    return {be(16), be(20)};
}

std::size_t count_near(const MapImage& img, std::uint32_t rgba, int tol) {
    std::size_t n = 0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) {
            std::uint32_t c = img.pixel(x, y);
            if (std::abs(int(c >> 24) - int(rgba >> 24)) <= tol && std::abs(int((c >> 16) & 0xff) - int((rgba >> 16) & 0xff)) <= tol &&
                std::abs(int((c >> 8) & 0xff) - int((rgba >> 8) & 0xff)) <= tol)
                ++n;
        }
    return n;
}

// Three views of the demo: a zone close-up with a highlighted kecamatan, the whole district by
// area coverage, and a second service.
Project demo_with_views() {
    Project p = make_demo_project();
    const Zone& z = p.zones.front();
    View zone = make_view("Kawasan " + z.name);
    zone.extent = z.geometry.envelope();
    zone.layers = {ViewLayer::Zones, ViewLayer::KabupatenLine, ViewLayer::KecamatanLines};
    zone.caption = "Zona prioritas pariwisata";
    zone.highlight_units = {p.kecamatan.front().code};
    View area = make_view("Cakupan luas");
    area.choropleth.metric = ViewMetric::CoverageArea;
    View second = make_view("Cakupan " + p.settings.facility_types.at(1).label);
    second.choropleth.service = p.settings.facility_types.at(1).key;
    p.views = {zone, area, second};
    return p;
}

}  // namespace

TEST_CASE("render: a saved view draws its extent, layers and highlights", "[render][views]") {
    Document doc(demo_with_views());
    const View& v = doc.project().views.front();
    MapImageRenderer r(doc);
    MapImage img = r.render(request_for_view(v, 1600, 900, Language::Indonesian));
    REQUIRE(img.width == 1600);
    REQUIRE(img.height == 900);
    // The view's extent is inside the image, and fills a good part of it.
    Coord a = img.pixel_of({v.extent.min_x, v.extent.max_y}), b = img.pixel_of({v.extent.max_x, v.extent.min_y});
    INFO("extent in pixels " << a.x << "," << a.y << " - " << b.x << "," << b.y);
    CHECK(a.x >= 0);
    CHECK(a.y >= 0);
    CHECK(b.x <= 1600);
    CHECK(b.y <= 900);
    CHECK(std::max(b.x - a.x, (b.y - a.y) * 16 / 9) > 1600 * 0.5);
    // Only the view's layers: no choropleth colours anywhere (the red class colour is absent), the
    // zone's violet blend present, the highlight's teal outline present.
    CHECK(count_near(img, 0xd7191cff, 20) == 0);
    const double alpha = 0.15 * std::min(1.0, 3 * 0.30);  // the zones' tint between the hatch lines
    auto mix = [&](int land, int zone) { return std::uint32_t(std::lround(land * (1 - alpha) + zone * alpha)); };
    const std::uint32_t land = layer_colour(LayerId::Choropleth), zc = layer_colour(LayerId::Zones);
    const std::uint32_t inside = (mix(int(land >> 24), int(zc >> 24)) << 24) | (mix(int((land >> 16) & 0xff), int((zc >> 16) & 0xff)) << 16) |
                                 (mix(int((land >> 8) & 0xff), int((zc >> 8) & 0xff)) << 8) | 0xff;
    CHECK(count_near(img, inside, 4) > 20000);
    CHECK(count_near(img, 0x00838fff, 10) > 200);
    // The title block carries the view's name: the same view without a name has fewer dark pixels.
    View untitled = v;
    untitled.name.clear();
    untitled.caption.clear();
    MapImage plain = r.render(request_for_view(untitled, 1600, 900, Language::Indonesian));
    auto dark = [](const MapImage& m) {
        std::size_t n = 0;
        for (int y = 0; y < 150; ++y)
            for (int x = 0; x < 800; ++x) {
                auto c = m.pixel(x, y);
                if (int(c >> 24) + int((c >> 16) & 0xff) + int((c >> 8) & 0xff) < 210) ++n;
            }
        return n;
    };
    CHECK(dark(img) > dark(plain) + 1500);
}

TEST_CASE("render: petacerdas render --view, --all-views and report with views, no display", "[render][views][cli]") {
    const fs::path dir = fs::path(PC_RENDER_OUT_DIR) / "views";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string project = (dir / "demo_views.gpkg").string();
    Project p = demo_with_views();
    save_project(p, project);
    const std::string bin = PC_PETACERDAS;
    auto run = [&](const std::string& args) {
        std::string cmd = "env -u DISPLAY -u WAYLAND_DISPLAY " + bin + " " + args + " > " + (dir / "log.txt").string() + " 2>&1";
        int rc = std::system(cmd.c_str());
        std::ifstream log(dir / "log.txt");
        std::stringstream ss;
        ss << log.rdbuf();
        INFO(cmd << "\n" << ss.str());
        REQUIRE(rc == 0);
    };
    run("render " + project + " --all-views --size 960x540 --out " + (dir / "all").string());
    std::size_t found = 0;
    for (const auto& f : fs::directory_iterator(dir / "all"))
        if (png_size(f.path().string()) == std::pair{960, 540}) ++found;
    CHECK(found == p.views.size());  // one PNG per view, as asked
    run("render " + project + " --view \"Cakupan luas\" --size 1280x720 --out " + (dir / "one.png").string());
    CHECK(png_size((dir / "one.png").string()) == std::pair{1280, 720});
    CHECK(std::system(("env -u DISPLAY " + bin + " render " + project + " --view Nope --out x.png > /dev/null 2>&1").c_str()) != 0);

    run("report " + project + " --out " + (dir / "report").string() + " --no-pdf --map-size 900x600");
    std::ifstream html(dir / "report" / "report.html");
    std::stringstream ss;
    ss << html.rdbuf();
    const std::string h = ss.str();
    for (const auto& v : p.views) {
        INFO(v.name);
        CHECK(h.find("<figcaption><b>" + v.name + "</b>") != std::string::npos);
    }
    // District overview + 3 views + one atlas map per kecamatan, all embedded.
    std::size_t images = 0;
    for (std::size_t at = 0; (at = h.find("src=\"data:image/png;base64,", at)) != std::string::npos; ++at) ++images;
    CHECK(images == 1 + p.views.size() + p.kecamatan.size());
}
