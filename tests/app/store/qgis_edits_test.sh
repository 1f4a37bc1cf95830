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
has_qgis() { QT_QPA_PLATFORM=offscreen /usr/bin/python3 -c "import qgis.core" >/dev/null 2>&1; }
if ! has_qgis; then
    if [ "${CI:-}" = "true" ] && [ "$(id -u)" -eq 0 ]; then
        echo "qgis edits test: installing qgis python3-qgis qgis-providers (CI)" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends qgis python3-qgis qgis-providers >/dev/null \
            || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends qgis python3-qgis qgis-providers >/dev/null; }
    fi
    if ! has_qgis; then
        echo "SKIPPED: QGIS (python3-qgis) is not installed; install it with 'apt-get install -y --no-install-recommends qgis python3-qgis qgis-providers' or run with CI=true as root" >&2
        exit 77
    fi
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/pc_qgis_edits_XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
P="$WORK/demo/demo.gpkg"
qgis() { (cd "$WORK" && QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$WORK" HOME="$WORK" /usr/bin/python3 "$HERE/qgis_edits.py" "$@"); }
fail() { echo "FAIL: $*" >&2; exit 1; }
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
