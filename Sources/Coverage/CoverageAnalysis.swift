import CityModel
import Foundation
import GeoCore

/// Camera coverage of a street network: exact street metres seen, multiplicity, gaps, facilities.
///
/// Pipeline (all in the working CRS, metres):
/// 1. per camera, in parallel: the exact visibility region (`VisibilitySweep`, occlusion by the
///    buildings in an `ObstacleIndex`), intersected exactly with every street and facility-outline
///    segment within range (`SegmentClip`) → covered parameter intervals;
/// 2. per segment, in parallel: the intervals of all cameras swept into runs of constant camera
///    count, cut at district boundaries (`SegmentRuns`);
/// 3. per street: runs joined along the line → covered pieces, gaps, totals by class and district.
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
        let lines = LineSet(lines: city.streets.map(\.points))
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
        return result
    }

    static func validate(streets: [Street]) throws(CovplanError) {
        for s in streets {
            if s.points.count < 2 { throw CovplanError(.dataError, layer: "streets", feature: s.id, "street line has fewer than two points") }
            for p in s.points where !p.isFinite {
                throw CovplanError(.dataError, layer: "streets", feature: s.id, "non-finite coordinate \(p)")
            }
        }
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

        let lines = streetLines ?? LineSet(lines: streets.map(\.points))
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

        clock.lap("validation and facility index")
        let pass = CameraPass.run(cameras: checked, obstacles: obstacles, occlusion: options.occlusion,
                                  lineSets: [lines, facilitySet], mergeToleranceMeters: options.mergeToleranceMeters,
                                  viewsheds: options.viewsheds, arcStepDeg: options.arcStepDeg)
        clock.lap("visibility and clipping")
        let splitter = districts.isEmpty ? nil : DistrictSplitter(districts)
        let streetRuns = SegmentRuns.build(records: pass.records[0], lines: lines, splitter: splitter)
        clock.lap("segment runs")

        var result = CoverageResult(
            summary: CoverageSummary(
                streetLengthMeters: 0, coveredLengthMeters: 0, coveredFraction: 0, byClass: [:],
                byDistrict: nil, outsideDistrictsMeters: nil, multiplicityMeters: .init(), gapsCount: 0,
                gapsLengthMeters: 0, minGapMeters: options.minGapMeters, topGaps: [], cameras: checked.count,
                camerasSkipped: 0, camerasHeadingUnknown: checked.filter { $0.headingSource == .unknownAllRound || $0.headingSource == .nearestStreet }.count,
                camerasSnapped: checked.filter(\.wasSnapped).count, camerasInsideBuilding: 0,
                occlusion: options.occlusion, schools: nil),
            cameras: checked, skippedCameras: [], viewsheds: [], runs: [], coveredPieces: [], gaps: [], facilities: [])

        if options.viewsheds {
            result.viewsheds = zip(checked.indices, pass.viewsheds).map { i, polys in
                Viewshed(cameraId: checked[i].id, cameraIndex: i, polygons: polys,
                         areaM2: polys.reduce(0) { $0 + $1.area })
            }
        }
        assembleStreets(streets: streets, lines: lines, runs: streetRuns, districts: districts, options: options,
                        into: &result)
        clock.lap("streets, pieces and gaps")
        result.facilities = facilityCoverage(facilities: facilities, lines: facilitySet, lineOwner: facilityOfLine,
                                             records: pass.records[1], cameras: checked, options: options)
        let schools = result.facilities.enumerated().filter { facilities[$0.offset].kind == .school }.map(\.element)
        if !facilities.isEmpty {
            result.summary.schools = CoverageSummary.Facilities(
                count: schools.count, seen: schools.filter(\.isSeen).count,
                notSeen: schools.filter { !$0.isSeen }.count,
                meanCoveredFraction: schools.isEmpty ? 0 : schools.reduce(0) { $0 + $1.coveredFraction } / Double(schools.count))
        }
        clock.lap("facilities")
        result.timings = clock.laps
        return result
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

    // MARK: streets

    /// Totals, runs, pieces and gaps of a block of consecutive streets.
    struct StreetBlock {
        var byClass: [String: (Double, Double)] = [:]
        var byDistrict: [(Double, Double)]
        var outside = 0.0
        var mult = CoverageSummary.Multiplicity()
        var total = 0.0, covered = 0.0
        var runs: [CoverageRun] = []
        var pieces: [CoveredPiece] = []
        var gaps: [CoverageGap] = []
    }

    /// Joins segment runs along each street into street runs, and derives pieces, gaps and totals.
    /// Parallel over fixed blocks of streets, merged in street order (deterministic sums).
    static func assembleStreets(streets: [Street], lines: LineSet, runs sr: SegmentRuns, districts: [DistrictArea],
                                options: CoverageOptions, into result: inout CoverageResult) {
        let blocks = Parallel.map(Parallel.chunks(count: streets.count, chunkSize: 2048)) { range in
            assemble(range, streets: streets, lines: lines, runs: sr, districts: districts, options: options)
        }
        var byClass: [String: (Double, Double)] = [:]
        var byDistrict = [(Double, Double)](repeating: (0, 0), count: districts.count)
        var outside = 0.0
        var mult = CoverageSummary.Multiplicity()
        var total = 0.0, covered = 0.0
        var gaps: [CoverageGap] = []
        for blk in blocks {
            for key in blk.byClass.keys.sorted() {
                let v = blk.byClass[key]!
                let old = byClass[key] ?? (0, 0)
                byClass[key] = (old.0 + v.0, old.1 + v.1)
            }
            for i in byDistrict.indices {
                byDistrict[i].0 += blk.byDistrict[i].0
                byDistrict[i].1 += blk.byDistrict[i].1
            }
            outside += blk.outside
            mult.zero += blk.mult.zero; mult.one += blk.mult.one
            mult.two += blk.mult.two; mult.threeOrMore += blk.mult.threeOrMore
            total += blk.total; covered += blk.covered
            gaps.append(contentsOf: blk.gaps)
            result.runs.append(contentsOf: blk.runs)
            result.coveredPieces.append(contentsOf: blk.pieces)
        }

        // Rank: score descending, then street and position (sort small keys, then permute).
        let score = gaps.map(\.score), street = gaps.map(\.streetIndex), from = gaps.map(\.fromMeters)
        let order = gaps.indices.sorted { a, b in
            score[a] != score[b] ? score[a] > score[b] : (street[a] != street[b] ? street[a] < street[b] : from[a] < from[b])
        }
        gaps = order.map { gaps[$0] }
        for i in gaps.indices { gaps[i].rank = i + 1 }
        result.gaps = gaps

        var s = result.summary
        s.streetLengthMeters = total
        s.coveredLengthMeters = covered
        s.coveredFraction = total > 0 ? covered / total : 0
        s.byClass = byClass.mapValues { CoverageSummary.LengthPair(lengthMeters: $0.0, coveredMeters: $0.1) }
        if !districts.isEmpty {
            var dd: [String: CoverageSummary.LengthPair] = [:]
            for (i, d) in districts.enumerated() {
                // Repeated ids add up.
                let prev = dd[d.id]
                dd[d.id] = CoverageSummary.LengthPair(lengthMeters: (prev?.lengthMeters ?? 0) + byDistrict[i].0,
                                                      coveredMeters: (prev?.coveredMeters ?? 0) + byDistrict[i].1,
                                                      name: d.name)
            }
            s.byDistrict = dd
            s.outsideDistrictsMeters = outside
        }
        s.multiplicityMeters = mult
        s.gapsCount = gaps.count
        s.gapsLengthMeters = gaps.reduce(0) { $0 + $1.lengthMeters }
        s.topGaps = gaps.prefix(options.summaryGapCount).map {
            CoverageSummary.GapEntry(rank: $0.rank, streetId: $0.streetId, streetName: $0.streetName,
                                     roadClass: $0.roadClass, district: $0.district, lengthMeters: $0.lengthMeters,
                                     score: $0.score)
        }
        result.summary = s
    }

    @inline(__always) static func addPair(_ into: inout (Double, Double), _ v: (Double, Double)) {
        into.0 += v.0
        into.1 += v.1
    }

    static func assemble(_ range: Range<Int>, streets: [Street], lines: LineSet, runs sr: SegmentRuns,
                         districts: [DistrictArea], options: CoverageOptions) -> StreetBlock {
        var out = StreetBlock(byDistrict: [(Double, Double)](repeating: (0, 0), count: districts.count))
        let mergeM = options.mergeToleranceMeters
        var runs: [CoverageRun] = []
        for l in range {
            let street = streets[l]
            runs.removeAll(keepingCapacity: true)
            for s in Int(lines.lineFirstSegment[l])..<Int(lines.lineFirstSegment[l + 1]) {
                let len = lines.lengthMeters[s]
                guard len > 0 else { continue }
                let base = lines.startMeters[s]
                for k in Int(sr.first[s])..<Int(sr.first[s + 1]) {
                    let from = base + sr.t0[k] * len, to = base + sr.t1[k] * len
                    guard to > from else { continue }
                    let c = Int(sr.count[k]), d = Int(sr.district[k])
                    if var last = runs.last, last.cameraCount == c, last.districtIndex == d,
                       abs(last.toMeters - from) <= mergeM {
                        last.toMeters = to
                        runs[runs.count - 1] = last
                    } else {
                        runs.append(CoverageRun(streetIndex: l, fromMeters: from, toMeters: to, cameraCount: c,
                                                districtIndex: d))
                    }
                }
            }
            // Lengths from the line itself (not summed runs), so totals do not depend on coverage.
            var classPair = (lines.lineLengthMeters[l], 0.0)
            out.total += lines.lineLengthMeters[l]
            for r in runs {
                let len = r.lengthMeters
                if r.cameraCount > 0 { out.covered += len; classPair.1 += len }
                switch r.cameraCount {
                case 0: out.mult.zero += len
                case 1: out.mult.one += len
                case 2: out.mult.two += len
                default: out.mult.threeOrMore += len
                }
                if r.districtIndex >= 0 {
                    out.byDistrict[r.districtIndex].0 += len
                    if r.cameraCount > 0 { out.byDistrict[r.districtIndex].1 += len }
                } else {
                    out.outside += len
                }
                if r.cameraCount > 0, options.geometries {
                    out.pieces.append(CoveredPiece(
                        streetIndex: l, streetId: street.id, streetName: street.name, roadClass: street.highway,
                        fromMeters: r.fromMeters, toMeters: r.toMeters, lengthMeters: len, cameraCount: r.cameraCount,
                        district: r.districtIndex >= 0 ? districts[r.districtIndex].id : nil,
                        points: Planar.slice(street.points, from: r.fromMeters, to: r.toMeters)))
                }
            }
            addPair(&out.byClass[street.highway, default: (0, 0)], classPair)
            out.gaps.append(contentsOf: streetGaps(street: street, index: l, runs: runs, districts: districts, options: options))
            out.runs.append(contentsOf: runs)
        }
        return out
    }

    /// Maximal uncovered stretches of one street (across district cuts) of at least
    /// `minGapMeters` (every stretch of positive length when it is 0).
    static func streetGaps(street: Street, index: Int, runs: [CoverageRun], districts: [DistrictArea],
                           options: CoverageOptions) -> [CoverageGap] {
        var out: [CoverageGap] = []
        let weight = options.roadClassWeights.weight(street.highway)
        var i = 0
        while i < runs.count {
            guard runs[i].cameraCount == 0 else { i += 1; continue }
            var j = i
            var share: [Int: Double] = [:]
            var length = 0.0
            while j < runs.count, runs[j].cameraCount == 0,
                  j == i || abs(runs[j].fromMeters - runs[j - 1].toMeters) <= options.mergeToleranceMeters {
                if !districts.isEmpty { share[runs[j].districtIndex, default: 0] += runs[j].lengthMeters }
                length += runs[j].lengthMeters
                j += 1
            }
            let from = runs[i].fromMeters, to = runs[j - 1].toMeters
            if length > 0, length >= options.minGapMeters {
                let d = share.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? -1
                out.append(CoverageGap(
                    rank: 0, streetIndex: index, streetId: street.id, streetName: street.name, roadClass: street.highway,
                    district: d >= 0 ? districts[d].id : nil, fromMeters: from, toMeters: to, lengthMeters: length,
                    weight: weight, score: length * weight,
                    points: options.geometries ? Planar.slice(street.points, from: from, to: to) : []))
            }
            i = j
        }
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
