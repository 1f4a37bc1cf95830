#!/usr/bin/env bash
# QGIS on the shared plan: the demo published to the PostgreSQL cluster of PC_PG_URI (run under
# scripts/pg-cluster.sh run), QGIS (PyQGIS, headless, postgres provider) opens the plan's tables with
# our styles, edits as an OPD's planner and is refused for another OPD's initiative (qgis_plan.py).
# Then render and report read the plan as they read the file: the same map, byte for byte.
# qgis_plan_test.sh PETACERDAS. Exit 0 pass, 77 skipped (no QGIS / no server), else fail.
set -u
BIN="$1"
HERE="$(cd "$(dirname "$0")" && pwd)"
[ -n "${PC_PG_URI:-}" ] || { echo "SKIPPED: no PostgreSQL (run under scripts/pg-cluster.sh run)" >&2; exit 77; }
. "$HERE/qgis_env.sh"  # $WORK, fail, PyQGIS or skip, run_pyqgis
# PC_PG_URI is postgresql://petacerdas@/petacerdas?host=DIR&port=PORT (scripts/pg-cluster.sh).
SOCKET=$(sed -E 's/.*host=([^&]*).*/\1/' <<<"$PC_PG_URI")
PORT=$(sed -E 's/.*port=([0-9]*).*/\1/' <<<"$PC_PG_URI")
PLAN="$PC_PG_URI&schema=qgis_plan"
"$BIN" demo --out "$WORK/demo" >/dev/null 2>&1 || fail "petacerdas demo"
"$BIN" publish "$WORK/demo/demo.gpkg" --to "$PLAN" >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; fail "publish"; }
psql "$PC_PG_URI" -qc "CREATE ROLE qgis_plan_ani LOGIN" || fail "CREATE ROLE"
"$BIN" grant "$PLAN" qgis_plan_ani --as Dinkes >/dev/null || fail "grant"

# render: the same PNG from the plan as from the file it was published from (before QGIS edits it).
if "$BIN" render "$WORK/demo/demo.gpkg" --size 800x600 --out "$WORK/file.png" >/dev/null 2>"$WORK/err"; then
    "$BIN" render "$PLAN" --size 800x600 --out "$WORK/plan.png" >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; fail "render of the plan"; }
    cmp "$WORK/file.png" "$WORK/plan.png" || fail "render: the plan's map differs from the file's"
    echo "ok   render: the plan's map is the file's, byte for byte"
    "$BIN" report "$PLAN" --out "$WORK/report" --no-pdf >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; fail "report of the plan"; }
    grep -q "Kabupaten Contoh" "$WORK/report/report.html" || fail "report: no district name"
    echo "ok   report: written from the plan"
else
    echo "note: render unavailable here ($(head -c 200 "$WORK/err")); render/report of the plan not checked"
fi

run_pyqgis "$HERE/qgis_plan.py" "$SOCKET" "$PORT" petacerdas qgis_plan qgis_plan_ani Dinkes || fail "QGIS on the shared plan"
