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

bool certainly_simple(const Poly& index) {
    const std::size_t n = index.edges().size();
    if (n < 3) return false;
    for (std::size_t k = 0; k < n; ++k)
        if (!(index.edges()[k].b == index.edges()[(k + 1) % n].a)) return false;  // not one closed ring
    // A sweep in y: each edge against the edges whose y-range is still open.
    const Seg* base = index.edges().data();
    std::vector<std::uint32_t> order(n);
    for (std::size_t k = 0; k < n; ++k) order[k] = std::uint32_t(k);
    auto ylo = [&](std::uint32_t k) { return std::min(base[k].a.y, base[k].b.y); };
    auto yhi = [&](std::uint32_t k) { return std::max(base[k].a.y, base[k].b.y); };
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return ylo(a) < ylo(b); });
    std::vector<std::uint32_t> active;
    for (std::uint32_t l : order) {
        const Seg& f = base[l];
        const double lo = ylo(l) - kContact;
        std::size_t keep = 0;
        for (std::uint32_t k : active) {
            if (yhi(k) < lo) continue;  // closed
            active[keep++] = k;
            const Seg& e = base[k];
            if (std::max(e.a.x, e.b.x) + kContact < std::min(f.a.x, f.b.x) ||
                std::max(f.a.x, f.b.x) + kContact < std::min(e.a.x, e.b.x))
                continue;
            const std::size_t i = std::min<std::size_t>(k, l), j = std::max<std::size_t>(k, l);
            if (j == i + 1 || (i == 0 && j == n - 1)) {
                // Consecutive edges share one vertex; they must not fold back along each other.
                const Seg& first = j == i + 1 ? base[i] : base[j];
                const Seg& second = j == i + 1 ? base[j] : base[i];
                const double c = orient(first.a, first.b, second.b);
                const double dot = (first.b.x - first.a.x) * (second.b.x - second.a.x) +
                                   (first.b.y - first.a.y) * (second.b.y - second.a.y);
                const double l1 = (first.b.x - first.a.x) * (first.b.x - first.a.x) + (first.b.y - first.a.y) * (first.b.y - first.a.y);
                const double l2 = (second.b.x - second.a.x) * (second.b.x - second.a.x) +
                                  (second.b.y - second.a.y) * (second.b.y - second.a.y);
                if (c * c <= 1e-24 * l1 * l2 && dot < 0) return false;
                continue;
            }
            if (meet(e, f)) return false;
        }
        active.resize(keep);
        active.push_back(l);
    }
    return true;
}

}  // namespace pc::planar
