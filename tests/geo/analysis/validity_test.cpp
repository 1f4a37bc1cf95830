// The engine's fast validity test (certainly_valid) against GEOS's own: it may send a valid polygon
// to GEOS, but must never call an invalid one valid.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

#include "analysis/boundary_pass.h"
#include "analysis/validity.h"
#include "geo/geos.h"

using namespace pc;

namespace {

using PtRing = std::vector<planar::Pt>;
using Rings = std::vector<PtRing>;  // shell, then holes

// The polygons as the engine builds them (units.cpp): one Poly, a RingSpan per ring.
struct Built {
    planar::Poly poly;
    std::vector<planar::RingSpan> spans;
};

Built build(const std::vector<Rings>& polygons) {
    Built b;
    for (std::size_t a = 0; a < polygons.size(); ++a)
        for (std::size_t r = 0; r < polygons[a].size(); ++r) {
            const auto begin = std::uint32_t(b.poly.edges().size());
            b.poly.add_ring(polygons[a][r], r > 0);
            b.spans.push_back({begin, std::uint32_t(b.poly.edges().size()), std::uint32_t(a), r > 0});
        }
    b.poly.finish(false);
    return b;
}

bool fast_valid(const std::vector<Rings>& polygons) {
    const Built b = build(polygons);
    return planar::certainly_valid(b.poly, b.spans);
}

bool geos_valid(GeosContext& c, const std::vector<Rings>& polygons) {
    Geometry g;
    g.kind = GeometryKind::Polygon;
    for (auto& pg : polygons) {
        pc::Polygon out;
        for (auto& r : pg) {
            pc::Ring ring;
            for (auto& p : r) ring.push_back({p.x, p.y});
            ring.push_back(ring.front());
            out.rings.push_back(ring);
        }
        g.polygons.push_back(out);
    }
    return c.is_valid(c.from(g).get());
}

// A star-shaped ring around (cx, cy): n vertices at increasing angles, radii in [r0, r1].
PtRing star(std::mt19937_64& rng, double cx, double cy, std::size_t n, double r0, double r1) {
    std::uniform_real_distribution<double> radius(r0, r1), jitter(0.0, 0.9);
    PtRing r;
    for (std::size_t k = 0; k < n; ++k) {
        const double t = 2 * M_PI * (double(k) + jitter(rng)) / double(n);
        const double rr = radius(rng);
        r.push_back({cx + rr * std::cos(t), cy + rr * std::sin(t)});
    }
    return r;
}

// A star ring of n vertices (radii 500 to 1000 m) broken one way: two vertices swapped, one pulled far
// out and mirrored, or one moved to the centre (a spike). Mostly self-crossing; some stay valid.
enum class Break { Swap, PullOut, Spike };
PtRing broken_star(std::mt19937_64& rng, std::size_t n, Break how) {
    PtRing r = star(rng, 0, 0, n, 500, 1000);
    std::uniform_int_distribution<std::size_t> pick(0, n - 1);
    const std::size_t a = pick(rng), b = pick(rng);
    switch (how) {
        case Break::Swap: std::swap(r[a], r[b]); break;
        case Break::PullOut: r[a] = {r[a].x * 3.0, -r[a].y * 3.0}; break;
        case Break::Spike: r[a] = {0.0, 0.0}; break;
    }
    return r;
}

}  // namespace

TEST_CASE("fast validity: star-shaped desa with and without holes are valid for certain", "[analysis][validity]") {
    GeosContext c;
    std::mt19937_64 rng(31);
    for (std::size_t n : {3u, 4u, 17u, 94u, 500u, 3000u}) {
        INFO(n << " vertices");
        const Rings plain{star(rng, 1000, 2000, n, 800, 1200)};
        CHECK(geos_valid(c, {plain}));
        CHECK(fast_valid({plain}));
        // A hole well inside the shell, and a second polygon beside it.
        const std::size_t m = std::max<std::size_t>(n, 16);  // a shell round enough to hold the hole
        const Rings holed{star(rng, 0, 0, m, 800, 1200), star(rng, 0, 0, std::max<std::size_t>(m / 4, 3), 100, 300)};
        const Rings beside{star(rng, 5000, 0, n, 800, 1200)};
        CHECK(geos_valid(c, {holed, beside}));
        CHECK(fast_valid({holed, beside}));
    }
    // Thousands of vertices on one straight line (all in one row of any grid): still valid.
    PtRing thin;
    for (int k = 0; k <= 2000; ++k) thin.push_back({double(k), 0.0});
    thin.push_back({2000.0, 1.0});
    thin.push_back({0.0, 1.0});
    CHECK(geos_valid(c, {{thin}}));
    CHECK(fast_valid({{thin}}));
}

TEST_CASE("fast validity: never calls an invalid polygon valid", "[analysis][validity]") {
    GeosContext c;
    // Hand-made: a bow-tie, a ring touching itself at a vertex, a spike folding back on its edge,
    // a hole outside its shell, a hole touching its shell along an edge, one polygon inside another.
    const std::vector<std::vector<Rings>> invalid = {
        {{{{0, 0}, {10, 10}, {10, 0}, {0, 10}}}},
        {{{{0, 0}, {10, 0}, {5, 5}, {10, 10}, {0, 10}, {5, 5}}}},
        {{{{0, 0}, {10, 0}, {10, 10}, {5, 10}, {5, 15}, {5, 10}, {0, 10}}}},
        {{{{0, 0}, {10, 0}, {10, 10}, {0, 10}}, {{20, 20}, {22, 20}, {22, 22}}}},
        {{{{0, 0}, {10, 0}, {10, 10}, {0, 10}}, {{0, 2}, {0, 4}, {3, 3}}}},
        {{{{0, 0}, {10, 0}, {10, 10}, {0, 10}}}, {{{2, 2}, {4, 2}, {4, 4}, {2, 4}}}},
    };
    for (std::size_t k = 0; k < invalid.size(); ++k) {
        INFO("case " << k);
        CHECK_FALSE(geos_valid(c, invalid[k]));
        CHECK_FALSE(fast_valid(invalid[k]));
    }
    // A slit 1e-10 m wide (GEOS: valid, no two edges meet exactly): closer than 1e-9 m, GEOS decides.
    CHECK_FALSE(fast_valid({{{{0, 0}, {10, 0}, {10, 10}, {5.0 + 1e-10, 10}, {5, 5}, {5, 10}, {0, 10}}}}));
    // Random: star rings with two vertices swapped (mostly self-crossing) or a vertex pulled far out.
    std::mt19937_64 rng(77);
    std::size_t geos_invalid = 0, agreed_valid = 0;
    for (int trial = 0; trial < 400; ++trial) {
        const PtRing r = broken_star(rng, 5 + std::size_t(trial % 60), trial % 2 ? Break::Swap : Break::PullOut);
        const bool g = geos_valid(c, {{r}}), f = fast_valid({{r}});
        INFO("trial " << trial);
        if (f) CHECK(g);  // never a false "valid"
        geos_invalid += !g;
        agreed_valid += f && g;
    }
    CHECK(geos_invalid > 100);  // the random cases do test something
    CHECK(agreed_valid > 20);   // and the fast path still accepts the valid ones among them
}

TEST_CASE("fast validity in two halves: the boundary pass finds the contacts certainly_valid's sweep finds",
          "[analysis][validity]") {
    // The engine checks the rings (rings_well_formed) and lets the boundary pass find edges that meet;
    // over random rings, valid or crossing themselves, the two halves must say what the sweep says.
    std::mt19937_64 rng(5);
    std::size_t contacts = 0, clean = 0;
    for (int trial = 0; trial < 300; ++trial) {
        const std::size_t n = 4 + std::size_t(trial % 80);
        const PtRing r = trial % 3 == 0 ? star(rng, 0, 0, n, 500, 1000)
                                        : broken_star(rng, n, trial % 3 == 1 ? Break::Swap : Break::Spike);
        const Built b = build({{r}});
        const planar::Poly& poly = b.poly;
        const std::vector<planar::RingSpan>& spans = b.spans;
        if (!planar::rings_well_formed(poly, spans)) continue;
        // A neighbour far away, so that the pass has a second desa to index.
        const std::vector<planar::Poly> desa{poly, build({{star(rng, 10000, 0, 12, 500, 1000)}}).poly};
        const std::vector<std::vector<planar::RingSpan>> rings{spans, {}};
        const auto pass = planar::boundary_pass(desa, {0, 0}, 1, &rings);
        INFO("trial " << trial);
        REQUIRE(pass.self_contact.size() == 2);
        CHECK(bool(pass.self_contact[0]) == !planar::certainly_valid(poly, spans));
        contacts += pass.self_contact[0];
        clean += !pass.self_contact[0];
    }
    CHECK(contacts > 30);  // both kinds occur
    CHECK(clean > 30);
}
