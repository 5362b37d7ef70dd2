import CrimeAnalysis
import Testing

/// Benjamini–Hochberg against the worked example of Benjamini & Hochberg (1995), §4: 15 p-values,
/// at q = 0.05 the step-up rule rejects the four smallest (Bonferroni three).
@Suite struct FalseDiscoveryRateTests {
    static let paper = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240,
                        0.4262, 0.5719, 0.6528, 0.7590, 1.000]

    @Test func paperExampleRejectsFour() {
        let q = FalseDiscoveryRate.benjaminiHochberg(Self.paper)
        #expect(q.filter { $0 <= 0.05 }.count == 4)
        // Hand: q_(4) = min_{j≥4} 15 p_(j)/j; 15·0.0095/4 = 0.035625, and later ratios are larger.
        #expect(abs(q[3] - 0.035625) < 1e-12)
        // q_(1) = min(15·0.0001/1, 15·0.0004/2 = 0.003, ...) = 0.0015.
        #expect(abs(q[0] - 0.0015) < 1e-12)
        #expect(q[14] == 1)
    }

    @Test func orderIndependentAndMonotone() {
        let shuffled = [Self.paper[7], Self.paper[0], Self.paper[12], Self.paper[3], Self.paper[9]]
        let q = FalseDiscoveryRate.benjaminiHochberg(shuffled)
        let sortedP = shuffled.sorted()
        let qSorted = FalseDiscoveryRate.benjaminiHochberg(sortedP)
        for (i, p) in shuffled.enumerated() {
            #expect(q[i] == qSorted[sortedP.firstIndex(of: p)!])
            #expect(q[i] >= p)
        }
        #expect(qSorted == qSorted.sorted())
    }
}
