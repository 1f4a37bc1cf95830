#!/usr/bin/env bash
# The coverage benchmark: builds PetaCerdas (Release, no GUI) and runs bench/coverage_bench.py, which
# times the whole `petacerdas analyze` and its engine against GeoPandas (Debian's python3-geopandas)
# and PostGIS 3.3 (a throwaway cluster) doing the same work in the same run, in CPU seconds, on the
# four seed districts and Jawa Timur from ../shared/data; then what-if answers while dragging
# (pc_bench_whatif). Prints the table, the slopes and whether each target holds; writes a log-log plot.
#   bash scripts/bench.sh [BUILD_DIR] [-- coverage_bench.py arguments]
#   e.g. bash scripts/bench.sh build-bench -- --quick --no-jatim
# Installs what is missing first (root or sudo). Exit status: 0 when every target holds.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build-bench}
[ $# -gt 0 ] && shift
[ "${1-}" = "--" ] && shift
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac

bash "$ROOT/scripts/install-deps.sh"
peers=(python3-geopandas python3-matplotlib python3-psycopg2 postgresql-15 postgresql-15-postgis-3)
missing=()
for p in "${peers[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  echo "bench: installing the peers ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DPC_BUILD_GUI=OFF -DPC_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$BUILD" --target petacerdas petacerdas-gdal pc_bench_whatif -j"$(nproc)"
exec /usr/bin/python3 "$ROOT/bench/coverage_bench.py" --petacerdas "$BUILD/app/cli/petacerdas" \
  --whatif "$BUILD/bench/pc_bench_whatif" --data "$ROOT/../shared/data" --plot "$BUILD/coverage_bench.png" "$@"
