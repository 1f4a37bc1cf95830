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

void prefer_huge_pages() {
#if defined(__linux__) && defined(__GLIBC__)
    // Blocks up to 32 MB (glibc's ceiling for this setting) from the heap, not one fresh mmap each;
    // freed memory is kept for reuse, never trimmed back mid-run.
    constexpr std::size_t kBlock = std::size_t(16) << 20, kBlocks = 8;
    mallopt(M_MMAP_THRESHOLD, int(2 * kBlock));
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
    lo = (lo + kHuge - 1) & ~(kHuge - 1);
    hi &= ~(kHuge - 1);
    if (hi > lo) madvise(reinterpret_cast<void*>(lo), hi - lo, MADV_HUGEPAGE);
#endif
}

}  // namespace pc
