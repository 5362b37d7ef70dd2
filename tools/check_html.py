#!/usr/bin/env python3
"""Renders covplan HTML reports in headless Chromium (Selenium + chromedriver) and measures them
from the DOM, the way a reader at a 1280-px screen sees them (`make check-report`):

1. No network request: the page is loaded with every http(s)/ws(s)/ftp URL blocked through the
   DevTools protocol, the browser's network log (Network.requestWillBeSent) may list only the
   file itself and data: URLs, and performance.getEntriesByType('resource') must be empty. A
   static scan refuses external src/href/url()/@import/<link>/<script src> as well.
2. Every text of every inline SVG (map labels, legend entries, chart labels and values, scale
   bar, north arrow) lies inside its SVG's box (getBoundingClientRect, 0.5 px tolerance), and so
   does every legend swatch: nothing is clipped.
3. No two texts of one SVG overlap (their boxes intersect by more than 1 px both ways).
4. Every map (svg.map) has a legend with text, at least one label, a scale bar and a north
   arrow.
5. Printed (print media emulated at A4's 794-px width): an @page rule sizes the page A4, every
   section after the summary starts a page (computed break-before: page), and no SVG is wider
   than the page's text column.

Usage: check_html.py [--shots DIR] REPORT.html [MORE.html ...]
Exit 0 when every file passes, 1 otherwise (every problem is printed).
"""
import json
import os
import re
import shutil
import sys

MEASURE_JS = r"""
const out = {svgs: [], maps: [], resources: performance.getEntriesByType('resource').map(e => e.name), height: 0};
out.height = Math.ceil(document.documentElement.scrollHeight);
const svgs = Array.from(document.querySelectorAll('svg'));
svgs.forEach((svg, i) => {
  const r = svg.getBoundingClientRect();
  const fig = svg.closest('figure');
  const cap = fig && fig.querySelector('figcaption');
  const name = (svg.getAttribute('aria-label') || (cap ? cap.textContent : '') || ('svg #' + i)).slice(0, 80);
  const kind = svg.classList.contains('map') ? 'map' : (svg.classList.contains('chart') ? 'chart' : 'svg');
  const texts = Array.from(svg.querySelectorAll('text')).map(t => {
    const b = t.getBoundingClientRect();
    const g = t.closest('g[class]');
    return {text: t.textContent, group: g ? g.getAttribute('class') : '', l: b.left, t: b.top, r: b.right, b: b.bottom};
  }).filter(t => t.text.trim().length > 0);
  const swatches = Array.from(svg.querySelectorAll('g.legend rect, g.legend line, g.legend circle')).map(e => {
    const b = e.getBoundingClientRect();
    return {l: b.left, t: b.top, r: b.right, b: b.bottom};
  });
  const has = sel => { const g = svg.querySelector(sel); return g ? g.querySelectorAll('text').length : -1; };
  out.svgs.push({name, kind, box: {l: r.left, t: r.top, r: r.right, b: r.bottom}, texts, swatches,
                 legend: has('g.legend'), labels: has('g.labels'), scale: has('g.scale-bar'), north: has('g.north-arrow')});
});
return JSON.stringify(out);
"""


def static_refs(html):
    bad = []
    for m in re.finditer(r'\b(src|href|action|poster|data|xlink:href)\s*=\s*"([^"]*)"', html, re.I):
        url = m.group(2)
        if m.group(1).lower() in ("href", "xlink:href") and url.startswith("#"):
            continue
        bad.append(f"{m.group(1)}={url[:60]}")
    for pat in (r"url\(", r"@import", r"<script[^>]*src", r"<link\b", r"<iframe\b", r"<img\b", r"fetch\(", r"XMLHttpRequest"):
        if re.search(pat, html, re.I):
            bad.append(pat)
    return bad


def overlap(a, b, tol=1.0):
    w = min(a["r"], b["r"]) - max(a["l"], b["l"])
    h = min(a["b"], b["b"]) - max(a["t"], b["t"])
    return w > tol and h > tol


def inside(a, box, tol=0.5):
    return a["l"] >= box["l"] - tol and a["t"] >= box["t"] - tol and a["r"] <= box["r"] + tol and a["b"] <= box["b"] + tol


def problems_of(page):
    """The problems of one measured page (the JSON of MEASURE_JS), as readable lines."""
    out = []
    for s in page["svgs"]:
        where = f"{s['kind']} '{s['name']}'"
        for t in s["texts"]:
            if not inside(t, s["box"]):
                out.append(f"{where}: text '{t['text'][:40]}' ({t['group'] or 'no group'}) is clipped by its SVG "
                           f"(text {t['l']:.0f}–{t['r']:.0f} × {t['t']:.0f}–{t['b']:.0f}, svg {s['box']['l']:.0f}–{s['box']['r']:.0f} × {s['box']['t']:.0f}–{s['box']['b']:.0f})")
        for w in s["swatches"]:
            if not inside(w, s["box"]):
                out.append(f"{where}: a legend symbol lies outside its SVG")
        texts = s["texts"]
        for i in range(len(texts)):
            for j in range(i + 1, len(texts)):
                if overlap(texts[i], texts[j]):
                    out.append(f"{where}: texts '{texts[i]['text'][:30]}' and '{texts[j]['text'][:30]}' overlap")
        if s["kind"] == "map":
            for part, n in (("legend", s["legend"]), ("labels", s["labels"]), ("scale bar", s["scale"]), ("north arrow", s["north"])):
                if n <= 0:
                    out.append(f"{where}: no {part}" + (" text" if n == 0 else ""))
    if not any(s["kind"] == "map" for s in page["svgs"]):
        out.append("no map in the page")
    return out


PRINT_JS = r"""
const body = document.body.getBoundingClientRect();
const sections = Array.from(document.querySelectorAll('section'));
const rules = Array.from(document.styleSheets).flatMap(s => Array.from(s.cssRules));
const printRules = rules.filter(r => r.media && Array.from(r.media).includes('print'));
const a4 = printRules.some(r => Array.from(r.cssRules).some(x => x.type === CSSRule.PAGE_RULE && /A4/i.test(x.style.size)));
return JSON.stringify({
  a4,
  unbroken: sections.filter(s => !s.classList.contains('brief') && getComputedStyle(s).breakBefore !== 'page').map(s => s.id),
  wide: Array.from(document.querySelectorAll('svg')).filter(v => v.getBoundingClientRect().right > body.right + 0.5).map(v => v.getAttribute('aria-label') || ''),
});
"""


def print_problems(d):
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    d.set_window_size(794, 1123)
    try:
        r = json.loads(d.execute_script(PRINT_JS))
    finally:
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        d.set_window_size(1280, 1000)
    out = [] if r["a4"] else ["print: no @page rule with size A4 in an @media print block"]
    out += [f"print: section '{i}' does not start a new page" for i in r["unbroken"]]
    out += [f"print: SVG '{n[:40]}' is wider than the printed page" for n in r["wide"]]
    return out


def driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium:
        opts.binary_location = chromium
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,1000",
              "--disable-dev-shm-usage", "--force-device-scale-factor=1", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return webdriver.Chrome(service=Service(path), options=opts)


def check_file(d, path, shots=None):
    """Loads one HTML file and returns its problems."""
    html = open(path, encoding="utf-8").read()
    problems = [f"refers to an external resource: {b}" for b in static_refs(html)]
    url = "file://" + os.path.abspath(path)
    d.execute_cdp_cmd("Network.enable", {})
    d.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"]})
    d.get_log("performance")  # drop earlier entries
    d.set_window_size(1280, 1000)
    d.get(url)
    page = json.loads(d.execute_script(MEASURE_JS))
    for entry in d.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            req = msg["params"]["request"]["url"]
            if req != url and not req.startswith("data:") and not req.startswith("about:"):
                problems.append(f"network request: {req[:80]}")
    for r in page["resources"]:
        if not r.startswith("data:"):
            problems.append(f"resource loaded: {r[:80]}")
    problems += problems_of(page)
    problems += print_problems(d)
    if shots:
        os.makedirs(shots, exist_ok=True)
        d.set_window_size(1280, min(max(page["height"] + 100, 1000), 30000))
        name = os.path.relpath(os.path.abspath(path), os.getcwd()).replace("/", "_").replace("..", "")
        d.save_screenshot(os.path.join(shots, name[:-5] + ".png"))
    maps = sum(1 for s in page["svgs"] if s["kind"] == "map")
    charts = sum(1 for s in page["svgs"] if s["kind"] == "chart")
    texts = sum(len(s["texts"]) for s in page["svgs"])
    return problems, f"{maps} maps, {charts} charts, {texts} SVG texts measured"


def main(argv):
    shots = None
    if len(argv) >= 2 and argv[0] == "--shots":
        shots, argv = argv[1], argv[2:]
    if not argv:
        sys.exit(__doc__)
    d = driver()
    failed = 0
    try:
        for path in argv:
            problems, stats = check_file(d, path, shots)
            if problems:
                failed += 1
                print(f"check-html: FAIL {path}: {len(problems)} problem(s) ({stats})")
                for p in problems[:40]:
                    print(f"  - {p}")
                if len(problems) > 40:
                    print(f"  ... and {len(problems) - 40} more")
            else:
                print(f"check-html: ok {path}: {stats}; nothing clipped or overlapping, every map has legend, labels, scale bar and north arrow; no network request")
    finally:
        d.quit()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
