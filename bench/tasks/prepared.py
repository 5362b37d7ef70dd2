"""Task `prepared`: loading a city from a prepared file (`covplan prepare`, docs/prepared-city.md)
vs from its GIS source through GDAL. Both sides are covplan (`inspect --json`: read, assemble,
measure); the "peer" is covplan reading the mosaic GeoPackage, so the ratio is what the prepared
file saves. Every figure of the city must agree exactly (the loads give the same values).

The prepared file is made before timing (`covplan prepare`, not timed) and kept in bench/data/.
"""
import os
import subprocess


def cache(ctx, size):
    return os.path.join(ctx.data, f"k{size}.covplan")


def prepare(ctx, size):
    subprocess.run([ctx.covplan, "prepare", ctx.dataset(size), "--quiet", "--overwrite", "-o", cache(ctx, size)],
                   check=True, stdout=subprocess.DEVNULL)


def metrics(out):
    city = out["city"]
    return {k: city[k] for k in ("street_length_m", "drivable_length_m", "walkable_length_m", "street_segments",
                                 "buildings", "buildings_with_levels", "building_footprint_m2", "schools",
                                 "police_stations", "cameras", "repaired_features", "skipped_features")}


TASK = {
    "name": "prepared",
    "title": "load city: prepared .covplan vs GeoPackage (GDAL)",
    "prepare": prepare,
    "covplan": lambda ctx, size: [ctx.covplan, "inspect", cache(ctx, size), "--json", "--timings"],
    "covplan_metrics": metrics,
    "peers": {
        "covplan_gdal": lambda ctx, size: [ctx.covplan, "inspect", ctx.dataset(size), "--json", "--timings"],
    },
    "peer_metrics": lambda name, out: metrics(out),
    "agreement": {"street_length_m": 0, "drivable_length_m": 0, "walkable_length_m": 0, "street_segments": 0,
                  "buildings": 0, "buildings_with_levels": 0, "building_footprint_m2": 0, "schools": 0,
                  "police_stations": 0, "cameras": 0, "repaired_features": 0, "skipped_features": 0},
}
