#!/usr/bin/env python3
"""Peer for the `precinct_load` task: what an analyst does with geopandas to get residents per
precinct from building footprints — the same documented formula as covplan's building method
(residential floor area = footprint area x levels [3 when untagged] x use share [residential 1,
building=yes 0.5, other 0] / 22 m2 per person), building centroids spatially joined to the
precincts (sjoin, predicate "within"), summed per precinct, then the load against the norm.

Usage: load_geopandas_sjoin.py DATASET.gpkg [NORM]  -> prints JSON on stdout.
"""
import json
import math
import sys

import geopandas as gpd
import numpy as np

RESIDENTIAL = {"apartments", "residential", "house", "detached", "semidetached_house", "terrace", "dormitory",
               "bungalow", "cabin", "farm", "houseboat", "static_caravan", "stilt_house"}
UNKNOWN = {"yes", "building"}


def main(path, norm=3200.0):
    b = gpd.read_file(path, layer="buildings", engine="pyogrio", columns=["building", "levels"])
    p = gpd.read_file(path, layer="precincts", engine="pyogrio", columns=["id", "inspectors"])
    tag = b["building"].fillna("yes")
    share = np.where(tag.isin(list(RESIDENTIAL)), 1.0, np.where(tag.isin(list(UNKNOWN)), 0.5, 0.0))
    levels = b["levels"].fillna(3.0).to_numpy()
    residents = b.geometry.area.to_numpy() * levels * share / 22.0
    pts = gpd.GeoDataFrame({"residents": residents}, geometry=b.geometry.centroid, crs=b.crs)
    joined = gpd.sjoin(pts, p[["id", "geometry"]], how="left", predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]
    per = joined.groupby("id")["residents"].sum()
    unassigned = float(joined.loc[joined["id"].isna(), "residents"].sum())
    res = p["id"].map(per).fillna(0.0).to_numpy()
    insp = p["inspectors"].fillna(0).to_numpy()
    needed = np.where(res > 0, np.ceil(res / norm), 0)
    over = np.where(insp > 0, res > norm * insp, res > 0)
    print(json.dumps({
        "total_residents": float(res.sum()),
        "unassigned_residents": unassigned,
        "precincts": int(len(p)),
        "over_norm": int(over.sum()),
        "inspectors_needed": int(needed.sum()),
        "deficit": int(np.maximum(needed - insp, 0).sum()),
        "residents_sum_of_squares": float((res ** 2).sum()),
    }))


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 3200.0)
