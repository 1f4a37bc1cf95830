#!/usr/bin/python3
"""The coverage benchmark: `petacerdas analyze` against GeoPandas and PostGIS doing the same work, in
the same run, in CPU seconds (user + system of every thread), so that a busy machine hurts both
sides alike.

  /usr/bin/python3 bench/coverage_bench.py --petacerdas BUILD/app/cli/petacerdas
        [--whatif BUILD/bench/pc_bench_whatif] [--data ../shared/data] [--work DIR]
        [--runs N] [--quick] [--only SUBSTRING ...] [--no-postgis] [--no-jatim] [--plot FILE.png]

Workloads (../shared/data): the four seed districts, each with its cell sites (r 2 km; Padang
Pariaman has none), a facility at the point on surface of every 3rd desa (r 1.5 km) and random
points inside the district (100, 1,000, 10,000; r 2 km; fixed seed); Jawa Timur (8,494 desa) with
the every-3rd-desa set (2,832 points, r 1.5 km) and 20,000 random points (r 2 km). Every facility
counts whose service area reaches the district (facilities across the border included).

Measured per workload:
  ours     the whole `petacerdas analyze P --no-grid` process (read the project, compute, write the
           project, CSV, XLSX and summary), and the engine's part of it (preparation and run, gap
           geometry included), as `analyze --timings` reports it; "1st run" is the first analyze
           after the import (every metrics layer written anew; later runs rewrite only what changed);
  GeoPandas reading (desa and facilities) and computing (projection, buffers, unions,
           intersection areas per desa), measured apart inside its process;
  PostGIS  the statement's backend CPU (Jawa Timur, and the districts unless --quick).
Each side's figure is the least of --runs runs in each of two rounds, the second in the other order
(the peer first), so that a slow stretch of the machine hits both sides alike (Jawa Timur: one
round). Targets (issue 10):
  engine  <= 1/10 of GeoPandas' compute;   analyze <= 1/3 of GeoPandas' read + compute;
  Jawa Timur: analyze at least 5x faster than PostGIS.
The covered areas of both sides are compared (like for like), the table is printed, a log-log plot
of CPU seconds against facility count is written, with the slopes (growth in facilities and in desa).
Exit status 0 when every target holds.
"""
import argparse
import csv
import json
import math
import os
import shutil
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

DISTRICTS = [
    # name, file, has cell sites
    ("Kota Pasuruan", "kota_pasuruan_3575.gpkg", True),
    ("Kab. Pasuruan", "kab_pasuruan_3514.gpkg", True),
    ("Pamekasan", "kab_pamekasan_3528.gpkg", True),
    ("Padang Pariaman", "kab_padang_pariaman_1305.gpkg", False),
]
RANDOM_SIZES = [100, 1000, 10000]


def utm_epsg(lon, lat):
    zone = int(math.floor((lon + 180) / 6)) + 1
    return (32700 if lat < 0 else 32600) + zone


def run_cpu(cmd, **kw):
    """Runs cmd; returns (CPU seconds of the child, wall seconds, stdout, stderr)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    out, err = p.communicate()
    # communicate() has reaped the child: its usage is in RUSAGE_CHILDREN; take the difference.
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}):\n{err[-2000:]}")
    return wall, out, err


class ChildCpu:
    """CPU seconds of the children reaped inside the block (resource.RUSAGE_CHILDREN difference)."""

    def __enter__(self):
        import resource

        self._r = resource
        u = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.t0 = u.ru_utime + u.ru_stime
        return self

    def __exit__(self, *a):
        u = self._r.getrusage(self._r.RUSAGE_CHILDREN)
        self.cpu = u.ru_utime + u.ru_stime - self.t0


# ---- workloads -------------------------------------------------------------------------------------


def desa_frame(path, layer="desa"):
    import geopandas as gpd

    return gpd.read_file(path, layer=layer)


def write_points(path, lonlat, radius):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["lon", "lat", "radius", "type", "name"])
        for i, (x, y) in enumerate(lonlat):
            w.writerow([repr(float(x)), repr(float(y)), radius, "bts", f"site {i + 1}"])


def every_third_desa(desa):
    pts = desa.geometry.representative_point()  # GEOS PointOnSurface, in lon/lat
    return [(p.x, p.y) for p in pts.values[::3]]


def random_inside(desa, n, seed):
    from shapely.ops import unary_union
    from shapely.prepared import prep

    district = unary_union(list(desa.geometry.values))
    pd = prep(district)
    x0, y0, x1, y1 = district.bounds
    rng = np.random.RandomState(seed)
    from shapely.geometry import Point

    out = []
    while len(out) < n:
        xs = rng.uniform(x0, x1, 4 * n)
        ys = rng.uniform(y0, y1, 4 * n)
        for x, y in zip(xs, ys):
            if pd.contains(Point(x, y)):
                out.append((x, y))
                if len(out) == n:
                    break
    return out


class Workload:
    def __init__(self, area, name, desa_path, desa_layer, pop_field, csv_path, n, ndesa, epsg, base):
        self.area, self.name = area, name
        self.desa_path, self.desa_layer, self.pop_field = desa_path, desa_layer, pop_field
        self.csv, self.n, self.ndesa, self.epsg, self.base = csv_path, n, ndesa, epsg, base

    @property
    def label(self):
        return f"{self.area}: {self.name}"


def build_workloads(args):
    import sqlite3  # noqa: F401 (only to fail early when python lacks it)

    os.makedirs(args.work, exist_ok=True)
    pc = args.petacerdas
    work = []
    areas = [] if args.jatim_only else list(DISTRICTS)
    for area, fname, has_cells in areas:
        src = os.path.join(args.data, fname)
        slug = fname.split(".")[0]
        base = os.path.join(args.work, f"{slug}.gpkg")
        if not os.path.exists(base):
            subprocess.run([pc, "load-district", src, "--out", base], check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        desa = desa_frame(src)
        c = desa.total_bounds
        epsg = utm_epsg((c[0] + c[2]) / 2, (c[1] + c[3]) / 2)
        sets = []
        if has_cells:
            import geopandas as gpd

            cells = gpd.read_file(src, layer="bts_opencellid")
            sets.append(("cell sites, r 2 km", [(p.x, p.y) for p in cells.geometry.values], 2000))
        sets.append(("every 3rd desa, r 1.5 km", every_third_desa(desa), 1500))
        for n in ([100, 1000] if args.quick else RANDOM_SIZES):
            sets.append((f"{n} random, r 2 km", random_inside(desa, n, seed=n + len(desa)), 2000))
        for name, pts, r in sets:
            path = os.path.join(args.work, f"{slug}_{name.split(',')[0].replace(' ', '_')}.csv")
            write_points(path, pts, r)
            work.append(Workload(area, name, src, "desa", "pop_est_sp2020", path, len(pts), len(desa), epsg, base))
    if args.jatim:
        src = os.path.join(args.data, "jatim_desa.gpkg")
        base = os.path.join(args.work, "jatim.gpkg")
        if not os.path.exists(base):
            tmp = base + ".building.gpkg"
            if os.path.exists(tmp):
                os.remove(tmp)
            subprocess.run([pc, "import", tmp, src, "--as", "desa", "--layer", "desa", "--new", "--district-code",
                            "35", "--name", "Provinsi Jawa Timur", "--field", "population=pop_ghs",
                            "--field", "parent=kode_kec"], check=True, stdout=subprocess.DEVNULL)
            subprocess.run([pc, "import", tmp, src, "--as", "kecamatan", "--layer", "kecamatan", "--no-population",
                            "--field", "parent=kode_kab"], check=True, stdout=subprocess.DEVNULL)
            os.rename(tmp, base)
        desa = desa_frame(src)
        c = desa.total_bounds
        epsg = utm_epsg((c[0] + c[2]) / 2, (c[1] + c[3]) / 2)
        sets = [("every 3rd desa, r 1.5 km", every_third_desa(desa), 1500)]
        if not args.quick:
            sets.append(("20000 random, r 2 km", random_inside(desa, 20000, seed=20000), 2000))
        for name, pts, r in sets:
            path = os.path.join(args.work, f"jatim_{name.split(',')[0].replace(' ', '_')}.csv")
            write_points(path, pts, r)
            work.append(Workload("Jawa Timur", name, src, "desa", "pop_ghs", path, len(pts), len(desa), epsg, base))
    if args.only:
        work = [w for w in work if any(s.lower() in w.label.lower() for s in args.only)]
    return work


# ---- sides -----------------------------------------------------------------------------------------


def ours(args, w, again=None):
    """Least CPU of `analyze` (whole process) and of its engine part over args.runs runs, and the
    district figures it wrote. With `again` (an earlier result), more runs on the same project (no
    import): the least of both."""
    proj = os.path.join(args.work, "run.gpkg")
    if again is None:
        shutil.copyfile(w.base, proj)
        subprocess.run([args.petacerdas, "import", proj, w.csv, "--as", "facilities", "--type", "bts"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out_dir = os.path.join(args.work, "run_analysis")
    best_total = again["cpu"] if again else None
    best_engine = again["engine_cpu"] if again else None
    first_total = again["first_cpu"] if again else None
    err = ""
    for _ in range(w.runs):
        with ChildCpu() as cpu:
            _, _, err = run_cpu([args.petacerdas, "analyze", proj, "--no-grid", "--timings", "--out", out_dir])
        engine = None
        for line in err.splitlines():
            if line.startswith("timings:"):
                kv = dict(x.split("=") for x in line.split()[1:])
                engine = float(kv["engine_cpu_ms"]) / 1e3
        if first_total is None:
            first_total = cpu.cpu  # the first analyze after the import: every metrics layer written anew
        best_total = cpu.cpu if best_total is None else min(best_total, cpu.cpu)
        best_engine = engine if best_engine is None else min(best_engine, engine)
    with open(os.path.join(out_dir, "metrics_district.csv")) as f:
        rows = [r for r in csv.DictReader(f) if r.get("service") == "bts"]
    d = rows[0] if rows else {}
    desa_sum = 0.0
    with open(os.path.join(out_dir, "metrics_desa.csv")) as f:
        for r in csv.DictReader(f):
            if r.get("service") == "bts":
                desa_sum += float(r["covered_km2"] or 0)
    return {"cpu": best_total, "first_cpu": first_total, "engine_cpu": best_engine, "district_covered_km2": float(d.get("covered_km2", "nan")),
            "desa_covered_km2_sum": desa_sum, "covered_population": float(d.get("covered_population", "nan"))}


def geopandas(args, w):
    cfg = {"epsg": w.epsg, "runs": w.runs,
           "desa": {"path": w.desa_path, "layer": w.desa_layer, "pop": w.pop_field},
           "facilities": {"path": w.csv}}
    path = os.path.join(args.work, "gp.json")
    with open(path, "w") as f:
        json.dump(cfg, f)
    _, out, _ = run_cpu([args.python, os.path.join(HERE, "peer_geopandas.py"), path])
    return json.loads(out)


# ---- report ----------------------------------------------------------------------------------------


def slope(xs, ys):
    xs, ys = np.log(np.asarray(xs, float)), np.log(np.asarray(ys, float))
    if len(xs) < 2 or np.ptp(xs) == 0:
        return float("nan")
    return float(np.polyfit(xs, ys, 1)[0])


def plot(path, results):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    areas = []
    for r in results:
        if r["w"].area not in areas:
            areas.append(r["w"].area)
    fig, axes = plt.subplots(1, len(areas), figsize=(4.2 * len(areas), 4.2), squeeze=False)
    for ax, area in zip(axes[0], areas):
        rs = sorted([r for r in results if r["w"].area == area], key=lambda r: r["w"].n)
        n = [r["w"].n for r in rs]
        series = [("petacerdas analyze (whole)", [r["ours"]["cpu"] for r in rs], "C0", "-o"),
                  ("engine (prepare + run)", [r["ours"]["engine_cpu"] for r in rs], "C0", "--^"),
                  ("GeoPandas read + compute", [r["gp"]["read_cpu_s"] + r["gp"]["compute_cpu_s"] for r in rs], "C1", "-o"),
                  ("GeoPandas compute", [r["gp"]["compute_cpu_s"] for r in rs], "C1", "--^")]
        pg = [(r["w"].n, r["pg"]["cpu"]) for r in rs if r.get("pg")]
        for label, ys, colour, style in series:
            ax.plot(n, ys, style, color=colour, label=f"{label} (slope {slope(n, ys):.2f})")
        if pg:
            ax.plot([p[0] for p in pg], [p[1] for p in pg], "-s", color="C2", label="PostGIS")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(f"{area} ({rs[0]['w'].ndesa} desa)")
        ax.set_xlabel("facilities")
        ax.set_ylabel("CPU seconds")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=6.5)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--petacerdas", required=True)
    ap.add_argument("--whatif", help="pc_bench_whatif binary (what-if p95 while dragging)")
    ap.add_argument("--data", default=os.path.join(HERE, "..", "..", "shared", "data"))
    ap.add_argument("--work", default="/tmp/pc_coverage_bench")
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="fewer and smaller workloads")
    ap.add_argument("--only", nargs="*", help="run the workloads whose label holds one of these")
    ap.add_argument("--no-postgis", action="store_true")
    ap.add_argument("--no-jatim", dest="jatim", action="store_false")
    ap.add_argument("--jatim-only", action="store_true")
    ap.add_argument("--plot", default=None, help="log-log plot (PNG); default WORK/coverage_bench.png")
    args = ap.parse_args()
    args.petacerdas = os.path.abspath(args.petacerdas)
    if not os.path.isdir(args.data):
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    load = open("/proc/loadavg").read().split()[:3]
    print(f"coverage benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load {' '.join(load)}, "
          f"{os.cpu_count()} CPUs; least of {args.runs} runs in each of two rounds (ours then the peer's, then the "
          f"other way round; Jawa Timur one round); CPU seconds (user + system)", flush=True)
    workloads = build_workloads(args)
    cluster = None
    if not args.no_postgis:
        import peer_postgis

        if peer_postgis.available():
            cluster = peer_postgis.Cluster()
        else:
            print("PostGIS not installed: PostGIS columns left empty", file=sys.stderr)
    results = []
    ok = True
    try:
        hdr = (f"{'workload':44} {'fac.':>6} {'GP read':>8} {'GP comp':>8} {'PostGIS':>8} {'engine':>8} {'analyze':>8} {'1st run':>8}"
               f" {'eng/GPc':>8} {'ana/GP':>7} {'ana/PG':>7} {'Δ district':>10}  targets")
        print(hdr)
        for w in workloads:
            w.runs = 1 if w.area == "Jawa Timur" and w.n >= 10000 else args.runs
            o = ours(args, w)
            gp = geopandas(args, w)
            if w.area != "Jawa Timur":
                # A second round in the other order (the peer first): the least of both rounds, so
                # that a slow stretch of the machine over one side's runs is not taken for its speed.
                gp2 = geopandas(args, w)
                for k in ("read_cpu_s", "compute_cpu_s"):
                    gp[k] = min(gp[k], gp2[k])
                o = ours(args, w, again=o)
            pg = None
            if cluster and (w.area == "Jawa Timur" or not args.quick):
                cluster.load(w.desa_path, w.desa_layer, w.pop_field, w.csv)
                cpu, dcov, dsum = cluster.compute(w.epsg, runs=1 if w.area == "Jawa Timur" else w.runs)
                pg = {"cpu": cpu, "district_covered_km2": dcov, "desa_covered_km2_sum": dsum}
            gp_total = gp["read_cpu_s"] + gp["compute_cpu_s"]
            e_ratio = o["engine_cpu"] / gp["compute_cpu_s"]
            a_ratio = o["cpu"] / gp_total
            p_ratio = o["cpu"] / pg["cpu"] if pg else float("nan")
            rel = abs(o["district_covered_km2"] - gp["district_covered_km2"]) / max(gp["district_covered_km2"], 1e-12)
            fails = []
            if e_ratio > 0.1:
                fails.append("engine>1/10")
            if a_ratio > 1 / 3:
                fails.append("analyze>1/3")
            if w.area == "Jawa Timur" and pg and p_ratio > 0.2:
                fails.append("PostGIS<5x")
            if rel > 1e-6:
                fails.append(f"district differs {rel:.1e}")
            ok = ok and not fails
            results.append({"w": w, "ours": o, "gp": gp, "pg": pg, "fails": fails})
            print(f"{w.label:44} {w.n:6d} {gp['read_cpu_s']:8.3f} {gp['compute_cpu_s']:8.3f} "
                  f"{(pg['cpu'] if pg else float('nan')):8.3f} {o['engine_cpu']:8.3f} {o['cpu']:8.3f} {o['first_cpu']:8.3f} "
                  f"{e_ratio:8.3f} {a_ratio:7.3f} {p_ratio:7.3f} {rel:10.1e}  {'ok' if not fails else ', '.join(fails)}",
                  flush=True)
    finally:
        if cluster:
            cluster.close()
    # Growth: in facilities (random sets of each area) and in desa (every-3rd-desa sets: facilities
    # grow with desa).
    print("\nslopes of log CPU against log size (1 = linear):")
    areas = []
    for r in results:
        if r["w"].area not in areas:
            areas.append(r["w"].area)
    for area in areas:
        rs = sorted([r for r in results if r["w"].area == area and "random" in r["w"].name], key=lambda r: r["w"].n)
        if len(rs) >= 2:
            n = [r["w"].n for r in rs]
            s_a = slope(n, [r["ours"]["cpu"] for r in rs])
            s_e = slope(n, [r["ours"]["engine_cpu"] for r in rs])
            s_g = slope(n, [r["gp"]["compute_cpu_s"] for r in rs])
            flag = "ok" if s_e <= 1.2 else "FAIL (> 1.2)"
            ok = ok and s_e <= 1.2
            print(f"  {area:18} in facilities ({n[0]}..{n[-1]}): analyze {s_a:.2f}, engine {s_e:.2f}, "
                  f"GeoPandas compute {s_g:.2f}  {flag}")
    e3 = sorted([r for r in results if "every 3rd" in r["w"].name], key=lambda r: r["w"].ndesa)
    if len(e3) >= 2:
        nd = [r["w"].ndesa for r in e3]
        s_e = slope(nd, [r["ours"]["engine_cpu"] for r in e3])
        s_a = slope(nd, [r["ours"]["cpu"] for r in e3])
        s_g = slope(nd, [r["gp"]["compute_cpu_s"] for r in e3])
        ok = ok and s_e <= 1.2
        print(f"  {'every 3rd desa':18} in desa ({nd[0]}..{nd[-1]}): analyze {s_a:.2f}, engine {s_e:.2f}, "
              f"GeoPandas compute {s_g:.2f}  {'ok' if s_e <= 1.2 else 'FAIL (> 1.2)'}")
    if args.whatif:
        print("\nwhat-if while dragging (1,000 random moves of a 2 km facility, desa + kecamatan + district figures):")
        for w in workloads:
            if w.name.startswith("cell sites") and w.area == "Kab. Pasuruan" or (
                    w.area == "Jawa Timur" and w.name.startswith("every 3rd")):
                proj = os.path.join(args.work, "whatif.gpkg")
                shutil.copyfile(w.base, proj)
                subprocess.run([args.petacerdas, "import", proj, w.csv, "--as", "facilities", "--type", "bts"],
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                _, out, _ = run_cpu([args.whatif, proj, "--moves", "1000", "--radius", "2000"])
                kv = dict(x.split("=") for x in out.split())
                p95 = float(kv["p95_ms"])
                ok = ok and p95 < 2.0
                print(f"  {w.label:44} p50 {float(kv['p50_ms']):.3f} ms, p95 {p95:.3f} ms, max {float(kv['max_ms']):.3f} ms"
                      f"  {'ok' if p95 < 2.0 else 'FAIL (p95 >= 2 ms)'}")
    path = args.plot or os.path.join(args.work, "coverage_bench.png")
    plot(path, results)
    print(f"\nplot: {path}")
    print("all targets hold" if ok else "SOME TARGETS FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
