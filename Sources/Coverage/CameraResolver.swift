import CityModel
import Foundation
import GeoCore

/// A camera record that was not used, and why.
public struct SkippedCamera: Sendable, Hashable, Codable {
    public var id: String
    public var problem: String
    public init(id: String, problem: String) {
        self.id = id
        self.problem = problem
    }
}

/// The outcome of resolving camera records: the usable cameras and an account of the rest.
public struct CameraResolution: Sendable {
    /// Resolved cameras in record order.
    public var cameras: [Camera]
    /// Records not used: invalid values under `skipInvalid`, and indoor cameras.
    public var skipped: [SkippedCamera]
    /// Cameras whose position was moved out of a building footprint (see `mountSnapMeters`).
    public var snappedCount: Int
    /// Cameras that stand deeper inside a footprint than `mountSnapMeters`: kept, but with
    /// occlusion on they only see the inside of that building.
    public var insideBuildingCount: Int
    /// Cameras that had no heading and are not all-round (handled by the missing-heading policy).
    public var headingUnknownCount: Int
    /// Records whose type and surveillance values matched no type key (given the default type).
    public var defaultTypeCount: Int
}

/// Turns `CameraRecord`s into checked `Camera`s.
///
/// For each record, in order:
/// 1. Indoor cameras (`surveillance=indoor`) are skipped and listed (they do not see streets).
/// 2. A stated type that is no type key or alias is refused like a bad value (step 3) with the
///    known types and a did-you-mean (`CameraDefaults.unknownTypeProblem`); never silently the
///    default type. The type key comes from `CameraDefaults.typeKey(type:surveillance:)`; missing FOV, range and
///    minimum range come from that type's defaults.
/// 3. Values are checked: a NaN/infinite heading, a FOV outside (0, 360], a range that is not a
///    positive finite number, a negative minimum range or one not below the range, a non-finite
///    position. With `skipInvalid == false` the first bad record throws `CovplanError(.dataError)`
///    naming the camera id and the value; with `skipInvalid == true` it is listed in `skipped`.
///    Bad values are never used. Finite headings are folded into [0, 360).
/// 4. A camera without heading and with FOV < 360° follows `defaults.missingHeading`.
/// 5. Mounting: a camera mapped inside a footprint within `mountSnapMeters` of its outline is a
///    wall-mounted camera placed a little off by the mapper; it is moved to 5 cm outside the
///    nearest wall so that its own building does not blind it (the building stays an obstacle).
///    This happens whether or not occlusion is later switched on, so that occlusion is the only
///    difference between the two runs.
///
/// Complexity O(n log B) for n records and B building edges. Deterministic.
public struct CameraResolver: Sendable {
    public var defaults: CameraDefaults
    /// Skip (and list) bad records instead of throwing.
    public var skipInvalid: Bool
    /// How far inside a footprint a camera may be and still be treated as mounted on its wall,
    /// metres (default 2). 0 disables snapping.
    public var mountSnapMeters: Double
    /// Search radius for `.nearestStreet` aiming, metres (default 50).
    public var nearestStreetMaxMeters: Double

    /// How far outside the wall a snapped camera is placed, metres.
    public static let snapOffsetMeters = 0.05

    public init(defaults: CameraDefaults = .builtIn, skipInvalid: Bool = false, mountSnapMeters: Double = 2,
                nearestStreetMaxMeters: Double = 50) {
        self.defaults = defaults
        self.skipInvalid = skipInvalid
        self.mountSnapMeters = mountSnapMeters
        self.nearestStreetMaxMeters = nearestStreetMaxMeters
    }

    /// Resolves `records` against the buildings in `obstacles` (for mounting) and the street
    /// segments in `streets` (for `.nearestStreet` aiming; may be nil otherwise).
    /// Throws `CovplanError(.dataError)` for the first bad record unless `skipInvalid`.
    ///
    /// Fixed chunks of records are resolved in parallel and joined in record order; the error
    /// thrown is that of the first bad record, as in a sequential pass.
    public func resolve(_ records: [CameraRecord], obstacles: ObstacleIndex = .empty,
                        streets: LineSet? = nil) throws(CovplanError) -> CameraResolution {
        let chunks = ParallelChunks.map(ParallelChunks.ranges(count: records.count, chunkSize: 4096)) { range in
            resolveChunk(records[range], obstacles: obstacles, streets: streets)
        }
        var out = CameraResolution(cameras: [], skipped: [], snappedCount: 0, insideBuildingCount: 0,
                                   headingUnknownCount: 0, defaultTypeCount: 0)
        out.cameras.reserveCapacity(records.count)
        for c in chunks {
            if let error = c.error { throw error }
            out.cameras += c.part.cameras
            out.skipped += c.part.skipped
            out.snappedCount += c.part.snappedCount
            out.insideBuildingCount += c.part.insideBuildingCount
            out.headingUnknownCount += c.part.headingUnknownCount
            out.defaultTypeCount += c.part.defaultTypeCount
        }
        return out
    }

    /// Type key, whether it matched, and whether the camera is indoors, by (type, surveillance).
    private struct TypeQuery: Hashable {
        var type: String?, surveillance: String?
    }

    /// The resolved type of a (type, surveillance) pair, or the problem with a stated type.
    private struct Typed {
        var key: String, matched: Bool, indoor: Bool, problem: String?
    }

    /// Resolves consecutive records; stops at the first bad one (unless `skipInvalid`) and
    /// returns its error with what was resolved before it.
    func resolveChunk(_ records: ArraySlice<CameraRecord>, obstacles: ObstacleIndex,
                      streets: LineSet?) -> (part: CameraResolution, error: CovplanError?) {
        var out = CameraResolution(cameras: [], skipped: [], snappedCount: 0, insideBuildingCount: 0,
                                   headingUnknownCount: 0, defaultTypeCount: 0)
        out.cameras.reserveCapacity(records.count)
        // Records mostly repeat a few type/surveillance values: look each pair up once.
        var typeCache: [TypeQuery: Typed] = [:]
        for r in records {
            let query = TypeQuery(type: r.type, surveillance: r.surveillance)
            let typed: Typed
            if let known = typeCache[query] {
                typed = known
            } else {
                let (key, matched) = defaults.typeKey(type: r.type, surveillance: r.surveillance)
                typed = Typed(key: key, matched: matched, indoor: r.surveillance?.lowercased() == "indoor",
                              problem: defaults.unknownTypeProblem(r.type))
                typeCache[query] = typed
            }
            if let problem = typed.problem {
                if skipInvalid {
                    out.skipped.append(SkippedCamera(id: r.id, problem: problem))
                    continue
                }
                return (out, CovplanError(.dataError, layer: "cameras", feature: r.id, problem))
            }
            if typed.indoor {
                out.skipped.append(SkippedCamera(id: r.id, problem: "indoor camera (surveillance=indoor) does not see streets"))
                continue
            }
            let base = defaults.types[typed.key]!
            let fov = r.fovDeg ?? base.fovDeg
            let range = r.rangeMeters ?? base.rangeMeters
            let minRange = r.minRangeMeters ?? base.minRangeMeters
            if let problem = CameraValidation.problem(position: r.position, headingDeg: r.headingDeg, fovDeg: fov,
                                                      rangeMeters: range, minRangeMeters: minRange) {
                if skipInvalid {
                    out.skipped.append(SkippedCamera(id: r.id, problem: problem))
                    continue
                }
                return (out, CovplanError(.dataError, layer: "cameras", feature: r.id, problem))
            }
            let optics = Self.optics(r, base: base, fovDeg: fov)
            if let problem = Self.lensProblem(r) ?? optics.problem {
                if skipInvalid {
                    out.skipped.append(SkippedCamera(id: r.id, problem: problem))
                    continue
                }
                return (out, CovplanError(.dataError, layer: "cameras", feature: r.id, problem))
            }
            if !typed.matched { out.defaultTypeCount += 1 }
            var cam = Camera(id: r.id, position: r.position, headingDeg: 0, fovDeg: fov, rangeMeters: range,
                             minRangeMeters: minRange, type: typed.key, optics: optics)
            if fov >= 360 {
                cam.fovDeg = 360
                cam.headingDeg = r.headingDeg.map(CameraValidation.normalisedHeading) ?? 0
                cam.headingSource = r.headingDeg == nil ? .allRound : .mapped
            } else if let h = r.headingDeg {
                cam.headingDeg = CameraValidation.normalisedHeading(h)
            } else {
                out.headingUnknownCount += 1
                cam.headingSource = .unknownAllRound
                cam.fovDeg = 360
            }
            // Mounting on a wall.
            if mountSnapMeters > 0, let moved = snapOutOfFootprint(cam.position, obstacles) {
                cam.position = moved
                cam.wasSnapped = true
                out.snappedCount += 1
            } else if obstacles.isInsideBuilding(cam.position) {
                out.insideBuildingCount += 1
            }
            if cam.headingSource == .unknownAllRound, defaults.missingHeading == .nearestStreet,
               let streets, let aim = heading(towardNearestStreetFrom: cam.position, streets) {
                cam.headingDeg = aim
                cam.fovDeg = fov
                cam.headingSource = .nearestStreet
            }
            out.cameras.append(cam)
        }
        return (out, nil)
    }

    /// The record's optics, missing values from its type: the lens FOV from focal length and
    /// sensor width when both are given, else `lens_fov_deg`, else the type's lens FOV, else the
    /// camera's field of view `fovDeg`.
    static func optics(_ r: CameraRecord, base: CameraDefaults.TypeValues, fovDeg: Double) -> CameraOptics {
        var lens = r.lensFovDeg ?? base.lensFovDeg ?? fovDeg
        if let f = r.focalLengthMm, let w = r.sensorWidthMm, f > 0, w > 0 {
            lens = CameraOptics.fovDeg(focalLengthMm: f, sensorWidthMm: w)
        }
        return CameraOptics(resolutionPx: r.resolutionPx ?? base.resolutionPx, lensFovDeg: lens,
                            heightMeters: r.heightMeters ?? base.heightMeters, tiltDeg: r.tiltDeg ?? base.tiltDeg,
                            vfovDeg: r.vfovDeg ?? base.vfovDeg, irRangeMeters: r.irRangeMeters ?? base.irRangeMeters)
    }

    /// A problem with a stated focal length or sensor width (must be finite and > 0), or nil.
    static func lensProblem(_ r: CameraRecord) -> String? {
        if let f = r.focalLengthMm, !f.isFinite || f <= 0 { return "focal_length_mm is \(f) (must be > 0)" }
        if let w = r.sensorWidthMm, !w.isFinite || w <= 0 { return "sensor_width_mm is \(w) (must be > 0)" }
        return nil
    }

    /// The position just outside the nearest wall when `p` is inside a footprint within
    /// `mountSnapMeters` of its outline and the new position is in no footprint; else nil.
    func snapOutOfFootprint(_ p: Point, _ obstacles: ObstacleIndex) -> Point? {
        let containing = obstacles.polygonsContaining(p)
        guard !containing.isEmpty else { return nil }
        var best: (d2: Double, a: Point, b: Point, t: Double)?
        for pi in containing {
            for ring in obstacles.polygons[pi].rings where ring.count > 1 {
                for i in 1..<ring.count {
                    let a = ring[i - 1], b = ring[i]
                    if a == b { continue }
                    let c = Planar.closestOnSegment(p, a, b)
                    if best == nil || c.distanceSquared < best!.d2 { best = (c.distanceSquared, a, b, c.t) }
                }
            }
        }
        guard let best, best.d2 <= mountSnapMeters * mountSnapMeters else { return nil }
        let foot = best.a.lerp(best.b, best.t)
        let dir = best.b - best.a
        let n = Point(-dir.y, dir.x) * (1 / dir.norm)
        for sign in [1.0, -1.0] {
            let q = foot + n * (sign * Self.snapOffsetMeters)
            if !obstacles.isInsideBuilding(q) { return q }
        }
        return nil
    }

    /// Compass bearing from `p` to the closest point of the nearest street segment within
    /// `nearestStreetMaxMeters`; along the segment's digitised direction when `p` is within 1 m
    /// of it; nil when no segment is that near.
    func heading(towardNearestStreetFrom p: Point, _ streets: LineSet) -> Double? {
        guard let hit = streets.nearestSegment(to: p, maxDistance: nearestStreetMaxMeters) else { return nil }
        let a = streets.a(hit.segment), b = streets.b(hit.segment)
        if hit.distance < 1 { return Planar.bearing(from: a, to: b) }
        return Planar.bearing(from: p, to: a.lerp(b, hit.t))
    }
}
