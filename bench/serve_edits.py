#!/usr/bin/env python3
"""Server time of camera edits in `covplan serve` (not a test: prints a distribution).

Starts `covplan serve TARGET --port 0`, then sends N random camera edits through the JSON API —
adds at random street points, rotations, retypes, moves and deletions of random cameras, in a
seeded order — and reads each response's `server_ms` (the server's own time for the edit: request
parsing, the analyses, the figures and their JSON). Also records the wall time seen by the client.

With --block-moves N, also N moves of the street block at a random street point to a random
other precinct (`POST /api/precincts/move`); the first builds the street blocks, so it is reported
apart.

usage: serve_edits.py COVPLAN TARGET [--edits 200] [--post-edits 20] [--block-moves 0] [--seed 7] [--json OUT.json]
TARGET: a scenario (.yaml) or a city (e.g. a `covplan synth` mosaic .gpkg).
"""
import argparse
import json
import random
import statistics
import subprocess
import sys
import time
import urllib.request

ap = argparse.ArgumentParser()
ap.add_argument("covplan")
ap.add_argument("target")
ap.add_argument("--edits", type=int, default=200)
ap.add_argument("--seed", type=int, default=7)
ap.add_argument("--post-edits", type=int, default=20)
ap.add_argument("--block-moves", type=int, default=0)
ap.add_argument("--json")
args = ap.parse_args()

t0 = time.time()
server = subprocess.Popen([args.covplan, "serve", args.target, "--port", "0", "--export-dir", "/tmp/serve-bench-exports"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    line = server.stdout.readline().strip()
    if not line.startswith("covplan serve: http://"):
        sys.exit(f"server did not start: {line!r}")
    origin = line.split(" ", 2)[2].rstrip("/")
    startup = time.time() - t0

    def api(method, path, body=None):
        req = urllib.request.Request(origin + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=300) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"{}")

    rng = random.Random(args.seed)
    streets = api("GET", "/api/layers/streets")[1]["features"]
    summary = api("GET", "/api/summary")[1]
    types = summary["camera_types"]
    ids = [f["properties"]["camera_id"] for f in api("GET", "/api/layers/cameras")[1]["features"]]
    added = []

    def point():
        g = rng.choice(streets)["geometry"]
        coords = g["coordinates"] if g["type"] == "LineString" else g["coordinates"][0]
        lon, lat = rng.choice(coords)
        return [lon + rng.uniform(-1e-4, 1e-4), lat + rng.uniform(-5e-5, 5e-5)]

    server_ms, client_ms, kinds, refused, phases = [], [], {}, 0, {}
    for i in range(args.edits):
        k = rng.choice(["add", "add", "rotate", "rotate", "retype", "move", "delete"]) if ids else "add"
        if k == "add":
            body = {"type": "Feature", "geometry": {"type": "Point", "coordinates": point()},
                    "properties": {"type": rng.choice(types), "heading_deg": rng.randrange(360)}}
            method, path = "POST", "/api/cameras"
        else:
            cid = rng.choice(ids)
            path = "/api/cameras/" + urllib.parse.quote(cid, safe="")
            method = "DELETE" if k == "delete" else "PATCH"
            body = None if k == "delete" else (
                {"properties": {"heading_deg": rng.randrange(360)}} if k == "rotate" else
                {"properties": {"type": rng.choice(types)}} if k == "retype" else
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": point()}})
        t = time.perf_counter()
        status, reply = api(method, path, body)
        client_ms.append((time.perf_counter() - t) * 1000)
        if status != 200:
            refused += 1
            continue
        server_ms.append(reply["server_ms"])
        for p, v in (reply.get("coverage_phases_ms") or {}).items():
            phases.setdefault(p, []).append(v)
        kinds.setdefault(k, []).append(reply["server_ms"])
        if k == "add":
            ids.append(reply["id"])
        elif k == "delete":
            ids.remove(cid)

    post_ms = []
    posts = [f["properties"]["id"] for f in api("GET", "/api/layers/posts")[1]["features"]]
    for i in range(args.post_edits):
        k = rng.choice(["add", "move", "delete"]) if len(posts) > 1 else "add"
        if k == "add":
            status, reply = api("POST", "/api/posts", {"type": "Feature", "geometry": {"type": "Point", "coordinates": point()}})
        else:
            pid = rng.choice(posts)
            path = "/api/posts/" + urllib.parse.quote(pid, safe="")
            status, reply = (api("DELETE", path) if k == "delete" else
                             api("PATCH", path, {"type": "Feature", "geometry": {"type": "Point", "coordinates": point()}}))
        if status != 200:
            continue
        post_ms.append(reply["server_ms"])
        if k == "add":
            posts.append(reply["id"])
        elif k == "delete":
            posts.remove(pid)

    move_ms = []
    precincts = [f["properties"]["id"] for f in api("GET", "/api/layers/precincts")[1]["features"]] if args.block_moves else []
    if len(precincts) > 1:
        tries = 0
        while len(move_ms) < args.block_moves and tries < 20 * args.block_moves:
            tries += 1
            status, reply = api("POST", "/api/precincts/move", {"type": "Feature", "geometry": {"type": "Point", "coordinates": point()},
                                                                "properties": {"precinct": rng.choice(precincts)}})
            if status == 200:
                move_ms.append(reply["server_ms"])

    def dist(xs):
        xs = sorted(xs)
        q = lambda p: xs[min(len(xs) - 1, int(p * len(xs)))]
        return {"n": len(xs), "min": xs[0], "p50": q(0.5), "p90": q(0.9), "p95": q(0.95), "p99": q(0.99), "max": xs[-1],
                "mean": statistics.fmean(xs)}

    out = {"target": args.target, "edits": args.edits, "seed": args.seed, "refused": refused,
           "startup_s": startup, "cameras_at_end": len(ids), "server_ms": dist(server_ms),
           "client_ms": dist(client_ms), "by_kind": {k: dist(v) for k, v in kinds.items()},
           "post_server_ms": dist(post_ms) if post_ms else None,
           "first_block_move_ms": move_ms[0] if move_ms else None,
           "block_move_server_ms": dist(move_ms[1:]) if len(move_ms) > 1 else None,
           "coverage_phase_mean_ms": {p: statistics.fmean(v) for p, v in phases.items()}}
    fmt = lambda d: " ".join(f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}" for k, v in d.items())
    print(f"{args.target}: {args.edits} camera edits ({refused} refused), start-up {startup:.1f} s, {len(ids)} cameras at the end")
    print(f"  server ms: {fmt(out['server_ms'])}")
    print(f"  client ms: {fmt(out['client_ms'])}")
    for k, d in sorted(out["by_kind"].items()):
        print(f"  {k:7s} server ms: {fmt(d)}")
    if post_ms:
        print(f"  post edits ({len(post_ms)}) server ms: {fmt(out['post_server_ms'])}")
    if move_ms:
        print(f"  block moves: first (builds the street blocks) {move_ms[0]:.1f} ms" +
              (f"; next {len(move_ms) - 1} server ms: {fmt(out['block_move_server_ms'])}" if len(move_ms) > 1 else ""))
    print("  coverage phases, mean ms: " + ", ".join(f"{p} {v:.1f}" for p, v in sorted(out["coverage_phase_mean_ms"].items(), key=lambda x: -x[1])))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(out, f, indent=1)
finally:
    server.terminate()
    server.wait(timeout=30)
