#pragma once
// Areas of unions and intersections of polygon sets by boundary integration (Green's theorem):
// area(R) = ½ Σ over the pieces (p, q) of ∂R of (p.x·q.y − q.x·p.y). The boundary of a union or an
// intersection consists of pieces of the input edges, so its area needs only each input edge split
// where it meets the other polygons' edges and each piece located against them: no noding graph and
// no result geometry, which is what made GEOS overlays of whole units the engine's bottleneck.
//
// Coordinates are local (the engine subtracts an origin near the data) so that the cross products
// keep their precision. Contacts closer than kTol are treated as exact: shared vertices of
// neighbouring units are then coincident edges, whatever rounding the projection left.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cmath>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace pc::planar {

inline constexpr double kTol = 1e-8;  // metres

struct Pt {
    double x = 0, y = 0;
};
inline bool operator==(const Pt& a, const Pt& b) { return a.x == b.x && a.y == b.y; }

struct Seg {
    Pt a, b;
};

// Twice the signed area contribution of the boundary piece a → b.
inline double cross_term(const Pt& a, const Pt& b) { return a.x * b.y - b.x * a.y; }

struct Box {
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    bool empty() const { return x0 > x1; }
    void add(const Pt& p) {
        // (p.x < x0 ? p.x : x0, and so on: without branches.)
        x0 = std::min(x0, p.x);
        x1 = std::max(x1, p.x);
        y0 = std::min(y0, p.y);
        y1 = std::max(y1, p.y);
    }
    void add(const Box& b) {
        if (b.empty()) return;
        add(Pt{b.x0, b.y0});
        add(Pt{b.x1, b.y1});
    }
    bool meets(const Box& b) const { return x0 <= b.x1 && b.x0 <= x1 && y0 <= b.y1 && b.y0 <= y1; }
    Box grown(double d) const { return {x0 - d, y0 - d, x1 + d, y1 + d}; }
    // (What add(a), add(b) give for finite points, without the branches.)
    static Box of(const Pt& a, const Pt& b) {
        return {std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y)};
    }
};

// Whether segment s meets box b, given that their boxes meet: unless b's four corners all lie
// strictly on one side of s's line. (Rounding can only call a segment passing within ~1e-16 of its
// length from a corner a meeting: callers grow their boxes by kTol anyway.)
inline bool segment_meets_box(const Seg& s, const Box& b) {
    const double dx = s.b.x - s.a.x, dy = s.b.y - s.a.y;
    auto side = [&](double x, double y) { return dx * (y - s.a.y) - dy * (x - s.a.x); };
    const double c0 = side(b.x0, b.y0), c1 = side(b.x1, b.y0), c2 = side(b.x0, b.y1), c3 = side(b.x1, b.y1);
    return !((c0 > 0 && c1 > 0 && c2 > 0 && c3 > 0) || (c0 < 0 && c1 < 0 && c2 < 0 && c3 < 0));
}

// Where a piece of edge lies against a polygon: outside, inside, or on its boundary with the polygon
// on the same side as the piece's own interior (left) or on the other side.
enum class Loc : std::uint8_t { Out, In, OnSame, OnOpp };

// A piece's location against a union of polygons, from its locations against each of them.
struct UnionLoc {
    bool in = false, same = false, opp = false;
    void add(Loc l) {
        in |= l == Loc::In;
        same |= l == Loc::OnSame;
        opp |= l == Loc::OnOpp;
    }
    // Strictly inside the union (along a boundary with polygons on both sides counts as inside).
    bool inside() const { return in || (same && opp); }
    // Inside, or along its boundary with the union on the piece's own side.
    bool inside_or_same() const { return in || same; }
};

// The cell of coordinate v in a row of n cells starting at `origin`, `inv` cells a metre; values
// outside fall in the first or last cell.
inline int clamped_cell(double v, double origin, double inv, int n) {
    // k < 0 ? 0 : k >= n ? n - 1 : int(k), without branches (k in [n - 1, n) truncates to n - 1).
    const double k = (v - origin) * inv;
    return int(std::min(std::max(k, 0.0), double(n - 1)));
}

// A polygon's edges in 2D cells of a few edges each, for edges_in.
struct EdgeCells {
    struct First {
        std::uint16_t x, y;  // an edge's first cell: where a query reports it
    };
    Box box;
    int gx = 1, gy = 1;
    double inv_x = 0, inv_y = 0;
    std::vector<std::uint32_t> start, items;
    std::vector<First> first;
    int col(double x) const { return clamped_cell(x, box.x0, inv_x, gx); }
    int row(double y) const { return clamped_cell(y, box.y0, inv_y, gy); }
};

// EdgeCells built on first use, once, by whichever thread asks first (most unit polygons are never
// queried: only those a service area's boundary passes). A copy starts unbuilt.
class LazyEdgeCells {
public:
    LazyEdgeCells() = default;
    LazyEdgeCells(const LazyEdgeCells&) {}
    LazyEdgeCells& operator=(const LazyEdgeCells& o) {
        if (this != &o) reset();
        return *this;
    }
    LazyEdgeCells(LazyEdgeCells&& o) noexcept : p_(o.p_.exchange(nullptr)) {}
    LazyEdgeCells& operator=(LazyEdgeCells&& o) noexcept {
        if (this != &o) {
            reset();
            p_.store(o.p_.exchange(nullptr));
        }
        return *this;
    }
    ~LazyEdgeCells() { reset(); }
    void reset() { delete p_.exchange(nullptr); }
    // The cells, built by build() (returning a new EdgeCells) when there are none yet.
    template <class Build>
    const EdgeCells& get(Build&& build) const {
        if (const EdgeCells* c = p_.load(std::memory_order_acquire)) return *c;
        return install(build());
    }

private:
    const EdgeCells& install(EdgeCells* built) const;  // keeps the first one installed
    mutable std::atomic<EdgeCells*> p_{nullptr};
};

// One polygonal area (any number of shells and holes) as oriented edges, interior on the left
// (shells counter-clockwise, holes clockwise), binned by y for point location and edge queries.
class Poly {
public:
    // Adds a ring (closed or not, any orientation); `hole` says which way it must turn.
    void add_ring(std::vector<Pt> ring, bool hole);
    // Adds edges as they are (already oriented, interior on the left, forming closed loops).
    void add_edges(std::span<const Seg> edges);
    // The same, taking the vector over (no zero-length edges in it; the box is the edges' starts).
    void assign_edges(std::vector<Seg>&& edges);
    // Builds the point location index; call once after the rings. With `cells`, edges_in uses 2D
    // cells (built on its first call); without, it scans the y-bins the query spans (no build: for
    // polygons of a few hundred edges queried a few dozen times, as desa are).
    void finish(bool cells = true);

    const Box& box() const { return box_; }
    const std::vector<Seg>& edges() const { return edges_; }
    bool empty() const { return edges_.empty(); }
    // Twice the area.
    double area2() const;

    enum class PointLoc : std::uint8_t { Out, In, On };
    PointLoc locate(const Pt& p) const;
    // Location of a piece that meets no edge of this polygon except along its own line.
    Loc locate_piece(const Seg& s) const;
    // Whether any edge meets b. The edge itself, not its box: a long edge (a district outline of a few
    // dozen vertices) has a box that meets most boxes around it.
    bool boundary_near(const Box& b) const {
        bool any = false;
        edges_in(b, [&](const Seg& s) { any = any || segment_meets_box(s, b); });
        return any;
    }
    // Whether the box of any edge meets b (boundary_near's first test: false here, false there).
    bool edge_boxes_near(const Box& b) const {
        bool any = false;
        edges_in(b, [&](const Seg&) { any = true; });
        return any;
    }
    // Every edge whose box meets b, once each (a 2D grid of cells of a few edges each).
    template <class F>
    void edges_in(const Box& b, F&& f) const {
        if (edges_.empty() || !box_.meets(b)) return;
        if (!cells_wanted_) {
            if (start_.empty()) {  // not finished: every edge
                for (auto& s : edges_)
                    if (std::max(s.a.x, s.b.x) >= b.x0 && std::min(s.a.x, s.b.x) <= b.x1 && std::max(s.a.y, s.b.y) >= b.y0 &&
                        std::min(s.a.y, s.b.y) <= b.y1)
                        f(s);
                return;
            }
            // The y-bins the box spans; an edge is reported from its first bin in range only. Which
            // edges are is decided without a branch (the tests are hard to predict), into a buffer
            // handed to f in order.
            const int k0 = bin(b.y0), k1 = bin(b.y1);
            constexpr std::size_t kBuffer = 64;
            const Seg* found[kBuffer];
            std::size_t n = 0;
            for (int k = k0; k <= k1; ++k)
                for (std::uint32_t i = start_[k]; i < start_[k + 1]; ++i) {
                    const Seg& s = edges_[items_[i]];
                    const double ylo = std::min(s.a.y, s.b.y);
                    const int report = (int(k == k0) | int(bin(ylo) == k)) & int(std::max(s.a.x, s.b.x) >= b.x0) &
                                       int(std::min(s.a.x, s.b.x) <= b.x1) & int(std::max(s.a.y, s.b.y) >= b.y0) &
                                       int(ylo <= b.y1);
                    found[n] = &s;
                    n += std::size_t(report);
                    if (n == kBuffer) {
                        for (std::size_t j = 0; j < n; ++j) f(*found[j]);
                        n = 0;
                    }
                }
            for (std::size_t j = 0; j < n; ++j) f(*found[j]);
            return;
        }
        const EdgeCells& g = cells_.get([this] { return build_cells(); });
        const int x0 = g.col(b.x0), x1 = g.col(b.x1), y0 = g.row(b.y0), y1 = g.row(b.y1);
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) {
                const std::size_t c = std::size_t(y) * std::size_t(g.gx) + std::size_t(x);
                for (std::uint32_t i = g.start[c]; i < g.start[c + 1]; ++i) {
                    const std::uint32_t e = g.items[i];
                    const EdgeCells::First& first = g.first[e];
                    // Reported from its first cell in range only.
                    if (std::max(int(first.x), x0) != x || std::max(int(first.y), y0) != y) continue;
                    const Seg& s = edges_[e];
                    if (std::max(s.a.x, s.b.x) < b.x0 || std::min(s.a.x, s.b.x) > b.x1 || std::max(s.a.y, s.b.y) < b.y0 ||
                        std::min(s.a.y, s.b.y) > b.y1)
                        continue;
                    f(s);
                }
            }
    }

private:
    int bin(double y) const { return clamped_cell(y, box_.y0, inv_h_, nbins_); }
    std::vector<Seg> edges_;
    Box box_;
    EdgeCells* build_cells() const;
    // y-bins for point location (a ray scans one bin).
    int nbins_ = 1;
    double inv_h_ = 0;
    std::vector<std::uint32_t> start_, items_;
    // 2D cells for edges_in.
    bool cells_wanted_ = false;
    LazyEdgeCells cells_;
};

// One edge's part in locating p by a ray to +x (Poly::locate): `on` when p lies on e (within kTol);
// else `crosses`, whether the ray crosses e: where e spans p.y and p lies on e's left going up, on
// its right going down. p is then more than kTol from e, so the sign of the cross product is
// certain. No branch but one, rarely taken (p within e's box): the others are coin flips along a ray.
struct RayStep {
    bool on, crosses;
};
inline RayStep ray_step(const Seg& e, const Pt& p) {
    const double ex0 = std::min(e.a.x, e.b.x), ex1 = std::max(e.a.x, e.b.x);
    const double ey0 = std::min(e.a.y, e.b.y), ey1 = std::max(e.a.y, e.b.y);
    const double dx = e.b.x - e.a.x, dy = e.b.y - e.a.y;
    const double c = dx * (p.y - e.a.y) - dy * (p.x - e.a.x);  // > 0: p left of e
    if ((int(p.x >= ex0 - kTol) & int(p.x <= ex1 + kTol) & int(p.y >= ey0 - kTol) & int(p.y <= ey1 + kTol)) != 0) {
        const double len = std::sqrt(dx * dx + dy * dy);
        if (len > 0 && std::abs(c) <= kTol * len) return {true, false};
    }
    const bool up = e.b.y > p.y, spans = (e.a.y > p.y) != up;
    return {false, bool(spans & ((c > 0) == up))};
}

// A piece's location by a point location `locate` (Pt -> Poly::PointLoc), as Poly::locate_piece:
// its midpoint, and where that lies on the boundary (a contact within the tolerance), a probe on
// either side.
template <class Locate>
Loc locate_piece_by(const Seg& s, Locate&& locate) {
    using PL = Poly::PointLoc;
    const Pt m{(s.a.x + s.b.x) / 2, (s.a.y + s.b.y) / 2};
    const PL l = locate(m);
    if (l != PL::On) return l == PL::In ? Loc::In : Loc::Out;
    const double dx = s.b.x - s.a.x, dy = s.b.y - s.a.y, len = std::sqrt(dx * dx + dy * dy);
    if (len == 0) return Loc::Out;
    constexpr double probe = 1e-6;
    const bool li = locate(Pt{m.x - dy / len * probe, m.y + dx / len * probe}) == PL::In;
    const bool ri = locate(Pt{m.x + dy / len * probe, m.y - dx / len * probe}) == PL::In;
    return li && ri ? Loc::In : li ? Loc::OnSame : ri ? Loc::OnOpp : Loc::Out;
}

// A segment cut at every contact with the candidates' boundaries; for each piece, its location
// against each candidate (locs[piece * candidates + c]).
struct Split {
    std::vector<Seg> pieces;
    std::vector<Loc> locs;
    // Per candidate: whether its boundary comes within kTol of the segment anywhere (ends included).
    // Without a contact the whole segment lies on one side, which a caller walking a ring can carry
    // on to the next segment instead of locating it again (see `hints`).
    std::vector<std::uint8_t> contact;
    // scratch: the cut points along the segment, with what made each one
    struct Cut {
        double t;
        Pt p;
        std::uint32_t cand;  // the candidate whose boundary made it (kNoCand: the segment's ends)
        bool proper;         // a proper crossing of one of its edges (the side flips there)
    };
    static constexpr std::uint32_t kNoCand = ~0u;
    std::vector<Cut> ts;
    std::vector<std::uint8_t> side;  // per candidate: its location on the piece being classified
    struct Collinear {
        std::uint32_t cand;
        double lo, hi;
        bool same;
    };
    std::vector<Collinear> coll;
};
// `hints` (optional, one per candidate): the segment's location against that candidate when it is
// known without a contact (kUnknown otherwise); only used for candidates without a contact.
inline constexpr std::uint8_t kUnknown = 255;
// Candidates are polygons (Poly), or any type with the same three members: box(), edges_in(box, f)
// and locate_piece(seg) (e.g. the union of a service's buffers, service_area.h).
template <class Cand>
void split_locate(const Seg& s, std::span<const Cand* const> cands, Split& out, const std::uint8_t* hints = nullptr);

// Carries candidates' locations along a chain of segments (each starting where the previous one
// ended): a candidate without a contact on the previous segment keeps its location, and one that was
// not a candidate there (its box missed that segment) was outside.
class ChainHints {
public:
    // Hints for split_locate on `s` with candidates `ids` (ids of whatever the caller indexes).
    const std::uint8_t* hints(const Seg& s, const std::vector<std::uint32_t>& ids);
    // After split_locate on `s`.
    void update(const Seg& s, const std::vector<std::uint32_t>& ids, const Split& split);
    void reset() { have_prev_ = false; }

private:
    bool have_prev_ = false;
    Pt prev_end_;
    std::vector<std::pair<std::uint32_t, std::uint8_t>> prev_;  // sorted by id
    std::vector<std::uint8_t> hints_;
};

// Appends to `out` the pieces of `e`, an edge of polygon `self`, on the boundary of the union of
// `self` and the candidates `cands` (their indexes `ids`): inside none of them, not along one on the
// other side, and along one on the same side only when `self` has the lower index.
// Cand: Poly, or a type with split_locate's three members (planar_split.h); defined there.
template <class Cand>
void append_union_pieces(const Seg& e, std::uint32_t self, const std::vector<const Cand*>& cands,
                         const std::vector<std::uint32_t>& ids, Split& split, ChainHints& chain, std::vector<Seg>& out);

// Whether the interiors of two polygons meet (an area in common, not just a touch).
bool interiors_meet(const Poly& a, const Poly& b);

// The point where two properly crossing segments meet, computed from the pair in a canonical order
// so that both segments get the very same point (pieces then join exactly).
Pt crossing_point(Seg s, Seg f);

// Uniform grid over boxes, for "which boxes meet this one" queries without duplicates.
class BoxGrid {
public:
    void build(const std::vector<Box>& boxes, double cell_hint = 0);
    template <class F>
    void query(const Box& b, F&& f) const {
        query_until(b, [&](std::uint32_t id) {
            f(id);
            return false;
        });
    }
    // As query, stopping as soon as f returns true; returns whether it did.
    template <class F>
    bool query_until(const Box& b, F&& f) const {
        if (boxes_.empty() || b.empty() || !all_.meets(b)) return false;
        const int cx0 = cx(b.x0), cx1 = cx(b.x1), cy0 = cy(b.y0), cy1 = cy(b.y1);
        const Item* items = items_.data();
        const std::uint32_t* start = start_.data();
        for (int y = cy0; y <= cy1; ++y)
            for (int x = cx0; x <= cx1; ++x) {
                // A box is reported from the first cell of the query it is in: this one, unless it
                // starts in an earlier column (x > cx0) or row (y > cy0) of the query.
                const std::uint32_t mask = (x > cx0 ? 0xffffu : 0u) | (y > cy0 ? 0xffff0000u : 0u);
                const std::uint32_t key = (std::uint32_t(y) << 16 | std::uint32_t(x)) & mask;
                const std::size_t c = std::size_t(y) * std::size_t(nx_) + std::size_t(x);
                for (const Item *it = items + start[c], *end = items + start[c + 1]; it != end; ++it) {
                    if ((it->first & mask) != key) continue;
                    if (it->box.meets(b) && f(it->id)) return true;
                }
            }
        return false;
    }
    std::size_t size() const { return boxes_.size(); }
    const Box& box(std::uint32_t id) const { return boxes_[id]; }

private:
    int cx(double x) const { return clampi(int((x - all_.x0) * inv_), nx_); }
    int cy(double y) const { return clampi(int((y - all_.y0) * inv_), ny_); }
    static int clampi(int v, int n) { return v < 0 ? 0 : v >= n ? n - 1 : v; }
    // A box in one of its cells, with its id and its first cell (y << 16 | x): read in order by queries.
    struct Item {
        Box box;
        std::uint32_t id;
        std::uint32_t first;
    };
    std::vector<Box> boxes_;
    Box all_;
    int nx_ = 1, ny_ = 1;
    double inv_ = 0;
    std::vector<std::uint32_t> start_;
    std::vector<Item> items_;
};

// Boundary pieces of the union of `polys` (each piece of polygon i's boundary that lies inside no
// other polygon; a stretch shared with the same orientation is kept once, by the lower index; one
// shared with the opposite orientation is interior).
std::vector<Seg> union_boundary(const std::vector<const Poly*>& polys);

// Twice the signed area enclosed by the closed loops the pieces form, split by orientation:
// {counter-clockwise total, clockwise total (negative)}. Pieces must join exactly end to start; at a
// vertex with several continuations the sharpest left turn is taken, which separates loops that touch.
// Chains that do not close are left out and counted in `open_chains`.
struct LoopAreas {
    double ccw2 = 0, cw2 = 0;
    std::size_t open_chains = 0;
};
LoopAreas loop_areas(const std::vector<Seg>& pieces);

}  // namespace pc::planar

#include "planar_split.h"  // split_locate's definition (a template)
