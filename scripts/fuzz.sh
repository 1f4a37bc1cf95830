#!/usr/bin/env bash
# Fuzzes the import path and the project loader: scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Builds the libFuzzer targets (tests/fuzz) with Debian's clang-14 and AddressSanitizer +
# UndefinedBehaviorSanitizer into build-fuzz/, builds the seed corpus into build-fuzz/corpus/ from
# ../shared/data (scripts/fuzz_corpus.py) beside the committed seeds (tests/fuzz/seeds/), and runs
# each target for SECONDS (default 60), one after the other, niced. A crash, a leak, a timeout or a
# sanitizer report is kept as tests/fuzz/regressions/<target>/<kind>-<sha1>: commit it with the fix;
# the ctest "fuzz: <target> seeds and regressions" replays it in every build from then on.
# Targets: import_csv import_geojson import_gpkg import_shp project (default: all).
# PC_FUZZ_RUNS=N ends a target after N execs when that comes before SECONDS (an exec goal: e.g.
# PC_FUZZ_RUNS=1000000 scripts/fuzz.sh 3600). Inputs are at most max_len() bytes each (below).
# Prints the execs and findings of each target; exits 1 when any target found something.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-60}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(import_csv import_geojson import_gpkg import_shp project)
B=build-fuzz
SHARED="${PC_SHARED_DATA:-$(pwd)/../shared/data}"

# clang-14 and its sanitizer and libFuzzer runtimes (Debian: clang-14, libclang-rt-14-dev); python3
# for the corpus script. Only this script needs them.
need=()
command -v clang++-14 >/dev/null || need+=(clang-14)
[ -e /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a ] || need+=(libclang-rt-14-dev)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi

launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache); fi
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  "${launcher[@]}" -DCMAKE_C_FLAGS="$SAN -fsanitize=fuzzer-no-link" -DCMAKE_CXX_FLAGS="$SAN -fsanitize=fuzzer-no-link" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DPC_BUILD_GUI=OFF -DPC_BUILD_BENCHMARKS=OFF -DPC_BUILD_FUZZERS=ON >/dev/null
cmake --build "$B" -j2 --target petacerdas $(printf 'pc_fuzz_%s ' "${TARGETS[@]}")

# The corpus: fresh seeds from the shared data each run, plus what earlier runs found.
if [ -d "$SHARED" ]; then
  # No leak checks while petacerdas builds the project seeds (LeakSanitizer is the fuzzers' job).
  ASAN_OPTIONS=detect_leaks=0 python3 scripts/fuzz_corpus.py "$SHARED" "$B/corpus" "$B/app/cli/petacerdas"
else
  echo "fuzz: $SHARED not found: only the committed seeds (tests/fuzz/seeds) are used" >&2
fi

# Inputs at most a little larger than the largest seed (scripts/fuzz_corpus.py keeps them small:
# GeoPackages at SQLite's 512-byte pages): longer inputs only cost time to write and open.
max_len() {
  case "$1" in
    import_csv) echo 8192 ;;
    import_geojson | import_shp) echo 24576 ;;
    import_gpkg) echo 40960 ;;
    project) echo 204800 ;;
  esac
}

# Leaks inside system libraries we cannot fix (each one named there); ours are findings.
export LSAN_OPTIONS="suppressions=$(pwd)/scripts/lsan.supp:print_suppressions=0"
# Allocation and free stacks two frames deep. ASan keeps every distinct stack it records for good,
# and its fast unwinder reads garbage past the first frames inside GDAL, PROJ and SQLite (built
# without frame pointers): nearly every call made a "new" stack, 0.1 MB per Shapefile input that
# never came back (2.3 million stacks, 115 MB, after 900 inputs; the Shapefile fuzzer at 1.4 GB rss
# after 20,000 execs) and a quarter of its CPU time. Errors are caught as before; a kept input
# replayed by its ctest under scripts/sanitize.sh shows the full stacks.
# A 16 MB quarantine (ASan's default: 256 MB): a freed block still waits behind 16 MB of others before
# its reuse (use-after-free caught as before within that), but new blocks come from memory still in
# the caches: the Shapefile fuzzer spent over a third of its time in the allocator, on loads of fresh
# blocks and their shadow that missed the caches,
# 118 -> 159 exec/s.
export ASAN_OPTIONS="malloc_context_size=2:quarantine_size_mb=16${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
found=0
summary=()
for t in "${TARGETS[@]}"; do
  mkdir -p "$B/corpus/$t" "tests/fuzz/regressions/$t"
  before=$(find "tests/fuzz/regressions/$t" -type f | wc -l)
  log="$B/fuzz_$t.log"
  touch "$B/.started_$t"
  echo "== fuzzing $t for $SECONDS_EACH s (log: $log)"
  set +e
  # The first corpus folder receives new inputs; the committed seeds (where a target has any: git
  # keeps no empty folder, and libFuzzer stops at a missing one) are read only.
  seeds=()
  [ -d "tests/fuzz/seeds/$t" ] && seeds=("tests/fuzz/seeds/$t")
  nice -n 10 "$B/tests/fuzz/pc_fuzz_$t" -max_total_time="$SECONDS_EACH" -runs="${PC_FUZZ_RUNS:--1}" \
    -max_len="$(max_len "$t")" -timeout=30 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="tests/fuzz/regressions/$t/" \
    "$B/corpus/$t" "${seeds[@]}" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  rate=$(grep -o 'exec/s: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo "?")
  # A slow unit (over 10 s, on a loaded machine) is no failure: set aside, counted apart. Hangs are
  # caught by -timeout and kept as timeout-* findings.
  mkdir -p "$B/slow/$t"
  slow=$(find "tests/fuzz/regressions/$t" -name 'slow-unit-*' -newer "$B/.started_$t" | wc -l)
  find "tests/fuzz/regressions/$t" -name 'slow-unit-*' -newer "$B/.started_$t" -exec mv {} "$B/slow/$t/" \;
  after=$(find "tests/fuzz/regressions/$t" -type f | wc -l)
  new=$((after - before))
  [ "$rc" -ne 0 ] || [ "$new" -gt 0 ] && found=1
  summary+=("$(printf '%-15s %10s execs  %6s exec/s  cov %6s  findings %d  slow units %d (exit %d)' "$t" "$execs" "$rate" "$cov" "$new" "$slow" "$rc")")
  if [ "$new" -gt 0 ]; then
    ls -t "tests/fuzz/regressions/$t" | head -n "$new" | sed "s|^|  kept: tests/fuzz/regressions/$t/|"
    grep -m1 -A15 "ERROR\|runtime error\|deadly signal" "$log" || true
  fi
done
echo
echo "fuzz.sh: $SECONDS_EACH s per target"
printf '%s\n' "${summary[@]}"
[ "$found" -eq 0 ] || { echo "findings kept under tests/fuzz/regressions/: fix, commit them, and the regression ctests replay them"; exit 1; }
