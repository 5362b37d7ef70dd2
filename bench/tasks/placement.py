"""Task `placement`: where the next 48 cameras go (MCLP with occlusion, street metres newly seen,
the mapped cameras kept). covplan place cameras end to end vs the exact MILP of the same exported
instance: HiGHS (highspy) and spopt's MCLP + CBC.

The instance is exported once per size (`--export-instance`, not timed) and the peers solve that
file, so all tools optimise the same demand weights and coverage sets; covplan's timed run builds
its instance itself from the city (loading, visibility of every candidate pose, street pieces),
solves it and writes its outputs. Peers report their own phase times (`solve_seconds`: HiGHS's
branch and bound alone); a peer that cannot finish within the time limit, or whose dense matrices
would not fit in memory (spopt), reports why instead of an objective, and no agreement is
checked for it. Agreement: covplan's objective within 1 % of the proven optimum (the issue's
acceptance), checked only when the peer proved optimality.

Environment: PLACEMENT_P (default 48), PLACEMENT_TIME_LIMIT seconds per MILP solve (default 900),
PLACEMENT_ARGS extra covplan flags that define the instance (e.g. "--types dome --spacing-m 100"
for an instance small enough for spopt's dense matrices).
"""
import os
import subprocess

P = os.environ.get("PLACEMENT_P", "48")
TIME_LIMIT = os.environ.get("PLACEMENT_TIME_LIMIT", "900")
EXTRA = os.environ.get("PLACEMENT_ARGS", "").split()
# Exact MILP solves take minutes (HiGHS: ~3 min at k = 1, ~22 min at k = 2 for p = 48), so by
# default the task runs once, at the real city only; PLACEMENT_SIZES=1,2 for more.
SIZES = [int(x) for x in os.environ.get("PLACEMENT_SIZES", "1").split(",") if x]


def instance(ctx, size):
    return os.path.join(ctx.tmp, f"placement-k{size}-p{P}.json")


def prepare(ctx, size):
    """Exports the instance once (not timed)."""
    if not os.path.exists(instance(ctx, size)):
        subprocess.run([ctx.covplan, "place", "cameras", ctx.dataset(size), "--count", P, "--quiet", "--overwrite",
                        "--export-instance", instance(ctx, size), "-o", ctx.out(f"placement-export-k{size}")] + EXTRA,
                       check=True)


def covplan(ctx, size):
    return [ctx.covplan, "place", "cameras", ctx.dataset(size), "--count", P, "--json", "--timings", "--quiet",
            "--overwrite", "-o", ctx.out(f"placement-k{size}")] + EXTRA


def covplan_metrics(out):
    return {"objective": out["objective"], "upper_bound": out["upper_bound"], "gap": out["gap"],
            "covered_fraction_after": out["covered_fraction_after"], "candidates": out["candidates"]["poses"],
            "demand_pieces": out["demand"]["demand_pieces"], "nonzeros": out["demand"]["nonzeros"]}


def peer_metrics(name, out):
    m = {k: out[k] for k in ("status", "seconds", "build_seconds", "solve_seconds", "matrix_seconds", "dual_bound",
                             "mip_gap", "dense_gb") if k in out}
    if out.get("status") == "Optimal":
        m["objective"] = out["objective"]
    elif "objective" in out:
        m["incumbent"] = out["objective"]
    return m


TASK = {
    "name": "placement",
    "title": f"camera placement, p = {P} (build + solve + write)",
    "prepare": prepare,
    "covplan": covplan,
    "covplan_metrics": covplan_metrics,
    "peer_metrics": peer_metrics,
    "peers": {
        "highs": lambda ctx, size: [ctx.python, ctx.peer("placement_milp.py"), instance(ctx, size), "--solver", "highs",
                                    "--time-limit", TIME_LIMIT],
        "spopt_cbc": lambda ctx, size: [ctx.python, ctx.peer("placement_spopt.py"), instance(ctx, size),
                                        "--time-limit", TIME_LIMIT],
    },
    "agreement": {"objective": 0.01},
    "sizes": SIZES,
    "reps": 1,
}
