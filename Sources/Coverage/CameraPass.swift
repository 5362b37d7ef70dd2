import GeoCore

/// Covered parameter intervals of line segments, one record per (segment, camera, interval),
/// struct-of-arrays.
struct IntervalRecords: Sendable {
    var segment: [Int32] = []
    var t0: [Double] = []
    var t1: [Double] = []
    var camera: [Int32] = []

    var count: Int { segment.count }

    init() {}
}

/// The per-camera pass: each camera's visibility region, intersected with every nearby segment of
/// each line set. Cameras are worked in Z-order of their position (`SpatialOrder`), so that
/// neighbouring cameras share cached street data, in fixed chunks in parallel; the output is in
/// camera order, so independent of the work order.
enum CameraPass {
    struct Output {
        /// One record list per line set, in the order the sets were given; records in camera
        /// order, and within a camera by segment.
        var records: [IntervalRecords]
        /// Viewshed polygons per camera (empty arrays when not requested).
        var viewsheds: [[Polygon]]
    }

    /// Cameras per work chunk (fixed, so results never depend on the core count).
    static let chunkSize = 32

    /// One chunk's work: records of its cameras in work order.
    private struct Part {
        var records: [IntervalRecords]
        /// Records per camera (in work order), per line set.
        var perCamera: [[Int32]]
        var viewsheds: [[Polygon]]
    }

    static func run(cameras: [Camera], obstacles: ObstacleIndex, occlusion: Bool, lineSets: [LineSet],
                    mergeToleranceMeters: Double, viewsheds: Bool, arcStepDeg: Double) -> Output {
        let order = SpatialOrder.zOrder(cameras.map(\.position))
        let chunks = ParallelChunks.ranges(count: cameras.count, chunkSize: chunkSize)
        let parts = ParallelChunks.map(chunks) { range -> Part in
            var scratch = VisibilitySweep.Scratch()
            var out = Part(records: Array(repeating: IntervalRecords(), count: lineSets.count),
                           perCamera: Array(repeating: [], count: lineSets.count), viewsheds: [])
            var segs: [Int] = []
            var ivs: [(Double, Double)] = []
            var work: [(Double, Double)] = []
            let regions = range.map { oi in
                VisibilitySweep.region(for: cameras[order[oi]], obstacles: obstacles, occlusion: occlusion,
                                       scratch: &scratch)
            }
            // Line sets outermost: one copy of each per chunk, not per camera.
            for (li, lines) in lineSets.enumerated() {
                for (k, region) in regions.enumerated() {
                    let ci = order[range.lowerBound + k]
                    let before = out.records[li].count
                    let R = region.rangeMeters
                    let c = region.center
                    segs.removeAll(keepingCapacity: true)
                    lines.search(Envelope(minX: c.x - R, minY: c.y - R, maxX: c.x + R, maxY: c.y + R)) { segs.append($0) }
                    segs.sort()
                    for s in segs {
                        let len = lines.lengthMeters[s]
                        guard len > 0 else { continue }
                        ivs.removeAll(keepingCapacity: true)
                        SegmentClip.intervals(region, lines.a(s), lines.b(s), mergeT: mergeToleranceMeters / len,
                                              into: &ivs, work: &work)
                        for (a, b) in ivs where b > a {
                            out.records[li].segment.append(Int32(s))
                            out.records[li].t0.append(max(0, a))
                            out.records[li].t1.append(min(1, b))
                            out.records[li].camera.append(Int32(ci))
                        }
                    }
                    out.perCamera[li].append(Int32(out.records[li].count - before))
                }
            }
            if viewsheds { out.viewsheds = regions.map { $0.polygons(arcStepDeg: arcStepDeg) } }
            return out
        }
        var merged = Output(records: [], viewsheds: Array(repeating: [], count: cameras.count))
        for li in 0..<lineSets.count {
            // Each camera's first record in camera order.
            var first = [Int](repeating: 0, count: cameras.count + 1)
            for (p, range) in zip(parts, chunks) {
                for (k, oi) in range.enumerated() { first[order[oi] + 1] = Int(p.perCamera[li][k]) }
            }
            for c in 0..<cameras.count { first[c + 1] += first[c] }
            // Each part's records copied concurrently to their cameras' places.
            let partChunks = ParallelChunks.ranges(count: parts.count, chunkSize: 16)
            func place<T: BitwiseCopyable>(_ columns: [KeyPath<IntervalRecords, [T]>]) -> [[T]] {
                ParallelChunks.columns(columns.count, count: first[cameras.count], chunks: partChunks) { range, dst in
                    for pi in range {
                        let src = columns.map { parts[pi].records[li][keyPath: $0] }
                        var j = 0
                        for (k, oi) in chunks[pi].enumerated() {
                            var d = first[order[oi]]
                            for _ in 0..<Int(parts[pi].perCamera[li][k]) {
                                for c in 0..<columns.count { dst[c][d] = src[c][j] }
                                d += 1; j += 1
                            }
                        }
                    }
                }
            }
            let ints = place([\.segment, \.camera]), doubles = place([\.t0, \.t1])
            var rec = IntervalRecords()
            rec.segment = ints[0]; rec.camera = ints[1]; rec.t0 = doubles[0]; rec.t1 = doubles[1]
            merged.records.append(rec)
        }
        if viewsheds {
            for (p, range) in zip(parts, chunks) {
                for (k, oi) in range.enumerated() { merged.viewsheds[order[oi]] = p.viewsheds[k] }
            }
        }
        return merged
    }
}
