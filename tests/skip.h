#pragma once
// Skips are skips: a test case that cannot run here (no ../shared/data, no display, no XTEST, a tool
// missing) calls skip() and returns. The test binary's main (tests/main.cpp) then exits 77, which
// ctest reports as skipped (SKIP_RETURN_CODE 77), never as passed. Under CI=true nothing may be
// missing: skip() fails the test case instead.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace pc::test {

// Why each skipped test case of this process did not run (main prints them).
inline std::vector<std::string>& skipped() {
    static std::vector<std::string> reasons;
    return reasons;
}

inline bool in_ci() {
    const char* ci = std::getenv("CI");
    return ci && std::string(ci) == "true";
}

// The running test case cannot run: recorded as skipped (a warning says why); under CI=true a
// failure. The caller returns right after.
inline void skip(const std::string& why) {
    if (in_ci()) FAIL("CI=true, and this test cannot run: " << why);
    WARN("SKIPPED: " << why);
    skipped().push_back(Catch::getResultCapture().getCurrentTestName() + ": " + why);
}

// The real geodata: $PC_SHARED_DATA when set (point it at an empty folder to see the skips), else
// ../shared/data beside the source tree (the PC_SHARED_DATA definition of the test targets).
inline std::filesystem::path shared_data_dir() {
    if (const char* env = std::getenv("PC_SHARED_DATA"); env && *env) return env;
#ifdef PC_SHARED_DATA
    return PC_SHARED_DATA;
#else
    return std::filesystem::path(PC_SOURCE_DIR) / ".." / "shared" / "data";
#endif
}

// The path of `name` in the shared data, or "" after skip() when it is not there.
inline std::string shared_file(const std::string& name) {
    const auto p = shared_data_dir() / name;
    std::error_code ec;
    if (std::filesystem::exists(p, ec)) return p.string();
    skip(p.string() + " not found (the real-data tests need ../shared/data)");
    return "";
}

// True when there is an X display; else skip() (the window tests run under xvfb-run).
inline bool have_display() {
    const char* d = std::getenv("DISPLAY");
    if (d && *d) return true;
    skip("no DISPLAY: this test needs X (run it under xvfb-run)");
    return false;
}

}  // namespace pc::test
