import GeoCore

/// Settings of the camera–vehicle ("Korgau") analysis.
public struct KorgauSettings: Sendable, Hashable {
    /// Delay from the camera detection to the alert on the officer's tablet, seconds.
    public var alertDelaySeconds: Double
    /// The unit must reach the intercept node at least this long before the vehicle, seconds.
    public var interceptMarginSeconds: Double
    public var availability: UnitAvailability
    public var seed: UInt64

    public init(alertDelaySeconds: Double = 30, interceptMarginSeconds: Double = 0,
                availability: UnitAvailability = .all, seed: UInt64 = 1) {
        self.alertDelaySeconds = alertDelaySeconds
        self.interceptMarginSeconds = interceptMarginSeconds
        self.availability = availability
        self.seed = seed
    }
}

/// Results of the camera–vehicle analysis.
public struct KorgauResult: Sendable, Hashable {
    public var trips: Int
    public var detectedTrips: Int
    /// detectedTrips / trips (0 when there are no trips).
    public var detectedFraction: Double
    /// Time from trip start to first detection, over detected trips (seconds; nearest-rank
    /// percentiles; `withinTargetFraction` is unused and 0).
    public var timeToFirstDetection: ResponseSummary
    /// Trips entering through a city entry.
    public var entryTrips: Int
    /// Of those, detected by a cordon camera anywhere on the trip.
    public var entryTripsCaughtByCordon: Int
    public var cordonFraction: Double
    public var dangerousTrips: Int
    public var dangerousDetected: Int
    /// Dangerous detected trips where the nearest available unit (to the detection point) can
    /// reach a node of the remaining path before the vehicle.
    public var interceptable: Int
    /// interceptable / dangerousDetected.
    public var interceptFraction: Double
    /// Dangerous detected trips where *some* available unit could get ahead of the vehicle.
    public var interceptableByAnyUnit: Int
    /// Per trip: first detection time (NaN when undetected).
    public var firstDetectionSeconds: [Double]
    /// Per trip: the alerted unit (nearest available to the detection node), −1 when none.
    public var alertedUnit: [Int32]
    /// Per trip: the step index (global) whose exit node the alerted unit reaches first with
    /// the most time to spare, −1 when no intercept is feasible.
    public var interceptStep: [Int32]
}

/// Camera–vehicle detection and intercept feasibility ("Korgau": the nearest officer's tablet is
/// alerted to an approaching dangerous driver seen by a camera).
public enum KorgauAnalysis {
    /// Analyses all trips.
    ///
    /// Detection: the first step whose traversal the oracle reports detected; the detection
    /// time is the oracle's. Cordon: an entry trip counts as caught when any step has a cordon
    /// detection. Intercept (dangerous, detected trips): the alert reaches units at detection +
    /// `alertDelaySeconds`; the alerted unit is the available unit with the least travel time to
    /// the detection step's exit node (ties: lower index); the intercept is feasible when for some
    /// step k from the detection step on, alert + travel(unit → exitNode_k) + margin ≤ exit time
    /// of step k (the vehicle is assumed to keep to its route).
    ///
    /// Complexity O(total steps) for detection plus O(D·U·S) for intercepts (D dangerous detected
    /// trips, U units, S remaining steps). Deterministic for a given seed.
    /// - Throws: `CovplanError(.usage)` for negative delays, an availability list of the wrong
    ///   length or probabilities outside [0, 1].
    public static func analyse(trips: VehicleTrips, cameras: any DetectionOracle,
                               units: any InterceptTravelTimes, settings: KorgauSettings) throws -> KorgauResult {
        guard settings.alertDelaySeconds.isFinite, settings.alertDelaySeconds >= 0 else {
            throw CovplanError(.usage, "alert delay must be ≥ 0 seconds, got \(settings.alertDelaySeconds)")
        }
        guard settings.interceptMarginSeconds.isFinite, settings.interceptMarginSeconds >= 0 else {
            throw CovplanError(.usage, "intercept margin must be ≥ 0 seconds, got \(settings.interceptMarginSeconds)")
        }
        let U = units.unitCount
        switch settings.availability {
        case .all: break
        case .fixed(let free):
            guard free.count == U else {
                throw CovplanError(.usage, "unit availability: \(free.count) flags for \(U) units")
            }
        case .random(let busy):
            guard busy.count == U, busy.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
                throw CovplanError(.usage, "unit availability: need \(U) busy probabilities in [0, 1]")
            }
        }
        var rng = Xoshiro256StarStar(seed: settings.seed)
        let n = trips.count
        var firstDetection = [Double](repeating: .nan, count: n)
        var alerted = [Int32](repeating: -1, count: n)
        var interceptStep = [Int32](repeating: -1, count: n)
        var delays: [Double] = []
        var entryTrips = 0, entryCaught = 0
        var dangerous = 0, dangerousDetected = 0, interceptable = 0, anyInterceptable = 0
        var free = [Bool](repeating: true, count: U)

        for t in 0..<n {
            let range = trips.steps(of: t)
            var detectionStep = -1
            var cordon = false
            for k in range {
                guard let d = cameras.detection(piece: trips.piece[k], entrySeconds: trips.entrySeconds[k],
                                                exitSeconds: trips.exitSeconds[k]) else { continue }
                if detectionStep < 0 {
                    detectionStep = k
                    firstDetection[t] = d.seconds
                }
                if d.cordonSeconds != nil { cordon = true }
                if detectionStep >= 0 && (cordon || !trips.entersCity[t]) { break }
            }
            if trips.entersCity[t] {
                entryTrips += 1
                if cordon { entryCaught += 1 }
            }
            if detectionStep >= 0 { delays.append(firstDetection[t] - trips.entrySeconds[range.lowerBound]) }
            guard trips.isDangerous[t] else { continue }
            dangerous += 1
            guard detectionStep >= 0 else { continue }
            dangerousDetected += 1

            switch settings.availability {
            case .all: break
            case .fixed(let f): free = f
            case .random(let busy):
                for u in 0..<U { free[u] = rng.nextUnit() >= busy[u] }
            }
            let alert = firstDetection[t] + settings.alertDelaySeconds
            let detectionNode = trips.exitNode[detectionStep]
            var best = Double.infinity
            var bestUnit = -1
            for u in 0..<U where free[u] {
                let s = units.seconds(unit: u, to: detectionNode)
                if s < best { best = s; bestUnit = u }
            }
            guard bestUnit >= 0 else { continue }
            alerted[t] = Int32(bestUnit)
            func bestStep(_ u: Int) -> Int {
                var slack = -Double.infinity
                var step = -1
                for k in detectionStep..<range.upperBound {
                    let s = trips.exitSeconds[k] - (alert + units.seconds(unit: u, to: trips.exitNode[k])
                                                    + settings.interceptMarginSeconds)
                    if s >= 0, s > slack { slack = s; step = k }
                }
                return step
            }
            let step = bestStep(bestUnit)
            if step >= 0 {
                interceptable += 1
                anyInterceptable += 1
                interceptStep[t] = Int32(step)
            } else {
                for u in 0..<U where free[u] && u != bestUnit && bestStep(u) >= 0 {
                    anyInterceptable += 1
                    break
                }
            }
        }
        let detected = delays.count
        return KorgauResult(
            trips: n, detectedTrips: detected, detectedFraction: n > 0 ? Double(detected) / Double(n) : 0,
            timeToFirstDetection: ResponseSummary(values: delays, withinTarget: 0),
            entryTrips: entryTrips, entryTripsCaughtByCordon: entryCaught,
            cordonFraction: entryTrips > 0 ? Double(entryCaught) / Double(entryTrips) : 0,
            dangerousTrips: dangerous, dangerousDetected: dangerousDetected, interceptable: interceptable,
            interceptFraction: dangerousDetected > 0 ? Double(interceptable) / Double(dangerousDetected) : 0,
            interceptableByAnyUnit: anyInterceptable, firstDetectionSeconds: firstDetection,
            alertedUnit: alerted, interceptStep: interceptStep)
    }
}
