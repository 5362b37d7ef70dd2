/// Street lines cut into edges at their node vertices: edge `e` runs from one node vertex of a
/// line to the next. Edges are numbered line by line in line order.
///
/// The topology and the geometry are built by separate passes over the lines (each pass writes few
/// arrays through raw pointers; the two are independent and may run concurrently).
enum EdgeSplit {
    /// Which nodes each edge joins, which ways it may be travelled, and its street.
    struct Topology {
        /// Start node of each edge.
        var from: [Int32]
        /// End node of each edge.
        var to: [Int32]
        /// Bit 0 = forward allowed, bit 1 = backward allowed.
        var access: [UInt8]
        /// Input index of the street each edge was cut from.
        var street: [Int32]
    }

    /// Polylines (metres), lengths (metres) and travel times (seconds) of the edges.
    struct Geometry {
        var lengthMeters: [Double]
        var seconds: [Double]
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

    /// Edge topology of `lines`, given the node of each vertex (-1: not a node) and the allowed
    /// directions of each line (bit 0 forward, bit 1 backward).
    static func topology(lines: StreetLines, vertexNode: [Int32], edgeCount m: Int, lineAccess: (Int) -> UInt8) -> Topology {
        var to: [Int32] = [], access: [UInt8] = [], street: [Int32] = []
        let from = [Int32](unsafeUninitializedCapacity: m) { fromBuf, fromCount in
            to = [Int32](unsafeUninitializedCapacity: m) { toBuf, toCount in
                access = [UInt8](unsafeUninitializedCapacity: m) { accBuf, accCount in
                    street = [Int32](unsafeUninitializedCapacity: m) { stBuf, stCount in
                        var e = 0
                        vertexNode.withUnsafeBufferPointer { vn in
                            for l in 0..<lines.lineCount {
                                let a = lines.lineStart[l], b = lines.lineStart[l + 1]
                                let acc = lineAccess(l), st = lines.street[l]
                                var u = vn[a]
                                for j in (a + 1)..<b {
                                    let w = vn[j]
                                    if w < 0 { continue }
                                    fromBuf[e] = u; toBuf[e] = w; accBuf[e] = acc; stBuf[e] = st
                                    e += 1
                                    u = w
                                }
                            }
                        }
                        precondition(e == m)
                        stCount = m
                    }
                    accCount = m
                }
                toCount = m
            }
            fromCount = m
        }
        return Topology(from: from, to: to, access: access, street: street)
    }

    /// Edge geometry of `lines`, given the node of each vertex (-1: not a node).
    ///
    /// Length is the sum of segment lengths from the edge's first vertex, in order; seconds =
    /// length ÷ the line's speed in m/s.
    static func geometry(lines: StreetLines, vertexNode: [Int32], edgeCount m: Int, vertexCount: Int) -> Geometry {
        var seconds: [Double] = [], vertexStart: [Int32] = [], vx: [Double] = [], vy: [Double] = []
        let length = [Double](unsafeUninitializedCapacity: m) { lenBuf, lenCount in
            seconds = [Double](unsafeUninitializedCapacity: m) { secBuf, secCount in
                vertexStart = [Int32](unsafeUninitializedCapacity: m + 1) { startBuf, startCount in
                    vx = [Double](unsafeUninitializedCapacity: vertexCount) { vxBuf, vxCount in
                        vy = [Double](unsafeUninitializedCapacity: vertexCount) { vyBuf, vyCount in
                            var e = 0, k = 0
                            startBuf[0] = 0
                            lines.x.withUnsafeBufferPointer { fx in
                                lines.y.withUnsafeBufferPointer { fy in
                                    vertexNode.withUnsafeBufferPointer { vn in
                                        for l in 0..<lines.lineCount {
                                            let a = lines.lineStart[l], b = lines.lineStart[l + 1]
                                            let mps = lines.metresPerSecond[l]
                                            vxBuf[k] = fx[a]; vyBuf[k] = fy[a]; k += 1
                                            var len = 0.0
                                            for j in (a + 1)..<b {
                                                let dx = fx[j] - fx[j - 1], dy = fy[j] - fy[j - 1]
                                                len += (dx * dx + dy * dy).squareRoot()
                                                vxBuf[k] = fx[j]; vyBuf[k] = fy[j]; k += 1
                                                if vn[j] < 0 { continue }
                                                lenBuf[e] = len
                                                secBuf[e] = len / mps
                                                e += 1
                                                startBuf[e] = Int32(k)
                                                // An inner node also starts the next edge.
                                                if j < b - 1 { vxBuf[k] = fx[j]; vyBuf[k] = fy[j]; k += 1 }
                                                len = 0
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
                secCount = m
            }
            lenCount = m
        }
        return Geometry(lengthMeters: length, seconds: seconds, vertexStart: vertexStart, vertexX: vx, vertexY: vy)
    }
}
