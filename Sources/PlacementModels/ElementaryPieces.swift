import Coverage
import Dispatch
import GeoCore

/// Street segments cut at every end point of every camera interval (existing cameras and
/// candidates) and at school circles, so that each piece is either wholly seen or wholly unseen
/// by each camera: the demand of camera placement.
///
/// Cut parameters closer than `toleranceMeters` along a segment are merged (the first value of a
/// run stands for all of it), so each interval end maps to exactly one cut — the first cut at or
/// after `t − tolerance`. Pieces are numbered by segment, then along the segment.
/// Struct-of-arrays; O(R log R) for R interval records.
struct ElementaryPieces {
    /// Per demand piece: segment, parameters, length (m) and weight.
    var segment: [Int32] = []
    var t0: [Double] = []
    var t1: [Double] = []
    var lengthMeters: [Double] = []
    var weights: [Double] = []
    /// Candidate coverage sets over demand pieces, CSR (one row per candidate camera).
    var coverOffsets: [Int] = [0]
    var coverIndices: [Int32] = []
    /// Metres of demand street the existing cameras already see.
    var coveredBeforeMeters = 0.0
    /// Metres of demand street some candidate sees that existing cameras do not (the most any
    /// plan can add).
    var coverableMeters = 0.0
    /// Pieces formed (all of them, before choosing demand).
    var pieceCount = 0
    /// Weighted metres (`StreetDemandWeighting`) of all demand street, and of the part existing
    /// cameras see (the denominators and start of a `.weighted` coverage target).
    var totalWeight = 0.0
    var coveredBeforeWeight = 0.0

    static let toleranceMeters = 1e-6

    /// Inputs that do not depend on the cameras.
    struct Context {
        var lines: LineSet
        /// Per street (line): is it demand, and its road-class weight.
        var isDemandStreet: [Bool]
        var classWeight: [Double]
        var weighting: StreetDemandWeighting
        var schools: [Point]
        /// Cut every demand street at its segment ends too, so that pieces tile the whole demand
        /// street and `totalWeight` / `coveredBeforeWeight` are exact (a `.weighted` target).
        var wholeStreets = false
    }

    static func build(_ ctx: Context, existing: CameraIntervalTable, candidates: CameraIntervalTable) -> ElementaryPieces {
        let lines = ctx.lines
        let S = lines.segmentCount
        let tables = [existing, candidates]

        // 1. Segments touched by any record; school circle crossings on them.
        var touched = [Bool](repeating: false, count: S)
        for t in tables { for s in t.segment { touched[Int(s)] = true } }
        var extraSegment: [Int32] = []
        var extraT: [Double] = []
        if ctx.wholeStreets {
            for s in 0..<S where ctx.isDemandStreet[Int(lines.line[s])] {
                touched[s] = true
                extraSegment += [Int32(s), Int32(s)]
                extraT += [0, 1]
            }
        }
        if ctx.weighting.schoolFactor != 1, !ctx.schools.isEmpty {
            let r = ctx.weighting.schoolRadiusMeters
            let tree = PackedRTree(ctx.schools.map { Envelope(minX: $0.x - r, minY: $0.y - r, maxX: $0.x + r, maxY: $0.y + r) })
            for s in 0..<S where touched[s] {
                let a = lines.a(s), b = lines.b(s)
                tree.search(Envelope(minX: min(a.x, b.x), minY: min(a.y, b.y), maxX: max(a.x, b.x), maxY: max(a.y, b.y))) { k in
                    for t in circleCrossings(a, b, center: ctx.schools[k], radius: r) {
                        extraSegment.append(Int32(s))
                        extraT.append(t)
                    }
                    return true
                }
            }
        }

        // 2. Raw cuts grouped by segment (counting sort), then sorted and merged per segment.
        var rawFirst = [Int](repeating: 0, count: S + 1)
        for t in tables { for s in t.segment { rawFirst[Int(s) + 1] += 2 } }
        for s in extraSegment { rawFirst[Int(s) + 1] += 1 }
        for s in 0..<S { rawFirst[s + 1] += rawFirst[s] }
        var raw = [Double](repeating: 0, count: rawFirst[S])
        var fill = rawFirst
        for t in tables {
            for k in 0..<t.recordCount {
                let s = Int(t.segment[k])
                raw[fill[s]] = t.t0[k]
                raw[fill[s] + 1] = t.t1[k]
                fill[s] += 2
            }
        }
        for (k, s) in extraSegment.enumerated() {
            raw[fill[Int(s)]] = extraT[k]
            fill[Int(s)] += 1
        }
        // Sort each segment's cut values (disjoint ranges of `raw`), in parallel.
        let rawStarts = rawFirst
        let segmentChunks = stride(from: 0, to: S, by: 4096).map { $0..<min($0 + 4096, S) }
        raw.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let all = buffer
            DispatchQueue.concurrentPerform(iterations: segmentChunks.count) { c in
                for s in segmentChunks[c] where rawStarts[s + 1] - rawStarts[s] > 1 {
                    var slice = UnsafeMutableBufferPointer(rebasing: all[rawStarts[s]..<rawStarts[s + 1]])
                    slice.sort()
                }
            }
        }
        var cuts: [Double] = []
        cuts.reserveCapacity(raw.count)
        var cutFirst = [Int](repeating: 0, count: S + 1)
        var tolT = [Double](repeating: 0, count: S)
        for s in 0..<S {
            cutFirst[s] = cuts.count
            let lo = rawFirst[s], hi = rawFirst[s + 1]
            guard hi > lo else { continue }
            let len = lines.lengthMeters[s]
            let tol = len > 0 ? toleranceMeters / len : 1
            tolT[s] = tol
            var last = -Double.infinity
            for i in lo..<hi where raw[i] - last > tol {
                cuts.append(raw[i])
                last = raw[i]
            }
        }
        cutFirst[S] = cuts.count
        // Pieces of segment s run from cut k to cut k + 1 for k in cutFirst[s] ..< cutFirst[s+1] − 1;
        // a piece is indexed by its first cut (the last cut of each segment starts no piece).
        let P = cuts.count
        let index = CutIndex(cuts: cuts, first: cutFirst, tolerance: tolT)

        // 3. Existing coverage and candidate coverage per piece (by first cut).
        var seenBefore = [Bool](repeating: false, count: P)
        var coverable = [Bool](repeating: false, count: P)
        for k in 0..<existing.recordCount {
            let s = Int(existing.segment[k])
            let a = index.find(s, existing.t0[k]), b = index.find(s, existing.t1[k])
            if a < b { for p in a..<b { seenBefore[p] = true } }
        }
        for k in 0..<candidates.recordCount {
            let s = Int(candidates.segment[k])
            let a = index.find(s, candidates.t0[k]), b = index.find(s, candidates.t1[k])
            if a < b { for p in a..<b { coverable[p] = true } }
        }

        // 4. Lengths, midpoints and incident counts of the pieces on demand streets.
        var out = ElementaryPieces()
        var pieceLength = [Double](repeating: 0, count: P)
        var isPiece = [Bool](repeating: false, count: P)
        for s in 0..<S where cutFirst[s + 1] - cutFirst[s] > 1 {
            let l = Int(lines.line[s])
            guard ctx.isDemandStreet[l] else { continue }
            let len = lines.lengthMeters[s]
            for p in cutFirst[s]..<(cutFirst[s + 1] - 1) {
                isPiece[p] = true
                pieceLength[p] = (cuts[p + 1] - cuts[p]) * len
                out.pieceCount += 1
                if seenBefore[p] { out.coveredBeforeMeters += pieceLength[p] }
            }
        }
        var incidentFactor: [Double]? = nil
        if !ctx.weighting.incidents.isEmpty, ctx.weighting.incidentWeight > 0 {
            incidentFactor = incidentFactors(ctx, cuts: cuts, cutFirst: cutFirst, isPiece: isPiece, pieceLength: pieceLength)
        }
        let schoolR2 = ctx.weighting.schoolRadiusMeters * ctx.weighting.schoolRadiusMeters
        let schoolTree: PackedRTree? = ctx.weighting.schoolFactor != 1 && !ctx.schools.isEmpty
            ? PackedRTree(ctx.schools.map { Envelope(minX: $0.x, minY: $0.y, maxX: $0.x, maxY: $0.y) }) : nil

        // 5. Demand pieces: on a demand street, seen by a candidate, not by an existing camera.
        var demandOf = [Int32](repeating: -1, count: P)
        for s in 0..<S where cutFirst[s + 1] - cutFirst[s] > 1 {
            let l = Int(lines.line[s])
            guard ctx.isDemandStreet[l] else { continue }
            for p in cutFirst[s]..<(cutFirst[s + 1] - 1) where pieceLength[p] > 0 {
                var w = pieceLength[p] * ctx.classWeight[l]
                if let tree = schoolTree {
                    let m = lines.a(s).lerp(lines.b(s), (cuts[p] + cuts[p + 1]) / 2)
                    let r = ctx.weighting.schoolRadiusMeters
                    var near = false
                    tree.search(Envelope(minX: m.x - r, minY: m.y - r, maxX: m.x + r, maxY: m.y + r)) { k in
                        if ctx.schools[k].distanceSquared(to: m) <= schoolR2 { near = true; return false }
                        return true
                    }
                    if near { w *= ctx.weighting.schoolFactor }
                }
                if let f = incidentFactor { w *= f[p] }
                out.totalWeight += w
                if seenBefore[p] { out.coveredBeforeWeight += w }
                guard coverable[p] && !seenBefore[p] else { continue }
                out.coverableMeters += pieceLength[p]
                guard w > 0 else { continue }
                demandOf[p] = Int32(out.weights.count)
                out.segment.append(Int32(s))
                out.t0.append(cuts[p])
                out.t1.append(cuts[p + 1])
                out.lengthMeters.append(pieceLength[p])
                out.weights.append(w)
            }
        }

        // 6. Coverage sets per candidate (records are grouped by candidate, sorted by segment),
        //    in parallel over fixed chunks of candidates, concatenated in order.
        let demandOfPiece = demandOf
        let C = candidates.cameraCount
        let chunks = stride(from: 0, to: C, by: 512).map { $0..<min($0 + 512, C) }
        var parts = [(counts: [Int], indices: [Int32])?](repeating: nil, count: chunks.count)
        parts.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: chunks.count) { ci in
                var counts: [Int] = []
                var indices: [Int32] = []
                for c in chunks[ci] {
                    let before = indices.count
                    var last: Int32 = -1
                    for k in candidates.offsets[c]..<candidates.offsets[c + 1] {
                        let s = Int(candidates.segment[k])
                        let a = index.find(s, candidates.t0[k]), b = index.find(s, candidates.t1[k])
                        guard a < b else { continue }
                        for p in a..<b {
                            let d = demandOfPiece[p]
                            if d > last {
                                indices.append(d)
                                last = d
                            }
                        }
                    }
                    counts.append(indices.count - before)
                }
                slots[ci] = (counts, indices)
            }
        }
        out.coverOffsets.reserveCapacity(C + 1)
        for part in parts {
            let part = part!
            for n in part.counts { out.coverOffsets.append(out.coverOffsets[out.coverOffsets.count - 1] + n) }
            out.coverIndices.append(contentsOf: part.indices)
        }
        return out
    }

    /// The cut of segment `s` standing for parameter `t`: the first cut ≥ `t − tolerance`.
    struct CutIndex: Sendable {
        let cuts: [Double]
        let first: [Int]
        let tolerance: [Double]

        @inline(__always) func find(_ s: Int, _ t: Double) -> Int {
            var lo = first[s], hi = first[s + 1]
            let x = t - tolerance[s]
            while lo < hi {
                let m = (lo + hi) >> 1
                if cuts[m] < x { lo = m + 1 } else { hi = m }
            }
            return lo
        }
    }

    /// Parameters in (0, 1) where segment a→b crosses the circle.
    static func circleCrossings(_ a: Point, _ b: Point, center c: Point, radius r: Double) -> [Double] {
        let d = b - a, f = a - c
        let A = d.dot(d)
        guard A > 0 else { return [] }
        let B = 2 * f.dot(d), C = f.dot(f) - r * r
        let disc = B * B - 4 * A * C
        guard disc > 0 else { return [] }
        let sq = disc.squareRoot()
        return [(-B - sq) / (2 * A), (-B + sq) / (2 * A)].filter { $0 > 0 && $0 < 1 }
    }

    /// `1 + weight × n / n̄` per piece (indexed by first cut); n = incidents within the radius of
    /// the piece's midpoint, n̄ its length-weighted mean over the demand-street pieces.
    static func incidentFactors(_ ctx: Context, cuts: [Double], cutFirst: [Int], isPiece: [Bool],
                                pieceLength: [Double]) -> [Double] {
        let pts = ctx.weighting.incidents
        let r = ctx.weighting.incidentRadiusMeters, r2 = r * r
        let tree = PackedRTree(pts.map { Envelope(minX: $0.x, minY: $0.y, maxX: $0.x, maxY: $0.y) })
        var n = [Double](repeating: 0, count: cuts.count)
        var sumN = 0.0, sumL = 0.0
        let lines = ctx.lines
        for s in 0..<(cutFirst.count - 1) where cutFirst[s + 1] - cutFirst[s] > 1 {
            for p in cutFirst[s]..<(cutFirst[s + 1] - 1) where isPiece[p] {
                let m = lines.a(s).lerp(lines.b(s), (cuts[p] + cuts[p + 1]) / 2)
                var count = 0
                tree.search(Envelope(minX: m.x - r, minY: m.y - r, maxX: m.x + r, maxY: m.y + r)) { k in
                    if pts[k].distanceSquared(to: m) <= r2 { count += 1 }
                    return true
                }
                n[p] = Double(count)
                sumN += Double(count) * pieceLength[p]
                sumL += pieceLength[p]
            }
        }
        let mean = sumL > 0 ? sumN / sumL : 0
        return n.map { mean > 0 ? 1 + ctx.weighting.incidentWeight * $0 / mean : 1 }
    }
}
