#include "edge_index.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace pc::planar {

void EdgeIndex::build(const std::vector<const Poly*>& polys, const std::vector<char>* skip) {
    items_.reset();
    size_ = 0;
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
    // Each edge's cell range, counted, then filled from the same ranges. One array does both: cell
    // c's count goes to start_[c + 2], the running sum turns start_[c + 1] into c's first slot, and
    // filling moves it on to c's end, which is where c + 1 starts.
    struct Range {
        std::uint16_t x0, x1, y0, y1;
    };
    std::vector<Range> ranges(n);
    start_.assign(ncell + 2, 0);
    // Locals: the counts' stores could otherwise be the index's members to the compiler. An edge's
    // coordinates are within all_, so a cell is never below 0: only the far side is clamped (as col()
    // and row() do).
    const double ox = all_.x0, oy = all_.y0, inv = inv_;
    const int last_x = nx_ - 1, last_y = ny_ - 1;
    auto cx = [&](double v) {
        const int k = int((v - ox) * inv);
        return std::uint16_t(k > last_x ? last_x : k);
    };
    auto cy = [&](double v) {
        const int k = int((v - oy) * inv);
        return std::uint16_t(k > last_y ? last_y : k);
    };
    const std::size_t nx = std::size_t(nx_);
    std::uint32_t* count = start_.data() + 2;
    Range* range = ranges.data();
    for (std::size_t i = 0; i < polys.size(); ++i) {
        if (skip && (*skip)[i]) continue;
        for (auto& e : polys[i]->edges()) {
            const Range r{cx(std::min(e.a.x, e.b.x)), cx(std::max(e.a.x, e.b.x)), cy(std::min(e.a.y, e.b.y)),
                          cy(std::max(e.a.y, e.b.y))};
            *range++ = r;
            std::uint32_t* c = count + r.y0 * nx + r.x0;
            const std::size_t dx = r.x1 - r.x0, dy = r.y1 - r.y0;
            if ((dx | dy) <= 1) {
                // Most edges: at most 2 × 2 cells, counted without a loop (a loop's exit after one
                // or two rounds mispredicts). A cell the edge does not reach gets 0.
                const std::size_t right = dx, up = dy * nx;
                c[0] += 1;
                c[right] += std::uint32_t(dx);
                c[up] += std::uint32_t(dy);
                c[right + up] += std::uint32_t(dx & dy);
                continue;
            }
            for (std::size_t y = 0; y <= dy; ++y, c += nx)
                for (std::size_t x = 0; x <= dx; ++x) ++c[x];
        }
    }
    {
        std::uint32_t sum = 0;
        for (std::size_t c = 2; c < ncell + 2; ++c) start_[c] = sum += start_[c];
    }
    size_ = start_[ncell + 1];
    // One item more than the cells hold: where the cells an edge does not reach are written to.
    items_ = std::unique_ptr<Item[], Free>(std::allocator<Item>().allocate(size_ + 1), Free{size_ + 1});
    std::uint32_t* next = start_.data() + 1;
    Item* items = items_.get();
    const std::uint32_t spare = std::uint32_t(size_);
    range = ranges.data();
    for (std::size_t i = 0; i < polys.size(); ++i) {
        if (skip && (*skip)[i]) continue;
        for (auto& e : polys[i]->edges()) {
            const Range r = *range++;
            const Item item{std::min(e.a.x, e.b.x), std::min(e.a.y, e.b.y), std::max(e.a.x, e.b.x), std::max(e.a.y, e.b.y),
                            &e, std::uint32_t(i), std::uint32_t(r.y0) << 16 | r.x0};
            std::uint32_t* c = next + r.y0 * nx + r.x0;
            const std::size_t dx = r.x1 - r.x0, dy = r.y1 - r.y0;
            if ((dx | dy) <= 1) {
                // As counted: the four cells in order, each written to, those the edge does not
                // reach at the spare item. (The slot is chosen by a mask: a choice of address, or a
                // load under a condition, becomes a branch.)
                const std::size_t right = dx, up = dy * nx;
                const std::uint32_t sx = std::uint32_t(dx), sy = std::uint32_t(dy), sxy = sx & sy;
                auto slot = [&](std::uint32_t at, std::uint32_t reached) { return spare ^ ((at ^ spare) & (0u - reached)); };
                new (&items[c[0]++]) Item(item);
                new (&items[slot(c[right], sx)]) Item(item);
                c[right] += sx;
                new (&items[slot(c[up], sy)]) Item(item);
                c[up] += sy;
                new (&items[slot(c[right + up], sxy)]) Item(item);
                c[right + up] += sxy;
                continue;
            }
            for (std::size_t y = 0; y <= dy; ++y, c += nx)
                for (std::size_t x = 0; x <= dx; ++x) new (&items[c[x]++]) Item(item);
        }
    }
    start_.pop_back();
}

namespace {

// Two doubles in one vector (x and y): two comparisons in one instruction.
typedef double Pair __attribute__((vector_size(16)));
// Whether a <= b and c <= d in both lanes.
inline int both_le(Pair a, Pair b, Pair c, Pair d) {
#if defined(__SSE2__)
    return int(__builtin_ia32_movmskpd(__builtin_ia32_andpd(__builtin_ia32_cmplepd(a, b), __builtin_ia32_cmplepd(c, d))) == 3);
#else
    return int(a[0] <= b[0]) & int(a[1] <= b[1]) & int(c[0] <= d[0]) & int(c[1] <= d[1]);
#endif
}

}  // namespace

template <bool kOwn>
EdgeIndex::Counts EdgeIndex::collect_cells(const Box& b, const Cells& cells, std::uint32_t exclude, const Item** out,
                                           std::size_t room, const Seg* own_after) const {
    const double bx0 = b.x0, by0 = b.y0, bx1 = b.x1, by1 = b.y1;
    const std::uint32_t* start = start_.data();
    const Item* items = items_.get();
    const std::size_t nx = std::size_t(nx_);
    // std::less's total order of pointers, nullptr (own_after's "none") first.
    const std::uintptr_t after = reinterpret_cast<std::uintptr_t>(own_after);
    const Item** other = out;
    const Item** own = out + room - 1;  // filled downwards
    std::size_t no = 0, nn = 0;
    const Pair qlo = {bx0, by0}, qhi = {bx1, by1};
    // `report`: whether this is the first cell of the box the item is in (0 or 1).
    auto take = [&](const Item* it, int report) __attribute__((always_inline)) {
        // The box test, x and y side by side: it->x1 >= bx0, it->y1 >= by0, it->x0 <= bx1, it->y0 <= by1.
        Pair lo, hi;
        std::memcpy(&lo, &it->x0, sizeof lo);
        std::memcpy(&hi, &it->x1, sizeof hi);
        const int near = report & both_le(qlo, hi, lo, qhi);
        const int mine = int(it->owner == exclude);
        // One store, always, to where the item would go; kept by moving on.
        other[no] = it;
        no += std::size_t(near & (mine ^ 1));
        if constexpr (kOwn) {
            // Stored on both sides (a choice of address, however written, becomes a branch).
            own[-std::ptrdiff_t(nn)] = it;
            nn += std::size_t(near & mine & int(reinterpret_cast<std::uintptr_t>(it->edge) > after));
        }
    };
    const std::uint32_t x0 = std::uint32_t(cells.x0);
    // An item is reported from the first cell of the box it is in. Most queries span one or two
    // columns: a row's two cells in one loop (they follow each other in items, and each cell's loop
    // would end in a misprediction). An item in the second column that starts in the first was
    // reported there (one column: `second` is the row's end); in a later row of the query, one that
    // starts in an earlier row (its first cell, y << 16 | x, below y << 16).
    auto narrow_row = [&](int y, auto later) __attribute__((always_inline)) {
        const std::size_t row = std::size_t(y) * nx;
        const Item* second = items + start[row + x0 + 1];
        const std::uint32_t from = std::uint32_t(y) << 16;
        for (const Item *it = items + start[row + x0], *end = items + start[row + std::size_t(cells.x1) + 1]; it != end; ++it) {
            int report = int(it < second) | int((it->first & 0xffffu) > x0);
            if constexpr (decltype(later)::value) report &= int(it->first >= from);
            take(it, report);
        }
    };
    if (cells.x1 - cells.x0 <= 1) {
        narrow_row(cells.y0, std::false_type{});
        for (int y = cells.y0 + 1; y <= cells.y1; ++y) narrow_row(y, std::true_type{});
        return {no, nn};
    }
    // Wider: cell by cell, an item's first cell tested in the query's later columns and rows.
    for (int y = cells.y0; y <= cells.y1; ++y)
        for (int x = cells.x0; x <= cells.x1; ++x) {
            const std::uint32_t mask = (x > cells.x0 ? 0xffffu : 0u) | (y > cells.y0 ? 0xffff0000u : 0u);
            const std::uint32_t key = (std::uint32_t(y) << 16 | std::uint32_t(x)) & mask;
            const std::size_t c = std::size_t(y) * nx + std::size_t(x);
            for (const Item *it = items + start[c], *end = items + start[c + 1]; it != end; ++it)
                take(it, int((it->first & mask) == key));
        }
    return {no, nn};
}

EdgeIndex::Counts EdgeIndex::collect(const Box& b, const Cells& cells, std::uint32_t exclude, const Item** out,
                                     std::size_t room, bool own, const Seg* own_after) const {
    if (cells.empty() || room == 0) return {};  // no item in those cells (and `out` may be null)
    return own ? collect_cells<true>(b, cells, exclude, out, room, own_after)
               : collect_cells<false>(b, cells, exclude, out, room, nullptr);
}

std::size_t NearGather::gather(const EdgeIndex& index, const std::vector<const Poly*>& polys, const Box& near,
                               std::uint32_t exclude, SelfContact* own) {
    const EdgeIndex::Cells cells = index.cells_of(near);
    const std::size_t room = index.items_in(cells);
    if (raw_.size() < room) raw_.resize(std::max(room, 2 * raw_.size()));
    const EdgeIndex::Counts got =
        index.collect(near, cells, exclude, raw_.data(), room, own != nullptr, own ? own->self + 1 : nullptr);
    const EdgeIndex::Item* const* raw = raw_.data();
    for (std::size_t h = 0; h < got.own; ++h) (*own)(*raw[room - 1 - h]->edge);
    const std::size_t nh = got.other;
    if (hits_.size() < nh) {
        hits_.resize(std::max(nh, 2 * hits_.size()));
        slot_.resize(hits_.size());
    }
    // Locals (the buffers grow, never shrink, and are written by index): the stores below could
    // otherwise be the vectors' own members to the compiler.
    const Seg** hits = hits_.data();
    // The hits' edges, and whether they all have one owner (most edges: only the neighbour across
    // has edges near them): all bits the same in every owner. No test per hit: whether the owner
    // changes from one hit to the next mispredicted often.
    std::uint32_t any = 0, all = ~0u;
    for (std::size_t h = 0; h < nh; ++h) {
        hits[h] = raw[h]->edge;
        any |= raw[h]->owner;
        all &= raw[h]->owner;
    }
    if (near_.empty()) near_.emplace_back();
    NearEdges* nears = near_.data();
    if (any == all) {  // (no hits: any 0, all ~0, and the loop below finds no owner)
        nears[0] = {polys[any], any, hits, std::uint32_t(nh)};
        return count_ = 1;
    }
    // More owners (or none): each owner's slot, in the order they first come up.
    std::size_t count = 0, k = 0;  // k: the last owner's slot (a cell holds each polygon's edges together)
    std::uint32_t last = ~0u;      // its owner (none yet: no polygon has that index)
    std::uint32_t* slot = slot_.data();  // per hit: its owner's place in near_
    for (std::size_t h = 0; h < nh; ++h) {
        const std::uint32_t owner = raw[h]->owner;
        if (owner != last) {
            k = 0;
            while (k < count && nears[k].owner != owner) ++k;
            if (k == count) {
                if (near_.size() <= count) {
                    near_.emplace_back();
                    nears = near_.data();
                }
                nears[count] = {polys[owner], owner, nullptr, 0};
                ++count;
            }
            last = owner;
        }
        ++nears[k].count;
        slot[h] = std::uint32_t(k);
    }
    count_ = count;
    if (count > 0) {
        // Each owner's edges together, in the order they came.
        if (grouped_.size() < nh) grouped_.resize(hits_.size());
        const Seg** grouped = grouped_.data();
        std::uint32_t at = 0;
        for (std::size_t c = 0; c < count; ++c) {
            nears[c].edges = grouped + at;
            at += nears[c].count;
            nears[c].count = 0;
        }
        for (std::size_t h = 0; h < nh; ++h) {
            NearEdges& ne = nears[slot[h]];
            grouped[std::size_t(ne.edges - grouped) + ne.count++] = hits[h];
        }
    }
    return count;
}

std::span<const NearEdges* const> NearGather::cands() {
    cands_.clear();
    for (std::size_t c = 0; c < count_; ++c) cands_.push_back(&near_[c]);
    return cands_;
}

template void split_locate<NearEdges>(const Seg&, std::span<const NearEdges* const>, Split&, const std::uint8_t*);

}  // namespace pc::planar
