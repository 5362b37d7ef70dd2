"""Task `reach`: street length reachable within 5 minutes of driving from 100 sources.
covplan reach (load the city, build the graph with noding, snap, multi-source search with exact
partial edges) vs NetworkX and pandana on the graph covplan exported (`covplan graph`, not timed):
the peers start from a ready-made arc list, which favours them.

Sources are 100 graph nodes of the main network spread evenly by node id, written both as points
(for covplan) and as node ids (for the peers), so all tools search from the same places.
"""
import os
import subprocess

SECONDS = 300


def files(ctx, size):
    return (os.path.join(ctx.tmp, f"graph-k{size}.gpkg"), os.path.join(ctx.tmp, f"sources-k{size}.gpkg"),
            os.path.join(ctx.tmp, f"sources-k{size}.txt"))


def prepare(ctx, size):
    graph, src_points, src_ids = files(ctx, size)
    if os.path.exists(src_ids):
        return
    subprocess.run([ctx.covplan, "graph", ctx.dataset(size), "--quiet", "--overwrite", "-o", graph], check=True)
    code = f"""
import pyogrio, geopandas as gpd, shapely
df = pyogrio.read_dataframe({graph!r})
main = df[df["component"] == 0]
ends = {{}}
for f, geom in zip(main["from"], main.geometry):
    ends.setdefault(int(f), geom.coords[0])
ids = sorted(ends)
step = max(1, len(ids) // 100)
chosen = ids[::step][:100]
open({src_ids!r}, "w").write(" ".join(map(str, chosen)))
gdf = gpd.GeoDataFrame({{"id": [f"n{{i}}" for i in chosen]}}, geometry=[shapely.Point(ends[i]) for i in chosen], crs=df.crs)
gdf.to_file({src_points!r}, layer="sources", driver="GPKG")
"""
    subprocess.run([ctx.python, "-c", code], check=True)


def covplan(ctx, size):
    _, src_points, _ = files(ctx, size)
    return [ctx.covplan, "reach", ctx.dataset(size), "--from", src_points, "--minutes", str(SECONDS / 60),
            "--summary-only", "--json", "--timings", "--quiet", "--overwrite", "-o", ctx.out(f"reach-k{size}")]


def covplan_metrics(out):
    t = out["thresholds"][0]
    return {"street_length_m": t["street_length_m"], "sources": out["sources"] - out["unsnapped"]}


def peer(tool):
    def make(ctx, size):
        graph, _, src_ids = files(ctx, size)
        return [ctx.python, ctx.peer("reach_networkx.py"), graph, src_ids, str(SECONDS), tool]
    return make


TASK = {
    "name": "reach",
    "title": "5-min drive reach from 100 sources (graph + multi-source search)",
    "prepare": prepare,
    "covplan": covplan,
    "covplan_metrics": covplan_metrics,
    "peers": {"networkx": peer("networkx"), "pandana": peer("pandana")},
    # pandana stores weights as float32: boundary edges differ by rounding.
    "agreement": {"street_length_m": 1e-4},
}
