/// Finds the graph nodes among the vertices of street lines: line ends, and coordinates used more
/// than once (by several lines, or twice by one line).
///
/// Coordinates match exactly (bit patterns, with `-0.0` equal to `0.0`), as OSM ways share node
/// coordinates exactly after projection. Nodes are numbered in order of their first vertex.
///
/// Method (cache-friendly exact hashing): vertices are radix-partitioned by a hash of their
/// coordinates into partitions of a few thousand, each partition is deduplicated with a small
/// open-addressing table that stays in cache, and the answers are gathered back in vertex order.
/// Every pass is sequential or touches a cache-sized working set, so the cost is a few streaming
/// passes instead of one cache miss per vertex. O(V) time; about 40 bytes of scratch per vertex.
enum JunctionFinder {
    struct Result {
        /// Node of each vertex (numbered in order of first occurrence), or -1 when the vertex is
        /// not a node.
        var vertexNode: [Int32]
        /// First vertex of each node (its coordinate is the node's).
        var firstVertex: [Int32]
        /// Number of vertices that are nodes (with repeats).
        var nodeVertexCount: Int
    }

    /// One vertex in partition order: its coordinates (metres), hash and index (top bit: line end).
    private struct Record {
        var x: Double
        var y: Double
        var hash: UInt32
        var vertex: UInt32
    }

    private static let endFlag: UInt32 = 1 << 31

    @inline(__always) private static func mix(_ x: Double, _ y: Double) -> UInt64 {
        let bx = x == 0 ? 0 : x.bitPattern, by = y == 0 ? 0 : y.bitPattern
        var z = bx &* 0x9E37_79B9_7F4A_7C15 ^ (by &+ 0x632B_E59B_D9B4_E019)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The nodes of lines whose vertices (metres) are `x/y[lineStart[l] ..< lineStart[l + 1]]`
    /// (every line at least two vertices; fewer than 2^31 vertices in all).
    static func find(x: [Double], y: [Double], lineStart: [Int]) -> Result {
        let v = x.count
        precondition(v < Int(endFlag) && y.count == v)
        // Partitions of about 4k–8k vertices: records plus table fit in the L2 cache.
        var bits = 0
        while bits < 12 && (v >> bits) > 8192 { bits += 1 }
        let parts = 1 << bits
        let shift = UInt64(52 + (12 - bits))
        // Work is split in two halves (by lines, then by partitions), run concurrently.
        let lines = lineStart.count - 1
        let lineSplit = lines / 2
        let vertexSplit = lineStart[lineSplit]
        let vertexHalves = [0..<vertexSplit, vertexSplit..<v]

        // 1. Partition of each vertex, and partition sizes per half.
        nonisolated(unsafe) var count0 = [Int](repeating: 0, count: parts)
        nonisolated(unsafe) var count1 = [Int](repeating: 0, count: parts)
        let part = [UInt16](unsafeUninitializedCapacity: v) { buf, n in
            nonisolated(unsafe) let buf = buf
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeBufferPointer { ys in
                    nonisolated(unsafe) let xs = xs, ys = ys
                    func histogram(_ range: Range<Int>, _ counts: inout [Int]) {
                        counts.withUnsafeMutableBufferPointer { c in
                            for j in range {
                                let p = Int(truncatingIfNeeded: mix(xs[j], ys[j]) >> shift)
                                buf[j] = UInt16(truncatingIfNeeded: p)
                                c[p] += 1
                            }
                        }
                    }
                    _ = ForkJoin.both({ histogram(vertexHalves[0], &count0) }, { histogram(vertexHalves[1], &count1) })
                }
            }
            n = v
        }
        // Partition p holds half 0's vertices, then half 1's, each in vertex order.
        var partStart = [Int](repeating: 0, count: parts + 1)
        var start1 = [Int](repeating: 0, count: parts)
        var maxPart = 0
        for p in 0..<parts {
            start1[p] = partStart[p] + count0[p]
            partStart[p + 1] = start1[p] + count1[p]
            maxPart = max(maxPart, count0[p] + count1[p])
        }
        let start0 = Array(partStart[0..<parts])

        // 2. Scatter the vertices into partition order.
        let records = [Record](unsafeUninitializedCapacity: v) { buf, n in
            nonisolated(unsafe) let buf = buf
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeBufferPointer { ys in
                    nonisolated(unsafe) let xs = xs, ys = ys
                    func scatter(_ lineRange: Range<Int>, _ start: [Int]) {
                        var cursor = start
                        cursor.withUnsafeMutableBufferPointer { cs in
                            for l in lineRange {
                                let a = lineStart[l], b = lineStart[l + 1]
                                for j in a..<b {
                                    let h = mix(xs[j], ys[j])
                                    let p = Int(truncatingIfNeeded: h >> shift)
                                    let end: UInt32 = (j == a || j == b - 1) ? endFlag : 0
                                    buf[cs[p]] = Record(x: xs[j], y: ys[j], hash: UInt32(truncatingIfNeeded: h),
                                                        vertex: UInt32(j) | end)
                                    cs[p] += 1
                                }
                            }
                        }
                    }
                    _ = ForkJoin.both({ scatter(0..<lineSplit, start0) }, { scatter(lineSplit..<lines, start1) })
                }
            }
            n = v
        }

        // 3. Each partition: group equal coordinates; a group of 2+ uses (an end counts 2) is a
        //    node. `recordNode[i]` = node record of record i, or -1; `nodeFirst[r]` = the first
        //    vertex of node record r. Each half numbers its node records from 0; the second half
        //    is offset after.
        let halfPart = parts / 2
        var nodeFirst: [Int32] = []
        let recordNode = [Int32](unsafeUninitializedCapacity: v) { out, n in
            nonisolated(unsafe) let out = out
            records.withUnsafeBufferPointer { rs in
                nonisolated(unsafe) let rs = rs
                let (first, second) = ForkJoin.both(
                    { groupPartitions(0..<halfPart, partStart: partStart, maxPart: maxPart, records: rs, out: out) },
                    { groupPartitions(halfPart..<parts, partStart: partStart, maxPart: maxPart, records: rs, out: out) })
                let offset = Int32(first.count)
                if offset > 0 {
                    for i in partStart[halfPart]..<v where out[i] >= 0 { out[i] += offset }
                }
                nodeFirst = first + second
            }
            n = v
        }

        // 4. Nodes numbered by first vertex: node records sorted by it (radix sort, stable).
        let nodes = nodeFirst.count
        var keys = [UInt64](unsafeUninitializedCapacity: nodes) { buf, n in
            for r in 0..<nodes { buf[r] = UInt64(nodeFirst[r]) << 32 | UInt64(r) }
            n = nodes
        }
        RadixSort.sort(&keys, lowBit: 32, bitCount: max(1, Int.bitWidth - v.leadingZeroBitCount))
        var nodeOfRecord = [Int32](repeating: 0, count: nodes)
        let firstVertex = [Int32](unsafeUninitializedCapacity: nodes) { buf, n in
            for rank in 0..<nodes {
                let k = keys[rank]
                nodeOfRecord[Int(truncatingIfNeeded: k & 0xFFFF_FFFF)] = Int32(rank)
                buf[rank] = Int32(truncatingIfNeeded: k >> 32)
            }
            n = nodes
        }

        // 5. Back to vertex order (each half with its own cursors).
        nonisolated(unsafe) var nodeVertices = [0, 0]
        let vertexNode = [Int32](unsafeUninitializedCapacity: v) { buf, n in
            nonisolated(unsafe) let buf = buf
            part.withUnsafeBufferPointer { ps in
                recordNode.withUnsafeBufferPointer { rn in
                    nodeOfRecord.withUnsafeBufferPointer { nr in
                        nonisolated(unsafe) let ps = ps, rn = rn, nr = nr
                        func gather(_ range: Range<Int>, _ start: [Int]) -> Int {
                            var cursor = start, count = 0
                            cursor.withUnsafeMutableBufferPointer { cs in
                                for j in range {
                                    let p = Int(ps[j])
                                    let r = rn[cs[p]]
                                    cs[p] += 1
                                    if r < 0 { buf[j] = -1; continue }
                                    buf[j] = nr[Int(r)]
                                    count += 1
                                }
                            }
                            return count
                        }
                        let (c0, c1) = ForkJoin.both({ gather(vertexHalves[0], start0) }, { gather(vertexHalves[1], start1) })
                        nodeVertices = [c0, c1]
                    }
                }
            }
            n = v
        }
        return Result(vertexNode: vertexNode, firstVertex: firstVertex, nodeVertexCount: nodeVertices[0] + nodeVertices[1])
    }

    /// Groups the records of `partitions` (each partition on its own, in a cache-sized table),
    /// writes each record's node record to `out` (-1: not a node; numbered from 0 in partition
    /// order) and returns the first vertex of each node record.
    private static func groupPartitions(_ partitions: Range<Int>, partStart: [Int], maxPart: Int,
                                        records rs: UnsafeBufferPointer<Record>,
                                        out: UnsafeMutableBufferPointer<Int32>) -> [Int32] {
        var nodeFirst: [Int32] = []
        if let p = partitions.first { nodeFirst.reserveCapacity((partStart[partitions.upperBound] - partStart[p]) / 2) }
        var tableSize = 16
        while tableSize < 2 * maxPart { tableSize <<= 1 }
        var table = [Int32](repeating: -1, count: tableSize)
        var groupRecord = [Int32](repeating: 0, count: maxPart)
        var groupUses = [UInt8](repeating: 0, count: maxPart)
        table.withUnsafeMutableBufferPointer { tab in
            groupRecord.withUnsafeMutableBufferPointer { gRec in
                groupUses.withUnsafeMutableBufferPointer { gUses in
                    for p in partitions {
                        let lo = partStart[p], hi = partStart[p + 1]
                        if lo == hi { continue }
                        var mask = 15
                        while mask + 1 < 2 * (hi - lo) { mask = mask << 1 | 1 }
                        for s in 0...mask { tab[s] = -1 }
                        var groups: Int32 = 0
                        for i in lo..<hi {
                            let r = rs[i]
                            let add: UInt8 = r.vertex & endFlag != 0 ? 2 : 1
                            var s = Int(r.hash) & mask
                            while true {
                                let g = tab[s]
                                if g < 0 {
                                    tab[s] = groups
                                    gRec[Int(groups)] = Int32(i)
                                    gUses[Int(groups)] = add
                                    out[i] = groups
                                    groups += 1
                                    break
                                }
                                let q = rs[Int(gRec[Int(g)])]
                                if q.hash == r.hash && q.x == r.x && q.y == r.y {
                                    gUses[Int(g)] = min(2, gUses[Int(g)] + add)
                                    out[i] = g
                                    break
                                }
                                s = (s + 1) & mask
                            }
                        }
                        // Group ids → node records (reusing gRec). Records are in vertex order,
                        // so a group's first record holds its first vertex.
                        for g in 0..<Int(groups) {
                            if gUses[g] >= 2 {
                                nodeFirst.append(Int32(bitPattern: rs[Int(gRec[g])].vertex & ~endFlag))
                                gRec[g] = Int32(nodeFirst.count - 1)
                            } else {
                                gRec[g] = -1
                            }
                        }
                        for i in lo..<hi { out[i] = gRec[Int(out[i])] }
                    }
                }
            }
        }
        return nodeFirst
    }
}
