/// Street lines cut into edges at their node vertices: edge `e` runs from one node vertex of a
/// line to the next. Edges are numbered line by line in line order.
///
/// The edges (nodes, directions, lengths, times) and their polylines are built by separate passes
/// over the lines, each writing few arrays through raw pointers; the two are independent and may
/// run concurrently.
enum EdgeSplit {
    /// Which nodes each edge joins, which ways it may be travelled, its length and time.
    struct Edges {
        /// Start node of each edge.
        var from: [Int32]
        /// End node of each edge.
        var to: [Int32]
        /// Bit 0 = forward allowed, bit 1 = backward allowed.
        var access: [UInt8]
        /// Input index of the street each edge was cut from.
        var street: [Int32]
        /// Planar length in metres: segment lengths summed in order from the first vertex.
        var lengthMeters: [Double]
        /// Travel time in seconds: length ÷ the line's speed (m/s).
        var seconds: [Double]
    }

    /// Polylines of the edges (metres).
    struct Polylines {
        /// Edge `e`'s vertices are `vertexX/Y[vertexStart[e] ..< vertexStart[e + 1]]`.
        var vertexStart: [Int32]
        var vertexX: [Double]
        var vertexY: [Double]
    }

    /// The number of edges and of edge vertices for lines with `nodeVertices` node vertices in all
    /// (every line has two or more vertices and a node at each end; inner nodes are shared by two
    /// edges, so their vertex is stored twice).
    static func counts(lines: StreetLines, nodeVertices: Int) -> (edges: Int, vertices: Int) {
        (nodeVertices - lines.lineCount, lines.x.count + nodeVertices - 2 * lines.lineCount)
    }

    /// The edges of `lines`, given the node of each vertex (-1: not a node), renumbered through
    /// `newId` when given, and the allowed directions of each line (bit 0 forward, bit 1 backward).
    static func edges(lines: StreetLines, vertexNode: [Int32], newId: [Int32]?, edgeCount m: Int,
                      lineAccess: (Int) -> UInt8) -> Edges {
        var to: [Int32] = [], access: [UInt8] = [], street: [Int32] = [], length: [Double] = [], seconds: [Double] = []
        let from = [Int32](unsafeUninitializedCapacity: m) { fromBuf, fromCount in
        to = [Int32](unsafeUninitializedCapacity: m) { toBuf, toCount in
        access = [UInt8](unsafeUninitializedCapacity: m) { accBuf, accCount in
        street = [Int32](unsafeUninitializedCapacity: m) { stBuf, stCount in
        length = [Double](unsafeUninitializedCapacity: m) { lenBuf, lenCount in
        seconds = [Double](unsafeUninitializedCapacity: m) { secBuf, secCount in
            var e = 0
            lines.x.withUnsafeBufferPointer { fx in
                lines.y.withUnsafeBufferPointer { fy in
                    vertexNode.withUnsafeBufferPointer { vn in
                        (newId ?? []).withUnsafeBufferPointer { ids in
                            let renumber = newId != nil
                            for l in 0..<lines.lineCount {
                                let a = lines.lineStart[l], b = lines.lineStart[l + 1]
                                let acc = lineAccess(l), st = lines.street[l], mps = lines.metresPerSecond[l]
                                var u = renumber ? ids[Int(vn[a])] : vn[a]
                                var len = 0.0
                                for j in (a + 1)..<b {
                                    let dx = fx[j] - fx[j - 1], dy = fy[j] - fy[j - 1]
                                    len += (dx * dx + dy * dy).squareRoot()
                                    let w = vn[j]
                                    if w < 0 { continue }
                                    let node = renumber ? ids[Int(w)] : w
                                    fromBuf[e] = u; toBuf[e] = node; accBuf[e] = acc; stBuf[e] = st
                                    lenBuf[e] = len; secBuf[e] = len / mps
                                    e += 1
                                    u = node
                                    len = 0
                                }
                            }
                        }
                    }
                }
            }
            precondition(e == m)
            secCount = m
        }
            lenCount = m
        }
            stCount = m
        }
            accCount = m
        }
            toCount = m
        }
            fromCount = m
        }
        return Edges(from: from, to: to, access: access, street: street, lengthMeters: length, seconds: seconds)
    }

    /// The polylines of the edges of `lines`, given which vertices are nodes (`vertexNode` >= 0).
    static func polylines(lines: StreetLines, vertexNode: [Int32], edgeCount m: Int, vertexCount: Int) -> Polylines {
        var vx: [Double] = [], vy: [Double] = []
        let vertexStart = [Int32](unsafeUninitializedCapacity: m + 1) { startBuf, startCount in
        vx = [Double](unsafeUninitializedCapacity: vertexCount) { vxBuf, vxCount in
        vy = [Double](unsafeUninitializedCapacity: vertexCount) { vyBuf, vyCount in
            var e = 0, k = 0
            startBuf[0] = 0
            lines.x.withUnsafeBufferPointer { fx in
                lines.y.withUnsafeBufferPointer { fy in
                    vertexNode.withUnsafeBufferPointer { vn in
                        for l in 0..<lines.lineCount {
                            let a = lines.lineStart[l], b = lines.lineStart[l + 1]
                            vxBuf[k] = fx[a]; vyBuf[k] = fy[a]; k += 1
                            for j in (a + 1)..<b {
                                vxBuf[k] = fx[j]; vyBuf[k] = fy[j]; k += 1
                                if vn[j] < 0 { continue }
                                e += 1
                                startBuf[e] = Int32(k)
                                // An inner node also starts the next edge.
                                if j < b - 1 { vxBuf[k] = fx[j]; vyBuf[k] = fy[j]; k += 1 }
                            }
                        }
                    }
                }
            }
            precondition(e == m && k == vertexCount)
            vyCount = vertexCount
        }
            vxCount = vertexCount
        }
            startCount = m + 1
        }
        return Polylines(vertexStart: vertexStart, vertexX: vx, vertexY: vy)
    }
}
