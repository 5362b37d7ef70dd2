import GeoCore

/// Settings of a grid hot-spot analysis. Every default is defined here once.
public struct HotSpotOptions: Sendable, Hashable {
    /// Side of a square grid cell, metres (default 100).
    public var cellMeters: Double
    /// Quartic kernel bandwidth, metres (default 300).
    public var bandwidthMeters: Double
    /// Gi* neighbourhood: cells whose centres lie within this distance of the cell's centre,
    /// the cell itself included, metres (default: the kernel bandwidth).
    public var bandMeters: Double?
    /// False-discovery rate α for the hot / cold classes (default 0.05).
    public var alpha: Double

    public static let defaultCellMeters = 100.0
    public static let defaultBandwidthMeters = 300.0
    public static let defaultAlpha = 0.05
    /// The most grid cells an analysis may have (a 100 km × 100 km city at 50 m cells).
    public static let maxCells = 4_000_000.0

    public init(cellMeters: Double = defaultCellMeters, bandwidthMeters: Double = defaultBandwidthMeters,
                bandMeters: Double? = nil, alpha: Double = defaultAlpha) {
        self.cellMeters = cellMeters
        self.bandwidthMeters = bandwidthMeters
        self.bandMeters = bandMeters
        self.alpha = alpha
    }

    /// The Gi* distance band in metres.
    public var effectiveBandMeters: Double { bandMeters ?? bandwidthMeters }

    /// Throws `.usage` naming the first impossible setting.
    public func validate() throws(CovplanError) {
        guard cellMeters.isFinite, cellMeters > 0 else {
            throw CovplanError(.usage, "hot-spot cell size \(cellMeters) m must be a positive number of metres (crime.hot_spots.cell_m, --cell-m)")
        }
        try InputLimits.check(cellMeters, max: InputLimits.maxMeters, "hot-spot cell size (m)", why: "1,000 km")
        _ = try QuarticKernel(bandwidthMeters: bandwidthMeters)
        let band = effectiveBandMeters
        guard band.isFinite, band >= cellMeters else {
            throw CovplanError(.usage, "Gi* distance band \(band) m must be at least the cell size \(cellMeters) m, so every cell has neighbours (crime.hot_spots.band_m, --band-m)")
        }
        try InputLimits.check(band / cellMeters, max: 100, "Gi* distance band in cells (--band-m ÷ --cell-m)", why: "about 31,000 neighbours per cell")
        try InputLimits.check(bandwidthMeters / cellMeters, max: 100, "kernel bandwidth in cells (--bandwidth-m ÷ --cell-m)", why: "about 31,000 cells per incident")
        guard alpha > 0, alpha < 1 else {
            throw CovplanError(.usage, "false-discovery rate α \(alpha) must be between 0 and 1 (crime.hot_spots.alpha, --alpha)")
        }
    }
}

/// The class of a grid cell after false-discovery-rate correction.
public enum HotSpotClass: String, Sendable, Hashable, CaseIterable {
    /// Gi* z > 0 and FDR-adjusted p ≤ α.
    case hot
    /// Gi* z < 0 and FDR-adjusted p ≤ α.
    case cold
    /// Not significant.
    case ns
}

/// One grid cell of a hot-spot analysis.
public struct HotSpotCell: Sendable, Hashable {
    /// `c<column>_<row>` (column from the west, row from the south, both from 0).
    public var id: String
    public var column: Int
    public var row: Int
    /// The cell square in the working CRS (metres).
    public var envelope: Envelope
    /// Incidents in the cell (sum of weights; a point on a shared edge goes to the east / north cell).
    public var count: Double
    /// Quartic kernel density at the cell centre, incidents per km².
    public var densityPerKm2: Double
    /// Gi* z-score, two-sided normal p and Benjamini–Hochberg adjusted p.
    public var giZ: Double
    public var p: Double
    public var pFDR: Double
    public var hotSpotClass: HotSpotClass

    public var centre: Point { Point(x: (envelope.minX + envelope.maxX) / 2, y: (envelope.minY + envelope.maxY) / 2) }
}

/// The result of a grid hot-spot analysis.
public struct HotSpotResult: Sendable {
    public var options: HotSpotOptions
    /// Cells, row-major from the south-west corner.
    public var cells: [HotSpotCell]
    public var columns: Int
    public var rows: Int
    /// Incidents counted (sum of weights) and their number.
    public var totalWeight: Double
    public var incidentCount: Int
    /// Neighbours per interior cell in the Gi* band (the cell itself included).
    public var neighboursPerCell: Int

    public func count(_ c: HotSpotClass) -> Int { cells.reduce(0) { $0 + ($1.hotSpotClass == c ? 1 : 0) } }
    /// Incidents (weight) inside hot cells.
    public var weightInHotCells: Double { cells.reduce(0) { $0 + ($1.hotSpotClass == .hot ? $1.count : 0) } }
}

/// Hot spots of incidents on a regular square grid: counts per cell, quartic kernel density at
/// the cell centres, Gi* with a binary distance band over cell centres (the cell itself
/// included), two-sided normal p, Benjamini–Hochberg FDR, classes hot / cold / ns.
///
/// The grid covers `area` (the study area: the city's extent, or the incidents' extent), its
/// origin snapped to a multiple of the cell size; every cell of the rectangle is a unit of the
/// analysis (zeros included), as a fishnet in ArcGIS's Hot Spot Analysis.
public enum HotSpotGrid {
    /// - Parameters:
    ///   - points: incidents in the working CRS (metres).
    ///   - weights: per incident (≥ 0), or nil for 1 each.
    ///   - area: the study area; incidents outside it are counted in `outside` and do not enter.
    /// - Throws: `.usage` for impossible options or a grid of more than `HotSpotOptions.maxCells`
    ///   cells; `.dataError` for a negative or non-finite weight (naming the incident index) or no
    ///   incident inside the area.
    public static func analyse(points: [Point], weights: [Double]? = nil, ids: [String]? = nil, area: Envelope,
                               options: HotSpotOptions = HotSpotOptions()) throws(CovplanError) -> (result: HotSpotResult, outside: Int) {
        try options.validate()
        if let weights {
            guard weights.count == points.count else { throw CovplanError(.software, "hot spots: \(points.count) points, \(weights.count) weights") }
            for (i, w) in weights.enumerated() where !(w.isFinite && w >= 0) {
                throw CovplanError(.dataError, feature: ids?[i] ?? "\(i)", "incident weight must be a number ≥ 0 (got \(w))")
            }
        }
        guard !area.isEmpty, area.minX.isFinite, area.maxX.isFinite, area.minY.isFinite, area.maxY.isFinite else {
            throw CovplanError(.dataError, "hot spots: the study area is empty")
        }
        let c = options.cellMeters
        let x0 = (area.minX / c).rounded(.down) * c, y0 = (area.minY / c).rounded(.down) * c
        let colsD = max(1, ((area.maxX - x0) / c).rounded(.down) + 1)
        let rowsD = max(1, ((area.maxY - y0) / c).rounded(.down) + 1)
        try InputLimits.check(colsD * rowsD, max: HotSpotOptions.maxCells, "hot-spot grid cells (study area ÷ --cell-m²)",
                              why: "a 100 km × 100 km city at 50 m cells; use a larger --cell-m")
        let cols = Int(colsD), rows = Int(rowsD), n = cols * rows
        guard n >= 2 else { throw CovplanError(.usage, "hot spots: the study area holds a single \(c) m cell; use a smaller cell size (crime.hot_spots.cell_m, --cell-m)") }

        var counts = [Double](repeating: 0, count: n)
        var inside: [Point] = [], insideW: [Double] = []
        var outside = 0
        for (i, p) in points.enumerated() {
            let cx = Int(((p.x - x0) / c).rounded(.down)), cy = Int(((p.y - y0) / c).rounded(.down))
            guard p.x >= area.minX, p.x <= area.maxX, p.y >= area.minY, p.y <= area.maxY,
                  cx >= 0, cx < cols, cy >= 0, cy < rows else { outside += 1; continue }
            let w = weights?[i] ?? 1
            counts[cy * cols + cx] += w
            inside.append(p)
            insideW.append(w)
        }
        guard !inside.isEmpty else {
            throw CovplanError(.dataError, "hot spots: no incident lies inside the study area (\(outside) outside)")
        }

        // Kernel density at cell centres: each incident spreads over the cells within h.
        let kernel = try QuarticKernel(bandwidthMeters: options.bandwidthMeters)
        var density = [Double](repeating: 0, count: n)
        let reach = Int((options.bandwidthMeters / c).rounded(.up))
        for (k, p) in inside.enumerated() {
            let cx = Int(((p.x - x0) / c).rounded(.down)), cy = Int(((p.y - y0) / c).rounded(.down))
            for j in max(0, cy - reach)...min(rows - 1, cy + reach) {
                let yc = y0 + (Double(j) + 0.5) * c
                for i in max(0, cx - reach)...min(cols - 1, cx + reach) {
                    let xc = x0 + (Double(i) + 0.5) * c
                    let dx = xc - p.x, dy = yc - p.y
                    density[j * cols + i] += insideW[k] * kernel.value(distanceSquared: dx * dx + dy * dy)
                }
            }
        }

        // Gi* with a distance band over cell centres: the same offsets for every cell.
        let band = options.effectiveBandMeters
        let r = Int((band / c).rounded(.down))
        var offsets: [(Int, Int)] = []
        for dy in -r...r {
            for dx in -r...r where Double(dx * dx + dy * dy) * c * c <= band * band * (1 + 1e-9) { offsets.append((dx, dy)) }
        }
        var rowStart = [0], neighbours: [Int32] = []
        neighbours.reserveCapacity(n * offsets.count)
        for j in 0..<rows {
            for i in 0..<cols {
                neighbours.append(Int32(j * cols + i))
                for (dx, dy) in offsets where !(dx == 0 && dy == 0) {
                    let a = i + dx, b = j + dy
                    if a >= 0, a < cols, b >= 0, b < rows { neighbours.append(Int32(b * cols + a)) }
                }
                rowStart.append(neighbours.count)
            }
        }
        let w = SpatialWeights(offsets: rowStart, neighbours: neighbours)
        let z = try GetisOrd.zScores(counts, weights: w)
        let p = z.map(GetisOrd.twoSidedP)
        let q = FalseDiscoveryRate.benjaminiHochberg(p)

        var cells: [HotSpotCell] = []
        cells.reserveCapacity(n)
        for j in 0..<rows {
            for i in 0..<cols {
                let k = j * cols + i
                let env = Envelope(minX: x0 + Double(i) * c, minY: y0 + Double(j) * c,
                                   maxX: x0 + Double(i + 1) * c, maxY: y0 + Double(j + 1) * c)
                let cls: HotSpotClass = q[k] <= options.alpha ? (z[k] > 0 ? .hot : (z[k] < 0 ? .cold : .ns)) : .ns
                cells.append(HotSpotCell(id: "c\(i)_\(j)", column: i, row: j, envelope: env, count: counts[k],
                                         densityPerKm2: density[k] * 1e6, giZ: z[k], p: p[k], pFDR: q[k], hotSpotClass: cls))
            }
        }
        let result = HotSpotResult(options: options, cells: cells, columns: cols, rows: rows,
                                   totalWeight: insideW.reduce(0, +), incidentCount: inside.count, neighboursPerCell: offsets.count)
        return (result, outside)
    }
}
