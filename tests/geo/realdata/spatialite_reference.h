#pragma once
// An independent computation of the coverage metrics in SpatiaLite SQL, run by GDAL's SQLite dialect
// directly on the shared GeoPackages. Shares no code with the engine: only GDAL (reading, SQL) and,
// inside SpatiaLite, PROJ and GEOS. Used by the real-data tests (as the reference) and by the
// benchmark (as a peer).
//
// Definitions (the same as the engine's, see the README's metrics section):
//   projected = ST_Transform(geom, <UTM EPSG>), buffers with 8 quadrant segments given explicitly
//   (SpatiaLite's own default is 30, not 8: BufferOptions_GetQuadrantSegments() = 30);
//   every ST_Intersection goes through CollectionExtract(.., 3): SpatiaLite 5.0.1's ST_Area returns 0
//   for a GEOMETRYCOLLECTION mixing polygons with the lines/points where boundaries touch;
//   D = union of desa; every facility whose buffer reaches D (interiors meet: ST_Relate 'T********')
//   counts, wherever it stands (border truth); with `inside_only`, only those whose point intersects D;
//   S = union of the buffers of the facilities counted;
//   desa: area = area(u), covered = area(u ∩ S), covered population = P_u · covered / area;
//   kecamatan: area and covered on the union of its desa, populations summed over desa;
//   district: area(D), area(D ∩ S).
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "geo/gdal.h"

namespace pc::reference {

struct RefUnit {
    std::string code;
    std::string parent_code;
    double area_km2 = 0;
    double covered_km2 = 0;
    double population = 0;
    double covered_population = 0;
};

struct RefCoverage {
    std::vector<RefUnit> desa;       // ordered by code
    std::vector<RefUnit> kecamatan;  // ordered by code (dissolved from desa on kode_kec)
    double district_area_km2 = 0;
    double district_covered_km2 = 0;
    long long facilities_total = 0;     // with a geometry
    long long facilities_inside = 0;    // point intersects D
    long long facilities_counted = 0;   // in S (reaching D, or inside with `inside_only`)
    std::vector<long long> outside_fids;  // point does not intersect D

    const RefUnit* find_desa(const std::string& code) const {
        for (const auto& u : desa)
            if (u.code == code) return &u;
        return nullptr;
    }
};

// Runs one statement and hands every result row to fn. Throws on SQL errors.
template <class Fn>
void sql_rows(GDALDataset& ds, const std::string& sql, Fn&& fn) {
    CPLErrorReset();
    OGRLayer* layer = ds.ExecuteSQL(sql.c_str(), nullptr, "SQLITE");
    // GDAL returns no layer (and no error) for a statement without result rows.
    if (!layer && CPLGetLastErrorType() < CE_Failure) return;
    if (!layer) throw std::runtime_error("SpatiaLite SQL failed: " + std::string(CPLGetLastErrorMsg()) + "\n" + sql);
    struct Release {
        GDALDataset& ds;
        OGRLayer* l;
        ~Release() { ds.ReleaseResultSet(l); }
    } release{ds, layer};
    for (auto& f : *layer) fn(*f);
}

inline double real(const OGRFeature& f, const char* field) {
    int i = f.GetFieldIndex(field);
    if (i < 0) throw std::runtime_error(std::string("no column ") + field);
    if (!f.IsFieldSetAndNotNull(i)) return 0.0;
    return f.GetFieldAsDouble(i);
}
inline std::string text(const OGRFeature& f, const char* field) {
    int i = f.GetFieldIndex(field);
    if (i < 0) throw std::runtime_error(std::string("no column ") + field);
    return f.IsFieldSetAndNotNull(i) ? f.GetFieldAsString(i) : "";
}

// `facilities_sql` is a SELECT giving lon/lat point column `geom`, radius `r` (metres) and `fid`,
// e.g. "SELECT fid, geom, range_m AS r FROM bts_opencellid". `pop_field` is the desa population.
// CTEs: d (the district), f (facilities, projected, with their buffer b), fi (standing inside D),
// fc (counted), s (the union of the counted buffers).
inline std::string coverage_ctes(int epsg, const std::string& facilities_sql, bool inside_only = false) {
    const std::string crs = std::to_string(epsg);
    return "WITH d AS MATERIALIZED (SELECT ST_Union(ST_Transform(geom, " + crs + ")) AS g FROM desa), "
           "f AS MATERIALIZED (SELECT fid, p, r, ST_Buffer(p, r, 8) AS b FROM (SELECT fid, ST_Transform(geom, " + crs +
           ") AS p, r FROM (" + facilities_sql + ") WHERE geom IS NOT NULL)), "
           "fi AS MATERIALIZED (SELECT f.fid, f.b FROM f, d WHERE ST_Intersects(f.p, d.g)), "
           "fc AS MATERIALIZED (" +
           (inside_only ? std::string("SELECT fid, b FROM fi") : std::string("SELECT f.fid, f.b FROM f, d WHERE ST_Relate(f.b, d.g, 'T********')")) +
           "), "
           "s AS MATERIALIZED (SELECT ST_Union(b) AS g FROM fc) ";
}

inline RefCoverage sql_coverage(GDALDataset& ds, int epsg, const std::string& facilities_sql,
                                const std::string& pop_field, bool inside_only = false) {
    const std::string crs = std::to_string(epsg);
    const std::string ctes = coverage_ctes(epsg, facilities_sql, inside_only);
    RefCoverage r;
    // ST_Area of a NULL (no facility) is NULL: read as 0.
    sql_rows(ds,
             ctes + "SELECT ST_Area(d.g) / 1e6 AS a, ST_Area(CollectionExtract(ST_Intersection(d.g, s.g), 3)) / 1e6 AS c, "
                    "(SELECT COUNT(*) FROM f) AS nf, (SELECT COUNT(*) FROM fi) AS ni, (SELECT COUNT(*) FROM fc) AS nc FROM d, s",
             [&](const OGRFeature& f) {
                 r.district_area_km2 = real(f, "a");
                 r.district_covered_km2 = real(f, "c");
                 r.facilities_total = static_cast<long long>(real(f, "nf"));
                 r.facilities_inside = static_cast<long long>(real(f, "ni"));
                 r.facilities_counted = static_cast<long long>(real(f, "nc"));
             });
    sql_rows(ds, ctes + "SELECT fid + 0 AS fac_id FROM f WHERE fid NOT IN (SELECT fid FROM fi) ORDER BY fid",
             [&](const OGRFeature& f) { r.outside_fids.push_back(static_cast<long long>(real(f, "fac_id"))); });
    sql_rows(ds,
             ctes + "SELECT u.kode AS code, u.kode_kec AS parent, u." + pop_field + " AS pop, "
                    "ST_Area(u.g) / 1e6 AS a, ST_Area(CollectionExtract(ST_Intersection(u.g, s.g), 3)) / 1e6 AS c "
                    "FROM (SELECT kode, kode_kec, " + pop_field + ", ST_Transform(geom, " + crs +
                    ") AS g FROM desa) u, s ORDER BY u.kode",
             [&](const OGRFeature& f) {
                 RefUnit u;
                 u.code = text(f, "code");
                 u.parent_code = text(f, "parent");
                 u.area_km2 = real(f, "a");
                 u.covered_km2 = real(f, "c");
                 u.population = real(f, "pop");
                 u.covered_population = u.area_km2 > 0 ? u.population * u.covered_km2 / u.area_km2 : 0;
                 r.desa.push_back(u);
             });
    sql_rows(ds,
             ctes + "SELECT k.kode AS code, ST_Area(k.g) / 1e6 AS a, ST_Area(CollectionExtract(ST_Intersection(k.g, s.g), 3)) / 1e6 AS c "
                    "FROM (SELECT kode_kec AS kode, ST_Union(ST_Transform(geom, " + crs +
                    ")) AS g FROM desa GROUP BY kode_kec) k, s ORDER BY k.kode",
             [&](const OGRFeature& f) {
                 RefUnit k;
                 k.code = text(f, "code");
                 k.area_km2 = real(f, "a");
                 k.covered_km2 = real(f, "c");
                 for (const auto& u : r.desa)
                     if (u.parent_code == k.code) {
                         k.population += u.population;
                         k.covered_population += u.covered_population;
                     }
                 r.kecamatan.push_back(k);
             });
    return r;
}

// Grid method: each GHS cell cut by each desa, fragment population = pop · area(fragment)/area(cell),
// rescaled so the fragments of a desa sum to its official population; covered population =
// Σ fragment population · area(fragment ∩ S)/area(fragment). Returns desa code -> covered population
// (desa with no grid population are absent).
inline std::map<std::string, double> sql_grid_covered_population(GDALDataset& ds, int epsg,
                                                                 const std::string& facilities_sql,
                                                                 const std::string& pop_field) {
    const std::string crs = std::to_string(epsg);
    std::map<std::string, double> out;
    sql_rows(ds,
             coverage_ctes(epsg, facilities_sql) +
                 ", u AS MATERIALIZED (SELECT kode, " + pop_field + " AS P, ST_Transform(geom, " + crs + ") AS g FROM desa), "
                 "c AS MATERIALIZED (SELECT pop, ST_Transform(geom, " + crs + ") AS g FROM popgrid_ghs), "
                 "fr AS MATERIALIZED (SELECT u.kode, u.P, c.pop, ST_Area(c.g) AS ca, CollectionExtract(ST_Intersection(u.g, c.g), 3) AS fg "
                 "  FROM u, c WHERE MbrIntersects(u.g, c.g) AND ST_Intersects(u.g, c.g)), "
                 "fp AS MATERIALIZED (SELECT kode, P, pop * ST_Area(fg) / ca AS pf, "
                 "  COALESCE(ST_Area(CollectionExtract(ST_Intersection(fg, (SELECT g FROM s)), 3)) / ST_Area(fg), 0) AS frac "
                 "  FROM fr WHERE ST_Area(fg) > 0) "
                 "SELECT kode, MAX(P) AS P, SUM(pf) AS grid, SUM(pf * frac) AS grid_cov FROM fp GROUP BY kode",
             [&](const OGRFeature& f) {
                 double grid = real(f, "grid");
                 if (grid > 0) out[text(f, "kode")] = real(f, "P") * real(f, "grid_cov") / grid;
             });
    return out;
}

struct RefOverlap {
    long long pairs_over_100m2 = 0;
    double pairs_over_100m2_km2 = 0;  // sum of those pairwise intersection areas
    double sum_minus_union_km2 = 0;   // Σ area(desa) − area(∪ desa)
};

inline RefOverlap sql_desa_overlap(GDALDataset& ds, int epsg) {
    const std::string crs = std::to_string(epsg);
    RefOverlap r;
    sql_rows(ds,
             "WITH p AS MATERIALIZED (SELECT fid, ST_Transform(geom, " + crs + ") AS g FROM desa), "
             "x AS MATERIALIZED (SELECT ST_Area(CollectionExtract(ST_Intersection(a.g, b.g), 3)) AS ar FROM p a, p b "
             "  WHERE a.fid < b.fid AND MbrIntersects(a.g, b.g) AND ST_Intersects(a.g, b.g)) "
             "SELECT COUNT(*) AS n, SUM(ar) / 1e6 AS km2 FROM x WHERE ar > 100",
             [&](const OGRFeature& f) {
                 r.pairs_over_100m2 = static_cast<long long>(real(f, "n"));
                 r.pairs_over_100m2_km2 = real(f, "km2");
             });
    sql_rows(ds,
             "WITH p AS MATERIALIZED (SELECT ST_Transform(geom, " + crs + ") AS g FROM desa) "
             "SELECT (SELECT SUM(ST_Area(g)) FROM p) / 1e6 - ST_Area((SELECT ST_Union(g) FROM p)) / 1e6 AS o",
             [&](const OGRFeature& f) { r.sum_minus_union_km2 = real(f, "o"); });
    return r;
}

struct RefHoles {
    long long rings = 0;  // interior rings of the union of desa
    double km2 = 0;       // their area (gaps between desa, and enclaves of other districts if any)
    double largest_m2 = 0;
    // Area enclosed by the union's parts and covered by no desa: area(∪ parts' exterior rings made
    // polygons) − area(union). Less than km2 when a desa sits inside a hole of another part.
    double uncovered_km2 = 0;
};

// Holes of the union of all desa: each polygon of the union, each of its interior rings.
inline RefHoles sql_union_holes(GDALDataset& ds, int epsg) {
    RefHoles r;
    sql_rows(ds,
             "WITH RECURSIVE u AS MATERIALIZED (SELECT ST_Union(ST_Transform(geom, " + std::to_string(epsg) +
                 ")) AS g FROM desa), "
                 "n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n, u WHERE i < ST_NumGeometries(u.g)), "
                 "p AS MATERIALIZED (SELECT ST_GeometryN(u.g, i) AS g FROM n, u), "
                 "r(j, g, k) AS (SELECT 1, g, ST_NumInteriorRing(g) FROM p "
                 "  UNION ALL SELECT j + 1, g, k FROM r WHERE j < k), "
                 "h AS (SELECT ST_Area(ST_MakePolygon(ST_InteriorRingN(g, j))) AS a FROM r WHERE k > 0) "
                 "SELECT COUNT(*) AS n, COALESCE(SUM(a), 0) / 1e6 AS km2, COALESCE(MAX(a), 0) AS mx FROM h",
             [&](const OGRFeature& f) {
                 r.rings = static_cast<long long>(real(f, "n"));
                 r.km2 = real(f, "km2");
                 r.largest_m2 = real(f, "mx");
             });
    sql_rows(ds,
             "WITH RECURSIVE u AS MATERIALIZED (SELECT ST_Union(ST_Transform(geom, " + std::to_string(epsg) +
                 ")) AS g FROM desa), "
                 "n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n, u WHERE i < ST_NumGeometries(u.g)), "
                 "f AS (SELECT ST_Union(ST_MakePolygon(ST_ExteriorRing(ST_GeometryN(u.g, i)))) AS g FROM n, u) "
                 "SELECT (ST_Area(f.g) - ST_Area(u.g)) / 1e6 AS km2 FROM f, u",
             [&](const OGRFeature& f) { r.uncovered_km2 = real(f, "km2"); });
    return r;
}

}  // namespace pc::reference
