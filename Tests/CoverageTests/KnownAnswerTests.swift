import CityModel
import Coverage
import Foundation
import GeoCore
import Testing

/// Hand-made scenes whose covered length follows from elementary geometry.
@Suite struct KnownAnswerTests {
    let o = Point(500_000, 7_000_000)

    func street(_ id: String, _ pts: [Point], _ cls: String = "residential") -> Street {
        Street(id: id, highway: cls, name: id, points: pts.map { o + $0 })
    }

    func box(_ id: String, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Building {
        let r = [Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1), Point(x0, y0)].map { o + $0 }
        return Building(id: id, footprint: [Polygon(exterior: r)], levels: nil, buildingTag: "yes", use: .unknown)
    }

    func camera(_ x: Double, _ y: Double, heading: Double, fov: Double, range: Double, minRange: Double = 0) -> Camera {
        Camera(id: "cam", position: o + Point(x, y), headingDeg: heading, fovDeg: fov, rangeMeters: range,
               minRangeMeters: minRange)
    }

    func covered(_ streets: [Street], _ cams: [Camera], _ buildings: [Building] = [], occlusion: Bool = true) throws -> CoverageResult {
        try CoverageAnalysis.run(streets: streets, cameras: cams, obstacles: ObstacleIndex(buildings: buildings),
                                 options: CoverageOptions(occlusion: occlusion, minGapMeters: 0))
    }

    @Test func cameraLookingAlongStraightStreet() throws {
        // On the street, looking east along it: covers exactly [10, 60].
        let s = street("s", [Point(0, 0), Point(200, 0)])
        let r = try covered([s], [camera(10, 0, heading: 90, fov: 60, range: 50)])
        #expect(abs(r.summary.coveredLengthMeters - 50) < 1e-6)
        #expect(abs(r.summary.streetLengthMeters - 200) < 1e-9)
        #expect(r.coveredPieces.count == 1)
        #expect(abs(r.coveredPieces[0].fromMeters - 10) < 1e-6 && abs(r.coveredPieces[0].toMeters - 60) < 1e-6)

        // 5 m beside the street: x from 5/tan 30° (sector edge) to √(50² − 5²) (range).
        let r2 = try covered([s], [camera(0, -5, heading: 90, fov: 60, range: 50)])
        let expected = (2500.0 - 25).squareRoot() - 5 / tan(30 * Double.pi / 180)
        #expect(abs(r2.summary.coveredLengthMeters - expected) < 1e-6)
        #expect(abs(r2.coveredPieces[0].fromMeters - 5 / tan(30 * Double.pi / 180)) < 1e-6)
    }

    @Test func buildingBlocksHalfTheView() throws {
        // Street x = 50, y ∈ [−50, 50]; camera at the origin looking east with 90°: sees all of it
        // without the building. The building x ∈ [20, 30], y ∈ [0, 60] hides every point y > 0.
        let s = street("s", [Point(50, -50), Point(50, 50)])
        let cam = camera(0, 0, heading: 90, fov: 90, range: 100)
        let b = box("b", 20, 0, 30, 60)
        let open = try covered([s], [cam], [b], occlusion: false)
        #expect(abs(open.summary.coveredLengthMeters - 100) < 1e-6)
        let blocked = try covered([s], [cam], [b])
        #expect(abs(blocked.summary.coveredLengthMeters - 50) < 1e-6)
        #expect(abs(blocked.coveredPieces[0].toMeters - 50) < 1e-6)  // y from −50 to 0

        // A small box x ∈ [20, 30], y ∈ [−10, −4] below the axis: its shadow is bounded by the
        // rays through the corners of steepest and flattest slope, −10/20 and −4/30, which meet
        // x = 50 at y = −25 and y = −6.67.
        let b2 = box("b2", 20, -10, 30, -4)
        let r2 = try covered([s], [cam], [b2])
        let hidden = 50 * (10.0 / 20) - 50 * (4.0 / 30)
        #expect(abs(r2.summary.coveredLengthMeters - (100 - hidden)) < 1e-6)
    }

    @Test func streetAlongAWall() throws {
        // OSM pedestrian areas are often drawn along building outlines. A line on the wall that
        // faces the camera is seen (the visible region is closed); one on the back wall is not.
        let b = box("b", 20, -30, 30, 60)
        let cam = camera(0, 0, heading: 90, fov: 90, range: 100)
        let front = street("front", [Point(20, 5), Point(20, 15)])
        let back = street("back", [Point(30, 5), Point(30, 15)])
        let r = try covered([front, back], [cam], [b])
        #expect(abs(r.summary.coveredLengthMeters - 10) < 1e-6)
        #expect(r.coveredPieces.map(\.streetId) == ["front"])
    }

    @Test func allRoundCamera() throws {
        let through = street("a", [Point(-100, 0), Point(100, 0)])
        let offset = street("b", [Point(-100, 10), Point(100, 10)])
        let r = try covered([through, offset], [camera(0, 0, heading: 0, fov: 360, range: 30)])
        let expected = 60 + 2 * (900.0 - 100).squareRoot()
        #expect(abs(r.summary.coveredLengthMeters - expected) < 1e-6)
        // Heading does not matter for 360°.
        let r2 = try covered([through, offset], [camera(0, 0, heading: 123, fov: 360, range: 30)])
        #expect(abs(r2.summary.coveredLengthMeters - expected) < 1e-6)
        // With a 10 m blind radius the street through the camera loses 20 m; the other only
        // touches the blind circle.
        let r3 = try covered([through, offset], [camera(0, 0, heading: 0, fov: 360, range: 30, minRange: 10)])
        #expect(abs(r3.summary.coveredLengthMeters - (expected - 20)) < 1e-6)
        // The viewshed polygon of an unobstructed dome is the disc (area within chord error).
        #expect(r.viewsheds.count == 1)
        let area = r.viewsheds[0].areaM2
        #expect(abs(area - Double.pi * 900) / (Double.pi * 900) < 1e-3)
        #expect(r3.viewsheds[0].polygons.count == 1 && r3.viewsheds[0].polygons[0].holes.count == 1)
        // A building across the sweep's seam (due south for heading 0): the street y = −50 loses
        // the shadow x ∈ [−5, 5] of the near face y = −20, x ∈ [−2, 2].
        let south = street("c", [Point(-100, -50), Point(100, -50)])
        let dome = camera(0, 0, heading: 0, fov: 360, range: 100)
        let r4 = try covered([south], [dome], [box("b", -2, -25, 2, -20)])
        #expect(abs(r4.summary.coveredLengthMeters - (2 * (10_000.0 - 2500).squareRoot() - 10)) < 1e-6)
    }

    @Test func viewStraddlingNorth() throws {
        // Heading 350°, FOV 40°: compass bearings 330° … 10°. Street y = 50 sees x from
        // 50·tan(−30°) to 50·tan(10°).
        let s = street("s", [Point(-100, 50), Point(100, 50)])
        let cam = camera(0, 0, heading: 350, fov: 40, range: 100)
        let r = try covered([s], [cam])
        let expected = 50 * tan(10 * Double.pi / 180) + 50 * tan(30 * Double.pi / 180)
        #expect(abs(r.summary.coveredLengthMeters - expected) < 1e-6)
        // A building straddling north (x ∈ [−2, 2], y ∈ [20, 25]): the shadow of its near face
        // on y = 50 is x ∈ [−5, 5].
        let b = box("b", -2, 20, 2, 25)
        let r2 = try covered([s], [cam], [b])
        #expect(abs(r2.summary.coveredLengthMeters - (expected - 10)) < 1e-6)
        // Points: bearing 5° visible without the building, 20° never.
        let region = VisibilitySweep.region(for: cam, obstacles: .empty)
        #expect(region.contains(o + Point(50 * sin(5 * .pi / 180), 50 * cos(5 * .pi / 180))))
        #expect(!region.contains(o + Point(50 * sin(20 * .pi / 180), 50 * cos(20 * .pi / 180))))
        #expect(region.contains(o + Point(50 * sin(-25 * .pi / 180), 50 * cos(-25 * .pi / 180))))
    }

    @Test func multiplicityOfOverlappingCameras() throws {
        let s = street("s", [Point(0, 0), Point(100, 0)])
        // Two domes of radius 30 at x = 20 and x = 60: [0, 50] and [30, 90]; overlap [30, 50].
        let cams = [camera(20, 0, heading: 0, fov: 360, range: 30), camera(60, 0, heading: 0, fov: 360, range: 30),
                    camera(40, 0, heading: 90, fov: 10, range: 5)]  // third: [40, 45]
        let r = try covered([s], cams)
        let m = r.summary.multiplicityMeters
        #expect(abs(m.zero - 10) < 1e-6)
        #expect(abs(m.one - 70) < 1e-6)
        #expect(abs(m.two - 15) < 1e-6)
        #expect(abs(m.threeOrMore - 5) < 1e-6)
        #expect(abs(r.summary.coveredLengthMeters - 90) < 1e-6)
        // Gaps with min gap 0: exactly [90, 100].
        #expect(r.gaps.count == 1 && abs(r.gaps[0].fromMeters - 90) < 1e-6)
    }

    @Test func districtsSplitExactlyAtBoundary() throws {
        let s = street("s", [Point(0, 0), Point(100, 0)], "primary")
        let west = DistrictArea(id: "W", name: "West", polygons: [Polygon(exterior: [
            Point(-10, -10), Point(37.5, -10), Point(37.5, 10), Point(-10, 10), Point(-10, -10)].map { o + $0 })])
        let cam = camera(0, 0, heading: 90, fov: 90, range: 50)  // covers [0, 50]
        let r = try CoverageAnalysis.run(streets: [s], cameras: [cam], districts: [west],
                                         options: CoverageOptions(minGapMeters: 0))
        let w = try #require(r.summary.byDistrict?["W"])
        #expect(abs(w.lengthMeters - 37.5) < 1e-9)
        #expect(abs(w.coveredMeters - 37.5) < 1e-9)
        #expect(abs((r.summary.outsideDistrictsMeters ?? 0) - 62.5) < 1e-9)
        #expect(abs(r.summary.byClass["primary"]!.coveredMeters - 50) < 1e-6)
        // The gap [50, 100] lies outside the district.
        #expect(r.gaps.count == 1 && r.gaps[0].district == nil)
    }

    @Test func schoolOutlineFacingCamera() throws {
        // A 20 × 20 school building; a camera 30 m south looking north sees its south wall only.
        let school = box("school", 0, 0, 20, 20)
        let fac = Facility(id: "school", kind: .school, name: "S", location: o + Point(10, 10), footprint: school.footprint)
        let cam = camera(10, -30, heading: 0, fov: 60, range: 80)
        let r = try CoverageAnalysis.run(streets: [street("s", [Point(-50, -40), Point(70, -40)])], cameras: [cam],
                                         obstacles: ObstacleIndex(buildings: [school]), facilities: [fac])
        let f = try #require(r.facilities.first)
        #expect(abs(f.outlineMeters - 80) < 1e-9)
        #expect(abs(f.coveredMeters - 20) < 1e-6)
        #expect(f.isSeen && f.cameraIds == ["cam"])
        #expect(r.summary.schools?.notSeen == 0)
        // Looking away: not seen.
        let away = camera(10, -30, heading: 180, fov: 60, range: 80)
        let r2 = try CoverageAnalysis.run(streets: [], cameras: [away], obstacles: ObstacleIndex(buildings: [school]),
                                          facilities: [fac])
        #expect(!r2.facilities[0].isSeen && r2.summary.schools?.notSeen == 1)
        // A point school: circle of 50 m, a dome of 100 m at the centre sees all of it.
        let pt = Facility(id: "p", kind: .school, name: nil, location: o)
        let r3 = try CoverageAnalysis.run(streets: [], cameras: [camera(0, 0, heading: 0, fov: 360, range: 100)], facilities: [pt])
        #expect(abs(r3.facilities[0].coveredFraction - 1) < 1e-9)
        #expect(r3.facilities[0].surroundings == "radius")
    }

    @Test func overlappingFootprintsAndCameraNextToWall() throws {
        // Two overlapping boxes hide the same as their union; a wall 5 cm from the camera
        // blinds one half-plane.
        let s = street("s", [Point(50, -50), Point(50, 50)])
        let cam = camera(0, 0, heading: 90, fov: 90, range: 100)
        let a = box("a", 20, 0, 30, 30), b = box("b", 25, 20, 35, 60)
        let r = try covered([s], [cam], [a, b])
        #expect(abs(r.summary.coveredLengthMeters - 50) < 1e-6)
        // A wall 5 cm above the camera's axis, reaching x = 45: rays to (50, y) enter its bottom
        // face for y > 0.05 · 50 / 45.
        let wall = box("w", -5, 0.05, 45, 3)
        let r2 = try covered([s], [cam], [wall])
        #expect(abs(r2.summary.coveredLengthMeters - (50 + 0.05 * 50 / 45)) < 1e-6)
    }
}
