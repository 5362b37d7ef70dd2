#!/usr/bin/env python3
"""Peer for the `load` task: what an analyst does with geopandas to get a city's headline
figures — read the street and building layers, reproject to a metric CRS if needed, measure
street length (all and drivable), count buildings after making invalid ones valid.

Usage: load_geopandas.py DATASET.gpkg   → prints JSON on stdout.
"""
import json
import sys

import geopandas as gpd
import shapely

DRIVABLE = {
    "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link", "secondary",
    "secondary_link", "tertiary", "tertiary_link", "unclassified", "residential", "living_street",
    "service", "road", "busway",
}


def metric(gdf):
    if gdf.crs is None or gdf.crs.is_geographic:
        return gdf.to_crs(gdf.estimate_utm_crs())
    return gdf


def main(path):
    streets = metric(gpd.read_file(path, layer="streets", engine="pyogrio"))
    lengths = streets.geometry.length
    buildings = metric(gpd.read_file(path, layer="buildings", engine="pyogrio"))
    invalid = ~buildings.geometry.is_valid
    if invalid.any():
        buildings.loc[invalid, "geometry"] = shapely.make_valid(buildings.geometry[invalid].values)
    print(json.dumps({
        "street_length_m": float(lengths.sum()),
        "drivable_length_m": float(lengths[streets["highway"].isin(DRIVABLE)].sum()),
        "street_segments": int(len(streets)),
        "buildings": int(len(buildings)),
        "building_footprint_m2": float(buildings.geometry.area.sum()),
    }))


if __name__ == "__main__":
    main(sys.argv[1])
