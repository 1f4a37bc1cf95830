#!/usr/bin/env bash
# The shared plan's commands end to end, on the cluster of PC_PG_URI (scripts/pg-cluster.sh run):
# publish (again: refused without --replace), grant, checkout, an edit made with GDAL's SQL (as QGIS
# would make it), sync and its exit codes (4 with conflicts side by side, --theirs / --pick), a
# password given in the address never stored, history (table, CSV, --restore), a role refused with
# exit 2, a URI without a schema refused before any work, a server that is not there.
# plan_cli_test.sh PETACERDAS. Exit 0 pass, 77 skipped (no server), else fail.
set -u
B="$1"
[ -n "${PC_PG_URI:-}" ] || { echo "SKIPPED: no PostgreSQL (run under scripts/pg-cluster.sh run)" >&2; exit 77; }
W="$(mktemp -d "${TMPDIR:-/tmp}/pc_plan_cli_XXXXXX")"
trap 'rm -rf "$W"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() {  # expect CODE what -- command ...
    local want="$1" what="$2"; shift 3
    "$@" >"$W/out" 2>"$W/err"; local rc=$?
    [ "$rc" = "$want" ] || { cat "$W/out" "$W/err" >&2; fail "$what: exit $rc, want $want"; }
    echo "ok   $what (exit $rc)"
}
as() { sed -E "s#postgresql://[^@/]*@?/#postgresql://$1@/#" <<<"$PC_PG_URI&schema=cli"; }
edit() { ogrinfo -q "$1" -sql "$2" >/dev/null 2>&1 || fail "edit of $1: $2"; }
one() { psql "$PC_PG_URI" -Atc "$1"; }

"$B" demo --out "$W" >/dev/null 2>&1 || fail "demo"
PLAN="$PC_PG_URI&schema=cli"
expect 0 "publish" -- "$B" publish "$W/demo.gpkg" --to "$PLAN"
expect 2 "publish over a plan without --replace" -- "$B" publish "$W/demo.gpkg" --to "$PLAN"
grep -q "replace" "$W/err" || fail "the refusal does not mention --replace: $(cat "$W/err")"
expect 2 "a plan address without a schema" -- "$B" checkout "$PC_PG_URI" --out "$W/x.gpkg"
grep -q "no schema" "$W/err" || fail "no clear message for a missing schema: $(cat "$W/err")"
expect 3 "a server that is not there" -- "$B" checkout "postgresql://nobody@/petacerdas?host=$W&port=1&schema=cli" --out "$W/x.gpkg"
grep -q "cannot connect" "$W/err" || fail "no clear message for a missing server: $(cat "$W/err")"
psql "$PC_PG_URI" -qc "CREATE ROLE cli_ani LOGIN; CREATE ROLE cli_adi LOGIN" || fail "CREATE ROLE"
expect 0 "grant Dinkes" -- "$B" grant "$PLAN" cli_ani --as Dinkes
expect 0 "grant Dinkes" -- "$B" grant "$PLAN" cli_adi --as dinkes
expect 2 "grant an OPD the plan does not have" -- "$B" grant "$PLAN" cli_adi --as "Dinas Rahasia"

# A password in the address is used, never stored in the working copy.
expect 0 "checkout (password in the address)" -- "$B" checkout "$(as cli_ani)&password=s3cr3t-pw" --out "$W/ani.gpkg"
expect 0 "checkout" -- "$B" checkout "$(as cli_adi)" --out "$W/adi.gpkg"
! grep -a -q "s3cr3t-pw" "$W/ani.gpkg" || fail "the password is stored in the working copy"
echo "ok   no password in the working copy"
X=$(one "SELECT uuid FROM cli.initiatives WHERE opd = 'Dinkes' ORDER BY fid LIMIT 1")
K=$(one "SELECT uuid FROM cli.initiatives WHERE opd = 'Diskominfo' ORDER BY fid LIMIT 1")

# Same field, both sides: exit 4, both values shown, nothing sent; --theirs keeps the server's.
edit "$W/ani.gpkg" "UPDATE initiatives SET budget_rp = 111 WHERE uuid = '$X'"
expect 0 "sync of ani's edit" -- "$B" sync "$W/ani.gpkg"
edit "$W/adi.gpkg" "UPDATE initiatives SET budget_rp = 222, status = 'selesai' WHERE uuid = '$X'"
expect 4 "sync with a conflict" -- "$B" sync "$W/adi.gpkg"
grep -q "budget_rp" "$W/out" && grep -q "222" "$W/out" && grep -q "111" "$W/out" && grep -q "cli_ani" "$W/out" \
    || fail "the conflict is not shown side by side: $(cat "$W/out")"
[ "$(one "SELECT status FROM cli.initiatives WHERE uuid = '$X'")" != selesai ] || fail "a conflicting sync sent something"
expect 0 "sync --pick initiatives/X/budget_rp=theirs" -- "$B" sync "$W/adi.gpkg" --pick "initiatives/$X/budget_rp=theirs"
[ "$(one "SELECT budget_rp || ' ' || status FROM cli.initiatives WHERE uuid = '$X'")" = "111 selesai" ] \
    || fail "after the pick: $(one "SELECT budget_rp || ' ' || status FROM cli.initiatives WHERE uuid = '$X'")"
echo "ok   the pick kept the server's budget and sent the status"

# Another OPD's initiative: refused by the database, exit 2, the edit kept in the working copy.
edit "$W/ani.gpkg" "UPDATE initiatives SET name = 'punya Dinkes' WHERE uuid = '$K'"
expect 2 "sync of another OPD's initiative" -- "$B" sync "$W/ani.gpkg"
grep -q "may not change initiative" "$W/err" || fail "no clear refusal: $(cat "$W/err")"
[ "$(ogrinfo -q "$W/ani.gpkg" -sql "SELECT name FROM initiatives WHERE uuid = '$K'" | grep -c 'punya Dinkes')" = 1 ] \
    || fail "the refused edit is gone from the working copy"

# History: the table, the CSV, a restore.
expect 0 "history of a feature" -- "$B" history "$(as cli_adi)" --feature "$X"
grep -q "cli_ani" "$W/out" && grep -q "cli_adi" "$W/out" || fail "history lacks who: $(cat "$W/out")"
expect 0 "history as CSV" -- "$B" history "$PLAN" --out "$W/history.csv"
[ "$(grep -c "$X" "$W/history.csv")" = 3 ] || fail "history.csv: $(grep -c "$X" "$W/history.csv") rows of the feature, want 3"
expect 0 "restore version 1" -- "$B" history "$(as cli_adi)" --feature "$X" --restore 1
[ "$(one "SELECT status FROM cli.initiatives WHERE uuid = '$X'")" != selesai ] || fail "restore did not restore"
expect 0 "sync brings the restored version" -- "$B" sync "$W/adi.gpkg"
# A server that asks for a password: it comes from PGPASSWORD or ~/.pgpass, never from the working copy.
SOCKET=$(sed -E 's/.*host=([^&]*).*/\1/' <<<"$PC_PG_URI")
PORT=$(sed -E 's/.*port=([0-9]*).*/\1/' <<<"$PC_PG_URI")
psql "$PC_PG_URI" -qc "CREATE ROLE cli_pw LOGIN PASSWORD 'pw-Bappeda-2026'" || fail "CREATE ROLE cli_pw"
sed -i '1i local all cli_pw scram-sha-256' "$SOCKET/data/pg_hba.conf" && psql "$PC_PG_URI" -qAtc "SELECT pg_reload_conf()" >/dev/null \
    || fail "asking cli_pw for a password"
expect 0 "grant the coordinator" -- "$B" grant "$PLAN" cli_pw --as coordinator
expect 3 "no password" -- env -u PGPASSWORD PGPASSFILE=/nonexistent "$B" checkout "$(as cli_pw)" --out "$W/pw.gpkg"
grep -q "PGPASSWORD" "$W/err" || fail "no clear message without a password: $(cat "$W/err")"
expect 0 "checkout with PGPASSWORD" -- env PGPASSWORD=pw-Bappeda-2026 "$B" checkout "$(as cli_pw)" --out "$W/pw.gpkg"
printf '*:%s:petacerdas:cli_pw:pw-Bappeda-2026\n' "$PORT" >"$W/pgpass" && chmod 600 "$W/pgpass"
edit "$W/pw.gpkg" "UPDATE desa SET population = 1234 WHERE fid = (SELECT min(fid) FROM desa)"
expect 0 "sync with a password file" -- env -u PGPASSWORD PGPASSFILE="$W/pgpass" "$B" sync "$W/pw.gpkg"
[ "$(one "SELECT population FROM cli.desa ORDER BY fid LIMIT 1")" = 1234 ] || fail "the coordinator's desa edit is not on the server"
! grep -a -q "pw-Bappeda-2026" "$W/pw.gpkg" || fail "the password is stored in the working copy"
echo "ok   the password never in the working copy"
echo "all plan CLI checks passed"
