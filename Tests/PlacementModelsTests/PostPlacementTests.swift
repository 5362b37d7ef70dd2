import CityModel
import Foundation
import GeoCore
import Placement
import PlacementModels
import StreetGraph
import Testing
import TestSupport

/// Post / SOS-terminal placement against StreetGraph's own multi-source Dijkstra (travel times
/// from the site to each demand point written out here) and brute-force enumeration.
@Suite struct PostPlacementTests {
    /// A town with some one-way streets, its drive graph.
    static func town() throws -> (City, RoadGraph) {
        var town = Town(seed: 17, blocks: 4, blockMeters: 90, buildingsPerBlock: 3)
        for k in stride(from: 1, to: town.streets.count, by: 5) { town.streets[k].oneway = .forward }
        town.streets[2].oneway = .reverse
        let city = town.city
        return (city, try GraphBuilder.build(streets: city.streets, mode: .drive))
    }

    /// Seconds from `site` to every demand position, by StreetGraph's Dijkstra and the edge
    /// formula (entering a demand's edge at either end, or directly along the site's own edge).
    static func times(_ g: RoadGraph, from site: EdgePosition, to demand: [EdgePosition]) -> [Double] {
        let node = g.shortestTimes(from: [SearchSource(site)]).seconds
        return demand.map { d in
            let e = Int(d.edge), len = g.edgeLengthMeters[e], secs = g.edgeSeconds[e]
            var t = Double.infinity
            if g.allowsForward(e) { t = min(t, node[Int(g.edgeFrom[e])] + d.offsetMeters / len * secs) }
            if g.allowsBackward(e) { t = min(t, node[Int(g.edgeTo[e])] + (len - d.offsetMeters) / len * secs) }
            if site.edge == d.edge {
                if d.offsetMeters >= site.offsetMeters, g.allowsForward(e) { t = min(t, (d.offsetMeters - site.offsetMeters) / len * secs) }
                if d.offsetMeters <= site.offsetMeters, g.allowsBackward(e) { t = min(t, (site.offsetMeters - d.offsetMeters) / len * secs) }
            }
            return t
        }
    }

    @Test func coverageSetsAreTheDemandWithinTheTime() throws {
        let (city, g) = try Self.town()
        let r = try PostPlacement.run(city: city, graph: g, request: PostPlacementRequest(count: 2, minutes: 0.5, spacingMeters: 45))
        let inst = r.coverageInstance
        #expect(inst.candidateCount == r.candidatePositions.count)
        #expect(inst.candidateCount > 30)
        var nonEmpty = 0
        for j in 0..<inst.candidateCount {
            let t = Self.times(g, from: r.candidatePositions[j], to: r.demandPositions)
            let covers = Set(inst.covers(j).map(Int.init))
            for i in 0..<t.count where abs(t[i] - 30) > 1e-6 {
                #expect(covers.contains(i) == (t[i] <= 30), "site \(inst.candidateIDs[j]) demand \(i): \(t[i]) s")
            }
            if !covers.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 10)
        #expect(r.placement.gap <= 0.02)
        // Covered fractions by a multi-source search from the chosen sites.
        let chosen = r.proposed.map { r.candidatePositions[$0.candidateIndex] }
        let best = chosen.map { Self.times(g, from: $0, to: r.demandPositions) }
        let covered = r.demandWeights.indices.reduce(0.0) { acc, i in acc + (best.contains { $0[i] <= 30 } ? r.demandWeights[i] : 0) }
        #expect(abs(covered / r.demandWeight - r.coveredFractionAfter) < 1e-9)
        #expect(abs(r.placement.objective - covered) <= 1e-9 * max(1, covered))
        #expect(r.coveredFractionBefore == 0)
    }

    @Test func bruteForcePairsOnNodeSites() throws {
        let (city, g) = try Self.town()
        let req = PostPlacementRequest(count: 2, minutes: 0.4, spacingMeters: .infinity)
        let r = try PostPlacement.run(city: city, graph: g, request: req)
        let m = r.candidatePositions.count
        #expect(m >= 10 && m <= 48)
        let t = r.candidatePositions.map { Self.times(g, from: $0, to: r.demandPositions) }
        var best = 0.0
        for a in 0..<m {
            for b in (a + 1)..<m {
                let w = r.demandWeights.indices.reduce(0.0) { $0 + (t[a][$1] <= 24 || t[b][$1] <= 24 ? r.demandWeights[$1] : 0) }
                best = max(best, w)
            }
        }
        #expect(abs(r.placement.objective - best) <= 1e-9 * best, "\(r.placement.objective) vs brute force \(best)")
        #expect(r.placement.upperBound >= best - 1e-9 * best)
    }

    @Test func pMedianObjectiveIsTheWeightedTimeToTheNearestPost() throws {
        let (city, g) = try Self.town()
        let o = Town.origin
        var req = PostPlacementRequest(count: 2, minutes: 0.5, objective: .pMedian, spacingMeters: 60)
        req.existing = [(id: "p1", point: o + Point(5, 3))]
        let r = try PostPlacement.run(city: city, graph: g, request: req)
        #expect(r.existingSnapped == 1)
        let open = [r.candidatePositions[0]] + r.proposed.map { r.candidatePositions[$0.candidateIndex] }
        let t = open.map { Self.times(g, from: $0, to: r.demandPositions) }
        let cutoff = 3 * 0.5 * 60
        var total = 0.0
        for i in r.demandWeights.indices { total += r.demandWeights[i] * min(cutoff, t.map { $0[i] }.min()!) }
        #expect(abs(r.placement.objective - total) <= 1e-9 * total, "\(r.placement.objective) vs \(total)")
        #expect(abs(r.meanSecondsAfter * r.demandWeight - total) <= 1e-9 * total)
        #expect(try #require(r.meanSecondsBefore) >= r.meanSecondsAfter)
        #expect(r.placement.gap <= 0.05)
    }

    @Test func existingPostsAreFixedAndCounted() throws {
        let (city, g) = try Self.town()
        let o = Town.origin
        var req = PostPlacementRequest(count: 1, minutes: 0.5, spacingMeters: 60)
        req.existing = [(id: "p1", point: o + Point(180, 90)), (id: "far", point: o + Point(5000, 0))]
        let r = try PostPlacement.run(city: city, graph: g, request: req)
        #expect(r.existingSnapped == 1 && r.existingUnsnapped == ["far"])
        #expect(r.coverageInstance.fixed == [0])
        let t0 = Self.times(g, from: r.candidatePositions[0], to: r.demandPositions)
        let before = r.demandWeights.indices.reduce(0.0) { $0 + (t0[$1] <= 30 ? r.demandWeights[$1] : 0) }
        #expect(before > 0)
        #expect(abs(r.coveredFractionBefore - before / r.demandWeight) < 1e-9)
        #expect(r.coveredFractionAfter >= r.coveredFractionBefore)
        #expect(!r.proposed.contains { $0.candidateIndex == 0 })
    }

    @Test func streetMetreDemandAddsUpToTheGraphLength() throws {
        let (city, g) = try Self.town()
        let r = try PostPlacement.run(city: city, graph: g, request: PostPlacementRequest(count: 1, minutes: 0.3, demand: .streetMeters(pieceMeters: 10)))
        #expect(abs(r.demandWeight - g.totalLengthMeters) < 1e-6 * g.totalLengthMeters)
        #expect(r.demandPositions.allSatisfy { $0.offsetMeters > 0 && Double($0.offsetMeters) < g.edgeLengthMeters[Int($0.edge)] })
    }

    @Test func impossibleRequests() throws {
        let (city, g) = try Self.town()
        let sites = try PostPlacement.run(city: city, graph: g, request: PostPlacementRequest(count: 1, minutes: 1, spacingMeters: .infinity)).candidateCount
        do {
            _ = try PostPlacement.run(city: city, graph: g, request: PostPlacementRequest(count: sites + 1, minutes: 1, spacingMeters: .infinity))
            Issue.record("a count above the number of sites was accepted")
        } catch let e as CovplanError {
            #expect(e.kind == .usage && e.problem.contains("at most \(sites)"))
        }
        #expect(throws: CovplanError.self) { _ = try PostPlacement.run(city: city, graph: g, request: PostPlacementRequest(count: 1, minutes: 0)) }
        #expect(throws: CovplanError.self) { _ = try PostPlacement.run(city: city, graph: g, request: PostPlacementRequest(count: 1, minutes: .nan)) }
        var empty = city
        empty.buildings = []
        do {
            _ = try PostPlacement.run(city: empty, graph: g, request: PostPlacementRequest(count: 1, minutes: 1))
            Issue.record("no residents accepted")
        } catch let e as CovplanError {
            #expect(e.kind == .dataError)
        }
    }
}
