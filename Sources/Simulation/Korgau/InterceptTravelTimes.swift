import GeoCore

/// Travel times from response units (at their current positions) to graph nodes, for intercepts.
public protocol InterceptTravelTimes: Sendable {
    var unitCount: Int { get }
    /// Seconds for unit `unit` to reach `node`; +infinity when it cannot.
    func seconds(unit: Int, to node: Int32) -> Double
}

/// Dense units × nodes table of seconds (Float storage), e.g. filled by one shortest-path tree
/// per unit on the street graph.
public struct UnitNodeTravelTable: InterceptTravelTimes {
    public let unitCount: Int
    public let nodeCount: Int
    @usableFromInline let table: [Float]

    /// `secondsRowMajor[unit * nodeCount + node]`; throws `CovplanError(.dataError)` on a size
    /// mismatch or a negative/NaN entry (+infinity allowed).
    public init(unitCount: Int, nodeCount: Int, secondsRowMajor: [Double]) throws {
        guard unitCount > 0, nodeCount > 0, secondsRowMajor.count == unitCount * nodeCount else {
            throw CovplanError(.dataError, "intercept travel table: expected \(unitCount)×\(nodeCount) values, got \(secondsRowMajor.count)")
        }
        for v in secondsRowMajor where !(v >= 0) {
            throw CovplanError(.dataError, "intercept travel table: travel times must be ≥ 0 seconds, got \(v)")
        }
        self.unitCount = unitCount
        self.nodeCount = nodeCount
        table = secondsRowMajor.map { Float($0) }
    }

    public func seconds(unit: Int, to node: Int32) -> Double {
        let n = Int(node)
        guard n >= 0, n < nodeCount else { return .infinity }
        return Double(table[unit * nodeCount + n])
    }
}

/// Which units can respond to a Korgau alert.
public enum UnitAvailability: Sendable, Hashable {
    /// Every unit is free.
    case all
    /// A fixed free (true) / busy (false) flag per unit.
    case fixed([Bool])
    /// Each unit busy independently with its own probability (e.g. hypercube or simulation
    /// workloads), drawn afresh per alert from the seeded PRNG — an independence approximation.
    case random(busyProbability: [Double])
}
