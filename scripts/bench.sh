#!/usr/bin/env bash
# Builds the coverage benchmark (Release, no GUI) and runs it on ../shared/data side by side with its
# peers: GeoPandas (Debian's python3-geopandas, run by /usr/bin/python3), PostGIS 3.3 in a throwaway
# cluster (Debian's postgresql-15-postgis-3), and SpatiaLite SQL through GDAL.
#   bash scripts/bench.sh [BUILD_DIR] [-- pc_bench_coverage arguments]
#   e.g. bash scripts/bench.sh build-bench -- --runs 20 --no-jatim
# Installs what is missing first (root or sudo). Exit status: 0 when every target passes.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build-bench}
[ $# -gt 0 ] && shift
[ "${1-}" = "--" ] && shift
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac

bash "$ROOT/scripts/install-deps.sh"
peers=(python3-geopandas postgresql-15 postgresql-15-postgis-3)
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
cmake --build "$BUILD" --target pc_bench_coverage -j"$(nproc)"
exec "$BUILD/bench/pc_bench_coverage" "$@"
