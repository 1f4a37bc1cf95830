// Parts of the map application that need no window: camera, classes, translations.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "render/classify.h"
#include "render/i18n.h"
#include "map_view.h"
#include "render/camera.h"
#include "render/local_projection.h"

using namespace pc;
using namespace pc::gui;

TEST_CASE("gui: zooming keeps the point under the cursor", "[gui]") {
    Camera cam;
    cam.vx = 300;
    cam.vy = 20;
    cam.vw = 870;
    cam.vh = 940;
    cam.cx = 1200;
    cam.cy = -300;
    cam.ppm = 0.02;
    const double sx = 512, sy = 333;
    Coord before = cam.to_local(sx, sy);
    cam.zoom_at(sx, sy, 1.25);
    Coord after = cam.to_local(sx, sy);
    CHECK(after.x == Approx(before.x).margin(1e-6));
    CHECK(after.y == Approx(before.y).margin(1e-6));
    CHECK(cam.ppm == Approx(0.025));
    // Round trip screen <-> local.
    Coord s = cam.to_screen(Coord{1500, 250});
    Coord m = cam.to_local(s.x, s.y);
    CHECK(m.x == Approx(1500));
    CHECK(m.y == Approx(250));
    // Panning moves the map with the cursor.
    Coord p0 = cam.to_screen(Coord{0, 0});
    cam.pan_pixels(40, -25);
    Coord p1 = cam.to_screen(Coord{0, 0});
    CHECK(p1.x - p0.x == Approx(40));
    CHECK(p1.y - p0.y == Approx(-25));
    // Fit shows the whole envelope, centred.
    Envelope e;
    e.expand(Coord{-20000, -15000});
    e.expand(Coord{20000, 15000});
    cam.fit(e, 0.05);
    Coord a = cam.to_screen(Coord{-20000, 15000}), b = cam.to_screen(Coord{20000, -15000});
    CHECK(a.x >= cam.vx - 1e-6);
    CHECK(b.x <= cam.vx + cam.vw + 1e-6);
    CHECK(a.y >= cam.vy - 1e-6);
    CHECK(b.y <= cam.vy + cam.vh + 1e-6);
    CHECK((a.x + b.x) / 2 == Approx(cam.vx + cam.vw / 2));
}

TEST_CASE("gui: the local projection is metres around the centre", "[gui]") {
    auto p = LocalProjection::around(Coord{112.8, -7.75});
    Coord m = p.to_local(Coord{112.81, -7.75});
    // 0.01° of longitude at 7.75° S: 2πR/360 · cos(7.75°) · 0.01 = 1101.9 m
    CHECK(m.x == Approx(1101.9).epsilon(1e-3));
    CHECK(m.y == Approx(0).margin(1e-9));
    Coord ll = p.to_lonlat(p.to_local(Coord{113.1, -8.02}));
    CHECK(ll.x == Approx(113.1));
    CHECK(ll.y == Approx(-8.02));
}

TEST_CASE("gui: quantile and equal-interval classes", "[gui]") {
    std::vector<double> v{0, 0, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.9, 1.0, NAN};
    Classes q = make_classes(v, 5, ClassMethod::Quantile);
    REQUIRE(q.count() >= 3);
    CHECK(q.breaks.front() == 0);
    CHECK(q.breaks.back() == 1.0);
    for (std::size_t i = 1; i < q.breaks.size(); ++i) CHECK(q.breaks[i] > q.breaks[i - 1]);
    CHECK(q.class_of(0) == 0);
    CHECK(q.class_of(1.0) == q.count() - 1);
    CHECK(q.class_of(NAN) == -1);
    Classes e = make_classes({0, 10, 20, 30, 40, 50}, 5, ClassMethod::EqualInterval);
    REQUIRE(e.count() == 5);
    CHECK(e.breaks[1] == Approx(10));
    CHECK(e.class_of(15) == 1);
    CHECK(e.class_of(50) == 4);
    CHECK(e.class_of(-3) == 0);
    // Low coverage is red, high coverage green.
    CHECK(ramp_colour(Ramp::RedToGreen, 0, 5) == 0xd73027ffu);
    CHECK(ramp_colour(Ramp::RedToGreen, 4, 5) == 0x1a9850ffu);
}

TEST_CASE("gui: every visible string has a Bahasa Indonesia translation", "[gui][i18n]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(PC_SOURCE_DIR) / "app" / "gui";
    REQUIRE(fs::exists(dir));
    std::regex call(R"re(\btrid?\("((?:[^"\\]|\\.)*)"\))re");
    std::vector<std::string> missing;
    std::size_t seen = 0;
    for (const auto& f : fs::recursive_directory_iterator(dir)) {
        if (f.path().extension() != ".cpp") continue;
        std::ifstream in(f.path());
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string text = ss.str();
        for (auto it = std::sregex_iterator(text.begin(), text.end(), call); it != std::sregex_iterator(); ++it) {
            ++seen;
            std::string key = (*it)[1];
            if (!has_translation(key.c_str())) missing.push_back(f.path().filename().string() + ": " + key);
        }
    }
    for (int l = 0; l < kLayerCount; ++l)
        if (!has_translation(layer_name(LayerId(l)))) missing.push_back(std::string("layer ") + layer_name(LayerId(l)));
    for (int m = 0; m < 5; ++m)
        if (!has_translation(metric_name(ChoroplethMetric(m)))) missing.push_back(std::string("metric ") + metric_name(ChoroplethMetric(m)));
    CHECK(seen > 30);
    INFO("untranslated: " << [&] { std::string s; for (auto& m : missing) s += m + "; "; return s; }());
    CHECK(missing.empty());

    set_language(Language::Indonesian);
    CHECK(std::string(tr("Layers")) == "Lapisan");
    CHECK(std::string(pillar_name(int(Pillar::Economy))) == "Ekonomi");
    set_language(Language::English);
    CHECK(std::string(tr("Layers")) == "Layers");
    CHECK(trid("Layers") == "Layers###Layers");
    set_language(Language::Indonesian);
    CHECK(trid("Layers") == "Lapisan###Layers");
}

TEST_CASE("gui: natural breaks (Jenks) on hand-computable sets", "[gui][classify]") {
    // Three tight groups: the breaks fall between them.
    std::vector<double> groups{1, 2, 3, 10, 11, 12, 20, 21, 22};
    CHECK(jenks_lower_limits(groups, 3) == std::vector<double>{10, 20});
    Classes c = make_classes({22, 1, 11, 3, 20, 2, 12, 10, 21}, 3, ClassMethod::NaturalBreaks);
    REQUIRE(c.count() == 3);
    CHECK(c.breaks == std::vector<double>{1, 10, 20, 22});
    CHECK(c.class_of(3) == 0);
    CHECK(c.class_of(10) == 1);
    CHECK(c.class_of(12) == 1);
    CHECK(c.class_of(20) == 2);
    // An outlier gets a class of its own (quantiles would not give it one): {0..3} | {100}.
    CHECK(jenks_lower_limits({0, 1, 2, 3, 100}, 2) == std::vector<double>{100});
    // Sum of squared deviations: {1,1,2,2} | {8,8,9} costs 1 + 2/3, the least of the six splits.
    CHECK(jenks_lower_limits({1, 1, 2, 2, 8, 8, 9}, 2) == std::vector<double>{8});
}

TEST_CASE("gui: natural breaks equal a brute-force search of every split", "[gui][classify]") {
    std::vector<double> v{0.5, 0.7, 1.9, 2.0, 2.4, 4.8, 5.1, 5.3, 7.9, 8.8, 9.0, 12.5};
    auto ssd = [&](std::size_t a, std::size_t b) {  // values [a, b)
        double m = 0;
        for (std::size_t i = a; i < b; ++i) m += v[i];
        m /= double(b - a);
        double s = 0;
        for (std::size_t i = a; i < b; ++i) s += (v[i] - m) * (v[i] - m);
        return s;
    };
    double best = 1e300;
    std::vector<double> best_limits;
    for (std::size_t i = 1; i < v.size(); ++i)
        for (std::size_t j = i + 1; j < v.size(); ++j)
            for (std::size_t k = j + 1; k < v.size(); ++k) {
                double s = ssd(0, i) + ssd(i, j) + ssd(j, k) + ssd(k, v.size());
                if (s < best - 1e-12) {
                    best = s;
                    best_limits = {v[i], v[j], v[k]};
                }
            }
    CHECK(jenks_lower_limits(v, 4) == best_limits);
}
