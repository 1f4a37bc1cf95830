#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer: scripts/sanitize.sh [CTEST ARGS]
#
# Builds everything (core, CLI, application, tests, fuzz-regression replays) into build-sanitize/
# with -fsanitize=address,undefined (GCC, as the ordinary build) and runs ctest there, under a
# virtual display when there is none. Any sanitizer report fails its test: UBSan does not recover,
# ASan aborts on the first error. Leak checks are on for our programs; reports inside the system's
# libraries that we cannot fix are listed, each with its reason, in scripts/asan.supp and
# scripts/lsan.supp. -O1 (as ASan advises) and light debug info keep the build time reasonable.
# Extra arguments go to ctest (e.g. -R "geo:").
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

# LeakSanitizer loses the roots held by a library unloaded with dlclose (Mesa's GL drivers are, at
# exit): what they still point to is then reported as leaked "from an unknown module". A no-op
# dlclose, preloaded into every process of the run, keeps them mapped (ASan then does not come first
# in the link order: allowed with verify_asan_link_order=0).
printf '#include <dlfcn.h>\nint dlclose(void* handle) { (void)handle; return 0; }\n' > "$B/no_dlclose.c"
cc -shared -fPIC -o "$B/no_dlclose.so" "$B/no_dlclose.c"
export LD_PRELOAD="$(pwd)/$B/no_dlclose.so${LD_PRELOAD:+:$LD_PRELOAD}"
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:verify_asan_link_order=0:suppressions=$(pwd)/scripts/asan.supp"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$(pwd)/scripts/lsan.supp:print_suppressions=0"
# Mesa's llvmpipe draws on the calling thread: its rasterizer threads, still winding down when a
# drawing process exits, are where LeakSanitizer's stop-the-world tracer crashed ("Tracer caught
# signal 11", no report) in one test of a full run.
export LP_NUM_THREADS=0
cd "$B"
run_ctest() {
  if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
    xvfb-run -a -s "-screen 0 1600x1000x24 -noreset" ctest --output-on-failure -j"${PC_JOBS:-2}" "$@"
  else
    ctest --output-on-failure -j"${PC_JOBS:-2}" "$@"
  fi
}
log=sanitize_ctest.log
set +e
run_ctest "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
# Should the tracer still crash (a failure of the tool before it checked anything, never a report),
# the failed tests run once more; a sanitizer report anywhere stands as it is.
if [ "$rc" -ne 0 ] && grep -q "Tracer caught signal" "$log" &&
   ! grep -Eq "ERROR: (AddressSanitizer|LeakSanitizer: detected)|runtime error:" "$log"; then
  echo "sanitize.sh: LeakSanitizer's tracer crashed at exit ($(grep -c "Tracer caught signal" "$log")x): running the failed tests once more"
  if run_ctest --rerun-failed; then rc=0; else rc=$?; fi
fi
exit "$rc"
