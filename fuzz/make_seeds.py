#!/usr/bin/env python3
"""Writes the checked-in seed corpus under fuzz/corpus/ (run from the repository root).

geometry/: ISO WKB of every type, 2-D, Z, M, ZM, EWKB flags with SRID, big-endian, empty
values, and GeoPackage blobs with each envelope kind and the empty flag.
scenario/: the bundled scenarios plus a few small edge cases.
camera/: camera field sets (heading, fov, range, min range, type, surveillance, key, other_tags).
prepared/: small prepared cities (.covplan), written here from docs/prepared-city.md alone (an
independent writer of the format: Tests/CityModelTests/PreparedCityTests reads tiny.covplan back).
"""
import os
import shutil
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def write(target, name, data):
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


class W:
    def __init__(self, dims=2, little=True, flavour="iso"):
        self.dims, self.little, self.flavour = dims, little, flavour
        self.e = "<" if little else ">"

    def header(self, base):
        t = base
        if self.flavour == "iso":
            t += {2: 0, 3: 1000, 4: 3000}[self.dims]
        elif self.flavour == "isoM":
            t += 2000
        elif self.flavour == "ewkb":
            if self.dims >= 3:
                t |= 0x80000000
            if self.dims == 4:
                t |= 0x40000000
            t |= 0x20000000
            return bytes([1 if self.little else 0]) + struct.pack(self.e + "II", t, 4326)
        return bytes([1 if self.little else 0]) + struct.pack(self.e + "I", t)

    def coords(self, x, y):
        extra = [7.0, 9.0][: self.dims - 2]
        return struct.pack(self.e + "d" * self.dims, x, y, *extra)

    def pts(self, ps):
        return struct.pack(self.e + "I", len(ps)) + b"".join(self.coords(*p) for p in ps)

    def point(self, x=1.5, y=-2.25):
        return self.header(1) + self.coords(x, y)

    def line(self, ps=((0, 0), (10, 0), (10, 5))):
        return self.header(2) + self.pts(ps)

    def polygon(self, holes=True):
        rings = [((0, 0), (10, 0), (10, 10), (0, 10), (0, 0))]
        if holes:
            rings.append(((2, 2), (4, 2), (4, 4), (2, 2)))
        return self.header(3) + struct.pack(self.e + "I", len(rings)) + b"".join(self.pts(r) for r in rings)

    def multi(self, base, parts):
        return self.header(base) + struct.pack(self.e + "I", len(parts)) + b"".join(parts)


def wkb_all(w):
    return {
        "point": w.point(),
        "linestring": w.line(),
        "polygon": w.polygon(),
        "multipoint": w.multi(4, [w.point(), w.point(3, 4)]),
        "multilinestring": w.multi(5, [w.line(), w.line(((1, 1), (2, 2)))]),
        "multipolygon": w.multi(6, [w.polygon(), w.polygon(False)]),
        "collection": w.multi(7, [w.point(), w.line(), w.multi(7, [w.polygon()])]),
    }


def gpkg(wkb, envelope=0, empty=False, little=True):
    flags = (envelope << 1) | (1 if little else 0) | (0x10 if empty else 0)
    e = "<" if little else ">"
    head = b"GP" + bytes([0, flags]) + struct.pack(e + "i", 4326)
    env = struct.pack(e + "d" * {0: 0, 1: 4, 2: 6, 3: 6, 4: 8}[envelope], *range({0: 0, 1: 4, 2: 6, 3: 6, 4: 8}[envelope]))
    return head + env + wkb


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    for dims, tag in [(2, "xy"), (3, "z"), (4, "zm")]:
        for name, data in wkb_all(W(dims)).items():
            write("geometry", f"wkb-{name}-{tag}", data)
    for name, data in wkb_all(W(3, flavour="isoM")).items():
        write("geometry", f"wkb-{name}-m", data)
    for name, data in wkb_all(W(2, little=False)).items():
        write("geometry", f"wkb-{name}-be", data)
    for name, data in wkb_all(W(4, flavour="ewkb")).items():
        write("geometry", f"ewkb-{name}-zm-srid", data)
    nan = float("nan")
    write("geometry", "wkb-point-empty", W(2).point(nan, nan))
    write("geometry", "wkb-linestring-empty", W(2).line(()))
    write("geometry", "wkb-polygon-empty", W(2).header(3) + struct.pack("<I", 0))
    write("geometry", "wkb-collection-empty", W(2).multi(7, []))
    # Collections nested 40 deep (beyond WKB.maxDepth; recursed without limit before).
    write("geometry", "wkb-collection-nested-40", bytes([1, 7, 0, 0, 0, 1, 0, 0, 0]) * 40 + W(2).point())
    base = wkb_all(W(2))
    for env in (0, 1, 2, 3, 4):
        write("geometry", f"gpkg-polygon-env{env}", gpkg(base["polygon"], env))
    write("geometry", "gpkg-point-be-header", gpkg(base["point"], 1, little=False))
    write("geometry", "gpkg-multipolygon-z", gpkg(wkb_all(W(3))["multipolygon"], 2))
    write("geometry", "gpkg-empty-flag", gpkg(W(2).point(nan, nan), 0, empty=True))

    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.makedirs(os.path.join(ROOT, "scenario"), exist_ok=True)
    for f in sorted(os.listdir(os.path.join(repo, "scenarios"))):
        if f.endswith(".yaml"):
            shutil.copy(os.path.join(repo, "scenarios", f), os.path.join(ROOT, "scenario", f))
    write("scenario", "empty.yaml", "")
    write("scenario", "minimal.yaml", "name: x\ncity:\n  source: city.gpkg\n")
    write("scenario", "flow.yaml", "{name: x, cameras: {types: {fixed: {fov_deg: 90, range_m: 50}}}}\n")
    write("scenario", "alias.yaml", "a: &a [1, 2]\nb: *a\n")
    write("scenario", "nested.yaml", "a: " + "[" * 40 + "]" * 40 + "\n")

    for name, fields in {
        "north": ["north", "90", "50", "0", "fixed", "outdoor", "", ""],
        "numeric": ["90", "90", "50", "", "dome", "public", "k", ""],
        "range-pair": ["45;135", "360", "120", "5", "anpr", "", "kk", ""],
        "dash-range": ["350-10", "60", "30", "", "", "", "", ""],
        "cardinal": ["SSW", "", "", "", "", "", "", ""],
        "empty": ["", "", "", "", "", "", "", ""],
        "nan": ["NaN", "nan", "inf", "-0", "traffic", "indoor", "", ""],
        "negative": ["-45", "-10", "-1", "100", "school", "", "", ""],
        "hstore": ["", "", "", "", "", "", "", '"camera:direction"=>"270","camera:type"=>"dome","surveillance:type"=>"ALPR"'],
        "words": ["forward", "wide", "far", "near", "CCTV", "camera", "", '"a"=>"b\\"c"'],
    }.items():
        write("camera", name, "\n".join(fields))

    for name, data in prepared_seeds().items():
        write("prepared", name, data)


M64 = (1 << 64) - 1
P1, P2, P3, P4, P5 = 11400714785074694791, 14029467366897019727, 1609587929392839161, 9650029242287828579, 2870177450012600261


def xxh64(data, seed=0):
    """XXH64 from its specification (github.com/Cyan4973/xxHash, doc/xxhash_spec.md)."""
    def rotl(x, r):
        return ((x << r) | (x >> (64 - r))) & M64

    def rnd(acc, lane):
        return (rotl((acc + lane * P2) & M64, 31) * P1) & M64

    n, i = len(data), 0
    if n >= 32:
        v = [(seed + P1 + P2) & M64, (seed + P2) & M64, seed, (seed - P1) & M64]
        while i + 32 <= n:
            v = [rnd(v[k], struct.unpack_from("<Q", data, i + 8 * k)[0]) for k in range(4)]
            i += 32
        h = (rotl(v[0], 1) + rotl(v[1], 7) + rotl(v[2], 12) + rotl(v[3], 18)) & M64
        for x in v:
            h = ((h ^ rnd(0, x)) * P1 + P4) & M64
    else:
        h = (seed + P5) & M64
    h = (h + n) & M64
    while i + 8 <= n:
        h ^= rnd(0, struct.unpack_from("<Q", data, i)[0])
        h = (rotl(h, 27) * P1 + P4) & M64
        i += 8
    if i + 4 <= n:
        h ^= (struct.unpack_from("<I", data, i)[0] * P1) & M64
        h = (rotl(h, 23) * P2 + P3) & M64
        i += 4
    while i < n:
        h ^= (data[i] * P5) & M64
        h = (rotl(h, 11) * P1) & M64
        i += 1
    h ^= h >> 33
    h = (h * P2) & M64
    h ^= h >> 29
    h = (h * P3) & M64
    return h ^ (h >> 32)


def covplan_file(sections):
    """A prepared city (docs/prepared-city.md, format 3) from [(name, type, count, bytes)]."""
    import zlib
    toc_end = 64 + 48 * len(sections)
    at = (toc_end + 7) & ~7
    offsets = []
    for _, _, _, b in sections:
        offsets.append(at)
        at = (at + len(b) + 7) & ~7
    size = at
    toc = b"".join(name.encode().ljust(16, b"\0") + struct.pack("<IIQQQ", t, xxh64(b) & 0xFFFFFFFF, off, len(b), n)
                   for (name, t, n, b), off in zip(sections, offsets))
    head = b"COVPCITY" + struct.pack("<IIQIIQII", 3, 64, size, len(sections), 48, 64, zlib.crc32(toc), 0) + bytes(12)
    head += struct.pack("<I", zlib.crc32(head))
    out = bytearray(size)
    out[0:64] = head
    out[64:toc_end] = toc
    for (_, _, _, b), off in zip(sections, offsets):
        out[off:off + len(b)] = b
    return bytes(out)


def prepared_seeds():
    """tiny.covplan: 2 streets, 1 building with a hole, 1 school (point), no police, 1 camera.
    The values are restated in PreparedCityTests.pythonWrittenFileReadsAsDocumented."""
    U8, U64, F64 = 1, 8, 9

    def s(text):
        b = text.encode()
        return struct.pack("<I", len(b)) + b

    def strs(items):
        return struct.pack("<I", len(items)) + b"".join(s(x) for x in items)

    def opt(text):
        return b"\0" if text is None else b"\1" + s(text)

    def u64s(v):
        return (U64, len(v), struct.pack(f"<{len(v)}Q", *v))

    def f64s(v):
        return (F64, len(v), struct.pack(f"<{len(v)}d", *v))

    def u8s(v):
        return (U8, len(v), bytes(v))

    cols = []

    def add(name, col):
        cols.append((name,) + col)

    def strings(name, values, optional=False):
        data = b"".join((v or "").encode() for v in values)
        offs, at = [0], 0
        for v in values:
            at += len((v or "").encode())
            offs.append(at)
        add(name + ".o", u64s(offs))
        add(name + ".b", u8s(list(data)))
        if optional:
            add(name + ".p", u8s([0 if v is None else 1 for v in values]))

    def opt_f64(name, values):
        add(name, f64s([0.0 if v is None else v for v in values]))
        add(name + ".p", u8s([0 if v is None else 1 for v in values]))

    def lines(name, ls):
        offs, xy = [0], []
        for l in ls:
            for x, y in l:
                xy += [x, y]
            offs.append(len(xy) // 2)
        add(name + ".o", u64s(offs))
        add(name, f64s(xy))

    def polys(name, sets):
        g, r, rings = [0], [0], []
        for st in sets:
            for poly in st:
                rings += poly
                r.append(len(rings))
            g.append(len(r) - 1)
        add(name + ".g", u64s(g))
        add(name + ".r", u64s(r))
        lines(name, rings)

    meta = s("covplan 0.0.0 (seed)") + struct.pack("<I", 0)          # producer, no sources
    meta += b"\0\0" + bytes(5) + strs([])                              # options: none
    meta += struct.pack("<I", 32635) + strs(["lines", "multipolygons"])  # working CRS, layer names
    meta += struct.pack("<I", 0)                                         # no layer records
    meta += struct.pack("<5Q", 2, 1, 1, 0, 1) + b"\0"                   # counts, no CRS warning
    add("meta", u8s(list(meta)))
    strings("st.id", ["way/1", "way/2#2"])
    strings("st.hw", ["primary", "footway"])
    strings("st.nm", ["Mannerheimintie", None], optional=True)
    add("st.ow", u8s([1, 0]))
    opt_f64("st.ms", [40.0, None])
    lines("st.pt", [[(385000.0, 6672000.0), (385100.0, 6672000.0)], [(385100.0, 6672000.0), (385100.5, 6672050.25), (385150.0, 6672100.0)]])
    strings("bd.id", ["relation/7"])
    strings("bd.tag", ["apartments"])
    add("bd.use", u8s([0]))
    opt_f64("bd.lv", [5.5])
    outer = [(385010.0, 6672010.0), (385030.0, 6672010.0), (385030.0, 6672030.0), (385010.0, 6672030.0), (385010.0, 6672010.0)]
    hole = [(385015.0, 6672015.0), (385016.0, 6672015.0), (385016.0, 6672016.0), (385015.0, 6672015.0)]
    polys("bd.fp", [[[outer, hole]]])
    strings("sc.id", ["node/5"])
    strings("sc.nm", ["Koulu"], optional=True)
    add("sc.loc", f64s([385050.0, 6672050.0]))
    polys("sc.fp", [[]])
    strings("po.id", [])
    strings("po.nm", [], optional=True)
    add("po.loc", f64s([]))
    polys("po.fp", [])
    strings("cm.id", ["node/9"])
    add("cm.pos", f64s([385100.0, 6672001.0]))
    strings("cm.type", ["dome"], optional=True)
    strings("cm.sv", [None], optional=True)
    opt_f64("cm.num", [90.0, 360.0, None, None, 1920.0, None, None, None, 3.0, None, None, None])
    return {"tiny.covplan": covplan_file(cols)}


if __name__ == "__main__":
    main()
