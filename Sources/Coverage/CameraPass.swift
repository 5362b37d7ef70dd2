import GeoCore

/// Covered parameter intervals of line segments, one record per (segment, camera, interval),
/// struct-of-arrays.
struct IntervalRecords: Sendable {
    var segment: [Int32] = []
    var t0: [Double] = []
    var t1: [Double] = []
    var camera: [Int32] = []

    var count: Int { segment.count }

    mutating func append(contentsOf o: IntervalRecords) {
        segment.append(contentsOf: o.segment)
        t0.append(contentsOf: o.t0)
        t1.append(contentsOf: o.t1)
        camera.append(contentsOf: o.camera)
    }
}

/// The per-camera pass: each camera's visibility region, intersected with every nearby segment of
/// each line set. Parallel over fixed chunks of cameras; output in camera order.
enum CameraPass {
    struct Output {
        /// One record list per line set, in the order the sets were given.
        var records: [IntervalRecords]
        /// Viewshed polygons per camera (empty arrays when not requested).
        var viewsheds: [[Polygon]]
    }

    /// Cameras per work chunk (fixed, so results never depend on the core count).
    static let chunkSize = 32

    static func run(cameras: [Camera], obstacles: ObstacleIndex, occlusion: Bool, lineSets: [LineSet],
                    mergeToleranceMeters: Double, viewsheds: Bool, arcStepDeg: Double) -> Output {
        let chunks = Parallel.chunks(count: cameras.count, chunkSize: chunkSize)
        let parts = Parallel.map(chunks) { range -> Output in
            var scratch = VisibilitySweep.Scratch()
            var out = Output(records: Array(repeating: IntervalRecords(), count: lineSets.count), viewsheds: [])
            var segs: [Int] = []
            var ivs: [(Double, Double)] = []
            var work: [(Double, Double)] = []
            for ci in range {
                let cam = cameras[ci]
                let region = VisibilitySweep.region(for: cam, obstacles: obstacles, occlusion: occlusion, scratch: &scratch)
                let R = cam.rangeMeters
                let c = cam.position
                let env = Envelope(minX: c.x - R, minY: c.y - R, maxX: c.x + R, maxY: c.y + R)
                for (li, lines) in lineSets.enumerated() {
                    segs.removeAll(keepingCapacity: true)
                    lines.search(env) { s in segs.append(s) }
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
                }
                out.viewsheds.append(viewsheds ? region.polygons(arcStepDeg: arcStepDeg) : [])
            }
            return out
        }
        var merged = Output(records: Array(repeating: IntervalRecords(), count: lineSets.count), viewsheds: [])
        merged.viewsheds.reserveCapacity(cameras.count)
        for li in 0..<lineSets.count {
            let total = parts.reduce(0) { $0 + $1.records[li].count }
            merged.records[li].segment.reserveCapacity(total)
            merged.records[li].t0.reserveCapacity(total)
            merged.records[li].t1.reserveCapacity(total)
            merged.records[li].camera.reserveCapacity(total)
        }
        for p in parts {
            for li in 0..<lineSets.count { merged.records[li].append(contentsOf: p.records[li]) }
            merged.viewsheds.append(contentsOf: p.viewsheds)
        }
        return merged
    }
}
