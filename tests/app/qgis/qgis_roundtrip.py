"""The round trip of an export, as QGIS sees it:
    QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis_roundtrip.py PROJECT.gpkg FORMAT EXPORT REIMPORTED.gpkg
1. QGIS opens every file of EXPORT (every sublayer of a mixed-geometry file): each project layer and
   each metrics layer has as many features as the project's table (SQLite counts), and the project
   layers' features carry the project's attributes and geometry (by uuid).
2. REIMPORTED.gpkg (the project layers brought back with `petacerdas import`) has every feature of the
   project with every attribute and geometry, within what the format keeps:
     gpkg, kml, kmz  exact (KML: coordinates and numbers as shortest round-trip text)
     geojson         exact values; coordinates to 15 decimals
     shp             an empty text is NULL (dBASE has no NULL text); numbers to 15 decimals
     csv             a NULL text is empty (CSV has no NULL); numbers and coordinates to 15 digits
Both QGIS (reading files) and the comparison use QGIS's own geometry (GEOS) and field reading, not ours.
Exit 0 pass, 1 fail."""
import csv
import glob
import os
import sqlite3
import sys

from qgis.PyQt.QtCore import Qt
from qgis.core import Qgis, QgsGeometry, QgsProviderRegistry, QgsVectorLayer

from pyqgis_checks import Checks

project, fmt, export, reimported = sys.argv[1:5]
check = Checks(quiet=True)


# What each format keeps: geometry tolerance (degrees), relative tolerance of numbers, and whether an
# empty text and NULL are one.
TOLERANCE = {"gpkg": (0, 0, False), "kml": (0, 0, False), "kmz": (0, 0, False), "geojson": (1e-12, 0, False),
             "shp": (0, 1e-12, True), "csv": (1e-11, 1e-14, True)}
geom_tol, num_tol, empty_is_null = TOLERANCE[fmt]
PROJECT_LAYERS = ["kabupaten", "kecamatan", "desa", "facilities", "zones", "initiatives"]
KINDS = {"facilities", "initiatives"}  # split by geometry kind in a GeoPackage: <name>, _line, _polygon
db = sqlite3.connect(project)
tables = {r[0] for r in db.execute("SELECT table_name FROM gpkg_contents")}


def source_tables(name):
    return [t for t in ([name, name + "_line", name + "_polygon"] if name in KINDS else [name]) if t in tables]


def same_value(a, b):
    if empty_is_null and a in ("", None) and b in ("", None):
        return True
    if a is None or b is None:
        return a is None and b is None
    if isinstance(b, DateText):
        return b == a
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        if a == b:
            return True
        return num_tol > 0 and abs(a - b) <= num_tol * max(1.0, abs(a), abs(b))
    return a == b


def same_geometry(a, b):
    if a.isEmpty() or b.isEmpty():
        return a.isEmpty() and b.isEmpty()
    if geom_tol == 0:
        return a.isGeosEqual(b)
    return a.hausdorffDistance(b) <= geom_tol


def value(v):
    if v is None or (hasattr(v, "isNull") and v.isNull()):
        return None
    if hasattr(v, "toString") and not isinstance(v, str):
        # QGIS reads the ISO date text of a GeoJSON (no date type there) as a date in local time:
        # compare it as the text, UTC marked as the file has it.
        return DateText(v.toString(Qt.ISODate))
    return v


class DateText(str):
    """A date QGIS read from text; equal to that text with or without the 'Z' of UTC."""

    def __eq__(self, other):
        return isinstance(other, str) and str(self).rstrip("Z") == other.rstrip("Z")

    __hash__ = str.__hash__


def features(uri):
    """uuid -> (attributes by field name, geometry) of a layer as QGIS reads it."""
    layer = QgsVectorLayer(uri, "x", "ogr")
    out = {}
    if not check(layer.isValid(), f"QGIS opens {uri}"):
        return out
    names = [f.name() for f in layer.fields()]
    for f in layer.getFeatures():
        attrs = {n: value(f[n]) for n in names}
        out[attrs.get("uuid")] = (attrs, QgsGeometry(f.geometry()))
    return out


def sublayer_uris(path):
    """Every sublayer of a file as QGIS's desktop offers it when the file is added: the geometry types
    resolved, one sublayer per type (features without geometry are in none of them)."""
    flags = Qgis.SublayerQueryFlags(Qgis.SublayerQueryFlag.ResolveGeometryType | Qgis.SublayerQueryFlag.CountFeatures)
    return [d.uri() for d in QgsProviderRegistry.instance().querySublayers(path, flags)]


source = {}
for name in PROJECT_LAYERS:
    source[name] = {}
    for t in source_tables(name):
        source[name].update(features(f"{project}|layername={t}"))
counts = {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
for name in PROJECT_LAYERS:
    counts[name] = sum(counts[t] for t in source_tables(name))


def compare(name, got, rename=lambda n: n, ignore=()):
    """The project layer `name` against `got` (uuid -> attributes, geometry)."""
    want = source[name]
    check(set(got) == set(want), f"{name}: {len(got)} features, the project {len(want)}; "
          f"missing {sorted(set(want) - set(got))[:3]}, extra {sorted(set(got) - set(want))[:3]}")
    bad_values, bad_geoms = [], []
    for uuid, (attrs, geom) in want.items():
        if uuid not in got:
            continue
        gattrs, ggeom = got[uuid]
        for field, v in attrs.items():
            if field in ("fid",) or field in ignore:
                continue
            gv = gattrs.get(rename(field), "<missing field>")
            if not same_value(v, gv):
                bad_values.append(f"{uuid[:8]} {field}: {v!r} -> {gv!r}")
        if not same_geometry(geom, ggeom):
            bad_geoms.append(uuid[:8])
    check(not bad_values, f"{name}: {len(bad_values)} attribute(s) differ, e.g. {bad_values[:4]}")
    check(not bad_geoms, f"{name}: {len(bad_geoms)} geometr(y/ies) differ beyond {geom_tol}, e.g. {bad_geoms[:4]}")
    print(f"{name}: {len(got)} features compared ({'ok' if not bad_values and not bad_geoms else 'differences'})")


# ---- 1. the export as QGIS opens it ----
def export_files(name):
    if fmt in ("gpkg", "kmz"):
        return [export]
    ext = {"geojson": "geojson", "kml": "kml", "csv": "csv", "shp": "shp"}[fmt]
    if fmt == "shp" and name in KINDS:
        return sorted(glob.glob(f"{export}/{name}_*.shp"))
    path = f"{export}/{name}.{ext}"
    return [path] if os.path.exists(path) else []


def export_features(name):
    got = {}
    rows = 0
    for path in export_files(name):
        if fmt == "gpkg":
            uris = [f"{path}|layername={t}" for t in source_tables(name)]
        elif fmt == "kmz":
            uris = [u for u in sublayer_uris(path) if f"layername={name}|" in u + "|" or u.endswith(f"layername={name}")]
        else:
            uris = sublayer_uris(path) or [path]
        for uri in uris:
            layer = QgsVectorLayer(uri, "x", "ogr")
            rows += layer.featureCount()
            got.update(features(uri))
    return got, rows


shp_names = {}
if fmt == "shp":
    for side in glob.glob(f"{export}/*.fields.csv"):
        with open(side, newline="", encoding="utf-8") as f:
            shp_names.update({r["long"]: r["short"] for r in csv.DictReader(f)})
rename = (lambda n: shp_names.get(n, n)) if fmt == "shp" else (lambda n: "Name" if n == "name" and fmt in ("kml", "kmz") else n)
for name in PROJECT_LAYERS:
    got, rows = export_features(name)
    check(rows == counts[name], f"QGIS shows {rows} features of {name} in the {fmt} export (the project: {counts[name]})")
    compare(name, got, rename)
metrics = sorted(t for t in tables if t.startswith("metrics_") or t.startswith("service_area_"))
check(metrics, "the project has metrics (analyze ran)")
for t in metrics:
    _, rows = export_features(t)
    check(rows == counts[t], f"QGIS shows {rows} rows of {t} in the {fmt} export (the project: {counts[t]})")

# ---- 2. the project layers re-imported with petacerdas import ----
back_db = sqlite3.connect(reimported)
back_tables = {r[0] for r in back_db.execute("SELECT table_name FROM gpkg_contents")}
for name in PROJECT_LAYERS:
    got = {}
    for t in [x for x in ([name, name + "_line", name + "_polygon"] if name in KINDS else [name]) if x in back_tables]:
        got.update(features(f"{reimported}|layername={t}"))
    compare(name, got)

check.finish()
