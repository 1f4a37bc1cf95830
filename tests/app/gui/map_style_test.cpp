// The QGIS styles and project (geo/io) draw with geo/style.h's map_style and geo/classify.h: they must
// say what the map application draws (render/map_layers, map_symbols, classify). No window needed.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "render/classify.h"
#include "geo/classify.h"
#include "geo/style.h"
#include "render/map_symbols.h"
#include "map_view.h"

using namespace pc;

TEST_CASE("gui: the map's colours, opacities and symbols are geo/style.h's", "[gui][map_style]") {
    namespace ms = map_style;
    CHECK(gui::layer_colour(gui::LayerId::ServiceArea) == ms::kServiceArea);
    CHECK(gui::layer_colour(gui::LayerId::Zones) == ms::kZone);
    CHECK(gui::layer_colour(gui::LayerId::DesaLines) == ms::kDesaLine);
    CHECK(gui::layer_colour(gui::LayerId::KecamatanLines) == ms::kKecamatanLine);
    CHECK(gui::layer_colour(gui::LayerId::KabupatenLine) == ms::kKabupatenLine);
    CHECK(gui::layer_colour(gui::LayerId::Choropleth) == ms::kLand);
    CHECK(gui::kNoDataColour == ms::kNoData);
    for (Pillar pl : kPillars) CHECK(gui::pillar_colour(pl) == pc::pillar_colour(pl));
    for (const char* type : {"puskesmas", "rumah_sakit", "sekolah", "bts", "wifi", "pasar"}) {
        INFO(type);
        CHECK(int(gui::facility_symbol_shape(type)) == int(ms::facility_shape(type)));
    }
    // Shapes share their order (render/meshes.h Shape and map_style::SymbolShape).
    CHECK(int(gui::Shape::Circle) == int(ms::SymbolShape::Circle));
    CHECK(int(gui::Shape::Star) == int(ms::SymbolShape::Star));
    CHECK(int(gui::kInitiativeSymbolShape) == int(ms::kInitiativeShape));
    // The layers' default opacities.
    Project p;
    p.settings.facility_types = default_facility_types();
    Document doc(p);
    gui::MapView map(doc);
    CHECK(map.styles[std::size_t(gui::LayerId::ServiceArea)].opacity == float(ms::kServiceAreaOpacity));
    CHECK(map.styles[std::size_t(gui::LayerId::Zones)].opacity == float(ms::kZoneOpacity));
    CHECK(map.styles[std::size_t(gui::LayerId::Choropleth)].opacity == float(ms::kChoroplethOpacity));
    CHECK(map.class_method == gui::ClassMethod::EqualInterval);
    CHECK(map.class_count == 5);
}

TEST_CASE("gui: the map's classes and ramps are geo/classify.h's", "[gui][map_style]") {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> u(0, 1);
    for (int round = 0; round < 20; ++round) {
        std::vector<double> values(std::size_t(50 + round * 37));
        for (auto& v : values) v = u(rng) < 0.2 ? 1.0 : std::pow(u(rng), 2);  // piled up at 100 %
        if (round % 5 == 0) values[3] = NAN;
        for (int k : {2, 3, 5, 7})
            for (auto [gm, vm] : {std::pair{gui::ClassMethod::Quantile, ViewClassMethod::Quantile},
                                  std::pair{gui::ClassMethod::EqualInterval, ViewClassMethod::EqualInterval},
                                  std::pair{gui::ClassMethod::NaturalBreaks, ViewClassMethod::NaturalBreaks}}) {
                const auto a = gui::make_classes(values, k, gm).breaks;
                const auto b = class_breaks(values, k, vm);
                CHECK(a == b);
                for (double v : {0.0, 0.2, 0.5, 1.0}) CHECK(gui::Classes{a}.class_of(v) == class_of(b, v));
            }
    }
    for (int n = 1; n <= 7; ++n)
        for (int i = 0; i < n; ++i) {
            CHECK(gui::ramp_colour(gui::Ramp::RedToGreen, i, n) == ramp_colour(ColourRamp::RedToGreen, i, n));
            CHECK(gui::ramp_colour(gui::Ramp::GreenToRed, i, n) == ramp_colour(ColourRamp::GreenToRed, i, n));
            CHECK(gui::ramp_colour(gui::Ramp::Blues, i, n) == ramp_colour(ColourRamp::Blues, i, n));
        }
}
