#pragma once
// Process-wide memory settings for short-lived commands.

namespace pc {

// Lets the heap grow in large steps backed by transparent huge pages (Linux, where the kernel offers
// them on request), serves even the largest blocks from it, and keeps freed memory for reuse instead
// of returning it between steps. An
// analysis touches tens of megabytes once; in a virtual machine each 4 KB page fault costs
// microseconds, and 2 MB pages cut their number ~500-fold. The stretch of heap below its first 2 MB
// boundary (which cannot be a huge page, and whose length moves with the heap's random start) is set
// aside untouched, so that every run gets the same pages. Harmless elsewhere: a no-op where the calls
// are missing. Call once, early in main().
void prefer_huge_pages();

}  // namespace pc
