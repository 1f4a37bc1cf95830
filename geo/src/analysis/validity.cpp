#include "validity.h"

#include <algorithm>
#include <cmath>

namespace pc::planar {

namespace {

constexpr double kContact = 1e-9;  // metres

double orient(const Pt& a, const Pt& b, const Pt& c) { return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x); }

// Distance-based contact test: the segments cross, or come within kContact of each other.
bool meet(const Seg& e, const Seg& f) {
    const double le = std::sqrt((e.b.x - e.a.x) * (e.b.x - e.a.x) + (e.b.y - e.a.y) * (e.b.y - e.a.y));
    const double lf = std::sqrt((f.b.x - f.a.x) * (f.b.x - f.a.x) + (f.b.y - f.a.y) * (f.b.y - f.a.y));
    const double d1 = orient(e.a, e.b, f.a), d2 = orient(e.a, e.b, f.b);
    const double d3 = orient(f.a, f.b, e.a), d4 = orient(f.a, f.b, e.b);
    const double te = kContact * le, tf = kContact * lf;
    if (((d1 > te && d2 < -te) || (d1 < -te && d2 > te)) && ((d3 > tf && d4 < -tf) || (d3 < -tf && d4 > tf)))
        return true;  // a proper crossing
    // Otherwise they meet only if an end of one lies within kContact of the other.
    auto near = [](const Pt& p, const Seg& s) {
        const double dx = s.b.x - s.a.x, dy = s.b.y - s.a.y, l2 = dx * dx + dy * dy;
        double t = l2 > 0 ? ((p.x - s.a.x) * dx + (p.y - s.a.y) * dy) / l2 : 0;
        t = std::clamp(t, 0.0, 1.0);
        const double qx = s.a.x + t * dx - p.x, qy = s.a.y + t * dy - p.y;
        return qx * qx + qy * qy <= kContact * kContact;
    };
    return near(f.a, e) || near(f.b, e) || near(e.a, f) || near(e.b, f);
}

}  // namespace

namespace {

// Strictly inside the closed ring of edges [begin, end) (ray to +x, half-open in y); p is known not
// to lie on any edge (no two rings touch).
bool inside_ring(const Seg* edges, const RingSpan& r, const Pt& p) {
    bool in = false;
    for (std::uint32_t k = r.begin; k < r.end; ++k) {
        const Seg& e = edges[k];
        if ((e.a.y > p.y) != (e.b.y > p.y)) {
            const double x = e.a.x + (p.y - e.a.y) * (e.b.x - e.a.x) / (e.b.y - e.a.y);
            if (p.x < x) in = !in;
        }
    }
    return in;
}

}  // namespace

namespace {

// Consecutive edges share one vertex; they must not fold back along each other.
bool folds_back(const Seg& first, const Seg& second) {
    const double c = orient(first.a, first.b, second.b);
    const double dot = (first.b.x - first.a.x) * (second.b.x - second.a.x) + (first.b.y - first.a.y) * (second.b.y - second.a.y);
    const double l1 = (first.b.x - first.a.x) * (first.b.x - first.a.x) + (first.b.y - first.a.y) * (first.b.y - first.a.y);
    const double l2 = (second.b.x - second.a.x) * (second.b.x - second.a.x) + (second.b.y - second.a.y) * (second.b.y - second.a.y);
    return c * c <= 1e-24 * l1 * l2 && dot < 0;
}

}  // namespace

bool edges_meet(const Seg& e, const Seg& f) { return meet(e, f); }

bool consecutive_edges(std::uint32_t a, std::uint32_t b, const std::vector<RingSpan>& rings) {
    const std::uint32_t i = std::min(a, b), j = std::max(a, b);
    for (const RingSpan& span : rings)
        if (i >= span.begin && i < span.end) return j < span.end && (j == i + 1 || (i == span.begin && j == span.end - 1));
    return false;
}

bool rings_well_formed(const Poly& index, const std::vector<RingSpan>& rings) {
    const std::size_t n = index.edges().size();
    if (n < 3 || rings.empty()) return false;
    const Seg* base = index.edges().data();
    std::size_t covered = 0;
    for (const RingSpan& span : rings) {
        if (span.end - span.begin < 3) return false;
        for (std::uint32_t k = span.begin; k < span.end; ++k) {
            const std::uint32_t next = k + 1 < span.end ? k + 1 : span.begin;
            if (!(base[k].b == base[next].a) || folds_back(base[k], base[next])) return false;
        }
        covered += span.end - span.begin;
    }
    if (covered != n) return false;
    if (rings.size() == 1) return !rings[0].hole;
    // Nesting by one vertex of each ring (meaningful where no ring touches another, which the
    // caller establishes).
    auto shell_of = [&](std::uint32_t polygon) -> const RingSpan* {
        for (auto& r : rings)
            if (r.polygon == polygon && !r.hole) return &r;
        return nullptr;
    };
    auto inside_area = [&](std::uint32_t polygon, const Pt& p) {
        const RingSpan* shell = shell_of(polygon);
        if (!shell || !inside_ring(base, *shell, p)) return false;
        for (auto& r : rings)
            if (r.polygon == polygon && r.hole && inside_ring(base, r, p)) return false;
        return true;
    };
    for (std::uint32_t a = 0; a < rings.size(); ++a) {
        const RingSpan& r = rings[a];
        const Pt& v = base[r.begin].a;
        if (r.hole) {
            const RingSpan* shell = shell_of(r.polygon);
            if (!shell || !inside_ring(base, *shell, v)) return false;  // a hole outside its shell
            for (std::uint32_t b = 0; b < rings.size(); ++b)
                if (b != a && rings[b].hole && rings[b].polygon == r.polygon && inside_ring(base, rings[b], v))
                    return false;  // a hole inside another hole
        } else {
            for (auto& other : rings)
                if (!other.hole && other.polygon != r.polygon && inside_area(other.polygon, v))
                    return false;  // a shell inside another polygon's area
        }
    }
    return true;
}

bool certainly_valid(const Poly& index, const std::vector<RingSpan>& rings) {
    if (!rings_well_formed(index, rings)) return false;
    const std::size_t n = index.edges().size();
    const Seg* base = index.edges().data();
    std::vector<std::uint32_t> ring_of(n);
    for (std::uint32_t r = 0; r < rings.size(); ++r)
        for (std::uint32_t k = rings[r].begin; k < rings[r].end; ++k) ring_of[k] = r;
    auto consecutive = [&](std::uint32_t a, std::uint32_t b) {
        if (ring_of[a] != ring_of[b]) return false;
        const RingSpan& span = rings[ring_of[a]];
        const std::uint32_t i = std::min(a, b), j = std::max(a, b);
        return j == i + 1 || (i == span.begin && j == span.end - 1);
    };
    // A sweep in y: each edge against the edges whose y-range is still open (consecutive edges were
    // checked by rings_well_formed).
    // Sorted by (lowest y, edge): the keys side by side, not recomputed at each comparison.
    std::vector<std::pair<double, std::uint32_t>> order(n);
    for (std::size_t k = 0; k < n; ++k) order[k] = {std::min(base[k].a.y, base[k].b.y), std::uint32_t(k)};
    std::sort(order.begin(), order.end());
    // The open edges with what the scan compares (their top and x-range grown by kContact), so that
    // a scan reads one small array and touches an edge itself only where the ranges meet.
    struct Open {
        double top, x0, x1;
        std::uint32_t edge;
    };
    std::vector<Open> active;
    for (auto [ylo, l] : order) {
        const Seg& f = base[l];
        const double lo = ylo - kContact;
        const double fx0 = std::min(f.a.x, f.b.x), fx1 = std::max(f.a.x, f.b.x);
        std::size_t keep = 0;
        for (std::size_t q = 0; q < active.size(); ++q) {
            const Open o = active[q];
            if (o.top < lo) continue;  // closed
            active[keep++] = o;
            if (o.x1 < fx0 || fx1 < o.x0) continue;
            if (!consecutive(o.edge, l) && meet(base[o.edge], f)) return false;
        }
        active.resize(keep);
        active.push_back({std::max(f.a.y, f.b.y), fx0 - kContact, fx1 + kContact, l});
    }
    return true;
}

}  // namespace pc::planar
