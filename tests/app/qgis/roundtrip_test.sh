#!/usr/bin/env bash
# Round trip of an export: `petacerdas export` a project (with its metrics) to FORMAT, open every file
# in QGIS (headless PyQGIS), re-import the project layers with `petacerdas import`, and compare every
# attribute and geometry with the project (qgis_roundtrip.py: the tolerance each format allows).
#   roundtrip_test.sh PETACERDAS FORMAT DATASET SHARED_DATA_DIR
# FORMAT: gpkg geojson shp kml kmz csv. DATASET: demo (the generated demo: every geometry kind) or
# pasuruan (Kab. Pasuruan from SHARED_DATA_DIR, its cell sites and tourism zones).
# Exit 0 pass, 77 skipped (no QGIS; no shared data outside CI), else fail.
set -u
BIN="$1"
FORMAT="$2"
DATASET="$3"
SHARED="${4:-}"
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/qgis_env.sh"
run() { "$@" >"$WORK/log" 2>&1 || { cat "$WORK/log" >&2; fail "$*"; }; }

P="$WORK/project.gpkg"
case "$DATASET" in
    demo)
        run "$BIN" demo --out "$WORK/demo"
        mv "$WORK/demo/demo.gpkg" "$P"
        ;;
    pasuruan)
        REAL="$SHARED/kab_pasuruan_3514.gpkg"
        if [ ! -f "$REAL" ]; then
            [ "${CI:-}" = "true" ] && fail "$REAL is missing (CI needs ../shared/data)"
            echo "SKIPPED: $REAL is not there (../shared/data)" >&2
            exit 77
        fi
        run "$BIN" load-district "$REAL" --out "$P" --zones "$SHARED/zona_pariwisata.gpkg"
        ;;
    *) echo "unknown dataset $DATASET" >&2; exit 2 ;;
esac
run "$BIN" analyze "$P" --out "$WORK/analysis"

case "$FORMAT" in gpkg | kmz) E="$WORK/export.$FORMAT" ;; *) E="$WORK/export" ;; esac
run "$BIN" export "$P" --format "$FORMAT" --out "$E" --metrics

# Re-import every project layer into a new project, as a planner would bring the files back.
CODE="$(/usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT value FROM settings WHERE key='district_code'\").fetchone()[0])" "$P")"
R="$WORK/reimported.gpkg"
# Files of one layer in this format (a Shapefile per geometry kind of facilities and initiatives).
files_of() {
    case "$FORMAT" in
        gpkg | kmz) echo "$E" ;;
        geojson) echo "$E/$1.geojson" ;;
        kml) echo "$E/$1.kml" ;;
        csv) echo "$E/$1.csv" ;;
        shp)
            if [ "$1" = facilities ] || [ "$1" = initiatives ]; then
                for k in point line polygon; do [ -f "$E/$1_$k.shp" ] && echo "$E/$1_$k.shp"; done
            else
                echo "$E/$1.shp"
            fi
            ;;
    esac
}
rows_of() {  # features of a project layer (all its geometry kinds)
    /usr/bin/python3 -c "import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); t={r[0] for r in db.execute('SELECT table_name FROM gpkg_contents')}; print(sum(db.execute(f'SELECT count(*) FROM \"{n}\"').fetchone()[0] for n in (sys.argv[2], sys.argv[2]+'_line', sys.argv[2]+'_polygon') if n in t))" "$P" "$1"
}
first=1
for layer in kabupaten kecamatan desa facilities zones initiatives; do
    [ "$(rows_of "$layer")" = 0 ] && continue  # nothing to bring back (Kab. Pasuruan has no initiatives)
    append=""
    for f in $(files_of "$layer"); do
        args=(import "$R" "$f" --as "$layer")
        case "$FORMAT" in gpkg | kmz) args+=(--layer "$layer") ;; esac
        [ -n "$append" ] && args+=(--append)
        [ "$first" = 1 ] && args+=(--new --district-code "$CODE" --name "Round trip $FORMAT")
        run "$BIN" "${args[@]}"
        first=0
        append=1
    done
done

run_pyqgis "$HERE/qgis_roundtrip.py" "$P" "$FORMAT" "$E" "$R"
