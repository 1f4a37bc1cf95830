#!/usr/bin/env bash
# QGIS (Debian's qgis/python3-qgis, headless) opens our GeoPackage export of the demo with its styles.
# qgis_test.sh PETACERDAS [SHARED_DATA_DIR] (a real district too when ../shared/data is there). Exit 0 pass, 77 skipped (ctest SKIP_RETURN_CODE), else fail.
set -u
BIN="$1"
SHARED="${2:-}"
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/qgis_env.sh"
"$BIN" demo --out "$WORK/demo" >/dev/null 2>&1 || { echo "FAIL: petacerdas demo" >&2; exit 1; }
"$BIN" export "$WORK/demo/demo.gpkg" --format gpkg --out "$WORK/export.gpkg" --metrics >/dev/null 2>"$WORK/err" \
    || { cat "$WORK/err" >&2; echo "FAIL: petacerdas export" >&2; exit 1; }
qgis_load() { run_pyqgis "$HERE/qgis_load.py" "$@"; }
echo "== demo (its initiatives are points, lines and polygons)"
qgis_load "$WORK/export.gpkg" --require initiatives_line --require initiatives_polygon || exit 1
# The project file itself opens in QGIS as it is, with the same styles.
echo "== demo project file"
qgis_load "$WORK/demo/demo.gpkg" --require initiatives_line --require initiatives_polygon || exit 1
# GeoJSON and KML keep initiatives of every kind in one layer: QGIS offers one sublayer per kind.
"$BIN" export "$WORK/demo/demo.gpkg" --format geojson --out "$WORK/geojson" >/dev/null 2>&1 || { echo "FAIL: export geojson" >&2; exit 1; }
"$BIN" export "$WORK/demo/demo.gpkg" --format kml --out "$WORK/kml" >/dev/null 2>&1 || { echo "FAIL: export kml" >&2; exit 1; }
echo "== demo GeoJSON and KML (mixed geometry)"
run_pyqgis "$HERE/qgis_mixed.py" "$WORK/demo/demo.gpkg" initiatives "$WORK/geojson/initiatives.geojson" "$WORK/kml/initiatives.kml" || exit 1
REAL="$SHARED/kab_pamekasan_3528.gpkg"
if [ -n "$SHARED" ] && [ -f "$REAL" ]; then
    "$BIN" load-district "$REAL" --out "$WORK/real.gpkg" --no-grid >/dev/null 2>&1 || { echo "FAIL: load-district $REAL" >&2; exit 1; }
    "$BIN" export "$WORK/real.gpkg" --format gpkg --out "$WORK/real_export.gpkg" --metrics >/dev/null 2>&1 \
        || { echo "FAIL: export of $REAL" >&2; exit 1; }
    echo "== $REAL"
    qgis_load "$WORK/real_export.gpkg" || exit 1
else
    echo "note: $REAL absent, real district not checked"
fi
