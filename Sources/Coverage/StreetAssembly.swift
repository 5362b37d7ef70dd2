import CityModel
import GeoCore

/// Street runs joined from segment runs, with the totals, covered pieces and ranked gaps derived
/// from them (steps 2 and 3 of `CoverageAnalysis`).
///
/// Each segment's runs are swept right where its street is assembled (`SegmentRuns.Sweep`), so
/// the runs of all segments never exist at once. Blocks of consecutive streets are worked in parallel and merged in street order, so every
/// sum is taken in the same order on any number of cores. Blocks hold only plain numbers (runs,
/// `GapSpan`s); the result values with street ids, names and geometry are made once, at the end,
/// in parallel, directly in their final place.
extension CoverageAnalysis {
    /// Totals, runs and gap spans of a block of consecutive streets.
    struct StreetBlock {
        /// Road classes in order of first appearance, with (length, covered) metres.
        var classNames: [String] = []
        var classSums: [(Double, Double)] = []
        var byDistrict: [(Double, Double)]
        var outside = 0.0
        var mult = CoverageSummary.Multiplicity()
        var total = 0.0, covered = 0.0
        var runs: [CoverageRun] = []
        var gaps: [GapSpan] = []
    }

    /// Joins segment runs along each street into street runs, and derives pieces, gaps and totals.
    /// Parallel over fixed blocks of streets, merged in street order (deterministic sums).
    ///
    /// - Parameters:
    ///   - records: the covered intervals of the street segments, grouped by segment in `grouped`.
    ///   - splitter: cuts segments at district boundaries (nil without districts).
    static func assembleStreets(streets: [Street], lines: LineSet, records: IntervalRecords, grouped: RecordsBySegment,
                                splitter: DistrictSplitter?, districts: [DistrictArea], options: CoverageOptions,
                                into result: inout CoverageResult) {
        let blocks = ParallelChunks.map(ParallelChunks.ranges(count: streets.count, chunkSize: 2048)) { range in
            var sweep = SegmentRuns.Sweep(records: records, grouped: grouped, lines: lines, splitter: splitter)
            return assemble(range, streets: streets, lines: lines, sweep: &sweep, districts: districts, options: options)
        }
        var byClass: [String: (Double, Double)] = [:]
        var byDistrict = [(Double, Double)](repeating: (0, 0), count: districts.count)
        var outside = 0.0
        var mult = CoverageSummary.Multiplicity()
        var total = 0.0, covered = 0.0
        for blk in blocks {
            for (key, v) in zip(blk.classNames, blk.classSums).sorted(by: { $0.0 < $1.0 }) {
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
        }
        let spans = ParallelChunks.concat(blocks.map(\.gaps))
        let runs = ParallelChunks.concat(blocks.map(\.runs))
        if options.geometries {
            result.coveredPieces = coveredPieces(runs: runs, streets: streets, districts: districts)
        }
        if options.streetRuns { result.runs = runs }
        let ranked = options.allGaps ? GapSpan.ranked(spans) : GapSpan.top(options.summaryGapCount, of: spans)
        result.gaps = gaps(ranked: ranked, streets: streets, districts: districts, geometries: options.geometries)

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
        s.gapsCount = spans.count
        s.gapsLengthMeters = spans.reduce(0) { $0 + $1.lengthMeters }
        s.topGaps = result.gaps.prefix(options.summaryGapCount).map {
            CoverageSummary.GapEntry(rank: $0.rank, streetId: $0.streetId, streetName: $0.streetName,
                                     roadClass: $0.roadClass, district: $0.district, lengthMeters: $0.lengthMeters,
                                     score: $0.score)
        }
        result.summary = s
    }

    /// One block: its street runs (all, or only the covered ones when only pieces need them),
    /// gap spans and totals.
    static func assemble(_ range: Range<Int>, streets: [Street], lines: LineSet, sweep: inout SegmentRuns.Sweep,
                         districts: [DistrictArea], options: CoverageOptions) -> StreetBlock {
        var out = StreetBlock(byDistrict: [(Double, Double)](repeating: (0, 0), count: districts.count))
        let mergeM = options.mergeToleranceMeters
        var runs: [CoverageRun] = []
        var classIndex: [String: Int] = [:]
        var classWeight: [Double] = []
        var lastClass: String?
        var slot = -1
        for l in range {
            runs.removeAll(keepingCapacity: true)
            for s in Int(lines.lineFirstSegment[l])..<Int(lines.lineFirstSegment[l + 1]) {
                let len = lines.lengthMeters[s]
                guard len > 0 else { continue }
                let base = lines.startMeters[s]
                // Runs that touch with equal count and district join here (as in `SegmentRuns`).
                sweep.forEachRun(of: s) { t0, t1, count, district in
                    let from = base + t0 * len, to = base + t1 * len
                    guard to > from else { return }
                    let c = Int(count), d = Int(district)
                    if let last = runs.last, last.cameraCount == c, last.districtIndex == d,
                       abs(last.toMeters - from) <= mergeM {
                        runs[runs.count - 1].toMeters = to
                    } else {
                        runs.append(CoverageRun(streetIndex: l, fromMeters: from, toMeters: to, cameraCount: c,
                                                districtIndex: d))
                    }
                }
            }
            // Neighbouring streets mostly share their class: look it up only when it changes.
            let highway = streets[l].highway
            if highway != lastClass {
                if let k = classIndex[highway] {
                    slot = k
                } else {
                    slot = out.classNames.count
                    classIndex[highway] = slot
                    out.classNames.append(highway)
                    out.classSums.append((0, 0))
                    classWeight.append(options.roadClassWeights.weight(highway))
                }
                lastClass = highway
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
            }
            out.classSums[slot].0 += classPair.0
            out.classSums[slot].1 += classPair.1
            GapSpan.find(street: l, runs: runs, weight: classWeight[slot], districted: !districts.isEmpty,
                         options: options, into: &out.gaps)
            if options.streetRuns {
                out.runs.append(contentsOf: runs)
            } else if options.geometries {
                for r in runs where r.cameraCount > 0 { out.runs.append(r) }
            }
        }
        return out
    }

    /// The covered runs as pieces with their street's attributes and line geometry (parallel).
    static func coveredPieces(runs: [CoverageRun], streets: [Street], districts: [DistrictArea]) -> [CoveredPiece] {
        let covered = runs.indices.filter { runs[$0].cameraCount > 0 }
        return ParallelChunks.array(count: covered.count, chunkSize: 4096) { i in
            let r = runs[covered[i]]
            return CoveredPiece(
                streetIndex: r.streetIndex, streetId: streets[r.streetIndex].id, streetName: streets[r.streetIndex].name,
                roadClass: streets[r.streetIndex].highway, fromMeters: r.fromMeters, toMeters: r.toMeters,
                lengthMeters: r.lengthMeters, cameraCount: r.cameraCount,
                district: r.districtIndex >= 0 ? districts[r.districtIndex].id : nil,
                points: Planar.slice(streets[r.streetIndex].points, from: r.fromMeters, to: r.toMeters))
        }
    }

    /// Ranked gap spans as gaps with their street's attributes (and geometry), rank 1 first (parallel).
    static func gaps(ranked spans: [GapSpan], streets: [Street], districts: [DistrictArea],
                     geometries: Bool) -> [CoverageGap] {
        ParallelChunks.array(count: spans.count, chunkSize: 4096) { i in
            let g = spans[i]
            return CoverageGap(
                rank: i + 1, streetIndex: g.street, streetId: streets[g.street].id, streetName: streets[g.street].name,
                roadClass: streets[g.street].highway, district: g.district >= 0 ? districts[g.district].id : nil,
                fromMeters: g.fromMeters, toMeters: g.toMeters, lengthMeters: g.lengthMeters, weight: g.weight,
                score: g.score,
                points: geometries ? Planar.slice(streets[g.street].points, from: g.fromMeters, to: g.toMeters) : [])
        }
    }
}
