import CityModel
import GeoCore
import StreetGraph

/// A block of the day, `[startHour, endHour)` in hours since midnight (0…24).
public struct TimeBlock: Sendable, Hashable {
    public var startHour: Int
    public var endHour: Int

    public init(startHour: Int, endHour: Int) {
        self.startHour = startHour
        self.endHour = endHour
    }

    /// Four six-hour blocks: night, morning, afternoon, evening.
    public static let quarters = [TimeBlock(startHour: 0, endHour: 6), TimeBlock(startHour: 6, endHour: 12),
                                  TimeBlock(startHour: 12, endHour: 18), TimeBlock(startHour: 18, endHour: 24)]

    /// `00–06` style label.
    public var label: String {
        func two(_ h: Int) -> String { h < 10 ? "0\(h)" : "\(h)" }
        return "\(two(startHour))–\(two(endHour))"
    }

    func contains(secondOfDay s: Double) -> Bool {
        s >= Double(startHour) * 3600 && s < Double(endHour) * 3600
    }
}

/// What fleet sizing asks: the share of calls that must be answered within a target.
public struct FleetSizingRequest: Sendable {
    /// Where units are based: unit N goes to post (N − 1) mod posts (`UnitPlacement.roundRobin`),
    /// so the fleet of N − 1 is the fleet of N less its last unit.
    public var posts: [UnitSite]
    public var blocks: [TimeBlock] = TimeBlock.quarters
    /// Response target (call → first unit on scene), minutes.
    public var targetMinutes: Double
    /// Share of counted calls in a block that must be answered within the target (0 < f ≤ 1).
    public var requiredFraction: Double = 0.8
    /// Largest fleet tried.
    public var maxUnits: Int = 20

    public init(posts: [UnitSite], targetMinutes: Double, requiredFraction: Double = 0.8, maxUnits: Int = 20,
                blocks: [TimeBlock] = TimeBlock.quarters) {
        self.posts = posts
        self.targetMinutes = targetMinutes
        self.requiredFraction = requiredFraction
        self.maxUnits = maxUnits
        self.blocks = blocks
    }

    /// - Throws: `CovplanError(.usage)` naming the bad setting.
    public func validate() throws {
        guard !posts.isEmpty else { throw CovplanError(.usage, "fleet sizing needs at least one post or unit base") }
        guard targetMinutes.isFinite, targetMinutes > 0, targetMinutes <= InputLimits.maxMinutes else {
            throw CovplanError(.usage, "fleet sizing target must be in (0, \(Int(InputLimits.maxMinutes))] minutes, got \(targetMinutes)")
        }
        guard requiredFraction.isFinite, requiredFraction > 0, requiredFraction <= 1 else {
            throw CovplanError(.usage, "fleet sizing share within target must be in (0, 1], got \(requiredFraction)")
        }
        guard (1...200).contains(maxUnits) else { throw CovplanError(.usage, "fleet sizing max units must be in 1…200, got \(maxUnits)") }
        guard !blocks.isEmpty else { throw CovplanError(.usage, "fleet sizing needs at least one time block") }
        for b in blocks where !(0 <= b.startHour && b.startHour < b.endHour && b.endHour <= 24) {
            throw CovplanError(.usage, "time block \(b.startHour)–\(b.endHour) must satisfy 0 ≤ start < end ≤ 24")
        }
    }
}

/// The fleet one block of the day needs.
public struct FleetBlock: Sendable, Hashable {
    public var block: TimeBlock
    /// Counted calls arriving in the block (with the largest fleet simulated).
    public var calls: Int
    /// Smallest fleet whose share within target reaches the requirement; nil when even
    /// `maxUnits` does not.
    public var unitsNeeded: Int?
    /// Share within target with `unitsNeeded` units and with one fewer (nil for 0 units).
    public var fractionAtNeeded: Double?
    public var fractionWithOneFewer: Double?
}

/// Result of fleet sizing: per block the smallest fleet, and each simulated fleet's shares.
public struct FleetSizingResult: Sendable, Hashable {
    public var blocks: [FleetBlock]
    /// For N = 1, 2, …: share within target per block (in `blocks` order).
    public var fractions: [[Double]]
    public var targetMinutes: Double
    public var requiredFraction: Double
    public var maxUnits: Int
    /// The largest of the per-block needs (the fleet to own), nil when a block is not met.
    public var unitsNeeded: Int? {
        blocks.allSatisfy { $0.unitsNeeded != nil } ? blocks.map { $0.unitsNeeded! }.max() : nil
    }
}

/// The number of patrol units each block of the day needs to answer a share of calls within a
/// target, by the dispatch simulation (`SimulationRun`).
///
/// Fleets N = 1, 2, … are simulated on the same seeded call stream (calls do not depend on the
/// fleet), units based round-robin at the posts. A block's need is the **smallest N that meets the
/// requirement** — N − 1 was simulated and does not (for N > 1). A fleet larger than the need
/// may, rarely, fall below the requirement again (a changed dispatch order); the need is still the
/// first N that meets it. Calls are assigned to blocks by their time of day (the generated
/// stream starts Monday 00:00). O(maxUnits × one simulation), stopping when every block is met.
public enum FleetSizing {
    /// - Throws: `CovplanError` from the request's validation and from `SimulationRun.run`.
    public static func run(city: City, graph: RoadGraph, request: FleetSizingRequest, options: SimulationOptions) throws -> FleetSizingResult {
        try request.validate()
        var opts = options
        opts.targetMinutes = nil  // residents within target are not needed here
        let target = request.targetMinutes * 60
        var fractions: [[Double]] = []
        var calls = [Int](repeating: 0, count: request.blocks.count)
        var needed = [Int?](repeating: nil, count: request.blocks.count)
        for n in 1...request.maxUnits {
            let units = try UnitPlacement.roundRobin(posts: request.posts, count: n)
            let out = try SimulationRun.run(city: city, graph: graph, units: units, options: opts)
            let f = blockFractions(out, blocks: request.blocks, targetSeconds: target)
            fractions.append(f.fractions)
            calls = f.calls
            for b in request.blocks.indices where needed[b] == nil && f.fractions[b] >= request.requiredFraction {
                needed[b] = n
            }
            if needed.allSatisfy({ $0 != nil }) { break }
        }
        let blocks = request.blocks.indices.map { b in
            FleetBlock(block: request.blocks[b], calls: calls[b], unitsNeeded: needed[b],
                       fractionAtNeeded: needed[b].map { fractions[$0 - 1][b] },
                       fractionWithOneFewer: needed[b].flatMap { $0 > 1 ? fractions[$0 - 2][b] : nil })
        }
        return FleetSizingResult(blocks: blocks, fractions: fractions, targetMinutes: request.targetMinutes,
                                 requiredFraction: request.requiredFraction, maxUnits: request.maxUnits)
    }

    /// Share of counted calls per block answered within `targetSeconds` (1 for a block without
    /// calls), and the calls per block.
    public static func blockFractions(_ out: SimulationOutcome, blocks: [TimeBlock], targetSeconds: Double) -> (fractions: [Double], calls: [Int]) {
        var hit = [Int](repeating: 0, count: blocks.count), all = [Int](repeating: 0, count: blocks.count)
        guard let o = out.dispatch.outcomes else { return (blocks.map { _ in 0 }, all) }
        let t = out.incidents.timeSeconds
        for i in t.indices where t[i] >= out.warmupSeconds {
            let sod = t[i].truncatingRemainder(dividingBy: 86_400)
            let on = o.onSceneSeconds[i]
            let ok = on.isFinite && on - t[i] <= targetSeconds + 1e-9
            for (b, blk) in blocks.enumerated() where blk.contains(secondOfDay: sod) {
                all[b] += 1
                if ok { hit[b] += 1 }
            }
        }
        return (blocks.indices.map { all[$0] == 0 ? 1 : Double(hit[$0]) / Double(all[$0]) }, all)
    }
}
