#!/usr/bin/env python3
"""End-to-end check of `covplan serve` in real headless Chromium (Selenium + chromedriver).

Starts `covplan serve SCENARIO --port 0`, opens the map, adds a camera by clicking the map,
rotates it with the panel's button, and checks after each edit that the panel's covered street
length equals the API's summary; then exports the plan, runs `covplan run` on the exported
scenario and checks the CLI's summary.json gives the same covered length. Checks that the page
made no request outside the server (the browser's performance entries) and logged no error.

usage: check_serve.py COVPLAN_BINARY SCENARIO OUT_DIR
Prints one line per check and 'N passed, N failed'; exit 1 on any failure.
"""
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

binary, scenario, out = sys.argv[1], sys.argv[2], sys.argv[3]
passed, failed = 0, 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {what}")
    else:
        failed += 1
        print(f"FAIL {what}")


shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)
server = subprocess.Popen([binary, "serve", scenario, "--port", "0", "--export-dir", os.path.join(out, "exports")],
                          stdout=subprocess.PIPE, stderr=open(os.path.join(out, "serve.log"), "w"), text=True)
driver = None
try:
    line = server.stdout.readline().strip()  # "covplan serve: http://127.0.0.1:PORT/"
    if not line.startswith("covplan serve: http://"):
        raise SystemExit(f"server did not start: {line!r}; see {out}/serve.log")
    url = line.split(" ", 2)[2]
    origin = url.rstrip("/")
    print(f"server at {url}")

    def api(path, body=None, method=None):
        req = urllib.request.Request(origin + path, data=None if body is None else json.dumps(body).encode(),
                                     method=method or ("POST" if body is not None else "GET"),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read())

    opts = Options()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,900",
              "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]:
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if os.path.exists("/usr/bin/chromium"):
        opts.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=opts)
    driver.get(url)
    wait = WebDriverWait(driver, 120)
    wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
    check(True, "map page loaded its layers")

    def panel_m():
        return float(driver.find_element(By.ID, "covered-km").get_attribute("data-value"))

    def wait_revision(rev):
        try:
            wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-revision") == str(rev)
                       and d.find_element(By.TAG_NAME, "body").get_attribute("data-busy") == "0")
        except Exception:
            driver.save_screenshot(os.path.join(out, "timeout.png"))
            print("status:", driver.find_element(By.ID, "status").text)
            print("console:", driver.get_log("browser")[-5:])
            raise

    s0 = api("/api/summary")
    check(panel_m() == s0["figures"]["coverage"]["covered_length_m"], "panel covered length == API at start")

    # Add a camera by clicking the map (a little off the centre, on the city).
    driver.find_element(By.ID, "mode-camera").click()
    m = driver.find_element(By.ID, "map")
    ActionChains(driver).move_to_element_with_offset(m, 20, 15).click().perform()
    wait_revision(s0["revision"] + 1)
    s1 = api("/api/summary")
    check(s1["cameras"] == s0["cameras"] + 1, f"a click added a camera ({s0['cameras']} -> {s1['cameras']})")
    check(panel_m() == s1["figures"]["coverage"]["covered_length_m"],
          f"panel covered length == API after adding ({panel_m()} m)")
    title = driver.find_element(By.ID, "edit-title").text
    check(title.startswith("Camera "), f"the new camera is selected ({title})")
    cam_id = title[len("Camera "):]

    # Rotate it with the panel's button (+15°), twice.
    for k in (1, 2):
        driver.find_element(By.ID, "rotate-right").click()
        wait_revision(s0["revision"] + 1 + k)
    s2 = api("/api/summary")
    cams = api("/api/layers/cameras")["features"]
    mine = [f for f in cams if f["properties"]["camera_id"] == cam_id]
    check(len(mine) == 1 and mine[0]["properties"]["heading_deg"] == 30, f"rotated to 30° ({mine and mine[0]['properties']['heading_deg']})")
    check(panel_m() == s2["figures"]["coverage"]["covered_length_m"],
          f"panel covered length == API after rotating ({panel_m()} m)")
    check(s2["figures"]["coverage"]["cameras"] == s1["figures"]["coverage"]["cameras"], "rotation kept the camera count")

    # The CLI on the exported plan gives the same covered length.
    exp = api("/api/plan/export", {"name": "e2e"})
    run_dir = os.path.join(out, "run")
    r = subprocess.run([binary, "run", os.path.join(exp["folder"], "scenario.yaml"), "-o", run_dir, "--quiet"],
                       capture_output=True, text=True)
    check(r.returncode == 0, f"covplan run on the export ({r.stderr.strip()[:200]})")
    if r.returncode == 0:
        with open(os.path.join(run_dir, "summary.json")) as f:
            cli = json.load(f)
        cli_m = cli["coverage"]["covered_length_m"]
        api_m = s2["figures"]["coverage"]["covered_length_m"]
        # summary.json keeps the CLI's own rounding; compare at its precision.
        check(abs(cli_m - api_m) < 0.01 and abs(cli_m - panel_m()) < 0.01,
              f"CLI covered length {cli_m} == API {api_m} == panel {panel_m()}")

    # No request left the server; no error in the console.
    names = driver.execute_script("return performance.getEntries().map(function (e) { return e.name; })")
    outside = [n for n in names if n.startswith(("http:", "https:", "ws:", "wss:")) and not n.startswith(origin + "/")]
    check(len(names) > 5 and not outside, f"{len(names)} requests, none outside the server {outside[:3]}")
    logs = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    check(not logs, f"no console errors {logs[:2]}")
    driver.save_screenshot(os.path.join(out, "serve.png"))
finally:
    if driver is not None:
        driver.quit()
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
