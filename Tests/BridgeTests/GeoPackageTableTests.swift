import Foundation
@testable import GDALBridge
import GeoCore
import Testing
import TestSupport

/// The direct GeoPackage read (`GeoPackageTable`) must give exactly what GDAL's GPKG driver
/// gives through OGR features, row by row: the geometry blobs here are built by hand from the
/// GeoPackage and WKB specifications (Z, M, ZM, big-endian WKB, envelopes, empty flags, NaN
/// empty points, NULLs), so they are not only what GDAL itself writes.
@Suite struct GeoPackageTableTests {
    // MARK: blob builders (OGC 12-128r18 §2.1.3, ISO WKB)

    static func u32(_ v: UInt32, little: Bool = true) -> [UInt8] {
        withUnsafeBytes(of: little ? v.littleEndian : v.bigEndian, Array.init)
    }

    static func f64(_ v: Double, little: Bool = true) -> [UInt8] {
        withUnsafeBytes(of: little ? v.bitPattern.littleEndian : v.bitPattern.bigEndian, Array.init)
    }

    /// WKB of `type` whose body is `coords` runs (one run per ring/part when `parts`).
    static func wkb(_ type: UInt32, little: Bool = true, _ body: [UInt8]) -> [UInt8] {
        [little ? 1 : 0] + u32(type, little: little) + body
    }

    static func coords(_ pts: [[Double]], little: Bool = true, counted: Bool = true) -> [UInt8] {
        (counted ? u32(UInt32(pts.count), little: little) : []) + pts.flatMap { $0.flatMap { f64($0, little: little) } }
    }

    /// A GeoPackage blob: magic, version 0, flags (little-endian header, envelope indicator,
    /// empty flag), SRS id, envelope, WKB.
    static func blob(_ wkb: [UInt8], envelope: [Double] = [], empty: Bool = false) -> [UInt8] {
        let indicator: UInt8 = switch envelope.count { case 4: 1; case 6: 2; case 8: 4; default: 0 }
        let flags: UInt8 = 1 | (indicator << 1) | (empty ? 0b1_0000 : 0)
        return [0x47, 0x50, 0, flags] + u32(32635) + envelope.flatMap { f64($0) } + wkb
    }

    static func hex(_ bytes: [UInt8]) -> String { "X'" + bytes.map { String(format: "%02X", $0) }.joined() + "'" }

    /// The tricky geometries, each as (blob or nil for NULL, what covplan must read).
    static let cases: [(blob: [UInt8]?, expected: Geometry?)] = {
        let line = [[0.0, 0.0], [3.0, 4.0], [6.0, 0.5]]
        let ring = [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]]
        let hole = [[2.0, 2.0], [2.0, 4.0], [4.0, 4.0], [4.0, 2.0], [2.0, 2.0]]
        let line2D = line.map { Point($0[0], $0[1]) }
        return [
            (blob(wkb(1, coords([[1.5, -2.25]], counted: false))), .point(Point(1.5, -2.25))),
            (blob(wkb(1001, coords([[1, 2, 3]], counted: false))), .point(Point(1, 2))),
            (blob(wkb(2001, coords([[4, 5, 6]], counted: false)), envelope: [4, 4, 5, 5]), .point(Point(4, 5))),
            (blob(wkb(3001, coords([[7, 8, 9, 10]], counted: false))), .point(Point(7, 8))),
            (blob(wkb(1, coords([[.nan, .nan]], counted: false))), nil),
            (blob(wkb(1, coords([[.nan, .nan]], counted: false)), empty: true), nil),
            (blob(wkb(2, coords(line)), envelope: [0, 6, 0, 4]), .lineString(line2D)),
            (blob(wkb(2, little: false, coords(line, little: false))), .lineString(line2D)),
            (blob(wkb(1002, coords(line.map { $0 + [99] })), envelope: [0, 6, 0, 4, 99, 99]), .lineString(line2D)),
            (blob(wkb(3002, coords(line.map { $0 + [99, 7] })), envelope: [0, 6, 0, 4, 99, 99, 7, 7]),
             .lineString(line2D)),
            (blob(wkb(2, coords([]))), nil),
            (blob(wkb(2, coords([])), empty: true), nil),
            (nil, nil),
            (blob(wkb(3, u32(2) + coords(ring) + coords(hole))),
             .polygon(Polygon(exterior: ring.map { Point($0[0], $0[1]) }, holes: [hole.map { Point($0[0], $0[1]) }]))),
            (blob(wkb(1005, u32(2) + wkb(1002, coords([[0, 0, 1], [1, 1, 1]])) + wkb(1002, coords([[5, 5, 2], [6, 7, 2]])))),
             .multiLineString([[Point(0, 0), Point(1, 1)], [Point(5, 5), Point(6, 7)]])),
            (blob(wkb(4, u32(2) + wkb(1, coords([[1, 1]], counted: false)) + wkb(1, coords([[2, 2]], counted: false)))),
             .multiPoint([Point(1, 1), Point(2, 2)])),
            (blob(wkb(7, u32(2) + wkb(1, coords([[9, 9]], counted: false)) + wkb(2, coords([[0, 0], [1, 0]])))),
             .collection([.point(Point(9, 9)), .lineString([Point(0, 0), Point(1, 0)])])),
        ]
    }()

    /// A GeoPackage with table `g` (text, 64-bit and 32-bit integers, real, boolean) holding
    /// `blobs`, plus `extra` SQL run after the rows are in.
    static func package(_ name: String, blobs: [[UInt8]?], extra: [String] = []) throws -> String {
        let path = Fixtures.tempDir(name) + "/t.gpkg"
        let w = try VectorWriter(path: path, driver: "GPKG")
        try w.writeLayer(name: "g", geometryType: .unknown, epsg: 32635,
                         fields: [FieldDefinition("name", .string), FieldDefinition("n", .int),
                                  FieldDefinition("v", .double), FieldDefinition("ok", .bool)],
                         features: [])
        try w.execute(sql: "ALTER TABLE g ADD COLUMN small MEDIUMINT")
        for (i, b) in blobs.enumerated() {
            let name = i % 4 == 3 ? "NULL" : "'rue d''Été №\(i)'"
            let v = i % 5 == 2 ? "NULL" : "\(Double(i) / 3)"
            try w.execute(sql: "INSERT INTO g (geom, name, n, v, ok, small) VALUES (\(b.map(hex) ?? "NULL"), \(name), "
                               + "\(Int64(i) << 33), \(v), \(i % 2), \(i % 3 == 0 ? "NULL" : "\(70_000 + i)"))")
        }
        for sql in extra { try w.execute(sql: sql) }
        try w.close()
        return path
    }

    @Test func directReadEqualsOGRRowForRow() throws {
        let path = try Self.package("gpkg-direct", blobs: Self.cases.map(\.blob))
        let src = try VectorSource(path: path)
        let plan = try src.planRead(layer: "g", attributeFilter: nil, fields: nil)
        #expect(plan.isDirect)
        let direct = try src.read(plan) { $0.feature }.rows
        let viaOGR = try src.read(plan.throughOGR) { $0.feature }.rows
        #expect(direct.count == Self.cases.count)
        #expect(direct == viaOGR)
        #expect(direct.map(\.geometry) == Self.cases.map(\.expected))
        #expect(direct.map(\.id) == (1...Self.cases.count).map(String.init))
        // Values as OGR types them: text (UTF-8, NULL), 64-bit, real, boolean, 32-bit.
        #expect(direct[1].values == [.string("rue d'Été №1"), .int(1 << 33), .double(1.0 / 3), .bool(true), .int(70_001)])
        #expect(direct[3].values[0] == .null && direct[2].values[2] == .null && direct[0].values[4] == .null)

        // A field selection and the two-reader split read the same rows.
        let some = try src.read(layer: "g", fields: ["small", "name"]).layer
        #expect(some.features.map(\.values) == viaOGR.map { [$0.values[4], $0.values[0]] })
        for split: Int64 in [1, 5, 9, 100] {
            #expect(try src.readSplit(layer: "g", at: split) == viaOGR, "split at \(split)")
        }
    }

    /// What the direct read does not take on goes through OGR, whole: a curve blob midway (GDAL
    /// linearises it), date fields (OGR formats them), attribute filters, views.
    @Test func layersTheDirectReadCannotTakeGoThroughOGR() throws {
        let arc = Self.wkb(8, Self.coords([[0, 0], [1, 1], [2, 0]]))
        let blobs = Self.cases.map(\.blob) + [Self.blob(arc)] + Self.cases.map(\.blob)
        let path = try Self.package("gpkg-fallback", blobs: blobs, extra: [
            "ALTER TABLE g ADD COLUMN d DATE", "UPDATE g SET d = '2024-05-01' WHERE fid = 2",
        ])
        let src = try VectorSource(path: path)
        let withDate = try src.planRead(layer: "g", attributeFilter: nil, fields: nil)
        #expect(!withDate.isDirect)
        let all = try src.read(layer: "g").layer.features
        #expect(all[1].values.last == .string("2024/05/01"))

        let plan = try src.planRead(layer: "g", attributeFilter: nil, fields: ["name", "n"])
        #expect(plan.isDirect)
        let rows = try src.read(plan) { $0.feature }.rows
        #expect(rows == (try src.read(plan.throughOGR) { $0.feature }.rows))
        guard case .lineString(let line)? = rows[Self.cases.count].geometry else {
            Issue.record("curve not read through OGR: \(String(describing: rows[Self.cases.count].geometry))")
            return
        }
        #expect(line.count > 10 && line.first == Point(0, 0) && line.last == Point(2, 0))

        #expect(try !src.planRead(layer: "g", attributeFilter: "n > 0", fields: ["n"]).isDirect)
    }

    /// A truncated GeoPackage is a failed read, never a shorter layer: SQLite's error sends the
    /// read to OGR, which reports it.
    @Test func truncatedGeoPackageIsAFailedReadNotAShortOne() throws {
        let line = Self.blob(Self.wkb(2, Self.coords((0..<40).map { [Double($0), Double($0 % 7)] })))
        let path = try Self.package("gpkg-trunc", blobs: Array(repeating: line, count: 3_000))
        let full = try VectorSource(path: path)
        #expect(try full.planRead(layer: "g", attributeFilter: nil, fields: nil).isDirect)
        #expect(try full.read(layer: "g").layer.features.count == 3_000)
        let cut = Fixtures.truncatedCopy(of: path, fraction: 0.7)
        #expect { try VectorSource(path: cut).read(layer: "g") } throws: {
            [.readFailed, .cannotOpen].contains(($0 as? GDALError)?.kind)
        }
    }

    /// Footprint-like blobs and their near misses: one ring in every encoding, and what must not
    /// count as one ring (a hole, two parts, an empty ring, a truncated or odd blob).
    static let ringCases: [[UInt8]] = {
        let ring = [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]]
        let hole = [[2.0, 2.0], [2.0, 4.0], [4.0, 4.0], [4.0, 2.0], [2.0, 2.0]]
        let z = ring.map { $0 + [5] }, zm = ring.map { $0 + [5, 6] }
        let poly = wkb(3, u32(1) + coords(ring))
        var out: [[UInt8]] = [
            blob(poly), blob(poly, envelope: [0, 10, 0, 10]), blob(poly, envelope: [0, 10, 0, 10, 5, 5]),
            blob(wkb(3, little: false, u32(1, little: false) + coords(ring, little: false))),
            blob(wkb(1003, u32(1) + coords(z))), blob(wkb(2003, u32(1) + coords(z))), blob(wkb(3003, u32(1) + coords(zm))),
            blob(wkb(0x8000_0003, u32(1) + coords(z))), blob(wkb(0xC000_0003, u32(1) + coords(zm))),
            ewkbWithSRID,
            blob(wkb(6, u32(1) + poly)), blob(wkb(6, little: false, u32(1, little: false) + poly)),
            blob(wkb(1006, u32(1) + wkb(1003, u32(1) + coords(z)))),
            blob(wkb(6, u32(1) + wkb(3003, u32(1) + coords(zm)))),
            // Not one ring: a hole, two parts, no rings, an empty ring, a line, a member that is no polygon.
            blob(wkb(3, u32(2) + coords(ring) + coords(hole))), blob(wkb(6, u32(2) + poly + poly)),
            blob(wkb(3, u32(0))), blob(wkb(3, u32(1) + coords([]))), blob(wkb(6, u32(0))),
            blob(wkb(2, coords(ring))), blob(wkb(6, u32(1) + wkb(2, coords(ring)))),
            flaggedEmpty, [0x47, 0x50, 0, 0b10_0001] + u32(0) + poly, blob(wkb(9, u32(1) + coords(ring))),
            [0x47, 0x50, 0, 0b1011] + u32(0) + poly,
        ]
        // Every truncation of a single-ring blob and of a multipolygon one.
        for b in [blob(poly, envelope: [0, 10, 0, 10]), blob(wkb(6, u32(1) + poly))] {
            for n in 0..<b.count { out.append(Array(b.prefix(n))) }
        }
        return out
    }()

    /// A PostGIS-style blob with an SRID in its type code: covplan's decoder reads it, GDAL's
    /// GPKG driver refuses it ("Unsupported WKB type"), so it is left out of the OGR comparison.
    static let ewkbWithSRID = blob(wkb(0x2000_0003, u32(32635) + u32(1) + coords([[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 0.0]])))

    /// A blob flagged empty that still carries a polygon: covplan's decoder reads no geometry
    /// (the flag decides), GDAL's GPKG driver reads the polygon; left out of the OGR comparison.
    static let flaggedEmpty = blob(wkb(3, u32(1) + coords([[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 0.0]])), empty: true)

    /// `GeoPackageBinary.singleRing` takes exactly the blobs `decode` reads as one polygon of one
    /// non-empty ring (alone or as the only part of a multipolygon), with the same points.
    @Test func singleRingAgreesWithDecode() {
        var ring: [Point] = [Point(99, 99)]
        var taken = 0
        for (i, b) in Self.ringCases.enumerated() {
            let ok = b.withUnsafeBytes { GeoPackageBinary.singleRing($0.baseAddress, count: $0.count, into: &ring) }
            let decoded = b.withUnsafeBytes { try? GeoPackageBinary.decode($0.baseAddress, count: $0.count) }
            var expected: [Point]?
            switch decoded {
            case .polygon(let p)? where p.holes.isEmpty && !p.exterior.isEmpty: expected = p.exterior
            case .multiPolygon(let ps)? where ps.count == 1 && ps[0].holes.isEmpty && !ps[0].exterior.isEmpty:
                expected = ps[0].exterior
            default: expected = nil
            }
            #expect(ok == (expected != nil), "case \(i)")
            if ok {
                #expect(ring == expected, "case \(i)")
                taken += 1
            }
        }
        #expect(taken == 14)  // the 14 encodings of one ring
    }

    /// A read with `singleRings` hands footprints over as rings, and every row's geometry (decoded
    /// on demand for those) is what OGR reads.
    @Test func singleRingsReadEqualsOGR() throws {
        let blobs: [[UInt8]?] = Self.ringCases.filter { b in
            // Blobs that decode (to a geometry or to none); those that do not send the whole
            // layer through OGR, which is another test's matter.
            !b.isEmpty && b != Self.ewkbWithSRID && b != Self.flaggedEmpty && b.withUnsafeBytes { raw in
                do {
                    _ = try GeoPackageBinary.decode(raw.baseAddress, count: raw.count)
                    return true
                } catch {
                    return false
                }
            }
        } + Self.cases.map(\.blob)
        let path = try Self.package("gpkg-rings", blobs: blobs)
        let src = try VectorSource(path: path)
        let rows = try src.read(layer: "g", singleRings: true) { row in (row.singleRing, row.feature) }.rows
        let viaOGR = try src.read(try src.planRead(layer: "g", attributeFilter: nil, fields: nil).throughOGR) { $0.feature }.rows
        #expect(rows.map(\.1) == viaOGR)
        for (ring, f) in rows {
            switch f.geometry {
            case .polygon(let p)? where p.holes.isEmpty: #expect(ring == p.exterior)
            case .multiPolygon(let ps)? where ps.count == 1 && ps[0].holes.isEmpty: #expect(ring == ps[0].exterior)
            default: #expect(ring == nil)
            }
        }
        #expect(rows.filter { $0.0 != nil }.count == 13)  // the encodings but the EWKB one
    }
}
