#!/usr/bin/env bash
# End-to-end tests of the petacerdas binary: cli_test.sh PETACERDAS CASE [SHARED_DATA_DIR]
# Exit 0 = pass, 77 = skipped (ctest SKIP_RETURN_CODE), anything else = fail.
set -u
BIN="$1"
CASE="$2"
SHARED="${PC_SHARED_DATA:-${3:-}}"
. "$(dirname "$0")/../../skip.sh"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/pc_cli_${CASE}_XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1

fail() { echo "FAIL [$CASE]: $*" >&2; exit 1; }
# expect CODE CMD...: runs CMD, keeps stdout/stderr in $WORK/out, $WORK/err, checks the exit code.
expect() {
    local want="$1"; shift
    "$@" >"$WORK/out" 2>"$WORK/err"
    local got=$?
    if [ "$got" != "$want" ]; then
        echo "--- stdout"; cat "$WORK/out"; echo "--- stderr"; cat "$WORK/err"
        fail "'$*' exited $got, expected $want"
    fi
}
contains() { grep -qF -- "$2" "$1" || { cat "$1"; fail "'$1' does not contain '$2'"; }; }

case "$CASE" in
help)
    expect 0 "$BIN" --help
    for c in demo load-district import analyze export info; do contains out "$c"; done
    contains out "Exit codes"
    for c in demo load-district import analyze export info; do
        expect 0 "$BIN" "$c" --help
        contains out "Usage: petacerdas $c"
        expect 0 "$BIN" help "$c"
        contains out "Usage: petacerdas $c"
    done
    expect 0 "$BIN" --version
    contains out "petacerdas"
    ;;
usage)
    expect 1 "$BIN"
    expect 1 "$BIN" no-such-command
    contains err "unknown command"
    expect 1 "$BIN" analyze
    contains err "needs exactly one PROJECT"
    expect 1 "$BIN" demo --bogus
    contains err "unknown option '--bogus'"
    expect 1 "$BIN" demo --seed twelve
    expect 1 "$BIN" analyze x.gpkg --top abc
    expect 1 "$BIN" import p.gpkg src.gpkg
    contains err "--as"
    expect 1 "$BIN" import p.gpkg src.gpkg --as lakes
    expect 1 "$BIN" export p.gpkg --format dwg --out x
    expect 1 "$BIN" export p.gpkg --out x
    expect 1 "$BIN" load-district x.gpkg
    expect 1 "$BIN" import p.gpkg src.gpkg --as desa --new
    contains err "--district-code"
    ;;
demo-analyze)
    expect 0 "$BIN" demo --out "$WORK/demo"
    [ -s "$WORK/demo/demo.gpkg" ] || fail "no demo.gpkg"
    contains out "desa        1"
    expect 0 "$BIN" analyze "$WORK/demo/demo.gpkg"
    A="$WORK/demo/demo_analysis"
    for f in metrics_desa.csv metrics_kecamatan.csv metrics_district.csv metrics_zone.csv gap_ranking.csv \
             initiatives_by_pillar.csv initiatives_by_opd.csv initiatives_by_year.csv initiatives_by_element.csv \
             initiatives_by_status.csv initiatives_by_kecamatan.csv initiatives_by_zone.csv data_quality.csv \
             provenance.csv metrics.xlsx summary.md; do
        [ -s "$A/$f" ] || fail "analyze did not write $A/$f"
    done
    contains out "outputs:"
    contains out "$A/summary.md"
    contains out "puskesmas"
    contains "$A/summary.md" "Kabupaten Contoh"
    contains "$A/summary.md" "Smart Environment"
    contains "$A/metrics_district.csv" "99.01"
    # Same seed -> byte-identical project file and the same inputs hash.
    expect 0 "$BIN" demo --out "$WORK/again"
    expect 0 "$BIN" demo --out "$WORK/again2"
    cmp -s "$WORK/again/demo.gpkg" "$WORK/again2/demo.gpkg" || fail "same seed, different demo.gpkg bytes"
    expect 0 "$BIN" analyze "$WORK/again/demo.gpkg" --out "$WORK/again_out" --top 5 --no-save
    h1=$(grep inputs_sha256 "$A/provenance.csv"); h2=$(grep inputs_sha256 "$WORK/again_out/provenance.csv")
    [ "$h1" = "$h2" ] || fail "same demo, different input hash: $h1 / $h2"
    expect 0 "$BIN" info "$WORK/demo/demo.gpkg"
    contains out "PetaCerdas project"
    contains out "99.01"
    expect 0 "$BIN" export "$WORK/demo/demo.gpkg" --format geojson --out "$WORK/geojson"
    ls "$WORK"/geojson/*.geojson >/dev/null 2>&1 || fail "export wrote no GeoJSON"
    expect 0 "$BIN" info "$A/metrics_desa.csv"
    contains out "features  7"   # 5 services x 150 desa = 750 rows
    ;;
missing)
    expect 2 "$BIN" analyze "$WORK/nothing_here.gpkg"
    contains err "nothing_here.gpkg"
    expect 2 "$BIN" info "$WORK/nothing_here.gpkg"
    contains err "nothing_here.gpkg"
    expect 2 "$BIN" export "$WORK/nothing_here.gpkg" --format gpkg --out "$WORK/x.gpkg"
    contains err "nothing_here.gpkg"
    ;;
bad-input)
    expect 0 "$BIN" demo --out "$WORK/demo"
    before=$(sha256sum "$WORK/demo/demo.gpkg" | cut -d' ' -f1)
    echo "this is not a shapefile" > "$WORK/broken.shp"
    expect 2 "$BIN" import "$WORK/demo/demo.gpkg" "$WORK/broken.shp" --as desa
    contains err "broken.shp"
    printf 'nama,kode,lon,lat\nA,1,112.8,-7.7\n' > "$WORK/desa.csv"
    expect 2 "$BIN" import "$WORK/demo/demo.gpkg" "$WORK/desa.csv" --as desa
    contains err "desa.csv"
    expect 2 "$BIN" analyze "$WORK/demo/demo.gpkg" --crs EPSG:999999
    contains err "EPSG:999999"
    # Numbers out of bounds are refused naming the field (an end year of 2^31-1 made analyze run away).
    printf 'nama,pilar,tahun_mulai,tahun_selesai,anggaran_rp,lon,lat\nX,governance,2025,2147483647,"Rp 1.500.000",113.5,-7.1\n' > "$WORK/ini.csv"
    expect 2 "$BIN" import "$WORK/demo/demo.gpkg" "$WORK/ini.csv" --as initiatives --append
    contains err "tahun_selesai"
    # info says what a file GDAL cannot open is.
    : > "$WORK/empty.gpkg"
    expect 2 "$BIN" info "$WORK/empty.gpkg"
    contains err "empty (0 bytes)"
    echo "catatan rapat" > "$WORK/notes.tif"
    expect 2 "$BIN" info "$WORK/notes.tif"
    contains err "a text file"
    after=$(sha256sum "$WORK/demo/demo.gpkg" | cut -d' ' -f1)
    [ "$before" = "$after" ] || fail "a refused import or analysis changed the project file"
    ;;
real-district)
    [ -n "$SHARED" ] && [ -f "$SHARED/kota_pasuruan_3575.gpkg" ] || skip "shared data not found at '$SHARED'"
    expect 0 "$BIN" load-district "$SHARED/kota_pasuruan_3575.gpkg" --out "$WORK/kota.gpkg"
    contains out "34 desa"
    expect 0 "$BIN" analyze "$WORK/kota.gpkg" --out "$WORK/kota_out"
    contains "$WORK/kota_out/summary.md" "Kota Pasuruan"
    [ -s "$WORK/kota_out/metrics.xlsx" ] || fail "no workbook"
    # The same district built layer by layer with import.
    K="$SHARED/kota_pasuruan_3575.gpkg"
    expect 0 "$BIN" import "$WORK/k2.gpkg" "$K" --as desa --layer desa --field population=pop_est_sp2020 \
        --new --district-code 35.75 --name "Kota Pasuruan"
    contains out "imported 34"
    expect 1 "$BIN" import "$WORK/k2.gpkg" "$K" --as desa --layer desa --new --district-code 35.75 --name X
    expect 0 "$BIN" import "$WORK/k2.gpkg" "$K" --as kecamatan --layer kecamatan --field population=pop_est_sp2020
    expect 0 "$BIN" import "$WORK/k2.gpkg" "$K" --as facilities --layer bts_opencellid --type bts --field radius=range_m
    contains out "imported 10"
    expect 0 "$BIN" analyze "$WORK/k2.gpkg" --no-grid
    contains out "area_weighted"
    contains out "bts"
    ;;
*)
    fail "unknown case"
    ;;
esac
echo "PASS [$CASE]"
