import CityModel
import GeoCore
import Staffing
import Testing

/// Growth: planned housing added to today's residents, the year each precinct crosses the norm
/// and the new precinct point, against hand calculation.
@Suite struct GrowthProjectionTests {
    static func square(_ x0: Double, _ y0: Double, _ s: Double) -> Polygon {
        Polygon(exterior: [Point(x: x0, y: y0), Point(x: x0 + s, y: y0), Point(x: x0 + s, y: y0 + s), Point(x: x0, y: y0 + s), Point(x: x0, y: y0)])
    }

    /// A: 1 inspector, 2,000 residents; complexes of 700 (2026) at (100,100) and 1,400 (2028) at
    /// (300,300): 2,700 in 2026 (under 3,200), 4,100 in 2028 → crosses in 2028; the new point is
    /// the 2028 complex (the only one from the crossing year on). B: 2 inspectors, 7,000 (over
    /// 6,400 today), one complex of 500 in 2027 at (1100, 200) → over now, point at that complex.
    /// C: 1 inspector, 1,000, nothing planned: never crosses, no point. One complex outside.
    @Test func handExample() throws {
        let precincts = [
            Precinct(id: "A", polygons: [Self.square(0, 0, 1000)], inspectors: 1),
            Precinct(id: "B", polygons: [Self.square(1000, 0, 1000)], inspectors: 2),
            Precinct(id: "C", polygons: [Self.square(2000, 0, 1000)], inspectors: 1),
        ]
        let housing = [
            PlannedHousing(id: "h1", location: Point(x: 100, y: 100), residents: 700, year: 2026),
            PlannedHousing(id: "h2", location: Point(x: 300, y: 300), residents: 1_400, year: 2028),
            PlannedHousing(id: "h3", location: Point(x: 1100, y: 200), residents: 500, year: 2027),
            PlannedHousing(id: "h4", location: Point(x: 5000, y: 5000), residents: 900, year: 2027),
        ]
        let g = try GrowthAnalysis.project(precincts: precincts, residentsNow: [2_000, 7_000, 1_000], housing: housing, baseYear: 2025)
        #expect(g.years == [2025, 2026, 2027, 2028])
        #expect(g.precincts[0].residentsByYear == [2_000, 2_700, 2_700, 4_100])
        #expect(g.precincts[0].crossingYear == 2028 && !g.precincts[0].overNow)
        #expect(g.precincts[0].inspectorsNeededAtEnd == 2 && g.precincts[0].deficitAtEnd == 1)
        #expect(g.precincts[1].overNow && g.precincts[1].crossingYear == nil)
        #expect(g.precincts[2].crossingYear == nil && !g.precincts[2].overNow)
        #expect(g.unassignedResidents == 900 && g.unassignedIds == ["h4"])
        #expect(g.newPoints.map(\.precinctId) == ["A", "B"])
        #expect(g.newPoints[0].point == Point(x: 300, y: 300) && g.newPoints[0].year == 2028)
        #expect(g.newPoints[0].excessResidents == 900)
        #expect(g.newPoints[1].point == Point(x: 1100, y: 200) && g.newPoints[1].year == 2025)
        #expect(g.overNow == 1 && g.overAtEnd == 2)
    }

    /// The weighted centre of two complexes crossing together: (0·1000 + 400·3000) / 4000 = 300.
    @Test func weightedCentre() throws {
        let p = [Precinct(id: "A", polygons: [Self.square(-1000, -1000, 3000)], inspectors: 1)]
        let h = [PlannedHousing(id: "a", location: Point(x: 0, y: 0), residents: 1_000, year: 2030),
                 PlannedHousing(id: "b", location: Point(x: 400, y: 800), residents: 3_000, year: 2030)]
        let g = try GrowthAnalysis.project(precincts: p, residentsNow: [0], housing: h, baseYear: 2029)
        #expect(g.precincts[0].crossingYear == 2030)
        #expect(g.newPoints[0].point == Point(x: 300, y: 600))
    }

    /// A footprint without stated residents goes through ResidentsModel: 50 m × 40 m × 9 levels ÷
    /// 22 m² per person = 818.18… residents.
    @Test func footprintEstimateUsesResidentsModel() throws {
        let fp = Self.square(0, 0, 50)
        let h = PlannedHousing(id: "f", location: Point(x: 25, y: 25), footprint: [Polygon(exterior: [Point(x: 0, y: 0), Point(x: 50, y: 0), Point(x: 50, y: 40), Point(x: 0, y: 40), Point(x: 0, y: 0)])], levels: 9, year: 2030)
        _ = fp
        #expect(abs(ResidentsModel().residents(h) - 50 * 40 * 9 / 22) < 1e-9)
    }

    @Test func rejectsPastYearsAndNegativeResidents() {
        let p = [Precinct(id: "A", polygons: [Self.square(0, 0, 10)], inspectors: 1)]
        #expect(throws: CovplanError.self) {
            try GrowthAnalysis.project(precincts: p, residentsNow: [0], housing: [PlannedHousing(id: "x", location: Point(x: 1, y: 1), residents: 5, year: 2020)], baseYear: 2025)
        }
        #expect(throws: CovplanError.self) {
            try GrowthAnalysis.project(precincts: p, residentsNow: [0], housing: [PlannedHousing(id: "x", location: Point(x: 1, y: 1), residents: -5, year: 2030)], baseYear: 2025)
        }
        #expect(throws: CovplanError.self) {
            try GrowthAnalysis.project(precincts: p, residentsNow: [0], housing: [], baseYear: 2025, norm: 0)
        }
    }
}
