import GeoCore

/// The exact street intervals each camera sees, camera by camera — the raw material of camera
/// placement (every candidate pose's coverage set) and of any per-camera accounting.
///
/// Compressed sparse row layout over cameras: camera `c` sees parameter interval
/// `t0[k] ... t1[k]` (0 ≤ t0 < t1 ≤ 1, along segment `segment[k]` of the `LineSet`) for every `k`
/// in `offsets[c] ..< offsets[c + 1]`. Within a camera, records are sorted by segment and the
/// intervals of one segment are disjoint and sorted. Metres along the segment are
/// `t · lines.lengthMeters[segment]`.
public struct CameraIntervalTable: Sendable, Equatable {
    /// CSR offsets, `cameraCount + 1` entries starting at 0.
    public let offsets: [Int]
    /// Segment index (into the `LineSet`) of each record.
    public let segment: [Int32]
    /// Start parameter of each record, in [0, 1].
    public let t0: [Double]
    /// End parameter of each record, in [0, 1], > `t0`.
    public let t1: [Double]

    /// Number of cameras.
    public var cameraCount: Int { offsets.count - 1 }
    /// Number of (camera, segment, interval) records.
    public var recordCount: Int { segment.count }
}

extension CoverageAnalysis {
    /// Each camera's exact covered intervals on `lines` — the same visibility (`VisibilitySweep`,
    /// occlusion by `obstacles`) and exact clipping (`SegmentClip`) as `run`, without merging
    /// cameras. Parallel over fixed chunks of cameras; deterministic.
    ///
    /// - Parameters:
    ///   - cameras: resolved cameras in the working CRS (checked with `Camera.validated()`).
    ///   - lines: the street lines (or any polylines) as a `LineSet`.
    ///   - occlusion: buildings block the view (default true).
    ///   - mergeToleranceMeters: intervals of one camera on one segment closer than this are
    ///     joined (default 1e-6 m, as in `CoverageOptions`).
    /// - Throws: `CovplanError(.dataError)` naming the first camera with an impossible value.
    /// - Complexity: O(C·(E_c log E_c + S_c·log P)) as `run`'s first phase.
    public static func cameraIntervals(cameras: [Camera], lines: LineSet, obstacles: ObstacleIndex = .empty,
                                       occlusion: Bool = true, mergeToleranceMeters: Double = 1e-6)
        throws(CovplanError) -> CameraIntervalTable
    {
        var checked: [Camera] = []
        checked.reserveCapacity(cameras.count)
        for c in cameras { checked.append(try c.validated()) }
        let pass = CameraPass.run(cameras: checked, obstacles: obstacles, occlusion: occlusion, lineSets: [lines],
                                  mergeToleranceMeters: mergeToleranceMeters, viewsheds: false, arcStepDeg: 2)
        let rec = pass.records[0]
        // Records come in camera order (chunks of ascending cameras merged in order).
        var offsets = [Int](repeating: 0, count: checked.count + 1)
        for c in rec.camera { offsets[Int(c) + 1] += 1 }
        for i in 0..<checked.count { offsets[i + 1] += offsets[i] }
        return CameraIntervalTable(offsets: offsets, segment: rec.segment, t0: rec.t0, t1: rec.t1)
    }
}
