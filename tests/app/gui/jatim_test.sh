#!/usr/bin/env bash
# jatim_test.sh TESTS SHARED_DATA: the Jawa Timur window tests ([jatim] in pc_gui_tests) under a
# virtual display. Exit 77 (skipped) where SHARED_DATA/jatim_desa.gpkg or a display is missing; under
# CI=true that is a failure instead.
set -uo pipefail
[ $# -eq 2 ] || { echo "usage: jatim_test.sh TESTS SHARED_DATA" >&2; exit 2; }
tests=$1
data=$2

skip() {
  echo "jatim_test: $1: skipped" >&2
  if [ "${CI:-}" = "true" ]; then echo "jatim_test: CI must run this test: failing" >&2; exit 1; fi
  exit 77
}

[ -f "$data/jatim_desa.gpkg" ] || skip "$data/jatim_desa.gpkg is absent"
command -v ogr2ogr >/dev/null || skip "ogr2ogr (gdal-bin) is not installed"
if command -v xvfb-run >/dev/null; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24 -noreset" "$tests" "[jatim]"
fi
[ -n "${DISPLAY:-}" ] || skip "no display and no xvfb-run"
exec "$tests" "[jatim]"
