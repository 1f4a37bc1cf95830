// A site suggestion slide drawn offscreen (no display): the numbered sites at their places, the
// cumulative curve with the suggestion's numbers, the same as a suggestion computed on its own; and
// `petacerdas render --view` of such a slide.
#include <catch2/catch.hpp>

#include <gdal_priv.h>

#include <cstdlib>
#include <filesystem>

#include "geo/analysis/engine.h"
#include "geo/analysis/suggest.h"
#include "geo/demo/demo.h"
#include "geo/doc/document.h"
#include "geo/gdal.h"
#include "geo/io/project_file.h"
#include "offscreen/map_image.h"
#include "render/png.h"
#include "offscreen/suggest_slide.h"

using namespace pc;
using namespace pc::gui;
namespace fs = std::filesystem;

namespace {

bool near(std::uint32_t a, std::uint32_t b, int tol) {
    for (int shift : {24, 16, 8})
        if (std::abs(int((a >> shift) & 0xff) - int((b >> shift) & 0xff)) > tol) return false;
    return true;
}

bool colour_near(const MapImage& img, double x, double y, std::uint32_t c, int r, int tol) {
    for (int dy = -r; dy <= r; ++dy)
        for (int dx = -r; dx <= r; ++dx)
            if (near(img.pixel(int(x) + dx, int(y) + dy), c, tol)) return true;
    return false;
}

}  // namespace

TEST_CASE("render: a suggestion slide draws the numbered sites and the curve", "[render][views][suggest]") {
    Project p = make_demo_project();
    ViewSuggestion params;
    params.service = "puskesmas";
    params.count = 4;
    params.candidates = "grid:1500";
    View v = suggestion_view(p, params);
    v.caption = "Empat puskesmas pembantu";
    p.views = {v};
    Document doc(p);
    MapImageRenderer renderer(doc);
    const MapImage img = renderer.render(request_for_view(doc.project().views.front(), 1280, 720, Language::Indonesian));
    const fs::path dir = fs::path(PC_RENDER_OUT_DIR);
    fs::create_directories(dir);
    REQUIRE(write_png_rgba((dir / "suggestion_slide.png").string(), img.width, img.height, img.rgba.data()));

    // The same suggestion computed on its own (the engine and the search, no drawing).
    const CoverageEngine engine(doc.project(), doc.options());
    const SuggestResult want = suggest_sites(engine, doc.project(), suggest_options(params, doc.project()));
    REQUIRE(img.suggestion.has_value());
    REQUIRE(want.sites.size() == 4);
    REQUIRE(img.curve_cumulative.size() == 4);
    for (std::size_t k = 0; k < 4; ++k) {
        CHECK(img.suggestion->sites[k].lonlat == want.sites[k].lonlat);
        CHECK(img.curve_cumulative[k] == Approx(want.sites[k].cumulative).epsilon(1e-12));
    }
    CHECK(img.curve_knee == suggestion_knee(img.curve_cumulative));
    // The curve's dots rise, inside the box at the right of the image.
    for (std::size_t k = 0; k < 4; ++k) {
        CHECK(img.curve_points[k].x > img.width * 0.6);
        if (k) CHECK(img.curve_points[k].y <= img.curve_points[k - 1].y);
        CHECK(colour_near(img, img.curve_points[k].x, img.curve_points[k].y, 0x1565c0ff, 1, 20));
    }
    // The markers: red at each site, left of the curve's box (the map was fitted to leave it free).
    int seen = 0;
    for (const auto& s : want.sites) {
        const Coord px = img.pixel_of(s.lonlat);
        INFO("site at " << px.x << "," << px.y);
        CHECK(px.x < img.width * (1 - kCurveBoxShare));
        if (px.y < img.height * 0.2) continue;  // under the title block
        CHECK(colour_near(img, px.x + 10 * img.scale, px.y, 0xd7263dff, 1, 16));
        ++seen;
    }
    CHECK(seen >= 2);
}

TEST_CASE("render: petacerdas render --view draws a suggestion slide", "[render][views][suggest]") {
    const fs::path dir = fs::path(PC_RENDER_OUT_DIR) / "suggestion_view";
    fs::remove_all(dir);
    fs::create_directories(dir);
    Project p = make_demo_project();
    ViewSuggestion params;
    params.service = "puskesmas";
    params.count = 3;
    p.views = {suggestion_view(p, params)};
    p.views.front().name = "Usulan tiga";
    const std::string project = (dir / "p.gpkg").string(), png = (dir / "usulan.png").string();
    save_project(p, project);
    const std::string cmd = std::string(PC_PETACERDAS) + " render '" + project + "' --view 'Usulan tiga' --size 1280x720 --out '" +
                            png + "' > '" + (dir / "log.txt").string() + "' 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    REQUIRE(fs::exists(png));
    // Drawn again here: the file's pixels at the sites are the marker's red.
    Document doc(load_project(project));
    MapImageRenderer renderer(doc);
    const MapImage img = renderer.render(request_for_view(doc.project().views.front(), 1280, 720, Language::Indonesian));
    REQUIRE(img.suggestion.has_value());
    // Read back with GDAL's PNG driver (an independent decoder).
    gdal_init();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(png.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    REQUIRE(ds);
    REQUIRE(ds->GetRasterXSize() == 1280);
    REQUIRE(ds->GetRasterYSize() == 720);
    int seen = 0;
    for (const auto& s : img.suggestion->sites) {
        const Coord px = img.pixel_of(s.lonlat);
        if (px.y < img.height * 0.2) continue;
        std::uint8_t rgb[3] = {};
        int bands[3] = {1, 2, 3};
        REQUIRE(ds->RasterIO(GF_Read, int(px.x + 10 * img.scale), int(px.y), 1, 1, rgb, 1, 1, GDT_Byte, 3, bands, 3, 3, 1) ==
                CE_None);
        INFO("site at " << px.x << "," << px.y);
        CHECK(near((std::uint32_t(rgb[0]) << 24) | (std::uint32_t(rgb[1]) << 16) | (std::uint32_t(rgb[2]) << 8), 0xd7263dff, 24));
        ++seen;
    }
    CHECK(seen >= 1);
}
