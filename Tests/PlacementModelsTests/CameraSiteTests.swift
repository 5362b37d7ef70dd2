import CityModel
import Coverage
import GeoCore
import PlacementModels
import Testing

/// Candidate sites and headings on hand-made streets with known answers.
@Suite struct CameraSiteTests {
    let o = Point(385_000, 6_672_000)

    @Test func crossingJunctionHasArmAndCornerHeadings() throws {
        let streets = [
            Street(id: "a", highway: "primary", points: [o + Point(-50, 0), o, o + Point(50, 0)]),
            Street(id: "b", highway: "residential", points: [o + Point(0, -50), o, o + Point(0, 50)]),
        ]
        let sites = try CameraSiteGenerator.sites(streets: streets, spacingMeters: .infinity)
        #expect(sites.count == 1)
        let j = try #require(sites.first)
        #expect(j.kind == .junction && j.position == o)
        #expect(j.headingsDeg.map { Int($0.rounded()) } == [0, 45, 90, 135, 180, 225, 270, 315])
        let noCorners = try CameraSiteGenerator.sites(streets: streets, spacingMeters: .infinity, bisectors: false)
        #expect(noCorners[0].headingsDeg.map { Int($0.rounded()) } == [0, 90, 180, 270])
    }

    @Test func streetSitesAreEvenlySpacedWithBothDirections() throws {
        let street = Street(id: "s", highway: "residential", points: [o, o + Point(60, 0), o + Point(60, 40)])  // 100 m
        let sites = try CameraSiteGenerator.sites(streets: [street], spacingMeters: 25)
        #expect(sites.count == 4)
        let expected = [Point(12.5, 0), Point(37.5, 0), Point(60, 2.5), Point(60, 27.5)].map { o + $0 }
        for (s, e) in zip(sites, expected) {
            #expect(s.position.distance(to: e) < 1e-9)
            #expect(s.kind == .street)
        }
        #expect(sites[0].headingsDeg.map { Int($0.rounded()) } == [90, 270])
        #expect(sites[3].headingsDeg.map { Int($0.rounded()) } == [0, 180])
        #expect(try CameraSiteGenerator.sites(streets: [street], spacingMeters: 101).isEmpty)
        #expect(throws: CovplanError.self) { _ = try CameraSiteGenerator.sites(streets: [street], spacingMeters: 0) }
    }

    @Test func sitesInsideBuildingsAreDropped() throws {
        let street = Street(id: "s", highway: "footway", points: [o, o + Point(100, 0)])
        let ring = [Point(20, -5), Point(45, -5), Point(45, 5), Point(20, 5), Point(20, -5)].map { o + $0 }
        let building = Building(id: "b", footprint: [Polygon(exterior: ring)], levels: nil, buildingTag: "yes", use: .unknown)
        let all = try CameraSiteGenerator.sites(streets: [street], spacingMeters: 25)
        let kept = try CameraSiteGenerator.sites(streets: [street], spacingMeters: 25,
                                                 obstacles: ObstacleIndex(buildings: [building]))
        #expect(all.count == 4)
        #expect(kept.count == 3)  // the site at 37.5 m lies inside the passage building
        #expect(!kept.contains { abs($0.position.x - (o.x + 37.5)) < 1e-9 })
    }
}
