import CityModel
import GEOSBridge
import GeoCore
import Staffing
import Testing
import PropertyBased
import TestSupport

/// Rebalancing on a synthetic grid city with known residents; results checked with GEOS and
/// an independent union-find on block adjacency.
@Suite struct RebalanceTests {
    static let x0 = 500_000.0, y0 = 6_670_000.0
    static let columns = 8, rows = 6, size = 100.0

    /// Streets on every grid line (a 8 × 6 grid of 100 m blocks).
    static func city() -> City {
        var streets: [Street] = []
        for c in 0...columns {
            let x = x0 + Double(c) * size
            streets.append(Street(id: "v\(c)", highway: "residential", points: [Point(x, y0), Point(x, y0 + Double(rows) * size)]))
        }
        for r in 0...rows {
            let y = y0 + Double(r) * size
            streets.append(Street(id: "h\(r)", highway: "residential", points: [Point(x0, y), Point(x0 + Double(columns) * size, y)]))
        }
        // A footway through the middle of every block must not split blocks.
        for c in 0..<columns {
            let x = x0 + (Double(c) + 0.5) * size
            streets.append(Street(id: "f\(c)", highway: "footway", points: [Point(x, y0), Point(x, y0 + Double(rows) * size)]))
        }
        return City(crs: WorkingCRS(epsg: 32635), streets: streets)
    }

    static func rect(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Polygon {
        Polygon(exterior: [Point(ax, ay), Point(bx, ay), Point(bx, by), Point(ax, by), Point(ax, ay)])
    }

    /// Four vertical strips of two block columns.
    static func precincts(inspectors: Int) -> PrecinctSet {
        PrecinctSet(precincts: (0..<4).map { k in
            Precinct(id: "P\(k + 1)", polygons: [rect(x0 + Double(2 * k) * size, y0, x0 + Double(2 * k + 2) * size, y0 + Double(rows) * size)],
                     inspectors: inspectors)
        }, source: "test")
    }

    /// One point per block centre; strip k has base residents [800, 300, 200, 100][k] × (0.6…1.4).
    static func residents(seed: UInt64) -> (points: [Point], residents: [Double]) {
        var rng = SeededRandom(seed: seed)
        var pts: [Point] = [], res: [Double] = []
        let base = [800.0, 300, 200, 100]
        for c in 0..<columns {
            for r in 0..<rows {
                pts.append(Point(x0 + (Double(c) + 0.5) * size, y0 + (Double(r) + 0.5) * size))
                res.append((base[c / 2] * (0.6 + Double(rng.next() % 800) / 1000)).rounded())
            }
        }
        return (pts, res)
    }

    /// Connected components of the blocks assigned to `precinct`, by union-find over pairs of
    /// blocks whose GEOS boundaries share a line of positive length.
    static func components(_ blocks: [Polygon], assignment: [Int32], precinct: Int32, engine: GEOSEngine) throws -> Int {
        let mine = blocks.indices.filter { assignment[$0] == precinct }
        var parent = Dictionary(uniqueKeysWithValues: mine.map { ($0, $0) })
        func find(_ x: Int) -> Int { var x = x; while parent[x]! != x { x = parent[x]! }; return x }
        let geoms = try mine.map { try engine.boundary(engine.geometry(.polygon(blocks[$0]))) }
        for i in mine.indices {
            for j in mine.indices where j > i {
                let shared = try engine.length(engine.intersection(geoms[i], geoms[j]))
                if shared > 1e-6 { parent[find(mine[i])] = find(mine[j]) }
            }
        }
        return Set(mine.map(find)).count
    }

    func check(_ result: RebalanceResult, points: [Point], residents: [Double], inspectorsEach: Int) throws {
        let engine = try GEOSEngine()
        let total = residents.reduce(0, +)
        #expect(result.blocks.polygons.count == Self.columns * Self.rows)
        #expect(abs(result.plan.loadsAfter.reduce(0, +) - total) < 1e-6)
        #expect(abs(result.blockResidents.reduce(0, +) - total) < 1e-6)
        var moved = 0.0
        for (b, poly) in result.blocks.polygons.enumerated() where result.plan.assignment[b] != result.blocks.precinct[b] {
            moved += residents.indices.filter { poly.contains(points[$0]) }.reduce(0) { $0 + residents[$1] }
        }
        #expect(abs(moved - result.plan.residentsMoved) < 1e-6)
        for k in 0..<4 {
            // Contiguity twice: union-find on shared boundaries, and the GEOS union of the
            // precinct's blocks is one polygon.
            let mine = result.blocks.polygons.indices.filter { result.plan.assignment[$0] == Int32(k) }
            #expect(!mine.isEmpty)
            #expect(try Self.components(result.blocks.polygons, assignment: result.plan.assignment, precinct: Int32(k), engine: engine) == 1)
            let union = try engine.value(engine.union(mine.map { .polygon(result.blocks.polygons[$0]) }))
            #expect(union.polygons.count == 1)
            // Residents after, recomputed by point-in-polygon on the union.
            let after = residents.indices.filter { i in union.polygons.contains { $0.contains(points[i]) } }.reduce(0.0) { $0 + residents[$1] }
            #expect(abs(after - result.plan.loadsAfter[k]) < 1e-6)
            let cap = 3200.0 * Double(inspectorsEach + result.plan.extraInspectors[k])
            #expect(after <= cap + 1e-6, "P\(k + 1): \(after) > \(cap)")
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func feasiblePlanKeepsEveryPrecinctUnderTheNormAndContiguous(seed: UInt64) throws {
        let (points, residents) = Self.residents(seed: seed)
        let surface = PopulationSurface(method: "test", description: "block centres", points: points, pointResidents: residents)
        let result = try StaffingAnalysis.rebalance(city: Self.city(), precincts: Self.precincts(inspectors: 2),
                                                    population: .surface(surface), norm: 3200)
        #expect(result.overBefore >= 1, "the test city must start over the norm")
        #expect(result.plan.extraInspectors == [0, 0, 0, 0])
        #expect(result.overAfter == 0)
        try check(result, points: points, residents: residents, inspectorsEach: 2)
        // Moving at least the excess of the first strip is unavoidable.
        let excess = residents[0..<12].reduce(0, +) - 6400
        #expect(result.plan.residentsMoved >= excess)
        #expect(result.maxLoadAfter! <= 3200 + 1e-9)
    }

    @Test func infeasibleCapacityAddsTheFewestInspectorsNeeded() throws {
        let (points, residents) = Self.residents(seed: 9)
        let surface = PopulationSurface(method: "test", description: "block centres", points: points, pointResidents: residents)
        let result = try StaffingAnalysis.rebalance(city: Self.city(), precincts: Self.precincts(inspectors: 1),
                                                    population: .surface(surface), norm: 3200)
        let total = residents.reduce(0, +)
        let lowerBound = Int(((total - 4 * 3200) / 3200).rounded(.up))
        let extra = result.plan.extraInspectors.reduce(0, +)
        #expect(extra >= lowerBound)
        #expect(extra <= lowerBound + 2, "extra \(extra) vs lower bound \(lowerBound)")
        try check(result, points: points, residents: residents, inspectorsEach: 1)
    }

    @Test func alreadyFeasibleMovesNothing() throws {
        let (points, residents) = Self.residents(seed: 1)
        let surface = PopulationSurface(method: "test", description: "block centres", points: points, pointResidents: residents)
        let result = try StaffingAnalysis.rebalance(city: Self.city(), precincts: Self.precincts(inspectors: 5),
                                                    population: .surface(surface), norm: 3200)
        #expect(result.plan.blocksMoved == 0 && result.plan.residentsMoved == 0 && result.plan.extraInspectors == [0, 0, 0, 0])
    }
}

/// Invariants on random grid cities: whatever the residents and staff, the plan conserves
/// residents, keeps every precinct contiguous and non-empty, and ends at or under the norm with
/// the reported extra inspectors.
@Suite struct RebalanceInvariantTests {
    @Test func invariantsHoldOnRandomCities() async throws {
        let city = RebalanceTests.city()
        await propertyCheck(count: 30, input: Gen.int(in: 0...1_000_000)) { seed in
            var rng = SeededRandom(seed: UInt64(seed))
            let points = RebalanceTests.residents(seed: 1).points
            let residents = points.map { _ in Double(rng.next() % 1500) }
            let inspectors = (0..<4).map { _ in Int(rng.next() % 4) }
            let set = PrecinctSet(precincts: RebalanceTests.precincts(inspectors: 0).precincts.enumerated().map { k, p in
                var q = p
                q.inspectors = inspectors[k]
                return q
            }, source: "random")
            let surface = PopulationSurface(method: "test", description: "", points: points, pointResidents: residents)
            guard let result = try? StaffingAnalysis.rebalance(city: city, precincts: set, population: .surface(surface), norm: 3200),
                  let engine = try? GEOSEngine()
            else { Issue.record("rebalance failed for seed \(seed)"); return }
            #expect(abs(result.plan.loadsAfter.reduce(0, +) - residents.reduce(0, +)) < 1e-6)
            for k in 0..<4 {
                let comps = try? RebalanceTests.components(result.blocks.polygons, assignment: result.plan.assignment,
                                                          precinct: Int32(k), engine: engine)
                #expect(comps == 1, "seed \(seed): precinct \(k) has \(comps ?? -1) parts")
                #expect(result.plan.loadsAfter[k] <= 3200 * Double(inspectors[k] + result.plan.extraInspectors[k]) + 1e-6)
            }
        }
    }
}
