#include "geo/parallel.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace pc {

unsigned worker_count() {
    if (const char* env = std::getenv("PC_THREADS")) {
        int n = std::atoi(env);
        if (n > 0) return unsigned(n);
    }
    return std::max(1u, std::thread::hardware_concurrency());
}

void parallel_for(std::size_t n, const std::function<void(std::size_t, unsigned)>& fn) {
    if (n == 0) return;
    unsigned workers = unsigned(std::min<std::size_t>(worker_count(), n));
    if (workers == 1) {
        for (std::size_t i = 0; i < n; ++i) fn(i, 0);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr first;
    std::mutex m;
    auto work = [&](unsigned w) {
        for (std::size_t i; !failed && (i = next.fetch_add(1)) < n;) {
            try {
                fn(i, w);
            } catch (...) {
                std::lock_guard lock(m);
                if (!first) first = std::current_exception();
                failed = true;
            }
        }
    };
    std::vector<std::thread> threads;
    for (unsigned w = 1; w < workers; ++w) threads.emplace_back(work, w);
    work(0);
    for (auto& t : threads) t.join();
    if (first) std::rethrow_exception(first);
}

}  // namespace pc
