// Site suggestion against the exact optimum, on every seed district of ../shared/data.
//
// The maximal covering problem is solved exactly as an integer program with GLPK: binaries x_j for
// the candidates, atoms a = the uncovered population pieces split by every candidate disc (GEOS,
// here; the discs are GEOS's own buffers of the candidate points), merged by the set of discs
// covering them, weight w_a = persons, y_a ≤ Σ_{j covers a} x_j, Σ x_j = N, maximise Σ w_a y_a.
// For N = 1..5 with desa-centre candidates, prints the gap of the suggestion (greedy + swaps) to the
// optimum; passes when every gap is under 1 % and most are 0. Also checks that the suggestion's own
// value equals the atoms' count of it, and that `analyze` after placing the five sites finds the same
// people added. Exit 77 (skipped) without ../shared/data, 1 then under CI=true.
#include <glpk.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "geo/analysis/engine.h"
#include "geo/analysis/suggest.h"
#include "geo/geos.h"
#include "geo/io/district.h"

using namespace pc;

namespace {

struct Atoms {
    std::vector<std::vector<int>> covers;  // per atom: the candidates whose disc covers it
    std::vector<double> weight;            // persons
};

Atoms build_atoms(const SuggestProblem& prob) {
    GeosContext c;
    std::vector<GeomPtr> discs;
    std::vector<PreparedPtr> prepared;
    std::vector<Envelope> envs;
    for (auto& p : prob.centres) {
        auto pt = c.from(Geometry::point(p.x, p.y));
        discs.push_back(c.buffer(pt.get(), prob.radius_m, prob.quadrant_segments));
        prepared.push_back(c.prepare(discs.back().get()));
        envs.push_back(c.envelope(discs.back().get()));
    }
    std::map<std::vector<int>, double> merged;
    for (auto& piece : prob.demand) {
        struct Part {
            GeomPtr g;
            std::vector<int> sig;
        };
        std::vector<Part> parts;
        parts.push_back({c.from(piece.local), {}});
        const Envelope pe = c.envelope(parts[0].g.get());
        for (std::size_t j = 0; j < discs.size(); ++j) {
            if (!envs[j].intersects(pe)) continue;
            std::vector<Part> next;
            for (auto& part : parts) {
                if (c.check_predicate(GEOSPreparedCovers_r(c.get(), prepared[j].get(), part.g.get()), "covers")) {
                    part.sig.push_back(int(j));
                    next.push_back(std::move(part));
                } else if (c.check_predicate(GEOSPreparedIntersects_r(c.get(), prepared[j].get(), part.g.get()), "intersects")) {
                    auto in = c.polygonal_part(c.intersection(part.g.get(), discs[j].get()).get());
                    auto out = c.polygonal_part(c.difference(part.g.get(), discs[j].get()).get());
                    if (c.area(in.get()) > 0) {
                        auto sig = part.sig;
                        sig.push_back(int(j));
                        next.push_back({std::move(in), std::move(sig)});
                    }
                    if (c.area(out.get()) > 0) next.push_back({std::move(out), part.sig});
                } else {
                    next.push_back(std::move(part));
                }
            }
            parts = std::move(next);
        }
        for (auto& part : parts)
            if (!part.sig.empty()) merged[part.sig] += piece.density * c.area(part.g.get());
    }
    Atoms a;
    for (auto& [sig, w] : merged) {
        a.covers.push_back(sig);
        a.weight.push_back(w);
    }
    return a;
}

double value_of(const Atoms& a, const std::vector<std::size_t>& chosen) {
    double sum = 0;
    for (std::size_t k = 0; k < a.covers.size(); ++k) {
        bool hit = false;
        for (int j : a.covers[k])
            for (auto s : chosen) hit |= std::size_t(j) == s;
        if (hit) sum += a.weight[k];
    }
    return sum;
}

// The optimum of the maximal covering integer program (GLPK branch and cut, no gap tolerance).
double optimum(const Atoms& a, std::size_t candidates, std::size_t n) {
    glp_prob* lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    const int nx = int(candidates), ny = int(a.covers.size());
    glp_add_cols(lp, nx + ny);
    for (int j = 1; j <= nx; ++j) glp_set_col_kind(lp, j, GLP_BV);
    for (int k = 0; k < ny; ++k) {
        glp_set_col_bnds(lp, nx + k + 1, GLP_DB, 0.0, 1.0);
        glp_set_obj_coef(lp, nx + k + 1, a.weight[std::size_t(k)]);
    }
    glp_add_rows(lp, ny + 1);
    std::vector<int> ia{0}, ja{0};
    std::vector<double> ar{0};
    for (int k = 0; k < ny; ++k) {
        glp_set_row_bnds(lp, k + 1, GLP_UP, 0.0, 0.0);  // y_a - Σ x_j ≤ 0
        ia.push_back(k + 1), ja.push_back(nx + k + 1), ar.push_back(1.0);
        for (int j : a.covers[std::size_t(k)]) ia.push_back(k + 1), ja.push_back(j + 1), ar.push_back(-1.0);
    }
    glp_set_row_bnds(lp, ny + 1, GLP_FX, double(n), double(n));  // Σ x_j = N
    for (int j = 1; j <= nx; ++j) ia.push_back(ny + 1), ja.push_back(j), ar.push_back(1.0);
    glp_load_matrix(lp, int(ia.size()) - 1, ia.data(), ja.data(), ar.data());
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;
    parm.msg_lev = GLP_MSG_OFF;
    parm.mip_gap = 0.0;
    const int rc = glp_intopt(lp, &parm);
    const int status = glp_mip_status(lp);
    const double v = glp_mip_obj_val(lp);
    glp_delete_prob(lp);
    if (rc != 0 || status != GLP_OPT) {
        std::fprintf(stderr, "GLPK did not prove an optimum (rc %d, status %d)\n", rc, status);
        std::exit(1);
    }
    return v;
}

double covered(const Project& p, const std::string& service) {
    CoverageEngine e(p);
    return e.run(p).service(service)->district.covered_population;
}

}  // namespace

int main() {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    namespace fs = std::filesystem;
    const fs::path data = PC_SHARED_DATA;
    if (!fs::exists(data / "kab_pasuruan_3514.gpkg")) {
        const char* ci = std::getenv("CI");
        std::printf("../shared/data absent (%s): the exactness test of site suggestion is skipped\n", data.c_str());
        return ci && std::string(ci) == "true" ? 1 : 77;
    }
    struct District {
        const char* file;
        const char* service;
    };
    // Cell sites where the district has them (Kota Pasuruan's cover everyone: schools there, none
    // mapped); puskesmas elsewhere (Pamekasan: its health facilities; Padang Pariaman: none).
    const District districts[] = {{"kab_pasuruan_3514.gpkg", "bts"},
                                  {"kota_pasuruan_3575.gpkg", "sekolah"},  // its towers cover everyone
                                  {"kab_padang_pariaman_1305.gpkg", "puskesmas"},
                                  {"kab_pamekasan_3528.gpkg", "puskesmas"}};
    int failures = 0, runs = 0, zero = 0;
    double worst = 0;
    std::printf("%-30s %-10s %4s %5s %14s %14s %10s %12s %12s\n", "district", "service", "N", "cand", "suggested", "optimum",
                "gap", "greedy gap", "1-swap gap");
    for (auto& d : districts) {
        DistrictOptions opt;
        Project p = load_district((data / d.file).string(), opt);
        for (auto& t : default_facility_types())
            if (!p.facility_type(t.key)) p.settings.facility_types.push_back(t);
        CoverageEngine e(p);
        SuggestOptions o;
        o.service = d.service;
        o.source = CandidateSource::DesaCentres;
        const SuggestProblem prob = suggest_problem(e, p, o);
        const Atoms atoms = build_atoms(prob);
        for (std::size_t n = 1; n <= 5; ++n) {
            o.count = n;
            const SuggestResult r = suggest_sites(e, p, o);
            std::vector<std::size_t> chosen;
            for (auto& s : r.sites) chosen.push_back(s.candidate);
            const double ours = value_of(atoms, chosen);
            const double best = optimum(atoms, prob.centres.size(), n);
            const double gap = best > 0 ? (best - ours) / best : 0;
            ++runs;
            zero += gap <= 1e-9;
            worst = std::max(worst, gap);
            // For the record: greedy alone, and greedy with single swaps only (no pair moves).
            auto gap_of = [&](bool swaps, std::size_t pair_candidates) {
                SuggestOptions q = o;
                q.swaps = swaps;
                q.pair_candidates = pair_candidates;
                std::vector<std::size_t> c;
                for (auto& s : suggest_sites(e, p, q).sites) c.push_back(s.candidate);
                return best > 0 ? (best - value_of(atoms, c)) / best : 0;
            };
            std::printf("%-30s %-10s %4zu %5zu %14.3f %14.3f %9.4f%% %11.4f%% %11.4f%%\n", d.file, d.service, n,
                        prob.centres.size(), ours, best, 100 * gap, 100 * gap_of(false, 0), 100 * gap_of(true, 0));
            if (std::abs(ours - r.people_added) > 1e-6 * std::max(1.0, ours)) {
                std::printf("  FAIL: the suggestion counts %.6f people, the atoms %.6f\n", r.people_added, ours);
                ++failures;
            }
            if (gap >= 0.01 || ours > best * (1 + 1e-9) + 1e-6) {
                std::printf("  FAIL: gap %.6f\n", gap);
                ++failures;
            }
            if (n == 5) {
                Project placed = p;
                for (auto& s : r.sites) {
                    Facility f;
                    f.id = "00000000-0000-4000-8000-" + std::string(12 - std::to_string(placed.facilities.size()).size(), '0') +
                           std::to_string(placed.facilities.size());
                    f.type = d.service;
                    f.geometry = Geometry::point(s.lonlat.x, s.lonlat.y);
                    f.radius_m = r.radius_m;
                    placed.facilities.push_back(f);
                }
                const double added = covered(placed, d.service) - covered(p, d.service);
                std::printf("  analyze after placing the 5 sites: %.6f people added (suggestion: %.6f)\n", added, r.people_added);
                if (std::abs(added - r.people_added) > 1e-6 * std::max(1.0, added)) ++failures;
            }
        }
    }
    std::printf("%d of %d runs at the optimum, worst gap %.4f%%\n", zero, runs, 100 * worst);
    if (2 * zero <= runs) {
        std::printf("FAIL: fewer than half at the optimum\n");
        ++failures;
    }
    return failures ? 1 : 0;
}
