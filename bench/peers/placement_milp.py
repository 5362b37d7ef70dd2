#!/usr/bin/env python3
"""Exact MCLP on a covplan coverage instance with HiGHS (highspy) and/or PuLP + CBC.

Reads the instance JSON written by `covplan place ... --export-instance FILE`
(`CoverageInstance.jsonBytes()`):

    {"demand": [w0, w1, ...],
     "candidates": [{"id": "...", "cost": c, "covers": [demand indices]}, ...],
     "fixed": [candidate ids already installed],
     "count": p or null, "budget": b or null}

and solves the maximal covering problem exactly:

    max  sum_i w_i y_i  (+ weight already covered by the fixed candidates)
    s.t. y_i <= sum_{j not fixed, i in covers(j)} x_j     for demand not covered by fixed ones
         sum_j x_j <= p          (count)   or   sum_j cost_j x_j <= b   (budget)
         x_j in {0, 1},  0 <= y_i <= 1

i.e. the objective is the total weight of demand covered by at least one chosen or fixed
candidate; fixed candidates are free and do not count towards p or b. Prints one JSON line per
solver: {"solver", "objective", "seconds", "build_seconds", "solve_seconds", "status",
"selected", "mip_gap"}; `seconds` is model building plus solving (wall clock), reading the JSON
is excluded and reported once as {"read_seconds"} on stderr. With one solver (the default is
HiGHS) stdout is exactly one JSON object, as bench/run expects; `--solver both` prints two lines.

Usage: placement_milp.py INSTANCE.json [--solver highs|cbc|both] [--time-limit S]
                         [--threads N] [--mip-gap G]
"""
import argparse
import json
import sys
import time


def load(path):
    with open(path, "rb") as f:
        inst = json.load(f)
    demand = inst["demand"]
    candidates = inst["candidates"]
    fixed_ids = set(inst.get("fixed") or [])
    count = inst.get("count")
    budget = inst.get("budget")
    if count is not None and budget is not None:
        sys.exit("placement_milp: instance sets both count and budget")
    if count is None and budget is None:
        sys.exit("placement_milp: instance sets neither count nor budget")
    known = {str(c["id"]) for c in candidates}
    missing = [f for f in fixed_ids if str(f) not in known]
    if missing:
        sys.exit(f"placement_milp: fixed ids not among candidates: {missing[:5]}")
    n = len(demand)
    covered_by_fixed = [False] * n
    free = []
    for c in candidates:
        if str(c["id"]) in fixed_ids:
            for i in c["covers"]:
                covered_by_fixed[i] = True
        else:
            free.append(c)
    base = sum(w for i, w in enumerate(demand) if covered_by_fixed[i])
    # Demand rows: positive weight, not yet covered, reachable by some free candidate.
    row_of = [-1] * n
    rows_w = []
    for c in free:
        for i in c["covers"]:
            if row_of[i] < 0 and not covered_by_fixed[i] and demand[i] > 0:
                row_of[i] = len(rows_w)
                rows_w.append(demand[i])
    return {
        "free": free, "base": base, "row_of": row_of, "rows_w": rows_w,
        "count": count, "budget": budget,
    }


def solve_highs(m, time_limit, threads, mip_gap):
    import highspy
    import numpy as np

    t0 = time.perf_counter()
    free, row_of, rows_w = m["free"], m["row_of"], m["rows_w"]
    nx, ny = len(free), len(rows_w)
    # Columns: x_0..x_{nx-1}, y_0..y_{ny-1}. Rows: 0..ny-1 coverage (y_i - sum x_j <= 0), ny: limit.
    starts, index, value = [], [], []
    for c in free:
        starts.append(len(index))
        seen = set()
        for i in c["covers"]:
            r = row_of[i]
            if r >= 0 and r not in seen:
                seen.add(r)
                index.append(r)
                value.append(-1.0)
        index.append(ny)
        value.append(1.0 if m["count"] is not None else float(c["cost"]))
    for r in range(ny):
        starts.append(len(index))
        index.append(r)
        value.append(1.0)
    starts.append(len(index))
    lp = highspy.HighsLp()
    lp.num_col_ = nx + ny
    lp.num_row_ = ny + 1
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.offset_ = m["base"]
    lp.col_cost_ = np.concatenate([np.zeros(nx), np.array(rows_w, dtype=float)])
    lp.col_lower_ = np.zeros(nx + ny)
    lp.col_upper_ = np.ones(nx + ny)
    limit = float(m["count"]) if m["count"] is not None else float(m["budget"])
    lp.row_lower_ = np.full(ny + 1, -highspy.kHighsInf)
    lp.row_upper_ = np.concatenate([np.zeros(ny), [limit]])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(value, dtype=float)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * nx + [highspy.HighsVarType.kContinuous] * ny
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", threads)
    h.setOptionValue("mip_rel_gap", mip_gap)
    if time_limit:
        h.setOptionValue("time_limit", float(time_limit))
    h.passModel(lp)
    t1 = time.perf_counter()
    h.run()
    t2 = time.perf_counter()
    status = h.modelStatusToString(h.getModelStatus())
    info = h.getInfo()
    sol = h.getSolution().col_value
    selected = sum(1 for j in range(nx) if sol[j] > 0.5)
    # Objective re-evaluated from the integer plan (not from the LP value of y).
    chosen = [free[j] for j in range(nx) if sol[j] > 0.5]
    objective = evaluate(m, chosen)
    return {
        "solver": "highs", "objective": objective, "seconds": t2 - t0, "build_seconds": t1 - t0,
        "solve_seconds": t2 - t1, "status": status, "selected": selected,
        "mip_gap": info.mip_gap, "dual_bound": info.mip_dual_bound,
    }


def solve_cbc(m, time_limit, threads, mip_gap):
    import pulp

    t0 = time.perf_counter()
    free, row_of, rows_w = m["free"], m["row_of"], m["rows_w"]
    prob = pulp.LpProblem("mclp", pulp.LpMaximize)
    x = [pulp.LpVariable(f"x{j}", cat="Binary") for j in range(len(free))]
    y = [pulp.LpVariable(f"y{r}", lowBound=0, upBound=1) for r in range(len(rows_w))]
    prob += pulp.lpSum(w * y[r] for r, w in enumerate(rows_w)) + m["base"]
    coverers = [[] for _ in rows_w]
    for j, c in enumerate(free):
        for i in c["covers"]:
            r = row_of[i]
            if r >= 0:
                coverers[r].append(x[j])
    for r, xs in enumerate(coverers):
        prob += y[r] <= pulp.lpSum(xs)
    if m["count"] is not None:
        prob += pulp.lpSum(x) <= m["count"]
    else:
        prob += pulp.lpSum(float(c["cost"]) * x[j] for j, c in enumerate(free)) <= m["budget"]
    solver = pulp.PULP_CBC_CMD(msg=False, gapRel=mip_gap, timeLimit=time_limit, threads=threads)
    t1 = time.perf_counter()
    prob.solve(solver)
    t2 = time.perf_counter()
    chosen = [free[j] for j in range(len(free)) if (x[j].value() or 0) > 0.5]
    return {
        "solver": "cbc", "objective": evaluate(m, chosen), "seconds": t2 - t0, "build_seconds": t1 - t0,
        "solve_seconds": t2 - t1, "status": pulp.LpStatus[prob.status], "selected": len(chosen),
        "mip_gap": None,
    }


def evaluate(m, chosen):
    """Weight covered by the fixed candidates plus the chosen ones."""
    seen = set()
    total = m["base"]
    for c in chosen:
        for i in c["covers"]:
            r = m["row_of"][i]
            if r >= 0 and r not in seen:
                seen.add(r)
                total += m["rows_w"][r]
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("instance")
    ap.add_argument("--solver", choices=["highs", "cbc", "both"], default="highs")
    ap.add_argument("--time-limit", type=float, default=None, help="seconds per solver")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--mip-gap", type=float, default=0.0, help="relative MIP gap (0 = prove optimality)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    m = load(args.instance)
    print(json.dumps({"read_seconds": time.perf_counter() - t0}), file=sys.stderr)
    solvers = ["highs", "cbc"] if args.solver == "both" else [args.solver]
    for s in solvers:
        fn = solve_highs if s == "highs" else solve_cbc
        print(json.dumps(fn(m, args.time_limit, args.threads, args.mip_gap)), flush=True)


if __name__ == "__main__":
    main()
