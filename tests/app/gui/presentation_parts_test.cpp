// Workshop-mode parts that need no window: the fly's easing, a view taken from the map and put back,
// and the camera that shows a saved extent.
#include <catch2/catch.hpp>

#include "geo/demo/demo.h"
#include "panel_views.h"
#include "presentation.h"

using namespace pc;
using namespace pc::gui;

TEST_CASE("gui: the fly eases in and out", "[gui][present]") {
    CHECK(ease_in_out(0) == 0);
    CHECK(ease_in_out(1) == 1);
    CHECK(ease_in_out(0.5) == Approx(0.5));
    CHECK(ease_in_out(-1) == 0);
    CHECK(ease_in_out(2) == 1);
    double last = 0;
    for (int i = 1; i <= 100; ++i) {
        const double t = i / 100.0, e = ease_in_out(t);
        CHECK(e >= last);
        CHECK(e + ease_in_out(1 - t) == Approx(1.0));  // symmetric
        last = e;
    }
    CHECK(ease_in_out(0.1) < 0.1);  // slow start
    CHECK(ease_in_out(0.9) > 0.9);  // slow landing
}

TEST_CASE("gui: a view taken from the map puts the map back as it was", "[gui][present]") {
    Document doc(make_demo_project());
    MapView map(doc);
    map.camera.vx = 300;
    map.camera.vy = 20;
    map.camera.vw = 900;
    map.camera.vh = 700;
    map.zoom_to(doc.project().kecamatan.front().geometry.envelope());
    map.styles[std::size_t(LayerId::Zones)].visible = false;
    map.styles[std::size_t(LayerId::Labels)].visible = false;
    map.metric = ChoroplethMetric::NearestDistance;
    map.class_method = ClassMethod::EqualInterval;
    map.class_count = 4;
    map.service = "sekolah";
    const View v = view_from_map(map, make_view("uji"));
    CHECK_FALSE(v.shows(ViewLayer::Zones));
    CHECK(v.shows(ViewLayer::Facilities));
    CHECK(v.layers.size() == kViewLayerCount - 2);
    CHECK(v.choropleth == ViewChoropleth{"sekolah", ViewMetric::NearestDistance, ViewClassMethod::EqualInterval, 4});
    const Envelope seen = visible_lonlat(map);
    CHECK(v.extent.min_x == seen.min_x);

    // Something else on the map, then the view applied: the same layers, choropleth and extent.
    const auto styles = map.styles;
    for (auto& s : map.styles) s.visible = true;
    map.metric = ChoroplethMetric::Density;
    map.service = "puskesmas";
    map.zoom_to_district();
    apply_view_style(map, v);
    for (int l = 0; l < kLayerCount; ++l) CHECK(map.styles[std::size_t(l)].visible == styles[std::size_t(l)].visible);
    CHECK(map.metric == ChoroplethMetric::NearestDistance);
    CHECK(map.class_count == 4);
    CHECK(map.service == "sekolah");
    map.camera = camera_for_extent(map, v.extent);
    const Envelope back = visible_lonlat(map);
    CHECK(back.min_x == Approx(seen.min_x).margin(1e-7));
    CHECK(back.max_x == Approx(seen.max_x).margin(1e-7));
    CHECK(back.min_y == Approx(seen.min_y).margin(1e-7));
    CHECK(back.max_y == Approx(seen.max_y).margin(1e-7));
    // An empty extent means the district.
    map.camera = camera_for_extent(map, Envelope{});
    const Envelope d = visible_lonlat(map);
    for (const auto& k : doc.project().kecamatan) {
        CHECK(d.min_x <= k.geometry.envelope().min_x);
        CHECK(d.max_y >= k.geometry.envelope().max_y);
    }
}
