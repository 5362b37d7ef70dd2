#!/usr/bin/env python3
"""Checks a covplan run folder the way a reviewer would (`make check-report`):

1. report.html makes no network request: no external src/href/url()/@import, no <script src>,
   no <link>, no <iframe>. (The browser check — rendering at 1280 px in every language, nothing
   clipped or overlapping, the network log — is tools/check_html.py, which `make check-report`
   runs first.)
2. layers.gpkg opens with `ogrinfo`, which lists every layer of the run.
3. The notebook validates against the nbformat 4 schema (the `nbformat` package) and runs
   without errors (nbclient with geopandas and matplotlib).

Usage: check_report.py RUN_DIR NOTEBOOK.ipynb
"""
import json
import os
import re
import subprocess
import sys


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


def main(run_dir, notebook):
    html_path = os.path.join(run_dir, "report.html")
    html = open(html_path, encoding="utf-8").read()
    bad = no_network(html)
    if bad:
        fail(f"report.html refers to external resources: {bad[:5]}")
    print("check-report: report.html has no external references (no network request possible)")

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
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
