// The boundary pass's edge index (edge_index.h) against brute force: a query reports every edge whose
// box meets the asked box, once, and NearGather groups them by owner.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <random>
#include <vector>

#include "analysis/edge_index.h"

using namespace pc;
using planar::Box;
using planar::Pt;
using planar::Seg;

namespace {

// Random polygons: star-shaped rings of 3..40 vertices, some with long spikes (edges over many
// cells), some tiny (many edges in one cell), around centres spread over a 1000 m square.
std::vector<planar::Poly> random_polys(std::mt19937& rng, int count) {
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<planar::Poly> polys(static_cast<std::size_t>(count));
    for (auto& p : polys) {
        const double cx = 1000 * u(rng), cy = 1000 * u(rng);
        const double r = u(rng) < 0.2 ? 2 : 10 + 150 * u(rng);
        const int n = 3 + int(38 * u(rng));
        std::vector<Pt> ring;
        for (int k = 0; k < n; ++k) {
            const double a = 2 * M_PI * k / n, rk = r * (u(rng) < 0.1 ? 4 : 0.5 + u(rng));
            ring.push_back({cx + rk * std::cos(a), cy + rk * std::sin(a)});
        }
        p.add_ring(ring, false);
        p.finish(false);
    }
    return polys;
}

// EdgeIndex::collect with callbacks, in its order: f(owner, edge) for the other owners' edges near b,
// own(edge) (when given) for those of `exclude` after `own_after`.
template <class F>
void query(const planar::EdgeIndex& index, const Box& b, std::uint32_t exclude, F&& f,
           const std::function<void(const Seg&)>& own = nullptr, const Seg* own_after = nullptr) {
    const planar::EdgeIndex::Cells cells = index.cells_of(b);
    const std::size_t room = index.items_in(cells);
    std::vector<const planar::EdgeIndex::Item*> out(room);
    const auto n = index.collect(b, cells, exclude, out.data(), room, bool(own), own_after);
    for (std::size_t k = 0; k < n.own; ++k) own(*out[room - 1 - k]->edge);
    for (std::size_t k = 0; k < n.other; ++k) f(out[k]->owner, *out[k]->edge);
}

bool meets(const Seg& e, const Box& b) { return Box::of(e.a, e.b).meets(b); }

// Boxes to ask about: the polygons' own edges grown by kTol (what the pass asks), and random boxes
// from a point to a few hundred metres.
std::vector<Box> query_boxes(std::mt19937& rng, const std::vector<planar::Poly>& polys) {
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<Box> boxes;
    for (auto& p : polys)
        for (std::size_t k = 0; k < p.edges().size(); k += 3)
            boxes.push_back(Box::of(p.edges()[k].a, p.edges()[k].b).grown(planar::kTol));
    for (int k = 0; k < 300; ++k) {
        const double x = -50 + 1100 * u(rng), y = -50 + 1100 * u(rng), w = k % 3 == 0 ? 0 : 300 * u(rng) * u(rng);
        boxes.push_back({x, y, x + w, y + w * u(rng)});
    }
    return boxes;
}

// Random polygons in an index, and boxes to ask it about.
struct Indexed {
    Indexed(unsigned seed, int count) : rng(seed), polys(random_polys(rng, count)) {
        for (auto& p : polys) ptrs.push_back(&p);
        index.build(ptrs);
        boxes = query_boxes(rng, polys);
    }
    std::mt19937 rng;
    std::vector<planar::Poly> polys;
    std::vector<const planar::Poly*> ptrs;
    planar::EdgeIndex index;
    std::vector<Box> boxes;
};

}  // namespace

TEST_CASE("edge index: a query reports each edge whose box meets the box once, own edges after own_after apart") {
    const Indexed in(7, 60);
    const auto& [rng, polys, ptrs, index, boxes] = in;
    std::size_t reported = 0, own_reported = 0;
    for (std::size_t q = 0; q < boxes.size(); ++q) {
        const Box& b = boxes[q];
        const auto exclude = std::uint32_t(q % polys.size());
        const auto& own_edges = polys[exclude].edges();
        const Seg* after = &own_edges[q % own_edges.size()];
        std::map<const Seg*, int> seen, own_seen;
        query(index, 
            b, exclude,
            [&](std::uint32_t owner, const Seg& e) {
                CHECK(owner != exclude);
                CHECK(&e >= polys[owner].edges().data());
                CHECK(&e < polys[owner].edges().data() + polys[owner].edges().size());
                ++seen[&e];
            },
            [&](const Seg& e) { ++own_seen[&e]; }, after);
        std::map<const Seg*, int> want, own_want;
        for (std::uint32_t i = 0; i < polys.size(); ++i)
            for (auto& e : polys[i].edges()) {
                if (!meets(e, b)) continue;
                if (i != exclude) want[&e] = 1;
                else if (&e > after) own_want[&e] = 1;
            }
        REQUIRE(seen == want);
        REQUIRE(own_seen == own_want);
        reported += seen.size();
        own_reported += own_seen.size();
    }
    // The boxes reach both one-cell and many-cell queries, and find something.
    CHECK(reported > 1000);
    CHECK(own_reported > 50);
}

TEST_CASE("edge index: a query reports in the order of its cells, row by row, each edge from its first cell there") {
    // The order is part of the outputs (split_locate breaks ties in it): the reference walks the
    // query's cells and, in each, every polygon's edges in order, taking an edge that lies in the cell
    // (its own cells from cells_of its box) at the first cell it shares with the query.
    const Indexed in(5, 60);
    const auto& [rng, polys, ptrs, index, boxes] = in;
    std::size_t wide = 0, tall = 0;
    for (std::size_t q = 0; q < boxes.size(); ++q) {
        const Box& b = boxes[q];
        const auto exclude = std::uint32_t(q % polys.size());
        const Seg* after = &polys[exclude].edges()[q % polys[exclude].edges().size()];
        std::vector<const Seg*> got, own_got;
        query(index, 
            b, exclude, [&](std::uint32_t, const Seg& e) { got.push_back(&e); },
            [&](const Seg& e) { own_got.push_back(&e); }, after);
        const planar::EdgeIndex::Cells qc = index.cells_of(b);
        std::vector<const Seg*> want, own_want;
        for (int y = qc.y0; y <= qc.y1; ++y)
            for (int x = qc.x0; x <= qc.x1; ++x)
                for (std::uint32_t i = 0; i < polys.size(); ++i)
                    for (auto& e : polys[i].edges()) {
                        const planar::EdgeIndex::Cells ec = index.cells_of(Box::of(e.a, e.b));
                        if (x < ec.x0 || x > ec.x1 || y < ec.y0 || y > ec.y1) continue;
                        if (x != std::max(ec.x0, qc.x0) || y != std::max(ec.y0, qc.y0) || !meets(e, b)) continue;
                        if (i != exclude) want.push_back(&e);
                        else if (&e > after) own_want.push_back(&e);
                    }
        REQUIRE(got == want);
        REQUIRE(own_got == own_want);
        wide += qc.x1 - qc.x0 >= 2;
        tall += qc.y1 > qc.y0;
    }
    // Queries of one or two columns and of more, of one row and of more.
    CHECK(wide > 20);
    CHECK(tall > 100);
}

TEST_CASE("edge index: NearGather groups an edge's near edges by owner, owners in the order they first come") {
    const Indexed in(11, 40);
    const auto& [rng, polys, ptrs, index, boxes] = in;
    planar::NearGather near;
    std::size_t several = 0;
    for (std::size_t q = 0; q < boxes.size(); ++q) {
        const auto exclude = std::uint32_t(q % polys.size());
        // The order the index reports in, owner by owner.
        std::vector<std::pair<std::uint32_t, const Seg*>> order;
        query(index, boxes[q], exclude, [&](std::uint32_t owner, const Seg& e) { order.push_back({owner, &e}); });
        std::vector<std::uint32_t> owners;
        for (auto& [owner, e] : order)
            if (std::find(owners.begin(), owners.end(), owner) == owners.end()) owners.push_back(owner);
        const std::size_t nc = near.gather(index, ptrs, boxes[q], exclude);
        REQUIRE(nc == owners.size());
        several += nc > 1;
        for (std::size_t c = 0; c < nc; ++c) {
            const planar::NearEdges& ne = near[c];
            CHECK(ne.owner == owners[c]);
            CHECK(ne.poly == &polys[owners[c]]);
            std::vector<const Seg*> want;
            for (auto& [owner, e] : order)
                if (owner == owners[c]) want.push_back(e);
            REQUIRE(std::vector<const Seg*>(ne.edges, ne.edges + ne.count) == want);
        }
    }
    CHECK(several > 50);
}

TEST_CASE("clamped_cell: the cell of a coordinate, values outside in the first or last cell") {
    // The branchy definition it stands for.
    auto reference = [](double v, double origin, double inv, int n) {
        const double k = (v - origin) * inv;
        return k < 0 ? 0 : k >= n ? n - 1 : int(k);
    };
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> u(-20, 120);
    for (int k = 0; k < 20000; ++k) {
        const int n = 1 + k % 97;
        const double inv = n / 100.0, v = u(rng);
        REQUIRE(planar::clamped_cell(v, 0, inv, n) == reference(v, 0, inv, n));
    }
    CHECK(planar::clamped_cell(-1e-300, 0, 1, 10) == 0);
    CHECK(planar::clamped_cell(-0.0, 0, 1, 10) == 0);
    CHECK(planar::clamped_cell(9.999999, 0, 1, 10) == 9);
    CHECK(planar::clamped_cell(10, 0, 1, 10) == 9);
    CHECK(planar::clamped_cell(1e300, 0, 1, 10) == 9);
    CHECK(planar::clamped_cell(3.5, 1, 2, 10) == 5);
}
