import CityIngest
import CityModel
import Coverage
import Foundation
import GeoCore
import Testing

@Suite struct CameraResolverTests {
    let p = Point(385_000, 6_672_000)

    func record(_ id: String, heading: Double? = 90, fov: Double? = 60, range: Double? = 40, minRange: Double? = nil,
                type: String? = nil, surveillance: String? = nil) -> CameraRecord {
        CameraRecord(id: id, position: p, headingDeg: heading, fovDeg: fov, rangeMeters: range, minRangeMeters: minRange,
                     type: type, surveillance: surveillance)
    }

    static let bad: [(String, Double?, Double?, Double?, Double?, String)] = [
        ("nan-heading", .nan, 60, 40, nil, "heading_deg"),
        ("inf-heading", .infinity, 60, 40, nil, "heading_deg"),
        ("negative-range", 90, 60, -5, nil, "range_m"),
        ("zero-range", 90, 60, 0, nil, "range_m"),
        ("nan-range", 90, 60, .nan, nil, "range_m"),
        ("zero-fov", 90, 0, 40, nil, "fov_deg"),
        ("wide-fov", 90, 361, 40, nil, "fov_deg"),
        ("negative-fov", 90, -30, 40, nil, "fov_deg"),
        ("nan-fov", 90, .nan, 40, nil, "fov_deg"),
        ("negative-min", 90, 60, 40, -1, "min_range_m"),
        ("min-above-range", 90, 60, 40, 50, "min_range_m"),
    ]

    @Test(arguments: bad)
    func badValueIsReportedById(_ c: (String, Double?, Double?, Double?, Double?, String)) throws {
        let records = [record("good"), record(c.0, heading: c.1, fov: c.2, range: c.3, minRange: c.4)]
        do {
            _ = try CameraResolver().resolve(records)
            Issue.record("camera \(c.0) was accepted")
        } catch {
            #expect(error.kind == .dataError)
            #expect(error.feature == c.0)
            #expect(error.description.contains(c.0) && error.description.contains(c.5), "\(error)")
            #expect(!error.description.contains("\n"))
        }
        // Skipped with a count under skipInvalid, never used.
        let res = try CameraResolver(skipInvalid: true).resolve(records)
        #expect(res.cameras.map(\.id) == ["good"])
        #expect(res.skipped.map(\.id) == [c.0])
        // The analysis itself rejects a bad resolved camera too.
        var cam = Camera(id: c.0, position: p, headingDeg: c.1 ?? 0, fovDeg: c.2 ?? 60, rangeMeters: c.3 ?? 40,
                         minRangeMeters: c.4 ?? 0)
        cam.type = "fixed"
        #expect(throws: CovplanError.self) { try CoverageAnalysis.run(streets: [], cameras: [cam]) }
    }

    @Test func nonFinitePositionIsRejected() throws {
        let r = CameraRecord(id: "node/9", position: Point(.nan, 1), headingDeg: 0)
        #expect(throws: CovplanError.self) { try CameraResolver().resolve([r]) }
        #expect(try CameraResolver(skipInvalid: true).resolve([r]).skipped.count == 1)
    }

    /// A stated type that is no key or alias is refused (never silently `fixed`), with the known
    /// types and a did-you-mean; `skipInvalid` lists it. Aliases and case still match.
    @Test func unknownTypeIsRefusedWithTheKnownList() throws {
        let bad = record("x", heading: 10, fov: nil, range: nil, type: "fixd")
        do {
            _ = try CameraResolver().resolve([bad])
            Issue.record("unknown type accepted")
        } catch {
            #expect(error.kind == .dataError && error.feature == "x")
            #expect(error.problem.contains("'fixd'") && error.problem.contains("known: anpr, dome, fixed"))
            #expect(error.problem.contains("did you mean 'fixed'?"), "\(error.problem)")
        }
        let skipped = try CameraResolver(skipInvalid: true).resolve([bad, record("y", heading: 10, fov: nil, range: nil, type: "PTZ")])
        #expect(skipped.skipped.map(\.id) == ["x"])
        #expect(skipped.cameras.map(\.type) == ["panning"])
    }

    @Test func defaultsFillMissingValuesByType() throws {
        let recs = [record("a", heading: 10, fov: nil, range: nil, type: "ANPR"),
                    record("b", heading: 10, fov: nil, range: nil, type: nil, surveillance: "ALPR"),
                    record("c", heading: 10, fov: nil, range: nil, type: "dome"),
                    record("d", heading: 10, fov: nil, range: nil, type: nil, surveillance: "something-odd"),
                    record("e", heading: -30, fov: 45, range: 70, type: "fixed"),
                    record("f", heading: nil, fov: nil, range: nil, type: "fixed"),
                    record("g", heading: 720.5, fov: 360, range: 10),
                    record("i", surveillance: "indoor")]
        let res = try CameraResolver().resolve(recs)
        let by = Dictionary(uniqueKeysWithValues: res.cameras.map { ($0.id, $0) })
        let t = CameraDefaults.builtIn.types
        #expect(by["a"]!.type == "anpr" && by["a"]!.fovDeg == t["anpr"]!.fovDeg && by["a"]!.minRangeMeters == 5)
        #expect(by["b"]!.type == "anpr")
        #expect(by["c"]!.fovDeg == 360 && by["c"]!.rangeMeters == t["dome"]!.rangeMeters)
        #expect(by["d"]!.type == "fixed" && res.defaultTypeCount == 2)  // d and g
        #expect(by["e"]!.headingDeg == 330 && by["e"]!.fovDeg == 45 && by["e"]!.rangeMeters == 70)
        // No heading, not all-round: all-round at the type's range (documented policy).
        #expect(by["f"]!.fovDeg == 360 && by["f"]!.headingSource == .unknownAllRound && res.headingUnknownCount == 1)
        #expect(abs(by["g"]!.headingDeg - 0.5) < 1e-9)
        #expect(res.skipped.map(\.id) == ["i"])
    }

    @Test func nearestStreetPolicyAimsAtTheStreet() throws {
        var defaults = CameraDefaults.builtIn
        defaults.missingHeading = .nearestStreet
        // Street 20 m east of the camera, running north-south.
        let lines = LineSet(lines: [[p + Point(20, -100), p + Point(20, 100)]])
        let res = try CameraResolver(defaults: defaults).resolve([record("x", heading: nil, fov: nil, range: nil)],
                                                                 streets: lines)
        #expect(abs(res.cameras[0].headingDeg - 90) < 1e-9)
        #expect(res.cameras[0].headingSource == .nearestStreet && res.cameras[0].fovDeg == 60)
        // On the street: looks along it (digitised direction = north).
        let on = CameraRecord(id: "y", position: p + Point(20, 0))
        let res2 = try CameraResolver(defaults: defaults).resolve([on], streets: lines)
        #expect(abs(res2.cameras[0].headingDeg) < 1e-9)
        // Too far from any street: all-round.
        let far = CameraRecord(id: "z", position: p + Point(500, 0))
        #expect(try CameraResolver(defaults: defaults).resolve([far], streets: lines).cameras[0].fovDeg == 360)
    }

    @Test func cameraMappedInsideAWallIsMovedOut() throws {
        let ring = [Point(0, 0), Point(20, 0), Point(20, 10), Point(0, 10), Point(0, 0)].map { p + $0 }
        let b = Building(id: "b", footprint: [Polygon(exterior: ring)], levels: nil, buildingTag: "yes", use: .unknown)
        let obstacles = ObstacleIndex(buildings: [b])
        // 0.5 m inside the south wall → 5 cm outside it.
        let inWall = CameraRecord(id: "w", position: p + Point(8, 0.5), headingDeg: 180, fovDeg: 90, rangeMeters: 30)
        // 5 m inside: stays (indoor), counted.
        let deep = CameraRecord(id: "d", position: p + Point(10, 5), headingDeg: 180, fovDeg: 90, rangeMeters: 30)
        let res = try CameraResolver().resolve([inWall, deep], obstacles: obstacles)
        let w = res.cameras[0]
        #expect(w.wasSnapped && abs(w.position.x - (p.x + 8)) < 1e-9 && abs(w.position.y - (p.y - 0.05)) < 1e-9)
        #expect(!obstacles.isInsideBuilding(w.position))
        #expect(res.snappedCount == 1 && res.insideBuildingCount == 1)
        #expect(res.cameras[1].position == deep.position)
        // The moved camera sees the street south of the building; the deep one sees nothing.
        let street = Street(id: "s", highway: "residential", points: [p + Point(-50, -10), p + Point(70, -10)])
        let r = try CoverageAnalysis.run(streets: [street], cameras: res.cameras, obstacles: obstacles,
                                         options: CoverageOptions(minGapMeters: 0))
        #expect(r.summary.coveredLengthMeters > 15)
        let rDeep = try CoverageAnalysis.run(streets: [street], cameras: [res.cameras[1]], obstacles: obstacles)
        #expect(rDeep.summary.coveredLengthMeters == 0)
    }

    @Test func defaultsFileOverridesAndValidates() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("covplan-defaults-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.json")
        try Data("""
        {"default_type": "kiosk", "missing_heading": "nearest_street",
         "types": {"fixed": {"range_m": 55}, "kiosk": {"fov_deg": 180, "range_m": 20}},
         "aliases": {"Totem": "kiosk"}}
        """.utf8).write(to: good)
        let d = try CameraDefaults.load(path: good.path)
        // A stated field replaces only itself: the built-in optics of `fixed` stay.
        var fixed = CameraDefaults.builtIn.types["fixed"]!
        fixed.rangeMeters = 55
        #expect(d.types["fixed"] == fixed)
        #expect(d.types["kiosk"] == .init(fovDeg: 180, rangeMeters: 20))
        #expect(d.defaultType == "kiosk" && d.missingHeading == .nearestStreet)
        #expect(d.typeKey(type: "TOTEM", surveillance: nil).key == "kiosk")
        #expect(d.typeKey(type: nil, surveillance: "outdoor").key == "kiosk")
        // Round trip of the built-in table through its own JSON.
        let again = try CameraDefaults.builtIn.merging(json: CameraDefaults.builtIn.jsonData(), source: "x")
        #expect(again == CameraDefaults.builtIn)

        for (name, text, fragment) in [
            ("neg.json", #"{"types": {"dome": {"range_m": -3}}}"#, "range_m"),
            ("fov.json", #"{"types": {"fixed": {"fov_deg": 400}}}"#, "fov_deg"),
            ("new.json", #"{"types": {"kiosk": {"fov_deg": 100}}}"#, "needs fov_deg and range_m"),
            ("alias.json", #"{"aliases": {"x": "nothing"}}"#, "unknown type"),
            ("broken.json", #"{"types": [1, 2"#, "not a camera defaults JSON"),
            ("policy.json", #"{"missing_heading": "guess"}"#, "not a camera defaults JSON"),
        ] {
            let url = dir.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            do {
                _ = try CameraDefaults.load(path: url.path)
                Issue.record("\(name) was accepted")
            } catch {
                #expect(error.kind == .dataError)
                #expect(error.description.contains(name) && error.description.contains(fragment), "\(error)")
            }
        }
        do {
            _ = try CameraDefaults.load(path: dir.appendingPathComponent("missing.json").path)
            Issue.record("missing file accepted")
        } catch {
            #expect(error.kind == .noInput)
        }
    }

    /// Records are resolved in parallel chunks: the outcome is the record-by-record one — order
    /// kept, counts summed, and the error thrown is the first bad record's even when a later
    /// chunk also holds one.
    @Test func chunkedResolutionIsTheRecordByRecordOne() throws {
        let types: [String?] = ["ANPR", " Dome ", nil, "Box", "fixed"]
        var records = (0..<10_000).map { i in
            record("c\(i)", heading: i % 7 == 0 ? nil : Double(i % 360), fov: i % 3 == 0 ? nil : 90,
                   range: i % 5 == 0 ? nil : 40, type: types[i % types.count],
                   surveillance: i % 11 == 0 ? "indoor" : (i % 2 == 0 ? "public" : nil))
        }
        records[4_100].rangeMeters = -1
        records[9_000].fovDeg = 400
        #expect(throws: CovplanError.self) { try CameraResolver().resolve(records) }
        do {
            _ = try CameraResolver().resolve(records)
        } catch {
            #expect(error.feature == "c4100")
        }
        let resolver = CameraResolver(skipInvalid: true)
        let all = try resolver.resolve(records)
        let one = try records.map { try resolver.resolve([$0]) }
        #expect(all.cameras == one.flatMap(\.cameras))
        #expect(all.skipped == one.flatMap(\.skipped))
        #expect(all.skipped.filter { !$0.problem.contains("indoor") }.map(\.id) == ["c4100", "c9000"])
        #expect(all.headingUnknownCount == one.reduce(0) { $0 + $1.headingUnknownCount })
        #expect(all.defaultTypeCount == one.reduce(0) { $0 + $1.defaultTypeCount })
        #expect(all.defaultTypeCount > 0 && all.headingUnknownCount > 0)
    }
}
