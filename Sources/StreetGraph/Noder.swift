import GeoCore

/// Prepares street polylines for splitting: crossing noding, end-to-interior joins and vertex
/// snapping, as described in `NodingOptions`. Works on plain point arrays in metres.
///
/// Complexity: crossings O(S log S + K) for S segments and K candidate pairs (R-tree); snapping
/// O(V) expected (grid hashing of distinct coordinates).
enum Noder {
    struct Result {
        var lines: [[Point]]
        var crossings = 0
        var endpointsJoined = 0
        var mergedVertices = 0
    }

    /// Removes consecutive duplicate vertices.
    static func dedupe(_ pts: [Point]) -> [Point] {
        guard var last = pts.first else { return [] }
        var out: [Point] = [last]
        out.reserveCapacity(pts.count)
        for p in pts.dropFirst() where p != last {
            out.append(p)
            last = p
        }
        return out
    }

    static func run(_ input: [[Point]], options: NodingOptions) -> Result {
        var result = Result(lines: input)
        if options.nodeCrossings { nodeCrossings(&result, tolerance: options.snapToleranceMeters) }
        if options.snapToleranceMeters > 0 { snap(&result, tolerance: options.snapToleranceMeters) }
        return result
    }

    // MARK: crossings and end joins

    private struct Insertion {
        var segment: Int
        var t: Double
        var point: Point
    }

    private static func nodeCrossings(_ result: inout Result, tolerance: Double) {
        let lines = result.lines
        var segLine: [Int32] = []
        var segIndex: [Int32] = []
        var envelopes: [Envelope] = []
        for (l, pts) in lines.enumerated() where pts.count > 1 {
            for i in 0..<(pts.count - 1) {
                segLine.append(Int32(l))
                segIndex.append(Int32(i))
                envelopes.append(Envelope(of: [pts[i], pts[i + 1]]))
            }
        }
        let tree = PackedRTree(envelopes)
        var inserts = [[Insertion]](repeating: [], count: lines.count)

        // Proper crossings, each pair once (s < j).
        for s in 0..<envelopes.count {
            let l = Int(segLine[s]), i = Int(segIndex[s])
            let a = lines[l][i], b = lines[l][i + 1]
            tree.search(envelopes[s]) { j in
                if j <= s { return true }
                let m = Int(segLine[j]), k = Int(segIndex[j])
                if m == l && abs(k - i) <= 1 { return true }
                let c = lines[m][k], d = lines[m][k + 1]
                guard let (t, u) = Planar.segmentIntersection(a, b, c, d) else { return true }
                // A crossing at an existing vertex uses that vertex's exact coordinate.
                var p = a.lerp(b, t)
                let eps2 = 1e-18 + 1e-24 * (p.x * p.x + p.y * p.y)
                for q in [a, b, c, d] where q.distanceSquared(to: p) <= eps2 { p = q; break }
                let onAB = p == a || p == b, onCD = p == c || p == d
                if onAB && onCD { return true }  // already a shared vertex (or touching ends)
                if !onAB { inserts[l].append(Insertion(segment: i, t: t, point: p)) }
                if !onCD { inserts[m].append(Insertion(segment: k, t: u, point: p)) }
                result.crossings += 1
                return true
            }
        }

        // Line ends within the tolerance of another line's interior: insert the end there.
        if tolerance > 0 {
            let tol2 = tolerance * tolerance
            for (l, pts) in lines.enumerated() where pts.count > 1 {
                for end in [0, pts.count - 1] {
                    let e = pts[end]
                    var best: (seg: Int, t: Double, d2: Double)?
                    tree.search(Envelope(of: [e]).buffered(by: tolerance)) { j in
                        let m = Int(segLine[j]), k = Int(segIndex[j])
                        if m == l && (k == end || k == end - 1) { return true }
                        let c = lines[m][k], d = lines[m][k + 1]
                        // Near a vertex: vertex snapping handles it.
                        if e.distanceSquared(to: c) <= tol2 || e.distanceSquared(to: d) <= tol2 { return true }
                        let (t, d2) = Planar.closestOnSegment(e, c, d)
                        guard d2 <= tol2, t > 0, t < 1 else { return true }
                        if best == nil || d2 < best!.d2 || (d2 == best!.d2 && j < best!.seg) { best = (j, t, d2) }
                        return true
                    }
                    if let best {
                        let m = Int(segLine[best.seg]), k = Int(segIndex[best.seg])
                        inserts[m].append(Insertion(segment: k, t: best.t, point: e))
                        result.endpointsJoined += 1
                    }
                }
            }
        }

        for l in 0..<lines.count where !inserts[l].isEmpty {
            let ins = inserts[l].sorted { ($0.segment, $0.t, $0.point.x, $0.point.y) < ($1.segment, $1.t, $1.point.x, $1.point.y) }
            let pts = lines[l]
            var out: [Point] = []
            out.reserveCapacity(pts.count + ins.count)
            var n = 0
            for i in 0..<pts.count {
                out.append(pts[i])
                while n < ins.count && ins[n].segment == i {
                    if out.last != ins[n].point { out.append(ins[n].point) }
                    n += 1
                }
            }
            result.lines[l] = dedupe(out)
        }
    }

    // MARK: snapping

    private struct Cell: Hashable {
        var x: Int64
        var y: Int64
    }

    private static func snap(_ result: inout Result, tolerance: Double) {
        var total = 0
        for l in result.lines { total += l.count }
        var table = CoordinateTable(expectedCount: total)
        var unique: [Point] = []
        unique.reserveCapacity(total)
        for line in result.lines {
            for p in line where table.insert(p.x, p.y) == Int32(unique.count) { unique.append(p) }
        }
        let tol2 = tolerance * tolerance
        var grid: [Cell: [Int32]] = [:]
        var representative = [Int32](repeating: 0, count: unique.count)
        func cell(_ p: Point) -> Cell { Cell(x: Int64((p.x / tolerance).rounded(.down)), y: Int64((p.y / tolerance).rounded(.down))) }
        for (i, p) in unique.enumerated() {
            let c = cell(p)
            var best: Int32 = -1
            var bestD2 = Double.infinity
            for dx in -1...1 {
                for dy in -1...1 {
                    guard let reps = grid[Cell(x: c.x + Int64(dx), y: c.y + Int64(dy))] else { continue }
                    for r in reps {
                        let d2 = unique[Int(r)].distanceSquared(to: p)
                        if d2 <= tol2 && (d2 < bestD2 || (d2 == bestD2 && r < best)) { best = r; bestD2 = d2 }
                    }
                }
            }
            if best >= 0 {
                representative[i] = best
                result.mergedVertices += 1
            } else {
                representative[i] = Int32(i)
                grid[c, default: []].append(Int32(i))
            }
        }
        if result.mergedVertices == 0 { return }
        for l in 0..<result.lines.count {
            let moved = result.lines[l].map { p in unique[Int(representative[Int(table.lookup(p.x, p.y)!)])] }
            result.lines[l] = dedupe(moved)
        }
    }
}
