#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer: scripts/sanitize.sh [CTEST ARGS]
#
# Builds everything (core, CLI, application, tests, fuzz-regression replays) into build-sanitize/
# with -fsanitize=address,undefined (GCC, as the ordinary build) and runs ctest there, under a
# virtual display when there is none. Any sanitizer report fails its test: UBSan does not recover,
# ASan aborts on the first error. Leak checks are on for our programs; leaks inside the system's
# libraries that we cannot fix are listed in scripts/lsan.supp. -O1 (as ASan advises) and light debug
# info keep the build time reasonable. Extra arguments go to ctest (e.g. -R "geo:").
set -euo pipefail
cd "$(dirname "$0")/.."
B=build-sanitize
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache); fi
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1" "${launcher[@]}" \
  -DCMAKE_C_FLAGS="$SAN" -DCMAKE_CXX_FLAGS="$SAN" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DPC_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$B" -j"${PC_JOBS:-2}"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$(pwd)/scripts/lsan.supp:print_suppressions=0"
cd "$B"
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24 -noreset" ctest --output-on-failure -j"${PC_JOBS:-2}" "$@"
fi
exec ctest --output-on-failure -j"${PC_JOBS:-2}" "$@"
