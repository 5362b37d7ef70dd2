import GeoCore

/// One camera without a mapped heading in the field-survey list: how many street metres of the
/// headline figure depend on where it points.
///
/// The two headings compared are the two assumptions of `MissingHeadingPolicy`: all round (the
/// upper bound) and aimed at the nearest street. Both are clipped to the headline's DORI level
/// (`Camera.limited(to:)`), so the metres are those of `covered_length_m`. The swing is a
/// marginal contribution, computed exactly on the street intervals: with every other camera as
/// the context assumes, `swing = |A \ U| − |B \ U|` for the camera's all-round intervals `A`,
/// its nearest-street intervals `B` and the union `U` of the other cameras' intervals — i.e.
/// exactly how much the covered length changes when this one camera is switched from all round
/// to its nearest-street heading. Metres another camera sees anyway do not count.
public struct HeadingSurveyEntry: Sendable, Hashable {
    /// 1 = the camera whose heading matters most to the headline figure.
    public var rank: Int
    /// Index into `CoverageResult.cameras`.
    public var cameraIndex: Int
    public var cameraId: String
    /// Resolved type key.
    public var type: String
    /// Mounting position in the working CRS, metres.
    public var position: Point
    /// The compass bearing (degrees clockwise from grid north) the camera gets when aimed at its
    /// nearest street; nil when no street is within `CameraResolver.nearestStreetMaxMeters`
    /// (it then stays all round under both assumptions and its swing is 0).
    public var nearestStreetHeadingDeg: Double?
    /// Street metres this camera sees at the headline level counted all round (alone).
    public var allRoundMeters: Double
    /// Street metres it sees aimed at its nearest street (alone).
    public var nearestStreetMeters: Double
    /// Swing with every other camera without a heading counted all round, metres.
    public var swingOthersAllRoundMeters: Double
    /// Swing with every other camera without a heading aimed at its nearest street, metres.
    public var swingOthersNearestMeters: Double
    /// The swing under the headline's own assumption for the other cameras (one of the two
    /// above): how much the headline figure moves when this camera's heading is surveyed and
    /// found to point at its nearest street. The list is ranked by it.
    public var swingMeters: Double
}

/// The field-survey list: cameras without a heading ranked by how much knowing their heading
/// would change the headline covered length.
public enum HeadingSurvey {
    /// Ranks the cameras that have no heading.
    ///
    /// - Parameters:
    ///   - allRound: the cameras resolved with `MissingHeadingPolicy.allRound`;
    ///   - nearest: the same records resolved with `.nearestStreet` (same order and count: the
    ///     two resolutions differ only in the cameras without a heading).
    ///   - lines: the street lines; `obstacles`, `occlusion`, `mergeToleranceMeters` as the
    ///     coverage run.
    ///   - level: the headline level (nil: plan ranges).
    ///   - headline: the assumption the headline figure uses for the other cameras.
    /// - Returns: one entry per camera with no heading (`Camera.HeadingSource.unknownAllRound`
    ///   in `allRound`), ranked by `swingMeters` (ties: the other swing, then the id).
    /// - Throws: `CovplanError(.software)` when the two resolutions do not match camera by
    ///   camera; `.dataError` for an impossible camera value.
    /// - Complexity: two camera passes (as `CoverageAnalysis.cameraIntervals`) plus
    ///   O(Σ_s u_s · k_s log k_s) for k_s records and u_s such cameras on segment s.
    public static func rank(allRound: [Camera], nearest: [Camera], lines: LineSet, obstacles: ObstacleIndex,
                            occlusion: Bool, level: DoriLevel?, headline: MissingHeadingPolicy,
                            mergeToleranceMeters: Double = 1e-6) throws(CovplanError) -> [HeadingSurveyEntry] {
        guard allRound.count == nearest.count, zip(allRound, nearest).allSatisfy({ $0.id == $1.id }) else {
            throw CovplanError(.software, "heading survey: the two camera resolutions differ")
        }
        let unknown = allRound.indices.filter { allRound[$0].headingSource == .unknownAllRound }
        guard !unknown.isEmpty else { return [] }
        var isUnknown = [Bool](repeating: false, count: allRound.count)
        for i in unknown { isUnknown[i] = true }
        func limit(_ c: Camera) -> Camera? { level.map { c.limited(to: $0) } ?? c }

        // Pass 1: every camera as counted all round; pass 2: the unknown ones aimed.
        var p1: [Camera] = [], p1Index: [Int] = []
        for (i, c) in allRound.enumerated() { if let l = limit(c) { p1.append(l); p1Index.append(i) } }
        var p2: [Camera] = [], p2Index: [Int] = []
        for i in unknown { if let l = limit(nearest[i]) { p2.append(l); p2Index.append(i) } }
        let t1 = try CoverageAnalysis.cameraIntervals(cameras: p1, lines: lines, obstacles: obstacles, occlusion: occlusion,
                                                      mergeToleranceMeters: mergeToleranceMeters)
        let t2 = try CoverageAnalysis.cameraIntervals(cameras: p2, lines: lines, obstacles: obstacles, occlusion: occlusion,
                                                      mergeToleranceMeters: mergeToleranceMeters)

        // All records by segment: (t0, t1, camera, pass).
        struct Rec { var t0: Double, t1: Double, camera: Int32, pass: Int8 }
        var bySegment = [Int32](repeating: 0, count: lines.segmentCount + 1)
        for s in t1.segment { bySegment[Int(s) + 1] += 1 }
        for s in t2.segment { bySegment[Int(s) + 1] += 1 }
        for s in 0..<lines.segmentCount { bySegment[s + 1] += bySegment[s] }
        var fill = bySegment
        var recs = [Rec](repeating: Rec(t0: 0, t1: 0, camera: 0, pass: 0), count: t1.recordCount + t2.recordCount)
        var alone = [(Double, Double)](repeating: (0, 0), count: allRound.count)
        for (table, index, pass) in [(t1, p1Index, Int8(1)), (t2, p2Index, Int8(2))] {
            for c in 0..<table.cameraCount {
                let cam = index[c]
                for k in table.offsets[c]..<table.offsets[c + 1] {
                    let s = Int(table.segment[k])
                    recs[Int(fill[s])] = Rec(t0: table.t0[k], t1: table.t1[k], camera: Int32(cam), pass: pass)
                    fill[s] += 1
                    let m = (table.t1[k] - table.t0[k]) * lines.lengthMeters[s]
                    if pass == 1 { alone[cam].0 += m } else { alone[cam].1 += m }
                }
            }
        }

        // Per segment, per unknown camera on it: the exact swing in both contexts.
        let chunks = ParallelChunks.ranges(count: lines.segmentCount, chunkSize: 4096)
        let parts = ParallelChunks.map(chunks) { range -> [(camera: Int32, high: Double, low: Double)] in
            var out: [(camera: Int32, high: Double, low: Double)] = []
            var events: [(t: Double, others: Int32, a: Int8, b: Int8)] = []
            var present: [Int32] = []
            for s in range {
                let r0 = Int(bySegment[s]), r1 = Int(bySegment[s + 1])
                guard r1 > r0 else { continue }
                present.removeAll(keepingCapacity: true)
                for r in r0..<r1 where isUnknown[Int(recs[r].camera)] { present.append(recs[r].camera) }
                guard !present.isEmpty else { continue }
                present.sort()
                var last: Int32 = -1
                for j in present where j != last {
                    last = j
                    var swing = (high: 0.0, low: 0.0)
                    for allRoundContext in [true, false] {
                        events.removeAll(keepingCapacity: true)
                        for r in r0..<r1 {
                            let x = recs[r]
                            var others: Int32 = 0, a: Int8 = 0, b: Int8 = 0
                            if x.camera == j {
                                if x.pass == 1 { a = 1 } else { b = 1 }
                            } else if isUnknown[Int(x.camera)] {
                                // Another camera without a heading: its interval in this context.
                                if (x.pass == 1) == allRoundContext { others = 1 }
                            } else if x.pass == 1 {
                                others = 1
                            }
                            guard others != 0 || a != 0 || b != 0 else { continue }
                            events.append((x.t0, others, a, b))
                            events.append((x.t1, -others, -a, -b))
                        }
                        events.sort { $0.t < $1.t }
                        var o: Int32 = 0, inA = 0, inB = 0, t = 0.0, sum = 0.0
                        for e in events {
                            if e.t > t, o == 0 { sum += Double(inA - inB) * (e.t - t) }
                            t = e.t
                            o += e.others; inA += Int(e.a); inB += Int(e.b)
                        }
                        let m = sum * lines.lengthMeters[s]
                        if allRoundContext { swing.high = m } else { swing.low = m }
                    }
                    out.append((j, swing.high, swing.low))
                }
            }
            return out
        }
        var high = [Double](repeating: 0, count: allRound.count), low = high
        for p in parts { for x in p { high[Int(x.camera)] += x.high; low[Int(x.camera)] += x.low } }

        var entries = unknown.map { i in
            let h = headline == .allRound ? high[i] : low[i]
            return HeadingSurveyEntry(
                rank: 0, cameraIndex: i, cameraId: allRound[i].id, type: allRound[i].type, position: allRound[i].position,
                nearestStreetHeadingDeg: nearest[i].headingSource == .nearestStreet ? nearest[i].headingDeg : nil,
                allRoundMeters: alone[i].0, nearestStreetMeters: alone[i].1, swingOthersAllRoundMeters: high[i],
                swingOthersNearestMeters: low[i], swingMeters: h)
        }
        entries.sort { a, b in
            if a.swingMeters != b.swingMeters { return a.swingMeters > b.swingMeters }
            let (ao, bo) = headline == .allRound ? (a.swingOthersNearestMeters, b.swingOthersNearestMeters)
                : (a.swingOthersAllRoundMeters, b.swingOthersAllRoundMeters)
            if ao != bo { return ao > bo }
            return a.cameraId < b.cameraId
        }
        for k in entries.indices { entries[k].rank = k + 1 }
        return entries
    }
}
