#!/usr/bin/env python3
"""Kills petacerdas with SIGKILL during saves, many times, and checks after each kill that the
project is the old or the new content (never anything else, never damaged) and that the next open
leaves no temporary files behind.

kill_save_test.py PETACERDAS [ITERATIONS]

Two kinds of save: `analyze` (replaces the derived tables in one SQLite transaction on the file)
and `import` (a full save: <file>.tmp-<pid> renamed over the file). Half of the kills are aimed at
the save itself (the window in which the journal or the temporary file exists, measured first),
the other half anywhere in the run. Exit 0 pass, 1 fail.
"""
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

BIN = sys.argv[1]
ITERATIONS = int(sys.argv[2]) if len(sys.argv) > 2 else 500
METRICS_PREFIXES = ("metrics_", "service_area_")
METRICS_TABLES = {"data_quality", "initiative_stats", "initiative_reach", "provenance"}
VOLATILE = {"computed_at", "last_change", "update_time"}  # times of the save, not content


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def run(*args, **kw):
    return subprocess.run([BIN, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def make_project(work):
    """A small district: 6 x 5 square desa and a few puskesmas (fast to analyze, so many kills fit)."""
    feats = []
    for i in range(6):
        for j in range(5):
            x, y, d = 112.80 + i * 0.02, -7.70 + j * 0.02, 0.02
            ring = [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]
            feats.append({"type": "Feature", "properties": {"kode": f"99.01.0{i}.20{j:02d}", "nama": f"Desa {i}-{j}",
                                                             "kode_kec": f"99.01.0{i}", "penduduk": 1000 + 37 * i + 11 * j},
                          "geometry": {"type": "Polygon", "coordinates": [ring]}})
    with open(os.path.join(work, "desa.geojson"), "w") as f:
        json.dump({"type": "FeatureCollection", "features": feats}, f)
    with open(os.path.join(work, "pkm.csv"), "w") as f:
        f.write("nama,lon,lat\n")
        for k in range(4):
            f.write(f"Puskesmas {k},{112.81 + 0.03 * k},{-7.68 + 0.02 * k}\n")
    with open(os.path.join(work, "more.csv"), "w") as f:
        f.write("nama,lon,lat\n")
        for k in range(3):
            f.write(f"Puskesmas Baru {k},{112.83 + 0.02 * k},{-7.66}\n")
    p = os.path.join(work, "p.gpkg")
    r = run("import", p, os.path.join(work, "desa.geojson"), "--as", "desa", "--new", "--district-code", "99.01",
            "--name", "Kabupaten Uji", "--field", "population=penduduk")
    if r.returncode:
        fail("import desa: " + r.stderr)
    r = run("import", p, os.path.join(work, "pkm.csv"), "--as", "facilities", "--type", "puskesmas")
    if r.returncode:
        fail("import facilities: " + r.stderr)
    return p


def is_metrics(name):
    return name.startswith(METRICS_PREFIXES) or name in METRICS_TABLES


def digests(path):
    """(project digest, metrics digest) over every row of every layer, uuids of new features aside."""
    db = sqlite3.connect(path)
    try:
        names = [r[0] for r in db.execute("SELECT table_name FROM gpkg_contents ORDER BY table_name")]
        project, metrics = hashlib.sha256(), hashlib.sha256()
        for t in names:
            if t == "layer_styles":
                continue
            cur = db.execute(f'SELECT * FROM "{t}" ORDER BY 1')
            cols = [c[0] for c in cur.description]
            keep = [i for i, c in enumerate(cols) if c not in VOLATILE and c != "uuid"]
            h = metrics if is_metrics(t) else project
            h.update(t.encode())
            for row in cur:
                h.update(repr([row[i] for i in keep]).encode())
        return project.hexdigest(), metrics.hexdigest()
    finally:
        db.close()


def check_sound(path):
    db = sqlite3.connect(path)
    try:
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            fail(f"{path} is damaged after a kill")
        for t, n in db.execute("SELECT table_name, feature_count FROM gpkg_ogr_contents").fetchall():
            actual = db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            if n is not None and n != actual:
                fail(f"{path}: gpkg_ogr_contents says {n} rows in {t}, it has {actual}")
        for t, c in db.execute("SELECT table_name, column_name FROM gpkg_geometry_columns").fetchall():
            rtree = f"rtree_{t}_{c}"
            if db.execute("SELECT count(*) FROM sqlite_master WHERE name = ?", (rtree,)).fetchone()[0]:
                a = db.execute(f'SELECT count(*) FROM "{rtree}"').fetchone()[0]
                b = db.execute(f'SELECT count(*) FROM "{t}" WHERE "{c}" IS NOT NULL').fetchone()[0]
                if a != b:
                    fail(f"{path}: {rtree} has {a} entries for {b} geometries")
    finally:
        db.close()


def leftovers(folder):
    return sorted(n for n in os.listdir(folder) if ".tmp-" in n or n.endswith("-journal") or n.endswith("-wal"))


def save_window(cmd, p, pristine, marker):
    """Start and end (seconds after the start) of the save, seen from outside: `marker(pid)` exists."""
    windows = []
    for _ in range(5):
        shutil.copyfile(pristine, p)
        t0 = time.monotonic()
        proc = subprocess.Popen([BIN, *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seen = None
        while proc.poll() is None:
            if os.path.exists(marker(proc.pid)):
                now = time.monotonic() - t0
                seen = (seen[0], now) if seen else (now, now)
        total = time.monotonic() - t0
        if proc.returncode:
            fail(f"{' '.join(cmd)} failed in the calibration run")
        if seen:
            windows.append((seen[0], seen[1] + 0.002, total))
    if not windows:
        return None, max(0.05, total)
    return (min(w[0] for w in windows), max(w[1] for w in windows)), max(w[2] for w in windows)


def main():
    work = tempfile.mkdtemp(prefix="pc_kill_")
    try:
        p = make_project(work)
        folder = os.path.dirname(p)
        pristine = os.path.join(work, "pristine.gpkg.orig")
        shutil.copyfile(p, pristine)
        out = os.path.join(work, "out")
        kinds = {
            "analyze": (["analyze", p, "--no-grid", "--out", out], lambda pid: p + "-journal"),
            "import": (["import", p, os.path.join(work, "more.csv"), "--as", "facilities", "--type", "puskesmas"],
                       lambda pid: f"{p}.tmp-{pid}"),
        }
        expected = {}
        for kind, (cmd, marker) in kinds.items():
            shutil.copyfile(pristine, p)
            r = run(*cmd)
            if r.returncode:
                fail(f"{kind}: {r.stderr}")
            old, new = digests(pristine), digests(p)
            if old == new:
                fail(f"{kind} changed nothing: the test could not tell old from new")
            window, total = save_window(cmd, p, pristine, marker)
            expected[kind] = (old, new, window, total)
            print(f"{kind}: run {total * 1000:.0f} ms, save seen at "
                  f"{'%.1f-%.1f ms' % (window[0] * 1000, window[1] * 1000) if window else 'never (too short)'}")
        counts = {"old": 0, "new": 0, "interrupted": 0}
        rng = random.Random(20261206)
        for i in range(ITERATIONS):
            kind = "analyze" if i % 2 == 0 else "import"
            cmd, marker = kinds[kind]
            old, new, window, total = expected[kind]
            for name in os.listdir(folder):
                if name.startswith("p.") and name != "pristine.gpkg.orig":
                    os.remove(os.path.join(folder, name))
            shutil.copyfile(pristine, p)
            aimed = window and i % 4 < 2
            delay = rng.uniform(window[0] - 0.002, window[1]) if aimed else rng.uniform(0, total * 1.1)
            proc = subprocess.Popen([BIN, *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(max(0.0, delay))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            if leftovers(folder):
                counts["interrupted"] += 1
            # The next open: rolls back a hot journal, removes the temporary files of the dead process.
            r = run("analyze", p, "--no-save", "--no-grid", "--out", out + "_check")
            if r.returncode:
                fail(f"iteration {i} ({kind}, killed after {delay * 1000:.1f} ms): the project cannot be opened: {r.stderr}")
            left = leftovers(folder)
            if left:
                fail(f"iteration {i} ({kind}): left after the next open: {left}")
            check_sound(p)
            d = digests(p)
            if d == old:
                counts["old"] += 1
            elif d == new:
                counts["new"] += 1
            else:
                fail(f"iteration {i} ({kind}, killed after {delay * 1000:.1f} ms): neither the old nor the new content")
        print(f"{ITERATIONS} kills: {counts['old']} left the old content, {counts['new']} the new, "
              f"{counts['interrupted']} interrupted a save (temporary file or journal left by the kill)")
        if counts["interrupted"] < ITERATIONS // 20:
            fail(f"only {counts['interrupted']} kills landed in a save: the test did not test saves")
    finally:
        shutil.rmtree(work, ignore_errors=True)


main()
