#!/usr/bin/env bash
# The site suggestion benchmark (bench/suggest_bench.py): builds the command line (Release, no GUI)
# and times the whole `petacerdas suggest` on Kab. Pasuruan (N = 10 from ~10,000 grid candidates,
# target < 1 s CPU) and Jawa Timur (N = 100 from ~50,000, target < 30 s) from ../shared/data.
#   bash scripts/suggest_bench.sh [BUILD_DIR] [-- suggest_bench.py arguments, e.g. --no-jatim]
# Exit status: 0 when every target holds.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build-bench}
[ $# -gt 0 ] && shift
[ "${1-}" = "--" ] && shift
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
bash "$ROOT/scripts/install-deps.sh"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DPC_BUILD_GUI=OFF >/dev/null
cmake --build "$BUILD" --target petacerdas petacerdas-gdal -j"$(nproc)"
exec /usr/bin/python3 "$ROOT/bench/suggest_bench.py" --petacerdas "$BUILD/app/cli/petacerdas" --data "$ROOT/../shared/data" "$@"
