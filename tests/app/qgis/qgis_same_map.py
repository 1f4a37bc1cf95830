"""QGIS shows the map PetaCerdas shows. Renders the QGIS project stored in a PetaCerdas GeoPackage with
QGIS itself (headless PyQGIS) at the extent, CRS and size of a `petacerdas render --world-file` image,
and compares the two pixel by pixel inside the district:

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis_same_map.py GPKG OURS.png OURS_NO_LABELS.png OUT_DIR
        [--theme NAME] [--min-share 0.95] [--max-distance 24] [--min-labels kecamatan:N,desa:N]

OURS.png is the map as `petacerdas render` draws it; OURS_NO_LABELS.png the same with `--hide labels`
(labels are compared by count, not by pixel: QGIS and PetaCerdas place them by their own rules). The
map furniture (title block, legend, scale bar, north arrow, credit) is drawn around the part of the
image the map's extent is fitted to (app/gui/offscreen/map_image.cpp: margins of 15, 5.2, 1 and 2.5
times 22 layout pixels left, top, right and bottom): the comparison is inside the district and inside
that part. With --theme, the view's bookmark must hold the view's extent. QGIS draws without
antialiasing for the comparison, as the application does (llvmpipe, no multisampling); the images kept for looking at are
QGIS's own antialiased rendering. Both images, the difference and a summary go to OUT_DIR.
Exit 0 when at least --min-share of the district's pixels are within --max-distance (largest channel
difference, 0..255) and the label counts hold; 1 otherwise."""
import argparse
import os

import numpy as np
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QImage
from qgis.core import (QgsExpressionContext, QgsExpressionContextUtils, QgsFillSymbol, QgsMapRendererSequentialJob,
                       QgsMapSettings, QgsProject, QgsRasterLayer, QgsSingleSymbolRenderer, QgsVectorLayer)

from pyqgis_checks import Checks

ap = argparse.ArgumentParser()
ap.add_argument("gpkg")
ap.add_argument("ours")
ap.add_argument("ours_no_labels")
ap.add_argument("out_dir")
ap.add_argument("--theme", default="")
ap.add_argument("--min-share", type=float, default=0.95)
ap.add_argument("--max-distance", type=int, default=24)
ap.add_argument("--min-labels", default="")
args = ap.parse_args()
os.makedirs(args.out_dir, exist_ok=True)

check = Checks()


def to_array(img):
    img = img.convertToFormat(QImage.Format_RGBA8888)
    ptr = img.constBits()
    ptr.setsize(img.height() * img.width() * 4)
    return np.frombuffer(ptr, np.uint8).reshape(img.height(), img.width(), 4)[:, :, :3].copy()


# The georeference of our image: CRS and extent from its world file (GDAL reads .pgw and .aux.xml).
ours_layer = QgsRasterLayer(args.ours_no_labels, "ours")
check(ours_layer.isValid() and ours_layer.crs().isValid(), f"{args.ours_no_labels}: georeferenced ({ours_layer.crs().toProj()})")
if check.failures:
    check.finish()
width, height = ours_layer.width(), ours_layer.height()

project = QgsProject.instance()
check(project.read(f"geopackage:{args.gpkg}?projectName=PetaCerdas"), f"{args.gpkg}: QGIS opens the project stored in it")
if check.failures:
    check.finish()
root = project.layerTreeRoot()
themes = project.mapThemeCollection()
if args.theme:
    check(themes.hasMapTheme(args.theme), f"map theme '{args.theme}' in the project")
    if check.failures:
        check.finish()
    layers = themes.mapThemeVisibleLayers(args.theme)
    overrides = themes.mapThemeStyleOverrides(args.theme)
else:
    layers = [l for l in root.layerOrder() if root.findLayer(l.id()).isVisible()]
    overrides = {}
for l in project.mapLayers().values():
    check(l.isValid(), f"layer '{l.name()}' ({l.source()}) is valid")


def render(layer_list, labels, antialiasing, background=None, style_overrides=None):
    s = QgsMapSettings()
    s.setLayers(layer_list)
    s.setLayerStyleOverrides(style_overrides or {})
    s.setDestinationCrs(ours_layer.crs())
    s.setExtent(ours_layer.extent())
    s.setOutputSize(QSize(width, height))
    s.setOutputDpi(96)
    s.setBackgroundColor(background or project.backgroundColor())
    s.setFlag(QgsMapSettings.Antialiasing, antialiasing)
    s.setFlag(QgsMapSettings.DrawLabeling, labels)
    # As QGIS's map canvas: symbols see the project's and the map's variables (@map_scale ...).
    context = QgsExpressionContext()
    context.appendScope(QgsExpressionContextUtils.globalScope())
    context.appendScope(QgsExpressionContextUtils.projectScope(project))
    context.appendScope(QgsExpressionContextUtils.mapSettingsScope(s))
    s.setExpressionContext(context)
    job = QgsMapRendererSequentialJob(s)
    job.start()
    job.waitForFinished()
    return job.renderedImage(), job.takeLabelingResults()


qgis_image, labelling = render(layers, True, True, style_overrides=overrides)
qgis_image.save(os.path.join(args.out_dir, "qgis.png"))
compared, _ = render(layers, False, False, style_overrides=overrides)
compared.save(os.path.join(args.out_dir, "qgis_no_labels_aliased.png"))

# The district: its outline layer filled black on white, drawn by QGIS at the same extent.
outline = QgsVectorLayer(f"{args.gpkg}|layername=kabupaten", "district", "ogr")
outline.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({"color": "0,0,0,255", "outline_style": "no"})))
mask_image, _ = render([outline], False, False, background=QColor(255, 255, 255))
inside = to_array(mask_image)[:, :, 0] < 128
scale = height / 1080.0  # image pixels per layout pixel (a 1920x1080 layout scaled to the image)
left, top, right, bottom = (round(m * 22 * scale) for m in (15, 5.2, 1, 2.5))
inside[:top, :] = False
inside[height - bottom:, :] = False
inside[:, :left] = False
inside[:, width - right:] = False

ours = to_array(QImage(args.ours_no_labels))
theirs = to_array(compared)
check(ours.shape == theirs.shape, f"image sizes {ours.shape} and {theirs.shape}")
if check.failures:
    check.finish()
distance = np.abs(ours.astype(np.int16) - theirs.astype(np.int16)).max(axis=2)
n = int(inside.sum())
close = int((distance[inside] <= args.max_distance).sum())
share = close / n if n else 0.0
check(n > 0.05 * width * height, f"the district covers {n} pixels ({100.0 * n / (width * height):.1f} % of the image)")
check(share >= args.min_share, f"{100.0 * share:.2f} % of the district's pixels within colour distance {args.max_distance} "
      f"(required {100.0 * args.min_share:.0f} %)")
# Where they differ: red over a faded copy of ours; outside the district grey.
diff = (ours * 0.35 + 165).astype(np.uint8)
diff[~inside] = 200
bad = inside & (distance > args.max_distance)
diff[bad] = (220, 30, 30)
h, w = diff.shape[:2]
QImage(np.ascontiguousarray(np.dstack([diff, np.full((h, w), 255, np.uint8)])).data, w, h, w * 4,
       QImage.Format_RGBA8888).save(os.path.join(args.out_dir, "difference.png"))
hist = np.bincount(np.minimum(distance[inside], 255) // 8, minlength=32)
with open(os.path.join(args.out_dir, "summary.txt"), "w") as f:
    f.write(f"pixels inside the district: {n}\nwithin distance {args.max_distance}: {close} ({100.0 * share:.2f} %)\n")
    f.write("distance histogram (bins of 8): " + " ".join(str(int(x)) for x in hist) + "\n")

if args.theme:
    # The view's extent as a spatial bookmark (lon/lat), from the project's views table.
    import sqlite3
    row = sqlite3.connect(args.gpkg).execute("SELECT min_lon, min_lat, max_lon, max_lat FROM views WHERE name = ?",
                                             (args.theme,)).fetchone()
    marks = [b for b in project.bookmarkManager().bookmarks() if b.name() == args.theme]
    check(len(marks) == 1, f"one bookmark '{args.theme}'")
    if marks and row:
        e = marks[0].extent()
        got = (e.xMinimum(), e.yMinimum(), e.xMaximum(), e.yMaximum())
        check(marks[0].extent().crs().authid() == "EPSG:4326" and all(abs(a - b) < 1e-8 for a, b in zip(got, row)),
              f"bookmark extent {got} is the view's {row}")

# Labels: QGIS places them (the priority keeps two labelled layers from dropping each other's).
placed = {}
for label in labelling.allLabels() if labelling else []:
    placed[label.layerID] = placed.get(label.layerID, 0) + 1
names = {"kecamatan": "petacerdas_label_kecamatan", "desa": "petacerdas_label_desa"}
for item in filter(None, args.min_labels.split(",")):
    kind, count = item.split(":")
    got = placed.get(names[kind], 0)
    check(got >= int(count), f"QGIS places {got} {kind} labels (at least {count})")
print("labels placed per layer:", {project.mapLayer(k).name() if project.mapLayer(k) else k: v for k, v in placed.items()})
check.finish()
