import Dispatch

/// Wall-clock laps of a computation's phases (monotonic clock), for diagnostics only.
struct PhaseClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var laps: [(phase: String, seconds: Double)] = []

    /// Records the time since the previous lap under `name`.
    mutating func lap(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append((name, Double(now - last) / 1e9))
        last = now
    }
}
