# Sourced by the shell tests: the same skip convention as tests/skip.h.
# PC_SHARED_DATA in the environment points the tests at another copy of ../shared/data (or at an
# empty folder, to see the skips).
# skip WHY: exit 77 (ctest SKIP_RETURN_CODE: skipped); under CI=true nothing may be missing: exit 1.
skip() {
    if [ "${CI:-}" = "true" ]; then echo "FAIL (CI=true, this test cannot run): $*" >&2; exit 1; fi
    echo "SKIPPED: $*" >&2
    exit 77
}
