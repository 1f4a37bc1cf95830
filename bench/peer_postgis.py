#!/usr/bin/python3
"""Benchmark peer: PetaCerdas' coverage figures in PostGIS 3.3 SQL (Debian's PostgreSQL 15), with the
engine's definitions (see peer_geopandas.py): the bbox-join form of ST_Intersection per desa against
the dumped union of the buffers that reach the district, and area(D ∩ S) for the district.

A throwaway cluster (initdb under /tmp, Unix socket only, fsync off) lives as long as a `Cluster`.
CPU seconds are those of the backend that runs the statement, read from /proc before and after
(parallel query is switched off so that one backend does all the work). Loading the tables
(ogr2ogr) is reading and is not counted.
"""
import os
import pwd
import shutil
import subprocess
import tempfile
import time

PGBIN = "/usr/lib/postgresql/15/bin"


def available():
    return os.path.exists(f"{PGBIN}/initdb") and _has_user("postgres")


def _has_user(name):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def _cpu_s(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


class Cluster:
    def __init__(self):
        import psycopg2  # Debian python3-psycopg2

        self._psycopg2 = psycopg2
        self.work = tempfile.mkdtemp(prefix="pc_postgis.")
        shutil.chown(self.work, "postgres")
        os.chmod(self.work, 0o755)
        self.port = 54000 + os.getpid() % 900
        as_pg = ["runuser", "-u", "postgres", "--"]
        subprocess.run(as_pg + [f"{PGBIN}/initdb", "-D", f"{self.work}/data", "-A", "trust", "-U", "postgres",
                                "--no-sync"], check=True, stdout=subprocess.DEVNULL)
        opts = (f"-p {self.port} -k {self.work} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
                "-c shared_buffers=256MB -c work_mem=256MB -c max_parallel_workers_per_gather=0")
        subprocess.run(as_pg + [f"{PGBIN}/pg_ctl", "-D", f"{self.work}/data", "-l", f"{self.work}/log", "-w",
                                "-o", opts, "start"], check=True, stdout=subprocess.DEVNULL)
        self._as_pg = as_pg
        self.conn = self._connect("postgres")
        self.conn.autocommit = True
        self.conn.cursor().execute("CREATE DATABASE bench")
        self.conn.close()
        self.conn = self._connect("bench")
        self.conn.autocommit = True
        self.conn.cursor().execute("CREATE EXTENSION postgis")
        self.ogr = f"PG:host={self.work} port={self.port} user=postgres dbname=bench"

    def _connect(self, db):
        return self._psycopg2.connect(host=self.work, port=self.port, user="postgres", dbname=db)

    def close(self):
        try:
            self.conn.close()
        finally:
            subprocess.run(self._as_pg + [f"{PGBIN}/pg_ctl", "-D", f"{self.work}/data", "-m", "immediate", "stop"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            shutil.rmtree(self.work, ignore_errors=True)

    def load(self, desa_path, desa_layer, pop_field, facilities_csv):
        """Loads the desa and the facilities (lon, lat, radius) as tables desa(kode, pop, geom) and
        fac(geom, r); returns the wall seconds it took."""
        t0 = time.perf_counter()
        cur = self.conn.cursor()
        cur.execute("DROP TABLE IF EXISTS desa; DROP TABLE IF EXISTS fac; DROP TABLE IF EXISTS fac_src")
        subprocess.run(["ogr2ogr", "-f", "PostgreSQL", self.ogr, desa_path, desa_layer, "-nln", "desa",
                        "-lco", "GEOMETRY_NAME=geom", "-select", f"kode,{pop_field}"], check=True)
        subprocess.run(["ogr2ogr", "-f", "PostgreSQL", self.ogr, facilities_csv, "-nln", "fac_src",
                        "-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat", "-a_srs", "EPSG:4326",
                        "-lco", "GEOMETRY_NAME=geom"], check=True)
        cur.execute("CREATE TABLE fac AS SELECT geom, radius::double precision AS r FROM fac_src")
        cur.execute(f"ALTER TABLE desa RENAME COLUMN {pop_field} TO pop")
        cur.execute("VACUUM ANALYZE")
        return time.perf_counter() - t0

    def compute(self, epsg, runs=1):
        """Runs the analysis `runs` times; returns (least backend CPU seconds, district covered km²,
        Σ desa covered km²)."""
        sql = f"""
WITH d AS MATERIALIZED (SELECT ST_Union(ST_Transform(geom, {epsg})) AS g FROM desa),
u AS MATERIALIZED (SELECT kode, pop, ST_Transform(geom, {epsg}) AS g FROM desa),
b AS MATERIALIZED (SELECT ST_Buffer(ST_Transform(geom, {epsg}), r, 'quad_segs=8') AS g FROM fac),
s AS MATERIALIZED (SELECT ST_Union(b.g) AS g FROM b, d WHERE ST_Intersects(b.g, d.g)),
parts AS MATERIALIZED (SELECT (ST_Dump(g)).geom AS g FROM s),
per AS (SELECT u.kode, SUM(ST_Area(ST_Intersection(u.g, parts.g))) AS c
        FROM u JOIN parts ON u.g && parts.g AND ST_Intersects(u.g, parts.g) GROUP BY u.kode)
SELECT (SELECT ST_Area(ST_Intersection(d.g, s.g)) FROM d, s) / 1e6, (SELECT COALESCE(SUM(c), 0) FROM per) / 1e6"""
        cur = self.conn.cursor()
        cur.execute("SELECT pg_backend_pid()")
        pid = cur.fetchone()[0]
        best = None
        out = None
        for _ in range(max(1, runs)):
            c0 = _cpu_s(pid)
            cur.execute(sql)
            out = cur.fetchone()
            cpu = _cpu_s(pid) - c0
            best = cpu if best is None else min(best, cpu)
        return best, float(out[0] or 0), float(out[1] or 0)
