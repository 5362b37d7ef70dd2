"""Task `simulation`: one dispatch simulation on the street network (covplan simulate) and an
independent Python re-implementation of the same dispatch rule on the incidents covplan exported.

Honest peer statement: no open tool couples police dispatch queueing with a street network (the
gap issue 9 fills), and SimPy is not in the peer environment. The peer is therefore
bench/peers/simulation_dispatch_python.py: scipy Dijkstra on `covplan graph`'s export and its own
event loop written from the documented rule. It reads covplan's incidents.csv / atoms.geojson /
units.csv (the generated incidents and the unit homes are inputs to it), so its time covers reading
those files, the shortest paths and the event loop, not incident generation or atom building; the
point of the row is the agreement of the figures, the speed ratio is secondary.

Configurations by size (k×k mosaic of the bundled city, residents ≈ 35,800 × k²):
  k=1: 3 units (auto:3), 100 incidents/day, 60 days — heavy load (ρ ≈ 0.86), long queues;
  k=4: 50 units, 400/day, 120 days;
  k=8: 200 units, 1,370/day, 365 days — the issue's scale: ≈ 500,000 incidents a year,
       200 units, ≈ 2.3 million residents.
"""
import os
import subprocess
import sys

CONFIG = {1: (3, 100, 60), 4: (50, 400, 120), 8: (200, 1370, 365)}


def graph(ctx, size):
    path = os.path.join(ctx.data, f"k{size}-drive-graph.geojson")
    if not os.path.exists(path):
        print(f"[data] exporting the drive graph of k{size} → {path}", file=sys.stderr)
        subprocess.run([ctx.covplan, "graph", ctx.dataset(size), "--quiet", "-o", path], check=True)
    return path


def covplan(ctx, size):
    units, per_day, days = CONFIG[size]
    data = ctx.dataset(size)
    return [ctx.covplan, "simulate", data, "--units", f"auto:{units}", "--incidents-per-day", str(per_day),
            "--days", str(days), "--precincts", data, "--seed", "7", "--no-incidents-layer", "--incidents-csv",
            "--json", "--timings", "--quiet", "--overwrite", "-o", ctx.out(f"simulation_k{size}")]


def covplan_metrics(out):
    r = out["response_time_s"]
    return {"incidents": out["incidents"], "response_mean_s": r["mean"], "response_p50_s": r["p50"],
            "response_p90_s": r["p90"], "within_target_fraction": out["within_target_fraction"],
            "unit_utilization": out["unit_utilization"], "cross_beat_fraction": out["cross_beat_fraction"],
            "busiest_unit_utilization": max(u["utilization"] for u in out["units"])}


TASK = {
    "name": "simulation",
    "title": "dispatch simulation (incidents, nearest available unit, queue)",
    "sizes": sorted(CONFIG),
    "prepare": lambda ctx, size: graph(ctx, size),
    "covplan": covplan,
    "covplan_metrics": covplan_metrics,
    "peers": {
        "python_dispatch": lambda ctx, size: [ctx.python, ctx.peer("simulation_dispatch_python.py"),
                                              ctx.out(f"simulation_k{size}"), graph(ctx, size)],
    },
    # relative tolerances: covplan rounds reported seconds to 0.01 s and shares to 1e-6
    "agreement": {"incidents": 0, "response_mean_s": 1e-4, "response_p50_s": 1e-4, "response_p90_s": 1e-4,
                  "within_target_fraction": 1e-4, "unit_utilization": 1e-4, "cross_beat_fraction": 1e-4,
                  "busiest_unit_utilization": 1e-4},
}
