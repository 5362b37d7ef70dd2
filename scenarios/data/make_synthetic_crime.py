#!/usr/bin/env python3
"""Synthetic crime, camera-installation and planned-housing layers for central Helsinki.

SYNTHETIC DATA: no real incident, camera date or building plan is used. The layers only give
the bundled scenario something plausible to run the crime-over-time, hot-spot, camera-impact
and growth analyses on. Standard library only; the same seed gives the same files:

    python3 scenarios/data/make_synthetic_crime.py      # writes the three files next to it

* helsinki-incidents.geojson: 2,208 incidents in 2019-2024 (date, type), falling by about 40 %
  from the first to the last year as Pavlodar's 221 -> 131 per 10,000; 55 % of them around five
  busy places (Railway Square, Kamppi edge, Esplanadi, Senate Square, Kaisaniemi), the rest
  spread over the extract (lon 24.935-24.953, lat 60.164-60.179).
* helsinki-cameras-installed.geojson: 5 hypothetical cameras with installation dates
  (2021-2022) at those places; after installation 40 % fewer incidents occur within 100 m
  of each (a made-up effect, for the weighted displacement quotient to measure).
* helsinki-planned-housing.geojson: 6 hypothetical residential complexes of 2,000-4,500
  residents moving in 2026-2030.
"""
import json
import math
import os
import random

SEED = 2024
LON0, LON1, LAT0, LAT1 = 24.9355, 24.9525, 60.1645, 60.1785
PLACES = [  # (name, lon, lat, sigma in metres, share of clustered incidents)
    ("railway-square", 24.9440, 60.1712, 90, 0.30),
    ("kamppi-edge", 24.9375, 60.1690, 80, 0.20),
    ("esplanadi", 24.9470, 60.1675, 90, 0.20),
    ("senate-square", 24.9515, 60.1694, 70, 0.15),
    ("kaisaniemi", 24.9460, 60.1745, 80, 0.15),
]
YEARS = {2019: 460, 2020: 420, 2021: 390, 2022: 345, 2023: 310, 2024: 283}
TYPES = [("theft", 0.45), ("vandalism", 0.2), ("assault", 0.12), ("disorder", 0.18), ("robbery", 0.05)]
CAMERAS = [("cam-railway-square", "railway-square", "2021-04-15"), ("cam-kamppi", "kamppi-edge", "2021-09-01"),
           ("cam-esplanadi", "esplanadi", "2022-03-10"), ("cam-senate", "senate-square", "2022-06-20"),
           ("cam-kaisaniemi", "kaisaniemi", "2021-11-05")]
HOUSING = [("zhk-kruununhaka-north", 24.9505, 60.1752, 3200, 2026), ("zhk-kluuvi", 24.9478, 60.1722, 2000, 2027),
           ("zhk-hakaniemi-shore", 24.9490, 60.1770, 4500, 2028), ("zhk-kamppi-west", 24.9372, 60.1700, 2600, 2028),
           ("zhk-kaartinkaupunki", 24.9455, 60.1660, 2300, 2029), ("zhk-station-yards", 24.9410, 60.1760, 3800, 2030)]
M_PER_DEG_LAT = 111_320.0
M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(60.17))


def inside(lon, lat):
    return LON0 <= lon <= LON1 and LAT0 <= lat <= LAT1


def dist_m(a, b):
    return math.hypot((a[0] - b[0]) * M_PER_DEG_LON, (a[1] - b[1]) * M_PER_DEG_LAT)


def pick(rng, weighted):
    r, acc = rng.random(), 0.0
    for value, w in weighted:
        acc += w
        if r <= acc:
            return value
    return weighted[-1][0]


def feature(props, lon, lat):
    return {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}}


def write(path, name, features):
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"type":"FeatureCollection","name":"%s","features":[\n' % name)
        f.write(",\n".join(json.dumps(x, ensure_ascii=False, separators=(",", ":")) for x in features))
        f.write("\n]}\n")


def main():
    rng = random.Random(SEED)
    here = os.path.dirname(os.path.abspath(__file__))
    places = {p[0]: p for p in PLACES}
    cams = [(cid, (places[pl][1], places[pl][2]), int(date[:4]), int(date[5:7])) for cid, pl, date in CAMERAS]
    incidents, n = [], 0
    for year, target in YEARS.items():
        made = 0
        while made < target:
            if rng.random() < 0.55:
                p = pick(rng, [(p, p[4]) for p in PLACES])
                lon = p[1] + rng.gauss(0, p[3]) / M_PER_DEG_LON
                lat = p[2] + rng.gauss(0, p[3]) / M_PER_DEG_LAT
            else:
                lon, lat = rng.uniform(LON0, LON1), rng.uniform(LAT0, LAT1)
            if not inside(lon, lat):
                continue
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            # A made-up camera effect: 40 % fewer incidents within 100 m after installation.
            suppressed = any(dist_m((lon, lat), c) <= 100 and (year, month) > (cy, cm) for _, c, cy, cm in cams)
            if suppressed and rng.random() < 0.4:
                continue
            n += 1
            made += 1
            incidents.append(feature({"id": "inc-%05d" % n, "date": "%d-%02d-%02d" % (year, month, day),
                                      "type": pick(rng, TYPES)}, lon, lat))
    write(os.path.join(here, "helsinki-incidents.geojson"), "incidents", incidents)
    write(os.path.join(here, "helsinki-cameras-installed.geojson"), "cameras",
          [feature({"id": cid, "installed": date, "kind": "public"}, places[pl][1], places[pl][2]) for cid, pl, date in CAMERAS])
    write(os.path.join(here, "helsinki-planned-housing.geojson"), "planned_housing",
          [feature({"id": hid, "residents": r, "year": y}, lon, lat) for hid, lon, lat, r, y in HOUSING])


if __name__ == "__main__":
    main()
