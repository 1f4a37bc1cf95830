"""QGIS itself opens a PetaCerdas GeoPackage export: feature counts, CRS, and the default style from
layer_styles applied (renderer type, categories, classes, labels). Run headless:
    QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis_load.py EXPORT.gpkg
    ... qgis_load.py EXPORT.gpkg --require initiatives_line --require initiatives_polygon
Expected counts come from SQLite directly (not from QGIS, not from our code). Facilities and
initiatives are one layer per geometry kind (`initiatives` points, `initiatives_line`,
`initiatives_polygon`): each must open with its own geometry type and a style whose symbols are of
that kind (QGIS draws nothing of a feature whose kind differs from its layer's). --require names kind
layers that must be there. Exit 0 pass, 1 fail."""
import sqlite3
import sys

from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor
from qgis.core import (QgsMapRendererSequentialJob, QgsMapSettings, QgsVectorLayer,
                       QgsWkbTypes)

from pyqgis_checks import Checks

PILLARS = ["governance", "branding", "economy", "society", "living", "environment"]

path = sys.argv[1]  # a GeoPackage export with metrics (petacerdas export --metrics)
required = [sys.argv[i + 1] for i in range(2, len(sys.argv) - 1) if sys.argv[i] == "--require"]
db = sqlite3.connect(path)
expected_count = {}
for (name,) in db.execute("SELECT table_name FROM gpkg_contents WHERE data_type = 'features'"):
    expected_count[name] = db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
facility_types = [r[0] for r in db.execute("SELECT key FROM facility_types")]
styled = {r[0] for r in db.execute("SELECT f_table_name FROM layer_styles WHERE useAsDefault")}

check = Checks()


want_renderer = {
    "kabupaten": "singleSymbol",
    "kecamatan": "singleSymbol",
    "desa": "singleSymbol",
    "zones": "singleSymbol",
    "facilities": "categorizedSymbol",
    "facilities_line": "categorizedSymbol",
    "facilities_polygon": "categorizedSymbol",
    "initiatives": "categorizedSymbol",
    "initiatives_line": "categorizedSymbol",
    "initiatives_polygon": "categorizedSymbol",
    "metrics_desa": "graduatedSymbol",
}
# The symbol kind each kind layer must be drawn with.
KIND = {"": (QgsWkbTypes.PointGeometry, "marker"), "_line": (QgsWkbTypes.LineGeometry, "line"),
        "_polygon": (QgsWkbTypes.PolygonGeometry, "fill")}
for name in required:
    check(name in expected_count, f"{name}: layer present in the GeoPackage")
for base in ("facilities", "initiatives"):
    layers = [base + k for k in KIND if base + k in expected_count]
    total = sum(expected_count[n] for n in layers)
    union = " UNION ALL ".join('SELECT uuid FROM "%s"' % n for n in layers)
    distinct = db.execute("SELECT count(DISTINCT uuid) FROM (%s)" % union).fetchone()[0]
    check(total == distinct, f"{base}: {total} features over {layers}, UUIDs unique ({distinct})")
for name, renderer_type in want_renderer.items():
    if name not in expected_count:
        print(f"skip {name}: no such layer here")
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
    base = name.split("_")[0]
    suffix = name[len(base):]
    if base in ("facilities", "initiatives"):
        geom, symbol = KIND[suffix]
        check(layer.geometryType() == geom, f"{name}: geometry type {QgsWkbTypes.geometryDisplayString(layer.geometryType())}")
        if r and r.type() == "categorizedSymbol":
            kinds = {c.symbol().type() for c in r.categories()}
            want_type = {"marker": 0, "line": 1, "fill": 2}[symbol]  # QgsSymbol.SymbolType
            check(kinds == {want_type}, f"{name}: every category drawn with a {symbol} symbol")
    if base == "initiatives" and r and r.type() == "categorizedSymbol":
        check(r.classAttribute() == "pillar", f"{name}: classified by {r.classAttribute()}")
        values = [c.value() for c in r.categories()]
        check(values == PILLARS, f"{name}: categories {values}")
        # geo/include/geo/style.h kPillarColours; a line is the pillar colour on a dark casing, so
        # look for it among the symbol's layers.
        want = ["#1f5fbf", "#d81b60", "#f57c00", "#c62828", "#00897b", "#2e7d32"]
        colours = [[sl.color().name() for sl in c.symbol().symbolLayers()] for c in r.categories()]
        check(all(w in cs or c.symbol().color().name() == w for w, cs, c in zip(want, colours, r.categories())),
              f"{name}: pillar colours {colours}")
    if base == "facilities" and r and r.type() == "categorizedSymbol":
        values = [c.value() for c in r.categories()]
        check(all(t in values for t in facility_types), f"{name}: categories {values} include {facility_types}")
    if name == "metrics_desa" and r and r.type() == "graduatedSymbol":
        bounds = [(round(x.lowerValue(), 9), round(x.upperValue(), 9)) for x in r.ranges()]
        check(bounds == [(0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.0)],
              f"{name}: the map's fixed classes on {r.classAttribute()}: {bounds}")
    if name in ("kecamatan", "desa"):
        lab = layer.labeling()
        field = lab.settings().fieldName if lab else None
        check(layer.labelsEnabled() and field == "name", f"{name}: labels on field {field}")



def drawn_colours(layer, want):
    """Renders the layer alone with its stored style (as QGIS draws it) and returns which of the
    colours `want` (hex) appear in the image."""
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setExtent(layer.extent().buffered(max(layer.extent().width(), layer.extent().height()) * 0.05))
    settings.setOutputSize(QSize(800, 800))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    img = job.renderedImage()
    targets = {w: QColor(w) for w in want}
    seen = set()
    for y in range(0, img.height(), 2):
        for x in range(0, img.width(), 2):
            c = QColor(img.pixel(x, y))
            for w, t in targets.items():
                if w not in seen and abs(c.red() - t.red()) <= 6 and abs(c.green() - t.green()) <= 6 and abs(c.blue() - t.blue()) <= 6:
                    seen.add(w)
    return seen


# Kecamatan and desa labelled together with their stored styles (layers opened on their own, as a
# QGIS user adds them): both layers' labels are placed, at a scale where the map shows desa labels
# (the kecamatan's priority first; 3.22 drops labels over another labelled layer without it).
def placed_labels(layers, extent):
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(layers[0].crs())
    settings.setExtent(extent)
    settings.setOutputSize(QSize(1600, 1000))
    settings.setOutputDpi(96)
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    counts = {}
    for label in job.takeLabelingResults().allLabels():
        counts[label.layerID] = counts.get(label.layerID, 0) + 1
    return counts


if expected_count.get("kecamatan") and expected_count.get("desa"):
    kec = QgsVectorLayer(f"{path}|layername=kecamatan", "kecamatan", "ogr")
    desa = QgsVectorLayer(f"{path}|layername=desa", "desa", "ogr")
    first = next(kec.getFeatures())
    counts = placed_labels([kec, desa], first.geometry().boundingBox().buffered(0.01))
    check(counts.get(kec.id(), 0) > 0 and counts.get(desa.id(), 0) > 0,
          f"kecamatan and desa labels both placed ({counts.get(kec.id(), 0)} and {counts.get(desa.id(), 0)})")


# Line and polygon initiatives are drawn, in their pillars' colours (a polygon's fill at 0.45 over
# the white background, the line itself), not only the points: the reason for the layers per kind.
PILLAR_HEX = dict(zip(PILLARS, ["#1f5fbf", "#d81b60", "#f57c00", "#c62828", "#00897b", "#2e7d32"]))


def over_white(hex_colour, alpha):
    c = QColor(hex_colour)
    return QColor(*(round(alpha * v + (1 - alpha) * 255) for v in (c.red(), c.green(), c.blue()))).name()


for name in ("initiatives", "initiatives_line", "initiatives_polygon"):
    if expected_count.get(name, 0) == 0:
        continue
    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    used = {PILLAR_HEX[r[0]] for r in db.execute(f'SELECT DISTINCT pillar FROM "{name}"') if r[0] in PILLAR_HEX}
    if name.endswith("_polygon"):
        used = {over_white(c, 0.45) for c in used}
    seen = drawn_colours(layer, used)
    check(seen == used, f"{name}: QGIS draws the pillar colours {sorted(used)} (seen {sorted(seen)})")

check.finish()
