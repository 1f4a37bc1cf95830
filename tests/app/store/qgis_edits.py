#!/usr/bin/env python3
"""PyQGIS side of qgis_edits_test.sh: `edit PROJECT STATE.json` makes the edits a GIS officer makes in
QGIS; `check PROJECT STATE.json` reads the project back in QGIS and checks that everything is as
QGIS left it, now with uuids for the features it added."""
import json
import re
import sys

from qgis.core import QgsApplication, QgsFeature, QgsField, QgsGeometry, QgsPointXY, QgsVectorLayer, NULL
from qgis.PyQt.QtCore import QVariant

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
mode, project, state_path = sys.argv[1], sys.argv[2], sys.argv[3]
app = QgsApplication([], False)
app.initQgis()
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


def layer(name):
    l = QgsVectorLayer(f"{project}|layername={name}", name, "ogr")
    if not l.isValid():
        print(f"FAIL: QGIS cannot open layer {name} of {project}", file=sys.stderr)
        sys.exit(1)
    return l


def snapshot():
    """fid -> (uuid, attributes with NULL as None) of every feature of the layers we look at."""
    out = {}
    for name in ("initiatives", "initiatives_line", "initiatives_polygon", "facilities", "desa"):
        l = layer(name)
        rows = {}
        for f in l.getFeatures():
            attrs = {fld.name(): (None if f[fld.name()] == NULL else f[fld.name()]) for fld in l.fields()}
            rows[str(f.id())] = {k: (v if isinstance(v, (int, float, str)) or v is None else str(v)) for k, v in attrs.items()}
        out[name] = rows
    return out


def styles(table):
    l = layer(table)
    count, ids, names, descriptions, error = l.listStylesInDatabase()
    return list(names), l.getStyleFromDatabase


if mode == "edit":
    points, lines = layer("initiatives"), layer("initiatives_line")
    taken = sorted(f.id() for f in points.getFeatures())
    line_fids = {f.id() for f in lines.getFeatures()}
    clash = next(fid for fid in taken if fid not in line_fids)  # a point's fid, free in the line layer
    lines.startEditing()
    f = QgsFeature(lines.fields())
    f.setAttribute("fid", clash)
    f.setAttribute("name", "Jalur Sepeda (QGIS)")  # every other field, the uuid too, left NULL
    f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(112.70, -7.70), QgsPointXY(112.72, -7.71)]))
    check(lines.addFeature(f), "adding a line")
    check(lines.commitChanges(), "committing the line: " + str(lines.commitErrors()))
    fac = layer("facilities")
    fac.startEditing()
    fac.addAttribute(QgsField("catatan_qgis", QVariant.String))
    fac.updateFields()
    g = QgsFeature(fac.fields())
    g.setAttribute("type", "puskesmas")
    g.setAttribute("catatan_qgis", "ditambahkan di QGIS")
    g.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(112.75, -7.75)))
    check(fac.addFeature(g), "adding a facility")
    check(fac.commitChanges(), "committing the facility: " + str(fac.commitErrors()))
    # One initiative's description NULL, another's '' (QGIS tells them apart; so must we).
    ini = layer("initiatives")
    ids = sorted(f.id() for f in ini.getFeatures())
    ini.startEditing()
    idx = ini.fields().indexOf("description")
    ini.changeAttributeValue(ids[0], idx, NULL)
    ini.changeAttributeValue(ids[1], idx, "")
    check(ini.commitChanges(), "committing descriptions")
    # A style of the GIS officer's own, saved into the GeoPackage as the layer's default.
    desa = layer("desa")
    desa.renderer().symbol().setColor(desa.renderer().symbol().color().fromRgb(10, 200, 30))
    desa.saveStyleToDatabase("Gaya Bappeda", "dibuat di QGIS", True, "")
    state = {"clash_fid": clash, "line_name": "Jalur Sepeda (QGIS)", "null_id": ids[0], "empty_id": ids[1],
             "before": snapshot()}
    with open(state_path, "w") as out:
        json.dump(state, out)
elif mode == "check":
    with open(state_path) as f:
        state = json.load(f)
    before, now = state["before"], snapshot()
    for name, rows in before.items():
        check(set(rows) <= set(now[name]), f"{name}: features renumbered or gone: {sorted(set(rows) - set(now[name]))}")
        for fid, attrs in rows.items():
            if fid not in now[name]:
                continue
            after = now[name][fid]
            for k, v in attrs.items():
                if k == "uuid" and v is None:
                    check(after[k] is not None and UUID.match(after[k]), f"{name} fid {fid}: no uuid after the save")
                    if "uuids" in state:
                        check(after[k] == state["uuids"].get(f"{name}/{fid}", after[k]),
                              f"{name} fid {fid}: its uuid changed between saves")
                else:
                    check(after.get(k) == v, f"{name} fid {fid} field {k}: {v!r} became {after.get(k)!r}")
    line = now["initiatives_line"][str(state["clash_fid"])]
    check(line["name"] == state["line_name"], "the QGIS line lost its fid or name")
    ini = now["initiatives"]
    check(ini[str(state["null_id"])]["description"] is None, "a NULL description became " + repr(ini[str(state["null_id"])]["description"]))
    check(ini[str(state["empty_id"])]["description"] == "", "an empty description became " + repr(ini[str(state["empty_id"])]["description"]))
    names = layer("desa").listStylesInDatabase()[2]
    check("Gaya Bappeda" in names, f"the user's style is gone: {names}")
    # QGIS applies the user's default when it opens the layer.
    desa = layer("desa")
    colour = desa.renderer().symbol().color()
    check((colour.red(), colour.green(), colour.blue()) == (10, 200, 30), f"the user's default style is not applied: {colour.name()}")
    state["uuids"] = {f"{name}/{fid}": attrs["uuid"] for name, rows in now.items() for fid, attrs in rows.items()}
    with open(state_path, "w") as out:
        json.dump(state, out)
if failures:
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    sys.exit(1)
print(f"{mode}: ok")
