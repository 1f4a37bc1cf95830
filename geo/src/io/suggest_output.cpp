// Site suggestion outputs (geo/io/suggest_output.h) through the table model and OGR.
#include "geo/io/suggest_output.h"

#include <cmath>
#include <filesystem>

#include "geo/error.h"
#include "geo/gdal.h"
#include "io_internal.h"

namespace pc {

namespace {

namespace fs = std::filesystem;
using io::Column;
using io::FieldType;

io::Table sites_table(const SuggestResult& r, std::int64_t cost, std::vector<Geometry>& points) {
    io::Table t;
    t.name = "suggested_sites";
    t.geometry_type = io::LayerGeometry::Point;
    t.columns = {{"rank", FieldType::Integer},          {"candidate", FieldType::Text},
                 {"service", FieldType::Text},          {"radius_m", FieldType::Real},
                 {"desa_code", FieldType::Text},        {"desa_name", FieldType::Text},
                 {"kecamatan_code", FieldType::Text},   {"kecamatan_name", FieldType::Text},
                 {"people_added", FieldType::Real},     {"cumulative_people", FieldType::Real},
                 {"cumulative_share_of_uncovered", FieldType::Real}, {"desa_served", FieldType::Integer},
                 {"main_desa_served", FieldType::Text}};
    if (cost > 0)
        t.columns.insert(t.columns.end(), {{"cost_rp", FieldType::Integer64},
                                           {"cumulative_cost_rp", FieldType::Integer64},
                                           {"cost_per_person_rp", FieldType::Real}});
    points.clear();
    for (auto& s : r.sites) points.push_back(Geometry::point(s.lonlat.x, s.lonlat.y));
    for (std::size_t k = 0; k < r.sites.size(); ++k) {
        const auto& s = r.sites[k];
        std::string main;
        for (std::size_t q = 0; q < s.serves.size() && q < 3; ++q) {
            char buf[64];
            std::snprintf(buf, sizeof buf, " (%.0f)", s.serves[q].people);
            main += (q ? "; " : "") + s.serves[q].name + buf;
        }
        std::vector<FieldValue> row = {std::int64_t(k + 1), s.label, r.service, r.radius_m, s.desa_code, s.desa_name,
                                       s.kecamatan_code, s.kecamatan_name, s.people_added, s.cumulative,
                                       r.uncovered_before > 0 ? s.cumulative / r.uncovered_before : 0.0,
                                       std::int64_t(s.serves.size()), main};
        if (cost > 0) {
            row.push_back(cost);
            row.push_back(cost * std::int64_t(k + 1));
            row.push_back(s.people_added > 0 ? double(cost) / s.people_added : FieldValue{});
        }
        t.rows.push_back(std::move(row));
        t.geometries.push_back(&points[k]);
    }
    return t;
}

io::Table area_table(const SuggestResult& r) {
    io::Table t;
    t.name = "suggested_sites_area";
    t.geometry_type = io::LayerGeometry::Polygon;
    t.columns = {{"rank", FieldType::Integer}, {"people_added", FieldType::Real}, {"radius_m", FieldType::Real}};
    for (std::size_t k = 0; k < r.sites.size(); ++k) {
        t.rows.push_back({std::int64_t(k + 1), r.sites[k].people_added, r.radius_m});
        t.geometries.push_back(&r.sites[k].service_area);
    }
    return t;
}

io::Table desa_table(const SuggestResult& r) {
    io::Table t;
    t.name = "suggested_sites_desa";
    t.columns = {{"rank", FieldType::Integer},         {"desa_code", FieldType::Text}, {"desa_name", FieldType::Text},
                 {"kecamatan_code", FieldType::Text}, {"kecamatan_name", FieldType::Text},
                 {"people_added", FieldType::Real}};
    for (std::size_t k = 0; k < r.sites.size(); ++k)
        for (auto& d : r.sites[k].serves)
            t.rows.push_back({std::int64_t(k + 1), d.code, d.name, d.kecamatan_code, d.kecamatan_name, d.people});
    return t;
}

void write_csv(const io::Table& t, const fs::path& file, bool points) {
    fs::remove(file);
    fs::path csvt = file;
    fs::remove(csvt.replace_extension(".csvt"));
    auto ds = create_vector(file.string(), "CSV");
    io::WriteOptions o;
    o.layer_options = {"CREATE_CSVT=YES"};
    if (points) {
        o.extra_columns = {{"lon", FieldType::Real}, {"lat", FieldType::Real}};
        o.extra_values = [](const Geometry* g) -> std::vector<FieldValue> {
            return {g->points[0].x, g->points[0].y};
        };
    }
    io::Table plain = t;
    plain.geometry_type = io::LayerGeometry::None;
    plain.geometries.clear();
    if (points) {
        // lon/lat from the geometries, as extra values per row.
        for (std::size_t k = 0; k < plain.rows.size(); ++k) {
            auto v = o.extra_values(t.geometries[k]);
            plain.rows[k].insert(plain.rows[k].end(), v.begin(), v.end());
        }
        plain.columns.insert(plain.columns.end(), o.extra_columns.begin(), o.extra_columns.end());
        o.extra_columns.clear();
        o.extra_values = nullptr;
    }
    io::write_table(*ds, plain, o);
}

}  // namespace

SuggestionFiles write_suggestion(const SuggestResult& r, const std::string& dir, std::int64_t cost) {
    SuggestionFiles out;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw IoError("cannot create the folder '" + dir + "': " + ec.message());
    std::vector<Geometry> points;
    const io::Table sites = sites_table(r, cost, points);
    const io::Table desa = desa_table(r);
    const fs::path d(dir);
    write_csv(sites, d / "sites.csv", true);
    out.files.push_back((d / "sites.csv").string());
    write_csv(desa, d / "sites_desa.csv", false);
    out.files.push_back((d / "sites_desa.csv").string());
    const fs::path gpkg = d / "sites.gpkg";
    fs::remove(gpkg);
    auto ds = create_vector(gpkg.string(), "GPKG");
    io::write_table(*ds, sites);
    io::write_table(*ds, area_table(r));
    io::write_table(*ds, desa);
    out.files.push_back(gpkg.string());
    return out;
}

}  // namespace pc
