#!/usr/bin/env python3
"""End-to-end check of `covplan serve` in real headless Chromium (Selenium + chromedriver).

Starts `covplan serve SCENARIO --port 0`, opens the map, adds a camera by clicking the map,
rotates it with the panel's button, adds a post by clicking and moves it, asks for suggested
cameras and posts and accepts one of each (dismissing another), and checks after each edit that
the panel's figures (covered street length, residents within the first threshold, counts) equal
the API's summary; then exports the plan, runs `covplan run` on the exported scenario and checks
the CLI's summary.json gives the same covered length and residents. Checks that the page made no
request outside the server (the browser's performance entries) and logged no error. Finally
serves the page with --lang ru and kk and checks no English word is left in the panel.

usage: check_serve.py COVPLAN_BINARY SCENARIO OUT_DIR
Prints one line per check and 'N passed, N failed'; exit 1 on any failure.
"""
import json
import re
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
from selenium.webdriver.support.ui import Select, WebDriverWait

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


def start_server(*extra):
    """`covplan serve SCENARIO --port 0 ...`: the process and its URL."""
    log = os.path.join(out, "serve" + "".join(extra).replace("-", "") + ".log")
    proc = subprocess.Popen([binary, "serve", scenario, "--port", "0", "--export-dir", os.path.join(out, "exports"), *extra],
                            stdout=subprocess.PIPE, stderr=open(log, "w"), text=True)
    line = proc.stdout.readline().strip()  # "covplan serve: http://127.0.0.1:PORT/"
    if not line.startswith("covplan serve: http://"):
        proc.kill()
        raise SystemExit(f"server did not start: {line!r}; see {log}")
    return proc, line.split(" ", 2)[2]


def stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


server, url = start_server()
driver = None
try:
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
    title = driver.find_element(By.ID, "edit-title")
    cam_id = title.get_attribute("data-id")
    ids = {f["properties"]["camera_id"] for f in api("/api/layers/cameras")["features"]}
    check(title.get_attribute("data-kind") == "camera" and cam_id in ids, f"the new camera is selected ({title.text})")

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

    def body(name):
        return driver.find_element(By.TAG_NAME, "body").get_attribute(name)

    def panel_residents():
        return float(driver.find_element(By.ID, "residents-3").get_attribute("data-value"))

    def api_residents(s):
        return s["figures"]["reach"]["thresholds"][0]["residents"]

    # A post: added by clicking the map, then moved by clicking elsewhere.
    rev = s2["revision"]
    driver.find_element(By.ID, "mode-post").click()
    ActionChains(driver).move_to_element_with_offset(m, -40, 30).click().perform()
    wait_revision(rev + 1)
    s3 = api("/api/summary")
    check(s3["posts"] == s2["posts"] + 1 and body("data-posts") == str(s3["posts"]),
          f"a click added a post ({s2['posts']} -> {s3['posts']})")
    check(panel_residents() == api_residents(s3), f"panel residents within 3 min == API after adding a post ({panel_residents()})")
    post_id = driver.find_element(By.ID, "edit-title").get_attribute("data-id")
    at0 = [f["geometry"]["coordinates"] for f in api("/api/layers/posts")["features"] if f["properties"]["id"] == post_id]
    driver.find_element(By.ID, "mode-move").click()
    ActionChains(driver).move_to_element_with_offset(m, 60, -50).click().perform()
    wait_revision(rev + 2)
    s4 = api("/api/summary")
    moved = [f for f in api("/api/layers/posts")["features"] if f["properties"]["id"] == post_id]
    check(s4["posts"] == s3["posts"] and len(moved) == 1 and len(at0) == 1 and moved[0]["geometry"]["coordinates"] != at0[0],
          f"post {post_id} moved, count kept")
    check(panel_residents() == api_residents(s4), f"panel residents within 3 min == API after moving the post ({panel_residents()})")
    driver.find_element(By.ID, "mode-select").click()

    # A street block: picked by clicking the map in "Block" mode, moved to another precinct
    # with the panel's control (the figures and the two precincts' loads follow), then undone.
    def layer_loads():
        return {f["properties"]["id"]: f["properties"]["residents_per_inspector"] for f in api("/api/layers/precincts")["features"]}

    rev = s4["revision"]
    driver.find_element(By.ID, "mode-block").click()
    picked = None
    for dx, dy in [(-20, -25), (35, 40), (-60, 10), (80, -30), (5, 70), (-90, -70)]:
        before_click = body("data-block")
        ActionChains(driver).move_to_element_with_offset(m, dx, dy).click().perform()
        try:
            WebDriverWait(driver, 30).until(lambda d: not d.find_element(By.ID, "block-editor").get_attribute("hidden")
                                            or d.find_element(By.ID, "status").get_attribute("class") == "error")
        except Exception:
            pass
        if not driver.find_element(By.ID, "block-editor").get_attribute("hidden"):
            picked = (dx, dy)
            break
    check(picked is not None, f"a click in Block mode picked a street block ({body('data-block')})")
    if picked is not None:
        btitle = driver.find_element(By.ID, "block-title")
        from_id = btitle.get_attribute("data-precinct")
        block_no = btitle.get_attribute("data-block")
        target_sel = Select(driver.find_element(By.ID, "block-target"))
        options = [o.get_attribute("value") for o in target_sel.options]
        check(len(options) >= 1 and from_id not in options, f"block {block_no} in precinct {from_id}; targets {options[:4]}")
        loads0 = layer_loads()
        to_id = options[0]
        target_sel.select_by_value(to_id)
        driver.find_element(By.ID, "block-move").click()
        wait_revision(rev + 1)
        s_mv = api("/api/summary")
        loads1 = layer_loads()
        shown = {pid: float(driver.find_element(By.ID, "block-load-" + pid).get_attribute("data-value")) for pid in (from_id, to_id)}
        check(all(abs(shown[p] - loads1[p]) < 1e-6 * max(1, abs(loads1[p])) for p in shown)
              and any(abs(loads1[p] - loads0[p]) > 1e-9 for p in shown),
              f"panel loads after the move == API's precinct layer ({from_id}: {loads0[from_id]:.0f} -> {shown[from_id]:.0f}, "
              f"{to_id}: {loads0[to_id]:.0f} -> {shown[to_id]:.0f} residents per inspector)")
        check(float(driver.find_element(By.ID, "over-norm").get_attribute("data-value")) == s_mv["figures"]["load"]["over_norm"],
              "panel precincts over the norm == API after the move")
        check(driver.find_element(By.ID, "block-title").get_attribute("data-precinct") == to_id,
              f"the block now shows precinct {to_id}")
        moved_export = api("/api/plan/export", {"name": "e2e-block"})
        check("moves:" in moved_export["scenario"], "the export carries the block move (precincts.moves)")
        driver.find_element(By.ID, "block-undo").click()
        wait_revision(rev + 2)
        loads2 = layer_loads()
        check(all(abs(loads2[p] - loads0[p]) < 1e-6 * max(1, abs(loads0[p])) for p in loads0)
              and driver.find_element(By.ID, "block-title").get_attribute("data-precinct") == from_id
              and driver.find_element(By.ID, "block-undo").get_attribute("hidden"),
              f"undo moved block {block_no} back to {from_id}; every precinct's load as before")
        s4 = api("/api/summary")
    driver.find_element(By.ID, "mode-select").click()

    def suggest(kind, count):
        Select(driver.find_element(By.ID, "suggest-kind")).select_by_value(kind)
        c = driver.find_element(By.ID, "suggest-count")
        c.clear()
        c.send_keys(str(count))
        driver.find_element(By.ID, "suggest-budget").clear()
        driver.find_element(By.ID, "suggest-run").click()
        wait.until(lambda d: body("data-busy") == "0" and body("data-proposals") == str(count))

    # Suggest 2 cameras: both drawn as proposals; accept the first, dismiss the second.
    rev = s4["revision"]
    expected = api("/api/suggest", {"kind": "cameras", "count": 2})["proposals"]
    suggest("cameras", 2)
    labels = driver.find_elements(By.CSS_SELECTOR, ".proposal-label")
    check(len(labels) == 2 and len(driver.find_elements(By.CSS_SELECTOR, "#proposals li")) == 2,
          f"2 camera proposals drawn and listed ({len(labels)} markers)")
    driver.save_screenshot(os.path.join(out, "serve-proposals.png"))
    driver.find_element(By.ID, "accept-1").click()
    wait_revision(rev + 1)
    s5 = api("/api/summary")
    cams = {f["properties"]["camera_id"]: f for f in api("/api/layers/cameras")["features"]}
    new_id = driver.find_element(By.ID, "edit-title").get_attribute("data-id")
    new = cams.get(new_id)
    close = new is not None and all(abs(a - b) < 1e-7 for a, b in zip(new["geometry"]["coordinates"], expected[0]["coordinates"]))
    check(s5["cameras"] == s4["cameras"] + 1 and close, f"accepting proposal 1 added camera {new_id} at the proposal")
    check(panel_m() == s5["figures"]["coverage"]["covered_length_m"], f"panel covered length == API after accepting ({panel_m()} m)")
    check(body("data-proposals") == "1", "the accepted proposal left the list")
    driver.find_element(By.ID, "dismiss-2").click()
    check(body("data-proposals") == "0" and api("/api/summary")["revision"] == rev + 1, "dismissing changed nothing on the server")

    # Suggest 1 post and accept it.
    suggest("posts", 1)
    driver.find_element(By.ID, "accept-1").click()
    wait_revision(rev + 2)
    s6 = api("/api/summary")
    check(s6["posts"] == s5["posts"] + 1, "accepting a post proposal added a post")
    check(panel_residents() == api_residents(s6), f"panel residents within 3 min == API after accepting ({panel_residents()})")
    s2 = s6

    # The CLI on the exported plan gives the same covered length and residents.
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
        cli_r = [t for t in cli["reach"]["thresholds"] if t["minutes"] == 3]
        check(len(cli_r) == 1 and abs(cli_r[0]["residents"] - api_residents(s6)) < 0.5,
              f"CLI residents within 3 min {cli_r and cli_r[0]['residents']} == API {api_residents(s6)}")

    # No request left the server; no error in the console.
    names = driver.execute_script("return performance.getEntries().map(function (e) { return e.name; })")
    outside = [n for n in names if n.startswith(("http:", "https:", "ws:", "wss:")) and not n.startswith(origin + "/")]
    check(len(names) > 5 and not outside, f"{len(names)} requests, none outside the server {outside[:3]}")
    logs = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    check(not logs, f"no console errors {logs[:2]}")
    driver.save_screenshot(os.path.join(out, "serve.png"))

    # The page in Russian and Kazakh: every text from the catalogues, no English word left.
    allowed = {"covplan", "Leaflet", "BSD"}
    for lang in ("ru", "kk"):
        proc, lurl = start_server("--lang", lang)
        try:
            driver.get(lurl)
            wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
            text = driver.find_element(By.ID, "panel").text
            titles = driver.execute_script(
                "return Array.from(document.querySelectorAll('[title],[placeholder]')).map(function (e) {"
                " return (e.getAttribute('title') || '') + ' ' + (e.getAttribute('placeholder') || ''); }).join(' ')")
            words = [w for w in re.findall(r"[A-Za-z]{2,}", text + " " + titles + " " + driver.title) if w not in allowed]
            check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang and not words and len(text) > 200,
                  f"--lang {lang}: panel and hints without English ({words[:5]})")
            # A refused edit (a camera far outside the city): the server's reason on the page, in this language.
            for _ in range(4):
                driver.find_element(By.CSS_SELECTOR, ".leaflet-control-zoom-out").click()
                time.sleep(0.3)
            driver.find_element(By.ID, "mode-camera").click()
            lm = driver.find_element(By.ID, "map")
            ActionChains(driver).move_to_element_with_offset(lm, -lm.size["width"] // 2 + 8, -lm.size["height"] // 2 + 8).click().perform()
            wait.until(lambda d: d.find_element(By.ID, "status").get_attribute("class") == "error")
            msg = driver.find_element(By.ID, "status").text
            left = [w for w in re.findall(r"[A-Za-z]{2,}", re.sub(r"«[^»]*»", " ", msg)) if w not in allowed]
            check(re.search(r"[а-яА-ЯәғқңөұүһіӘҒҚҢӨҰҮҺІ]", msg) is not None and not left,
                  f"--lang {lang}: a refused edit's reason on the page is in {lang} ({msg})")
        finally:
            stop(proc)
    driver.save_screenshot(os.path.join(out, "serve-kk.png"))
finally:
    if driver is not None:
        driver.quit()
    stop(server)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
