#!/usr/bin/env bash
# Benchmark peer: the coverage metrics of PetaCerdas in PostGIS 3.3 SQL (Debian's PostgreSQL 15), with
# the engine's definitions: UTM EPSG given, buffers with quad_segs=8, D = union of desa, facilities
# whose point does not intersect D left out, S = union of the buffers, per desa area(desa ∩ S),
# district area(D ∩ S).
#
#   coverage_postgis.sh EPSG DESA_GPKG POP_FIELD SPEC [SPEC...]
#   SPEC = "service|file|layer|radius_field|radius|point_on_surface(0/1)"
#
# Starts a throwaway cluster (user postgres, socket and data under /tmp, port 54xxx), loads the layers
# with ogr2ogr, times the SQL with psql's \timing (median of RUNS, default 3), prints "key=value"
# lines: read_ms (load), compute_ms, district_covered_km2.<service>, desa_covered_km2_sum.<service>.
# The cluster is stopped and removed on exit, whatever happens.
set -euo pipefail

EPSG=$1; DESA=$2; POP=$3; shift 3
RUNS=${RUNS:-3}
PGBIN=/usr/lib/postgresql/15/bin
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL 15 not installed" >&2; exit 3; }
id postgres >/dev/null 2>&1 || { echo "no postgres user" >&2; exit 3; }

WORK=$(mktemp -d /tmp/pc_postgis.XXXXXX)
chown postgres "$WORK"
chmod 755 "$WORK"
PORT=$((54000 + $$ % 900))
as_pg() { runuser -u postgres -- "$@"; }
cleanup() {
    as_pg "$PGBIN/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

as_pg "$PGBIN/initdb" -D "$WORK/data" -A trust -U postgres --no-sync >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$WORK/data" -l "$WORK/log" -w \
    -o "-p $PORT -k $WORK -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c shared_buffers=256MB -c work_mem=64MB -c max_parallel_workers_per_gather=2" \
    start >/dev/null
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$WORK" -p "$PORT" -U postgres)
"${PSQL[@]}" -d postgres -c "CREATE DATABASE bench" >/dev/null
"${PSQL[@]}" -d bench -c "CREATE EXTENSION postgis" >/dev/null
PG="PG:host=$WORK port=$PORT user=postgres dbname=bench"

now_ms() { date +%s%3N; }
t0=$(now_ms)
ogr2ogr -f PostgreSQL "$PG" "$DESA" desa -nln desa -lco GEOMETRY_NAME=geom -select "kode,$POP" >/dev/null
"${PSQL[@]}" -d bench -c "CREATE TABLE fac (service text, geom geometry(Point, 4326), r double precision)" >/dev/null
services=()
i=0
for spec in "$@"; do
    IFS='|' read -r svc file layer rfield radius pos <<<"$spec"
    ogr2ogr -f PostgreSQL "$PG" "$file" "$layer" -nln "src$i" -lco GEOMETRY_NAME=geom >/dev/null
    g=geom; [ "$pos" = 1 ] && g="ST_PointOnSurface(geom)"
    r=$radius; [ -n "$rfield" ] && r="$rfield"
    "${PSQL[@]}" -d bench -c "INSERT INTO fac SELECT '$svc', $g, $r FROM src$i WHERE geom IS NOT NULL" >/dev/null
    [[ " ${services[*]-} " == *" $svc "* ]] || services+=("$svc")
    i=$((i + 1))
done
"${PSQL[@]}" -d bench -c "VACUUM ANALYZE" >/dev/null
echo "read_ms=$(( $(now_ms) - t0 ))"

# One statement per service does the whole analysis: S is dumped into its polygons so each desa is
# intersected only with the parts whose box it meets.
query() {
    cat <<SQL
WITH d AS MATERIALIZED (SELECT ST_Union(ST_Transform(geom, $EPSG)) AS g FROM desa),
u AS MATERIALIZED (SELECT kode, $POP AS pop, ST_Transform(geom, $EPSG) AS g FROM desa),
fi AS MATERIALIZED (SELECT ST_Transform(f.geom, $EPSG) AS p, f.r FROM fac f, d
                    WHERE f.service = '$1' AND ST_Intersects(ST_Transform(f.geom, $EPSG), d.g)),
s AS MATERIALIZED (SELECT ST_Union(ST_Buffer(p, r, 'quad_segs=8')) AS g FROM fi),
parts AS MATERIALIZED (SELECT (ST_Dump(g)).geom AS g FROM s),
per AS (SELECT u.kode, SUM(ST_Area(ST_Intersection(u.g, parts.g))) AS c
        FROM u JOIN parts ON u.g && parts.g AND ST_Intersects(u.g, parts.g) GROUP BY u.kode)
SELECT 'district_covered_km2.$1=' || (SELECT ST_Area(ST_Intersection(d.g, s.g)) / 1e6 FROM d, s)
    || ' desa_covered_km2_sum.$1=' || (SELECT COALESCE(SUM(c), 0) / 1e6 FROM per);
SQL
}
{
    echo '\timing on'
    for ((k = 0; k < RUNS; k++)); do
        for svc in "${services[@]}"; do query "$svc"; done
    done
} >"$WORK/q.sql"
out=$("${PSQL[@]}" -d bench -At -f "$WORK/q.sql")
# Results (same each run) and per-statement times; a run = the sum over services.
echo "$out" | grep -v '^Time:' | tail -n "${#services[@]}" | tr ' ' '\n'
echo "$out" | grep '^Time:' | awk -v n="${#services[@]}" '{ t += $2 } NR % n == 0 { print t; t = 0 }' \
    | sort -n | awk '{ v[NR] = $1 } END { printf "compute_ms=%.3f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
echo "note=PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'), $("${PSQL[@]}" -d bench -At -c 'SELECT postgis_lib_version()') (GEOS $("${PSQL[@]}" -d bench -At -c 'SELECT postgis_geos_version()'))"
