import CrimeAnalysis
import Foundation
import GeoCore
import Testing

/// The grid analysis against brute force: counts by point-in-square, Gi* by the generic
/// distance-band weights over cell centres, density by the kernel summed over every point.
@Suite struct HotSpotGridTests {
    /// A cluster of 270 incidents in the 300 m square around (550, 550), in a 1 km square with 60
    /// scattered ones.
    static func incidents() -> [Point] {
        var rng = SplitMix64(seed: 7)
        var pts: [Point] = []
        for _ in 0..<270 { pts.append(Point(x: 400 + Double(rng.next() % 300), y: 400 + Double(rng.next() % 300))) }
        for _ in 0..<60 { pts.append(Point(x: Double(rng.next() % 1000), y: Double(rng.next() % 1000))) }
        return pts
    }
    static let area = Envelope(minX: 0, minY: 0, maxX: 999, maxY: 999)

    @Test func gridAgreesWithBruteForce() throws {
        let pts = Self.incidents()
        let opts = HotSpotOptions(cellMeters: 100, bandwidthMeters: 250, bandMeters: 200)
        let (r, outside) = try HotSpotGrid.analyse(points: pts, area: Self.area, options: opts)
        #expect(outside == 0)
        #expect(r.columns == 10 && r.rows == 10)
        #expect(r.totalWeight == 330)
        // Counts by brute force.
        for cell in r.cells {
            let e = cell.envelope
            let n = pts.filter { $0.x >= e.minX && $0.x < e.maxX && $0.y >= e.minY && $0.y < e.maxY }.count
            #expect(Double(n) == cell.count, "\(cell.id)")
        }
        // Gi* by generic weights over centres.
        let w = try SpatialWeights.distanceBand(r.cells.map(\.centre), meters: 200)
        let z = try GetisOrd.zScores(r.cells.map(\.count), weights: w)
        for (i, cell) in r.cells.enumerated() { #expect(abs(cell.giZ - z[i]) < 1e-12) }
        // Density by the kernel over all points, per km².
        let k = try QuarticKernel(bandwidthMeters: 250)
        for cell in r.cells.prefix(37) {
            #expect(abs(cell.densityPerKm2 - k.density(at: cell.centre, points: pts) * 1e6) < 1e-9)
        }
        // The cluster cell is hot, and the hot cells hold most incidents.
        let hot = r.cells.first { $0.id == "c5_5" }!
        #expect(hot.hotSpotClass == .hot)
        #expect(r.count(.hot) >= 1)
        #expect(r.count(.hot) + r.count(.cold) + r.count(.ns) == 100)
        for c in r.cells where c.hotSpotClass != .ns { #expect(c.pFDR <= 0.05) }
    }

    @Test func rejectsBadInput() {
        let pts = Self.incidents()
        #expect(throws: CovplanError.self) { try HotSpotGrid.analyse(points: pts, area: Self.area, options: HotSpotOptions(cellMeters: -1)) }
        #expect(throws: CovplanError.self) { try HotSpotGrid.analyse(points: pts, area: Self.area, options: HotSpotOptions(alpha: 1.5)) }
        #expect(throws: CovplanError.self) {
            try HotSpotGrid.analyse(points: pts, area: Self.area, options: HotSpotOptions(cellMeters: 100, bandMeters: 50))
        }
        var w = [Double](repeating: 1, count: pts.count)
        w[3] = -2
        do {
            _ = try HotSpotGrid.analyse(points: pts, weights: w, ids: pts.indices.map { "inc\($0)" }, area: Self.area)
            Issue.record("negative weight accepted")
        } catch {
            #expect(error.kind == .dataError)
            #expect(error.description.contains("inc3") && error.description.contains("≥ 0"))
        }
        // Too many cells.
        #expect(throws: CovplanError.self) {
            try HotSpotGrid.analyse(points: pts, area: Envelope(minX: 0, minY: 0, maxX: 1e6, maxY: 1e6), options: HotSpotOptions(cellMeters: 10, bandwidthMeters: 20))
        }
    }
}
