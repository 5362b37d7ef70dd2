"""Task `coverage`: street length seen by cameras (sectors, no occlusion). covplan coverage vs a
shapely/geopandas union of the same sectors intersected with the streets."""


def covplan(ctx, size):
    data = ctx.dataset(size)
    return [ctx.covplan, "coverage", data, "--cameras", data, "--source-layer", "cameras=random_cameras",
            "--no-occlusion", "--summary-only", "--json", "--timings", "--quiet",
            "-o", ctx.out(f"coverage-k{size}"), "--overwrite"]


def covplan_metrics(out):
    return {k: out[k] for k in ("street_length_m", "covered_length_m", "covered_fraction", "cameras")}


TASK = {
    "name": "coverage",
    "title": "camera coverage of streets (sector union ∩ streets)",
    "covplan": covplan,
    "covplan_metrics": covplan_metrics,
    "peers": {
        "shapely": lambda ctx, size: [ctx.python, ctx.peer("coverage_shapely.py"), ctx.dataset(size), "random_cameras"],
    },
    # Relative tolerances. The peer draws arcs as 1° chords, which loses about 1e-4 of the
    # covered length; the acceptance is 0.1 %.
    "agreement": {"street_length_m": 1e-6, "covered_length_m": 1e-3, "covered_fraction": 1e-3, "cameras": 0},
}
