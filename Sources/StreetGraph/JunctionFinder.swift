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
        @inline(__always) func partition(_ h: UInt64) -> Int { Int(truncatingIfNeeded: h >> 52) >> (12 - bits) }

        // 1. Partition of each vertex, and partition sizes.
        var partStart = [Int](repeating: 0, count: parts + 1)
        let part = [UInt16](unsafeUninitializedCapacity: v) { buf, n in
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeBufferPointer { ys in
                    partStart.withUnsafeMutableBufferPointer { ps in
                        for j in 0..<v {
                            let p = partition(mix(xs[j], ys[j]))
                            buf[j] = UInt16(truncatingIfNeeded: p)
                            ps[p + 1] += 1
                        }
                    }
                }
            }
            n = v
        }
        var maxPart = 0
        for p in 0..<parts {
            maxPart = max(maxPart, partStart[p + 1])
            partStart[p + 1] += partStart[p]
        }

        // 2. Scatter the vertices into partition order (stable: vertex order within a partition).
        var cursor = partStart
        let records = [Record](unsafeUninitializedCapacity: v) { buf, n in
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeBufferPointer { ys in
                    cursor.withUnsafeMutableBufferPointer { cs in
                        for l in 0..<(lineStart.count - 1) {
                            let a = lineStart[l], b = lineStart[l + 1]
                            for j in a..<b {
                                let h = mix(xs[j], ys[j])
                                let p = partition(h)
                                let end: UInt32 = (j == a || j == b - 1) ? endFlag : 0
                                buf[cs[p]] = Record(x: xs[j], y: ys[j], hash: UInt32(truncatingIfNeeded: h),
                                                    vertex: UInt32(j) | end)
                                cs[p] += 1
                            }
                        }
                    }
                }
            }
            n = v
        }

        // 3. Each partition: group equal coordinates; a group of 2+ uses (an end counts 2) is a node.
        //    `recordNode[i]` = node record of record i, or -1. The two halves of the partitions
        //    run concurrently, each numbering its node records from 0; the second is offset after.
        let halfPart = parts / 2
        var nodeRecords = 0
        let recordNode = [Int32](unsafeUninitializedCapacity: v) { out, n in
            nonisolated(unsafe) let out = out
            records.withUnsafeBufferPointer { rs in
                nonisolated(unsafe) let rs = rs
                let (first, second) = ForkJoin.both(
                    { groupPartitions(0..<halfPart, partStart: partStart, maxPart: maxPart, records: rs, out: out) },
                    { groupPartitions(halfPart..<parts, partStart: partStart, maxPart: maxPart, records: rs, out: out) })
                if first > 0 {
                    for i in partStart[halfPart]..<v where out[i] >= 0 { out[i] += first }
                }
                nodeRecords = Int(first + second)
            }
            n = v
        }

        // 4. Back to vertex order; number nodes by first occurrence.
        cursor = partStart
        var nodeOfRecord = [Int32](repeating: -1, count: nodeRecords)
        var firstVertex = [Int32]()
        firstVertex.reserveCapacity(nodeRecords)
        var nodeVertexCount = 0
        let vertexNode = [Int32](unsafeUninitializedCapacity: v) { buf, n in
            part.withUnsafeBufferPointer { ps in
                recordNode.withUnsafeBufferPointer { rn in
                    cursor.withUnsafeMutableBufferPointer { cs in
                        nodeOfRecord.withUnsafeMutableBufferPointer { nr in
                            for j in 0..<v {
                                let p = Int(ps[j])
                                let r = Int(rn[cs[p]])
                                cs[p] += 1
                                if r < 0 { buf[j] = -1; continue }
                                nodeVertexCount += 1
                                if nr[r] < 0 {
                                    nr[r] = Int32(firstVertex.count)
                                    firstVertex.append(Int32(j))
                                }
                                buf[j] = nr[r]
                            }
                        }
                    }
                }
            }
            n = v
        }
        return Result(vertexNode: vertexNode, firstVertex: firstVertex, nodeVertexCount: nodeVertexCount)
    }

    /// Groups the records of `partitions` (each partition on its own, in a cache-sized table) and
    /// writes each record's node record to `out` (-1: not a node). Returns the number of node
    /// records, numbered from 0 in partition order.
    private static func groupPartitions(_ partitions: Range<Int>, partStart: [Int], maxPart: Int,
                                        records rs: UnsafeBufferPointer<Record>,
                                        out: UnsafeMutableBufferPointer<Int32>) -> Int32 {
        var nodeRecords: Int32 = 0
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
                        // Group ids → node records (reusing gRec).
                        for g in 0..<Int(groups) {
                            if gUses[g] >= 2 { gRec[g] = nodeRecords; nodeRecords += 1 } else { gRec[g] = -1 }
                        }
                        for i in lo..<hi { out[i] = gRec[Int(out[i])] }
                    }
                }
            }
        }
        return nodeRecords
    }
}
