#pragma once
// The edges of many polygons in one uniform grid: which edges, of which polygon, lie near a box.
// Cutting an edge against its neighbours then looks only at the few edges that can touch it, not at
// every edge of every polygon whose box happens to meet it.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "planar.h"
#include "validity.h"

namespace pc::planar {

class EdgeIndex {
public:
    // `polys` are kept by pointer: they must outlive the index. `skip` (optional): polygons left out.
    void build(const std::vector<const Poly*>& polys, const std::vector<char>* skip = nullptr);
    // The cells a box spans (none when it misses the index).
    struct Cells {
        int x0 = 0, x1 = -1, y0 = 0, y1 = -1;
        bool empty() const { return x1 < x0; }
    };
    Cells cells_of(const Box& b) const {
        if (size_ == 0 || !all_.meets(b)) return {};
        return {col(b.x0), col(b.x1), row(b.y0), row(b.y1)};
    }
    // The items in those cells: room enough for collect.
    std::size_t items_in(const Cells& c) const {
        if (c.y1 - c.y0 <= 1) {
            // One or two rows (or none), without a loop: its exit after one or two rounds mispredicted.
            const std::size_t two = c.y1 > c.y0;
            const std::size_t r0 = std::size_t(c.y0) * std::size_t(nx_), r1 = r0 + two * std::size_t(nx_);
            const std::size_t x0 = std::size_t(c.x0), x1 = std::size_t(c.x1) + 1;  // (none: x1 = x0 = 0)
            return start_[r0 + x1] - start_[r0 + x0] + ((start_[r1 + x1] - start_[r1 + x0]) & (0 - two));
        }
        std::size_t n = 0;
        for (int y = c.y0; y <= c.y1; ++y) {
            const std::size_t row0 = std::size_t(y) * std::size_t(nx_);
            n += start_[row0 + std::size_t(c.x1) + 1] - start_[row0 + std::size_t(c.x0)];  // a row's cells follow each other
        }
        return n;
    }
    struct Item {
        // The edge's box: a query reads items in order and goes to an edge only when its box is near.
        double x0, y0, x1, y1;
        const Seg* edge;        // in its polygon
        std::uint32_t owner;
        std::uint32_t first;  // the edge's first cell, y << 16 | x: where a query reports it
    };
    struct Counts {
        std::size_t other = 0, own = 0;
    };
    // The items whose box meets b, once each, in the order of the cells (row by row) and, within a
    // cell, of the owners and their edges, gathered without a branch per item (whether an item is
    // near, and whose, is hard to predict: about one misprediction an item when tested one by one):
    // those of owners other than `exclude` to out[0, other); with `own`, those of `exclude` after
    // `own_after` in its edges from out[room - 1] downwards. `cells` = cells_of(b); `room` at least items_in(cells).
    Counts collect(const Box& b, const Cells& cells, std::uint32_t exclude, const Item** out, std::size_t room,
                   bool own, const Seg* own_after) const;

private:
    template <bool kOwn>
    Counts collect_cells(const Box& b, const Cells& cells, std::uint32_t exclude, const Item** out, std::size_t room,
                         const Seg* own_after) const;
    // Raw storage: every item is written once by build (no zeroing first).
    struct Free {
        void operator()(Item* p) const { std::allocator<Item>().deallocate(p, n); }
        std::size_t n;
    };
    int col(double x) const { return clamped_cell(x, all_.x0, inv_, nx_); }
    int row(double y) const { return clamped_cell(y, all_.y0, inv_, ny_); }
    Box all_;
    int nx_ = 1, ny_ = 1;
    double inv_ = 0;
    std::vector<std::uint32_t> start_;
    std::unique_ptr<Item[], Free> items_;
    std::size_t size_ = 0;
};

// A polygon's edges near one segment, as a split_locate candidate (planar.h): cutting needs only
// those; locating falls back on the whole polygon.
struct NearEdges {
    const Poly* poly = nullptr;
    std::uint32_t owner = 0;
    const Seg* const* edges = nullptr;  // into the polygons' edges (NearGather keeps the pointers)
    std::uint32_t count = 0;

    const Box& box() const { return poly->box(); }
    template <class F>
    void edges_in(const Box&, F&& f) const {
        for (std::uint32_t k = 0; k < count; ++k) f(*edges[k]);
    }
    Loc locate_piece(const Seg& s) const { return poly->locate_piece(s); }
};

// Whether a polygon's edge `self` meets another of its own edges that does not follow or precede it
// on its ring (within 1e-9 m: validity.h), shown its own edges near it one by one.
struct SelfContact {
    const Seg* self = nullptr;
    const Seg* edges = nullptr;  // the polygon's edges (self is one of them)
    const std::vector<RingSpan>* rings = nullptr;
    bool found = false;
    void operator()(const Seg& f) {
        // Each pair once, from its first edge; the next edge on the ring shares a vertex with self.
        // (A query skips those already: EdgeIndex::collect's own_after.)
        if (&f <= self + 1 || found) return;
        if (consecutive_edges(std::uint32_t(self - edges), std::uint32_t(&f - edges), *rings)) return;
        found = edges_meet(*self, f);
    }
};

// The edges of an index near one segment, per owner (in the order the owners first come up), with
// buffers reused from one segment to the next.
class NearGather {
public:
    // Gathers the edges of `index` whose box meets `near` (a segment's box, grown by kTol), leaving
    // out owner `exclude` (whose own such edges go to `own`, when given); returns the owners' count.
    std::size_t gather(const EdgeIndex& index, const std::vector<const Poly*>& polys, const Box& near,
                       std::uint32_t exclude, SelfContact* own = nullptr);
    const NearEdges& operator[](std::size_t k) const { return near_[k]; }
    // The owners of the last gather, as split_locate's candidates.
    std::span<const NearEdges* const> cands();

private:
    std::vector<const EdgeIndex::Item*> raw_;  // what the index reports, before grouping
    std::vector<const Seg*> hits_, grouped_;
    std::vector<std::uint32_t> slot_;  // per hit: its owner's place in near_
    std::vector<NearEdges> near_;
    std::size_t count_ = 0;
    std::vector<const NearEdges*> cands_;
};

extern template void split_locate<NearEdges>(const Seg&, std::span<const NearEdges* const>, Split&, const std::uint8_t*);

}  // namespace pc::planar
