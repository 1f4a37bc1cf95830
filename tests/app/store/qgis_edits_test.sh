#!/usr/bin/env bash
# What a GIS officer adds in QGIS comes back intact: QGIS (PyQGIS, headless) adds a line whose fid is
# a point's fid in the sibling layer, a facility with a new field and NULLs, sets one description
# NULL and another '', and saves its own default style; then analyze (in-place save) and an import
# (full save) run; QGIS reads the project back after each: nothing renumbered or changed, the new
# features have uuids (the same after both saves), NULL and '' as they were, the user's style still
# the default. Our own reader reads it too.
# qgis_edits_test.sh PETACERDAS. Exit 0 pass, 77 skipped (no QGIS; CI=true installs it), else fail.
set -u
BIN="$1"
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/../qgis/qgis_env.sh"  # $WORK, fail, run_pyqgis; skips (77) without QGIS
P="$WORK/demo/demo.gpkg"
qgis() { run_pyqgis "$HERE/qgis_edits.py" "$@"; }
"$BIN" demo --out "$WORK/demo" >/dev/null 2>&1 || fail "petacerdas demo"
"$BIN" analyze "$P" --no-grid >/dev/null 2>&1 || fail "first analyze"
qgis edit "$P" "$WORK/state.json" || fail "editing in QGIS"
"$BIN" analyze "$P" --no-grid >"$WORK/out" 2>"$WORK/err" || { cat "$WORK/err"; fail "analyze after the QGIS edits"; }
echo "== after analyze (saves in place)"
qgis check "$P" "$WORK/state.json" || fail "after analyze"
printf 'nama,lon,lat\nWiFi Taman,112.76,-7.74\n' >"$WORK/wifi.csv"
"$BIN" import "$P" "$WORK/wifi.csv" --as facilities --type wifi --append >/dev/null 2>"$WORK/err" || { cat "$WORK/err"; fail "import (a full save)"; }
echo "== after import (a full save)"
qgis check "$P" "$WORK/state.json" || fail "after a full save"
"$BIN" analyze "$P" --no-grid --no-save >"$WORK/out" 2>"$WORK/err" || { cat "$WORK/err"; fail "our reader"; }
grep -q "reading .* done" "$WORK/err" || fail "no read"
echo "PASS"
