import CrimeAnalysis
import GeoCore
import Testing

/// Crime over time: the Pavlodar figure (221 → 131 per 10,000 residents is −40.7 %), gaps in the
/// series, months, and the city series.
@Suite struct CrimeTrendTests {
    /// A synthetic series: one precinct of 10,000 residents with 221, 190, 160, 131 crimes in
    /// 2019–2022 gives 221 → 131 per 10,000 and a change of (131 − 221) / 221 = −40.72 %.
    @Test func pavlodarSeries() throws {
        var times: [PeriodKey] = []
        for (year, n) in [(2019, 221), (2020, 190), (2021, 160), (2022, 131)] {
            times += Array(repeating: PeriodKey(year: year, month: 3), count: n)
        }
        let t = try CrimeTrendAnalysis.compute(times: times, precinctOf: times.map { _ in 0 }, precincts: [("P1", "Pavlodar")],
                                               residents: [10_000], period: .year)
        #expect(t.periods.map(\.description) == ["2019", "2020", "2021", "2022"])
        let s = t.precincts[0]
        #expect(s.ratesPer10k.first! == 221 && s.ratesPer10k.last! == 131)
        let change = try #require(s.changePercent)
        #expect(abs(change - (-40.723981900452486)) < 1e-9)
        #expect((change * 10).rounded() / 10 == -40.7)
    }

    @Test func gapsAreZeroAndOutsideCounted() throws {
        let times = [PeriodKey(year: 2020, month: 11), PeriodKey(year: 2021, month: 2), PeriodKey(year: 2021, month: 2),
                     PeriodKey(year: 2020, month: 12)]
        let t = try CrimeTrendAnalysis.compute(times: times, precinctOf: [0, 1, nil, 0], precincts: [("a", nil), ("b", nil)],
                                               residents: [2_000, 0], period: .month)
        #expect(t.periods.map(\.description) == ["2020-11", "2020-12", "2021-01", "2021-02"])
        #expect(t.precincts[0].counts == [1, 1, 0, 0])
        #expect(t.precincts[1].counts == [0, 0, 0, 1])
        #expect(t.precincts[1].ratesPer10k.allSatisfy { $0 == nil })   // no residents: no rate
        #expect(t.precincts[0].ratesPer10k[0] == 5)                      // 1 / 2,000 × 10,000
        #expect(t.precincts[0].changePercent == -100)
        #expect(t.outside == 1)
        #expect(t.city.counts == [1, 1, 0, 1])
    }

    @Test func yearOnlyTimesRefuseMonths() {
        #expect(throws: CovplanError.self) {
            try CrimeTrendAnalysis.compute(times: [PeriodKey(year: 2020)], precinctOf: [0], precincts: [("a", nil)],
                                           residents: [1], period: .month)
        }
        #expect(throws: CovplanError.self) {
            try CrimeTrendAnalysis.compute(times: [], precinctOf: [], precincts: [("a", nil)], residents: [1], period: .year)
        }
    }
}

/// The weighted displacement quotient against a hand-computed example (Bowers & Johnson 2003).
@Suite struct CameraImpactTests {
    /// Camera at the origin installed in 2021; response r = 100 m, buffer to 300 m, one year
    /// before (2020) and after (2022). R: 10 → 4, D: 6 → 3, C: 20 → 25 (2021 left out).
    /// SM = 4/25 − 10/20 = −0.34; BM = 3/25 − 6/20 = −0.18; WDQ = 0.18/0.34 = 0.529…;
    /// TNE = (10·1.25 − 4) + (6·1.25 − 3) = 13.
    @Test func handExample() throws {
        var pts: [Point] = [], times: [PeriodKey] = []
        func add(_ n: Int, at p: Point, _ year: Int) {
            pts += Array(repeating: p, count: n)
            times += Array(repeating: PeriodKey(year: year, month: 6), count: n)
        }
        add(10, at: Point(x: 50, y: 0), 2020); add(4, at: Point(x: 0, y: 99), 2022)
        add(6, at: Point(x: 150, y: 0), 2020); add(3, at: Point(x: -250, y: 0), 2022)
        add(20, at: Point(x: 1000, y: 0), 2020); add(25, at: Point(x: 0, y: -900), 2022)
        add(5, at: Point(x: 10, y: 10), 2021)                         // installation year: not counted
        add(7, at: Point(x: 1000, y: 0), 2018)                        // outside both windows
        let cam = InstalledCamera(id: "cam1", point: Point(x: 0, y: 0), installed: PeriodKey(year: 2021, month: 4))
        let r = try CameraImpactAnalysis.compute(cameras: [cam], incidents: pts, times: times,
                                                 options: CameraImpactOptions(radiusMeters: 100, bufferMeters: 200))
        let c = r[0].counts
        #expect(c == DisplacementCounts(responseBefore: 10, responseAfter: 4, bufferBefore: 6, bufferAfter: 3, controlBefore: 20, controlAfter: 25))
        #expect(abs(c.successMeasure! - (-0.34)) < 1e-12)
        #expect(abs(c.bufferMeasure! - (-0.18)) < 1e-12)
        #expect(abs(c.wdq! - 0.18 / 0.34) < 1e-12)
        #expect(abs(c.totalNetEffect! - 13) < 1e-12)
        #expect(r[0].before.lowerBound == PeriodKey(year: 2020) && r[0].after.upperBound == PeriodKey(year: 2022))
    }

    @Test func noSuccessNoQuotient() {
        let c = DisplacementCounts(responseBefore: 2, responseAfter: 5, bufferBefore: 1, bufferAfter: 1, controlBefore: 10, controlAfter: 10)
        #expect(c.wdq == nil)
        #expect(DisplacementCounts(responseBefore: 2, responseAfter: 1, bufferBefore: 1, bufferAfter: 1, controlBefore: 0, controlAfter: 3).wdq == nil)
    }

    @Test func rejectsBadOptions() {
        #expect(throws: CovplanError.self) { try CameraImpactOptions(radiusMeters: -1).validate() }
        #expect(throws: CovplanError.self) { try CameraImpactOptions(bufferMeters: 0).validate() }
        #expect(throws: CovplanError.self) { try CameraImpactOptions(windowPeriods: 0).validate() }
    }
}
