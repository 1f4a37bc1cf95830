#pragma once
// Helpers shared by the io tests: a fresh temp folder, a small hand-made project, tolerant comparisons.
#include <catch2/catch.hpp>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/geos.h"
#include "geo/io/import.h"
#include "geo/model.h"

namespace pc::test {

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        static std::atomic<int> n{0};
        std::random_device rd;
        path = std::filesystem::temp_directory_path() /
               ("pc_io_test_" + std::to_string(rd()) + "_" + std::to_string(n++));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::string operator/(const std::string& name) const { return (path / name).string(); }
};

inline void write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

inline std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The first value of an SQL query on a vector file (GDAL's SQLite dialect), as text: a value read
// independently of the reader under test.
inline std::string sql_value(const std::string& path, const std::string& sql) {
    auto ds = open_vector(path);
    OGRLayer* l = ds->ExecuteSQL(sql.c_str(), nullptr, "SQLITE");
    REQUIRE(l);
    std::string out;
    if (OGRFeatureUniquePtr f{l->GetNextFeature()}) out = f->GetFieldAsString(0);
    ds->ReleaseResultSet(l);
    return out;
}

// Runs the import, expects an InputError naming the file, checks the project did not change and
// returns the error.
inline InputError expect_refused(Project& p, const std::string& path, const ImportOptions& o) {
    const Project before = p;
    try {
        import_layer(p, path, o);
    } catch (const InputError& e) {
        CHECK(p == before);
        INFO(e.what());
        CHECK(e.where().file == path);
        return e;
    }
    FAIL("no InputError for " << path);
    throw std::logic_error("unreachable");
}

inline Geometry square(double x, double y, double d) { return Geometry::rectangle(x, y, x + d, y + d); }

// A small district near Pamekasan, with odd doubles, extras of every type, non-ASCII text and
// every geometry kind.
inline Project sample_project() {
    Project p;
    p.settings.name = "Masterplan Uji 2025-2029";
    p.settings.district_code = "35.99";
    p.settings.district_name = "Kabupaten Uji";
    p.settings.period_start = 2025;
    p.settings.period_end = 2029;
    p.settings.analysis_crs = "EPSG:32749";
    p.settings.facility_types = default_facility_types();
    p.settings.opd = {"Diskominfo", "Bappeda", "Dinas Kesehatan"};

    const double x0 = 113.4123456789012, y0 = -7.1234567890123, d = 0.0512345678901;
    AdminUnit kab;
    kab.id = new_uuid();
    kab.level = AdminLevel::Kabupaten;
    kab.code = "35.99";
    kab.name = "Kabupaten Uji";
    kab.bps_code = "3599";
    kab.population = 12345.678;
    kab.geometry = Geometry::rectangle(x0, y0, x0 + 2 * d, y0 + 2 * d);
    p.kabupaten.push_back(kab);
    for (int k = 0; k < 2; ++k) {
        AdminUnit u;
        u.id = new_uuid();
        u.level = AdminLevel::Kecamatan;
        u.code = "35.99.0" + std::to_string(k + 1);
        u.name = k == 0 ? "Kecamatan Satu" : "Pamekasan Tengah \xc3\xa9";
        u.parent_code = "35.99";
        u.population = 6000.125 + k;
        u.geometry = Geometry::rectangle(x0 + k * d, y0, x0 + (k + 1) * d, y0 + 2 * d);
        u.extra = {{"luas_km2", 31.4159265358979}, {"n_desa", std::int64_t(2)}, {"catatan", std::string("ok")}};
        p.kecamatan.push_back(u);
    }
    for (int i = 0; i < 4; ++i) {
        AdminUnit u;
        u.id = new_uuid();
        u.level = AdminLevel::Desa;
        u.code = "35.99.0" + std::to_string(i / 2 + 1) + ".200" + std::to_string(i + 1);
        u.name = "Desa " + std::to_string(i + 1) + (i == 3 ? " \xc3\xa9t\xc3\xa9" : "");
        u.parent_code = "35.99.0" + std::to_string(i / 2 + 1);
        if (i != 2) u.population = 1000.5 * (i + 1) + 0.0123456789;
        double x = x0 + (i / 2) * d, y = y0 + (i % 2) * d;
        if (i == 0)  // a hole
            u.geometry = Geometry::polygon({{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}},
                                           {{{x + d / 4, y + d / 4}, {x + d / 4, y + d / 2}, {x + d / 2, y + d / 2},
                                             {x + d / 2, y + d / 4}, {x + d / 4, y + d / 4}}});
        else
            u.geometry = square(x, y, d);
        u.extra = {{"jenis_desa", std::string(i == 1 ? "kelurahan" : "desa")},
                   {"pop_ghs_long_field_name", 987.654321 * (i + 1)},
                   {"n_cells", i == 3 ? FieldValue{} : FieldValue(std::int64_t(10 + i))}};
        p.desa.push_back(u);
    }
    // Facilities: point, multipoint-free set so Shapefile keeps Point; a line; a polygon.
    for (int i = 0; i < 3; ++i) {
        Facility f;
        f.id = new_uuid();
        f.type = i == 0 ? "puskesmas" : "sekolah";
        f.name = "Fasilitas " + std::to_string(i);
        if (i == 1) f.radius_m = 1500.25;
        f.geometry = Geometry::point(x0 + 0.01 * (i + 1) + 1e-10, y0 + 0.02 * (i + 1));
        f.extra = {{"alamat", std::string("Jl. Raya ") + std::to_string(i)}, {"kapasitas", std::int64_t(100 * i)}};
        p.facilities.push_back(f);
    }
    {
        Facility f;
        f.id = new_uuid();
        f.type = "wifi";
        f.name = "Jalur WiFi";
        f.geometry = Geometry::line({{x0 + 0.001, y0 + 0.001}, {x0 + 0.05, y0 + 0.03}, {x0 + 0.07, y0 + 0.031}});
        f.extra = {{"alamat", std::string("Jl. Trunojoyo")}, {"kapasitas", std::int64_t(7)}};
        p.facilities.push_back(f);
        Facility g;
        g.id = new_uuid();
        g.type = "sekolah";
        g.name = "Kampus";
        g.geometry = square(x0 + 0.06, y0 + 0.06, 0.005);
        g.extra = {{"alamat", std::string("Jl. Kampus")}, {"kapasitas", std::int64_t(900)}};
        p.facilities.push_back(g);
    }
    Zone z;
    z.id = new_uuid();
    z.code = "KPPN_UJI";
    z.name = "Zona Uji";
    z.kind = "KPPN";
    z.geometry = square(x0 + 0.02, y0 + 0.02, 0.03);
    z.extra = {{"sumber", std::string("uji")}};
    p.zones.push_back(z);
    const Pillar pillars[] = {Pillar::Governance, Pillar::Economy, Pillar::Environment};
    for (int i = 0; i < 3; ++i) {
        Initiative in;
        in.id = new_uuid();
        in.name = "Inisiatif " + std::to_string(i);
        in.description = "Deskripsi \xc3\xa9 " + std::to_string(i);
        in.pillar = pillars[i];
        in.element = kElements[i];
        in.opd = p.settings.opd[std::size_t(i)];
        in.start_year = 2025 + i;
        in.end_year = 2027 + i;
        in.budget_rp = 1'500'000'000'000LL + i;  // over 2^31
        in.funding_source = "APBD";
        in.status = kStatuses[i];
        in.quick_win = i == 1;
        in.rpjmd_ref = "P" + std::to_string(i);
        if (i != 0) in.radius_m = 750.5 * i;
        in.geometry = i == 0 ? Geometry::point(x0 + 0.03, y0 + 0.04)
                      : i == 1 ? Geometry::line({{x0, y0 + 0.01}, {x0 + 0.04, y0 + 0.02}})
                               : square(x0 + 0.07, y0 + 0.01, 0.01);
        p.initiatives.push_back(in);
    }
    PopulationGrid grid;
    grid.source = "uji.tif:band 1";
    for (int i = 0; i < 4; ++i) grid.cells.push_back({square(x0 + 0.008333 * i, y0, 0.008333), 12.5 * (i + 1)});
    p.population_grid = grid;
    return p;
}

// Same shape within tol degrees, whatever the ring orientation and start vertex (Shapefile and
// RFC 7946 reorient rings).
inline bool same_geometry(const Geometry& a, const Geometry& b, double tol = 1e-9) {
    if (a.kind != b.kind) return false;
    GeosContext ctx;
    auto norm = [&](const Geometry& g) {
        auto gg = ctx.from(g);
        GEOSNormalize_r(ctx.get(), gg.get());
        return ctx.to_geometry(gg.get());
    };
    Geometry na = norm(a), nb = norm(b);
    auto close = [&](const std::vector<Coord>& p, const std::vector<Coord>& q) {
        if (p.size() != q.size()) return false;
        for (std::size_t i = 0; i < p.size(); ++i)
            if (std::abs(p[i].x - q[i].x) > tol || std::abs(p[i].y - q[i].y) > tol) return false;
        return true;
    };
    if (!close(na.points, nb.points) || na.lines.size() != nb.lines.size() || na.polygons.size() != nb.polygons.size())
        return false;
    for (std::size_t i = 0; i < na.lines.size(); ++i)
        if (!close(na.lines[i], nb.lines[i])) return false;
    for (std::size_t i = 0; i < na.polygons.size(); ++i) {
        if (na.polygons[i].rings.size() != nb.polygons[i].rings.size()) return false;
        for (std::size_t r = 0; r < na.polygons[i].rings.size(); ++r)
            if (!close(na.polygons[i].rings[r], nb.polygons[i].rings[r])) return false;
    }
    return true;
}

inline bool same_value(const FieldValue& a, const FieldValue& b, double rel = 1e-12) {
    auto num = [](const FieldValue& v, double& out) {
        if (auto* i = std::get_if<std::int64_t>(&v)) { out = double(*i); return true; }
        if (auto* d = std::get_if<double>(&v)) { out = *d; return true; }
        return false;
    };
    double x, y;
    if (num(a, x) && num(b, y)) return std::abs(x - y) <= rel * std::max(1.0, std::abs(x));
    auto empty = [](const FieldValue& v) {
        return std::holds_alternative<std::monostate>(v) || (std::holds_alternative<std::string>(v) && std::get<std::string>(v).empty());
    };
    if (empty(a) && empty(b)) return true;
    return a == b;
}

inline bool same_extras(const std::vector<ExtraField>& a, const std::vector<ExtraField>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].name != b[i].name || !same_value(a[i].value, b[i].value)) {
            UNSCOPED_INFO("extra " << a[i].name << " differs from " << b[i].name);
            return false;
        }
    return true;
}

inline bool same_opt(const std::optional<double>& a, const std::optional<double>& b) {
    if (a.has_value() != b.has_value()) return false;
    return !a || std::abs(*a - *b) <= 1e-12 * std::max(1.0, std::abs(*a));
}

}  // namespace pc::test
