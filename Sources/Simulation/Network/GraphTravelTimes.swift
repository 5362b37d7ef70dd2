import Dispatch
import Foundation
import GeoCore
import StreetGraph

/// Travel times between demand atoms on a street graph: shortest driving (or walking) times
/// between the atoms' nodes, as the dispatch simulation and the hypercube model need them.
///
/// **Anchors** (the units' home atoms) get two Dijkstra searches each at construction, run in
/// parallel: forward (home → every atom) and backward on the reversed arcs (every atom → home).
/// Those answer everything a unit waiting at or returning to its home asks. Any other origin
/// (a unit leaving a scene for the next queued incident, or available away from home) gets one
/// forward search the first time it is asked, kept for later calls (a row of `Float` seconds).
/// With `.returnHome` dispatch few such rows are needed; `precomputeAllRows()` fills them all in
/// parallel when many will be (`.stayAtScene`).
///
/// Memory: 16·K·A bytes for K anchors, 4·A bytes per extra row (at most 4·A²), plus 4·K·V
/// bytes when node rows are kept for intercepts (V nodes). Thread-safe: extra rows are filled
/// under a lock.
public final class GraphTravelTimes: TravelTimeProvider, InterceptTravelTimes, @unchecked Sendable {
    public let graph: RoadGraph
    /// Node of each atom on `graph`.
    public let atomNode: [Int32]
    public let atomCount: Int
    /// Anchor slot of each atom, or -1.
    let anchorSlot: [Int32]
    let anchors: [Int]
    /// `forward[slot * A + a]`: anchor → atom a; `backward[slot * A + a]`: atom a → anchor.
    let forward: [Double]
    let backward: [Double]
    /// `nodeRows[slot * V + v]`: anchor → node v (only when kept).
    let nodeRows: [Float]
    /// Anchor atom of each intercepting unit (for `InterceptTravelTimes`), -1 for units that do
    /// not travel on this graph.
    let interceptAnchor: [Int32]

    private let lock = NSLock()
    private var rows: [UnsafeMutablePointer<Float>?]
    private var rowCount = 0

    /// - Parameters:
    ///   - atomNodes: node of each atom (valid indices of `graph`).
    ///   - anchors: atoms to precompute forward and backward rows for (duplicates ignored).
    ///   - interceptUnitAnchors: when given, full node rows are kept for these anchors and the
    ///     provider answers `InterceptTravelTimes` for one unit per entry (-1: the unit does not
    ///     travel on this graph and can never intercept).
    /// - Throws: `CovplanError(.software)` for an out-of-range node or anchor.
    /// - Complexity: 2·K Dijkstra searches, O(K (V + A) log V) on all cores.
    public init(graph: RoadGraph, atomNodes: [Int32], anchors: [Int], interceptUnitAnchors: [Int]? = nil) throws {
        let A = atomNodes.count, V = graph.nodeCount
        for n in atomNodes where n < 0 || Int(n) >= V {
            throw CovplanError(.software, "travel times: atom node \(n) is not a node of the graph")
        }
        var slot = [Int32](repeating: -1, count: A)
        var list: [Int] = []
        for a in anchors {
            guard a >= 0, a < A else { throw CovplanError(.software, "travel times: anchor atom \(a) out of range") }
            if slot[a] < 0 { slot[a] = Int32(list.count); list.append(a) }
        }
        let keepNodes = interceptUnitAnchors != nil
        if let ia = interceptUnitAnchors {
            for a in ia where a >= 0 {
                guard a < A, slot[a] >= 0 else { throw CovplanError(.software, "travel times: intercept anchor \(a) is not an anchor") }
            }
        }
        let K = list.count
        let anchorList = list
        var fwd = [Double](repeating: .infinity, count: K * A)
        var bwd = [Double](repeating: .infinity, count: K * A)
        var nodes = [Float](repeating: .infinity, count: keepNodes ? K * V : 0)
        if K > 0 {
            let reverse = ReverseArcs(graph: graph)
            fwd.withUnsafeMutableBufferPointer { fb in
                bwd.withUnsafeMutableBufferPointer { bb in
                    nodes.withUnsafeMutableBufferPointer { nb in
                        nonisolated(unsafe) let f = fb, b = bb, nr = nb
                        DispatchQueue.concurrentPerform(iterations: K) { k in
                            let source = Int(atomNodes[anchorList[k]])
                            let out = graph.shortestTimes(fromNode: source)
                            let back = graph.shortestTimes(toNode: source, reverse: reverse)
                            for a in 0..<A {
                                f[k * A + a] = out[Int(atomNodes[a])]
                                b[k * A + a] = back[Int(atomNodes[a])]
                            }
                            if keepNodes { for v in 0..<V { nr[k * V + v] = Float(out[v]) } }
                        }
                    }
                }
            }
        }
        self.graph = graph
        self.atomNode = atomNodes
        self.atomCount = A
        self.anchorSlot = slot
        self.anchors = list
        self.forward = fwd
        self.backward = bwd
        self.nodeRows = nodes
        self.interceptAnchor = (interceptUnitAnchors ?? []).map { Int32($0) }
        self.rows = [UnsafeMutablePointer<Float>?](repeating: nil, count: A)
    }

    deinit {
        for r in rows { r?.deallocate() }
    }

    /// Extra (non-anchor) rows computed so far.
    public var extraRowCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return rowCount
    }

    /// Seconds from atom `origin` to atom `destination` (shortest time between their nodes).
    public func seconds(from origin: Int, to destination: Int) -> Double {
        let so = Int(anchorSlot[origin])
        if so >= 0 { return forward[so &* atomCount &+ destination] }
        let sd = Int(anchorSlot[destination])
        if sd >= 0 { return backward[sd &* atomCount &+ origin] }
        lock.lock()
        defer { lock.unlock() }
        if let row = rows[origin] { return Double(row[destination]) }
        let row = computeRow(origin)
        rows[origin] = row
        rowCount += 1
        return Double(row[destination])
    }

    private func computeRow(_ origin: Int) -> UnsafeMutablePointer<Float> {
        let out = graph.shortestTimes(fromNode: Int(atomNode[origin]))
        let row = UnsafeMutablePointer<Float>.allocate(capacity: max(atomCount, 1))
        for a in 0..<atomCount { row[a] = Float(out[Int(atomNode[a])]) }
        return row
    }

    /// Computes every missing non-anchor row now, in parallel (O(A (V + E) log V) work; 4·A² bytes).
    public func precomputeAllRows() {
        lock.lock()
        defer { lock.unlock() }
        let missing = (0..<atomCount).filter { rows[$0] == nil && anchorSlot[$0] < 0 }
        guard !missing.isEmpty else { return }
        var made = [UnsafeMutablePointer<Float>?](repeating: nil, count: missing.count)
        made.withUnsafeMutableBufferPointer { mb in
            nonisolated(unsafe) let m = mb
            DispatchQueue.concurrentPerform(iterations: missing.count) { i in m[i] = computeRow(missing[i]) }
        }
        for (i, a) in missing.enumerated() { rows[a] = made[i] }
        rowCount += missing.count
    }

    // MARK: InterceptTravelTimes

    /// Number of units answered for intercepts (`interceptUnitAnchors.count`).
    public var unitCount: Int { interceptAnchor.count }

    /// Seconds for unit `unit` to drive from its home to `node`; +infinity for a unit that does
    /// not travel on this graph (or without kept node rows).
    public func seconds(unit: Int, to node: Int32) -> Double {
        guard unit >= 0, unit < interceptAnchor.count, !nodeRows.isEmpty else { return .infinity }
        let a = Int(interceptAnchor[unit])
        guard a >= 0, node >= 0, Int(node) < graph.nodeCount else { return .infinity }
        return Double(nodeRows[Int(anchorSlot[a]) * graph.nodeCount + Int(node)])
    }
}
