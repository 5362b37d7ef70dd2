import CrimeAnalysis
import Foundation
import GeoCore
import Testing
import TestSupport

/// Gi* z-scores and Benjamini–Hochberg p-values against a reference computed once by PySAL
/// (esda.G_Local(star=True, transform="B"), scipy.stats.false_discovery_control) and stored in
/// Tests/Fixtures/gistar/reference.json with the script that made it (make_reference.py).
@Suite struct GetisOrdReferenceTests {
    struct Case: Decodable {
        var name: String
        var weights: String
        var band: Double?
        var k: Int?
        var coords: [[Double]]
        var values: [Double]
        var z: [Double]
        var p_two_sided: [Double]
        var p_fdr: [Double]
    }
    struct Reference: Decodable { var cases: [Case] }

    static func reference() throws -> [Case] {
        let url = URL(fileURLWithPath: Fixtures.repoRoot + "/Tests/Fixtures/gistar/reference.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url)).cases
    }

    func weights(_ c: Case) throws -> SpatialWeights {
        let pts = c.coords.map { Point(x: $0[0], y: $0[1]) }
        if c.weights == "knn" { return try SpatialWeights.kNearest(pts, k: c.k!) }
        return try SpatialWeights.distanceBand(pts, meters: c.band!)
    }

    @Test func zScoresEqualEsdaWithin1e6() throws {
        let cases = try Self.reference()
        #expect(cases.count == 3)
        for c in cases {
            let z = try GetisOrd.zScores(c.values, weights: weights(c))
            #expect(z.count == c.z.count)
            let worst = zip(z, c.z).map { abs($0 - $1) }.max() ?? .infinity
            #expect(worst < 1e-6, "\(c.name): largest |z − esda| = \(worst)")
            // The case must not be trivial: some z beyond ±1.96.
            #expect(c.z.contains { abs($0) > 1.96 }, "\(c.name) has no significant cell")
        }
    }

    @Test func pValuesAndFDREqualScipy() throws {
        for c in try Self.reference() {
            let z = try GetisOrd.zScores(c.values, weights: weights(c))
            let p = z.map(GetisOrd.twoSidedP)
            let q = FalseDiscoveryRate.benjaminiHochberg(p)
            let dp = zip(p, c.p_two_sided).map { abs($0 - $1) }.max() ?? .infinity
            let dq = zip(q, c.p_fdr).map { abs($0 - $1) }.max() ?? .infinity
            #expect(dp < 1e-9, "\(c.name): p differs by \(dp)")
            #expect(dq < 1e-9, "\(c.name): FDR p differs by \(dq)")
        }
    }

    /// The weights themselves match libpysal's neighbour counts (+1 for the unit itself): rook
    /// cells in the lattice corner have 2 neighbours, interior 4; queen interior 8.
    @Test func latticeCardinalities() throws {
        let cases = try Self.reference()
        let rook = try weights(cases.first { $0.name == "lattice_rook" }!)
        let queen = try weights(cases.first { $0.name == "lattice_queen" }!)
        #expect(rook.cardinality(0) == 3)      // corner: self + 2
        #expect(rook.cardinality(13) == 5)     // (1,1): self + 4
        #expect(queen.cardinality(0) == 4)     // corner: self + 3
        #expect(queen.cardinality(13) == 9)    // self + 8
    }
}
