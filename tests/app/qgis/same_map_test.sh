#!/usr/bin/env bash
# QGIS shows the map PetaCerdas shows: `petacerdas render` draws a project's map (with a world file),
# QGIS (headless PyQGIS) renders the QGIS project stored in the same GeoPackage at that extent, CRS and
# size, and qgis_same_map.py compares them pixel by pixel inside the district.
#   same_map_test.sh PETACERDAS CASE SHARED_DATA_DIR OUT_DIR
# CASE: demo (the whole district), demo-view (a saved view: its map theme, choropleth and extent),
# real-district (Kab. Pasuruan from SHARED_DATA_DIR), real-district-context (Kota Pasuruan with BIG's RBI
# layers as context layers). The images (ours.png, qgis.png, difference.png)
# and summary.txt are kept in OUT_DIR/CASE. Exit 0 pass, 77 skipped, else fail.
set -u
BIN="$1"
CASE="$2"
SHARED="${3:-}"
OUT="$4/$CASE"
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/qgis_env.sh"
mkdir -p "$OUT"

# Renders PROJECT (extra args: --view NAME ...) with and without labels, georeferenced.
render() {
    local project="$1"
    shift
    env -u DISPLAY -u WAYLAND_DISPLAY "$BIN" render "$project" --size 1920x1080 --out "$OUT/ours.png" --world-file "$@" \
        >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; fail "render $project"; }
    env -u DISPLAY -u WAYLAND_DISPLAY "$BIN" render "$project" --size 1920x1080 --out "$OUT/ours_no_labels.png" --world-file \
        --hide labels "$@" >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; fail "render $project --hide labels"; }
}
compare() { run_pyqgis "$HERE/qgis_same_map.py" "$@" || fail "QGIS does not show the same map ($CASE; images in $OUT)"; }

case "$CASE" in
    demo)
        "$BIN" demo --out "$WORK/demo" >/dev/null 2>&1 || fail "petacerdas demo"
        "$BIN" analyze "$WORK/demo/demo.gpkg" --out "$WORK/analysis" >/dev/null 2>&1 || fail "petacerdas analyze"
        render "$WORK/demo/demo.gpkg"
        compare "$WORK/demo/demo.gpkg" "$OUT/ours.png" "$OUT/ours_no_labels.png" "$OUT" --min-labels kecamatan:10
        ;;
    demo-view)
        # A saved view (written into the project's views table as the application writes it): the
        # coverage of area by schools in 4 quantile classes over part of the district, no facilities,
        # a kecamatan and a desa highlighted; analyze saves the project again, with the view as a map
        # theme and a bookmark.
        "$BIN" demo --out "$WORK/demo" >/dev/null 2>&1 || fail "petacerdas demo"
        "$BIN" analyze "$WORK/demo/demo.gpkg" --out "$WORK/analysis" >/dev/null 2>&1 || fail "petacerdas analyze"
        /usr/bin/python3 - "$WORK/demo/demo.gpkg" <<'PY' || fail "adding a view"
import sqlite3, sys, uuid
db = sqlite3.connect(sys.argv[1])
lon0, lat0, lon1, lat1 = db.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'desa'").fetchone()
w, h = lon1 - lon0, lat1 - lat0
view = (lon0 + 0.2 * w, lat0 + 0.45 * h, lon0 + 0.75 * w, lat0 + 0.95 * h)
layers = '["choropleth","service_area","zones","desa_lines","kecamatan_lines","kabupaten_line","initiatives","labels"]'
def inside(table):  # a unit whose bounding box centre is in the view's middle
    for code, x0, x1, y0, y1 in db.execute(f"SELECT t.code, r.minx, r.maxx, r.miny, r.maxy FROM {table} t JOIN rtree_{table}_geom r ON r.id = t.fid"):
        x, y = (x0 + x1) / 2, (y0 + y1) / 2
        if view[0] + 0.3 * w * 0.55 < x < view[2] - 0.3 * w * 0.55 and view[1] + 0.15 * h < y < view[3] - 0.15 * h:
            return code
highlights = '["%s","%s"]' % (inside("kecamatan"), inside("desa"))
db.execute("INSERT INTO views (uuid, position, kind, name, caption, notes, min_lon, min_lat, max_lon, max_lat, layers, "
           "choropleth_service, choropleth_metric, choropleth_method, choropleth_classes, highlight_units, "
           "highlight_initiatives, scenario) VALUES (?, 0, 'map', 'Sekolah di utara', '', '', ?, ?, ?, ?, ?, 'sekolah', "
           "'coverage_area', 'quantile', 4, ?, '[]', '{\"mode\":\"off\"}')",
           (str(uuid.uuid4()), *view, layers, highlights))
db.commit()
PY
        "$BIN" analyze "$WORK/demo/demo.gpkg" --out "$WORK/analysis" >/dev/null 2>&1 || fail "petacerdas analyze (with the view)"
        render "$WORK/demo/demo.gpkg" --view "Sekolah di utara"
        compare "$WORK/demo/demo.gpkg" "$OUT/ours.png" "$OUT/ours_no_labels.png" "$OUT" --theme "Sekolah di utara" \
            --min-labels kecamatan:3,desa:10
        ;;
    real-district)
        REAL="$SHARED/kab_pasuruan_3514.gpkg"
        if [ ! -f "$REAL" ]; then
            [ "${CI:-}" = "true" ] && fail "$REAL is missing (CI needs ../shared/data)"
            echo "SKIPPED: $REAL is not there (../shared/data)" >&2
            exit 77
        fi
        "$BIN" load-district "$REAL" --out "$WORK/pasuruan.gpkg" --zones "$SHARED/zona_pariwisata.gpkg" >/dev/null 2>&1 \
            || fail "load-district $REAL"
        "$BIN" analyze "$WORK/pasuruan.gpkg" --out "$WORK/analysis" >/dev/null 2>&1 || fail "petacerdas analyze"
        render "$WORK/pasuruan.gpkg"
        compare "$WORK/pasuruan.gpkg" "$OUT/ours.png" "$OUT/ours_no_labels.png" "$OUT" --min-labels kecamatan:20
        ;;
    real-district-context)
        # Kota Pasuruan under BIG's RBI layers (settlements, roads by class, health points): QGIS draws
        # the context layers of the stored project with the styles PetaCerdas draws them with.
        REAL="$SHARED/kota_pasuruan_3575.gpkg"
        RBI="$SHARED/kota_pasuruan_rbi"
        if [ ! -f "$REAL" ] || [ ! -d "$RBI" ]; then
            [ "${CI:-}" = "true" ] && fail "$REAL or $RBI is missing (CI needs ../shared/data)"
            echo "SKIPPED: $REAL or $RBI is not there (../shared/data)" >&2
            exit 77
        fi
        "$BIN" load-district "$REAL" --out "$WORK/kota.gpkg" >/dev/null 2>&1 || fail "load-district $REAL"
        for layer in PEMUKIMAN_AR_25K JALAN_LN_25K SARANA_KESEHATAN_PT_25K; do
            "$BIN" import "$WORK/kota.gpkg" "$RBI/$layer.shp" --as context >/dev/null 2>&1 || fail "import $layer --as context"
        done
        "$BIN" analyze "$WORK/kota.gpkg" --out "$WORK/analysis" >/dev/null 2>&1 || fail "petacerdas analyze"
        render "$WORK/kota.gpkg"
        compare "$WORK/kota.gpkg" "$OUT/ours.png" "$OUT/ours_no_labels.png" "$OUT" --min-labels kecamatan:3
        ;;
    *) echo "unknown case $CASE" >&2; exit 2 ;;
esac
