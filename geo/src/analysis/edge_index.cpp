#include "edge_index.h"

#include <algorithm>
#include <cmath>

namespace pc::planar {

void EdgeIndex::build(const std::vector<const Poly*>& polys, const std::vector<char>* skip) {
    items_.clear();
    all_ = Box{};
    std::size_t n = 0;
    double len = 0;
    for (std::size_t i = 0; i < polys.size(); ++i) {
        if (skip && (*skip)[i]) continue;
        all_.add(polys[i]->box());
        n += polys[i]->edges().size();
        for (auto& e : polys[i]->edges()) len += std::abs(e.b.x - e.a.x) + std::abs(e.b.y - e.a.y);
    }
    if (n == 0 || all_.empty()) return;
    // Cells about two average edges wide: an edge spans one or two cells, a cell holds a few edges.
    const double w = std::max(all_.x1 - all_.x0, 1e-9), h = std::max(all_.y1 - all_.y0, 1e-9);
    double cell = std::max(1.0 * len / double(n), 1e-6);
    // At most ~4 cells per edge overall, whatever the edge lengths.
    cell = std::max(cell, std::sqrt(w * h / (4.0 * double(n))));
    nx_ = int(std::clamp(w / cell + 1, 1.0, 65535.0));
    ny_ = int(std::clamp(h / cell + 1, 1.0, 65535.0));
    inv_ = 1.0 / std::max(w / nx_, h / ny_);
    const std::size_t ncell = std::size_t(nx_) * std::size_t(ny_);
    // Each edge's cell range, counted, then filled from the same ranges.
    struct Range {
        std::uint16_t x0, x1, y0, y1;
    };
    std::vector<Range> ranges;
    ranges.reserve(n);
    std::vector<std::uint32_t> count(ncell + 1, 0);
    for (std::size_t i = 0; i < polys.size(); ++i) {
        if (skip && (*skip)[i]) continue;
        for (auto& e : polys[i]->edges()) {
            const Range r{std::uint16_t(col(std::min(e.a.x, e.b.x))), std::uint16_t(col(std::max(e.a.x, e.b.x))),
                          std::uint16_t(row(std::min(e.a.y, e.b.y))), std::uint16_t(row(std::max(e.a.y, e.b.y)))};
            ranges.push_back(r);
            for (int y = r.y0; y <= r.y1; ++y)
                for (int x = r.x0; x <= r.x1; ++x) ++count[std::size_t(y) * nx_ + x + 1];
        }
    }
    start_.assign(ncell + 1, 0);
    for (std::size_t c = 0; c < ncell; ++c) start_[c + 1] = start_[c] + count[c + 1];
    items_.resize(start_[ncell]);
    std::vector<std::uint32_t>& fill = count;  // reused: each cell's next free slot
    std::copy(start_.begin(), start_.end() - 1, fill.begin());
    std::size_t k = 0;
    for (std::size_t i = 0; i < polys.size(); ++i) {
        if (skip && (*skip)[i]) continue;
        for (auto& e : polys[i]->edges()) {
            const Range r = ranges[k++];
            for (int y = r.y0; y <= r.y1; ++y)
                for (int x = r.x0; x <= r.x1; ++x) items_[fill[std::size_t(y) * nx_ + x]++] = {e, std::uint32_t(i), r.x0, r.y0};
        }
    }
}

std::size_t gather_near(const EdgeIndex& index, const std::vector<const Poly*>& polys, const Seg& s,
                        std::uint32_t exclude_owner, std::vector<NearEdges>& near) {
    std::size_t count = 0, k = 0;  // k: the last owner's slot (a cell holds each polygon's edges together)
    index.query(Box::of(s.a, s.b).grown(kTol), [&](std::uint32_t owner, const Seg& e) {
        if (owner == exclude_owner) return;
        if (k >= count || near[k].owner != owner) {
            k = 0;
            while (k < count && near[k].owner != owner) ++k;
        }
        if (k == count) {
            if (near.size() <= count) near.emplace_back();
            near[count].owner = owner;
            near[count].poly = polys[owner];
            near[count].edges.clear();
            ++count;
        }
        near[k].edges.push_back(e);
    });
    return count;
}

template void split_locate<NearEdges>(const Seg&, std::span<const NearEdges* const>, Split&, const std::uint8_t*);

}  // namespace pc::planar
