"""Task `reach_prepared`: the `reach` task (5 minutes of driving from the same 100 sources) with
covplan reading the prepared city (`covplan prepare`, made before timing and kept in bench/data/,
like the peers' graph export): the city, its default graphs and where every building and school
attaches to them come from the file (docs/prepared-city.md). The peers are the `reach` task's
NetworkX and pandana on the graph covplan exported, also made before timing. covplan still reads
streets, buildings and schools and reports residents, schools and beats the peers do not compute.
"""
import importlib.util
import os
import subprocess


def sibling(name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(os.path.dirname(os.path.abspath(__file__)), name + ".py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


reach = sibling("reach")
prepared = sibling("prepared")


def prepare(ctx, size):
    reach.prepare(ctx, size)
    if not os.path.exists(prepared.cache(ctx, size)):
        prepared.prepare(ctx, size)
    else:
        # A cache left by another covplan (or stale sources) is made again.
        ok = subprocess.run([ctx.covplan, "inspect", prepared.cache(ctx, size), "--json"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
        if not ok:
            prepared.prepare(ctx, size)


def covplan(ctx, size):
    _, src_points, _ = reach.files(ctx, size)
    return [ctx.covplan, "reach", prepared.cache(ctx, size), "--from", src_points, "--minutes", str(reach.SECONDS / 60),
            "--summary-only", "--json", "--timings", "--quiet", "--overwrite", "-o", ctx.out(f"reach-prepared-k{size}")]


TASK = {
    "name": "reach_prepared",
    "title": "5-min drive reach from 100 sources, covplan from the prepared city",
    "prepare": prepare,
    "covplan": covplan,
    "covplan_metrics": reach.covplan_metrics,
    "peers": reach.TASK["peers"],
    "agreement": reach.TASK["agreement"],
}
