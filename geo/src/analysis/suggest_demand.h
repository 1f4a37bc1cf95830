#pragma once
// The demand of a site suggestion: people not covered yet, as pieces of uniform density cut into
// square tiles, in the engine's local metres; and the exact mass of it inside a candidate's disc.
//
// A disc is convex, so the area of a piece inside it is the Sutherland–Hodgman clip of each ring
// (shells counter-clockwise, holes clockwise: the signed areas add up, for concave and holed rings
// alike), against only the disc's edges that cut the piece's box. Tiles keep pieces small, so most
// pieces lie wholly inside (by the disc's inner radius) or outside (its outer radius) and need no clip.
// Choosing a site subtracts its disc from the pieces near it (GEOS difference); taking a site back
// rebuilds the tiles under its disc from the original pieces minus the other chosen discs.
#include <cstdint>
#include <vector>

#include "geo/geos.h"
#include "planar.h"

namespace pc::analysis::suggest {

// A candidate's service area: GEOS's regular polygon around the centre (planar::disc_buffer).
struct Disc {
    planar::Pt centre;
    double r_out = 0, r_in = 0;
    std::vector<planar::Pt> v;  // counter-clockwise, not closed
    planar::Box box;
};
Disc make_disc(planar::Pt centre, double radius, int quadrant_segments);
GeomPtr disc_geometry(GeosContext& c, const Disc& d);

struct Piece {
    std::uint32_t owner = 0;  // desa index
    double density = 0;       // persons per m²
    double area = 0;          // m²
    planar::Box box;
    std::vector<planar::Pt> pts;          // rings one after the other, not closed
    std::vector<std::uint32_t> ring_end;  // end of each ring in pts
    GeomPtr geom;                         // local metres
};

// Area of a piece inside a disc (m²).
double area_inside(const Piece& p, const Disc& d);

class Demand {
public:
    // `pieces`: uncovered polygons (local metres) of uniform density; cut here into tiles of `tile` m.
    struct Input {
        GeomPtr geom;
        std::uint32_t owner = 0;
        double density = 0;
    };
    Demand(GeosContext& c, std::vector<Input> pieces, double tile);

    // Persons inside the disc; `per_owner` (optional, sized to the owners) receives them per desa.
    double mass_inside(const Disc& d, std::vector<double>* per_owner = nullptr) const;
    // The disc becomes covered.
    void cover(const Disc& d, const GEOSGeometry* dg);
    // The tiles under `d` again from the original pieces minus the discs `others` (GEOS of each).
    void rebuild_under(const Disc& d, const std::vector<const Disc*>& others, const std::vector<const GEOSGeometry*>& other_geoms);
    // Every tile back to the original pieces.
    void reset();

    double total() const { return total_; }  // persons in the original pieces
    const std::vector<Piece>& pieces() const { return pieces_; }
    const std::vector<std::uint32_t>& base() const { return base_ids_; }

private:
    template <class F>
    void cells_under(const planar::Box& b, F&& f);
    std::uint32_t add_piece(GeomPtr g, std::uint32_t owner, double density);  // npos when empty
    GeosContext* c_;
    std::vector<Piece> pieces_;                       // every piece ever made (dead ones stay)
    std::vector<std::uint32_t> base_ids_;             // the original tiles' pieces
    std::vector<std::vector<std::uint32_t>> base_, cur_;  // per tile
    double x0_ = 0, y0_ = 0, tile_ = 1;
    int nx_ = 0, ny_ = 0;
    double total_ = 0;
};

}  // namespace pc::analysis::suggest
