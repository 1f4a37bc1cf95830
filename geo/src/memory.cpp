#include "geo/memory.h"

#include <cstdlib>  // defines __GLIBC__ where glibc is the C library

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#endif

namespace pc {

#if defined(__linux__) && defined(__GLIBC__)
namespace {
void* kept_head = nullptr;  // reachable, so that leak checkers see it is kept on purpose
}  // namespace
#endif

void prefer_huge_pages() {
#if defined(__linux__) && defined(__GLIBC__)
    // Every block from the heap, not one fresh mmap each (glibc's threshold stops at 32 MB; larger
    // blocks, a province's edge index, would be mapped anew and touched page by page each time);
    // freed memory is kept for reuse, never trimmed back mid-run. Jawa Timur's engine: 78k → 61k page
    // faults, 6 % less CPU.
    constexpr std::size_t kBlock = std::size_t(16) << 20, kBlocks = 8;
    mallopt(M_MMAP_THRESHOLD, int(2 * kBlock));
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, int(1) << 30);
    // Grow the heap once (virtual memory only: nothing is touched), keep it, and ask the kernel for
    // huge pages there.
    void* blocks[kBlocks] = {};
    std::uintptr_t lo = ~std::uintptr_t(0), hi = 0;
    for (auto& b : blocks) {
        b = std::malloc(kBlock);
        if (!b) break;
        const auto p = reinterpret_cast<std::uintptr_t>(b);
        lo = std::min(lo, p);
        hi = std::max(hi, p + kBlock);
    }
    for (auto* b : blocks) std::free(b);
    constexpr std::uintptr_t kHuge = std::uintptr_t(2) << 20;
    const std::uintptr_t start = lo;
    lo = (lo + kHuge - 1) & ~(kHuge - 1);
    hi &= ~(kHuge - 1);
    if (hi <= lo) return;
    madvise(reinterpret_cast<void*>(lo), hi - lo, MADV_HUGEPAGE);
    // The heap below its first 2 MB boundary cannot be a huge page (where the heap starts moves from
    // run to run): one block, never touched and never freed, takes that stretch, so that what comes
    // after lies in huge pages whatever the start. Kept only if it landed where the blocks began.
    const std::size_t head = lo - start;
    if (head > 4096) {
        void* pad = std::malloc(head - 64);
        if (reinterpret_cast<std::uintptr_t>(pad) != start) std::free(pad);
        else static_cast<void>(kept_head = pad);
    }
#endif
}

}  // namespace pc
