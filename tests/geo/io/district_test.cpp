// A project from a district GeoPackage of ../shared/data (load_district): every district file, checked
// against the file itself read by SQL through GDAL's SQLite dialect.
#include <catch2/catch.hpp>

#include <filesystem>
#include <algorithm>
#include <fstream>
#include <numeric>

#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/io/district.h"
#include "geo/io/project_file.h"
#include "io_test_util.h"
#include "skip.h"

using namespace pc;

TEST_CASE("load_district: each district file of ../shared/data becomes a project with its units and people",
          "[io][district][realdata]") {
    for (const char* file : {"kab_pasuruan_3514.gpkg", "kota_pasuruan_3575.gpkg", "kab_padang_pariaman_1305.gpkg",
                             "kab_pamekasan_3528.gpkg"}) {
        const std::string path = test::shared_file(file);
        if (path.empty()) return;
        INFO(file);
        REQUIRE(is_district_file(path));
        DistrictReport rep;
        const Project p = load_district(path, DistrictOptions{}, &rep);
        CHECK(p.settings.district_code == test::sql_value(path, "SELECT kode FROM kabkota"));
        CHECK(p.settings.district_name == test::sql_value(path, "SELECT nama FROM kabkota"));
        CHECK(p.kecamatan.size() == std::stoul(test::sql_value(path, "SELECT COUNT(*) FROM kecamatan")));
        CHECK(p.desa.size() == std::stoul(test::sql_value(path, "SELECT COUNT(*) FROM desa")));
        const double pop = std::accumulate(p.desa.begin(), p.desa.end(), 0.0,
                                           [](double s, const AdminUnit& d) { return s + d.population.value_or(0); });
        const std::string field = rep.population_field;
        CHECK(pop == Approx(std::stod(test::sql_value(path, "SELECT SUM(" + field + ") FROM desa"))).epsilon(1e-9));
        // Facilities: every cell site and every health facility that has a geometry.
        std::size_t facilities = 0;
        for (const LayerInfo& l : list_layers(path))
            if (l.name == "bts_opencellid" || l.name == "faskes")
                facilities += std::stoul(test::sql_value(path, "SELECT COUNT(*) FROM " + l.name + " WHERE geom IS NOT NULL"));
        CHECK(p.facilities.size() == facilities);
        // Only the facility types the file has are kept (a missing type is missing data, not 0 %).
        for (const FacilityType& t : p.settings.facility_types)
            CHECK(std::any_of(p.facilities.begin(), p.facilities.end(), [&](const Facility& f) { return f.type == t.key; }));
    }
}

TEST_CASE("is_district_file: district files yes, projects, other files and missing paths no", "[io][district]") {
    test::TempDir dir;
    const std::string project = dir / "p.gpkg";
    save_project(test::sample_project(), project);
    CHECK_FALSE(is_district_file(project));
    CHECK_FALSE(is_district_file(dir / "missing.gpkg"));
    const std::string text = dir / "notes.gpkg";
    { std::ofstream(text) << "not a GeoPackage"; }
    CHECK_FALSE(is_district_file(text));
}

TEST_CASE("load_district: a file without a desa layer is refused naming the file and the layer", "[io][district]") {
    test::TempDir dir;
    const std::string path = dir / "no_desa.gpkg";
    {
        gdal_init();
        auto drv = GetGDALDriverManager()->GetDriverByName("GPKG");
        REQUIRE(drv);
        GDALDatasetUniquePtr ds(drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        OGRSpatialReference srs;
        srs.importFromEPSG(4326);
        for (const char* name : {"kabkota", "kecamatan"}) ds->CreateLayer(name, &srs, wkbMultiPolygon, nullptr);
    }
    CHECK_FALSE(is_district_file(path));
    try {
        load_district(path, DistrictOptions{});
        FAIL("no error");
    } catch (const InputError& e) {
        const std::string msg = e.what();
        CHECK(msg.find(path) != std::string::npos);
        CHECK(msg.find("desa") != std::string::npos);
    }
}
