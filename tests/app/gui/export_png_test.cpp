// File > Export map as PNG in a real window: the current map (its extent and layers) and every saved
// view written at the chosen size, read back with GDAL's PNG driver (an independent decoder).
#include <catch2/catch.hpp>

#include <gdal_priv.h>

#include <cstdlib>
#include <filesystem>

#include "app.h"
#include "export_png.h"
#include "geo/doc/view_commands.h"
#include "geo/gdal.h"
#include "geo/geos.h"
#include "panel_views.h"
#include "skip.h"

using namespace pc;
using namespace pc::gui;
namespace fs = std::filesystem;

namespace {

struct Png {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgb;  // 3 bytes per pixel, top row first
    std::array<int, 3> at(int x, int y) const {
        std::size_t i = (std::size_t(y) * std::size_t(width) + std::size_t(x)) * 3;
        return {rgb[i], rgb[i + 1], rgb[i + 2]};
    }
};

Png read_png(const std::string& path) {
    gdal_init();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    REQUIRE(ds);
    Png p;
    p.width = ds->GetRasterXSize();
    p.height = ds->GetRasterYSize();
    REQUIRE(ds->GetRasterCount() >= 3);
    p.rgb.resize(std::size_t(p.width) * std::size_t(p.height) * 3);
    int bands[3] = {1, 2, 3};
    REQUIRE(ds->RasterIO(GF_Read, 0, 0, p.width, p.height, p.rgb.data(), p.width, p.height, GDT_Byte, 3, bands, 3,
                         std::size_t(p.width) * 3, 1) == CE_None);
    return p;
}

bool near(std::array<int, 3> c, std::uint32_t rgba, int tol) {
    int r = int(rgba >> 24), g = int((rgba >> 16) & 0xff), b = int((rgba >> 8) & 0xff);
    return std::abs(c[0] - r) <= tol && std::abs(c[1] - g) <= tol && std::abs(c[2] - b) <= tol;
}

}  // namespace

TEST_CASE("gui: File > Export map as PNG writes the map as shown and every saved view", "[gui][window][export]") {
    if (!pc::test::have_display()) return;
    fs::path dir = fs::temp_directory_path() / ("pc_gui_export_png_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    ::setenv("PC_DEMO_PROJECT", (dir / "demo.gpkg").string().c_str(), 1);
    AppOptions o;
    o.visible = false;
    App app(o);
    REQUIRE(app.settle());  // read in the background, drawn, figures computed
    app.frame();
    Document& doc = app.doc();
    MapView& map = app.map();
    const Zone& zone = doc.project().zones.front();

    // Only the zones, zoomed to the first one: what the export must show.
    for (auto& s : map.styles) s.visible = false;
    map.styles[std::size_t(LayerId::Zones)].visible = true;
    map.zoom_to(zone.geometry.envelope());
    app.frame();
    app.ui().export_kind = ExportKind::Map;
    app.ui().export_size = 0;  // 1920 × 1080
    app.ui().export_path = (dir / "peta.png").string();  // as the file dialog sets it
    app.frame();
    REQUIRE(fs::exists(dir / "peta.png"));
    fs::copy_file(dir / "peta.png", fs::path(PC_SCREENSHOT_DIR) / "export_map_1920x1080.png", fs::copy_options::overwrite_existing);
    Png img = read_png((dir / "peta.png").string());
    CHECK(img.width == 1920);
    CHECK(img.height == 1080);
    // The zone's tint (over the plain land colour) at its point on surface, which is where the map
    // showed it: the image's extent is the screen's.
    GeosContext c;
    Coord pos = c.point_on_surface(c.from(zone.geometry).get());
    MapImageRequest rq = request_for_map(doc, map, 1920, 1080);
    REQUIRE(rq.extent_lonlat);
    CHECK(rq.extent_lonlat->min_x < pos.x);
    CHECK(rq.extent_lonlat->max_x > pos.x);
    const double opacity = std::min(1.0, 3.0 * map.styles[std::size_t(LayerId::Zones)].opacity);
    const std::uint32_t land = layer_colour(LayerId::Choropleth), zc = layer_colour(LayerId::Zones);
    auto mix = [&](int shift) {
        return std::uint32_t(std::lround(((land >> shift) & 0xff) * (1 - 0.15 * opacity) + ((zc >> shift) & 0xff) * 0.15 * opacity));
    };
    const std::uint32_t tint = (mix(24) << 24) | (mix(16) << 16) | (mix(8) << 8) | 0xff;
    std::size_t tinted = 0;
    for (int y = 0; y < img.height; y += 4)
        for (int x = 0; x < img.width; x += 4) tinted += near(img.at(x, y), tint, 4);
    INFO("tinted samples " << tinted);
    CHECK(tinted > 1920 * 1080 / 16 / 20);  // the zone fills a good part of its own close-up
    CHECK(tinted < 1920 * 1080 / 16);

    // Two map views and the pillar dashboard: two PNGs, named by position and view.
    doc.execute(add_view(doc.project(), view_from_map(map, make_view("Kawasan wisata"))));
    map.zoom_to_district();
    doc.execute(add_view(doc.project(), view_from_map(map, make_view("Seluruh kabupaten"))));
    View dash = make_view("Pilar");
    dash.kind = ViewKind::Dashboard;
    doc.execute(add_view(doc.project(), dash));
    app.ui().export_kind = ExportKind::Views;
    app.ui().export_size = 0;
    app.ui().export_path = (dir / "slide.png").string();
    app.frame();
    CHECK(fs::exists(dir / "slide_01_kawasan_wisata.png"));
    CHECK(fs::exists(dir / "slide_02_seluruh_kabupaten.png"));
    CHECK_FALSE(fs::exists(dir / "slide_03_pilar.png"));
    fs::copy_file(dir / "slide_02_seluruh_kabupaten.png", fs::path(PC_SCREENSHOT_DIR) / "export_view_1920x1080.png",
                  fs::copy_options::overwrite_existing);
    Png whole = read_png((dir / "slide_02_seluruh_kabupaten.png").string());
    CHECK(whole.width == 1920);
    CHECK(whole.height == 1080);
    fs::remove_all(dir);
}
