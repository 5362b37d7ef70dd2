#!/usr/bin/env python3
"""Checks a covplan run folder the way a reviewer would (`make check-report`):

1. report.html makes no network request: no external src/href/url()/@import, no <script src>,
   no <link>, no <iframe>.
2. report.html renders in a real headless browser (Chromium): a full-page screenshot is taken
   and must not be blank — enough non-white pixels overall and map colours present.
3. layers.gpkg opens with `ogrinfo`, which lists every layer of the run.
4. The notebook validates against the nbformat 4 schema (the `nbformat` package) and runs
   without errors (nbclient with geopandas and matplotlib).

Usage: check_report.py RUN_DIR NOTEBOOK.ipynb SCREENSHOT.png
"""
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib


def fail(msg):
    print(f"check-report: FAIL: {msg}")
    sys.exit(1)


def no_network(html):
    bad = []
    for m in re.finditer(r'\b(src|href|action|poster|data)\s*=\s*"([^"]*)"', html, re.I):
        url = m.group(2)
        if m.group(1).lower() == "href" and url.startswith("#"):
            continue
        bad.append(f"{m.group(1)}={url[:60]}")
    for pat in (r"url\(", r"@import", r"<script[^>]*src", r"<link\b", r"<iframe\b", r"<img\b", r"fetch\(", r"XMLHttpRequest"):
        if re.search(pat, html, re.I):
            bad.append(pat)
    return bad


def read_png(path):
    """Minimal PNG decoder for 8-bit RGB/RGBA non-interlaced images (what Chromium writes)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, f"unsupported PNG ({depth}, {ctype}, {interlace})"
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    i = 0
    for _ in range(height):
        f = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def main(run_dir, notebook, shot):
    html_path = os.path.join(run_dir, "report.html")
    html = open(html_path, encoding="utf-8").read()
    bad = no_network(html)
    if bad:
        fail(f"report.html refers to external resources: {bad[:5]}")
    print("check-report: report.html has no external references (no network request possible)")

    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not chromium:
        fail("no Chromium found (apt-get install chromium)")
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--window-size=1100,16000", f"--screenshot={os.path.abspath(shot)}",
                    "--virtual-time-budget=3000", "file://" + os.path.abspath(html_path)],
                   check=True, capture_output=True, timeout=180)
    w, h, bpp, rows = read_png(shot)
    nonwhite = coloured = 0
    for row in rows[::2]:
        for x in range(0, w * bpp, bpp * 2):
            r, g, b = row[x], row[x + 1], row[x + 2]
            if r < 235 or g < 235 or b < 235:
                nonwhite += 1
            if max(r, g, b) - min(r, g, b) > 60:
                coloured += 1
    total = (len(rows[::2])) * len(range(0, w * bpp, bpp * 2))
    share, colour_share = nonwhite / total, coloured / total
    print(f"check-report: screenshot {w}×{h}: {share:.1%} non-white, {colour_share:.2%} coloured pixels")
    if share < 0.05 or colour_share < 0.002:
        fail("the rendered report looks blank (maps not visible)")

    gpkg = os.path.join(run_dir, "layers.gpkg")
    expected = sorted(f[:-8] for f in os.listdir(os.path.join(run_dir, "layers")) if f.endswith(".geojson"))
    out = subprocess.run(["ogrinfo", "-ro", "-q", gpkg], capture_output=True, text=True, check=True).stdout
    listed = sorted(re.findall(r"^\d+: (\S+)", out, re.M))
    missing = [n for n in expected if n not in listed]
    if missing:
        fail(f"ogrinfo does not list layers {missing} in {gpkg}")
    print(f"check-report: ogrinfo lists all {len(expected)} layers of layers.gpkg: {', '.join(expected)}")

    import nbformat
    nb = nbformat.read(notebook, as_version=4)
    nbformat.validate(nb)
    print(f"check-report: {notebook} validates against nbformat {nb.nbformat}.{nb.nbformat_minor} ({len(nb.cells)} cells)")
    from nbclient import NotebookClient
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": os.path.dirname(os.path.abspath(notebook))}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
    if errors:
        fail(f"the notebook raised {errors[0]['ename']}: {errors[0]['evalue'][:200]}")
    print(f"check-report: the notebook runs without errors (geopandas reloads every layer and redraws the maps)")
    print("check-report: OK")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
