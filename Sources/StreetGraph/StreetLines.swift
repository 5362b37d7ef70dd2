import CityModel
import GeoCore

/// The street lines of one travel mode as flat vertex arrays, ready for splitting into edges.
///
/// Line `l` has vertices `x/y[lineStart[l] ..< lineStart[l + 1]]` (working CRS, metres), at
/// least two, with consecutive duplicates removed; it was cut from street `street[l]` (index in
/// the builder's input) and is travelled at `metresPerSecond[l]`.
struct StreetLines {
    var x: [Double]
    var y: [Double]
    var lineStart: [Int]
    var street: [Int32]
    var metresPerSecond: [Double]

    var lineCount: Int { street.count }

    /// The lines of the streets `mode` admits, with speeds from `table`.
    ///
    /// Counts skipped streets in `report` (other mode; degenerate: fewer than two distinct
    /// vertices; invalid maxspeed tags in drive mode) and sums the used input length (metres).
    ///
    /// - Throws: `CovplanError(.dataError)` naming the street for a non-finite coordinate.
    static func make(_ streets: [Street], mode: TravelMode, table: SpeedTable,
                     report: inout GraphReport) throws -> StreetLines {
        var pointTotal = 0
        for i in streets.indices { pointTotal += streets[i].points.count }
        var lineStart: [Int] = [0]
        lineStart.reserveCapacity(streets.count + 1)
        var lineStreet: [Int32] = []
        lineStreet.reserveCapacity(streets.count)
        var lineMps: [Double] = []
        lineMps.reserveCapacity(streets.count)
        var classCache: [String: (admit: Bool, kmh: Double)] = [:]
        let maxspeedApplies = mode == .drive && table.useMaxspeed
        var y: [Double] = []
        // Vertices are written through raw pointers (the hot loop); `k` is the next free slot.
        let x = try [Double](unsafeUninitializedCapacity: pointTotal) { xs, xCount in
            y = try [Double](unsafeUninitializedCapacity: pointTotal) { ys, yCount in
                var k = 0
                try streets.withUnsafeBufferPointer { sb in
                    for i in 0..<sb.count {
                        let cls: (admit: Bool, kmh: Double)
                        if let c = classCache[sb[i].highway] { cls = c } else {
                            cls = (mode.admits(sb[i]), table.speedKmh(highway: sb[i].highway, maxspeedKmh: nil))
                            classCache[sb[i].highway] = cls
                        }
                        guard cls.admit else { report.streetsOtherMode += 1; continue }
                        let mark = k
                        var length = 0.0
                        try sb[i].points.withUnsafeBufferPointer { pts in
                            for p in pts {
                                guard p.isFinite else {
                                    throw CovplanError(.dataError, layer: "streets", feature: sb[i].id, "non-finite coordinate \(p)")
                                }
                                if k > mark {
                                    let dx = p.x - xs[k - 1], dy = p.y - ys[k - 1]
                                    if dx == 0 && dy == 0 { continue }
                                    length += (dx * dx + dy * dy).squareRoot()
                                }
                                xs[k] = p.x
                                ys[k] = p.y
                                k += 1
                            }
                        }
                        guard k - mark > 1 else {
                            k = mark
                            report.degenerateStreets.append(sb[i].id)
                            continue
                        }
                        let maxspeed = sb[i].maxspeedKmh
                        if let m = maxspeed, !(m.isFinite && m > 0), maxspeedApplies {
                            report.invalidMaxspeedStreets.append(sb[i].id)
                        }
                        report.inputLengthMeters += length
                        lineStart.append(k)
                        lineStreet.append(Int32(i))
                        // As `SpeedTable.speedKmh`: a valid tagged maxspeed, else the class speed.
                        var kmh = cls.kmh
                        if maxspeedApplies, let m = maxspeed, m.isFinite, m > 0 { kmh = m }
                        lineMps.append(kmh / 3.6)
                    }
                }
                yCount = k
            }
            xCount = y.count
        }
        return StreetLines(x: x, y: y, lineStart: lineStart, street: lineStreet, metresPerSecond: lineMps)
    }

    /// Replaces the vertices by `lines` (one point array per current line, e.g. after noding);
    /// lines left with fewer than two points are dropped and reported as degenerate.
    mutating func replace(with lines: [[Point]], streetIds: (Int32) -> String, report: inout GraphReport) {
        var nx: [Double] = [], ny: [Double] = []
        var starts = [0], keptStreet: [Int32] = [], keptMps: [Double] = []
        for (k, l) in lines.enumerated() {
            guard l.count > 1 else { report.degenerateStreets.append(streetIds(street[k])); continue }
            for p in l { nx.append(p.x); ny.append(p.y) }
            starts.append(nx.count)
            keptStreet.append(street[k])
            keptMps.append(metresPerSecond[k])
        }
        self = StreetLines(x: nx, y: ny, lineStart: starts, street: keptStreet, metresPerSecond: keptMps)
    }

    /// The vertices of each line as points.
    var pointArrays: [[Point]] {
        (0..<lineCount).map { l in (lineStart[l]..<lineStart[l + 1]).map { Point(x[$0], y[$0]) } }
    }
}
