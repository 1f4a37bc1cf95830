// The test binaries' main: Catch2's, plus the skip convention of tests/skip.h — when a test case
// of this run was skipped and none failed, exit 77 (ctest SKIP_RETURN_CODE: reported as skipped).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <iostream>

#include "skip.h"

int main(int argc, char* argv[]) {
    const int failed = Catch::Session().run(argc, argv);
    if (failed != 0) return failed == 77 ? 1 : failed;  // a failure is never read as a skip
    if (pc::test::skipped().empty()) return 0;
    std::cout << "SKIPPED (exit 77): " << pc::test::skipped().size() << " test case(s) could not run here:\n";
    for (const auto& why : pc::test::skipped()) std::cout << "  " << why << "\n";
    return 77;
}
