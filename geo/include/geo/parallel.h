#pragma once
// Work spread over all cores. Each worker gets its own index so it can own a GeosContext.
#include <cstddef>
#include <functional>

namespace pc {

// Work smaller than this many edges (or boundary pieces, or vertices) — some 30 ms on one core — runs
// on the calling thread: threads add CPU time (starting them, waiting, colder caches: 3-6 % on a
// district of 200-400 desa), and a district's whole analysis is over before they would pay off. A
// province (a million desa edges) still runs on every core.
inline constexpr std::size_t kParallelFrom = 100000;

// Number of workers parallel_for uses (hardware threads, at least 1; PC_THREADS overrides).
unsigned worker_count();

// Calls fn(i, worker) for i in [0, n) on worker_count() threads; worker is in [0, worker_count()).
// Exceptions thrown by fn are rethrown (the first one) after all workers stop.
void parallel_for(std::size_t n, const std::function<void(std::size_t i, unsigned worker)>& fn);

}  // namespace pc
