import CityModel
import GeoCore
import Staffing
import Reports
import Testing

/// Load arithmetic against hand-computed values.
@Suite struct LoadAnalysisTests {
    static func square(_ x: Double) -> Polygon {
        Polygon(exterior: [Point(x, 0), Point(x + 1000, 0), Point(x + 1000, 1000), Point(x, 1000), Point(x, 0)])
    }

    @Test func loadsClassesAndDeficits() throws {
        let precincts = [
            Precinct(id: "A", polygons: [Self.square(0)], inspectors: 2),      // 6,400 → exactly at the norm
            Precinct(id: "B", polygons: [Self.square(1000)], inspectors: 1),   // 6,800 → far over (2.125)
            Precinct(id: "C", polygons: [Self.square(2000)], inspectors: 0),   // unstaffed
            Precinct(id: "D", polygons: [Self.square(3000)], inspectors: 3),   // 2,000 → under
            Precinct(id: "E", polygons: [Self.square(4000)], inspectors: 1),   // 3,300 → over (1.03)
            Precinct(id: "F", polygons: [Self.square(5000)], inspectors: 1),   // 2,900 → at (0.906)
            Precinct(id: "G", polygons: [Self.square(6000)], inspectors: 0),   // unstaffed, empty
        ]
        let residents: [Double] = [6400, 6800, 1000, 2000, 3300, 2900, 0]
        let loads = try PrecinctLoadAnalysis.compute(precincts, residents: residents, norm: 3200, crimes: [4, 0, 1, 0, 0, 0, 0])
        #expect(loads.map(\.loadClass) == [.at, .farOver, .unstaffed, .under, .over, .at, .unstaffed])
        #expect(loads.map(\.overNorm) == [false, true, true, false, true, false, false])
        #expect(loads.map(\.inspectorsNeeded) == [2, 3, 1, 1, 2, 1, 0])
        #expect(loads.map(\.deficit) == [0, 2, 1, 0, 1, 0, 0])
        #expect(loads[2].residentsPerInspector == nil && loads[2].loadRatio == nil && loads[2].areaKm2PerInspector == nil)
        #expect(loads[1].residentsPerInspector == 6800)
        #expect(abs(loads[0].crimesPer10k! - 4 / 6400 * 10_000) < 1e-12)
        #expect(loads[6].crimesPer10k == nil)
        #expect(loads[0].areaKm2 == 1 && loads[0].areaKm2PerInspector == 0.5)
        let s = PrecinctLoadSummary(loads, unassigned: 12, sourceTotal: 22_412)
        #expect(s.overNorm == 3 && s.unstaffed == 2 && s.deficit == 4 && s.inspectorsNeeded == 10 && s.inspectors == 8)
        #expect(s.maxResidentsPerInspector == 6800)
    }

    @Test func classBoundaries() {
        #expect(PrecinctLoadClass.of(ratio: 0.8999) == .under)
        #expect(PrecinctLoadClass.of(ratio: 0.9) == .at)
        #expect(PrecinctLoadClass.of(ratio: 1.0) == .at)
        #expect(PrecinctLoadClass.of(ratio: 1.0001) == .over)
        #expect(PrecinctLoadClass.of(ratio: 1.5) == .over)
        #expect(PrecinctLoadClass.of(ratio: 1.5001) == .farOver)
        #expect(PrecinctLoadClass.of(ratio: nil) == .unstaffed)
    }

    @Test func badNormIsAUsageError() {
        #expect { try PrecinctLoadAnalysis.compute([], residents: [], norm: 0) } throws: { ($0 as? CovplanError)?.kind == .usage }
    }
}

@Suite struct CompactnessTests {
    @Test func polsbyPopperOfASquareAndARectangle() {
        let square = LoadAnalysisTests.square(0)
        #expect(abs(RebalanceReport.compactness([square])! - Double.pi / 4) < 1e-12)
        let strip = Polygon(exterior: [Point(0, 0), Point(4, 0), Point(4, 1), Point(0, 1), Point(0, 0)])
        // 4π·4 / 10² = 0.16π
        #expect(abs(RebalanceReport.compactness([strip])! - 0.16 * Double.pi) < 1e-12)
        #expect(RebalanceReport.compactness([]) == nil)
    }
}
