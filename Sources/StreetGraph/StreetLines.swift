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
        var lineStart: [Int] = [0]
        lineStart.reserveCapacity(streets.count + 1)
        var lineStreet: [Int32] = []
        lineStreet.reserveCapacity(streets.count)
        var lineMps: [Double] = []
        lineMps.reserveCapacity(streets.count)
        var classCache: [String: (admit: Bool, kmh: Double)] = [:]
        var lastClass: (highway: String?, cls: (admit: Bool, kmh: Double)) = (nil, (false, 0))
        let maxspeedApplies = mode == .drive && table.useMaxspeed
        var x: [Double] = [], y: [Double] = []
        // Streets go in chunks: count a chunk's points, then copy them while they are still in
        // cache into a scratch buffer (raw pointers in the hot loop), then append the chunk.
        let chunk = 256
        var scratchX: [Double] = [], scratchY: [Double] = []
        for c in stride(from: 0, to: streets.count, by: chunk) {
            let chunkEnd = min(streets.count, c + chunk)
            var chunkPoints = 0
            for i in c..<chunkEnd { chunkPoints += streets[i].points.count }
            if c == 0 {
                // Capacity from the first chunk's points per street, with room to spare (capacity
                // never written costs no memory); appends grow it if that is short.
                let estimate = Double(chunkPoints) / Double(chunkEnd) * Double(streets.count) * 1.25
                x.reserveCapacity(Int(estimate) + 1024); y.reserveCapacity(Int(estimate) + 1024)
            }
            if scratchX.count < chunkPoints {
                scratchX = [Double](repeating: 0, count: chunkPoints)
                scratchY = [Double](repeating: 0, count: chunkPoints)
            }
            let base = x.count
            let written: Int = try scratchX.withUnsafeMutableBufferPointer { xs in
                try scratchY.withUnsafeMutableBufferPointer { ys in
                    var k = 0
                    try streets.withUnsafeBufferPointer { sb in
                        for i in c..<chunkEnd {
                            // Class lookups: the previous street's class first (runs of one
                            // class are common), then a dictionary.
                            let cls: (admit: Bool, kmh: Double)
                            if sb[i].highway == lastClass.highway { cls = lastClass.cls } else {
                                if let cached = classCache[sb[i].highway] { cls = cached } else {
                                    cls = (mode.admits(sb[i]), table.speedKmh(highway: sb[i].highway, maxspeedKmh: nil))
                                    classCache[sb[i].highway] = cls
                                }
                                lastClass = (sb[i].highway, cls)
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
                            lineStart.append(base + k)
                            lineStreet.append(Int32(i))
                            // As `SpeedTable.speedKmh`: a valid tagged maxspeed, else the class speed.
                            var kmh = cls.kmh
                            if maxspeedApplies, let m = maxspeed, m.isFinite, m > 0 { kmh = m }
                            lineMps.append(kmh / 3.6)
                        }
                    }
                    return k
                }
            }
            x.append(contentsOf: scratchX[0..<written])
            y.append(contentsOf: scratchY[0..<written])
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
