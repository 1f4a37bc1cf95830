#pragma once
// RAII over the reentrant GEOS C API. One GeosContext per thread; every handle remembers the
// context that made it. A failing call becomes a GeosError carrying GEOS's message.
#include <geos_c.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "geo/geometry.h"

namespace pc {

class GeosContext;

struct GeomDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(GEOSGeometry* g) const { if (g) GEOSGeom_destroy_r(ctx, g); }
};
struct PreparedDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(const GEOSPreparedGeometry* g) const { if (g) GEOSPreparedGeom_destroy_r(ctx, g); }
};
struct STRtreeDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(GEOSSTRtree* t) const { if (t) GEOSSTRtree_destroy_r(ctx, t); }
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;
using STRtreePtr = std::unique_ptr<GEOSSTRtree, STRtreeDeleter>;

class GeosContext {
public:
    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;

    GEOSContextHandle_t get() const { return handle_; }
    const std::string& last_error() const { return last_error_; }

    // Take ownership of a result; throws GeosError(what + GEOS message) when it is null.
    GeomPtr own(GEOSGeometry* g, const char* what) const;
    PreparedPtr prepare(const GEOSGeometry* g) const;
    STRtreePtr strtree(std::size_t node_capacity = 10) const;
    // Check a predicate/measure result: 2 (or 0 for measures) means failure -> GeosError.
    bool check_predicate(char r, const char* what) const;
    void check_measure(int ok, const char* what) const;

    // Conversions between the model's geometry and GEOS.
    GeomPtr from(const Geometry& g) const;
    Geometry to_geometry(const GEOSGeometry* g) const;
    GeomPtr clone(const GEOSGeometry* g) const;
    GeomPtr empty_polygon() const;

    // Frequently used operations, all throwing on failure.
    double area(const GEOSGeometry* g) const;
    GeomPtr intersection(const GEOSGeometry* a, const GEOSGeometry* b) const;
    GeomPtr difference(const GEOSGeometry* a, const GEOSGeometry* b) const;
    GeomPtr unary_union(const GEOSGeometry* g) const;
    // Union of many geometries (consumed).
    GeomPtr union_all(std::vector<GeomPtr> parts) const;
    GeomPtr buffer(const GEOSGeometry* g, double distance, int quadrant_segments = 8) const;
    GeomPtr make_valid(const GEOSGeometry* g) const;
    bool is_valid(const GEOSGeometry* g) const;
    std::string is_valid_reason(const GEOSGeometry* g) const;
    // Keeps only the polygonal parts of a collection (what MakeValid/intersection can leave).
    GeomPtr polygonal_part(const GEOSGeometry* g) const;
    GeomPtr collection(std::vector<GeomPtr> parts) const;  // GeometryCollection of the parts (consumed)
    Envelope envelope(const GEOSGeometry* g) const;
    GeomPtr envelope_polygon(const Envelope& e) const;
    Coord centroid(const GEOSGeometry* g) const;
    Coord point_on_surface(const GEOSGeometry* g) const;
    double distance(const GEOSGeometry* a, const GEOSGeometry* b) const;
    // Calls ring(xy, n, hole) for every ring (of 4 points or more) of every polygon in a polygon,
    // multipolygon or collection: xy holds x0 y0 x1 y1 ..., the closing point included.
    void for_each_polygon_ring(const GEOSGeometry* g,
                               const std::function<void(const double* xy, unsigned n, bool hole)>& ring) const;

private:
    GEOSContextHandle_t handle_;
    std::string last_error_;
};

}  // namespace pc
