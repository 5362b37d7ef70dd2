import GeoCore

/// Counts of incidents in the response, displacement-buffer and control areas before and after
/// an intervention, and the weighted displacement quotient of Bowers & Johnson (2003),
/// "Measuring the geographical displacement and diffusion of benefit effects of crime
/// prevention activity", Journal of Quantitative Criminology 19(3), 275–301:
///
///     success measure  SM  = Ra/Ca − Rb/Cb
///     buffer measure   BM  = Da/Ca − Db/Cb
///     WDQ = BM ÷ SM
///     total net effect TNE = [Rb·(Ca/Cb) − Ra] + [Db·(Ca/Cb) − Da]
///
/// R = response (treated) area, D = displacement buffer, C = control area, b = before,
/// a = after. SM < 0: crime in the response area fell relative to the control area (the scheme
/// worked); then WDQ > 0 is a diffusion of benefit into the buffer and WDQ < 0 displacement into
/// it (|WDQ| > 1: the buffer effect outweighs the direct one). WDQ is undefined (nil) when
/// SM ≥ 0 (no success to weigh), or when Cb or Ca is 0. TNE > 0: crimes prevented overall.
public struct DisplacementCounts: Sendable, Hashable {
    public var responseBefore: Int, responseAfter: Int
    public var bufferBefore: Int, bufferAfter: Int
    public var controlBefore: Int, controlAfter: Int

    public init(responseBefore: Int, responseAfter: Int, bufferBefore: Int, bufferAfter: Int, controlBefore: Int, controlAfter: Int) {
        self.responseBefore = responseBefore
        self.responseAfter = responseAfter
        self.bufferBefore = bufferBefore
        self.bufferAfter = bufferAfter
        self.controlBefore = controlBefore
        self.controlAfter = controlAfter
    }

    /// Ra/Ca − Rb/Cb (nil when Ca or Cb is 0).
    public var successMeasure: Double? {
        guard controlBefore > 0, controlAfter > 0 else { return nil }
        return Double(responseAfter) / Double(controlAfter) - Double(responseBefore) / Double(controlBefore)
    }

    /// Da/Ca − Db/Cb (nil when Ca or Cb is 0).
    public var bufferMeasure: Double? {
        guard controlBefore > 0, controlAfter > 0 else { return nil }
        return Double(bufferAfter) / Double(controlAfter) - Double(bufferBefore) / Double(controlBefore)
    }

    /// BM ÷ SM when SM < 0, else nil.
    public var wdq: Double? {
        guard let sm = successMeasure, let bm = bufferMeasure, sm < 0 else { return nil }
        return bm / sm
    }

    /// [Rb·(Ca/Cb) − Ra] + [Db·(Ca/Cb) − Da]: crimes prevented (> 0) or added (< 0), net.
    public var totalNetEffect: Double? {
        guard controlBefore > 0 else { return nil }
        let k = Double(controlAfter) / Double(controlBefore)
        return (Double(responseBefore) * k - Double(responseAfter)) + (Double(bufferBefore) * k - Double(bufferAfter))
    }
}

/// A camera with its installation period.
public struct InstalledCamera: Sendable, Hashable {
    public var id: String
    /// Position in the working CRS (metres).
    public var point: Point
    public var installed: PeriodKey

    public init(id: String, point: Point, installed: PeriodKey) {
        self.id = id
        self.point = point
        self.installed = installed
    }
}

/// Settings of a camera-impact analysis (defaults defined here once).
public struct CameraImpactOptions: Sendable, Hashable {
    /// Response area: a disc of this radius around the camera, metres (default 100, about the
    /// observe range of a street camera).
    public var radiusMeters: Double
    /// Displacement buffer: the ring from `radiusMeters` out to `radiusMeters + bufferMeters`
    /// (default 200).
    public var bufferMeters: Double
    /// Periods before and after the installation period (the installation period itself is left
    /// out), default 1 (a year before against a year after when the period is a year).
    public var windowPeriods: Int
    public var period: CrimePeriod

    public init(radiusMeters: Double = 100, bufferMeters: Double = 200, windowPeriods: Int = 1, period: CrimePeriod = .year) {
        self.radiusMeters = radiusMeters
        self.bufferMeters = bufferMeters
        self.windowPeriods = windowPeriods
        self.period = period
    }

    /// Throws `.usage` naming the first impossible setting.
    public func validate() throws(CovplanError) {
        guard radiusMeters.isFinite, radiusMeters > 0 else {
            throw CovplanError(.usage, "camera response radius \(radiusMeters) m must be a positive number of metres")
        }
        guard bufferMeters.isFinite, bufferMeters > 0 else {
            throw CovplanError(.usage, "displacement buffer width \(bufferMeters) m must be a positive number of metres")
        }
        try InputLimits.check(radiusMeters + bufferMeters, max: InputLimits.maxMeters, "camera response radius + buffer (m)", why: "1,000 km")
        guard windowPeriods >= 1, windowPeriods <= CrimeTrendAnalysis.maxPeriods else {
            throw CovplanError(.usage, "before/after window of \(windowPeriods) periods must be 1 to \(CrimeTrendAnalysis.maxPeriods)")
        }
    }
}

/// The impact of one camera.
public struct CameraImpact: Sendable, Hashable {
    public var id: String
    public var installed: PeriodKey
    /// First and last period of the before and after windows.
    public var before: ClosedRange<PeriodKey>
    public var after: ClosedRange<PeriodKey>
    public var counts: DisplacementCounts
}

/// Camera impact by the weighted displacement quotient, per camera with an installation date.
///
/// For a camera at c installed in period t with window w: before = the w periods ending just
/// before t, after = the w periods starting just after t. Response area R: incidents within
/// `radiusMeters` of c; buffer D: farther than that and within `radiusMeters + bufferMeters`;
/// control C: incidents farther than `radiusMeters + bufferMeters` from every camera of the
/// list (so no camera's own area is in another camera's control).
public enum CameraImpactAnalysis {
    /// - Throws: `.usage` for impossible options or a month analysis with year-only dates;
    ///   `.software` when counts differ.
    public static func compute(cameras: [InstalledCamera], incidents: [Point], times: [PeriodKey],
                               options: CameraImpactOptions = CameraImpactOptions()) throws(CovplanError) -> [CameraImpact] {
        try options.validate()
        guard incidents.count == times.count else { throw CovplanError(.software, "camera impact: \(incidents.count) incidents, \(times.count) times") }
        if options.period == .month, times.contains(where: { $0.month == nil }) || cameras.contains(where: { $0.installed.month == nil }) {
            throw CovplanError(.usage, "camera impact by month: some dates give only a year; use the year period")
        }
        let r2 = options.radiusMeters * options.radiusMeters
        let outer = options.radiusMeters + options.bufferMeters
        let o2 = outer * outer
        let keys = times.map { $0.at(options.period) }
        func d2(_ a: Point, _ b: Point) -> Double { (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) }
        // Control incidents: outside every camera's outer circle (uniform grid of outer-size cells).
        var near = [Bool](repeating: false, count: incidents.count)
        var buckets: [Int64: [Int]] = [:]
        func key(_ p: Point) -> (Int64, Int64) { (Int64((p.x / outer).rounded(.down)), Int64((p.y / outer).rounded(.down))) }
        for (i, p) in incidents.enumerated() { let (x, y) = key(p); buckets[x &* 73_856_093 ^ y, default: []].append(i) }
        func around(_ c: Point, _ visit: (Int) -> Void) {
            let (bx, by) = key(c)
            var seen = Set<Int64>()
            for dx in -1...1 {
                for dy in -1...1 {
                    let k = (bx + Int64(dx)) &* 73_856_093 ^ (by + Int64(dy))
                    guard seen.insert(k).inserted, let b = buckets[k] else { continue }
                    for i in b { visit(i) }
                }
            }
        }
        for cam in cameras { around(cam.point) { if d2(incidents[$0], cam.point) <= o2 { near[$0] = true } } }
        return cameras.map { cam in
            let t = cam.installed.at(options.period)
            var b0 = t
            for _ in 0..<options.windowPeriods { b0 = b0.previous }
            let b1 = t.previous
            let a0 = t.next
            var a1 = t
            for _ in 0..<options.windowPeriods { a1 = a1.next }
            var c = DisplacementCounts(responseBefore: 0, responseAfter: 0, bufferBefore: 0, bufferAfter: 0, controlBefore: 0, controlAfter: 0)
            var inR = Set<Int>(), inD = Set<Int>()
            around(cam.point) { i in
                let d = d2(incidents[i], cam.point)
                if d <= r2 { inR.insert(i) } else if d <= o2 { inD.insert(i) }
            }
            for (i, k) in keys.enumerated() {
                let isBefore = k >= b0 && k <= b1, isAfter = k >= a0 && k <= a1
                guard isBefore || isAfter else { continue }
                if inR.contains(i) {
                    if isBefore { c.responseBefore += 1 } else { c.responseAfter += 1 }
                } else if inD.contains(i) {
                    if isBefore { c.bufferBefore += 1 } else { c.bufferAfter += 1 }
                } else if !near[i] {
                    if isBefore { c.controlBefore += 1 } else { c.controlAfter += 1 }
                }
            }
            return CameraImpact(id: cam.id, installed: t, before: b0...b1, after: a0...a1, counts: c)
        }
    }
}

extension PeriodKey {
    /// The previous period of the same kind.
    public var previous: PeriodKey {
        guard let month else { return PeriodKey(year: year - 1) }
        return month == 1 ? PeriodKey(year: year - 1, month: 12) : PeriodKey(year: year, month: month - 1)
    }
}
