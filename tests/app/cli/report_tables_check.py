#!/usr/bin/env python3
"""Checks that the tables of a PetaCerdas HTML report hold the numbers of the CSV tables of
`petacerdas analyze`: report_tables_check.py REPORT.html CSV_DIR id|en
Every CSV row of metrics_district, metrics_kecamatan, gap_ranking (as many ranks as the report
lists), initiatives_by_opd and initiatives_by_year must be in the report with each printed number
equal to the CSV value within the rounding of its printed decimals. Exit 0 = same, 1 = not."""
import csv
import math
import os
import sys
from html.parser import HTMLParser


class Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables = []  # {"attrs": {}, "columns": [(name, unit)], "rows": [[(text, key)]]}
        self.cur = None
        self.cell = None
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "data-table" in a:
            self.cur = {"attrs": a, "columns": [], "rows": []}
        elif self.cur is None:
            return
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr" and not self.in_head:
            self.cur["rows"].append([])
        elif tag == "th" and self.in_head:
            self.cur["columns"].append((a.get("data-column"), a.get("data-unit")))
        elif tag == "td":
            self.cell = {"text": "", "key": a.get("data-key")}

    def handle_endtag(self, tag):
        if self.cur is None:
            return
        if tag == "thead":
            self.in_head = False
        elif tag == "td" and self.cell is not None:
            self.cur["rows"][-1].append(self.cell)
            self.cell = None
        elif tag == "table":
            self.tables.append(self.cur)
            self.cur = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data


def parse_number(text, lang):
    t = text.replace("\u00a0", " ").replace("Rp", "").replace("%", "").strip()
    if t in ("", "–"):
        return None, 0
    if lang == "id":
        t = t.replace(".", "").replace(",", ".")
    else:
        t = t.replace(",", "")
    decimals = len(t.split(".")[1]) if "." in t else 0
    return float(t), decimals


def close(printed, decimals, csv_value, unit):
    want = float(csv_value) * (100 if unit == "percent" else 1)
    return abs(printed - want) <= 0.5 * 10 ** (-decimals) * (1 + 1e-9) + 1e-9 * abs(want)


def main():
    html_path, csv_dir, lang = sys.argv[1:4]
    parser = Tables()
    with open(html_path, encoding="utf-8") as f:
        parser.feed(f.read())
    failures, checked = [], 0

    def read_csv(name):
        with open(os.path.join(csv_dir, name + ".csv"), encoding="utf-8") as f:
            return list(csv.DictReader(f))

    def html_rows(name, key_of):
        """{key: {column: (text, unit)}} of every report table from CSV table `name`."""
        out = {}
        for t in parser.tables:
            if t["attrs"]["data-table"] != name:
                continue
            if name in ("metrics_kecamatan",) and "data-kecamatan" in t["attrs"]:
                continue  # atlas pages: checked below by kecamatan
            for row in t["rows"]:
                cells = {}
                for (col, unit), cell in zip(t["columns"], row):
                    cells[col] = (cell["key"] if cell["key"] is not None else cell["text"].strip(), unit)
                out[key_of(t["attrs"], cells)] = cells
        return out

    def compare(name, csv_rows, html, key_of_csv, limit=None):
        nonlocal checked
        for r in csv_rows:
            k = key_of_csv(r)
            if k not in html:
                if limit is None or limit(r):
                    failures.append(f"{name}: row {k} is not in the report")
                continue
            for col, (text, unit) in html[k].items():
                if unit in ("text", None):
                    if col not in ("service",) and col in r and r[col] != text:
                        failures.append(f"{name} {k} {col}: report '{text}', CSV '{r[col]}'")
                    continue
                printed, dec = parse_number(text, lang)
                if printed is None:
                    if r[col] != "":
                        failures.append(f"{name} {k} {col}: report empty, CSV {r[col]}")
                    continue
                checked += 1
                if not close(printed, dec, r[col], unit):
                    failures.append(f"{name} {k} {col}: report {text} = {printed}, CSV {r[col]}")

    kec = html_rows("metrics_kecamatan", lambda a, c: (a["data-service"], c["code"][0]))
    compare("metrics_kecamatan", read_csv("metrics_kecamatan"), kec, lambda r: (r["service"], r["code"]))
    atlas = {}
    for t in parser.tables:
        if t["attrs"]["data-table"] == "metrics_kecamatan" and "data-kecamatan" in t["attrs"]:
            for row in t["rows"]:
                cells = {col: (cell["key"] if cell["key"] is not None else cell["text"].strip(), unit)
                         for (col, unit), cell in zip(t["columns"], row)}
                atlas[(cells["service"][0], t["attrs"]["data-kecamatan"])] = cells
    compare("atlas", read_csv("metrics_kecamatan"), atlas, lambda r: (r["service"], r["code"]))
    dist = html_rows("metrics_district", lambda a, c: c["service"][0])
    compare("metrics_district", read_csv("metrics_district"), dist, lambda r: r["service"])
    gaps = html_rows("gap_ranking", lambda a, c: (a["data-service"], int(parse_number(c["rank"][0], lang)[0])))
    listed = max([k[1] for k in gaps] or [0])
    compare("gap_ranking", read_csv("gap_ranking"), gaps, lambda r: (r["service"], int(r["rank"])),
            limit=lambda r: int(r["rank"]) <= listed)
    for name, key in (("initiatives_by_opd", "opd"), ("initiatives_by_year", "year")):
        html = html_rows(name, lambda a, c, key=key: c[key][0])
        compare(name, read_csv(name), html, lambda r, key=key: r[key])

    if checked < 50:
        failures.append(f"only {checked} numbers compared: the report's tables were not found")
    for f in failures[:40]:
        print("MISMATCH", f)
    print(f"compared {checked} numbers of the report with the CSV tables: {len(failures)} mismatches")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
