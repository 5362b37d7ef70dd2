#!/usr/bin/env python3
"""Reference Getis-Ord Gi* z-scores from PySAL esda, for CrimeAnalysisTests.

Run once (the output is committed next to this script):

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install esda libpysal
    /tmp/venv/bin/python Tests/Fixtures/gistar/make_reference.py > Tests/Fixtures/gistar/reference.json

Cases (binary weights with the unit itself included, i.e. Gi*: esda.G_Local(star=True,
transform="B"), analytical z-scores):

* lattice_rook:  a 12 x 9 lattice with unit spacing, distance band 1.0 (self + rook neighbours)
* lattice_queen: the same lattice, distance band 1.5 (self + queen neighbours)
* knn5:          60 random points (seed 20), self + 5 nearest neighbours

Values are skewed counts (Poisson with a raised block), seeded, so the file is reproducible.
p_norm is esda's one-sided normal p (1 - Phi(|z|)); p_two_sided = 2 * p_norm; p_fdr is
scipy.stats.false_discovery_control(p_two_sided, method="bh") (Benjamini-Hochberg 1995).
"""
import json
import sys

import numpy as np
import esda
import libpysal
import scipy
from scipy import stats


def gistar(y, w):
    g = esda.G_Local(y, w, transform="B", star=True, permutations=0)
    z = np.asarray(g.Zs, dtype=float)
    p_two = 2.0 * np.asarray(g.p_norm, dtype=float)
    q = stats.false_discovery_control(p_two, method="bh")
    return z, p_two, q


def lattice_case(name, band, rng):
    cols, rows = 12, 9
    coords = [(float(x), float(y)) for y in range(rows) for x in range(cols)]
    lam = np.full(len(coords), 2.0)
    for i, (x, y) in enumerate(coords):
        if 2 <= x <= 5 and 1 <= y <= 4:
            lam[i] = 9.0
        if x >= 9 and y >= 6:
            lam[i] = 0.3
    y = rng.poisson(lam).astype(float)
    w = libpysal.weights.DistanceBand(coords, threshold=band, binary=True, silence_warnings=True)
    z, p, q = gistar(y, w)
    return {"name": name, "weights": "distance_band", "band": band, "coords": coords,
            "values": y.tolist(), "z": z.tolist(), "p_two_sided": p.tolist(), "p_fdr": q.tolist()}


def knn_case(name, k, rng):
    pts = rng.uniform(0, 1000, size=(60, 2))
    y = rng.poisson(3.0, size=60).astype(float)
    y[pts[:, 0] < 300] += rng.poisson(6.0, size=int((pts[:, 0] < 300).sum()))
    w = libpysal.weights.KNN(pts, k=k)
    z, p, q = gistar(y, w)
    return {"name": name, "weights": "knn", "k": k, "coords": pts.tolist(),
            "values": y.tolist(), "z": z.tolist(), "p_two_sided": p.tolist(), "p_fdr": q.tolist()}


def main():
    rng = np.random.default_rng(20)
    cases = [lattice_case("lattice_rook", 1.0, rng), lattice_case("lattice_queen", 1.5, rng), knn_case("knn5", 5, rng)]
    out = {"generator": "Tests/Fixtures/gistar/make_reference.py",
           "versions": {"esda": esda.__version__, "libpysal": libpysal.__version__, "scipy": scipy.__version__,
                        "numpy": np.__version__},
           "cases": cases}
    json.dump(out, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
