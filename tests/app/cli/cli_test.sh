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
suggest)
    # Site suggestion on the demo: outputs (CSV, a valid GeoPackage), the budget, and the people added
    # against `analyze` after importing the suggested sites as facilities; bad candidate files.
    expect 0 "$BIN" demo --out "$WORK/demo"
    P="$WORK/demo/demo.gpkg"
    expect 1 "$BIN" suggest "$P" --count 3
    contains err "--service"
    expect 0 "$BIN" suggest "$P" --service puskesmas --budget 1000000000 --cost-per-site 300000000 --out "$WORK/s"
    contains out "wrote $WORK/s/sites.gpkg"
    ogrinfo -ro -so "$WORK/s/sites.gpkg" suggested_sites >"$WORK/ogrinfo" 2>&1 || fail "ogrinfo sites.gpkg"
    contains "$WORK/ogrinfo" "Feature Count: 3"
    contains "$WORK/ogrinfo" "cost_per_person_rp: Real"
    V=/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py
    if [ -f "$V" ]; then python3 "$V" "$WORK/s/sites.gpkg" || fail "validate_gpkg.py sites.gpkg"; fi
    expect 0 "$BIN" analyze "$P" --no-save --out "$WORK/before"
    expect 0 "$BIN" import "$P" "$WORK/s/sites.csv" --as facilities --type puskesmas --append
    expect 0 "$BIN" analyze "$P" --no-save --out "$WORK/after"
    python3 - "$WORK" <<'PY' || fail "people added differ from analyze"
import csv, sys
w = sys.argv[1]
def covered(d):
    for r in csv.DictReader(open(f"{w}/{d}/metrics_district.csv")):
        if r["service"] == "puskesmas":
            return float(r["covered_population"])
sites = list(csv.DictReader(open(f"{w}/s/sites.csv")))
assert len(sites) == 3, sites
total = sum(float(r["people_added"]) for r in sites)
assert abs(total - float(sites[-1]["cumulative_people"])) <= 1e-9 * total
for r in sites:
    assert abs(float(r["cost_per_person_rp"]) * float(r["people_added"]) - 300000000) < 1e-3
added = covered("after") - covered("before")
print("suggested", total, "analyze", added)
assert abs(added - total) <= 1e-6 * total, (added, total)
PY
    # Candidates from a file (land the district owns): only those, named as in the file.
    printf 'nama,lon,lat\nTanah A,112.70,-7.70\nTanah B,112.80,-7.75\nTanah C,112.75,-7.80\n' >"$WORK/land.csv"
    expect 0 "$BIN" suggest "$P" --service bts --count 2 --candidates "$WORK/land.csv" --out "$WORK/s3"
    contains out ": 3 candidates"
    python3 - "$WORK/s3/sites.csv" <<'PY' || fail "sites not from the candidate file"
import csv, sys
names = {r["candidate"] for r in csv.DictReader(open(sys.argv[1]))}
assert names and names <= {"Tanah A", "Tanah B", "Tanah C"}, names
PY
    # A candidate file whose feature is not a point: named with its file, layer, feature and field.
    printf '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Tanah Pemda"},"geometry":{"type":"LineString","coordinates":[[112.7,-7.7],[112.71,-7.7]]}}]}' >"$WORK/land.geojson"
    expect 2 "$BIN" suggest "$P" --service bts --count 1 --candidates "$WORK/land.geojson" --out "$WORK/s2"
    contains err "land.geojson"
    contains err "Tanah Pemda"
    contains err "geometry"
    expect 2 "$BIN" suggest "$P" --service bts --count 1 --within "Nowhere"
    contains err "--within"
    ;;
no-gdal)
    # analyze runs in petacerdas itself, which links only the core: libgdal is never loaded (the
    # dynamic linker's own log of every library it loads or dlopens, LD_DEBUG=libs).
    expect 0 "$BIN" demo --out "$WORK/demo"
    ldd "$BIN" >"$WORK/ldd" || fail "ldd $BIN"
    if grep -q libgdal "$WORK/ldd"; then fail "petacerdas links libgdal"; fi
    LD_DEBUG=libs LD_DEBUG_OUTPUT="$WORK/ld_analyze" "$BIN" analyze "$WORK/demo/demo.gpkg" --no-grid >/dev/null 2>&1 \
        || fail "analyze failed"
    cat "$WORK"/ld_analyze.* >"$WORK/ld_analyze" || fail "no LD_DEBUG output"
    contains "$WORK/ld_analyze" "libgeos_c"    # the log does list what analyze loads
    if grep -q "libgdal" "$WORK/ld_analyze"; then grep libgdal "$WORK/ld_analyze" | head -3; fail "analyze loaded libgdal"; fi
    # Nor libpq (with OpenSSL, Kerberos, LDAP): opened only when a shared plan is (geo/src/plan/pg.cpp).
    if grep -q "libpq" "$WORK/ld_analyze"; then grep libpq "$WORK/ld_analyze" | head -3; fail "analyze of a file loaded libpq"; fi
    # Nor libproj (with curl, TLS, Kerberos): a district analysed and saved in its WGS 84 / UTM zone
    # needs none of it (geo/utm.h, geo/src/proj_library.h). It is opened where a CRS needs PROJ, and
    # analyze in another CRS works through it.
    if grep -q "libproj" "$WORK/ld_analyze"; then grep libproj "$WORK/ld_analyze" | head -3; fail "analyze in a UTM zone loaded libproj"; fi
    LD_DEBUG=libs LD_DEBUG_OUTPUT="$WORK/ld_mercator" "$BIN" analyze "$WORK/demo/demo.gpkg" --no-grid --no-save \
        --crs EPSG:3395 --out "$WORK/mercator" >"$WORK/mercator.txt" 2>&1 || { cat "$WORK/mercator.txt"; fail "analyze in EPSG:3395 failed"; }
    cat "$WORK"/ld_mercator.* >"$WORK/ld_mercator"
    contains "$WORK/ld_mercator" "libproj"
    contains "$WORK/mercator/provenance.csv" "EPSG:3395"
    # The same check sees libgdal where it is loaded: info goes to petacerdas-gdal.
    LD_DEBUG=libs LD_DEBUG_OUTPUT="$WORK/ld_info" "$BIN" info "$WORK/demo/demo.gpkg" >/dev/null 2>&1 || fail "info failed"
    cat "$WORK"/ld_info.* >"$WORK/ld_info"
    contains "$WORK/ld_info" "libgdal"
    ;;
restore)
    expect 0 "$BIN" demo --out "$WORK/demo"
    P="$WORK/demo/demo.gpkg"
    expect 2 "$BIN" restore "$P"
    contains err "no backup"
    cp "$P" "$WORK/before.gpkg"
    expect 0 "$BIN" analyze "$P" --no-grid
    [ -f "$WORK/demo/demo.bak.gpkg" ] || fail "analyze kept no backup"
    cmp -s "$WORK/demo/demo.bak.gpkg" "$WORK/before.gpkg" || fail "the backup is not the file before analyze"
    cp "$P" "$WORK/after.gpkg"
    expect 0 "$BIN" restore "$P" --list
    contains out "demo.bak.gpkg"
    expect 0 "$BIN" restore "$P"
    cmp -s "$P" "$WORK/before.gpkg" || fail "restore did not put back the file before analyze"
    cmp -s "$WORK/demo/demo.bak.gpkg" "$WORK/after.gpkg" || fail "restore did not keep the replaced version"
    expect 0 "$BIN" restore "$P"    # and back again
    cmp -s "$P" "$WORK/after.gpkg" || fail "a second restore did not undo the first"
    # A damaged backup is refused and nothing moves.
    printf 'not a project' >"$WORK/demo/demo.bak.gpkg"
    expect 2 "$BIN" restore "$P"
    cmp -s "$P" "$WORK/after.gpkg" || fail "a refused restore changed the project"
    ;;
gpkg-valid)
    # The files we write pass GDAL's GeoPackage validator (validate_gpkg.py, python3-gdal) and open in
    # ogrinfo: a full save (demo), analyze's in-place save, and a full save over an analysed file.
    V=/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py
    [ -f "$V" ] || { echo "SKIPPED: $V (python3-gdal) is missing"; exit 77; }
    expect 0 "$BIN" demo --out "$WORK/demo"
    P="$WORK/demo/demo.gpkg"
    python3 "$V" "$P" || fail "validate_gpkg.py after demo"
    expect 0 "$BIN" analyze "$P" --no-grid
    expect 0 "$BIN" analyze "$P" --no-grid
    python3 "$V" "$P" || fail "validate_gpkg.py after analyze"
    ogrinfo -ro -so "$P" metrics_desa >"$WORK/ogrinfo" 2>&1 || fail "ogrinfo after analyze"
    contains "$WORK/ogrinfo" "Feature Count: 750"
    printf 'nama,lon,lat\nWiFi Taman,112.76,-7.74\n' >"$WORK/wifi.csv"
    expect 0 "$BIN" import "$P" "$WORK/wifi.csv" --as facilities --type wifi --append
    python3 "$V" "$P" || fail "validate_gpkg.py after a full save"
    ogrinfo -ro -al -so "$P" >"$WORK/ogrinfo" 2>&1 || fail "ogrinfo"
    if grep -qE "ERROR|Warning" "$WORK/ogrinfo"; then grep -E "ERROR|Warning" "$WORK/ogrinfo" | head; fail "ogrinfo complains"; fi
    contains "$WORK/ogrinfo" "Layer name: facilities"
    ;;
xlsx-libreoffice)
    # LibreOffice reads the workbook we write ourselves (not installed by the scripts: skipped there).
    command -v soffice >/dev/null || { echo "SKIPPED: LibreOffice (soffice) is not installed"; exit 77; }
    expect 0 "$BIN" demo --out "$WORK/demo"
    expect 0 "$BIN" analyze "$WORK/demo/demo.gpkg" --no-grid --out "$WORK/a"
    HOME="$WORK" timeout 300 soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2' \
        --outdir "$WORK/lo" "$WORK/a/metrics.xlsx" >/dev/null 2>&1 || fail "soffice could not convert metrics.xlsx"
    [ "$(wc -l <"$WORK/lo/metrics-desa.csv")" = "$(wc -l <"$WORK/a/metrics_desa.csv")" ] || fail "desa sheet rows differ from metrics_desa.csv"
    head -1 "$WORK/lo/metrics-desa.csv" | grep -q "^service,layer,code,name" || fail "desa sheet header"
    ;;
damaged)
    # A damaged project is refused (exit 2, the message names file, layer, feature, field) and the
    # file is not written.
    expect 0 "$BIN" demo --out "$WORK/demo"
    P="$WORK/demo/demo.gpkg"
    python3 - "$P" <<'PY' || fail "could not damage the copy"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for f in ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):
    db.create_function(f, 1, lambda b: 0)  # GDAL's R-tree triggers call these; no geometry moves here
db.execute("UPDATE desa SET population = 'seribu' WHERE fid = 5")
db.commit()
PY
    cp "$P" "$WORK/damaged.gpkg"
    expect 2 "$BIN" analyze "$P"
    contains err "demo.gpkg"
    contains err "layer 'desa'"
    contains err "'population'"
    contains err "not a number: 'seribu'"
    cmp -s "$P" "$WORK/damaged.gpkg" || fail "analyze wrote into a damaged project"
    [ ! -e "$WORK/demo/demo.bak.gpkg" ] || fail "a refused analyze made a backup"
    # info and import refuse it too (info listed GDAL's cached counts and exited 0).
    expect 2 "$BIN" info "$P"
    contains err "layer 'desa'"
    contains err "not a number: 'seribu'"
    printf 'name,type,lon,lat\nPuskesmas Baru,puskesmas,112.7,-7.7\n' >"$WORK/new.csv"
    expect 2 "$BIN" import "$P" "$WORK/new.csv" --as facilities
    contains err "not a number: 'seribu'"
    cmp -s "$P" "$WORK/damaged.gpkg" || fail "import wrote into a damaged project"
    # The issue's case: the root page of desa zeroed (it read 0 of 150 desa, analyze wrote zeros).
    expect 0 "$BIN" demo --out "$WORK/zeroed"
    Z="$WORK/zeroed/demo.gpkg"
    python3 - "$Z" <<'PY' || fail "could not zero the page"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
size = db.execute("PRAGMA page_size").fetchone()[0]
root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'desa'").fetchone()[0]
db.close()
with open(sys.argv[1], "r+b") as f:
    f.seek((root - 1) * size)
    f.write(bytes(size))
PY
    cp "$Z" "$WORK/zeroed.gpkg"
    for cmd in info analyze; do
        expect 2 "$BIN" $cmd "$Z"
        contains err "demo.gpkg"
        contains err "damaged"
    done
    expect 2 "$BIN" import "$Z" "$WORK/new.csv" --as facilities
    contains err "damaged"
    cmp -s "$Z" "$WORK/zeroed.gpkg" || fail "a command wrote into the zeroed project"
    : >"$WORK/empty.gpkg"
    expect 2 "$BIN" analyze "$WORK/empty.gpkg"
    contains err "empty (0 bytes)"
    echo "catatan rapat" >"$WORK/notes.gpkg"
    expect 2 "$BIN" analyze "$WORK/notes.gpkg"
    contains err "not an SQLite database"
    ;;
help)
    expect 0 "$BIN" --help
    for c in demo load-district import analyze export info restore; do contains out "$c"; done
    contains out "Exit codes"
    for c in demo load-district import analyze export info restore; do
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
    # A masterplan period outside the era (sscanf took 2025-99999; 1-99999999999 overflowed an int).
    for period in 2025-99999 1-99999999999 2029-2025 2025 2025.5-2029; do
        expect 1 "$BIN" load-district "$WORK/none.gpkg" --out "$WORK/p.gpkg" --period "$period"
        contains err "--period must be two years of 1945-2100"
    done
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
