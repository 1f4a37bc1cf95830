// CrsTransform (PROJ's C API) against GDAL's own coordinate transformation (OGR over PROJ, the
// path the core used before it went GDAL-free).
#include <catch2/catch.hpp>

#include <ogr_spatialref.h>
#include <proj.h>

#include <algorithm>
#include <cmath>

#include <cstdlib>
#include <cstring>
#include <random>
#include <thread>
#include <vector>

#include "geo/crs.h"
#include "geo/error.h"
#include "geo/gdal.h"

using namespace pc;

namespace {

Coord ogr_transform(const std::string& from, const std::string& to, Coord c) {
    auto a = make_srs(from), b = make_srs(to);
    std::unique_ptr<OGRCoordinateTransformation> t(OGRCreateCoordinateTransformation(a.get(), b.get()));
    REQUIRE(t);
    REQUIRE(t->Transform(1, &c.x, &c.y));
    return c;
}

const Coord kPoints[] = {{112.85, -7.75}, {113.5, -7.1}, {111.0001, -8.9}, {114.9999, -6.2}, {112.0, 0.5}};

}  // namespace

TEST_CASE("lon/lat to WGS 84 / UTM equals GDAL's transformation, fast path and database path alike", "[crs]") {
    for (const char* utm : {"EPSG:32749", "EPSG:32750", "EPSG:32649", "EPSG:32747"}) {
        INFO(utm);
        CrsTransform fast("EPSG:4326", utm);  // the pipeline built without proj.db
        // The same CRS spelled as a URN goes through PROJ's database.
        CrsTransform db("EPSG:4326", std::string("urn:ogc:def:crs:EPSG::") + (utm + 5));
        for (Coord p : kPoints) {
            const Coord ref = ogr_transform("EPSG:4326", utm, p);
            const Coord a = fast.apply(p), b = db.apply(p);
            CHECK(a.x == Approx(ref.x).margin(1e-6));
            CHECK(a.y == Approx(ref.y).margin(1e-6));
            CHECK(b.x == Approx(ref.x).margin(1e-6));
            CHECK(b.y == Approx(ref.y).margin(1e-6));
            // And back.
            const Coord back = fast.inverse().apply(a);
            CHECK(back.x == Approx(p.x).margin(1e-9));
            CHECK(back.y == Approx(p.y).margin(1e-9));
            const Coord back2 = CrsTransform(utm, "EPSG:4326").apply(a);
            CHECK(back2.x == Approx(p.x).margin(1e-9));
            CHECK(back2.y == Approx(p.y).margin(1e-9));
        }
    }
}

TEST_CASE("the UTM fast path gives the database pipeline's coordinates bit for bit, both ways", "[crs]") {
    // The fast path converts degrees itself and runs PROJ's projection alone; PROJ's own pipeline
    // (through proj.db) must not differ in a single bit, forward or back.
    std::mt19937_64 rng(20261206);
    for (const char* utm : {"EPSG:32749", "EPSG:32750", "EPSG:32648", "EPSG:32647"}) {
        INFO(utm);
        const int zone = std::atoi(utm + 8);
        const double central = -183.0 + 6.0 * zone;
        const bool south = std::string(utm).substr(5, 3) == "327";
        std::uniform_real_distribution<double> lon(central - 4.0, central + 4.0);
        std::uniform_real_distribution<double> lat(south ? -11.0 : 0.0, south ? 0.0 : 6.0);
        std::vector<double> xy, db_xy;
        for (int k = 0; k < 2000; ++k) {
            xy.push_back(lon(rng));
            xy.push_back(lat(rng));
        }
        db_xy = xy;
        CrsTransform fast("EPSG:4326", utm);
        CrsTransform db("EPSG:4326", std::string("urn:ogc:def:crs:EPSG::") + (utm + 5));
        fast.transform_xy(xy.data(), xy.size() / 2);
        db.transform_xy(db_xy.data(), db_xy.size() / 2);
        std::size_t differ = 0;
        for (std::size_t k = 0; k < xy.size(); ++k) differ += std::memcmp(&xy[k], &db_xy[k], sizeof(double)) != 0;
        CHECK(differ == 0);
        // Back: the fast inverse (and the one sharing the forward's projection) against PROJ's own
        // pipeline run backwards (its unit step included), bit for bit; the database's inverse
        // pipeline (another order of operations) to 1e-12 degrees.
        std::vector<double> back = xy, back_shared = xy, pipeline_back = xy, db_back = xy;
        fast.inverse().transform_xy(back.data(), back.size() / 2);
        fast.inverse_sharing().transform_xy(back_shared.data(), back_shared.size() / 2);
        {
            PJ_CONTEXT* ctx = proj_context_create();
            const std::string text = "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step +proj=utm +zone=" +
                                     std::to_string(zone) + (south ? " +south" : "") + " +ellps=WGS84";
            PJ* pipeline = proj_create(ctx, text.c_str());
            REQUIRE(pipeline);
            const std::size_t stride = 2 * sizeof(double), n = pipeline_back.size() / 2;
            proj_trans_generic(pipeline, PJ_INV, pipeline_back.data(), stride, n, pipeline_back.data() + 1, stride, n,
                               nullptr, 0, 0, nullptr, 0, 0);
            proj_destroy(pipeline);
            proj_context_destroy(ctx);
        }
        CrsTransform(std::string("urn:ogc:def:crs:EPSG::") + (utm + 5), "EPSG:4326").transform_xy(db_back.data(), db_back.size() / 2);
        differ = 0;
        double worst = 0;
        for (std::size_t k = 0; k < xy.size(); ++k) {
            differ += (std::memcmp(&back[k], &pipeline_back[k], sizeof(double)) != 0) +
                      (std::memcmp(&back_shared[k], &pipeline_back[k], sizeof(double)) != 0);
            worst = std::max(worst, std::abs(back[k] - db_back[k]));
        }
        CHECK(differ == 0);
        CHECK(worst <= 1e-12);
    }
}

TEST_CASE("a transform through the database keeps lon/lat order and matches GDAL", "[crs]") {
    // Web Mercator and the Indonesian ID74 / UTM 49S (a datum shift): neither takes the fast path.
    for (const char* to : {"EPSG:3857", "EPSG:23839"}) {
        INFO(to);
        CrsTransform t("EPSG:4326", to);
        for (Coord p : kPoints) {
            const Coord ref = ogr_transform("EPSG:4326", to, p);
            const Coord c = t.apply(p);
            CHECK(c.x == Approx(ref.x).margin(1e-6));
            CHECK(c.y == Approx(ref.y).margin(1e-6));
            const Coord back = t.inverse().apply(c);
            CHECK(back.x == Approx(p.x).margin(1e-8));
            CHECK(back.y == Approx(p.y).margin(1e-8));
        }
    }
    // Web Mercator x grows with longitude: the axes were not swapped.
    CrsTransform merc("EPSG:4326", "EPSG:3857");
    CHECK(merc.apply({112.85, -7.75}).x == Approx(112.85 * 20037508.342789244 / 180).margin(1e-6));
}

TEST_CASE("transform_xy over interleaved pairs equals point by point, and geometries go the same way", "[crs]") {
    CrsTransform t("EPSG:4326", "EPSG:32749");
    std::vector<double> xy;
    for (Coord p : kPoints) xy.insert(xy.end(), {p.x, p.y});
    t.transform_xy(xy.data(), std::size(kPoints));
    Geometry g = Geometry::line({std::begin(kPoints), std::end(kPoints)});
    t.apply_in_place(g);
    for (std::size_t i = 0; i < std::size(kPoints); ++i) {
        const Coord c = t.apply(kPoints[i]);
        CHECK(xy[2 * i] == c.x);
        CHECK(xy[2 * i + 1] == c.y);
        CHECK(g.lines[0][i] == c);
    }
    t.transform_xy(nullptr, 0);  // nothing to do is fine
}

TEST_CASE("CRS definitions: PROJ strings and WKT work, unknown ones are input errors", "[crs]") {
    CrsTransform proj_string("EPSG:4326", "+proj=utm +zone=49 +south +datum=WGS84 +units=m");
    const Coord a = proj_string.apply({112.85, -7.75}), b = CrsTransform("EPSG:4326", "EPSG:32749").apply({112.85, -7.75});
    CHECK(a.x == Approx(b.x).margin(1e-6));
    CHECK(a.y == Approx(b.y).margin(1e-6));
    CHECK_THROWS_AS(CrsTransform("EPSG:4326", "EPSG:999999"), InputError);
    CHECK_THROWS_AS(CrsTransform("EPSG:4326", "not a crs"), InputError);
    CHECK_THROWS_AS(CrsTransform("", "EPSG:4326"), InputError);
    try {
        CrsTransform("EPSG:4326", "EPSG:999999");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("unknown coordinate reference system 'EPSG:999999'") != std::string::npos);
    }
    // A latitude beyond the pole cannot be projected: an error, not a silent infinity.
    CrsTransform t("EPSG:4326", "EPSG:3857");
    CHECK_THROWS_AS(t.apply({112.0, 95.0}), GdalError);
}

TEST_CASE("transforms made on many threads at once agree", "[crs]") {
    std::vector<Coord> out(8);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < out.size(); ++i)
        threads.emplace_back([&out, i] { out[i] = CrsTransform("EPSG:4326", "EPSG:23839").apply({112.85, -7.75}); });
    for (auto& th : threads) th.join();
    for (auto& c : out) CHECK(c == out[0]);
}

TEST_CASE("CrsTransform from GDAL spatial references (import) equals the one from their codes", "[crs]") {
    auto utm = make_srs("EPSG:32749");
    auto ll = wgs84();
    CrsTransform from_srs(*utm, *ll), from_codes("EPSG:32749", "EPSG:4326");
    const Coord a = from_srs.apply({700000, 9140000}), b = from_codes.apply({700000, 9140000});
    CHECK(a.x == Approx(b.x).margin(1e-12));
    CHECK(a.y == Approx(b.y).margin(1e-12));
}

TEST_CASE("A CRS described for a QGIS project is the one GDAL's database knows, WGS 84 and UTM without it", "[crs]") {
    // GDAL's description (OGR over PROJ's database) of the same code, the way it was written before.
    auto gdal_wkt = [](const std::string& code) {
        auto srs = make_srs(code);
        char* text = nullptr;
        const char* options[] = {"FORMAT=WKT2_2019", "MULTILINE=NO", nullptr};
        REQUIRE(srs->exportToWkt(&text, options) == OGRERR_NONE);
        std::string out = text;
        CPLFree(text);
        return out;
    };
    const CrsDescription wgs84 = describe_crs("EPSG:4326");
    CHECK(wgs84.wkt == gdal_wkt("EPSG:4326"));
    CHECK(wgs84.authid == "EPSG:4326");
    CHECK(wgs84.name == "WGS 84");
    CHECK(wgs84.proj4 == "+proj=longlat +datum=WGS84 +no_defs");
    CHECK(wgs84.geographic);
    // UTM zones (built from their PROJ strings): the same CRS as the database's by GDAL's comparison,
    // named and identified as it is there.
    for (const char* utm : {"EPSG:32749", "EPSG:32650", "EPSG:32601", "EPSG:32760"}) {
        INFO(utm);
        const CrsDescription d = describe_crs(utm);
        auto ours = make_srs(d.wkt), theirs = make_srs(utm);
        CHECK(ours->IsSame(theirs.get()));
        CHECK(d.authid == utm);
        CHECK(d.name == theirs->GetName());
        char* proj4 = nullptr;
        REQUIRE(theirs->exportToProj4(&proj4) == OGRERR_NONE);
        CHECK(d.proj4 == proj4);
        CPLFree(proj4);
        CHECK_FALSE(d.geographic);
    }
    // Every zone's text, written without PROJ, is PROJ's own, to the byte.
    for (int code = 32601; code <= 32760; ++code) {
        if (code > 32660 && code < 32701) continue;
        const std::string utm = "EPSG:" + std::to_string(code);
        INFO(utm);
        const CrsDescription ours = describe_crs(utm), proj = describe_crs_with_proj(utm);
        CHECK(ours.wkt == proj.wkt);
        CHECK(ours.proj4 == proj.proj4);
        CHECK(ours.authid == proj.authid);
        CHECK(ours.name == proj.name);
        CHECK(ours.geographic == proj.geographic);
    }
    // Any other CRS through the database.
    const CrsDescription id74 = describe_crs("EPSG:23839");
    CHECK(id74.wkt == gdal_wkt("EPSG:23839"));
    CHECK(id74.authid == "EPSG:23839");
    CHECK_THROWS_AS(describe_crs("EPSG:999999"), InputError);
}
