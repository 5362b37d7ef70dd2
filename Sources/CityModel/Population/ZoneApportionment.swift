import GEOSBridge
import GeoCore

/// Areal apportionment: a zone's residents go to each target in proportion to the share of the
/// zone's area inside it (GEOS intersection areas; candidate pairs from an R-tree).
/// O(zones · candidates · GEOS intersection). Zones of zero area keep their residents
/// unassigned (reported by the caller's totals).
enum ZoneApportionment {
    static func apportion(zones: [[Polygon]], residents: [Double], to targets: [[Polygon]]) throws
        -> (perTarget: [Double], unassigned: Double, total: Double)
    {
        var sums = [Double](repeating: 0, count: targets.count)
        var unassigned = 0.0, total = 0.0
        let index = PolygonIndex(targets)
        let engine = try GEOSEngine()
        var targetGeoms: [GEOSGeometry?] = Array(repeating: nil, count: targets.count)
        for (z, polys) in zones.enumerated() {
            let r = residents[z]
            total += r
            let area = polys.reduce(0) { $0 + $1.area }
            guard r != 0 else { continue }
            guard area > 0 else { unassigned += r; continue }
            var env = Envelope.empty
            for p in polys { env.expand(by: p.envelope) }
            let zg = try engine.geometry(.multiPolygon(polys))
            var inside = 0.0
            for t in index.tree.search(env) {
                if targetGeoms[t] == nil { targetGeoms[t] = try engine.geometry(.multiPolygon(targets[t])) }
                let a = try engine.area(engine.intersection(zg, targetGeoms[t]!))
                guard a > 0 else { continue }
                let share = min(1, a / area)
                sums[t] += r * share
                inside += share
            }
            unassigned += r * max(0, 1 - inside)
        }
        return (sums, unassigned, total)
    }
}
