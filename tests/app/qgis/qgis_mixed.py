"""QGIS opens a mixed-geometry export (GeoJSON, KML: facilities and initiatives of every kind in one
layer) as one sublayer per geometry type, each with the features of that kind:
    QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis_mixed.py PROJECT.gpkg BASE FILE [FILE ...]
Expected counts per kind are the project file's kind layers (BASE, BASE_line, BASE_polygon), read
with SQLite. Exit 0 pass, 1 fail."""
import sqlite3
import sys

from qgis.core import QgsVectorLayer, QgsWkbTypes

from pyqgis_checks import Checks

project, base, files = sys.argv[1], sys.argv[2], sys.argv[3:]
db = sqlite3.connect(project)
tables = {r[0] for r in db.execute("SELECT table_name FROM gpkg_contents")}
expected = {}
for suffix, geom in (("", QgsWkbTypes.PointGeometry), ("_line", QgsWkbTypes.LineGeometry),
                     ("_polygon", QgsWkbTypes.PolygonGeometry)):
    if base + suffix in tables:
        n = db.execute(f'SELECT count(*) FROM "{base + suffix}" WHERE geom IS NOT NULL').fetchone()[0]
        if n:
            expected[geom] = n

check = Checks()


for path in files:
    whole = QgsVectorLayer(path, base, "ogr")
    check(whole.isValid(), f"{path}: QGIS opens it")
    subs = whole.dataProvider().subLayers()
    check(len(subs) == len(expected), f"{path}: {len(subs)} sublayers offered (one per kind: {len(expected)})")
    for geom, n in expected.items():
        name = {QgsWkbTypes.PointGeometry: "Point", QgsWkbTypes.LineGeometry: "LineString",
                QgsWkbTypes.PolygonGeometry: "Polygon"}[geom]
        part = QgsVectorLayer(f"{path}|geometrytype={name}", name, "ogr")
        check(part.isValid() and part.geometryType() == geom and part.featureCount() == n,
              f"{path}: {name} sublayer has {part.featureCount()} features (project file: {n})")

check.finish()
