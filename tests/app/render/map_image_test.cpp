// Offscreen maps (EGL, no display): size as asked, the zone's colour inside the zone and not outside,
// the legend's swatches, the title block. Runs without DISPLAY (ctest unsets it).
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>

#include "render/classify.h"
#include "geo/demo/demo.h"
#include "geo/doc/document.h"
#include "geo/geos.h"
#include "render/map_layers.h"
#include "offscreen/map_image.h"
#include "render/png.h"

using namespace pc;
using namespace pc::gui;

namespace {

struct Rgb {
    int r, g, b;
};

Rgb rgb(std::uint32_t c) { return {int(c >> 24), int((c >> 16) & 0xff), int((c >> 8) & 0xff)}; }

// Median colour of the (2k+1)² pixels around (x, y): robust to a line or a label edge.
Rgb median_around(const MapImage& img, Coord at, int k) {
    std::vector<int> r, g, b;
    for (int dy = -k; dy <= k; ++dy)
        for (int dx = -k; dx <= k; ++dx) {
            Rgb c = rgb(img.pixel(int(at.x) + dx, int(at.y) + dy));
            r.push_back(c.r);
            g.push_back(c.g);
            b.push_back(c.b);
        }
    auto med = [](std::vector<int>& v) {
        std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
        return v[v.size() / 2];
    };
    return {med(r), med(g), med(b)};
}

bool near(Rgb a, Rgb b, int tol) { return std::abs(a.r - b.r) <= tol && std::abs(a.g - b.g) <= tol && std::abs(a.b - b.b) <= tol; }

// Source-over blend of `top` at `alpha` on an opaque `under`, as GL's blending does it.
Rgb blend(std::uint32_t under, std::uint32_t top, double alpha) {
    Rgb u = rgb(under), t = rgb(top);
    auto mix = [&](int a, int b) { return int(std::lround(a * (1 - alpha) + b * alpha)); };
    return {mix(u.r, t.r), mix(u.g, t.g), mix(u.b, t.b)};
}

std::size_t count_colour(const MapImage& img, int x0, int y0, int x1, int y1, Rgb want, int tol) {
    std::size_t n = 0;
    for (int y = std::max(0, y0); y < std::min(img.height, y1); ++y)
        for (int x = std::max(0, x0); x < std::min(img.width, x1); ++x)
            if (near(rgb(img.pixel(x, y)), want, tol)) ++n;
    return n;
}

std::size_t count_dark(const MapImage& img, int x0, int y0, int x1, int y1) {
    std::size_t n = 0;
    for (int y = std::max(0, y0); y < std::min(img.height, y1); ++y)
        for (int x = std::max(0, x0); x < std::min(img.width, x1); ++x) {
            Rgb c = rgb(img.pixel(x, y));
            if (c.r + c.g + c.b < 3 * 70) ++n;
        }
    return n;
}

// Only the zones over plain land, and the district outline: every pixel colour is predictable.
std::array<LayerStyle, kLayerCount> zones_only(const MapLayers& defaults) {
    auto s = defaults.styles;
    for (auto& l : s) l.visible = false;
    s[std::size_t(LayerId::Zones)].visible = true;
    s[std::size_t(LayerId::KabupatenLine)].visible = true;
    return s;
}

void check_zone_colours(MapImageRenderer& r, Document& doc, int w, int h) {
    MapLayers defaults(doc);
    MapImageRequest rq;
    rq.width = w;
    rq.height = h;
    rq.styles = zones_only(defaults);
    MapImage img = r.render(rq);
    REQUIRE(img.width == w);
    REQUIRE(img.height == h);
    REQUIRE(img.rgba.size() == std::size_t(w) * std::size_t(h) * 4);

    const Project& p = doc.project();
    REQUIRE(!p.zones.empty());
    const double opacity = defaults.styles[std::size_t(LayerId::Zones)].opacity;
    // Zones are a faint tint with hatch lines over it (map_view.cpp): the tint, at 0.15 · min(1, 3 ·
    // opacity), covers most pixels, so it is the median of a neighbourhood.
    const Rgb inside = blend(layer_colour(LayerId::Choropleth) /* land */, layer_colour(LayerId::Zones),
                             0.15 * std::min(1.0, 3.0 * opacity));
    const Rgb land = rgb(layer_colour(LayerId::Choropleth));
    const int k = std::max(2, int(img.scale * 3));
    GeosContext ctx;
    for (const auto& z : p.zones) {
        Coord at = img.pixel_of(ctx.point_on_surface(ctx.from(z.geometry).get()));
        INFO("zone " << z.code << " at pixel " << at.x << "," << at.y);
        Rgb got = median_around(img, at, k);
        INFO("got " << got.r << "," << got.g << "," << got.b << " want " << inside.r << "," << inside.g << "," << inside.b);
        CHECK(near(got, inside, 6));
    }
    // A desa far from every zone shows the land colour, not the zone's.
    std::size_t outside_checked = 0;
    for (const auto& d : p.desa) {
        Envelope e = d.geometry.envelope();
        bool far = true;
        for (const auto& z : p.zones) {
            Envelope ze = z.geometry.envelope();
            Envelope grown{ze.min_x - 0.01, ze.min_y - 0.01, ze.max_x + 0.01, ze.max_y + 0.01};
            if (grown.intersects(e)) far = false;
        }
        if (!far) continue;
        Coord at = img.pixel_of(ctx.point_on_surface(ctx.from(d.geometry).get()));
        Rgb got = median_around(img, at, k);
        INFO("desa " << d.name << " got " << got.r << "," << got.g << "," << got.b);
        CHECK(near(got, land, 6));
        CHECK_FALSE(near(got, inside, 12));
        if (++outside_checked == 10) break;
    }
    CHECK(outside_checked >= 5);
}

// The choropleth classes the map view makes for the first service (its defaults), computed here.
Classes demo_classes(Document& doc) {
    MapLayers probe(doc);
    const ServiceCoverage* s = doc.analysis().service(doc.project().settings.facility_types.front().key);
    REQUIRE(s);
    std::vector<double> values;
    for (const auto& m : s->desa) values.push_back(m.population > 0 ? m.coverage_ratio_population : NAN);
    return make_classes(values, probe.class_count, probe.class_method);
}

}  // namespace

TEST_CASE("render: offscreen map has the zone's colour inside the zone and not outside", "[render]") {
    REQUIRE(std::getenv("DISPLAY") == nullptr);  // the point: no display at all
    Document doc(make_demo_project());
    MapImageRenderer r(doc);
    check_zone_colours(r, doc, 1600, 900);
}

TEST_CASE("render: legend swatches and title block are drawn", "[render]") {
    Document doc(make_demo_project());
    MapImageRenderer r(doc);
    MapImageRequest rq;
    rq.width = 1920;
    rq.height = 1080;
    rq.title = "Cakupan puskesmas";
    MapImage with = r.render(rq);
    REQUIRE(with.width == 1920);
    REQUIRE(with.height == 1080);
    write_png_rgba(std::string(PC_RENDER_OUT_DIR) + "/render_demo_1920x1080.png", with.width, with.height, with.rgba.data());

    // Every class of the choropleth has its swatch (opaque ramp colour) in the legend, bottom left;
    // the map itself draws the ramp at 85 % opacity, so the exact colour is the legend's.
    Classes classes = demo_classes(doc);
    REQUIRE(classes.count() >= 3);
    for (int i = 0; i < classes.count(); ++i) {
        Rgb swatch = rgb(ramp_colour(Ramp::RedToGreen, i, classes.count()));
        std::size_t n = count_colour(with, 0, 1080 / 4, 1920 / 3, 1080, swatch, 2);
        INFO("class " << i << " swatch pixels " << n);
        CHECK(n >= 300);  // a swatch is ~31×20 pixels at 1080p
    }
    CHECK(count_colour(with, 0, 1080 / 4, 1920 / 3, 1080, rgb(kNoDataColour), 2) >= 300);

    // The title block, top left: its blue accent bar and its text; the large title line goes when
    // the view has no title (the district and period line stays).
    const Rgb accent{21, 101, 192};
    CHECK(count_colour(with, 0, 0, 60, 140, accent, 3) >= 6 * 60);
    rq.title.clear();
    MapImage without = r.render(rq);
    const std::size_t dark_with = count_dark(with, 0, 0, 700, 120), dark_without = count_dark(without, 0, 0, 700, 120);
    INFO("dark pixels in the title area: with " << dark_with << ", without a title " << dark_without);
    CHECK(dark_without > 300);
    CHECK(dark_with > dark_without + 1500);
}

TEST_CASE("render: 7680x4320 map, size and content", "[render][8k]") {
    Document doc(make_demo_project());
    MapImageRenderer r(doc);
    check_zone_colours(r, doc, 7680, 4320);
    MapImageRequest rq;
    rq.width = 7680;
    rq.height = 4320;
    rq.title = "8K";
    MapImage img = r.render(rq);
    REQUIRE(img.width == 7680);
    REQUIRE(img.height == 4320);
    CHECK(img.scale == Approx(4.0));
    // Legend swatches scale with the image: 16 times the pixels of a 1080p swatch.
    const int n_classes = demo_classes(doc).count();
    REQUIRE(n_classes >= 3);
    Rgb first = rgb(ramp_colour(Ramp::RedToGreen, 0, n_classes));
    Rgb last = rgb(ramp_colour(Ramp::RedToGreen, n_classes - 1, n_classes));
    std::size_t n = count_colour(img, 0, 4320 / 4, 7680 / 3, 4320, first, 2) +
                    count_colour(img, 0, 4320 / 4, 7680 / 3, 4320, last, 2);
    INFO("swatch pixels " << n);
    CHECK(n >= 2 * 16 * 300);
    write_png_rgba(std::string(PC_RENDER_OUT_DIR) + "/render_demo_7680x4320.png", img.width, img.height, img.rgba.data());
}

TEST_CASE("render: an image drawn in tiles equals the image drawn whole", "[render][tiles]") {
    Document doc(make_demo_project());
    MapImageRenderer r(doc);
    MapImageRequest rq;
    rq.width = 1000;
    rq.height = 600;
    rq.title = "Ubin";
    MapImage whole = r.render(rq);
    rq.max_tile_side = 256;  // 4 × 3 tiles, edges through the map, the legend and the title block
    MapImage tiled = r.render(rq);
    REQUIRE(whole.tiles == 1);
    REQUIRE(tiled.tiles == 12);
    REQUIRE(tiled.width == 1000);
    REQUIRE(tiled.height == 600);
    std::size_t differ = 0;
    for (int y = 0; y < 600; ++y)
        for (int x = 0; x < 1000; ++x) {
            Rgb a = rgb(whole.pixel(x, y)), b = rgb(tiled.pixel(x, y));
            if (!near(a, b, 8)) ++differ;
        }
    write_png_rgba(std::string(PC_RENDER_OUT_DIR) + "/tiles_whole.png", 1000, 600, whole.rgba.data());
    write_png_rgba(std::string(PC_RENDER_OUT_DIR) + "/tiles_12.png", 1000, 600, tiled.rgba.data());
    INFO(differ << " of 600000 pixels differ");
    CHECK(differ < 600000 / 500);  // under 0.2 %: rasterisation at tile edges only
}
