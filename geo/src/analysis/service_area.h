#pragma once
// The service area S of one service: the union of its features' buffers, in local coordinates.
//
// Most features are points, whose buffer is a regular polygon around them (GEOS's vertices, see
// buffers.h): a disc with an inner radius (the apothem) inside which every point is in the buffer
// and an outer radius outside which none is. Those two tests settle almost every question without
// looking at an edge, which keeps dense facility sets (hundreds of buffers over every point) near
// linear: an edge deep inside S is dropped as soon as one nearby buffer's inner disc holds it.
//
// S is kept as its boundary pieces (interior on the left) with a grid over them, and answers the
// candidate interface of planar::split_locate (box, edges_in, locate_piece), so unit boundaries are
// cut against ∂S and located against S in one pass.
#include <cstdint>
#include <vector>

#include "planar.h"

namespace pc::planar {

struct Buffer {
    Poly poly;            // edges counter-clockwise
    Pt centre;            // a disc's centre
    double r_out = 0;     // a disc's circumradius (its vertices' distance); 0 = not a disc
    double r_in = 0;      // a disc's apothem: every point nearer the centre lies inside
    bool disc() const { return r_out > 0; }
    const Box& box() const { return poly.box(); }
};

// A regular polygon of 4·quadrant_segments vertices around c, with GEOS's vertices (the same
// doubles GEOSBuffer gives a point), counter-clockwise.
Buffer disc_buffer(Pt c, double radius, int quadrant_segments);

// Whether a buffer's interior and p's share an area (planar.h's interiors_meet). For a disc, settled
// by distances where they can be — a vertex of p well inside the disc, or every edge of p well
// outside it — and by cutting edges only in between.
bool interiors_meet(const Buffer& b, const Poly& p);

class ServiceArea {
public:
    // Builds S from the buffers (kept by pointer: they must outlive this).
    void build(std::vector<const Buffer*> buffers);

    bool empty() const { return boundary_.empty(); }
    const Box& box() const { return box_; }
    // ∂S: pieces of the buffers' edges inside no other buffer, interior on the left.
    const std::vector<Seg>& boundary() const { return boundary_; }
    const std::vector<const Buffer*>& buffers() const { return buffers_; }

    // The split_locate candidate interface.
    template <class F>
    void edges_in(const Box& b, F&& f) const {
        boundary_grid_.query(b, [&](std::uint32_t i) { f(boundary_[i]); });
    }
    Loc locate_piece(const Seg& s) const;
    // Whether any piece of ∂S has its box meeting b.
    bool boundary_near(const Box& b) const {
        return boundary_grid_.query_until(b, [](std::uint32_t) { return true; });
    }

    // The same test (∂S is near where a piece's box is).
    bool edge_boxes_near(const Box& b) const { return boundary_near(b); }

    // Where p lies against S: strictly inside some buffer, outside all, or on a buffer's boundary
    // (within kTol) and inside none.
    Poly::PointLoc locate(const Pt& p) const;

private:
    // Calls f(buffer index) for the buffers whose box meets b until f returns true.
    template <class F>
    bool buffers_near(const Box& b, F&& f) const;

    std::vector<const Buffer*> buffers_;
    BoxGrid buffer_grid_;
    std::vector<Seg> boundary_;
    BoxGrid boundary_grid_;
    Box box_;
};

// ∂(∪ buffers) (what ServiceArea::build computes), with `grid` built over the buffers' boxes.
std::vector<Seg> union_of_buffers(const std::vector<const Buffer*>& buffers, const BoxGrid& grid);

}  // namespace pc::planar
