@testable import StreetGraph
import GeoCore
import Testing
import TestSupport

/// The graph builder's internal steps against plain reference implementations.
@Suite struct BuildInternalsTests {
    /// The classic bit-by-bit `xy2d` Hilbert index on a 2^16 grid.
    static func referenceHilbert(_ xIn: UInt32, _ yIn: UInt32) -> UInt64 {
        var x = xIn, y = yIn, d: UInt64 = 0
        var s: UInt32 = 1 << 15
        while s > 0 {
            let rx: UInt32 = (x & s) > 0 ? 1 : 0
            let ry: UInt32 = (y & s) > 0 ? 1 : 0
            d += UInt64(s) * UInt64(s) * UInt64((3 * rx) ^ ry)
            if ry == 0 {
                if rx == 1 {
                    x = s &- 1 &- x
                    y = s &- 1 &- y
                }
                (x, y) = (y, x)
            }
            s >>= 1
        }
        return d
    }

    @Test func hilbertTableMatchesBitByBitCurve() {
        var rng = SeededRandom(seed: 7)
        var cells: [(UInt32, UInt32)] = [(0, 0), (65535, 65535), (0, 65535), (65535, 0)]
        for x in 0..<64 { for y in 0..<64 { cells.append((UInt32(x), UInt32(y))) } }
        for _ in 0..<20_000 { cells.append((UInt32.random(in: 0...65535, using: &rng), UInt32.random(in: 0...65535, using: &rng))) }
        for (x, y) in cells {
            #expect(SpatialOrder.hilbert(x, y) == Self.referenceHilbert(x, y), "cell \(x), \(y)")
        }
    }

    @Test func radixSortIsAStableSortOnTheBitRange() {
        var rng = SeededRandom(seed: 11)
        for (n, low, bits) in [(0, 0, 8), (1, 3, 5), (1000, 32, 32), (5000, 0, 64), (3000, 20, 7)] {
            var keys = (0..<n).map { _ in UInt64.random(in: 0...UInt64.max, using: &rng) & 0xFFFF_0000_0FFF_FFFF }
            let mask: UInt64 = bits >= 64 ? .max : ((1 << UInt64(bits)) - 1) << UInt64(low)
            // Stable reference: by the masked bits, then original position.
            let expected = keys.enumerated().sorted { a, b in
                (a.element & mask, a.offset) < (b.element & mask, b.offset)
            }.map(\.element)
            RadixSort.sort(&keys, lowBit: low, bitCount: bits)
            let sorted = keys == expected
            #expect(sorted, "n \(n) bits \(low)..<\(low + bits)")
        }
    }

    /// Junctions by a dictionary of coordinates, as the builder once did.
    static func referenceJunctions(x: [Double], y: [Double], lineStart: [Int]) -> JunctionFinder.Result {
        struct Key: Hashable { var x: UInt64; var y: UInt64 }
        func key(_ j: Int) -> Key { Key(x: x[j] == 0 ? 0 : x[j].bitPattern, y: y[j] == 0 ? 0 : y[j].bitPattern) }
        var uses: [Key: Int] = [:]
        for l in 0..<(lineStart.count - 1) {
            let a = lineStart[l], b = lineStart[l + 1]
            for j in a..<b { uses[key(j), default: 0] += (j == a || j == b - 1) ? 2 : 1 }
        }
        var node: [Key: Int32] = [:]
        var r = JunctionFinder.Result(vertexNode: [], firstVertex: [], nodeVertexCount: 0)
        for j in 0..<x.count {
            let k = key(j)
            guard uses[k]! >= 2 else { r.vertexNode.append(-1); continue }
            if node[k] == nil {
                node[k] = Int32(r.firstVertex.count)
                r.firstVertex.append(Int32(j))
            }
            r.vertexNode.append(node[k]!)
            r.nodeVertexCount += 1
        }
        return r
    }

    @Test(arguments: [(40, 3), (3000, 6), (9000, 8)])
    func junctionFinderMatchesDictionary(lines: Int, maxLength: Int) {
        var rng = SeededRandom(seed: UInt64(lines))
        // Vertices on a small lattice so that many coincide; some zeros written as -0.0.
        var x: [Double] = [], y: [Double] = [], lineStart = [0]
        let side = Int(Double(lines * maxLength).squareRoot()) + 2
        for _ in 0..<lines {
            let count = Int.random(in: 2...maxLength, using: &rng)
            var last: (Double, Double)?
            while x.count - lineStart.last! < count {
                var px = Double(Int.random(in: 0..<side, using: &rng)), py = Double(Int.random(in: 0..<side, using: &rng))
                if px == 0 && Bool.random(using: &rng) { px = -0.0 }
                if py == 0 && Bool.random(using: &rng) { py = -0.0 }
                if let last, last.0 == px && last.1 == py { continue }
                x.append(px); y.append(py)
                last = (px, py)
            }
            lineStart.append(x.count)
        }
        let got = JunctionFinder.find(x: x, y: y, lineStart: lineStart)
        let want = Self.referenceJunctions(x: x, y: y, lineStart: lineStart)
        #expect(got.vertexNode == want.vertexNode)
        #expect(got.firstVertex == want.firstVertex)
        #expect(got.nodeVertexCount == want.nodeVertexCount)
    }

    @Test func unionFindComponentsMatchTarjanOnTwoWayGraphs() {
        var rng = SeededRandom(seed: 3)
        for n in [1, 2, 50, 2000] {
            let m = n * 2 / 3
            let from = (0..<m).map { _ in Int32.random(in: 0..<Int32(n), using: &rng) }
            let to = (0..<m).map { _ in Int32.random(in: 0..<Int32(n), using: &rng) }
            let zeros = [Double](repeating: 0, count: m)
            let edges = EdgeSplit.Edges(from: from, to: to, access: [UInt8](repeating: 3, count: m),
                                        street: [Int32](repeating: 0, count: m), lengthMeters: zeros, seconds: zeros)
            let arcs = ArcTable(nodeCount: n, edges: edges)
            let uf = Components.connected(nodeCount: n, from: from, to: to)
            let scc = Components.strongly(nodeCount: n, arcStart: arcs.start, arcHead: arcs.head)
            #expect(uf.count == scc.count)
            // Same partition: the pair maps are bijections.
            var ufToScc: [Int32: Int32] = [:], sccToUf: [Int32: Int32] = [:]
            for v in 0..<n {
                #expect(ufToScc[uf.component[v], default: scc.component[v]] == scc.component[v])
                #expect(sccToUf[scc.component[v], default: uf.component[v]] == uf.component[v])
                ufToScc[uf.component[v]] = scc.component[v]
                sccToUf[scc.component[v]] = uf.component[v]
            }
        }
    }

    @Test func tarjanMatchesMutualReachabilityOnDirectedGraphs() {
        var rng = SeededRandom(seed: 5)
        for n in [1, 5, 40, 70] {
            let m = n * 3 / 2
            let from = (0..<m).map { _ in Int32.random(in: 0..<Int32(n), using: &rng) }
            let to = (0..<m).map { _ in Int32.random(in: 0..<Int32(n), using: &rng) }
            let access = (0..<m).map { _ in UInt8.random(in: 1...3, using: &rng) }
            let zeros = [Double](repeating: 0, count: m)
            let edges = EdgeSplit.Edges(from: from, to: to, access: access, street: [Int32](repeating: 0, count: m),
                                        lengthMeters: zeros, seconds: zeros)
            let arcs = ArcTable(nodeCount: n, edges: edges)
            let scc = Components.strongly(nodeCount: n, arcStart: arcs.start, arcHead: arcs.head)
            // Reference: transitive closure; u and v share a component iff each reaches the other.
            var reach = [[Bool]](repeating: [Bool](repeating: false, count: n), count: n)
            for v in 0..<n { reach[v][v] = true }
            for u in 0..<n {
                for a in Int(arcs.start[u])..<Int(arcs.start[u + 1]) { reach[u][Int(arcs.head[a])] = true }
            }
            for k in 0..<n { for i in 0..<n where reach[i][k] { for j in 0..<n where reach[k][j] { reach[i][j] = true } } }
            // Both Tarjan on all arcs and the builder's way (two-way edges joined first).
            for c in [scc, Components.of(nodeCount: n, edges: edges)] {
                var same = true
                for u in 0..<n { for v in 0..<n where (reach[u][v] && reach[v][u]) != (c.component[u] == c.component[v]) { same = false } }
                #expect(same, "n \(n)")
                #expect(Set(c.component).count == c.count)
            }
        }
    }
}
