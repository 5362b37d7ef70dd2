"""Task `load`: read a city (streets + buildings), validate, measure. covplan inspect vs geopandas."""


def covplan(ctx, size):
    return [ctx.covplan, "inspect", ctx.dataset(size), "--json", "--timings"]


def covplan_metrics(out):
    city = out["city"]
    return {k: city[k] for k in ("street_length_m", "drivable_length_m", "street_segments", "buildings",
                                 "building_footprint_m2")}


TASK = {
    "name": "load",
    "title": "load city (read, reproject/validate, measure)",
    "covplan": covplan,
    "covplan_metrics": covplan_metrics,
    "peers": {
        "geopandas": lambda ctx, size: [ctx.python, ctx.peer("load_geopandas.py"), ctx.dataset(size)],
    },
    # metric: relative tolerance
    "agreement": {"street_length_m": 1e-6, "drivable_length_m": 1e-6, "street_segments": 0, "buildings": 0,
                  "building_footprint_m2": 1e-4},
}
