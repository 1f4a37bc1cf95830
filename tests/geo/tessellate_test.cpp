// Triangulation for drawing fills: ear clipping with the GEOS repair path. Areas are checked against
// hand-computed values and, on real desa, against SpatiaLite's ST_Area of the same polygons.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "geo/geos.h"
#include "geo/io/import.h"
#include "geo/model.h"
#include "geo/tessellate.h"
#include "realdata/spatialite_reference.h"
#include "skip.h"

using namespace pc;

namespace {

double triangles_area(const std::vector<Coord>& t) {
    double a = 0;
    for (std::size_t i = 0; i + 2 < t.size(); i += 3)
        a += std::abs((t[i + 1].x - t[i].x) * (t[i + 2].y - t[i].y) - (t[i + 2].x - t[i].x) * (t[i + 1].y - t[i].y)) / 2;
    return a;
}

Ring square(double x0, double y0, double x1, double y1) { return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}; }

}  // namespace

TEST_CASE("tessellate: a square with a square hole", "[tessellate]") {
    GeosContext ctx;
    Geometry g = Geometry::polygon(square(0, 0, 10, 10), {square(3, 3, 5, 5)});
    auto t = triangulate(ctx, g);
    REQUIRE(t.size() % 3 == 0);
    CHECK(triangles_area(t) == Approx(100 - 4));
    // No triangle lies in the hole: every centroid is outside (3,3)-(5,5).
    for (std::size_t i = 0; i < t.size(); i += 3) {
        double cx = (t[i].x + t[i + 1].x + t[i + 2].x) / 3, cy = (t[i].y + t[i + 1].y + t[i + 2].y) / 3;
        CHECK_FALSE((cx > 3 && cx < 5 && cy > 3 && cy < 5));
    }
    // 8 vertices, one hole: n + 2h - 2 = 8 triangles.
    CHECK(t.size() / 3 == 8);
}

TEST_CASE("tessellate: concave and clockwise rings", "[tessellate]") {
    GeosContext ctx;
    // An L of three unit squares, given clockwise.
    Ring l{{0, 0}, {0, 2}, {1, 2}, {1, 1}, {2, 1}, {2, 0}, {0, 0}};
    auto t = triangulate(ctx, Geometry::polygon(l));
    CHECK(triangles_area(t) == Approx(3));
    CHECK(t.size() / 3 == 4);
    // A multipolygon: both parts.
    Geometry two = Geometry::polygon(square(0, 0, 1, 1));
    two.polygons.push_back(Polygon{{square(5, 5, 7, 6)}});
    CHECK(triangles_area(triangulate(ctx, two)) == Approx(1 + 2));
}

TEST_CASE("tessellate: an invalid bow-tie is repaired, not mis-drawn", "[tessellate]") {
    GeosContext ctx;
    // Self-crossing at (1,1): MakeValid gives two triangles of area 1 each.
    Ring bow{{0, 0}, {2, 2}, {2, 0}, {0, 2}, {0, 0}};
    auto t = triangulate(ctx, Geometry::polygon(bow));
    CHECK(triangles_area(t) == Approx(2));
}

TEST_CASE("tessellate: a layer keeps features apart", "[tessellate]") {
    Geometry a = Geometry::polygon(square(0, 0, 2, 2));
    Geometry b = Geometry::polygon(square(10, 10, 11, 13));
    LayerTriangles lt = tessellate_layer({&a, nullptr, &b});
    REQUIRE(lt.first.size() == 4);
    CHECK(lt.first[1] - lt.first[0] == 6);  // a square: two triangles
    CHECK(lt.first[2] == lt.first[1]);      // nullptr: nothing
    CHECK(triangles_area(std::vector<Coord>(lt.vertices.begin() + lt.first[2], lt.vertices.begin() + lt.first[3])) == Approx(3));
    CHECK(lt.failed == 0);
}

TEST_CASE("tessellate: real desa add up to SpatiaLite's area", "[tessellate][realdata]") {
    const std::string path = test::shared_file("kab_pasuruan_3514.gpkg");
    if (path.empty()) return;
    Project p;
    ImportOptions io;
    io.target = ImportTarget::Desa;
    io.layer = "desa";
    io.require_population = false;
    import_layer(p, path, io);
    std::vector<const Geometry*> geoms;
    for (const auto& d : p.desa) geoms.push_back(&d.geometry);
    LayerTriangles lt = tessellate_layer(geoms);
    CHECK(lt.failed == 0);
    // Planar area in degrees², as SpatiaLite computes it on EPSG:4326 geometry.
    auto ds = open_vector(path);
    double expected = 0;
    reference::sql_rows(*ds, "SELECT SUM(ST_Area(geom)) AS a FROM desa", [&](const OGRFeature& f) { expected = reference::real(f, "a"); });
    REQUIRE(expected > 0);
    CHECK(triangles_area(lt.vertices) == Approx(expected).epsilon(1e-9));
}
