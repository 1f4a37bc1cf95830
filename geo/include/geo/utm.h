#pragma once
// The WGS 84 / UTM zones (the analysis CRS the engine picks for every district) computed by the
// engine itself: the Krüger series of the transverse Mercator to sixth order in the third flattening
// (Karney 2011, "Transverse Mercator with an accuracy of a few nanometers"), the algorithm PROJ's
// utm uses too. Its result agrees with PROJ's to a few nanometres (tests/geo/analysis/utm_test.cpp).
//
// Why not PROJ here: creating a PROJ operation goes through its object model, which costs about
// 0.3 ms of CPU the first time in a process and 25 µs after — a sixth of a small district's whole
// engine. Every other CRS still goes through PROJ (crs.h); the engine's projection.h uses this for the
// zones, as does the QGIS project of a save.
#include <cstddef>
#include <string>

namespace pc {

class UtmZone {
public:
    // `epsg`: 32601-32660 (north) or 32701-32760 (south).
    explicit UtmZone(int epsg);
    // The EPSG code of "EPSG:326xx" / "EPSG:327xx" (any case), else 0.
    static int code_of(const std::string& crs);

    // In place over n interleaved pairs: lon/lat (degrees) -> easting/northing (metres), and back.
    // Throws GdalError, as a PROJ transform does, for a point it cannot transform (not finite, a
    // latitude beyond ±90°, or too far from the central meridian for the series).
    void forward(double* xy, std::size_t n) const;
    void inverse(double* xy, std::size_t n) const;

private:
    double lon0_;      // central meridian, degrees
    double northing_;  // false northing: 0 north, 10,000 km south
};

}  // namespace pc
