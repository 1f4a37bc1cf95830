#!/usr/bin/env python3
"""Checks that `petacerdas render` drew the context layers where they are on the ground.

context_pixels_check.py SHAPEFILE_DIR WITH.png WITHOUT.png

WITH.png was rendered with the context layers (and --world-file), WITHOUT.png the same map with
--hide context. Positions come from GDAL alone: the midpoints of the toll roads (SpatiaLite SQL on
the RBI shapefile) and their pixels through the PNG's world file and CRS (gdallocationinfo). At
most of those points the toll colour must be drawn with the layers and nowhere without them.
"""
import re
import struct
import subprocess
import sys
import zlib

TOLL = (0xC2, 0x18, 0x5B)  # geo/src/context_styles.cpp: toll roads


def read_png(path):
    """RGBA rows of an 8-bit RGBA, non-interlaced PNG (what render writes)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour == 6, "not 8-bit RGBA"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, rows, prev = zlib.decompress(idat), width * 4, [], bytearray(width * 4)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - 4] if i >= 4 else 0
            b = prev[i]
            c = prev[i - 4] if i >= 4 else 0
            if f == 1: line[i] = (line[i] + a) & 0xFF
            elif f == 2: line[i] = (line[i] + b) & 0xFF
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(line)
        prev = line
    return width, height, rows


def toll_midpoints(shp_dir):
    out = subprocess.run(["ogrinfo", "-ro", "-q", "-dialect", "sqlite", "-sql",
                          "SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_Line_Interpolate_Point(GEOMETRY, 0.5) AS p "
                          "FROM JALAN_LN_25K WHERE remark LIKE 'Jalan Tol%')", shp_dir + "/JALAN_LN_25K.shp"],
                         capture_output=True, text=True, check=True).stdout
    xs = [float(v) for v in re.findall(r"x \(Real\) = ([-0-9.]+)", out)]
    ys = [float(v) for v in re.findall(r"y \(Real\) = ([-0-9.]+)", out)]
    return list(zip(xs, ys))


def pixel_of(png, lon, lat):
    out = subprocess.run(["gdallocationinfo", "-xml", "-wgs84", png, str(lon), str(lat)],
                         capture_output=True, text=True, check=True).stdout
    m = re.search(r'pixel="(\d+)" line="(\d+)"', out)
    return (int(m.group(1)), int(m.group(2))) if m else None


def toll_near(image, x, y, r=2, tol=40):
    width, height, rows = image
    for dy in range(-r, r + 1):
        for dx in range(-r, r + 1):
            if 0 <= x + dx < width and 0 <= y + dy < height:
                px = rows[y + dy][(x + dx) * 4:(x + dx) * 4 + 3]
                if all(abs(px[i] - TOLL[i]) <= tol for i in range(3)):
                    return True
    return False


def main():
    shp_dir, with_png, without_png = sys.argv[1:4]
    points = toll_midpoints(shp_dir)
    assert len(points) >= 10, f"expected the toll roads of Kota Pasuruan, got {len(points)} midpoints"
    with_img, without_img = read_png(with_png), read_png(without_png)
    hits = misses_without = 0
    for lon, lat in points:
        px = pixel_of(with_png, lon, lat)
        assert px, f"toll road midpoint {lon},{lat} is outside the rendered map"
        hits += toll_near(with_img, *px)
        misses_without += toll_near(without_img, *px)
    print(f"toll road midpoints: {len(points)}; toll colour at {hits} with the context layers, at {misses_without} without")
    assert hits >= 0.8 * len(points), "the toll roads are not drawn where they are"
    assert misses_without == 0, "the toll colour is there without the context layers: the check proves nothing"


if __name__ == "__main__":
    main()
