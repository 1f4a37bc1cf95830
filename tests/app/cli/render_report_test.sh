#!/usr/bin/env bash
# End-to-end tests of petacerdas render and report, with no display:
#   render_report_test.sh PETACERDAS CASE [SHARED_DATA_DIR] [KEEP_DIR]
# Exit 0 = pass, 77 = skipped, anything else = fail. Images and reports are copied to KEEP_DIR.
set -u
unset DISPLAY WAYLAND_DISPLAY
BIN="$1"
CASE="$2"
SHARED="${PC_SHARED_DATA:-${3:-}}"
KEEP="${4:-}"
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/../../skip.sh"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/pc_render_${CASE}_XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1

fail() { echo "FAIL [$CASE]: $*" >&2; exit 1; }
expect() {
    local want="$1"; shift
    "$@" >"$WORK/out" 2>"$WORK/err"
    local got=$?
    if [ "$got" != "$want" ]; then
        echo "--- stdout"; cat "$WORK/out"; echo "--- stderr"; cat "$WORK/err"
        fail "'$*' exited $got, expected $want"
    fi
}
contains() { grep -qF -- "$2" "$1" || { head -c 3000 "$1"; fail "'$1' does not contain '$2'"; }; }
# png_size FILE -> "W H" from the PNG header.
png_size() { python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); assert d[:8]==b"\x89PNG\r\n\x1a\n"; print(*struct.unpack(">II", d[16:24]))' "$1"; }
keep() { [ -n "$KEEP" ] && mkdir -p "$KEEP" && cp -r "$@" "$KEEP/"; return 0; }
seconds() { python3 -c 'import time; print(time.monotonic())'; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(seconds)"; }

# check_report DIR CSV_DIR LANG DISTRICT: the PDF's pages and text, the HTML's tables against the CSV.
check_report() {
    local dir="$1" csv="$2" lang="$3" district="$4"
    [ -s "$dir/report.html" ] || fail "no report.html"
    [ -s "$dir/report.pdf" ] || fail "no report.pdf"
    grep -q 'src="data:image/png;base64,' "$dir/report.html" || fail "the HTML does not embed its maps"
    if grep -qE '<img[^>]+src="[^d]' "$dir/report.html"; then fail "the HTML refers to an outside image"; fi
    python3 "$HERE/report_tables_check.py" "$dir/report.html" "$csv" "$lang" > "$WORK/tables" 2>&1 || { cat "$WORK/tables"; fail "HTML tables differ from the CSV"; }
    cat "$WORK/tables"
    local pages kecamatan
    pages=$(pdfinfo "$dir/report.pdf" | awk '/^Pages:/ {print $2}')
    kecamatan=$(python3 -c 'import csv,sys; print(len({r["code"] for r in csv.DictReader(open(sys.argv[1]))}))' "$csv/metrics_kecamatan.csv")
    echo "PDF pages: $pages, kecamatan: $kecamatan"
    # Cover, summary, a page per map, coverage, gaps, initiatives, appendix, and one atlas page per kecamatan.
    [ "$pages" -ge $((kecamatan + 6)) ] || fail "PDF has $pages pages, expected at least $((kecamatan + 6))"
    pdftotext -layout "$dir/report.pdf" "$WORK/report.txt" || fail "pdftotext failed"
    contains "$WORK/report.txt" "$district"
    # A kecamatan's name, and the district's population as printed in the report's language.
    local kname pop
    kname=$(python3 -c 'import csv,sys; print(next(csv.DictReader(open(sys.argv[1])))["name"])' "$csv/metrics_kecamatan.csv")
    [ -n "$kname" ] || fail "no kecamatan name in the CSV"
    contains "$WORK/report.txt" "$kname"
    pop=$(python3 -c '
import csv, sys
r = next(csv.DictReader(open(sys.argv[1])))
n = format(round(float(r.get("population"))), ",")
print(n.replace(",", ".") if sys.argv[2] == "id" else n)' "$csv/metrics_district.csv" "$lang")
    [ -n "$pop" ] && [ "$pop" != "0" ] || fail "no district population in $csv/metrics_district.csv"
    contains "$WORK/report.txt" "$pop"
    echo "PDF text holds '$district', '$kname' and the population $pop"
}

case "$CASE" in
render-usage)
    expect 0 "$BIN" render --help
    contains out "Usage: petacerdas render"
    expect 0 "$BIN" report --help
    contains out "Usage: petacerdas report"
    expect 1 "$BIN" render x.gpkg --size 12x10 --out a.png
    contains err "--size"
    expect 1 "$BIN" render x.gpkg --size big --out a.png
    expect 1 "$BIN" render x.gpkg --lang fr --out a.png
    contains err "--lang"
    expect 1 "$BIN" render x.gpkg --view A --extent 1,2,3,4 --out a.png
    contains err "exclude"
    expect 1 "$BIN" render x.gpkg --extent 3,2,1,4 --out a.png
    expect 1 "$BIN" render x.gpkg
    contains err "--out"
    expect 1 "$BIN" report x.gpkg
    contains err "--out"
    expect 2 "$BIN" render "$WORK/missing.gpkg" --out a.png
    contains err "missing.gpkg"
    ;;
render-demo)
    expect 0 "$BIN" demo --out "$WORK/demo"
    expect 0 "$BIN" render "$WORK/demo/demo.gpkg" --size 1280x720 --out "$WORK/overview_1280x720.png"
    [ "$(png_size "$WORK/overview_1280x720.png")" = "1280 720" ] || fail "size $(png_size "$WORK/overview_1280x720.png")"
    expect 0 "$BIN" render "$WORK/demo/demo.gpkg" --extent 112.60,-7.80,112.75,-7.70 --size 800x800 --lang en \
        --title "Kota and around" --out "$WORK/extent_800x800_en.png"
    [ "$(png_size "$WORK/extent_800x800_en.png")" = "800 800" ] || fail "size of the extent render"
    t0=$(seconds)
    expect 0 "$BIN" render "$WORK/demo/demo.gpkg" --size 3840x2160 --out "$WORK/demo_3840x2160.png"
    echo "4K render of the demo: $(elapsed "$t0") s"
    [ "$(png_size "$WORK/demo_3840x2160.png")" = "3840 2160" ] || fail "size of the 4K render"
    cat err
    keep "$WORK/overview_1280x720.png" "$WORK/extent_800x800_en.png" "$WORK/demo_3840x2160.png"
    ;;
report-demo)
    expect 0 "$BIN" demo --out "$WORK/demo"
    expect 0 "$BIN" analyze "$WORK/demo/demo.gpkg" --out "$WORK/csv" --no-save
    t0=$(seconds)
    expect 0 "$BIN" report "$WORK/demo/demo.gpkg" --out "$WORK/report_demo_id"
    echo "report of the demo (id): $(elapsed "$t0") s"
    cat err
    check_report "$WORK/report_demo_id" "$WORK/csv" id "Kabupaten Contoh"
    contains "$WORK/report.txt" "Atlas kecamatan"
    expect 0 "$BIN" report "$WORK/demo/demo.gpkg" --out "$WORK/report_demo_en" --lang en --suggest puskesmas:3
    check_report "$WORK/report_demo_en" "$WORK/csv" en "Kabupaten Contoh"
    contains "$WORK/report.txt" "Kecamatan atlas"
    # The site suggestion section: the people each site adds, as `petacerdas suggest` gives them.
    contains "$WORK/report.txt" "Suggested sites: Puskesmas"
    expect 0 "$BIN" suggest "$WORK/demo/demo.gpkg" --service puskesmas --count 3 --out "$WORK/suggest"
    for n in $(python3 -c "import csv; print(' '.join(f'{round(float(r[\"people_added\"])):,}' for r in csv.DictReader(open('$WORK/suggest/sites.csv'))))"); do
        contains "$WORK/report.txt" "$n"
    done
    keep "$WORK/report_demo_id" "$WORK/report_demo_en"
    ;;
report-real-district)
    D="$SHARED/kota_pasuruan_3575.gpkg"
    [ -n "$SHARED" ] && [ -f "$D" ] || skip "shared data not found at '$SHARED'"
    expect 0 "$BIN" load-district "$D" --out "$WORK/kota.gpkg"
    expect 0 "$BIN" analyze "$WORK/kota.gpkg" --out "$WORK/csv" --no-save
    t0=$(seconds)
    expect 0 "$BIN" report "$WORK/kota.gpkg" --out "$WORK/report_kota_pasuruan"
    echo "report of Kota Pasuruan: $(elapsed "$t0") s"
    cat err
    check_report "$WORK/report_kota_pasuruan" "$WORK/csv" id "Kota Pasuruan"
    t0=$(seconds)
    expect 0 "$BIN" render "$WORK/kota.gpkg" --size 3840x2160 --out "$WORK/kota_pasuruan_3840x2160.png"
    echo "4K render of Kota Pasuruan: $(elapsed "$t0") s"
    [ "$(png_size "$WORK/kota_pasuruan_3840x2160.png")" = "3840 2160" ] || fail "size of the 4K render"
    keep "$WORK/report_kota_pasuruan" "$WORK/kota_pasuruan_3840x2160.png"
    ;;
render-context)
    # BIG RBI layers of Kota Pasuruan as context layers: stored in the project, drawn where they are.
    D="$SHARED/kota_pasuruan_3575.gpkg"
    R="$SHARED/kota_pasuruan_rbi"
    [ -n "$SHARED" ] && [ -f "$D" ] && [ -d "$R" ] || skip "shared data not found at '$SHARED'"
    expect 0 "$BIN" load-district "$D" --out "$WORK/kota.gpkg" --no-grid
    expect 0 "$BIN" import "$WORK/kota.gpkg" "$R/PEMUKIMAN_AR_25K.shp" --as context --label Permukiman
    expect 0 "$BIN" import "$WORK/kota.gpkg" "$R/JALAN_LN_25K.shp" --as context --label Jalan
    contains out "classes by remark"
    expect 0 "$BIN" import "$WORK/kota.gpkg" "$R/SARANA_KESEHATAN_PT_25K.shp" --as context --label "Sarana kesehatan"
    expect 2 "$BIN" import "$WORK/kota.gpkg" "$WORK/none.shp" --as context
    contains err "none.shp"
    expect 1 "$BIN" import "$WORK/kota.gpkg" "$R/JALAN_LN_25K.shp" --as context --append
    # The features are in the project file (counted by GDAL on both sides).
    count() { ogrinfo -ro -q -dialect sqlite -sql "SELECT count(*) AS n FROM $2" "$1" | awk '/n \(Integer\) =/ {print $4}'; }
    for pair in "JALAN_LN_25K context_jalan" "PEMUKIMAN_AR_25K context_permukiman" "SARANA_KESEHATAN_PT_25K context_sarana_kesehatan"; do
        set -- $pair
        [ "$(count "$R/$1.shp" "$1")" = "$(count "$WORK/kota.gpkg" "$2")" ] || fail "$2 holds $(count "$WORK/kota.gpkg" "$2") features, $1 has $(count "$R/$1.shp" "$1")"
    done
    expect 0 "$BIN" render "$WORK/kota.gpkg" --size 1600x1600 --hide labels,facilities,initiatives --world-file --out "$WORK/kota_context.png"
    expect 0 "$BIN" render "$WORK/kota.gpkg" --size 1600x1600 --hide labels,facilities,initiatives,context --world-file --out "$WORK/kota_no_context.png"
    python3 "$HERE/context_pixels_check.py" "$R" "$WORK/kota_context.png" "$WORK/kota_no_context.png" || fail "context layers not drawn"
    expect 0 "$BIN" render "$WORK/kota.gpkg" --size 1920x1080 --out "$WORK/kota_context_1920x1080.png"
    keep "$WORK/kota_context.png" "$WORK/kota_no_context.png" "$WORK/kota_context_1920x1080.png"
    ;;
*)
    fail "unknown case"
    ;;
esac
echo "PASS [$CASE]"
