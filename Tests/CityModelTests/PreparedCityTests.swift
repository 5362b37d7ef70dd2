import Foundation
@testable import CityIngest
import CityModel
import Coverage
import GeoCore
@testable import StreetGraph
import Testing
import TestSupport

/// Prepared cities: the checksums against published vectors and other tools, the round trip
/// against a load from the PBF (every kind subset), and hostile files.
@Suite(.serialized) struct PreparedCityTests {
    static let options = CityReadOptions(primary: Fixtures.helsinkiPBF, makeValid: true)

    /// Helsinki prepared once: (the file, its bytes).
    static let prepared: (path: String, bytes: [UInt8]) = {
        var clock = PhaseClock()
        let p = try! PreparedCity.prepare(options, clock: &clock)
        let path = Fixtures.tempDir("prep") + "/helsinki.covplan"
        FileManager.default.createFile(atPath: path, contents: Data(p.bytes))
        return (path, p.bytes)
    }()

    static func write(_ bytes: [UInt8], name: String = "x.covplan") -> String {
        let path = Fixtures.tempDir("hostile") + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    static func load(_ path: String, _ o: CityReadOptions = CityReadOptions()) throws -> City {
        var o = o
        o.primary = path
        return try CityReader.read(o)
    }

    /// The error a load of `bytes` gives (nil when it loads).
    static func refusal(_ bytes: [UInt8]) -> CovplanError? {
        do {
            _ = try load(write(bytes))
            return nil
        } catch let e as CovplanError {
            return e
        } catch {
            return CovplanError(.software, "\(error)")
        }
    }

    // MARK: checksums

    /// Bit-at-a-time CRC-32 straight from the definition (no tables).
    static func referenceCRC(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        }
        return ~c
    }

    @Test func crc32MatchesTheCatalogueAndTheDefinition() {
        // The check value of CRC-32/ISO-HDLC in the CRC catalogue.
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        var rng = SplitMix64(seed: 7)
        for n in [1, 7, 8, 9, 63, 64, 65, 1000, 4099] {
            let bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            #expect(CRC32.checksum(bytes) == Self.referenceCRC(bytes), "n = \(n)")
        }
    }

    /// XXH64 against the values the reference implementation publishes and, on every path
    /// (stripes, 8-, 4- and 1-byte tails), against the one in fuzz/make_seeds.py written from the
    /// specification in Python.
    @Test func xxh64MatchesPublishedAndPythonValues() {
        #expect(XXH64.hash([]) == 0xEF46_DB37_51D8_E999)
        #expect(XXH64.hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(XXH64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(XXH64.hash(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x0B24_2D36_1FDA_71BC)
        // python3 -c 'import make_seeds as m; print(hex(m.xxh64(bytes(range(256)) * 3 + b"xyz")))'
        #expect(XXH64.hash((0..<3).flatMap { _ in (0...255).map { UInt8($0) } } + Array("xyz".utf8)) == 0xE921_A1B4_5BD7_79F8)
        #expect(XXH64.sectionChecksum(Array("abc".utf8)) == 0xAD77_0999)
    }

    @Test func sha256MatchesFIPSVectorsAndSha256sum() throws {
        // FIPS 180-4 examples (NIST CSRC) and the empty message.
        #expect(SHA256.hex(SHA256.digest(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(SHA256.digest([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(SHA256.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // A million 'a' fed in uneven pieces (the buffering between blocks).
        var s = SHA256()
        var left = 1_000_000, step = 1
        while left > 0 {
            let n = min(step, left)
            s.update([UInt8](repeating: 0x61, count: n))
            left -= n
            step = step * 3 % 1000 + 1
        }
        #expect(SHA256.hex(s.finish()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // The bundled city against coreutils.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        p.arguments = [Fixtures.helsinkiPBF]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(try SHA256.hex(SourceFingerprint.sha256(Fixtures.helsinkiPBF)) == String(text.prefix(64)))
    }

    // MARK: round trip

    static func expectSame(_ a: City, _ b: City, _ label: String) {
        #expect(a.crs == b.crs, "\(label): crs")
        #expect(a.streets == b.streets, "\(label): streets")
        #expect(a.buildings == b.buildings, "\(label): buildings")
        #expect(a.schools == b.schools, "\(label): schools")
        #expect(a.police == b.police, "\(label): police")
        #expect(a.cameras == b.cameras, "\(label): cameras")
        #expect(a.ingest == b.ingest, "\(label): ingest report")
        // Coordinates bit for bit (== would take −0 for 0).
        let bitsA = a.streets.flatMap(\.points).flatMap { [$0.x.bitPattern, $0.y.bitPattern] }
        let bitsB = b.streets.flatMap(\.points).flatMap { [$0.x.bitPattern, $0.y.bitPattern] }
        #expect(bitsA == bitsB, "\(label): street coordinates bit for bit")
    }

    @Test(arguments: [
        Set(CityLayerKind.allCases), [.streets, .buildings, .schools, .cameras], [.streets, .schools, .cameras],
        [.streets], [.buildings], [.cameras], [.streets, .police], [.schools, .police],
    ] as [Set<CityLayerKind>])
    func everyKindSubsetEqualsTheLoadFromThePBF(kinds: Set<CityLayerKind>) throws {
        var o = Self.options
        o.kinds = kinds
        let direct = try CityReader.read(o)
        let cached = try Self.load(Self.prepared.path, CityReadOptions(kinds: kinds))
        #expect(direct.streets.count + direct.buildings.count + direct.cameras.count + direct.schools.count > 0)
        Self.expectSame(cached, direct, "\(kinds.map(\.rawValue).sorted())")
    }

    @Test func aKindTheCityLacksFailsAsFromThePBF() throws {
        var o = Self.options
        o.kinds = [.police]
        let direct = #expect(throws: CovplanError.self) { try CityReader.read(o) }
        let cached = #expect(throws: CovplanError.self) { try Self.load(Self.prepared.path, CityReadOptions(kinds: [.police])) }
        #expect(direct?.kind == .dataError && cached?.kind == .dataError)
        #expect(direct?.problem == cached?.problem)
    }

    @Test func theFileIsDeterministicAndCarriesTheSourceChecksum() throws {
        var clock = PhaseClock()
        let again = try PreparedCity.prepare(Self.options, clock: &clock)
        #expect(again.bytes == Self.prepared.bytes)
        let (sum, sources) = try PreparedCity.checksum(Self.prepared.path)
        #expect(sum == SHA256.hex(try SourceFingerprint.sha256(Fixtures.helsinkiPBF)))
        #expect(sources == [Fixtures.helsinkiPBF])
    }

    // MARK: hostile files

    /// `bytes` with the header CRC recomputed (a forged but well-formed header).
    static func resealHeader(_ bytes: [UInt8]) -> [UInt8] {
        var b = bytes
        let crc = CRC32.checksum(Array(b[0..<60]))
        withUnsafeBytes(of: crc.littleEndian) { for i in 0..<4 { b[60 + i] = $0[i] } }
        return b
    }

    static func put<T: FixedWidthInteger>(_ v: T, at offset: Int, in b: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { for i in 0..<MemoryLayout<T>.size { b[offset + i] = $0[i] } }
    }

    @Test func truncatedFilesAreRefused() {
        let b = Self.prepared.bytes
        for cut in [0, 5, 8, 12, 63, 64, 100, 64 + 48 * 3, b.count / 3, b.count / 2, b.count - 9, b.count - 1] {
            let e = Self.refusal(Array(b.prefix(cut)))
            #expect(e?.kind == .dataError, "cut at \(cut): \(String(describing: e))")
        }
    }

    @Test func everyFlippedByteIsRefused() {
        let b = Self.prepared.bytes
        var rng = SplitMix64(seed: 19)
        // The header and TOC byte by byte, then random payload positions.
        let tocEnd = 64 + 48 * Int(b[24])
        var positions = Array(0..<min(tocEnd, 400))
        for _ in 0..<60 { positions.append(Int(rng.next() % UInt64(b.count))) }
        for i in positions {
            var c = b
            c[i] ^= 0x5A
            let e = Self.refusal(c)
            // A flip in the padding between sections changes nothing covplan reads; one in a
            // stored graph or its snaps is found when first used, and refused then
            // (`aCorruptStoredValueIsRefusedWithOneLine`, `PreparedSnapsTests`).
            if e == nil {
                let section = (try? PreparedContainer(c.withUnsafeBytes { $0 }))?.sections.first {
                    i >= $0.offset && i < $0.offset + $0.length
                }
                let graph = section.map { s in ["gd.", "gw.", "sd.", "sw."].contains { s.name.hasPrefix($0) } && !s.name.hasSuffix(".ver") } ?? false
                #expect((section == nil || graph) && i >= tocEnd, "flip at \(i) was accepted")
            } else {
                #expect(e?.kind == .dataError, "flip at \(i): \(String(describing: e))")
            }
        }
    }

    @Test func wrongMagicAndOtherVersionsAreRefused() {
        var b = Self.prepared.bytes
        b[0] = UInt8(ascii: "X")
        #expect(Self.refusal(b)?.problem.contains("does not start with") == true)
        for version: UInt32 in [1, 99, 0] {
            var v = Self.prepared.bytes
            Self.put(version, at: 8, in: &v)
            let e = Self.refusal(Self.resealHeader(v))
            #expect(e?.kind == .dataError)
            #expect(e?.problem.contains("format version \(version)") == true, "\(String(describing: e))")
        }
        // Not a prepared city at all, named like one.
        let text = Self.write(Array("streets,buildings\n".utf8))
        #expect(throws: CovplanError.self) { try Self.load(text) }
    }

    @Test func hugeDeclaredCountsAreRefusedWithoutAllocating() {
        let b = Self.prepared.bytes
        // Section count, then a section's element count and length (TOC CRC made to match).
        var s = b
        Self.put(UInt32.max, at: 24, in: &s)
        #expect(Self.refusal(Self.resealHeader(s))?.kind == .dataError)
        for field in [32, 40] {
            var t = b
            Self.put(UInt64(1) << 60, at: 64 + 48 * 2 + field, in: &t)
            let tocEnd = 64 + 48 * Int(b[24])
            Self.put(CRC32.checksum(Array(t[64..<tocEnd])), at: 40, in: &t)
            #expect(Self.refusal(Self.resealHeader(t))?.kind == .dataError, "field \(field)")
        }
        // A feature count in the metadata far beyond the columns (metadata CRC made to match).
        let container = try! PreparedContainer(b.withUnsafeBytes { $0 })
        let meta = container.sections.first { $0.name == "meta" }!
        var m = b
        let countsAt = meta.offset + meta.length - 1 - 5 * 8  // counts, then the absent CRS warning flag
        Self.put(UInt64(1) << 39, at: countsAt, in: &m)
        let crc = XXH64.sectionChecksum(Array(m[meta.offset..<(meta.offset + meta.length)]))
        let entry = 64 + 48 * container.sections.firstIndex { $0.name == "meta" }!
        Self.put(crc, at: entry + 20, in: &m)
        let tocEnd = 64 + 48 * container.sections.count
        Self.put(CRC32.checksum(Array(m[64..<tocEnd])), at: 40, in: &m)
        let e = Self.refusal(Self.resealHeader(m))
        #expect(e?.kind == .dataError, "\(String(describing: e))")
    }

    // MARK: staleness and identity

    /// A copy of the PBF in a fresh folder and a city prepared from it.
    static func preparedCopy() throws -> (source: String, cache: String) {
        let dir = Fixtures.tempDir("stale")
        let source = dir + "/city.osm.pbf"
        try FileManager.default.copyItem(atPath: Fixtures.helsinkiPBF, toPath: source)
        var clock = PhaseClock()
        let p = try PreparedCity.prepare(CityReadOptions(primary: source, makeValid: true), clock: &clock)
        let cache = dir + "/city.covplan"
        FileManager.default.createFile(atPath: cache, contents: Data(p.bytes))
        return (source, cache)
    }

    @Test func aChangedSourceIsStaleATouchedOneIsNot() throws {
        let (source, cache) = try Self.preparedCopy()
        // Same content, new modification time: still used (the SHA-256 decides).
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 3600)], ofItemAtPath: source)
        #expect(try Self.load(cache).streets.count == 2504)
        // One byte changed, size and time as before.
        let attrs = try FileManager.default.attributesOfItem(atPath: source)
        var data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: source)))
        data[data.count / 2] ^= 1
        FileManager.default.createFile(atPath: source, contents: Data(data))
        try FileManager.default.setAttributes([.modificationDate: attrs[.modificationDate]!], ofItemAtPath: source)
        let e = #expect(throws: CovplanError.self) { try Self.load(cache) }
        #expect(e?.kind == .dataError && e?.problem.contains("stale") == true, "\(String(describing: e))")
        // Shorter.
        FileManager.default.createFile(atPath: source, contents: Data(data.prefix(1000)))
        let f = #expect(throws: CovplanError.self) { try Self.load(cache) }
        #expect(f?.problem.contains("bytes") == true)
        // Gone: refused, unless the checksum is vouched for.
        try FileManager.default.removeItem(atPath: source)
        #expect(throws: CovplanError.self) { try Self.load(cache) }
        let sum = try SHA256.hex(SourceFingerprint.sha256(Fixtures.helsinkiPBF))
        #expect(try Self.load(cache, CityReadOptions(cityChecksum: String(sum.prefix(12)))).streets.count == 2504)
    }

    @Test func anotherCitysChecksumAndConflictingOptionsAreRefused() throws {
        let e = #expect(throws: CovplanError.self) {
            try Self.load(Self.prepared.path, CityReadOptions(cityChecksum: "0123456789abcdef"))
        }
        #expect(e?.kind == .dataError && e?.problem.contains("mismatch") == true)
        // The same check on the GIS source itself.
        #expect(throws: CovplanError.self) {
            try CityReader.read(CityReadOptions(primary: Fixtures.helsinkiPBF, kinds: [.cameras], cityChecksum: "0123456789abcdef"))
        }
        let sum = try SHA256.hex(SourceFingerprint.sha256(Fixtures.helsinkiPBF))
        #expect(try CityReader.read(CityReadOptions(primary: Fixtures.helsinkiPBF, kinds: [.cameras], cityChecksum: "sha256:" + sum)).cameras.count == 221)
        // A malformed checksum is a usage error.
        let u = #expect(throws: CovplanError.self) { try Self.load(Self.prepared.path, CityReadOptions(cityChecksum: "xyz")) }
        #expect(u?.kind == .usage)
        // Prepared with --make-valid: --strict asks for another city; the same flag is fine.
        let s = #expect(throws: CovplanError.self) { try Self.load(Self.prepared.path, CityReadOptions(strict: true)) }
        #expect(s?.kind == .dataError && s?.problem.contains("--strict") == true)
        #expect(try Self.load(Self.prepared.path, CityReadOptions(makeValid: true)).buildings.count > 0)
        let c = #expect(throws: CovplanError.self) { try Self.load(Self.prepared.path, CityReadOptions(workingCRS: "EPSG:32634")) }
        #expect(c?.kind == .dataError)
        #expect(try Self.load(Self.prepared.path, CityReadOptions(workingCRS: "EPSG:32635")).crs == WorkingCRS(epsg: 32635))
        // Per-layer sources belong to prepare.
        let l = #expect(throws: CovplanError.self) {
            try Self.load(Self.prepared.path, CityReadOptions(layers: [.streets: LayerSource(path: Fixtures.helsinkiPBF)]))
        }
        #expect(l?.kind == .usage)
    }

    // MARK: stored derived values

    /// A fresh copy of `a` (new storage, so no stored value is registered for it).
    static func copy<T>(_ a: [T]) -> [T] { a.map { $0 } }

    static func expectSameGraph(_ a: RoadGraph, _ b: RoadGraph, _ what: String) {
        #expect(a.mode == b.mode, "\(what)")
        #expect(a.nodeX == b.nodeX && a.nodeY == b.nodeY, "\(what): nodes")
        #expect(a.edgeFrom == b.edgeFrom && a.edgeTo == b.edgeTo && a.edgeStreet == b.edgeStreet, "\(what): edge ends")
        #expect(a.edgeLengthMeters == b.edgeLengthMeters && a.edgeSeconds == b.edgeSeconds && a.edgeAccess == b.edgeAccess, "\(what): edge values")
        #expect(a.edgeVertexStart == b.edgeVertexStart && a.vertexX == b.vertexX && a.vertexY == b.vertexY, "\(what): polylines")
        #expect(a.arcStart == b.arcStart && a.arcHead == b.arcHead && a.arcSeconds == b.arcSeconds && a.arcEdge == b.arcEdge, "\(what): arcs")
        #expect(a.nodeComponent == b.nodeComponent && a.streetIds == b.streetIds, "\(what): components, ids")
        #expect(a.report == b.report, "\(what): report")
    }

    /// The obstacle index and both default graphs a prepared city stores are what building them
    /// from the loaded city gives, array for array; the stored ones are what the builders
    /// return for the loaded arrays, and a copy of the arrays is built afresh.
    @Test func storedObstacleIndexAndGraphsEqualFreshlyBuiltOnes() throws {
        let city = try Self.load(Self.prepared.path)
        #expect(city.buildings.count > 400 && city.streets.count > 2000)
        let stored = try #require(PrebuiltValues.lookup(city.buildings, key: ObstacleIndex.prebuiltKey, as: ObstacleIndex.self))
        let fresh = ObstacleIndex(buildings: Self.copy(city.buildings))
        #expect(PrebuiltValues.lookup(Self.copy(city.buildings), key: ObstacleIndex.prebuiltKey, as: ObstacleIndex.self) == nil)
        #expect(stored == fresh)
        #expect(stored.edgeCount > 3000 && stored.edgeTree.leafOrder.elementsEqual(fresh.edgeTree.leafOrder))
        #expect(ObstacleIndex(buildings: city.buildings) == fresh)
        for mode in TravelMode.allCases {
            let g = try #require(PrebuiltValues.lookup(city.streets, key: RoadGraph.prebuiltKey(mode), as: RoadGraph.self))
            let built = try GraphBuilder.build(streets: Self.copy(city.streets), mode: mode)
            #expect(built.edgeCount > 1000)
            Self.expectSameGraph(g, built, mode.rawValue)
            // The builder hands out the stored graph only for what was stored.
            Self.expectSameGraph(try GraphBuilder.build(streets: city.streets, mode: mode), built, "\(mode.rawValue) via the builder")
            #expect(try RoadGraph.prebuilt(streets: city.streets, mode: mode, speeds: nil, noding: .exact) != nil)
            #expect(try RoadGraph.prebuilt(streets: city.streets, mode: mode, speeds: nil,
                                       noding: NodingOptions(snapToleranceMeters: 1, nodeCrossings: true)) == nil)
        }
        // The packed R-tree from a stored order: the same tree; a non-permutation is refused.
        let env: [Envelope] = (0..<50).map { (i: Int) -> Envelope in
            let x = Double(i % 7), y = Double(i / 7)
            return Envelope(minX: x, minY: y, maxX: x + 1.5, maxY: y + 0.5)
        }
        let tree = PackedRTree(env, nodeSize: 4)
        #expect(PackedRTree(env, order: Array(tree.leafOrder), nodeSize: 4) == tree)
        #expect(PackedRTree(env, order: Array(tree.leafOrder.dropFirst()) + [tree.leafOrder.first!], nodeSize: 4) != tree)
        #expect(PackedRTree(env, order: [Int32](repeating: 0, count: 50), nodeSize: 4) == nil)
    }

    /// `bytes` with section `name`'s content replaced by `content` (same length) and every CRC
    /// made to match: a well-formed file saying something else.
    static func forge(_ bytes: [UInt8], section name: String, _ content: [UInt8]) throws -> [UInt8] {
        let container = try PreparedContainer(bytes.withUnsafeBytes { $0 })
        let i = try #require(container.sections.firstIndex { $0.name == name })
        let s = container.sections[i]
        precondition(content.count == s.length)
        var b = bytes
        b.replaceSubrange(s.offset..<(s.offset + s.length), with: content)
        put(XXH64.sectionChecksum(content), at: 64 + 48 * i + 20, in: &b)
        put(CRC32.checksum(Array(b[64..<(64 + 48 * container.sections.count)])), at: 40, in: &b)
        return resealHeader(b)
    }

    /// A stored value that fails its checksum is refused with one line (exit 65) naming the file
    /// and the part, never silently rebuilt: the obstacle index when the city is loaded with its
    /// buildings, a graph when it is first used (`GraphBuilder.build` throws, on every later
    /// build too). Another copy of the streets still builds (the store is bound to the array).
    @Test func aCorruptStoredValueIsRefusedWithOneLine() throws {
        let container = try PreparedContainer(Self.prepared.bytes.withUnsafeBytes { $0 })
        for name in ["ob.eo", "ob.po", "gd.vx", "gd.ah", "gw.rep"] {
            let s = try #require(container.sections.first { $0.name == name })
            var b = Self.prepared.bytes
            b[s.offset + s.length / 2] ^= 0x21
            let path = Self.write(b, name: "derived-\(name).covplan")
            if name.hasPrefix("ob.") {
                let e = #expect(throws: CovplanError.self) { try Self.load(path) }
                #expect(e?.kind == .dataError && e?.file == path, "\(name): \(String(describing: e))")
                #expect(e?.problem.contains("'\(name)'") == true && e?.problem.contains("obstacle index") == true,
                        "\(String(describing: e))")
                // A load without buildings does not read it.
                #expect(try Self.load(path, CityReadOptions(kinds: [.streets])).streets.count > 2000)
            } else {
                let city = try Self.load(path)
                let mode: TravelMode = name.hasPrefix("gd.") ? .drive : .walk
                for _ in 0..<2 {
                    let e = #expect(throws: CovplanError.self) { try GraphBuilder.build(streets: city.streets, mode: mode) }
                    #expect(e?.kind == .dataError && e?.file == path, "\(name): \(String(describing: e))")
                    #expect(e?.problem.contains("'\(name)'") == true && e?.problem.contains("\(mode.rawValue) graph") == true,
                            "\(String(describing: e))")
                    #expect(e?.problem.contains("\n") == false)
                }
                #expect(try GraphBuilder.build(streets: Self.copy(city.streets), mode: mode).edgeCount > 1000)
                // The other mode's graph is intact and used.
                let other: TravelMode = mode == .drive ? .walk : .drive
                #expect(try PrebuiltValues.lookupOrThrow(city.streets, key: RoadGraph.prebuiltKey(other), as: RoadGraph.self) != nil)
            }
        }
        // Checksums that match over arrays that do not form a graph: refused as well.
        let ah = try #require(container.sections.first { $0.name == "gd.ah" })
        let forged = try Self.forge(Self.prepared.bytes, section: "gd.ah", [UInt8](repeating: 0xFF, count: ah.length))
        let city = try Self.load(Self.write(forged, name: "forged-graph.covplan"))
        let e = #expect(throws: CovplanError.self) { try GraphBuilder.build(streets: city.streets, mode: .drive) }
        #expect(e?.kind == .dataError && e?.problem.contains("drive graph") == true, "\(String(describing: e))")
    }

    /// Stored values made by another version of their builder are stale: the whole file is
    /// refused, whatever the load uses, with one line naming the part and the versions.
    @Test func storedValuesOfAnotherBuilderVersionAreRefused() throws {
        for (name, part) in [("ob.ver", "obstacle index"), ("gd.ver", "drive graph"), ("gw.ver", "walk graph"),
                             ("sd.ver", "drive graph's snaps"), ("sw.ver", "walk graph's snaps")] {
            let current = PreparedDerived.currentVersion(String(name.prefix(3)))
            var v = [UInt8](repeating: 0, count: 4)
            Self.put(current + 1, at: 0, in: &v)
            let path = Self.write(try Self.forge(Self.prepared.bytes, section: name, v), name: "stale-\(name).covplan")
            for kinds in [Set(CityLayerKind.allCases), [.cameras]] {
                let e = #expect(throws: CovplanError.self) { try Self.load(path, CityReadOptions(kinds: kinds)) }
                #expect(e?.kind == .dataError && e?.file == path, "\(name): \(String(describing: e))")
                #expect(e?.problem.contains("stale") == true && e?.problem.contains(part) == true
                        && e?.problem.contains("version \(current + 1)") == true, "\(String(describing: e))")
            }
        }
        // The version a prepared city records is the current one.
        let container = try PreparedContainer(Self.prepared.bytes.withUnsafeBytes { $0 })
        let ver = try #require(container.sections.first { $0.name == "gd.ver" })
        #expect(Self.prepared.bytes[ver.offset] == UInt8(PreparedDerivedVersions.roadGraph))
    }

    /// fuzz/corpus/prepared/tiny.covplan is written by fuzz/make_seeds.py from the format's
    /// documentation alone (Python, zlib's CRC-32): read here, it gives the values written there.
    @Test func pythonWrittenFileReadsAsDocumented() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.repoRoot + "/fuzz/corpus/prepared/tiny.covplan")))
        let city = try bytes.withUnsafeBytes { try PreparedCity.decodeForFuzzing($0, checksums: true) }
        #expect(city.crs == WorkingCRS(epsg: 32635))
        #expect(city.streets == [
            Street(id: "way/1", highway: "primary", name: "Mannerheimintie", oneway: .forward, maxspeedKmh: 40,
                   points: [Point(385000, 6672000), Point(385100, 6672000)]),
            Street(id: "way/2#2", highway: "footway", name: nil, oneway: .no, maxspeedKmh: nil,
                   points: [Point(385100, 6672000), Point(385100.5, 6672050.25), Point(385150, 6672100)]),
        ])
        let outer = [Point(385010, 6672010), Point(385030, 6672010), Point(385030, 6672030), Point(385010, 6672030), Point(385010, 6672010)]
        let hole = [Point(385015, 6672015), Point(385016, 6672015), Point(385016, 6672016), Point(385015, 6672015)]
        #expect(city.buildings == [Building(id: "relation/7", footprint: [Polygon(exterior: outer, holes: [hole])], levels: 5.5,
                                            buildingTag: "apartments", use: .residential)])
        #expect(city.schools == [Facility(id: "node/5", kind: .school, name: "Koulu", location: Point(385050, 6672050))])
        #expect(city.police.isEmpty)
        #expect(city.cameras == [CameraRecord(id: "node/9", position: Point(385100, 6672001), headingDeg: 90, fovDeg: 360,
                                              type: "dome", resolutionPx: 1920, heightMeters: 3)])
        // And what covplan writes for that city is the Python file, byte for byte, once the
        // metadata is the same.
        var b = PreparedContainer.Builder()
        let container = try PreparedContainer(bytes.withUnsafeBytes { $0 })
        let m = container.sections.first { $0.name == "meta" }!
        b.u8("meta", Array(bytes[m.offset..<(m.offset + m.length)]))
        PreparedColumns.write(city, into: &b)
        #expect(b.build() == bytes)
    }

    /// The prepared format lists every stored field of the city's values; a field added to one
    /// of them must be added to the format (and the version bumped), or it would be lost.
    @Test func theFormatCoversEveryFieldOfTheCityValues() {
        let p = Point(0, 0)
        let counts = [
            ("Street", Mirror(reflecting: Street(id: "", highway: "", points: [p, p])).children.count, 6),
            ("Building", Mirror(reflecting: Building(id: "", footprint: [], levels: nil, buildingTag: "", use: .unknown)).children.count, 5),
            ("Facility", Mirror(reflecting: Facility(id: "", kind: .school, name: nil, location: p)).children.count, 5),
            ("CameraRecord", Mirror(reflecting: CameraRecord(id: "", position: p)).children.count, 2 + PreparedColumns.cameraNumbers.count + 2),
            // `buildingFigures` is not stored: only a city read for residents alone has it, and a
            // prepared city always loads whole buildings. `streetsInStore` is what a prepared city
            // gives instead of its street values (from the same columns).
            ("City", Mirror(reflecting: City(crs: WorkingCRS(epsg: 32635))).children
                .filter { $0.label != "buildingFigures" && $0.label != "streetsInStore" }.count, 7),
            ("IngestReport", Mirror(reflecting: IngestReport()).children.count, 5),
        ]
        for (name, got, stored) in counts { #expect(got == stored, "\(name) has \(got) fields, the prepared format stores \(stored)") }
    }
}
