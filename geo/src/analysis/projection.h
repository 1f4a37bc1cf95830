#pragma once
// Lon/lat <-> the analysis CRS for whole batches of coordinates, straight through PROJ.
//
// For the WGS 84 / UTM zones (what the engine picks by itself) the PROJ pipeline is written out
// rather than looked up: the very operations proj_create_crs_to_crs chooses (checked in the tests:
// the same doubles), without the 5 ms of database look-ups per transform that would otherwise be a
// small district's whole analysis. Any other CRS goes through PROJ's database.
#include <memory>
#include <string>

#include "geo/geometry.h"

namespace pc::analysis {

class Projection {
public:
    // `crs`: "EPSG:xxxx", WKT or a PROJ string, as CrsTransform takes it. Throws InputError when PROJ
    // does not know it.
    explicit Projection(const std::string& crs);
    ~Projection();
    Projection(const Projection&) = delete;
    Projection& operator=(const Projection&) = delete;

    // In place, over n interleaved (x, y) pairs: lon/lat -> projected, and back.
    void forward(double* xy, std::size_t n) const;
    void inverse(double* xy, std::size_t n) const;
    // Whole geometries (every vertex in one PROJ call).
    Geometry forward(const Geometry& lonlat) const;
    void inverse_in_place(Geometry& g) const;

    // "+proj=pipeline ... +proj=utm +zone=49 +south ..." for "EPSG:32749"; "" for other CRSs.
    static std::string utm_pipeline(const std::string& crs);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace pc::analysis
