import GeoCore

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
/// passes instead of one cache miss per vertex. Hashing, partitioning, grouping and gathering run
/// on two threads; the final numbering is one sequential pass. O(V) time; about 30 bytes of
/// scratch per vertex.
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

    /// One vertex in partition order: its coordinates (metres).
    private struct Record {
        var x: Double
        var y: Double
    }

    /// `recordNode` value of a coordinate used once (a node only if that use is a line end).
    private static let single: Int32 = -2

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
        precondition(v < Int(Int32.max) && y.count == v)
        // Partitions of about 4k–8k vertices: records plus table fit in the L2 cache.
        var bits = 0
        while bits < 12 && (v >> bits) > 8192 { bits += 1 }
        let parts = 1 << bits
        let shift = UInt64(64 - bits)  // (a shift by 64 gives 0: one partition)
        // Hashing, scatter and gather are split in two vertex halves, grouping in two halves of
        // the partitions; the halves run concurrently.
        let halves = [0..<(v / 2), (v / 2)..<v]

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
                    _ = ParallelChunks.both({ histogram(halves[0], &count0) }, { histogram(halves[1], &count1) })
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

        // 2. Scatter the coordinates into partition order.
        let records = [Record](unsafeUninitializedCapacity: v) { buf, n in
            nonisolated(unsafe) let buf = buf
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeBufferPointer { ys in
                    part.withUnsafeBufferPointer { ps in
                        nonisolated(unsafe) let xs = xs, ys = ys, ps = ps
                        func scatter(_ range: Range<Int>, _ start: [Int]) {
                            var cursor = start
                            cursor.withUnsafeMutableBufferPointer { cs in
                                for j in range {
                                    let p = Int(ps[j])
                                    buf[cs[p]] = Record(x: xs[j], y: ys[j])
                                    cs[p] += 1
                                }
                            }
                        }
                        _ = ParallelChunks.both({ scatter(halves[0], start0) }, { scatter(halves[1], start1) })
                    }
                }
            }
            n = v
        }

        // 3. Each partition: group equal coordinates. `recordNode[i]` = group of record i when
        //    its coordinate is used twice or more (numbered per half of the partitions, the
        //    second half offset after), else `single`.
        let halfPart = parts / 2
        var groupCount = 0
        let recordNode = [Int32](unsafeUninitializedCapacity: v) { out, n in
            nonisolated(unsafe) let out = out
            records.withUnsafeBufferPointer { rs in
                nonisolated(unsafe) let rs = rs
                let (first, second) = ParallelChunks.both(
                    { groupPartitions(0..<halfPart, partStart: partStart, maxPart: maxPart, records: rs, out: out) },
                    { groupPartitions(halfPart..<parts, partStart: partStart, maxPart: maxPart, records: rs, out: out) })
                if first > 0 {
                    for i in partStart[halfPart]..<v where out[i] >= 0 { out[i] += first }
                }
                groupCount = Int(first + second)
            }
            n = v
        }

        // 4. Back to vertex order (each half with its own cursors).
        var vertexNode = [Int32](unsafeUninitializedCapacity: v) { buf, n in
            nonisolated(unsafe) let buf = buf
            part.withUnsafeBufferPointer { ps in
                recordNode.withUnsafeBufferPointer { rn in
                    nonisolated(unsafe) let ps = ps, rn = rn
                    func gather(_ range: Range<Int>, _ start: [Int]) {
                        var cursor = start
                        cursor.withUnsafeMutableBufferPointer { cs in
                            for j in range {
                                let p = Int(ps[j])
                                buf[j] = rn[cs[p]]
                                cs[p] += 1
                            }
                        }
                    }
                    _ = ParallelChunks.both({ gather(halves[0], start0) }, { gather(halves[1], start1) })
                }
            }
            n = v
        }

        // 5. Nodes, numbered by first vertex: shared coordinates, and line ends used once.
        var nodeOfGroup = [Int32](repeating: -1, count: groupCount)
        var firstVertex: [Int32] = []
        firstVertex.reserveCapacity(groupCount + lineStart.count)
        var nodeVertexCount = 0
        vertexNode.withUnsafeMutableBufferPointer { vn in
            nodeOfGroup.withUnsafeMutableBufferPointer { ng in
                for l in 0..<(lineStart.count - 1) {
                    let a = lineStart[l], b = lineStart[l + 1]
                    for j in a..<b {
                        let g = vn[j]
                        if g == single {
                            guard j == a || j == b - 1 else { vn[j] = -1; continue }
                            vn[j] = Int32(firstVertex.count)
                            firstVertex.append(Int32(j))
                        } else {
                            if ng[Int(g)] < 0 {
                                ng[Int(g)] = Int32(firstVertex.count)
                                firstVertex.append(Int32(j))
                            }
                            vn[j] = ng[Int(g)]
                        }
                        nodeVertexCount += 1
                    }
                }
            }
        }
        return Result(vertexNode: vertexNode, firstVertex: firstVertex, nodeVertexCount: nodeVertexCount)
    }

    /// Groups the records of `partitions` (each partition on its own, in a cache-sized table) and
    /// writes each record's group to `out`: numbered from 0 in partition order when the
    /// coordinate occurs twice or more, else `single`. Returns the number of such groups.
    private static func groupPartitions(_ partitions: Range<Int>, partStart: [Int], maxPart: Int,
                                        records rs: UnsafeBufferPointer<Record>,
                                        out: UnsafeMutableBufferPointer<Int32>) -> Int32 {
        var shared: Int32 = 0
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
                            var s = Int(truncatingIfNeeded: mix(r.x, r.y)) & mask
                            while true {
                                let g = tab[s]
                                if g < 0 {
                                    tab[s] = groups
                                    gRec[Int(groups)] = Int32(i)
                                    gUses[Int(groups)] = 1
                                    out[i] = groups
                                    groups += 1
                                    break
                                }
                                let q = rs[Int(gRec[Int(g)])]
                                if q.x == r.x && q.y == r.y {
                                    gUses[Int(g)] = 2
                                    out[i] = g
                                    break
                                }
                                s = (s + 1) & mask
                            }
                        }
                        // Group ids → shared-group numbers (reusing gRec).
                        for g in 0..<Int(groups) {
                            if gUses[g] >= 2 { gRec[g] = shared; shared += 1 } else { gRec[g] = single }
                        }
                        for i in lo..<hi { out[i] = gRec[Int(out[i])] }
                    }
                }
            }
        }
        return shared
    }
}
