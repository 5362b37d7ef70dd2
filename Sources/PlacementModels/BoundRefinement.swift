import Placement

/// Tightening a loose certificate: when a solve's gap is above the wanted one, solve again with
/// four times the subgradient iterations of the Lagrangian bound (up to a cap) and keep the
/// smallest upper bound found (every one is a valid bound, so their minimum is too).
///
/// Of the two plans the better one is kept (the construction and local search are deterministic;
/// a longer bound descent can only help a Lagrangian heuristic). Deterministic; costs nothing
/// when the first gap is already small enough.
enum BoundRefinement {
    static func solve(options: PlacementOptions, gapTarget: Double, maxBoundIterations: Int,
                      _ solve: (PlacementOptions) throws -> PlacementResult) throws -> PlacementResult {
        var best = try solve(options)
        var o = options
        while best.gap > gapTarget, best.boundMethod != .branchAndBound, o.boundIterations > 0,
              o.boundIterations * 4 <= maxBoundIterations {
            o.boundIterations *= 4
            let next = try solve(o)
            // Keep the better plan (more iterations may let a Lagrangian heuristic improve it)
            // and the tighter of the two valid bounds.
            let nextIsBetter = best.sense == .maximize ? next.objective > best.objective : next.objective < best.objective
            var merged = nextIsBetter ? next : best
            let nextTighter = best.sense == .maximize ? next.bound < best.bound : next.bound > best.bound
            let tighter = nextTighter ? next.bound : best.bound
            merged.bound = tighter
            merged.boundMethod = nextTighter ? next.boundMethod : best.boundMethod
            merged.statistics.boundIterations = next.statistics.boundIterations
            merged.gap = gap(objective: merged.objective, bound: tighter, sense: merged.sense)
            merged.provenOptimal = merged.provenOptimal || merged.gap <= 1e-9
            best = merged
        }
        return best
    }

    static func gap(objective: Double, bound: Double, sense: ObjectiveSense) -> Double {
        switch sense {
        case .maximize: return bound > 0 ? min(1, max(0, (bound - objective) / bound)) : 0
        case .minimize: return objective > 0 ? min(1, max(0, (objective - bound) / objective)) : 0
        }
    }
}
