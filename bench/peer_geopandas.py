#!/usr/bin/python3
"""Benchmark peer: PetaCerdas' coverage figures computed with GeoPandas (Debian's python3-geopandas,
GEOS through Shapely), with the engine's definitions:

  analysis CRS = the given EPSG; buffers with 8 segments per quarter circle (resolution=8; Shapely's
  own default is 16); D = union of desa; every facility whose buffer reaches D counts (wherever it
  stands); S = union of those buffers; per desa: area, covered = area(desa ∩ S), covered population =
  population · covered / area (area weighting); district covered = area(D ∩ S).

  /usr/bin/python3 bench/peer_geopandas.py CONFIG.json

CONFIG: {"epsg": 32749, "runs": 3,
         "desa": {"path": "...gpkg", "layer": "desa", "pop": "pop_est_sp2020"},
         "facilities": {"path": "....csv"}}            # CSV with lon, lat, radius
Prints one JSON object: "read_cpu_s" (reading the files), "compute_cpu_s" (the least of `runs`
computations from the data in memory: projection, buffers, unions, intersections), CPU seconds of
this process (time.process_time), and the figures to compare ours with.
"""
import json
import sys
import time
import warnings

warnings.filterwarnings("ignore", message="STRtree will be changed")
warnings.filterwarnings("ignore", message="Shapely 2.0")

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from shapely.ops import unary_union  # noqa: E402
from shapely.prepared import prep  # noqa: E402
from shapely.strtree import STRtree  # noqa: E402

QUAD_SEGS = 8


def read_inputs(cfg):
    d = cfg["desa"]
    desa = gpd.read_file(d["path"], layer=d["layer"])
    desa = desa[["kode", d["pop"], "geometry"]].rename(columns={d["pop"]: "pop"})
    t = pd.read_csv(cfg["facilities"]["path"])
    fac = gpd.GeoDataFrame({"r": t["radius"].astype(float).values},
                           geometry=gpd.points_from_xy(t["lon"], t["lat"]), crs=4326)
    return desa, fac


def covered_per_desa(desa_geoms, service_area):
    """area(desa ∩ S) per desa: S split into its disjoint polygons, an STRtree over them, each desa
    intersected only with the parts whose envelope it meets (geopandas.overlay would need pygeos)."""
    parts = [] if service_area.is_empty else list(getattr(service_area, "geoms", [service_area]))
    tree = STRtree(parts)
    covered = np.zeros(len(desa_geoms))
    for i, g in enumerate(desa_geoms):
        pg = prep(g)
        for part in tree.query(g):
            if pg.intersects(part):
                covered[i] += g.intersection(part).area
    return covered


def compute(desa, fac, epsg):
    desa_p = desa.to_crs(epsg=epsg)
    geoms = list(desa_p.geometry.values)
    district = unary_union(geoms)
    district_prep = prep(district)
    area = desa_p.geometry.area.values
    fac_p = fac.to_crs(epsg=epsg)
    buffers = [g.buffer(r, resolution=QUAD_SEGS) for g, r in zip(fac_p.geometry.values, fac_p["r"].values)]
    used = [b for b in buffers if district_prep.intersects(b)]
    service_area = unary_union(used)
    covered = covered_per_desa(geoms, service_area)
    pop = desa_p["pop"].fillna(0.0).values
    covered_pop = np.where(area > 0, pop * covered / np.where(area > 0, area, 1), 0.0)
    return {
        "features_used": len(used),
        "district_area_km2": district.area / 1e6,
        "district_covered_km2": district.intersection(service_area).area / 1e6,
        "desa_covered_km2_sum": float(covered.sum() / 1e6),
        "covered_population": float(covered_pop.sum()),
        "desa_covered_km2": dict(zip(desa_p["kode"].values, (covered / 1e6).tolist())),
    }


def main():
    cfg = json.load(open(sys.argv[1]))
    epsg = int(cfg["epsg"])
    t0 = time.process_time()
    desa, fac = read_inputs(cfg)
    read_cpu = time.process_time() - t0
    times = []
    result = None
    for _ in range(max(1, int(cfg.get("runs", 3)))):
        t = time.process_time()
        result = compute(desa, fac, epsg)
        times.append(time.process_time() - t)
    result["read_cpu_s"] = read_cpu
    result["compute_cpu_s"] = min(times)
    result["compute_cpu_s_all"] = times
    if not cfg.get("per_desa", False):
        del result["desa_covered_km2"]
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
