#pragma once
// The edges of many polygons in one uniform grid: which edges, of which polygon, lie near a box.
// Cutting an edge against its neighbours then looks only at the few edges that can touch it, not at
// every edge of every polygon whose box happens to meet it.
#include <cstdint>
#include <vector>

#include "planar.h"

namespace pc::planar {

class EdgeIndex {
public:
    // `polys` are kept by pointer: they must outlive the index. `skip` (optional): polygons left out.
    void build(const std::vector<const Poly*>& polys, const std::vector<char>* skip = nullptr);
    // f(owner, edge) for every edge whose box meets b, once each.
    template <class F>
    void query(const Box& b, F&& f) const {
        if (items_.empty() || !all_.meets(b)) return;
        const int x0 = col(b.x0), x1 = col(b.x1), y0 = row(b.y0), y1 = row(b.y1);
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) {
                const std::size_t c = std::size_t(y) * std::size_t(nx_) + std::size_t(x);
                for (std::uint32_t i = start_[c]; i < start_[c + 1]; ++i) {
                    const Item& it = items_[i];
                    if (std::max(int(it.fx), x0) != x || std::max(int(it.fy), y0) != y) continue;
                    const Seg& s = it.seg;
                    if (std::max(s.a.x, s.b.x) < b.x0 || std::min(s.a.x, s.b.x) > b.x1 || std::max(s.a.y, s.b.y) < b.y0 ||
                        std::min(s.a.y, s.b.y) > b.y1)
                        continue;
                    f(it.owner, s);
                }
            }
    }

private:
    struct Item {
        Seg seg;  // a copy: a query reads items in order, without a jump to each polygon's edges
        std::uint32_t owner;
        std::uint16_t fx, fy;  // the edge's first cell: where a query reports it
    };
    int col(double x) const { return clamped_cell(x, all_.x0, inv_, nx_); }
    int row(double y) const { return clamped_cell(y, all_.y0, inv_, ny_); }
    Box all_;
    int nx_ = 1, ny_ = 1;
    double inv_ = 0;
    std::vector<std::uint32_t> start_;
    std::vector<Item> items_;
};

// A polygon's edges near one segment, as a split_locate candidate (planar.h): cutting needs only
// those; locating falls back on the whole polygon.
struct NearEdges {
    const Poly* poly = nullptr;
    std::uint32_t owner = 0;
    std::vector<Seg> edges;

    const Box& box() const { return poly->box(); }
    template <class F>
    void edges_in(const Box&, F&& f) const {
        for (const Seg& s : edges) f(s);
    }
    Loc locate_piece(const Seg& s) const { return poly->locate_piece(s); }
};

// Gathers, per owner, the edges of `index` near `s` (owners in `exclude_owner` left out), into
// `near[0 .. count)` (reused between calls); returns count.
std::size_t gather_near(const EdgeIndex& index, const std::vector<const Poly*>& polys, const Seg& s,
                        std::uint32_t exclude_owner, std::vector<NearEdges>& near);

extern template void split_locate<NearEdges>(const Seg&, std::span<const NearEdges* const>, Split&, const std::uint8_t*);

}  // namespace pc::planar
