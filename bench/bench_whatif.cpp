// What-if while dragging: 1,000 random moves of one facility (a 2 km buffer), each answered with the
// desa, kecamatan and district figures the panel shows, as the map application asks for them.
//
//   pc_bench_whatif PROJECT [--moves N] [--radius M] [--seed S] [--engine-runs N]
//
// Prints "moves=N p50_ms=... p95_ms=... max_ms=... desa_touched_mean=...". The facility moved is the
// project's first facility with a point geometry (its radius set to --radius); each move puts it at
// a uniformly random point of the district's envelope. `--engine-runs N` instead builds and runs the
// engine N times (for profiling) and prints the CPU time of each.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <sys/resource.h>

#include "geo/analysis/engine.h"
#include "geo/io/project_file.h"
#include "geo/memory.h"

using namespace pc;

namespace {

double cpu_s() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    std::size_t i = std::min(v.size() - 1, std::size_t(q * double(v.size() - 1) + 0.5));
    return v[i];
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: pc_bench_whatif PROJECT [--moves N] [--radius M] [--seed S] [--engine-runs N]\n");
        return 1;
    }
    prefer_huge_pages();
    std::string path = argv[1];
    int moves = 1000, seed = 1, engine_runs = 0;
    double radius = 2000;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--moves")) moves = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--radius")) radius = std::atof(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--seed")) seed = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--engine-runs")) engine_runs = std::atoi(argv[i + 1]);
    }
    Project p = load_project(path);
    AnalysisOptions opt;
    opt.use_population_grid = false;
    if (engine_runs > 0) {
        for (int r = 0; r < engine_runs; ++r) {
            rusage u0{};
            getrusage(RUSAGE_SELF, &u0);
            double c0 = cpu_s();
            CoverageEngine e(p, opt);
            double c1 = cpu_s();
            auto result = e.run(p);
            double c2 = cpu_s();
            rusage u1{};
            getrusage(RUSAGE_SELF, &u1);
            std::printf("run %d: prepare %.2f ms, run %.2f ms CPU (%zu services, %ld page faults);", r, (c1 - c0) * 1e3,
                        (c2 - c1) * 1e3, result.services.size(), u1.ru_minflt - u0.ru_minflt);
            for (auto& ph : e.preparation_phases()) std::printf(" %s %.2f;", ph.name.c_str(), ph.ms);
            std::printf("\n");
        }
        return 0;
    }
    const Facility* moved = nullptr;
    for (auto& f : p.facilities)
        if (f.geometry.kind == GeometryKind::Point && f.geometry.points.size() == 1 && !f.type.empty()) {
            moved = &f;
            break;
        }
    if (!moved) {
        std::fprintf(stderr, "%s: no point facility to move\n", path.c_str());
        return 2;
    }
    Envelope env;
    for (auto& d : p.desa) env.expand(d.geometry.envelope());
    CoverageEngine engine(p, opt);
    ServiceFeature before{moved->type, moved->id, moved->geometry, radius};
    std::mt19937_64 rng{std::uint64_t(seed)};
    std::uniform_real_distribution<double> ux(env.min_x, env.max_x), uy(env.min_y, env.max_y);
    std::vector<double> ms;
    double touched = 0;
    for (int i = 0; i < moves; ++i) {
        ServiceFeature after = before;
        after.geometry = Geometry::point(ux(rng), uy(rng));
        auto t0 = std::chrono::steady_clock::now();
        WhatIfResult r = engine.what_if(FeatureChange{before, after});
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        touched += double(r.desa_touched);
        volatile double keep = r.district.covered_km2_delta + (r.kecamatan.empty() ? 0 : r.kecamatan[0].covered_km2_delta);
        (void)keep;
    }
    std::printf("moves=%d p50_ms=%.4f p95_ms=%.4f max_ms=%.4f desa_touched_mean=%.1f\n", moves, percentile(ms, 0.5),
                percentile(ms, 0.95), percentile(ms, 1.0), touched / std::max(1, moves));
    return 0;
}
