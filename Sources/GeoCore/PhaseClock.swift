import Dispatch

/// Wall-clock laps of a computation's phases (monotonic clock, seconds), for `--timings`
/// diagnostics only: never written into an output file, so outputs stay deterministic.
public struct PhaseClock: Sendable {
    private let start = DispatchTime.now().uptimeNanoseconds
    private var last = DispatchTime.now().uptimeNanoseconds
    /// Phases in the order recorded, with their durations in seconds.
    public private(set) var laps: [(phase: String, seconds: Double)] = []

    public init() {}

    /// Records the time since the previous lap (or since creation) under `name`.
    public mutating func lap(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append((name, Double(now - last) / 1e9))
        last = now
    }

    /// Seconds since the clock was created.
    public var total: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}
