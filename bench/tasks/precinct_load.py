"""Task `precinct_load`: residents per precinct from building footprints and the load against the
norm of 3,200 residents per inspector. covplan load vs a geopandas spatial join of building
centroids.

Sizes up to 16 use the standard mosaics (bench/data/k{size}.gpkg, all layers). Sizes of 32 and
more are national-scale sets: `covplan synth --layers buildings,precincts --precincts 1000` (k=64:
about 2 million buildings and 1,000 precincts; no streets, so no street km are computed).

covplan runs with --no-street-km: the peer computes no street km, so neither reads the streets
(covplan's default also clips every street to the precincts; its time is in BENCHMARKS.md).
"""
import os
import subprocess
import sys

CITY = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                    "geodata", "helsinki-center.osm.pbf")


def dataset(ctx, size):
    if size < 32:
        return ctx.dataset(size)
    path = os.path.join(ctx.data, f"national-k{size}.gpkg")
    if not os.path.exists(path):
        print(f"[data] synthesising national-scale {size}x{size} buildings + 1000 precincts -> {path}", file=sys.stderr)
        subprocess.run([ctx.covplan, "synth", CITY, "--make-valid", "--quiet", "--tiles", str(size),
                        "--layers", "buildings,precincts", "--precincts", "1000", "--seed", "42", "-o", path], check=True)
    return path


def covplan(ctx, size):
    data = dataset(ctx, size)
    return [ctx.covplan, "load", data, "--precincts", data, "--no-street-km", "--json", "--timings", "--quiet",
            "--overwrite", "-o", ctx.out(f"precinct_load_k{size}")]


def covplan_metrics(out):
    m = {k: out[k] for k in ("total_residents", "unassigned_residents", "precincts", "over_norm", "inspectors_needed",
                             "deficit")}
    m["residents_sum_of_squares"] = sum(p["residents"] ** 2 for p in out["precinct_loads"])
    return m


TASK = {
    "name": "precinct_load",
    "title": "precinct load (residents from buildings per precinct, vs norm)",
    "covplan": covplan,
    "covplan_metrics": covplan_metrics,
    "peers": {
        "geopandas_sjoin": lambda ctx, size: [ctx.python, ctx.peer("load_geopandas_sjoin.py"), dataset(ctx, size)],
    },
    # metric: relative tolerance (centroids exactly on a shared precinct edge may go either way)
    "agreement": {"total_residents": 1e-6, "unassigned_residents": 1e-6, "precincts": 0, "over_norm": 0,
                  "inspectors_needed": 0, "deficit": 0, "residents_sum_of_squares": 1e-6},
}
