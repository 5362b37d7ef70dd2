import CityModel
import Foundation
import GeoCore

/// Camera coverage of a street network: exact street metres seen, multiplicity, gaps, facilities.
///
/// Pipeline (all in the working CRS, metres):
/// 1. per camera, in parallel: the exact visibility region (`VisibilitySweep`, occlusion by the
///    buildings in an `ObstacleIndex`), intersected exactly with every street and facility-outline
///    segment within range (`SegmentClip`) → covered parameter intervals;
/// 2. per segment: the intervals of all cameras swept into runs of constant camera count, cut at
///    district boundaries (`SegmentRuns.Sweep`), right where
/// 3. per street, in parallel: runs are joined along the line → covered pieces, gaps, totals by
///    class and district (`assembleStreets`).
///
/// Deterministic: work is split into fixed chunks merged in order, so the same inputs give
/// bit-identical results on any number of cores. Cost: O(C·(E_c log E_c + S_c·log P)) for C
/// cameras with E_c obstacle edges and S_c street segments in range, plus O(S + N log N) for S
/// segments and N covered intervals.
public enum CoverageAnalysis {
    /// Coverage of `streets` by already resolved `cameras`.
    ///
    /// - Parameters:
    ///   - obstacles: building footprints (ignored when `options.occlusion` is false).
    ///   - districts: optional district polygons for `by_district` totals; street pieces are cut
    ///     exactly at district boundaries.
    ///   - facilities: schools and other facilities whose surroundings are checked.
    /// - Throws: `CovplanError(.dataError)` naming the street, camera, district or facility with
    ///   non-finite coordinates, a street with fewer than two points, or an impossible camera
    ///   value; `CovplanError(.usage)` for impossible options.
    public static func run(streets: [Street], cameras: [Camera], obstacles: ObstacleIndex = .empty,
                           districts: [DistrictArea] = [], facilities: [Facility] = [],
                           options: CoverageOptions = CoverageOptions()) throws(CovplanError) -> CoverageResult {
        try run(streets: streets, cameras: cameras, obstacles: obstacles, districts: districts,
                facilities: facilities, options: options, streetLines: nil, clock: PhaseClock())
    }

    /// Resolves `cameraRecords` (the city's mapped cameras when nil) with `resolver`, using the
    /// city's buildings as obstacles (or `buildings` when given), then runs the analysis on the
    /// city's streets and schools. The summary's camera counts include the resolver's account.
    /// Throws as `run(streets:...)` and `CameraResolver.resolve`.
    public static func run(city: City, cameraRecords: [CameraRecord]? = nil, buildings: [Building]? = nil,
                           districts: [DistrictArea] = [], resolver: CameraResolver = CameraResolver(),
                           options: CoverageOptions = CoverageOptions()) throws(CovplanError) -> CoverageResult {
        var clock = PhaseClock()
        try validate(streets: city.streets)
        let obstacles = ObstacleIndex(buildings: buildings ?? city.buildings)
        clock.lap("obstacle index")
        let lines = LineSet(count: city.streets.count) { city.streets[$0].points }
        clock.lap("street index")
        let resolution = try resolver.resolve(cameraRecords ?? city.cameras, obstacles: obstacles, streets: lines)
        clock.lap("camera resolution")
        var result = try run(streets: city.streets, cameras: resolution.cameras, obstacles: obstacles,
                             districts: districts, facilities: city.schools, options: options, streetLines: lines,
                             clock: clock)
        result.skippedCameras = resolution.skipped
        result.summary.camerasSkipped = resolution.skipped.count
        result.summary.camerasHeadingUnknown = resolution.headingUnknownCount
        result.summary.camerasSnapped = resolution.snappedCount
        result.summary.camerasInsideBuilding = resolution.insideBuildingCount
        result.summary.headingAssumption = resolver.defaults.missingHeading.rawValue
        if options.headingRange, resolution.headingUnknownCount > 0 {
            // The other assumption for the cameras without a heading, totals only.
            var other = resolver
            other.defaults.missingHeading = resolver.defaults.missingHeading == .allRound ? .nearestStreet : .allRound
            let alt = try other.resolve(cameraRecords ?? city.cameras, obstacles: obstacles, streets: lines)
            var lean = options
            lean.levels = false
            lean.viewsheds = false
            lean.geometries = false
            lean.streetRuns = false
            lean.allGaps = false
            lean.summaryGapCount = 0
            let altCovered = try run(streets: city.streets, cameras: alt.cameras, obstacles: obstacles, districts: [],
                                     facilities: [], options: lean, streetLines: lines, clock: PhaseClock()).summary.coveredLengthMeters
            let here = result.summary.coveredLengthMeters
            let (low, high) = resolver.defaults.missingHeading == .allRound ? (altCovered, here) : (here, altCovered)
            result.summary.headingRange = CoverageSummary.HeadingRange(
                lowMeters: low, highMeters: high, streetLengthMeters: result.summary.streetLengthMeters)
            if options.headingSurvey {
                // Which camera's heading matters most: exact marginal swing per camera.
                let allRound = resolver.defaults.missingHeading == .allRound ? resolution.cameras : alt.cameras
                let nearest = resolver.defaults.missingHeading == .allRound ? alt.cameras : resolution.cameras
                result.headingSurvey = try HeadingSurvey.rank(
                    allRound: allRound, nearest: nearest, lines: lines, obstacles: obstacles, occlusion: options.occlusion,
                    level: options.coveredLevel, headline: resolver.defaults.missingHeading,
                    mergeToleranceMeters: options.mergeToleranceMeters)
            }
        }
        return result
    }

    /// Throws for the first street (in order) with fewer than two points or a non-finite
    /// coordinate. Checked in parallel over fixed chunks.
    static func validate(streets: [Street]) throws(CovplanError) {
        let firstBad = ParallelChunks.map(ParallelChunks.ranges(count: streets.count, chunkSize: 1 << 14)) { r in
            r.first { streets[$0].points.count < 2 || !streets[$0].points.allSatisfy(\.isFinite) }
        }
        guard let i = firstBad.lazy.compactMap({ $0 }).first else { return }
        let s = streets[i]
        if s.points.count < 2 { throw CovplanError(.dataError, layer: "streets", feature: s.id, "street line has fewer than two points") }
        let p = s.points.first { !$0.isFinite }!
        throw CovplanError(.dataError, layer: "streets", feature: s.id, "non-finite coordinate \(p)")
    }

    static func run(streets: [Street], cameras: [Camera], obstacles: ObstacleIndex, districts: [DistrictArea],
                    facilities: [Facility], options: CoverageOptions, streetLines: LineSet?,
                    clock start: PhaseClock) throws(CovplanError) -> CoverageResult
    {
        var clock = start
        try options.validate()
        if streetLines == nil { try validate(streets: streets) }
        var checked: [Camera] = []
        checked.reserveCapacity(cameras.count)
        for c in cameras { checked.append(try c.validated()) }
        for d in districts {
            for poly in d.polygons {
                for ring in poly.rings { for p in ring where !p.isFinite {
                    throw CovplanError(.dataError, layer: "districts", feature: d.id, "non-finite coordinate \(p)")
                } }
            }
        }
        for f in facilities where !f.location.isFinite || !Geometry.multiPolygon(f.footprint).isFinite {
            throw CovplanError(.dataError, layer: "facilities", feature: f.id, "non-finite coordinate")
        }

        let lines = streetLines ?? LineSet(count: streets.count) { streets[$0].points }
        // Facility surroundings: outline rings, or a circle around the point.
        var facilityLines: [[Point]] = []
        var facilityOfLine: [Int] = []
        for (fi, f) in facilities.enumerated() {
            let outlines = f.footprint.map(\.exterior).filter { $0.count > 1 }
            if outlines.isEmpty {
                facilityLines.append(circle(f.location, radius: options.facilityRadiusMeters, sides: 72))
                facilityOfLine.append(fi)
            } else {
                for o in outlines { facilityLines.append(o); facilityOfLine.append(fi) }
            }
        }
        let facilitySet = LineSet(lines: facilityLines)

        // The headline level: each camera clipped to the band where it delivers that level by day.
        var seeing = checked, seeingIndex = Array(checked.indices)
        if let level = options.coveredLevel {
            seeing.removeAll(keepingCapacity: true)
            seeingIndex.removeAll(keepingCapacity: true)
            for (i, c) in checked.enumerated() {
                if let l = c.limited(to: level) { seeing.append(l); seeingIndex.append(i) }
            }
        }

        clock.lap("validation and facility index")
        let pass = CameraPass.run(cameras: seeing, obstacles: obstacles, occlusion: options.occlusion,
                                  lineSets: [lines, facilitySet], mergeToleranceMeters: options.mergeToleranceMeters,
                                  viewsheds: options.viewsheds, arcStepDeg: options.arcStepDeg, cache: options.passCache)
        clock.lap("visibility and clipping")
        let splitter = districts.isEmpty ? nil : DistrictSplitter(districts)
        let grouped = RecordsBySegment(pass.records[0], segmentCount: lines.segmentCount)
        clock.lap("intervals by segment")

        var result = CoverageResult(
            summary: CoverageSummary(
                streetLengthMeters: 0, coveredLengthMeters: 0, coveredFraction: 0, byClass: [:],
                byDistrict: nil, outsideDistrictsMeters: nil, multiplicityMeters: .init(), gapsCount: 0,
                gapsLengthMeters: 0, minGapMeters: options.minGapMeters, topGaps: [], cameras: checked.count,
                camerasSkipped: 0, camerasHeadingUnknown: checked.filter { $0.headingSource == .unknownAllRound || $0.headingSource == .nearestStreet }.count,
                camerasSnapped: checked.filter(\.wasSnapped).count, camerasInsideBuilding: 0,
                occlusion: options.occlusion, schools: nil, coveredLevel: options.coveredLevel),
            cameras: checked, skippedCameras: [], viewsheds: [], runs: [], coveredPieces: [], gaps: [], facilities: [])

        if options.viewsheds {
            result.viewsheds = zip(seeingIndex, pass.viewsheds).map { i, polys in
                Viewshed(cameraId: checked[i].id, cameraIndex: i, polygons: polys,
                         areaM2: polys.reduce(0) { $0 + $1.area })
            }
        }
        assembleStreets(streets: streets, lines: lines, records: pass.records[0], grouped: grouped, splitter: splitter,
                        districts: districts, options: options, into: &result)
        clock.lap("segment runs, streets, pieces and gaps")
        result.facilities = facilityCoverage(facilities: facilities, lines: facilitySet, lineOwner: facilityOfLine,
                                             records: pass.records[1], cameras: seeing, options: options)
        let schools = result.facilities.enumerated().filter { facilities[$0.offset].kind == .school }.map(\.element)
        if !facilities.isEmpty {
            result.summary.schools = CoverageSummary.Facilities(
                count: schools.count, seen: schools.filter(\.isSeen).count,
                notSeen: schools.filter { !$0.isSeen }.count,
                meanCoveredFraction: schools.isEmpty ? 0 : schools.reduce(0) { $0 + $1.coveredFraction } / Double(schools.count))
        }
        clock.lap("facilities")
        if options.levels {
            result.levelPieces = try addLevels(streets: streets, lines: lines, cameras: checked, obstacles: obstacles,
                                               districts: districts, options: options, into: &result.summary)
            clock.lap("DORI levels")
        }
        result.timings = clock.laps
        return result
    }

    /// Street metres at each DORI level, day and night, overall and per road class and district:
    /// for each (level, light) the cameras are clipped to `Camera.band(at:light:)` and run
    /// through the same exact pipeline (visibility, clipping, runs, assembly) with totals only.
    /// The headline level by day reuses the headline totals (unless level pieces are wanted).
    /// Returns the level pieces (`CoverageResult.levelPieces`) when `options.levelPieces` and
    /// `options.geometries` are on, else an empty list.
    static func addLevels(streets: [Street], lines: LineSet, cameras: [Camera], obstacles: ObstacleIndex,
                          districts: [DistrictArea], options: CoverageOptions,
                          into summary: inout CoverageSummary) throws(CovplanError) -> [LevelPiece] {
        let pieces = options.levelPieces && options.geometries
        var lean = options
        lean.coveredLevel = nil
        lean.levels = false
        lean.viewsheds = false
        lean.geometries = false
        lean.streetRuns = pieces
        lean.allGaps = false
        lean.summaryGapCount = 0
        var day = CoverageSummary.LevelMeters(), night = CoverageSummary.LevelMeters()
        var byClass: [String: CoverageSummary.LevelMeters] = [:], byDistrict: [String: CoverageSummary.LevelMeters] = [:]
        var out: [LevelPiece] = []
        for light in LightCondition.allCases {
            var runsByLevel: [[CoverageRun]] = []
            for level in DoriLevel.allCases {
                let totals: CoverageSummary
                if light == .day, level == options.coveredLevel, !pieces {
                    totals = summary
                } else {
                    let limited = cameras.compactMap { $0.limited(to: level, light: light) }
                    let r = try run(streets: streets, cameras: limited, obstacles: obstacles, districts: districts,
                                    facilities: [], options: lean, streetLines: lines, clock: PhaseClock())
                    totals = r.summary
                    if pieces { runsByLevel.append(r.runs.filter { $0.cameraCount > 0 }) }
                }
                if light == .day {
                    day[level] = totals.coveredLengthMeters
                    for (k, v) in totals.byClass { byClass[k, default: .init()][level] = v.coveredMeters }
                    for (k, v) in totals.byDistrict ?? [:] { byDistrict[k, default: .init()][level] = v.coveredMeters }
                } else {
                    night[level] = totals.coveredLengthMeters
                }
            }
            if pieces {
                out += levelPieces(runsByLevel: runsByLevel, light: light, streets: streets, districts: districts,
                                   minMeters: options.mergeToleranceMeters)
            }
        }
        summary.byLevel = day
        summary.byLevelNight = night
        for k in summary.byClass.keys { summary.byClass[k]!.byLevel = byClass[k] ?? .init() }
        if summary.byDistrict != nil {
            for k in summary.byDistrict!.keys { summary.byDistrict![k]!.byLevel = byDistrict[k] ?? .init() }
        }
        if let level = options.coveredLevel {
            summary.nightCoveredMeters = night[level]
            summary.nightCoveredFraction = summary.streetLengthMeters > 0 ? night[level] / summary.streetLengthMeters : 0
        }
        return out
    }

    /// The covered runs of each level (`runsByLevel[i]` for `DoriLevel.allCases[i]`, each in
    /// street order and along the street) merged into stretches of one highest level and
    /// district. Stretches shorter than `minMeters` (rounding slivers between levels) are left
    /// out. O(N log N) for N runs.
    static func levelPieces(runsByLevel: [[CoverageRun]], light: LightCondition, streets: [Street],
                            districts: [DistrictArea], minMeters: Double) -> [LevelPiece] {
        let levels = DoriLevel.allCases
        // Events: (street, position, level index, +1 start / −1 end, district).
        var events: [(street: Int, at: Double, level: Int, delta: Int, district: Int)] = []
        for (li, runs) in runsByLevel.enumerated() {
            for r in runs where r.toMeters > r.fromMeters {
                events.append((r.streetIndex, r.fromMeters, li, 1, r.districtIndex))
                events.append((r.streetIndex, r.toMeters, li, -1, r.districtIndex))
            }
        }
        events.sort { ($0.street, $0.at, $0.delta) < ($1.street, $1.at, $1.delta) }
        var out: [LevelPiece] = []
        var count = [Int](repeating: 0, count: levels.count), district = [Int](repeating: -1, count: levels.count)
        var e = 0
        while e < events.count {
            let street = events[e].street
            for i in count.indices { count[i] = 0 }
            var at = events[e].at
            while e < events.count, events[e].street == street {
                let x = events[e]
                if x.at > at, let best = count.lastIndex(where: { $0 > 0 }), x.at - at >= minMeters {
                    let d = district[best]
                    if let p = out.last, p.streetIndex == street, p.level == levels[best], p.light == light,
                       p.district == (d >= 0 ? districts[d].id : nil), abs(p.toMeters - at) <= minMeters {
                        out[out.count - 1].toMeters = x.at
                    } else {
                        out.append(LevelPiece(streetIndex: street, streetId: streets[street].id, streetName: streets[street].name,
                                              roadClass: streets[street].highway, district: d >= 0 ? districts[d].id : nil,
                                              fromMeters: at, toMeters: x.at, level: levels[best], light: light, points: []))
                    }
                }
                at = max(at, x.at)
                count[x.level] += x.delta
                if x.delta > 0 { district[x.level] = x.district }
                e += 1
            }
        }
        return ParallelChunks.array(count: out.count, chunkSize: 4096) { i in
            var p = out[i]
            p.points = Planar.slice(streets[p.streetIndex].points, from: p.fromMeters, to: p.toMeters)
            return p
        }
    }

    /// A closed polygonal circle with `sides` chords, vertices on the circle.
    static func circle(_ c: Point, radius: Double, sides: Int) -> [Point] {
        var out: [Point] = []
        out.reserveCapacity(sides + 1)
        for i in 0..<sides {
            let a = 2 * Double.pi * Double(i) / Double(sides)
            out.append(Point(c.x + radius * cos(a), c.y + radius * sin(a)))
        }
        out.append(out[0])
        return out
    }

    // MARK: facilities

    static func facilityCoverage(facilities: [Facility], lines: LineSet, lineOwner: [Int], records: IntervalRecords,
                                 cameras: [Camera], options: CoverageOptions) -> [FacilityCoverage] {
        guard !facilities.isEmpty else { return [] }
        let runs = SegmentRuns.build(records: records, lines: lines, splitter: nil)
        var outline = [Double](repeating: 0, count: facilities.count)
        var coveredM = [Double](repeating: 0, count: facilities.count)
        for l in 0..<lines.lineCount {
            let f = lineOwner[l]
            outline[f] += lines.lineLengthMeters[l]
            for s in Int(lines.lineFirstSegment[l])..<Int(lines.lineFirstSegment[l + 1]) {
                for k in Int(runs.first[s])..<Int(runs.first[s + 1]) where runs.count[k] > 0 {
                    coveredM[f] += (runs.t1[k] - runs.t0[k]) * lines.lengthMeters[s]
                }
            }
        }
        var seenBy = [Set<Int32>](repeating: [], count: facilities.count)
        for r in 0..<records.count where records.t1[r] > records.t0[r] {
            seenBy[lineOwner[Int(lines.line[Int(records.segment[r])])]].insert(records.camera[r])
        }
        return facilities.enumerated().map { fi, f in
            FacilityCoverage(
                facilityId: f.id, name: f.name, kind: f.kind.rawValue, outlineMeters: outline[fi],
                coveredMeters: coveredM[fi], coveredFraction: outline[fi] > 0 ? coveredM[fi] / outline[fi] : 0,
                isSeen: coveredM[fi] > 0 && coveredM[fi] >= options.facilitySeenMinMeters,
                cameraIds: seenBy[fi].map { cameras[Int($0)].id }.sorted(),
                surroundings: f.footprint.contains { $0.exterior.count > 1 } ? "outline" : "radius")
        }
    }
}
