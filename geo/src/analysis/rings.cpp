#include "rings.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <unordered_map>

namespace pc::planar {

namespace {

// A quick mix of the coordinates' bits (std::hash<double> runs a byte-wise hash per call).
struct PtHash {
    std::size_t operator()(const Pt& p) const {
        std::uint64_t a, b;
        const double x = p.x + 0.0, y = p.y + 0.0;  // -0.0 and 0.0 alike
        std::memcpy(&a, &x, 8);
        std::memcpy(&b, &y, 8);
        std::uint64_t h = a * 0x9e3779b97f4a7c15ull ^ (b + 0x632be59bd9b4e019ull + (a << 6) + (a >> 2));
        h ^= h >> 29;
        h *= 0xbf58476d1ce4e5b9ull;
        return std::size_t(h ^ (h >> 32));
    }
};

double ring_area2(const std::vector<Pt>& r) {
    double s = 0;
    for (std::size_t i = 0; i + 1 < r.size(); ++i) s += cross_term(r[i], r[i + 1]);
    return s;
}

// Angle of the turn from direction (ix, iy) to (ox, oy), in (-pi, pi); a U-turn is the least
// preferred continuation (it would fold a loop onto itself).
double turn(double ix, double iy, double ox, double oy) {
    double c = ix * oy - iy * ox, d = ix * ox + iy * oy;
    if (c == 0 && d < 0) return -4;
    return std::atan2(c, d);
}

// Cuts a closed walk (front() == back()) into simple loops at every vertex it passes twice.
void split_simple(std::vector<Pt> walk, std::vector<std::vector<Pt>>& out) {
    walk.pop_back();  // open: vertices once each, in order
    std::vector<Pt> stack;
    std::unordered_map<Pt, std::size_t, PtHash> at;  // vertex -> position in stack
    for (const Pt& p : walk) {
        auto it = at.find(p);
        if (it == at.end()) {
            at.emplace(p, stack.size());
            stack.push_back(p);
            continue;
        }
        // p closes the loop stack[it->second ..]: cut it out, keep p once in the stack.
        std::size_t from = it->second;
        std::vector<Pt> loop(stack.begin() + std::ptrdiff_t(from), stack.end());
        loop.push_back(p);
        for (std::size_t k = from + 1; k < stack.size(); ++k) at.erase(stack[k]);
        stack.resize(from + 1);
        if (loop.size() >= 4) out.push_back(std::move(loop));
    }
    if (stack.size() >= 3) {
        stack.push_back(stack.front());
        out.push_back(std::move(stack));
    }
}

// Pieces by their start point: a hash table of chains (no sort; a lookup is a probe or two).
class StartIndex {
public:
    explicit StartIndex(const std::vector<Seg>& pieces) : pieces_(pieces), next_(pieces.size(), kNone) {
        std::size_t cap = 16;
        while (cap < 2 * pieces.size()) cap <<= 1;
        heads_.assign(cap, kNone);
        mask_ = cap - 1;
        for (std::size_t i = pieces.size(); i-- > 0;) {
            if (pieces[i].a == pieces[i].b) continue;
            std::uint32_t& h = slot(pieces[i].a);
            next_[i] = h;
            h = std::uint32_t(i);
        }
    }
    // The first piece starting at p (kNone if none); then next(i).
    std::uint32_t first(const Pt& p) const {
        for (std::size_t k = hash(p) & mask_;; k = (k + 1) & mask_) {
            std::uint32_t h = heads_[k];
            if (h == kNone || pieces_[h].a == p) return h;
        }
    }
    std::uint32_t next(std::uint32_t i) const { return next_[i]; }
    static constexpr std::uint32_t kNone = ~0u;

private:
    std::uint32_t& slot(const Pt& p) {
        for (std::size_t k = hash(p) & mask_;; k = (k + 1) & mask_) {
            std::uint32_t& h = heads_[k];
            if (h == kNone || pieces_[h].a == p) return h;
        }
    }
    static std::size_t hash(const Pt& p) { return PtHash()(p); }
    const std::vector<Seg>& pieces_;
    std::vector<std::uint32_t> next_, heads_;
    std::size_t mask_ = 0;
};

}  // namespace

Assembly assemble_polygons(const std::vector<Seg>& pieces) {
    Assembly r;
    const std::size_t n = pieces.size();
    const StartIndex starts(pieces);
    std::vector<char> used(n, 0);
    std::vector<std::vector<Pt>> loops;
    std::vector<Pt> walk;
    for (std::uint32_t i0 = 0; i0 < n; ++i0) {
        if (used[i0] || pieces[i0].a == pieces[i0].b) continue;
        used[i0] = 1;
        const Pt start = pieces[i0].a;
        walk.assign({pieces[i0].a, pieces[i0].b});
        std::size_t cur = i0;
        bool closed = false, branched = false;
        for (;;) {
            const Pt end = pieces[cur].b;
            if (end == start) {
                closed = true;
                break;
            }
            std::size_t pick = n;
            double best = -10;
            const double ix = pieces[cur].b.x - pieces[cur].a.x, iy = pieces[cur].b.y - pieces[cur].a.y;
            std::size_t options = 0;
            for (std::uint32_t it = starts.first(end); it != StartIndex::kNone; it = starts.next(it)) {
                if (used[it]) continue;
                ++options;
                if (pick == n) {
                    pick = it;
                    continue;
                }
                // Several continuations: the sharpest left turn (angles only here, where they matter).
                if (options == 2)
                    best = turn(ix, iy, pieces[pick].b.x - pieces[pick].a.x, pieces[pick].b.y - pieces[pick].a.y);
                double t = turn(ix, iy, pieces[it].b.x - pieces[it].a.x, pieces[it].b.y - pieces[it].a.y);
                if (t > best) {
                    best = t;
                    pick = it;
                }
            }
            if (pick == n) break;
            branched |= options > 1;
            used[pick] = 1;
            cur = pick;
            walk.push_back(pieces[cur].b);
        }
        if (!closed) {
            ++r.open_chains;
            continue;
        }
        // Only a vertex with another way on can be passed twice (the walk stops at its start).
        if (branched) split_simple(std::move(walk), loops);
        else if (walk.size() >= 4) loops.push_back(std::move(walk));
    }

    // Shells and holes.
    std::vector<std::size_t> shells, holes;
    std::vector<double> area2(loops.size());
    for (std::size_t i = 0; i < loops.size(); ++i) {
        area2[i] = ring_area2(loops[i]);
        if (area2[i] > 0) shells.push_back(i);
        else if (area2[i] < 0) holes.push_back(i);
        r.area2 += area2[i];
    }
    r.polygons.resize(shells.size());
    for (std::size_t k = 0; k < shells.size(); ++k) r.polygons[k].rings.push_back(std::move(loops[shells[k]]));
    if (holes.empty() || shells.empty()) return r;
    if (shells.size() == 1) {
        for (auto h : holes) r.polygons[0].rings.push_back(std::move(loops[h]));
        return r;
    }
    // Several shells: each hole to the smallest shell that holds it (boxes first, then a point of
    // the hole that is not on the shell).
    std::vector<Box> boxes(shells.size());
    for (std::size_t k = 0; k < shells.size(); ++k)
        for (auto& p : r.polygons[k].rings[0]) boxes[k].add(p);
    BoxGrid grid;
    grid.build(boxes);
    std::vector<Poly> shell_poly(shells.size());
    std::vector<char> built(shells.size(), 0);
    for (auto h : holes) {
        Box hb;
        for (auto& p : loops[h]) hb.add(p);
        std::vector<std::uint32_t> cands;
        grid.query(hb, [&](std::uint32_t k) {
            if (boxes[k].x0 <= hb.x0 && boxes[k].y0 <= hb.y0 && boxes[k].x1 >= hb.x1 && boxes[k].y1 >= hb.y1)
                cands.push_back(k);
        });
        std::sort(cands.begin(), cands.end(), [&](auto a, auto b) { return area2[shells[a]] < area2[shells[b]]; });
        std::size_t owner = shells.size();
        if (cands.size() == 1) owner = cands[0];
        for (std::size_t ci = 0; ci < cands.size() && owner == shells.size(); ++ci) {
            auto k = cands[ci];
            if (!built[k]) {
                std::vector<Seg> edges;
                auto& ring = r.polygons[k].rings[0];
                for (std::size_t i = 0; i + 1 < ring.size(); ++i) edges.push_back({ring[i], ring[i + 1]});
                shell_poly[k].add_edges(edges);
                shell_poly[k].finish();
                built[k] = 1;
            }
            for (auto& p : loops[h]) {
                auto l = shell_poly[k].locate(p);
                if (l == Poly::PointLoc::On) continue;
                if (l == Poly::PointLoc::In) owner = k;
                break;
            }
        }
        if (owner < shells.size()) r.polygons[owner].rings.push_back(std::move(loops[h]));
        else r.area2 -= area2[h];  // a hole in no shell: not part of the region
    }
    return r;
}

}  // namespace pc::planar
