#include "rings.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "start_index.h"

namespace pc::planar {

namespace {

// Angle of the turn from direction (ix, iy) to (ox, oy), in (-pi, pi); a U-turn is the least
// preferred continuation (it would fold a loop onto itself).
double turn(double ix, double iy, double ox, double oy) {
    double c = ix * oy - iy * ox, d = ix * ox + iy * oy;
    if (c == 0 && d < 0) return -4;
    return std::atan2(c, d);
}

// Cuts a closed walk (front() == back(); `ids`: its vertices' ids, once each) into simple loops at
// every vertex it passes twice, appended to `pts` and `loops`. `pos` (zero on entry and on return):
// per id, 1 + its place on the stack.
// `stack`, `stack_ids`: scratch.
void split_simple(const std::vector<Pt>& walk, const std::vector<std::uint32_t>& ids, std::vector<std::uint32_t>& pos,
                  std::vector<Pt>& stack, std::vector<std::uint32_t>& stack_ids, std::vector<Pt>& pts,
                  std::vector<Assembly::Span>& loops) {
    stack.clear();
    stack_ids.clear();
    auto emit = [&](std::size_t from, const Pt& last) {
        const auto begin = std::uint32_t(pts.size());
        pts.insert(pts.end(), stack.begin() + std::ptrdiff_t(from), stack.end());
        pts.push_back(last);
        loops.push_back({begin, std::uint32_t(pts.size())});
    };
    for (std::size_t t = 0; t < ids.size(); ++t) {
        const Pt& p = walk[t];
        const std::uint32_t id = ids[t];
        if (pos[id] == 0) {
            pos[id] = std::uint32_t(stack.size() + 1);
            stack.push_back(p);
            stack_ids.push_back(id);
            continue;
        }
        // p closes the loop stack[from ..]: cut it out, keep p once in the stack.
        const std::size_t from = pos[id] - 1;
        if (stack.size() - from >= 3) emit(from, p);
        for (std::size_t k = from + 1; k < stack.size(); ++k) pos[stack_ids[k]] = 0;
        stack.resize(from + 1);
        stack_ids.resize(from + 1);
    }
    for (auto id : stack_ids) pos[id] = 0;
    if (stack.size() >= 3) emit(0, stack.front());
}

// The piece next to `cur` in the list (after it, else before it) that starts at `end` and has some
// length, or pieces.size().
std::size_t follower(const std::vector<Seg>& pieces, std::size_t cur, const Pt& end) {
    const std::size_t n = pieces.size();
    if (cur + 1 < n && pieces[cur + 1].a == end && !(pieces[cur + 1].b == end)) return cur + 1;
    if (cur > 0 && pieces[cur - 1].a == end && !(pieces[cur - 1].b == end)) return cur - 1;
    return n;
}

double ring_area2(const Pt* r, std::size_t n) {
    double s = 0;
    for (std::size_t i = 0; i + 1 < n; ++i) s += cross_term(r[i], r[i + 1]);
    return s;
}

// The working memory of an assembly, kept per thread: an engine run assembles hundreds of small
// polygons, and fresh vectors for each cost more allocations than the walk itself.
struct Scratch {
    StartIndex starts;
    std::vector<char> used;
    std::vector<Assembly::Span> loops;
    std::vector<Pt> walk, stack;                    // a walk to cut (split_simple), its stack
    std::vector<std::uint32_t> ids, stack_ids;      // the walk's vertices (all but its last, the first again)
    // Per vertex id: the walk that last passed it (a walk passing a vertex twice is cut into loops);
    // walks are numbered across assemblies, so `seen` is never cleared, only grown with zeros.
    std::vector<std::uint32_t> seen, pos;           // pos: zero between walks (split_simple)
    std::uint32_t walks = 0;
    std::vector<std::size_t> shells, holes;
    std::vector<double> area2;
    std::vector<std::uint32_t> owner, count, fill;
};

}  // namespace

Assembly assemble_polygons(const std::vector<Seg>& pieces) {
    Assembly r;
    assemble_polygons(pieces, r);
    return r;
}

void assemble_polygons(const std::vector<Seg>& pieces, Assembly& r) {
    thread_local Scratch sc;
    r.pts.clear();
    r.rings.clear();
    r.polygons.clear();
    r.open_chains = 0;
    r.area2 = 0;
    const std::size_t n = pieces.size();
    StartIndex& starts = sc.starts;
    starts.build(pieces);
    std::vector<char>& used = sc.used;
    used.assign(n, 0);
    // Walks are written straight into r.pts (most close as one simple loop); `loops` in walk order.
    std::vector<Pt>& pts = r.pts;
    pts.reserve(n + n / 4 + 4);
    std::vector<Assembly::Span>& loops = sc.loops;
    loops.clear();
    std::vector<std::uint32_t>& ids = sc.ids;
    std::vector<std::uint32_t>& seen = sc.seen;
    if (seen.size() < starts.ids()) seen.resize(starts.ids(), 0);
    if (sc.walks > ~0u - std::uint32_t(n) - 1) {  // numbers would wrap in this assembly: start again
        std::fill(seen.begin(), seen.end(), 0);
        sc.walks = 0;
    }
    std::uint32_t walks = sc.walks;
    for (std::uint32_t i0 = 0; i0 < n; ++i0) {
        if (used[i0] || pieces[i0].a == pieces[i0].b) continue;
        used[i0] = 1;
        const Pt start = pieces[i0].a;
        const std::size_t mark = pts.size();
        pts.push_back(pieces[i0].a);
        pts.push_back(pieces[i0].b);
        ids.assign({starts.id(i0)});
        seen[ids[0]] = ++walks;
        std::size_t cur = i0;
        bool closed = false, twice = false;
        for (;;) {
            const Pt end = pieces[cur].b;
            if (end == start) {
                closed = true;
                break;
            }
            std::size_t pick = n;
            // Pieces mostly come in ring order (forward, or backward where reversed): a neighbour in
            // the list that starts here and is the only piece that does is the one way on, unhashed.
            if (const std::size_t j = follower(pieces, cur, end); j < n && starts.alone(std::uint32_t(j))) {
                if (used[j]) break;
                pick = j;
            }
            double best = -10;
            const double ix = pieces[cur].b.x - pieces[cur].a.x, iy = pieces[cur].b.y - pieces[cur].a.y;
            std::size_t options = 0;
            for (std::uint32_t it = pick < n ? StartIndex::kNone : starts.first(end); it != StartIndex::kNone;
                 it = starts.next(it)) {
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
            used[pick] = 1;
            cur = pick;
            const std::uint32_t id = starts.id(std::uint32_t(pick));
            twice |= seen[id] == walks;
            seen[id] = walks;
            ids.push_back(id);
            pts.push_back(pieces[cur].b);
        }
        if (!closed) {
            ++r.open_chains;
            pts.resize(mark);
        } else if (twice) {
            sc.walk.assign(pts.begin() + std::ptrdiff_t(mark), pts.end());
            pts.resize(mark);
            if (sc.pos.size() < starts.ids()) sc.pos.resize(starts.ids(), 0);
            split_simple(sc.walk, ids, sc.pos, sc.stack, sc.stack_ids, pts, loops);
        } else if (pts.size() - mark >= 4) {
            loops.push_back({std::uint32_t(mark), std::uint32_t(pts.size())});
        } else {
            pts.resize(mark);
        }
    }

    sc.walks = walks;

    // Shells and holes.
    std::vector<std::size_t>& shells = sc.shells;
    std::vector<std::size_t>& holes = sc.holes;
    shells.clear();
    holes.clear();
    std::vector<double>& area2 = sc.area2;
    area2.resize(loops.size());
    for (std::size_t i = 0; i < loops.size(); ++i) {
        area2[i] = ring_area2(&pts[loops[i].begin], loops[i].end - loops[i].begin);
        if (area2[i] > 0) shells.push_back(i);
        else if (area2[i] < 0) holes.push_back(i);
        r.area2 += area2[i];
    }
    if (shells.empty()) return;
    // Each hole's shell (shells.size(): none).
    std::vector<std::uint32_t>& owner = sc.owner;
    owner.assign(holes.size(), 0);
    if (shells.size() > 1 && !holes.empty()) {
        // Several shells: each hole to the smallest shell that holds it (boxes first, then a point of
        // the hole that is not on the shell).
        std::vector<Box> boxes(shells.size());
        for (std::size_t k = 0; k < shells.size(); ++k)
            for (std::uint32_t q = loops[shells[k]].begin; q < loops[shells[k]].end; ++q) boxes[k].add(pts[q]);
        BoxGrid grid;
        grid.build(boxes);
        std::vector<Poly> shell_poly(shells.size());
        std::vector<char> built(shells.size(), 0);
        std::vector<std::uint32_t> cands;
        std::vector<Seg> edges;
        for (std::size_t hi = 0; hi < holes.size(); ++hi) {
            const Assembly::Span hole = loops[holes[hi]];
            Box hb;
            for (std::uint32_t q = hole.begin; q < hole.end; ++q) hb.add(pts[q]);
            cands.clear();
            grid.query(hb, [&](std::uint32_t k) {
                if (boxes[k].x0 <= hb.x0 && boxes[k].y0 <= hb.y0 && boxes[k].x1 >= hb.x1 && boxes[k].y1 >= hb.y1)
                    cands.push_back(k);
            });
            std::sort(cands.begin(), cands.end(), [&](auto a, auto b) { return area2[shells[a]] < area2[shells[b]]; });
            std::size_t o = shells.size();
            if (cands.size() == 1) o = cands[0];
            for (std::size_t ci = 0; ci < cands.size() && o == shells.size(); ++ci) {
                auto k = cands[ci];
                if (!built[k]) {
                    const Assembly::Span shell = loops[shells[k]];
                    edges.clear();
                    for (std::uint32_t q = shell.begin; q + 1 < shell.end; ++q) edges.push_back({pts[q], pts[q + 1]});
                    shell_poly[k].add_edges(edges);
                    shell_poly[k].finish();
                    built[k] = 1;
                }
                for (std::uint32_t q = hole.begin; q < hole.end; ++q) {
                    auto l = shell_poly[k].locate(pts[q]);
                    if (l == Poly::PointLoc::On) continue;
                    if (l == Poly::PointLoc::In) o = k;
                    break;
                }
            }
            owner[hi] = std::uint32_t(o);
            if (o == shells.size()) r.area2 -= area2[holes[hi]];  // a hole in no shell: not part of the region
        }
    }
    // Polygon after polygon: its shell, then its holes in their order (a counting sort by owner).
    std::vector<std::uint32_t>& count = sc.count;
    count.assign(shells.size() + 1, 0);
    for (auto o : owner) ++count[o];
    r.polygons.resize(shells.size() + 1);
    std::uint32_t at = 0;
    for (std::size_t k = 0; k < shells.size(); ++k) {
        r.polygons[k] = at;
        at += 1 + count[k];
    }
    r.polygons[shells.size()] = at;
    r.rings.resize(at);
    std::vector<std::uint32_t>& fill = sc.fill;
    fill.resize(shells.size());
    for (std::size_t k = 0; k < shells.size(); ++k) {
        r.rings[r.polygons[k]] = loops[shells[k]];
        fill[k] = r.polygons[k] + 1;
    }
    for (std::size_t hi = 0; hi < holes.size(); ++hi)
        if (owner[hi] < shells.size()) r.rings[fill[owner[hi]]++] = loops[holes[hi]];
}

}  // namespace pc::planar
