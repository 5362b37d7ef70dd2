#!/usr/bin/env python3
"""Writes scenarios/data/helsinki-connections.geojson: a SYNTHETIC control-centre connection
layer for the bundled Helsinki extract (no such data is public for it).

- the schools mapped in OpenStreetMap (amenity=school areas) keep their names;
- 15 further "schools" are placed at the centres of randomly drawn (seeded) buildings of the
  extract, named "Synthetic school N";
- each school gets a seeded pupil count (300-1,500) and `connected` true with probability 0.6
  (nationwide over a third of schools are not wired to a control centre, DESIGN.md);
- one hypothetical operations control centre (kind control_centre) at a building near
  Railway Square.

Deterministic for a seed (default 20); needs only ogr2ogr (GDAL) and the Python standard library.
Usage: python3 tools/make_connections.py [--seed 20] [-o scenarios/data/helsinki-connections.geojson]
"""
import argparse
import json
import os
import random
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PBF = os.path.join(ROOT, "geodata", "helsinki-center.osm.pbf")


def layer(where):
    out = subprocess.run(["ogr2ogr", "-f", "GeoJSON", "/vsistdout/", PBF, "multipolygons", "-where", where,
                          "-select", "osm_id,osm_way_id,name,amenity,building"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["features"]


def centre(feature):
    """Mean of the outer ring's distinct vertices (a point inside for the compact footprints here)."""
    ring = feature["geometry"]["coordinates"][0][0][:-1]
    return [round(sum(p[0] for p in ring) / len(ring), 6), round(sum(p[1] for p in ring) / len(ring), 6)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("-o", default=os.path.join(ROOT, "scenarios", "data", "helsinki-connections.geojson"))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    schools = sorted(layer("amenity = 'school'"), key=lambda f: f["properties"].get("osm_way_id") or f["properties"].get("osm_id") or "")
    buildings = sorted(layer("building IS NOT NULL AND amenity IS NULL"),
                       key=lambda f: f["properties"].get("osm_way_id") or f["properties"].get("osm_id") or "")
    feats = []
    # The hypothetical control centre: the building nearest Railway Square (24.9440, 60.1712).
    cc = min(buildings, key=lambda f: (centre(f)[0] - 24.9440) ** 2 + ((centre(f)[1] - 60.1712) * 2) ** 2)
    feats.append({"id": "control-centre", "name": "Operations control centre (hypothetical)", "kind": "control_centre",
                  "connected": True, "pupils": None, "xy": centre(cc)})
    for i, s in enumerate(schools):
        feats.append({"id": f"osm-school-{i + 1}", "name": s["properties"].get("name") or f"OSM school {i + 1}", "kind": "school",
                      "connected": rng.random() < 0.6, "pupils": rng.randrange(300, 1501, 10), "xy": centre(s)})
    picks = rng.sample([b for b in buildings if b is not cc], 15)
    for i, b in enumerate(picks):
        feats.append({"id": f"synthetic-school-{i + 1}", "name": f"Synthetic school {i + 1}", "kind": "school",
                      "connected": rng.random() < 0.6, "pupils": rng.randrange(300, 1501, 10), "xy": centre(b)})
    lines = ['{"type":"FeatureCollection","name":"connections",',
             f'"description":"SYNTHETIC control-centre connection layer made by tools/make_connections.py --seed {args.seed}: OSM school areas plus seeded synthetic schools at random buildings; connected and pupils are drawn, not real.",',
             '"features":[']
    body = []
    for f in feats:
        props = {"id": f["id"], "name": f["name"], "kind": f["kind"], "connected": f["connected"]}
        if f["pupils"] is not None:
            props["pupils"] = f["pupils"]
        body.append(json.dumps({"type": "Feature", "properties": props,
                                "geometry": {"type": "Point", "coordinates": f["xy"]}}, ensure_ascii=False, separators=(",", ":")))
    lines.append(",\n".join(body))
    lines.append("]}")
    with open(args.o, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"{args.o}: {len(feats)} objects, {sum(1 for f in feats if not f['connected'])} not connected")


if __name__ == "__main__":
    main()
