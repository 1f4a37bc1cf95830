#!/usr/bin/python3
"""Benchmark peer: the coverage metrics of PetaCerdas computed with GeoPandas (Debian's
python3-geopandas, GEOS through Shapely), with the same definitions as the engine:

  analysis CRS = the given EPSG (WGS 84 / UTM), buffers with 8 quadrant segments (resolution=8;
  Shapely's own default is 16); D = union of desa; facilities whose point does not intersect D are
  left out; S = union of the buffers of the rest; per desa: area, covered = area(desa ∩ S),
  covered population = population · covered / area (area weighting); district covered = area(D ∩ S).

Run with /usr/bin/python3 (the Debian interpreter that has geopandas), e.g.
  /usr/bin/python3 scripts/peers/coverage_geopandas.py config.json
where config.json is
  {"epsg": 32749, "runs": 5, "whatif_runs": 20,
   "desa": {"path": "kab_pasuruan_3514.gpkg", "layer": "desa", "pop": "pop_est_sp2020"},
   "services": [{"name": "bts", "sources": [
       {"path": "...gpkg", "layer": "bts_opencellid", "radius_field": "range_m"},
       {"path": "...gpkg", "layer": "kecamatan", "radius": 3000, "point_on_surface": true}]}],
   "whatif": {"service": "bts", "lon": 112.9, "lat": -7.9, "radius": 2500}}
It prints one JSON object on stdout. Times: "read_ms" is reading the files, "compute_ms" the median
of `runs` full computations from the data in memory (projection included, reading excluded).
"""
import json
import statistics
import sys
import time
import warnings

warnings.filterwarnings("ignore", message="STRtree will be changed")

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.ops import unary_union
from shapely.prepared import prep
from shapely.strtree import STRtree

QUAD_SEGS = 8


def read_inputs(cfg):
    d = cfg["desa"]
    desa = gpd.read_file(d["path"], layer=d["layer"])
    desa = desa[["kode", d["pop"], "geometry"]].rename(columns={d["pop"]: "pop"})
    services = []
    for s in cfg["services"]:
        parts = []
        for src in s["sources"]:
            g = gpd.read_file(src["path"], layer=src["layer"])
            if src.get("point_on_surface"):
                # GEOS PointOnSurface in lon/lat, as the benchmark does for the engine.
                g = gpd.GeoDataFrame(geometry=g.geometry.representative_point(), crs=g.crs)
            g = g[g.geometry.notna() & ~g.geometry.is_empty]
            radius = (g[src["radius_field"]].astype(float).values if "radius_field" in src
                      else np.full(len(g), float(src["radius"])))
            parts.append(gpd.GeoDataFrame({"r": radius}, geometry=g.geometry.values, crs=g.crs))
        services.append((s["name"], gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs=parts[0].crs)))
    return desa, services


def covered_per_desa(desa_p, service_area):
    """area(desa ∩ S) per desa: S split into its (disjoint) polygons, an STRtree over them, each desa
    intersected only with the parts whose envelope it meets. (geopandas.overlay would do the same but
    needs rtree or pygeos, which Debian 12's python3-geopandas does not pull in.)"""
    parts = list(getattr(service_area, "geoms", [service_area]))
    if service_area.is_empty:
        parts = []
    tree = STRtree(parts)
    covered = np.zeros(len(desa_p))
    for i, g in enumerate(desa_p.geometry.values):
        pg = prep(g)
        for part in tree.query(g):
            if pg.intersects(part):
                covered[i] += g.intersection(part).area
    return covered


def compute(desa, services, epsg):
    desa_p = desa.to_crs(epsg=epsg)
    district = unary_union(desa_p.geometry.values)
    district_prep = prep(district)
    area = desa_p.geometry.area.values
    out = {"district_area_km2": district.area / 1e6, "services": {}}
    state = {"desa_p": desa_p, "services": {}}
    for name, fac in services:
        fac_p = fac.to_crs(epsg=epsg)
        inside = fac_p[[district_prep.intersects(g) for g in fac_p.geometry.values]]
        buffers = [g.buffer(r, resolution=QUAD_SEGS) for g, r in zip(inside.geometry.values, inside["r"].values)]
        service_area = unary_union(buffers)
        covered = covered_per_desa(desa_p, service_area)
        covered_pop = desa_p["pop"].fillna(0.0).values * covered / area
        out["services"][name] = {
            "features_used": int(len(inside)),
            "features_outside": int(len(fac_p) - len(inside)),
            "district_covered_km2": district.intersection(service_area).area / 1e6,
            "desa_covered_km2_sum": float(covered.sum() / 1e6),
            "covered_population": float(covered_pop.sum()),
            "desa_covered_km2": dict(zip(desa_p["kode"].values, (covered / 1e6).tolist())),
        }
        state["services"][name] = service_area
    state["district"] = district
    return out, state


def what_if(state, epsg, service, lon, lat, radius):
    """Add one facility B: the change is area((unit ∩ B) − S) for the desa whose envelope meets B and
    for the district (clipping to B first keeps GEOS away from the whole service area)."""
    desa_p = state["desa_p"]
    point = gpd.GeoSeries.from_xy([lon], [lat], crs=4326).to_crs(epsg=epsg).values[0]
    b = point.buffer(radius, resolution=QUAD_SEGS)
    s_old = state["services"][service]
    if "tree" not in state:
        geoms = list(desa_p.geometry.values)
        state["tree"] = (STRtree(geoms), {id(g): i for i, g in enumerate(geoms)})
    tree, index = state["tree"]
    idx = sorted(index[id(g)] for g in tree.query(b) if g.intersects(b))
    touched = desa_p.iloc[idx]
    s_local = s_old.intersection(b.envelope)
    delta_km2 = 0.0
    delta_pop = 0.0
    for g, p in zip(touched.geometry.values, touched["pop"].values):
        d = g.intersection(b).difference(s_local).area
        delta_km2 += d / 1e6
        delta_pop += (p or 0.0) * d / g.area
    district_delta = state["district"].intersection(b).difference(s_local).area / 1e6
    return {"desa_touched": int(len(touched)), "district_covered_km2_delta": district_delta,
            "desa_covered_km2_delta_sum": delta_km2, "covered_population_delta": delta_pop}


def main():
    cfg = json.load(open(sys.argv[1]))
    epsg = int(cfg["epsg"])
    t0 = time.perf_counter()
    desa, services = read_inputs(cfg)
    read_ms = (time.perf_counter() - t0) * 1e3

    times = []
    result = state = None
    for _ in range(max(1, int(cfg.get("runs", 3)))):
        t = time.perf_counter()
        result, state = compute(desa, services, epsg)
        times.append((time.perf_counter() - t) * 1e3)
    result["read_ms"] = read_ms
    result["compute_ms"] = statistics.median(times)
    result["compute_ms_all"] = times
    result["desa"] = int(len(desa))

    w = cfg.get("whatif")
    if w:
        wt = []
        wr = None
        for _ in range(max(1, int(cfg.get("whatif_runs", 20)))):
            t = time.perf_counter()
            wr = what_if(state, epsg, w["service"], w["lon"], w["lat"], w["radius"])
            wt.append((time.perf_counter() - t) * 1e3)
        wr["ms"] = statistics.median(wt)
        result["whatif"] = wr
    if not cfg.get("per_desa", False):
        for s in result["services"].values():
            del s["desa_covered_km2"]
    if cfg.get("format") == "kv":
        # Flat "path=value" lines, for callers without a JSON parser (the C++ benchmark).
        def flat(prefix, v):
            if isinstance(v, dict):
                for k, x in v.items():
                    flat(f"{prefix}.{k}" if prefix else str(k), x)
            elif isinstance(v, list):
                print(f"{prefix}=" + ",".join(repr(float(x)) for x in v))
            else:
                print(f"{prefix}={v!r}" if isinstance(v, float) else f"{prefix}={v}")
        flat("", result)
    else:
        json.dump(result, sys.stdout)
        sys.stdout.write("\n")


if __name__ == "__main__":
    main()
