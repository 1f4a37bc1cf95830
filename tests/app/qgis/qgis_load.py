"""QGIS itself opens a PetaCerdas GeoPackage export: feature counts, CRS, and the default style from
layer_styles applied (renderer type, categories, classes, labels). Run headless:
    QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis_load.py EXPORT.gpkg
Expected counts come from SQLite directly (not from QGIS, not from our code). Exit 0 pass, 1 fail."""
import os
import sqlite3
import sys

from qgis.core import QgsApplication, QgsVectorLayer

PILLARS = ["governance", "branding", "economy", "society", "living", "environment"]

path = sys.argv[1]  # a GeoPackage export with metrics (petacerdas export --metrics)
db = sqlite3.connect(path)
expected_count = {}
for (name,) in db.execute("SELECT table_name FROM gpkg_contents WHERE data_type = 'features'"):
    expected_count[name] = db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
facility_types = [r[0] for r in db.execute("SELECT key FROM facility_types")]
styled = {r[0] for r in db.execute("SELECT f_table_name FROM layer_styles WHERE useAsDefault")}

app = QgsApplication([], False)
app.initQgis()
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


want_renderer = {
    "kabupaten": "singleSymbol",
    "kecamatan": "singleSymbol",
    "desa": "singleSymbol",
    "zones": "singleSymbol",
    "facilities": "categorizedSymbol",
    "initiatives": "categorizedSymbol",
    "metrics_desa": "graduatedSymbol",
}
for name, renderer_type in want_renderer.items():
    if expected_count.get(name) == 0 and name in ("facilities", "initiatives"):
        # An empty layer of mixed geometry has no geometry type QGIS could style (a real district
        # without initiatives yet): nothing to draw.
        print(f"skip {name}: empty layer")
        continue
    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    check(layer.isValid(), f"{name}: QGIS opens the layer")
    if not layer.isValid():
        continue
    check(layer.featureCount() == expected_count[name],
          f"{name}: {layer.featureCount()} features (SQLite count {expected_count[name]})")
    check(layer.crs().authid() == "EPSG:4326", f"{name}: CRS {layer.crs().authid()}")
    check(name in styled, f"{name}: default style stored in layer_styles")
    r = layer.renderer()
    check(r is not None and r.type() == renderer_type, f"{name}: renderer {r.type() if r else None} (want {renderer_type})")
    if name == "initiatives" and r and r.type() == "categorizedSymbol":
        check(r.classAttribute() == "pillar", f"{name}: classified by {r.classAttribute()}")
        values = [c.value() for c in r.categories()]
        check(values == PILLARS, f"{name}: categories {values}")
        colours = [c.symbol().color().name() for c in r.categories()]
        # geo/include/geo/style.h kPillarColours
        want = ["#1f5fbf", "#d81b60", "#f57c00", "#c62828", "#00897b", "#2e7d32"]
        check(colours == want, f"{name}: pillar colours {colours}")
    if name == "facilities" and r and r.type() == "categorizedSymbol":
        values = [c.value() for c in r.categories()]
        check(all(t in values for t in facility_types), f"{name}: categories {values} include {facility_types}")
    if name == "metrics_desa" and r and r.type() == "graduatedSymbol":
        check(len(r.ranges()) >= 2, f"{name}: {len(r.ranges())} quantile classes on {r.classAttribute()}")
    if name in ("kecamatan", "desa"):
        lab = layer.labeling()
        field = lab.settings().fieldName if lab else None
        check(layer.labelsEnabled() and field == "name", f"{name}: labels on field {field}")

print(f"{len(failures)} failure(s)")
sys.stdout.flush()
# Leave without tearing QGIS down: PyQGIS may crash in its exit handlers after the layers are gone.
os._exit(1 if failures else 0)
