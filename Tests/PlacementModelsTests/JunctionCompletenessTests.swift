import CityModel
import Coverage
import Foundation
import GeoCore
import PlacementModels
import Testing
import TestSupport

/// Intersection completeness (issue 17, point 4) on a synthetic + crossing with answers worked
/// out by hand: which approaches cameras at and near the node see, by share and by direction.
@Suite struct JunctionCompletenessTests {
    static let o = Point(385_000, 6_672_000)

    /// A + crossing of four 120 m two-way arms at `o`; `eastOneWayOut` makes the east arm one-way
    /// away from the node (no approach there).
    static func crossing(eastOneWayOut: Bool = false) -> City {
        let arms: [(String, Point, Oneway)] = [("E", Point(120, 0), eastOneWayOut ? .forward : .no), ("N", Point(0, 120), .no),
                                               ("W", Point(-120, 0), .no), ("S", Point(0, -120), .no)]
        return City(crs: WorkingCRS(epsg: 32635), streets: arms.map {
            Street(id: "way/\($0.0)", highway: "residential", oneway: $0.2, points: [o, o + $0.1])
        })
    }

    /// A bare-sector camera (no optics: it counts over its whole range at every level).
    static func cam(_ id: String, at p: Point, heading: Double, fov: Double = 60, range: Double = 40) -> Camera {
        Camera(id: id, position: o + p, headingDeg: heading, fovDeg: fov, rangeMeters: range)
    }

    func seenByArm(_ r: JunctionCompletenessResult) -> [String: Bool] {
        let j = r.junctions[0]
        var out: [String: Bool] = [:]
        for (a, s) in zip(j.junction.approaches, j.seen) {
            // Name the arm by the compass of its far end as seen from the node.
            let far = r.network.geometry(a.stretch).first!
            let b = Planar.bearing(from: Self.o, to: far)
            out[["N", "E", "S", "W"][Int((b / 90).rounded()) % 4]] = s
        }
        return out
    }

    @Test func camerasAtTheNodeLookingOutSeeTheirArm() throws {
        let city = Self.crossing()
        let r = try JunctionCompleteness.run(city: city, cameras: [Self.cam("c1", at: Point(0, 0), heading: 90)])
        #expect(r.junctionCount == 1)
        #expect(r.approachCount == 4)
        #expect(seenByArm(r) == ["E": true, "N": false, "W": false, "S": false])
        #expect(r.junctions[0].seenMeters.max()! == 30)
        #expect(r.completeCount == 0)
        let all = [90.0, 0, 270, 180].enumerated().map { Self.cam("c\($0)", at: Point(0, 0), heading: $1) }
        let full = try JunctionCompleteness.run(city: city, cameras: all)
        #expect(full.completeCount == 1 && full.seenApproachCount == 4)
        // Facing the traffic entering the node: the same four read directionally too.
        var o = JunctionCompletenessOptions()
        o.rule = DirectedReadingRule(level: .observe, directional: true)
        #expect(try JunctionCompleteness.run(city: city, cameras: all, options: o).completeCount == 1)
    }

    /// A camera 50 m out on the east arm looking back at the node sees 10–50 m out: 20 of the
    /// approach's 30 m (share 0.667) — seen at share 0.5, not at 0.8, and never read
    /// directionally (it sees the traffic's backs).
    @Test func shareAndDirection() throws {
        let city = Self.crossing()
        let c = [Self.cam("c", at: Point(50, 0), heading: 270)]
        let r = try JunctionCompleteness.run(city: city, cameras: c)
        #expect(seenByArm(r)["E"] == true)
        let east = r.junctions[0].seenMeters.max()!
        #expect(abs(east - 20) < 1e-6)
        var strict = JunctionCompletenessOptions()
        strict.seenShare = 0.8
        #expect(try seenByArm(JunctionCompleteness.run(city: city, cameras: c, options: strict))["E"] == false)
        var dir = JunctionCompletenessOptions()
        dir.rule = DirectedReadingRule(level: .observe, directional: true)
        #expect(try JunctionCompleteness.run(city: city, cameras: c, options: dir).seenApproachCount == 0)
    }

    /// An all-round camera of 20 m at the node sees 20 m of every approach (share 0.667): complete;
    /// directional rules ignore all-round cameras. A one-way arm leaving the node is no approach.
    @Test func allRoundAndOneWay() throws {
        let dome = [Self.cam("d", at: Point(0, 0), heading: 0, fov: 360, range: 20)]
        let r = try JunctionCompleteness.run(city: Self.crossing(), cameras: dome)
        #expect(r.completeCount == 1)
        #expect(r.junctions[0].seenMeters.allSatisfy { abs($0 - 20) < 1e-6 })
        var dir = JunctionCompletenessOptions()
        dir.rule = DirectedReadingRule(level: .observe, directional: true)
        #expect(try JunctionCompleteness.run(city: Self.crossing(), cameras: dome, options: dir).seenApproachCount == 0)
        let oneWay = try JunctionCompleteness.run(city: Self.crossing(eastOneWayOut: true), cameras: dome)
        #expect(oneWay.approachCount == 3)
        #expect(oneWay.completeCount == 1)
    }

    /// At a DORI level the optics limit the band: an anpr camera at the node looking east sees
    /// exactly its identify band (near to far, from `Camera.band(at:)`) of the east approach, and
    /// the approach counts as seen only when that is at least half of its 30 m.
    @Test func opticsBandAtIdentify() throws {
        let t = CameraDefaults.builtIn.types["anpr"]!
        let c = Camera(id: "a", position: Self.o, headingDeg: 90, fovDeg: t.fovDeg, rangeMeters: t.rangeMeters,
                       minRangeMeters: t.minRangeMeters, type: "anpr", optics: t.optics)
        let band = try #require(c.band(at: .identify))
        var o = JunctionCompletenessOptions()
        o.rule = DirectedReadingRule(level: .identify, directional: true)
        let r = try JunctionCompleteness.run(city: Self.crossing(), cameras: [c], options: o)
        let east = r.junctions[0].seenMeters.max()!
        #expect(abs(east - (band.farMeters - band.nearMeters)) < 1e-6, "\(east) vs band \(band)")
        #expect(r.seenApproachCount == (east >= 15 ? 1 : 0))
    }
}
