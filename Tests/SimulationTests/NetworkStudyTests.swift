import CityModel
import GeoCore
import StreetGraph
import Testing
import TestSupport
@testable import Simulation

/// Demand atoms on the Helsinki street network: conservation, precincts, units, errors.
@Suite struct NetworkStudyTests {
    /// Two stand-in precincts: the west and east halves of the street extent.
    static func halves(_ g: RoadGraph) -> [Precinct] {
        let minX = g.nodeX.min()! - 500, maxX = g.nodeX.max()! + 500, minY = g.nodeY.min()! - 500, maxY = g.nodeY.max()! + 500
        let mid = (minX + maxX) / 2
        func box(_ a: Double, _ b: Double) -> Polygon {
            Polygon(exterior: [Point(a, minY), Point(b, minY), Point(b, maxY), Point(a, maxY), Point(a, minY)])
        }
        return [Precinct(id: "west", polygons: [box(minX, mid)]), Precinct(id: "east", polygons: [box(mid, maxX)])]
    }

    @Test func residentsAreConservedAndSplitByPrecinct() throws {
        let h = try HelsinkiNetwork.get()
        let residents = try ResidentPoints.buildings(h.city.buildings)
        let precincts = Self.halves(h.graph)
        let s = try NetworkStudy.build(graphs: try NetworkGraphs(primary: h.graph), residents: residents, precincts: precincts,
                                       units: h.posts, options: NetworkStudyOptions(maxSnapMeters: 40))
        let total = residents.residents.reduce(0, +)
        #expect(abs(s.residentsAttached + s.residentsUnattached - total) <= 1e-6 * total)
        #expect(abs(s.area.atoms.reduce(0) { $0 + $1.residents } - s.residentsAttached) <= 1e-6 * total)
        #expect(abs(s.nodeResidents.reduce(0, +) - s.residentsAttached) <= 1e-6 * total)
        #expect(s.residentsUnattached > 0, "a 40 m snap limit leaves some courtyard buildings unattached")

        // Brute force: each building point within 40 m of a main-component edge, in the precinct
        // whose polygon contains it.
        let snapper = EdgeSnapper.mainComponent(of: h.graph)
        var perZone = [0.0, 0.0]
        for (i, p) in residents.points.enumerated() where residents.residents[i] > 0 {
            guard snapper.snap(p, maxDistanceMeters: 40) != nil else { continue }
            if precincts[0].contains(p) { perZone[0] += residents.residents[i] } else if precincts[1].contains(p) { perZone[1] += residents.residents[i] }
        }
        for z in 0..<2 {
            let sum = s.area.atoms.filter { $0.zone == z }.reduce(0) { $0 + $1.residents }
            #expect(abs(sum - perZone[z]) <= 1e-6 * total, "precinct \(precincts[z].id)")
        }
        // Atoms: demand atoms sit on main-component nodes inside their grid cell; weights sum to 1.
        let g = h.graph
        let minX = g.nodeX.min()!, minY = g.nodeY.min()!
        for (a, atom) in s.area.atoms.enumerated() where s.atomRole[a] == .demand {
            let node = Int(s.atomNodes[0][a])
            #expect(g.nodeComponent[node] == 0)
            let cx = Int(((g.nodeX[node] - minX) / 250).rounded(.down)), cy = Int(((g.nodeY[node] - minY) / 250).rounded(.down))
            #expect(atom.id.hasPrefix("cell-\(cx)-\(cy)"))
        }
        #expect(abs(s.demandWeights().reduce(0, +) - 1) < 1e-9)
        #expect(s.units.map(\.id) == h.posts.map(\.id))
        #expect(s.units.allSatisfy { s.atomRole[$0.homeAtom] == .unitHome })
    }

    @Test func hotSpotsTakeTheirShare() throws {
        let h = try HelsinkiNetwork.get()
        let hot = HotSpots(ids: ["a", "b", "far"], points: [h.posts[0].location, h.posts[1].location, Point(0, 0)], weights: [3, 1, 5])
        let s = try NetworkStudy.build(graphs: try NetworkGraphs(primary: h.graph), residents: try ResidentPoints.buildings(h.city.buildings),
                                       units: h.posts, hotSpots: hot, options: NetworkStudyOptions(hotSpotShare: 0.4))
        let hotWeight = s.area.atoms.reduce(0) { $0 + $1.hotSpotWeight }
        #expect(abs(hotWeight - 0.4) < 1e-12)
        #expect(s.hotSpotsUnattached == ["far"])
        #expect(abs(s.demandWeights().reduce(0, +) - 1) < 1e-9)
        // Hot spot a carries three times the weight of b.
        let weights = s.area.atoms.map(\.hotSpotWeight).filter { $0 > 0 }.sorted()
        #expect(weights.count == 2 && abs(weights[1] / weights[0] - 3) < 1e-9)
    }

    @Test func unitsSpreadOverPostsShareTheirHomeAtoms() throws {
        let h = try HelsinkiNetwork.get()
        let units = try UnitPlacement.roundRobin(posts: h.posts, count: 7)
        #expect(units.map(\.id) == h.posts.map(\.id) + h.posts.map { $0.id + "#2" } + [h.posts[0].id + "#3"])
        let s = try NetworkStudy.build(graphs: try NetworkGraphs(primary: h.graph), residents: try ResidentPoints.buildings(h.city.buildings),
                                       units: units)
        #expect(s.atomRole.filter { $0 == .unitHome }.count == 3)
        #expect(s.units[3].homeAtom == s.units[0].homeAtom && s.units[6].homeAtom == s.units[0].homeAtom)
        #expect(throws: CovplanError.self) { try UnitPlacement.roundRobin(posts: h.posts, count: 0) }
        // Stand-ins: distinct nodes, all with residents attached.
        let auto = try UnitPlacement.residentsWeighted(count: 5, graph: h.graph, residents: try ResidentPoints.buildings(h.city.buildings), seed: 3)
        #expect(Set(auto.map(\.location)).count == 5)
        let nodes = auto.map { u in (0..<h.graph.nodeCount).first { h.graph.node($0) == u.location }! }
        #expect(nodes.allSatisfy { s.nodeResidents[$0] > 0 })
    }

    @Test func unitsOffTheNetworkOrWithoutTheirGraphAreNamed() throws {
        let h = try HelsinkiNetwork.get()
        let graphs = try NetworkGraphs(primary: h.graph)
        let residents = try ResidentPoints.buildings(h.city.buildings)
        let far = UnitSite(id: "post-in-the-sea", location: Point(h.posts[0].location.x, h.posts[0].location.y - 5_000))
        do {
            _ = try NetworkStudy.build(graphs: graphs, residents: residents, units: h.posts + [far])
            Issue.record("an off-network unit must be an error")
        } catch let e as CovplanError {
            #expect(e.kind == .dataError)
            #expect(e.description.contains("post-in-the-sea") && e.description.contains("off the network"))
        }
        let walker = UnitSite(id: "foot-1", location: h.posts[0].location, mode: .walk)
        #expect(throws: CovplanError.self) { try NetworkStudy.build(graphs: graphs, residents: residents, units: [walker]) }
        #expect(throws: CovplanError.self) { try NetworkStudy.build(graphs: graphs, residents: residents, units: []) }
        #expect(throws: CovplanError.self) { try NetworkStudy.build(graphs: graphs, residents: residents, units: [h.posts[0], h.posts[0]]) }
        // With a walk graph the foot patrol gets a home atom of its own, on the walk network.
        let walk = try GraphBuilder.build(streets: h.city.streets, mode: .walk)
        let both = try NetworkGraphs(primary: h.graph, others: [walk])
        let s = try NetworkStudy.build(graphs: both, residents: residents, units: h.posts + [walker])
        let w = s.units.last!
        #expect(w.travelMode == 1 && w.homeAtom != s.units[0].homeAtom)
        #expect(walk.node(Int(s.atomNodes[1][w.homeAtom])) == s.area.atoms[w.homeAtom].location)
    }
}
