import GeoCore
import Testing

/// The parallel helpers against the serial computations they replace: order and content must
/// not depend on scheduling.
@Suite struct ParallelChunksTests {
    @Test func parallelBuildersMatchSerialCode() {
        let n = 100_003
        #expect(ParallelChunks.array(count: n, chunkSize: 1000) { $0 * 3 } == (0..<n).map { $0 * 3 })
        #expect(ParallelChunks.array(count: 0, chunkSize: 10) { $0 }.isEmpty)
        let parts = (0..<37).map { k in (0..<(k * 13 % 7)).map { k * 100 + $0 } }
        #expect(ParallelChunks.concat(parts) == parts.flatMap { $0 })
        #expect(ParallelChunks.concat([[Int]]()).isEmpty)
        let cols = ParallelChunks.columns(2, count: n, chunks: ParallelChunks.ranges(count: n, chunkSize: 4096)) {
            (range, c: [UnsafeMutablePointer<Double>]) in
            for i in range { c[0][i] = Double(i); c[1][i] = -Double(i) }
        }
        #expect(cols.count == 2)
        #expect(cols[0] == (0..<n).map(Double.init))
        #expect(cols[1] == (0..<n).map { -Double($0) })
        let chunks = ParallelChunks.ranges(count: n, chunkSize: 999)
        #expect(chunks.count == (n + 998) / 999 && chunks.first == 0..<999 && chunks.last?.upperBound == n)
        let sums: [Int] = ParallelChunks.map(chunks) { (r: Range<Int>) -> Int in r.reduce(0, +) }
        #expect(sums == chunks.map { $0.reduce(0, +) })
        #expect(ParallelChunks.map(count: 5) { $0 * $0 } == [0, 1, 4, 9, 16])
    }
}
