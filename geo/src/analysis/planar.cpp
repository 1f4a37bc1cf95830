#include "planar.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "start_index.h"

namespace pc::planar {

namespace {

double cross(double ax, double ay, double bx, double by) { return ax * by - ay * bx; }

bool less_pt(const Pt& a, const Pt& b) { return a.x < b.x || (a.x == b.x && a.y < b.y); }

double ring_area2(const std::vector<Pt>& r) {
    double s = 0;
    for (std::size_t i = 0; i + 1 < r.size(); ++i) s += cross_term(r[i], r[i + 1]);
    return s;
}

}  // namespace

// --- Poly ------------------------------------------------------------------------------------------

void Poly::add_ring(std::vector<Pt> ring, bool hole) {
    if (ring.size() < 3) return;
    if (!(ring.front() == ring.back())) ring.push_back(ring.front());
    double a2 = ring_area2(ring);
    if (a2 == 0) return;
    if ((a2 < 0) != hole) std::reverse(ring.begin(), ring.end());
    const std::size_t need = edges_.size() + ring.size() - 1;
    if (edges_.capacity() < need) edges_.reserve(std::max(need, 2 * edges_.capacity()));  // many rings: still doubling
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        if (ring[i] == ring[i + 1]) continue;
        edges_.push_back({ring[i], ring[i + 1]});
        box_.add(ring[i]);
    }
}

void Poly::add_edges(std::span<const Seg> edges) {
    for (auto& e : edges) {
        if (e.a == e.b) continue;
        edges_.push_back(e);
        box_.add(e.a);
        box_.add(e.b);
    }
}

void Poly::assign_edges(std::vector<Seg>&& edges) {
    edges_ = std::move(edges);
    box_ = Box{};
    // Closed loops: every edge's end is another's start.
    for (auto& e : edges_) box_.add(e.a);
}

void Poly::finish(bool cells) {
    // y-bins: about two edges a bin, so that a point location scans few edges.
    nbins_ = int(std::clamp<std::size_t>(edges_.size() / 2, 1, std::size_t(1) << 18));
    double h = box_.empty() ? 0 : box_.y1 - box_.y0;
    inv_h_ = h > 0 ? nbins_ / h : 0;
    // Each edge's bins, counted, then filled from the same ranges. One array does both: bin k's count
    // goes to start_[k + 2], the running sum turns start_[k + 1] into k's first slot, and filling
    // moves it on to k's end, which is where k + 1 starts (start_ keeps nbins + 1 entries).
    struct Bins {
        int k0, k1;
    };
    const std::size_t n = edges_.size();
    const auto bins = std::make_unique_for_overwrite<Bins[]>(n);
    // One slot more at the end: the counts are taken as differences first (+1 at an edge's first
    // bin, -1 after its last), so that no edge loops over its bins to count them.
    start_.assign(std::size_t(nbins_) + 3, 0);
    // Locals: the counts' stores could otherwise be members to the compiler. An edge lies within the
    // box, so its bins are never below 0: only the top is clamped (as bin() does).
    const double y0 = box_.y0, inv = inv_h_;
    const int top = nbins_ - 1;
    auto bin_of = [&](double y) {
        const int k = int((y - y0) * inv);
        return k > top ? top : k;
    };
    std::uint32_t* count = start_.data() + 2;
    const Seg* edges = edges_.data();
    for (std::size_t e = 0; e < n; ++e) {
        const Seg& s = edges[e];
        const int k0 = bin_of(std::min(s.a.y, s.b.y)), k1 = bin_of(std::max(s.a.y, s.b.y));
        bins[e] = {k0, k1};
        ++count[k0];
        --count[k1 + 1];  // unsigned: wraps, and the running sum below wraps back
    }
    {
        std::uint32_t run = 0, sum = 0;
        for (int k = 0; k < nbins_; ++k) {
            run += count[k];       // bin k's count
            count[k] = sum += run;  // start_[k + 2]: the running sum of the counts
        }
    }
    // One slot more in the items: where an edge of fewer bins writes its unused entries. An edge
    // spans one to three bins mostly: those are filled without a branch (a loop of one to three
    // rounds mispredicts about once an edge), longer ones loop over the rest. (An edge in the top
    // bin adds nothing to the two slots past it, the difference slot among them.)
    const std::uint32_t spare = start_[std::size_t(nbins_) + 1];
    items_.resize(std::size_t(spare) + 1);
    std::uint32_t* next = start_.data() + 1;
    std::uint32_t* items = items_.data();
    for (std::size_t e = 0; e < n; ++e) {
        const int k0 = bins[e].k0, k1 = bins[e].k1;
        // Each bin's entries stay in edge order: every entry of edge e is written before e + 1's.
        items[next[k0]++] = std::uint32_t(e);
        // The slot chosen by a mask: written as a conditional, the compiler makes it a branch.
        const std::uint32_t second = 0u - std::uint32_t(k1 > k0), third = 0u - std::uint32_t(k1 > k0 + 1);
        items[spare ^ ((next[k0 + 1] ^ spare) & second)] = std::uint32_t(e);
        next[k0 + 1] += second & 1u;
        items[spare ^ ((next[k0 + 2] ^ spare) & third)] = std::uint32_t(e);
        next[k0 + 2] += third & 1u;
        for (int k = k0 + 3; k <= k1; ++k) items[next[k]++] = std::uint32_t(e);
    }
    items_.pop_back();
    start_.resize(std::size_t(nbins_) + 1);
    cells_wanted_ = cells;
    cells_.reset();
}

const EdgeCells& LazyEdgeCells::install(EdgeCells* built) const {
    std::unique_ptr<EdgeCells> mine(built);
    EdgeCells* expected = nullptr;
    if (p_.compare_exchange_strong(expected, mine.get(), std::memory_order_acq_rel)) return *mine.release();
    return *expected;  // another thread's, installed first (the same cells)
}

EdgeCells* Poly::build_cells() const {
    // About two edges a cell, shaped like the box.
    auto g = std::make_unique<EdgeCells>();
    g->box = box_;
    const double w = box_.empty() ? 0 : box_.x1 - box_.x0, h = box_.empty() ? 0 : box_.y1 - box_.y0;
    const double ncells = std::max(1.0, double(edges_.size()) / 2);
    if (w > 0 && h > 0) {
        g->gx = int(std::clamp(std::sqrt(ncells * w / h), 1.0, 65535.0));
        g->gy = int(std::clamp(ncells / g->gx, 1.0, 65535.0));
    } else {
        g->gx = w > 0 ? int(std::clamp(ncells, 1.0, 65535.0)) : 1;
        g->gy = h > 0 ? int(std::clamp(ncells, 1.0, 65535.0)) : 1;
    }
    g->inv_x = w > 0 ? g->gx / w : 0;
    g->inv_y = h > 0 ? g->gy / h : 0;
    const std::size_t ncell = std::size_t(g->gx) * std::size_t(g->gy);
    const std::size_t n = edges_.size();
    std::vector<std::uint32_t> count(ncell + 1, 0);
    g->first.resize(n);
    // Each edge's last cell, kept from the counting pass for the filling one (most edges lie in one cell).
    std::vector<EdgeCells::First> last(n);
    const std::size_t gx = std::size_t(g->gx);
    for (std::size_t e = 0; e < n; ++e) {
        const Seg& s = edges_[e];
        const bool ax = s.a.x <= s.b.x, ay = s.a.y <= s.b.y;
        const int x0 = g->col(ax ? s.a.x : s.b.x), x1 = g->col(ax ? s.b.x : s.a.x);
        const int y0 = g->row(ay ? s.a.y : s.b.y), y1 = g->row(ay ? s.b.y : s.a.y);
        g->first[e] = {std::uint16_t(x0), std::uint16_t(y0)};
        last[e] = {std::uint16_t(x1), std::uint16_t(y1)};
        if (x0 == x1 && y0 == y1) {
            ++count[std::size_t(y0) * gx + std::size_t(x0) + 1];
            continue;
        }
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) ++count[std::size_t(y) * gx + std::size_t(x) + 1];
    }
    g->start.resize(ncell + 1);
    g->start[0] = 0;
    for (std::size_t c = 0; c < ncell; ++c) g->start[c + 1] = g->start[c] + count[c + 1];
    g->items.resize(g->start[ncell]);
    std::vector<std::uint32_t>& fill = count;  // reused: each cell's next free slot
    std::copy(g->start.begin(), g->start.end() - 1, fill.begin());
    std::uint32_t* items = g->items.data();
    for (std::size_t e = 0; e < n; ++e) {
        const EdgeCells::First f = g->first[e], l = last[e];
        if (f.x == l.x && f.y == l.y) {
            items[fill[std::size_t(f.y) * gx + f.x]++] = std::uint32_t(e);
            continue;
        }
        for (int y = f.y; y <= l.y; ++y)
            for (int x = f.x; x <= l.x; ++x) items[fill[std::size_t(y) * gx + std::size_t(x)]++] = std::uint32_t(e);
    }
    return g.release();
}

double Poly::area2() const {
    double s = 0;
    for (auto& e : edges_) s += cross_term(e.a, e.b);
    return s;
}

Poly::PointLoc Poly::locate(const Pt& p) const {
    if (edges_.empty() || p.x < box_.x0 - kTol || p.x > box_.x1 + kTol || p.y < box_.y0 - kTol || p.y > box_.y1 + kTol)
        return PointLoc::Out;
    bool in = false;
    auto test = [&](const Seg& e) {
        const RayStep r = ray_step(e, p);
        in ^= r.crosses;
        return r.on;
    };
    if (start_.empty()) {  // no index (a small polygon: a buffer's 32 edges): every edge
        for (const Seg& e : edges_)
            if (test(e)) return PointLoc::On;
    } else {
        int k = bin(p.y);
        for (std::uint32_t i = start_[k]; i < start_[k + 1]; ++i)
            if (test(edges_[items_[i]])) return PointLoc::On;
    }
    return in ? PointLoc::In : PointLoc::Out;
}

Loc Poly::locate_piece(const Seg& s) const {
    return locate_piece_by(s, [this](const Pt& p) { return locate(p); });
}

// --- splitting -----------------------------------------------------------------------------------

Pt crossing_point(Seg s, Seg f) {
    if (less_pt(s.b, s.a)) std::swap(s.a, s.b);
    if (less_pt(f.b, f.a)) std::swap(f.a, f.b);
    if (less_pt(f.a, s.a) || (f.a == s.a && less_pt(f.b, s.b))) std::swap(s, f);
    double rx = s.b.x - s.a.x, ry = s.b.y - s.a.y, qx = f.b.x - f.a.x, qy = f.b.y - f.a.y;
    double den = cross(rx, ry, qx, qy);
    double u = cross(f.a.x - s.a.x, f.a.y - s.a.y, qx, qy) / den;
    return {s.a.x + u * rx, s.a.y + u * ry};
}

const std::uint8_t* ChainHints::hints(const Seg& s, const std::vector<std::uint32_t>& ids) {
    hints_.assign(ids.size(), kUnknown);
    if (!have_prev_ || !(prev_end_ == s.a)) return hints_.data();
    for (std::size_t c = 0; c < ids.size(); ++c) {
        auto it = std::lower_bound(prev_.begin(), prev_.end(), ids[c], [](auto& p, std::uint32_t id) { return p.first < id; });
        hints_[c] = it != prev_.end() && it->first == ids[c] ? it->second : std::uint8_t(Loc::Out);
    }
    return hints_.data();
}

void ChainHints::update(const Seg& s, const std::vector<std::uint32_t>& ids, const Split& split) {
    prev_.clear();
    const std::size_t nc = ids.size();
    for (std::size_t c = 0; c < nc; ++c) {
        std::uint8_t v = split.contact[c] || split.pieces.empty() ? kUnknown
                                                                  : std::uint8_t(split.locs[(split.pieces.size() - 1) * nc + c]);
        prev_.push_back({ids[c], v});
    }
    std::sort(prev_.begin(), prev_.end());
    prev_end_ = s.b;
    have_prev_ = true;
}

template void split_locate<Poly>(const Seg&, std::span<const Poly* const>, Split&, const std::uint8_t*);

bool interiors_meet(const Poly& a, const Poly& b) {
    if (a.empty() || b.empty() || !a.box().meets(b.box())) return false;
    Split split;
    const Poly* cand = &b;
    for (auto& e : a.edges()) {
        if (!Box::of(e.a, e.b).grown(kTol).meets(b.box())) continue;
        split_locate<Poly>(e, std::span<const Poly* const>(&cand, 1), split);
        for (auto l : split.locs)
            if (l == Loc::In || l == Loc::OnSame) return true;
    }
    // No part of a's boundary lies in b: either b lies inside a, or they only touch (or not at all).
    for (auto& e : b.edges()) {
        Pt m{(e.a.x + e.b.x) / 2, (e.a.y + e.b.y) / 2};
        auto l = a.locate(m);
        if (l == Poly::PointLoc::On) continue;
        return l == Poly::PointLoc::In;
    }
    return false;
}

// --- BoxGrid -------------------------------------------------------------------------------------

void BoxGrid::build(const std::vector<Box>& boxes, double cell_hint) {
    boxes_ = boxes;
    all_ = Box{};
    double wsum = 0;
    std::size_t n = 0;
    for (auto& b : boxes_)
        if (!b.empty()) {
            all_.add(b);
            wsum += std::max(b.x1 - b.x0, b.y1 - b.y0);
            ++n;
        }
    if (n == 0) {
        boxes_.clear();
        return;
    }
    double cell = cell_hint > 0 ? cell_hint : std::max(wsum / double(n), 1e-6);
    double w = all_.x1 - all_.x0, h = all_.y1 - all_.y0;
    nx_ = std::clamp(int(w / cell) + 1, 1, 2048);
    ny_ = std::clamp(int(h / cell) + 1, 1, 2048);
    inv_ = 1.0 / std::max({w / nx_, h / ny_, 1e-9});
    std::vector<std::uint32_t> count(std::size_t(nx_) * ny_ + 1, 0);
    for (auto& b : boxes_) {
        if (b.empty()) continue;
        for (int y = cy(b.y0); y <= cy(b.y1); ++y)
            for (int x = cx(b.x0); x <= cx(b.x1); ++x) ++count[std::size_t(y) * nx_ + x + 1];
    }
    start_.assign(count.size(), 0);
    for (std::size_t c = 0; c + 1 < count.size(); ++c) start_[c + 1] = start_[c] + count[c + 1];
    items_.resize(start_.back());
    std::vector<std::uint32_t> fill(start_.begin(), start_.end() - 1);
    for (std::size_t i = 0; i < boxes_.size(); ++i) {
        auto& b = boxes_[i];
        if (b.empty()) continue;
        const int x0 = cx(b.x0), x1 = cx(b.x1), y0 = cy(b.y0), y1 = cy(b.y1);
        const std::uint32_t first = std::uint32_t(y0) << 16 | std::uint32_t(x0);
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) items_[fill[std::size_t(y) * nx_ + x]++] = {b, std::uint32_t(i), first};
    }
}

// --- unions and loops ----------------------------------------------------------------------------

template void append_union_pieces<Poly>(const Seg&, std::uint32_t, const std::vector<const Poly*>&,
                                        const std::vector<std::uint32_t>&, Split&, ChainHints&, std::vector<Seg>&);

std::vector<Seg> union_boundary(const std::vector<const Poly*>& polys) {
    std::vector<Box> boxes;
    for (auto* p : polys) boxes.push_back(p->box());
    BoxGrid grid;
    grid.build(boxes);
    std::vector<Seg> out;
    Split split;
    std::vector<const Poly*> cands;
    std::vector<std::uint32_t> ids;
    ChainHints chain;
    for (std::uint32_t i = 0; i < polys.size(); ++i) {
        chain.reset();
        for (auto& e : polys[i]->edges()) {
            cands.clear();
            ids.clear();
            grid.query(Box::of(e.a, e.b).grown(kTol), [&](std::uint32_t j) {
                if (j == i) return;
                cands.push_back(polys[j]);
                ids.push_back(j);
            });
            append_union_pieces(e, i, cands, ids, split, chain, out);
        }
    }
    return out;
}

LoopAreas loop_areas(const std::vector<Seg>& pieces) {
    LoopAreas r;
    const std::size_t n = pieces.size();
    const StartIndex starts(pieces);
    std::vector<char> used(n, 0);
    std::vector<std::uint32_t> next;
    for (std::size_t i0 = 0; i0 < n; ++i0) {
        if (used[i0]) continue;
        used[i0] = 1;
        const Pt start = pieces[i0].a;
        std::size_t cur = i0;
        double sum = cross_term(pieces[cur].a, pieces[cur].b);
        for (;;) {
            const Pt end = pieces[cur].b;
            if (end == start) {
                (sum >= 0 ? r.ccw2 : r.cw2) += sum;
                break;
            }
            next.clear();
            // Mostly the next piece in the list (the pieces come ring by ring), when it alone starts there.
            const std::size_t after = cur + 1;
            if (after < n && !used[after] && pieces[after].a == end && !(pieces[after].b == end) && starts.alone(std::uint32_t(after)))
                next.push_back(std::uint32_t(after));
            else
                for (std::uint32_t it = starts.first(end); it != StartIndex::kNone; it = starts.next(it))
                    if (!used[it]) next.push_back(it);
            if (next.empty()) {
                ++r.open_chains;
                break;
            }
            std::size_t pick = next[0];
            if (next.size() > 1) {
                double ix = pieces[cur].b.x - pieces[cur].a.x, iy = pieces[cur].b.y - pieces[cur].a.y;
                double best = 10;
                for (auto c : next) {
                    double ox = pieces[c].b.x - pieces[c].a.x, oy = pieces[c].b.y - pieces[c].a.y;
                    double turn = std::atan2(cross(ix, iy, ox, oy), ix * ox + iy * oy);
                    if (turn < best) {
                        best = turn;
                        pick = c;
                    }
                }
            }
            used[pick] = 1;
            cur = pick;
            sum += cross_term(pieces[cur].a, pieces[cur].b);
        }
    }
    return r;
}

}  // namespace pc::planar
