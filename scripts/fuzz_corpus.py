#!/usr/bin/env python3
"""Builds the fuzz seed corpus into a build folder (never into the repository):

    fuzz_corpus.py SHARED_DATA OUT_DIR [PETACERDAS]

OUT_DIR/<target>/ gets small extracts of the real district files of ../shared/data (CSV, GeoJSON,
GeoPackage, Shapefile sets framed as tests/fuzz/shp_parts.h reads them), the damaged files of the
read-all-or-refuse cases (a zeroed leaf and root page, a garbage geometry blob, text in a number
column, a stale cached feature count) and, with PETACERDAS, small projects for the loader. The
committed hand-made seeds (tests/fuzz/seeds/<target>/) are used beside it by scripts/fuzz.sh.
Needs ogr2ogr/ogrinfo (gdal-bin) and Python's sqlite3.
"""
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile


def run(*cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def ogr2ogr(out, src, layer, *options):
    if os.path.exists(out):
        os.remove(out)
    run("ogr2ogr", *options, out, src, layer)


def gdal_sql(path, sql):
    """SQL through GDAL's own SQLite connection: a GeoPackage's triggers call its ST_ functions."""
    run("ogrinfo", "-q", path, "-sql", sql)


def compact(path):
    """The smallest page size and no free pages: a seed of 20-40 KB instead of 100-700 KB, so that
    the fuzzer's mutations land in tables, schema and geometry instead of empty page space (and each
    input costs less to write and to open)."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute("PRAGMA page_size = 512")
    con.execute("VACUUM")
    con.close()


def without_styles(path):
    """A project without the rows the loader never reads (QGIS's layer styles and project, 80% of a
    small project's bytes); their tables stay."""
    con = sqlite3.connect(path)
    for table in ("layer_styles", "qgis_projects"):
        if con.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone():
            con.execute(f"DELETE FROM {table}")
    con.commit()
    con.close()
    compact(path)


def leaf_pages(data, page, size):
    """Leaf pages of a table b-tree (SQLite file format 1.6), from the file's bytes."""
    off = (page - 1) * size
    h = off + (100 if page == 1 else 0)
    if data[h] == 0x0D:
        return [page]
    if data[h] != 0x05:
        return []
    cells = struct.unpack(">H", data[h + 3:h + 5])[0]
    out = []
    for i in range(cells):
        cell = struct.unpack(">H", data[h + 12 + 2 * i:h + 14 + 2 * i])[0]
        out += leaf_pages(data, struct.unpack(">I", data[off + cell:off + cell + 4])[0], size)
    return out + leaf_pages(data, struct.unpack(">I", data[h + 8:h + 12])[0], size)


def zeroed_copy(src, dst, table, root):
    con = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    root_page = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    con.close()
    data = bytearray(open(src, "rb").read())
    size = struct.unpack(">H", data[16:18])[0] or 65536
    size = 65536 if size == 1 else size
    leaves = leaf_pages(data, root_page, size)
    page = root_page if root or len(leaves) < 2 else leaves[1]
    data[(page - 1) * size:page * size] = bytes(size)
    open(dst, "wb").write(data)


def framed_shapefile(shp, out):
    """The parts of a Shapefile set as one input: .shp .shx .dbf .prj with a 4-byte little-endian
    length each, then the .cpg (tests/fuzz/shp_parts.h)."""
    stem = os.path.splitext(shp)[0]
    blob = b""
    for ext in (".shp", ".shx", ".dbf", ".prj"):
        part = open(stem + ext, "rb").read() if os.path.exists(stem + ext) else b""
        blob += struct.pack("<I", len(part)) + part
    if os.path.exists(stem + ".cpg"):
        blob += open(stem + ".cpg", "rb").read()
    open(out, "wb").write(blob)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    shared, out = sys.argv[1], sys.argv[2]
    petacerdas = sys.argv[3] if len(sys.argv) > 3 else ""
    kota = os.path.join(shared, "kota_pasuruan_3575.gpkg")
    pamekasan = os.path.join(shared, "kab_pamekasan_3528.gpkg")
    if not os.path.exists(kota):
        sys.exit(f"fuzz_corpus: {kota} not found (../shared/data)")
    dirs = {t: os.path.join(out, t) for t in ("import_csv", "import_geojson", "import_gpkg", "import_shp", "project")}
    for d in dirs.values():
        os.makedirs(d, exist_ok=True)
    work = tempfile.mkdtemp(prefix="pc_fuzz_corpus_")
    try:
        csv, gj, gp = dirs["import_csv"], dirs["import_geojson"], dirs["import_gpkg"]
        # CSV: polygons as WKT, points as X/Y, a population table.
        ogr2ogr(f"{csv}/desa_wkt.csv", kota, "desa", "-f", "CSV", "-lco", "GEOMETRY=AS_WKT", "-limit", "2",
                "-select", "kode,nama,pop_est_sp2020", "-lco", "SEPARATOR=SEMICOLON")
        ogr2ogr(f"{csv}/bts_xy.csv", kota, "bts_opencellid", "-f", "CSV", "-lco", "GEOMETRY=AS_XY", "-limit", "5")
        ogr2ogr(f"{csv}/faskes_xy.csv", pamekasan, "faskes", "-f", "CSV", "-lco", "GEOMETRY=AS_XY", "-limit", "5")
        ogr2ogr(f"{csv}/penduduk.csv", kota, "desa", "-f", "CSV", "-select", "kode,pop_est_sp2020", "-limit", "10")
        # GeoJSON.
        for name, layer, limit in (("desa", "desa", "2"), ("bts", "bts_opencellid", "5"), ("kecamatan", "kecamatan", "1")):
            ogr2ogr(f"{gj}/{name}.geojson", kota, layer, "-f", "GeoJSON", "-limit", limit, "-lco", "COORDINATE_PRECISION=6")
        ogr2ogr(f"{gj}/zona.geojson", os.path.join(shared, "zona_pariwisata.gpkg"), "zona", "-f", "GeoJSON", "-limit", "1",
                "-lco", "COORDINATE_PRECISION=5", "-simplify", "0.001")
        # GeoPackage, whole and damaged.
        desa = f"{gp}/desa.gpkg"
        ogr2ogr(desa, kota, "desa", "-f", "GPKG", "-limit", "4", "-simplify", "0.0002")
        ogr2ogr(f"{gp}/bts.gpkg", kota, "bts_opencellid", "-f", "GPKG", "-limit", "20", "-lco", "SPATIAL_INDEX=NO")
        compact(desa)
        compact(f"{gp}/bts.gpkg")
        zeroed_copy(desa, f"{gp}/desa_leaf_zeroed.gpkg", "desa", root=False)
        zeroed_copy(desa, f"{gp}/desa_root_zeroed.gpkg", "desa", root=True)
        for name, sql in (("garbage_geometry", "UPDATE desa SET geom = x'0102030405060708' WHERE fid = 2"),
                          ("text_population", "UPDATE desa SET pop_est_sp2020 = 'seribu' WHERE fid = 3"),
                          ("stale_count", "UPDATE gpkg_ogr_contents SET feature_count = 0 WHERE table_name = 'desa'"),
                          ("null_geometry", "UPDATE desa SET geom = NULL WHERE fid = 4")):
            shutil.copy(desa, f"{gp}/desa_{name}.gpkg")
            gdal_sql(f"{gp}/desa_{name}.gpkg", sql)
        # Shapefile sets, framed.
        rbi = os.path.join(shared, "kota_pasuruan_rbi", "SARANA_KESEHATAN_PT_25K.shp")
        if os.path.exists(rbi):
            framed_shapefile(rbi, f"{dirs['import_shp']}/sarana_kesehatan.shpset")
        for name, layer, limit in (("bts", "bts_opencellid", "5"), ("desa", "desa", "1")):
            ogr2ogr(f"{work}/{name}.shp", kota, layer, "-f", "ESRI Shapefile", "-limit", limit)
            framed_shapefile(f"{work}/{name}.shp", f"{dirs['import_shp']}/{name}.shpset")
        # Projects: a small one built by petacerdas from the CSV extract, and the same analysed.
        if petacerdas:
            project = f"{work}/project.gpkg"
            run(petacerdas, "import", project, f"{csv}/desa_wkt.csv", "--as", "desa", "--new", "--district-code", "35.75",
                "--name", "Kota Pasuruan", "--field", "population=pop_est_sp2020")
            run(petacerdas, "import", project, f"{csv}/bts_xy.csv", "--as", "facilities", "--type", "bts")
            shutil.copy(project, f"{dirs['project']}/project.gpkg")
            without_styles(f"{dirs['project']}/project.gpkg")
            run(petacerdas, "analyze", project, "--out", f"{work}/analysis", "--no-grid")
            without_styles(project)
            shutil.copy(project, f"{dirs['project']}/project_analysed.gpkg")
            zeroed_copy(project, f"{dirs['project']}/project_desa_zeroed.gpkg", "desa", root=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for t, d in sorted(dirs.items()):
        files = os.listdir(d)
        print(f"{t}: {len(files)} seeds, {sum(os.path.getsize(os.path.join(d, f)) for f in files)} bytes")


if __name__ == "__main__":
    main()
