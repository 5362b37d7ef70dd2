#!/usr/bin/env python3
"""spopt MCLP + CBC on a covplan coverage instance, the way an analyst would run it.

Reads the instance JSON written by `covplan place ... --export-instance FILE` (see
placement_milp.py for the shape), builds the dense demand × candidate cost matrix spopt expects
(0 where a candidate covers a demand piece, 1 elsewhere; service radius 0.5), builds the model
with `spopt.locate.MCLP.from_cost_matrix` (fixed candidates as `predefined_facilities_arr`, count
p + number of fixed ones, since spopt's facility constraint is `sum x = p`) and solves it with
PuLP's CBC. Budget instances are not supported by spopt's MCLP (it has no cost constraint).

Prints one JSON object: {"solver": "spopt+cbc", "objective", "seconds" (matrix + model + solve,
wall clock; reading the JSON excluded), "matrix_seconds", "build_seconds", "solve_seconds",
"status", "selected", "dense_gb"}. When the dense float64 matrices spopt builds (the cost
matrix and its `aij` copy) would need more than --max-gb, nothing is run and the object says so
with "status": "not run: ..." (exit 0, so a benchmark can record it).

Usage: placement_spopt.py INSTANCE.json [--time-limit S] [--max-gb G]
"""
import argparse
import json
import sys
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("instance")
    ap.add_argument("--time-limit", type=float, default=None, help="CBC time limit, seconds")
    ap.add_argument("--max-gb", type=float, default=6.0, help="refuse dense matrices larger than this")
    args = ap.parse_args()
    t0 = time.perf_counter()
    with open(args.instance, "rb") as f:
        inst = json.load(f)
    read = time.perf_counter() - t0
    print(json.dumps({"read_seconds": read}), file=sys.stderr)
    if inst.get("count") is None:
        print(json.dumps({"solver": "spopt+cbc", "status": "not run: spopt's MCLP has no budget constraint"}))
        return
    demand = inst["demand"]
    candidates = inst["candidates"]
    fixed = set(inst.get("fixed") or [])
    n, m = len(demand), len(candidates)
    # spopt keeps the float64 cost matrix given to it and builds a float64 `aij` of the same shape.
    dense_gb = 2 * 8 * n * m / 1e9
    if dense_gb > args.max_gb:
        print(json.dumps({"solver": "spopt+cbc", "status": f"not run: the dense {n} x {m} matrices need {dense_gb:.1f} GB",
                          "dense_gb": dense_gb, "demand": n, "candidates": m}))
        return

    import numpy as np
    import pulp
    from spopt.locate import MCLP

    t1 = time.perf_counter()
    cost = np.ones((n, m), dtype=np.float64)
    for j, c in enumerate(candidates):
        cost[c["covers"], j] = 0.0
    weights = np.asarray(demand, dtype=np.float64)
    predefined = np.array([1 if str(c["id"]) in fixed else 0 for c in candidates]) if fixed else None
    p = int(inst["count"]) + len(fixed)
    t2 = time.perf_counter()
    model = MCLP.from_cost_matrix(cost, weights, service_radius=0.5, p_facilities=p,
                                  predefined_facilities_arr=predefined)
    t3 = time.perf_counter()
    model = model.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=args.time_limit))
    t4 = time.perf_counter()
    chosen = [j for j, v in enumerate(model.fac_vars) if (v.value() or 0) > 0.5]
    covered = np.zeros(n, dtype=bool)
    for j in chosen:
        covered[candidates[j]["covers"]] = True
    objective = float(weights[covered].sum())  # re-evaluated from the plan, fixed ones included
    print(json.dumps({
        "solver": "spopt+cbc", "objective": objective, "seconds": t4 - t1, "matrix_seconds": t2 - t1,
        "build_seconds": t3 - t2, "solve_seconds": t4 - t3, "status": pulp.LpStatus[model.problem.status],
        "selected": len(chosen) - len(fixed), "dense_gb": dense_gb,
    }))


if __name__ == "__main__":
    main()
