#pragma once
// Levels of detail for drawing: geometry snapped to a grid of a few metres to a few hundred metres,
// so a province of desa is drawn with about as many vertices as it has pixels. Snapping (not
// Douglas-Peucker) keeps the boundary shared by two desa identical in both, so simplified fills
// leave no gaps and each shared edge can be drawn once. Pure CPU work, no GL: tested without a window.
#include <cstdint>
#include <vector>

#include "geo/geometry.h"

namespace pc::gui {

// A grid in lon/lat whose cells are `cell_m` metres on the ground near (lon0, lat0).
struct SnapGrid {
    double lon0 = 0, lat0 = 0;
    double cell_lon = 1e-6, cell_lat = 1e-6;  // degrees
    static SnapGrid metres(Coord origin_lonlat, double cell_m);
    std::int64_t ix(double lon) const;
    std::int64_t iy(double lat) const;
    Coord at(std::int64_t x, std::int64_t y) const { return {lon0 + double(x) * cell_lon, lat0 + double(y) * cell_lat}; }
};

// Rings snapped to the grid with repeated vertices removed; rings left with fewer than three corners
// and polygons without a shell are dropped (they are smaller than a cell). Points and lines are kept as
// they are; the result may be empty.
Geometry snap_polygons(const Geometry& g, const SnapGrid& grid);

// Segments of every ring and line snapped to the grid, each undirected segment once over all features
// (the first feature that has it keeps it). lon/lat x0 y0 x1 y1 per segment, per feature.
std::vector<std::vector<double>> unique_segments(const std::vector<const Geometry*>& features, const SnapGrid& grid);

// Where the boundaries of a layer of polygons that share them (desa, kecamatan) meet: a vertex is a
// junction when three or more distinct edges meet there (found on the exact coordinates, once per
// layer change). Also the layer's distinct boundary segments (lon/lat x0 y0 x1 y1, per feature).
struct LayerTopology {
    // junction[feature][polygon][ring][vertex], vertices as in the feature's rings.
    std::vector<std::vector<std::vector<std::vector<char>>>> junction;
    std::vector<std::vector<double>> segments;
};
LayerTopology layer_topology(const std::vector<const Geometry*>& features, const SnapGrid& exact);

// The layer simplified for display: snapped to the grid, then every chain of boundary between two
// junctions thinned by Douglas-Peucker with `tolerance_cells`, the same way from whichever polygon it
// is reached, so neighbours keep an identical shared boundary (no gaps between simplified fills).
// Rings left with fewer than three corners are dropped. `segments` as in LayerTopology.
struct SimplifiedLayer {
    std::vector<Geometry> polygons;
    std::vector<std::vector<double>> segments;
};
SimplifiedLayer simplify_layer(const std::vector<const Geometry*>& features, const LayerTopology& topology,
                               const SnapGrid& grid, double tolerance_cells = 1.0);

// Which of the levels (cell sizes in metres, finest first) to draw at `pixels_per_metre`: the coarsest
// whose cells are at most `max_cell_px` pixels wide.
std::size_t pick_level(const std::vector<double>& cells_m, double pixels_per_metre, double max_cell_px = 0.8);

}  // namespace pc::gui
