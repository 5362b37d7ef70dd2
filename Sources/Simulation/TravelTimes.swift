import GeoCore

/// Travel times in seconds between demand atoms, for one mode of travel.
///
/// The street graph plugs in through this protocol with a thin adapter (snap each atom to the
/// network, run shortest paths). `seconds(from:to:)` must be ≥ 0, and `+infinity` when the
/// destination cannot be reached. Implementations must be cheap per call (table look-up or
/// closed form): the dispatch simulation calls it once per candidate unit per incident when units
/// are away from home. Indices are in 0..<atomCount (callers guarantee it).
public protocol TravelTimeProvider: Sendable {
    /// Number of atoms the provider knows.
    var atomCount: Int { get }
    /// Seconds to travel from atom `origin` to atom `destination`.
    func seconds(from origin: Int, to destination: Int) -> Double
}

/// A dense row-major table of travel seconds atom → atom (Float32 storage: 4·A² bytes).
///
/// Suitable up to a few thousand atoms (5,000 atoms = 100 MB). O(1) look-up.
public struct TravelTimeMatrix: TravelTimeProvider {
    public let atomCount: Int
    @usableFromInline let table: [Float]

    /// A matrix from `secondsRowMajor[origin * atomCount + destination]`.
    /// Throws `CovplanError(.dataError)` when the size does not match or a value is negative or NaN
    /// (+infinity is allowed and means unreachable).
    public init(atomCount: Int, secondsRowMajor: [Double]) throws {
        guard atomCount > 0, secondsRowMajor.count == atomCount * atomCount else {
            throw CovplanError(.dataError, "travel-time matrix: expected \(atomCount)×\(atomCount) values, got \(secondsRowMajor.count)")
        }
        for (k, v) in secondsRowMajor.enumerated() where !(v >= 0) {
            throw CovplanError(.dataError, "travel-time matrix: entry from atom \(k / atomCount) to atom \(k % atomCount) is \(v) (must be ≥ 0 seconds)")
        }
        self.atomCount = atomCount
        self.table = secondsRowMajor.map { Float($0) }
    }

    /// A matrix filled by calling `secondsFrom(origin)` once per origin (each returns one row of
    /// `atomCount` values) — the natural shape for one-to-all shortest paths on a street graph.
    public init(atomCount: Int, rows secondsFrom: (Int) throws -> [Double]) throws {
        var all: [Double] = []
        all.reserveCapacity(atomCount * atomCount)
        for o in 0..<atomCount {
            let row = try secondsFrom(o)
            guard row.count == atomCount else {
                throw CovplanError(.dataError, "travel-time matrix: row for atom \(o) has \(row.count) values, expected \(atomCount)")
            }
            all.append(contentsOf: row)
        }
        try self.init(atomCount: atomCount, secondsRowMajor: all)
    }

    @inlinable public func seconds(from origin: Int, to destination: Int) -> Double {
        Double(table[origin &* atomCount &+ destination])
    }
}

/// Straight-line travel: `distance × detourFactor / speed` (+ a fixed set-off time), for
/// synthetic studies and tests before a street graph exists. Symmetric; O(1) per call.
public struct StraightLineTravelTimes: TravelTimeProvider {
    public let points: [Point]
    public let speedMetersPerSecond: Double
    public let detourFactor: Double
    /// Added to every trip between two different atoms (start-up, parking, walking to the door).
    public let fixedSeconds: Double

    /// Throws `CovplanError(.usage)` when the speed is not positive or the detour factor < 1.
    public init(points: [Point], speedMetersPerSecond: Double, detourFactor: Double = 1.3,
                fixedSeconds: Double = 0) throws {
        guard speedMetersPerSecond.isFinite, speedMetersPerSecond > 0 else {
            throw CovplanError(.usage, "travel speed must be > 0 m/s, got \(speedMetersPerSecond)")
        }
        guard detourFactor.isFinite, detourFactor >= 1 else {
            throw CovplanError(.usage, "detour factor must be ≥ 1, got \(detourFactor)")
        }
        guard fixedSeconds.isFinite, fixedSeconds >= 0 else {
            throw CovplanError(.usage, "fixed travel time must be ≥ 0 s, got \(fixedSeconds)")
        }
        self.points = points
        self.speedMetersPerSecond = speedMetersPerSecond
        self.detourFactor = detourFactor
        self.fixedSeconds = fixedSeconds
    }

    public var atomCount: Int { points.count }

    @inlinable public func seconds(from origin: Int, to destination: Int) -> Double {
        if origin == destination { return 0 }
        let a = points[origin], b = points[destination]
        let dx = a.x - b.x, dy = a.y - b.y
        return (dx * dx + dy * dy).squareRoot() * detourFactor / speedMetersPerSecond + fixedSeconds
    }
}

/// The same number of seconds between any two atoms (including an atom and itself): the
/// "constant travel time" used to check the simulation against M/M/c formulas.
public struct ConstantTravelTimes: TravelTimeProvider {
    public let atomCount: Int
    public let travelSeconds: Double

    public init(atomCount: Int, seconds: Double) {
        self.atomCount = atomCount
        self.travelSeconds = seconds
    }

    @inlinable public func seconds(from origin: Int, to destination: Int) -> Double { travelSeconds }
}
