// Choropleth classes as the map draws them (geo/classify.h): breaks, the class of a value, colours.
#include <catch2/catch.hpp>

#include <cmath>

#include "geo/classify.h"

using namespace pc;

TEST_CASE("Class breaks: quantiles, equal intervals and Jenks natural breaks", "[classify]") {
    // 10 values, 5 classes: breaks at sorted[2], [4], [6], [8] (floor(i*n/k)), ends at min and max.
    CHECK(class_breaks({9, 1, 8, 2, 7, 3, 6, 4, 5, 10}, 5, ViewClassMethod::Quantile) == std::vector<double>{1, 3, 5, 7, 9, 10});
    CHECK(class_breaks({2, 2, 2}, 4, ViewClassMethod::Quantile).size() == 2);
    // The map's coverage classes: equal intervals of 0..1.
    const auto fixed = class_breaks({0.0, 1.0}, 5, ViewClassMethod::EqualInterval);
    REQUIRE(fixed.size() == 6);
    for (int i = 0; i <= 5; ++i) CHECK(fixed[std::size_t(i)] == Approx(0.2 * i).margin(1e-15));
    // Three clusters: Jenks puts a break at the start of each (sum of squared deviations 3 x 2).
    CHECK(class_breaks({1, 2, 3, 10, 11, 12, 20, 21, 22}, 3, ViewClassMethod::NaturalBreaks) == std::vector<double>{1, 10, 20, 22});
    CHECK(class_breaks({NAN, 4, NAN, 8}, 2, ViewClassMethod::EqualInterval) == std::vector<double>{4, 6, 8});
    CHECK(class_breaks({}, 5, ViewClassMethod::Quantile).empty());
}

TEST_CASE("A value's class: from its break up to the next, the last class closed, NaN in none", "[classify]") {
    const std::vector<double> b = {0, 0.2, 0.4, 0.6, 0.8, 1.0};
    CHECK(class_of(b, 0) == 0);
    CHECK(class_of(b, 0.19999) == 0);
    CHECK(class_of(b, 0.2) == 1);
    CHECK(class_of(b, 0.8) == 4);
    CHECK(class_of(b, 1.0) == 4);
    CHECK(class_of(b, 2.0) == 4);
    CHECK(class_of(b, -1.0) == 0);
    CHECK(class_of(b, NAN) == -1);
    CHECK(class_of({1.0}, 1.0) == -1);
}

TEST_CASE("Ramp colours: ColorBrewer RdYlGn and Blues, n classes evenly over 7 steps", "[classify]") {
    CHECK(ramp_colour(ColourRamp::RedToGreen, 0, 5) == 0xd73027ff);
    CHECK(ramp_colour(ColourRamp::RedToGreen, 2, 5) == 0xffffbfff);
    CHECK(ramp_colour(ColourRamp::RedToGreen, 4, 5) == 0x1a9850ff);
    CHECK(ramp_colour(ColourRamp::GreenToRed, 0, 5) == 0x1a9850ff);
    CHECK(ramp_colour(ColourRamp::Blues, 6, 7) == 0x084594ff);
    CHECK(ramp_colour(ColourRamp::RedToGreen, 0, 1) == 0xffffbfff);
}
