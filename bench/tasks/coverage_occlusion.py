"""Task `coverage_occlusion`: street length seen by cameras WITH occlusion by buildings (covplan's
exact angular sweep against every footprint) vs the shapely/geopandas union of the same sectors
WITHOUT occlusion (what the hand method computes; `bench/peers/coverage_shapely.py`).

The two do not compute the same thing: the question this row answers is whether covplan's full
analysis (read buildings, occlusion) is still faster than the peer's simpler one. What must agree
is what both measure alike: the total street length and the number of cameras exactly; the
occluded covered length can only be at most the unoccluded one (checked: `"le"`).
"""


def covplan(ctx, size):
    data = ctx.dataset(size)
    return [ctx.covplan, "coverage", data, "--cameras", data, "--source-layer", "cameras=random_cameras",
            "--summary-only", "--json", "--timings", "--quiet",
            "-o", ctx.out(f"coverage-occlusion-k{size}"), "--overwrite"]


def covplan_metrics(out):
    return {k: out[k] for k in ("street_length_m", "covered_length_m", "cameras")}


TASK = {
    "name": "coverage_occlusion",
    "title": "camera coverage with occlusion by buildings (covplan) vs sector union without occlusion (peer)",
    "sizes": [4, 16],
    "covplan": covplan,
    "covplan_metrics": covplan_metrics,
    "peers": {
        "shapely": lambda ctx, size: [ctx.python, ctx.peer("coverage_shapely.py"), ctx.dataset(size), "random_cameras"],
    },
    # street length and cameras as in `coverage`; covered length: covplan's occluded figure must
    # not exceed the peer's unoccluded one (plus the peer's 1e-3 chord tolerance).
    "agreement": {"street_length_m": 1e-6, "cameras": 0, "covered_length_m": "le"},
}
