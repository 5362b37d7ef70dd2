#!/usr/bin/env python3
"""Peers for the `reach` task: multi-source reach within T seconds on the street graph that
`covplan graph` exported (GeoPackage in the working CRS: one row per edge with from, to,
length_m, seconds, forward, backward, component), from source nodes, the way an analyst would
do it in NetworkX (DiGraph + multi_source_dijkstra_path_length with a cut-off) or pandana
(contraction hierarchies + nodes_in_range per source, then the minimum per node).

Reached street length counts partial edges exactly as covplan does: from an end reached at time
d, an edge allowed in that direction is reached for min(1, (T − d) / t) of its length; the parts
from both ends are added and capped at the edge length.

Usage: reach_networkx.py GRAPH.gpkg SOURCES.csv SECONDS networkx|pandana  → JSON on stdout.
The time includes reading the graph file, building the graph and the query.
"""
import json
import sys

import pyogrio


def reached_length(edges, dist, limit):
    total = 0.0
    for u, v, length, secs, fwd, bwd in edges:
        part = 0.0
        if fwd and u in dist and dist[u] < limit:
            part += length if secs <= 0 else min(1.0, (limit - dist[u]) / secs) * length
        if bwd and v in dist and dist[v] < limit:
            part += length if secs <= 0 else min(1.0, (limit - dist[v]) / secs) * length
        total += min(length, part)
    return total


def main(graph_path, sources_path, seconds, tool):
    limit = float(seconds)
    df = pyogrio.read_dataframe(graph_path, read_geometry=False)
    edges = list(zip(df["from"].astype(int), df["to"].astype(int), df["length_m"].astype(float),
                     df["seconds"].astype(float), df["forward"].astype(bool), df["backward"].astype(bool)))
    sources = [int(x) for x in open(sources_path).read().split()]
    if tool == "networkx":
        import networkx as nx
        g = nx.DiGraph()
        for u, v, length, secs, fwd, bwd in edges:
            for a, b, ok in ((u, v, fwd), (v, u, bwd)):
                if ok and (not g.has_edge(a, b) or g[a][b]["seconds"] > secs):
                    g.add_edge(a, b, seconds=secs)
        dist = nx.multi_source_dijkstra_path_length(g, sources, cutoff=limit, weight="seconds")
    else:
        import pandas as pd
        import pandana
        rows = []
        for u, v, length, secs, fwd, bwd in edges:
            if fwd:
                rows.append((u, v, secs))
            if bwd:
                rows.append((v, u, secs))
        arcs = pd.DataFrame(rows, columns=["from", "to", "seconds"])
        ids = sorted(set(arcs["from"]) | set(arcs["to"]))
        nodes = pd.DataFrame({"x": [0.0] * len(ids), "y": [0.0] * len(ids)}, index=ids)
        net = pandana.Network(nodes["x"], nodes["y"], arcs["from"], arcs["to"], arcs[["seconds"]], twoway=False)
        within = net.nodes_in_range(sources, limit, "seconds")
        dest, dcol = within.columns[1], within.columns[2]
        dist = within.groupby(dest)[dcol].min().to_dict()
    print(json.dumps({"street_length_m": reached_length(edges, dist, limit), "nodes_reached": len(dist)}))


if __name__ == "__main__":
    main(*sys.argv[1:5])
