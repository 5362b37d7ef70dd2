#!/usr/bin/env python3
"""Peer for the `coverage` task: what an analyst does today with shapely/geopandas to get the
street length seen by cameras — build each camera's view sector as a polygon (arc drawn every
1°, blind radius cut out), union all sectors, intersect the street lines with the union, sum the
lengths. No occlusion by buildings (that is what the hand method ignores); compare with
`covplan coverage --no-occlusion`. The intersection is `geopandas.overlay` of the streets with the
union's parts (spatial-index driven), which scales far better than intersecting every street
with the whole union (that took 516 s at k=4).

Usage: coverage_shapely.py DATASET.gpkg [CAMERA_LAYER]   → prints JSON on stdout.
"""
import json
import math
import sys
import time

import geopandas as gpd
import numpy as np
import shapely

STEP_DEG = 1.0


def arc(x, y, radius, start_deg, end_deg):
    n = max(1, math.ceil((end_deg - start_deg) / STEP_DEG))
    b = np.radians(np.linspace(start_deg, end_deg, n + 1))
    return np.column_stack([x + radius * np.sin(b), y + radius * np.cos(b)])


def sector(x, y, heading, fov, rng, min_rng):
    if fov >= 360:
        ring = arc(x, y, rng, 0, 360)
        poly = shapely.Polygon(ring)
    else:
        pts = arc(x, y, rng, heading - fov / 2, heading + fov / 2)
        poly = shapely.Polygon(np.vstack([[x, y], pts, [x, y]]))
    if min_rng > 0:
        poly = poly.difference(shapely.Polygon(arc(x, y, min_rng, 0, 360)))
    return poly


def metric(gdf):
    if gdf.crs is None or gdf.crs.is_geographic:
        return gdf.to_crs(gdf.estimate_utm_crs())
    return gdf


def main(path, camera_layer):
    t = time.perf_counter()

    def lap(name):
        nonlocal t
        now = time.perf_counter()
        print(f"timing: {name} {now - t:.3f} s", file=sys.stderr)
        t = now

    streets = metric(gpd.read_file(path, layer="streets", engine="pyogrio"))
    cams = gpd.read_file(path, layer=camera_layer, engine="pyogrio").to_crs(streets.crs)
    lap("read")
    sectors = []
    for geom, h, f, r, m in zip(cams.geometry, cams["heading_deg"], cams["fov_deg"], cams["range_m"],
                                cams["min_range_m"].fillna(0)):
        sectors.append(sector(geom.x, geom.y, float(h), float(f), float(r), float(m)))
    lap("sectors")
    union = shapely.union_all(sectors)
    lap("union")
    parts = gpd.GeoDataFrame(geometry=list(shapely.get_parts(union)), crs=streets.crs)
    pieces = gpd.overlay(streets[["geometry"]], parts, how="intersection", keep_geom_type=True)
    covered = float(pieces.geometry.length.sum())
    total = float(streets.geometry.length.sum())
    lap("intersect")
    print(json.dumps({"street_length_m": total, "covered_length_m": covered,
                      "covered_fraction": covered / total if total else 0.0, "cameras": int(len(cams))}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "random_cameras")
