"""QGIS itself on a shared plan in PostgreSQL (the postgres provider, headless):
    QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis_plan.py SOCKET_DIR PORT DATABASE SCHEMA OPD_USER OPD
The plan's tables open with the feature counts psql gives and with our default styles from
public.layer_styles (renderer, pillar categories); QGIS editing as an OPD's login role changes that
OPD's initiative (the history records the role and OPD) and is refused, with the database's message,
for another OPD's initiative and for a desa. Expected values come from psql, not from our code.
Exit 0 pass, 1 fail."""
import subprocess
import sys

from qgis.core import QgsApplication, QgsDataSourceUri, QgsVectorLayer

host, port, database, schema, user, opd = sys.argv[1:7]
PILLARS = ["governance", "branding", "economy", "society", "living", "environment"]


def psql(sql, as_user="petacerdas"):
    out = subprocess.run(["psql", "-h", host, "-p", port, "-U", as_user, "-d", database, "-Atqc", sql],
                         check=True, capture_output=True, text=True).stdout
    return out.strip()


app = QgsApplication([], False)
app.initQgis()
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def layer(table, as_user="petacerdas"):
    uri = QgsDataSourceUri()
    uri.setConnection(host, port, database, as_user, "")
    uri.setDataSource(schema, table, "geom", "", "fid")
    return QgsVectorLayer(uri.uri(False), table, "postgres")


want_renderer = {"kecamatan": "singleSymbol", "desa": "singleSymbol", "zones": "singleSymbol",
                 "facilities": "categorizedSymbol", "initiatives": "categorizedSymbol"}
for table, renderer in want_renderer.items():
    lyr = layer(table)
    check(lyr.isValid(), f"{table}: QGIS opens the plan's table")
    if not lyr.isValid():
        continue
    count = int(psql(f'SELECT count(*) FROM "{schema}"."{table}"'))
    check(lyr.featureCount() == count, f"{table}: {lyr.featureCount()} features (psql {count})")
    check(lyr.crs().authid() == "EPSG:4326", f"{table}: CRS {lyr.crs().authid()}")
    r = lyr.renderer()
    check(r is not None and r.type() == renderer, f"{table}: default style from layer_styles, renderer "
                                                  f"{r.type() if r else None} (want {renderer})")
    if table == "initiatives" and r is not None and r.type() == "categorizedSymbol":
        check(r.classAttribute() == "pillar", f"{table}: classified by {r.classAttribute()}")
        check([c.value() for c in r.categories()] == PILLARS, f"{table}: pillar categories")

# Editing through QGIS as an OPD's planner.
own = psql(f"SELECT fid FROM \"{schema}\".initiatives WHERE opd = '{opd}' ORDER BY fid LIMIT 1")
other = psql(f"SELECT fid FROM \"{schema}\".initiatives WHERE opd <> '{opd}' ORDER BY fid LIMIT 1")
lyr = layer("initiatives", user)
check(lyr.isValid(), f"initiatives: QGIS opens the plan as {user}")
budget = lyr.fields().indexOf("budget_rp")


def feature_id(lyr, fid):
    """QGIS's id of the row with this fid (a bigint key: QGIS maps its own ids to it as it reads)."""
    return next(f.id() for f in lyr.getFeatures() if str(f["fid"]) == fid)


lyr.startEditing()
lyr.changeAttributeValue(feature_id(lyr, own), budget, 123456789)
check(lyr.commitChanges(), f"{user} ({opd}) changes its own initiative in QGIS")
check(psql(f'SELECT budget_rp FROM "{schema}".initiatives WHERE fid = {own}') == "123456789",
      "the change is on the server")
check(psql(f"SELECT changed_by || '/' || opd FROM \"{schema}\".plan_history WHERE table_name = 'initiatives' "
           f"ORDER BY id DESC LIMIT 1") == f"{user}/{opd}", "the history records the QGIS user and OPD")
before = psql(f'SELECT budget_rp FROM "{schema}".initiatives WHERE fid = {other}')
lyr.startEditing()
lyr.changeAttributeValue(feature_id(lyr, other), budget, 1)
refused = not lyr.commitChanges()
errors = " ".join(lyr.commitErrors())
check(refused, f"{user} ({opd}) may not change another OPD's initiative in QGIS")
check("may not change initiative" in errors, f"QGIS shows the database's message: {errors[:200]}")
lyr.rollBack()
check(psql(f'SELECT budget_rp FROM "{schema}".initiatives WHERE fid = {other}') == before, "nothing changed on the server")
desa = layer("desa", user)
population = desa.fields().indexOf("population")
desa.startEditing()
desa.changeAttributeValue(feature_id(desa, psql(f'SELECT min(fid) FROM "{schema}".desa')), population, 1)
check(not desa.commitChanges(), f"{user} ({opd}) may not change a desa in QGIS: {' '.join(desa.commitErrors())[:160]}")
desa.rollBack()

app.exitQgis()
print("FAILED: " + "; ".join(failures) if failures else "all QGIS checks passed")
sys.exit(1 if failures else 0)
