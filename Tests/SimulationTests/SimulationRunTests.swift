import CityModel
import GeoCore
import StreetGraph
import Testing
import TestSupport
@testable import Simulation

/// The library entry points on Helsinki: determinism, the hypercube cross-check on the street
/// network, real calls, camera coverage extremes.
@Suite struct SimulationRunTests {
    @Test func sameSeedSameOutcomeOtherSeedOtherOutcome() throws {
        let h = try HelsinkiNetwork.get()
        let o = SimulationOptions(seed: 7, days: 10, incidentsPerDay: 60)
        let a = try SimulationRun.run(city: h.city, graph: h.graph, units: h.posts, options: o)
        let b = try SimulationRun.run(city: h.city, graph: h.graph, units: h.posts, options: o)
        #expect(a.incidents == b.incidents)
        #expect(a.dispatch == b.dispatch)
        var other = o
        other.seed = 8
        let c = try SimulationRun.run(city: h.city, graph: h.graph, units: h.posts, options: other)
        #expect(c.incidents != a.incidents)
        // Incidents happen where residents (or schools, for panic alarms) are; all are served.
        #expect(a.dispatch.incidents == a.incidents.count && a.incidents.count > 400)
        #expect(a.dispatch.outcomes!.unit.allSatisfy { $0 >= 0 })
        for i in 0..<a.incidents.count {
            let atom = a.study.area.atoms[Int(a.incidents.atom[i])]
            #expect(atom.residents > 0 || a.study.schoolAtomWeights![Int(a.incidents.atom[i])] > 0)
        }
    }

    /// Queueing-model convention (on-scene time = whole busy time, exponential), nearest unit
    /// from home: the simulation on the network and Larson's exact hypercube on the same atoms,
    /// rates and travel times agree on unit workloads within 2 percentage points.
    @Test func simulationAgreesWithTheExactHypercubeOnTheNetwork() throws {
        let h = try HelsinkiNetwork.get()
        let perDay = 40.0, service = 45.0 * 60
        let hc = try HypercubeRun.run(city: h.city, graph: h.graph, units: h.posts,
                                      options: HypercubeOptions(incidentsPerDay: perDay, meanServiceSeconds: service, method: .exact))
        let study = hc.study
        let travel = try GraphTravelTimes(graph: h.graph, atomNodes: study.atomNodes[0], anchors: study.units.map(\.homeAtom))
        let type = IncidentType(name: "call", priority: 1, share: 1, onScene: .exponential(meanSeconds: service), targetSeconds: 600)
        let stream = try IncidentGenerator.generate(area: study.area, settings: IncidentGeneratorSettings(
            incidentsPerDay: perDay, days: 1_500, types: [type], residentWeight: study.residentWeight, seed: 3))
        let sim = try DispatchSimulator.run(area: study.area, incidents: stream, travel: [travel], settings: DispatchSettings(
            units: study.units, serviceTime: .onSceneIsTotalBusyTime, warmupSeconds: 5 * 86_400))
        for (n, fig) in sim.units.enumerated() {
            #expect(abs(fig.utilization - hc.result.workloads[n]) <= 0.02, "unit \(fig.id): sim \(fig.utilization), hypercube \(hc.result.workloads[n])")
        }
        #expect(abs(sim.crossBeatFraction - hc.result.interdistrictFraction) <= 0.02)
        // The hypercube's rates are the generator's spatial weights (same atoms, same split).
        let rates = hc.problem.arrivalRatesPerSecond.map { $0 * 86_400 / perDay }
        #expect(zip(rates, study.demandWeights()).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func realCallsKeepTheirIdsTimesAndPlaces() throws {
        let h = try HelsinkiNetwork.get()
        let p = h.posts.map(\.location)
        let calls = [
            CallRecord(id: "c3", location: p[2], timeSeconds: 7_200, type: "traffic-incident", onSceneSeconds: 600),
            CallRecord(id: "c1", location: p[0], timeSeconds: 60),
            CallRecord(id: "c2", location: p[1], timeSeconds: 60, type: "SCHOOL-PANIC-ALARM"),
        ]
        let o = try SimulationRun.run(city: h.city, graph: h.graph, units: h.posts, options: SimulationOptions(calls: calls))
        #expect(o.incidents.ids == ["c1", "c2", "c3"])
        #expect(o.incidents.timeSeconds == [60, 60, 7_200])
        #expect(o.incidents.types[Int(o.incidents.type[1])].name == "school-panic-alarm")
        #expect(o.incidents.onSceneSeconds[2] == 600)
        #expect(o.incidentLocations == [p[0], p[1], p[2]])
        #expect(o.days == 1)
        // A call beside a post is answered by that post's unit first.
        #expect(o.dispatch.outcomes!.unit[0] == 0)

        var missing = calls
        missing[1].timeSeconds = nil
        do {
            _ = try SimulationRun.run(city: h.city, graph: h.graph, units: h.posts, options: SimulationOptions(calls: missing))
            Issue.record("a call without a time must be an error")
        } catch let e as CovplanError { #expect(e.kind == .dataError && e.description.contains("c1") && e.description.contains("no time")) }
        var unknown = calls
        unknown[0].type = "burglary"
        #expect(throws: CovplanError.self) { try SimulationRun.run(city: h.city, graph: h.graph, units: h.posts, options: SimulationOptions(calls: unknown)) }
        var offNetwork = calls
        offNetwork[0].location = Point(p[0].x, p[0].y - 5_000)
        #expect(throws: CovplanError.self) { try SimulationRun.run(city: h.city, graph: h.graph, units: h.posts, options: SimulationOptions(calls: offNetwork)) }
    }

    @Test func coverageExtremes() throws {
        let h = try HelsinkiNetwork.get()
        let drive = h.city.streets.filter(\.isDrivable)
        let all = StreetCoverage(covered: drive.map { StreetInterval(streetId: $0.id, fromMeters: 0, toMeters: $0.lengthMeters) },
                                 cordon: drive.map { StreetInterval(streetId: $0.id, fromMeters: 0, toMeters: $0.lengthMeters) })
        var o = SimulationOptions(seed: 2, days: 3, incidentsPerDay: 20)
        o.korgau.trips = TripSettings(trips: 300, dangerousShare: 0.5)
        let full = try SimulationRun.run(city: h.city, graph: h.graph, units: h.posts, coverage: all, options: o)
        let k = try #require(full.korgau?.result)
        #expect(k.trips == full.korgau!.routed.trips.count && k.trips > 250)
        #expect(k.detectedFraction == 1)
        #expect(k.timeToFirstDetection.maxSeconds < 1e-9)  // seen on the first piece (rounding of street lengths aside)
        #expect(k.entryTrips > 0 && k.cordonFraction == 1)
        #expect(k.dangerousDetected == k.dangerousTrips && k.dangerousTrips > 100)
        let none = try SimulationRun.run(city: h.city, graph: h.graph, units: h.posts, coverage: StreetCoverage(covered: []), options: o)
        #expect(none.korgau!.result.detectedTrips == 0 && none.korgau!.result.interceptFraction == 0)
        // Coverage does not change the dispatch part.
        #expect(none.dispatch == full.dispatch)
    }

    @Test func footPatrolsWalkOnTheWalkNetwork() throws {
        let h = try HelsinkiNetwork.get()
        let walk = try GraphBuilder.build(streets: h.city.streets, mode: .walk)
        // Post 1 keeps its car; a foot patrol starts from the same post.
        let units = [h.posts[0], UnitSite(id: "foot", location: h.posts[0].location, mode: .walk)]
        let o = try SimulationRun.run(city: h.city, graph: h.graph, extraGraphs: [walk], units: units,
                                      options: SimulationOptions(seed: 4, days: 20, incidentsPerDay: 30))
        let car = o.dispatch.units[0], foot = o.dispatch.units[1]
        #expect(car.dispatches > 0 && foot.dispatches > 0)
        // Walking (4.5–5 km/h) takes several times as long as driving from the same post.
        #expect(foot.meanTravelSeconds > 2.5 * car.meanTravelSeconds)
        // The foot patrol's travel times are walk-network shortest times.
        let ref = EdgeListReference(walk)
        let home = Int(o.study.atomNodes[1][o.study.units[1].homeAtom])
        let dist = ref.dijkstra(home)
        let out = o.dispatch.outcomes!
        var checked = 0
        for i in 0..<o.incidents.count where out.unit[i] == 1 && out.dispatchSeconds[i] == o.incidents.timeSeconds[i] {
            let atomNode = Int(o.study.atomNodes[1][Int(o.incidents.atom[i])])
            // Dispatched at once, so free at home: travel = walk shortest time from home.
            let travel = out.onSceneSeconds[i] - out.dispatchSeconds[i]
            #expect(abs(travel - dist[atomNode]) <= 1e-9 * max(1, travel))
            checked += 1
        }
        #expect(checked > 10)
    }

    @Test func badOptionsAreUsageErrors() throws {
        let h = try HelsinkiNetwork.get()
        for o in [SimulationOptions(days: -1), SimulationOptions(incidentsPerDay: -5), SimulationOptions(days: 2, warmupDays: 2),
                  SimulationOptions(targetMinutes: 0), SimulationOptions(network: NetworkStudyOptions(atomSpacingMeters: 0))] {
            do {
                _ = try SimulationRun.run(city: h.city, graph: h.graph, units: h.posts, options: o)
                Issue.record("expected a usage error")
            } catch let e as CovplanError { #expect(e.kind == .usage) }
        }
        #expect(throws: CovplanError.self) { try HypercubeRun.run(city: h.city, graph: h.graph, units: h.posts, options: HypercubeOptions(incidentsPerDay: -1)) }
        // More load than three units can carry: no steady state.
        do {
            _ = try HypercubeRun.run(city: h.city, graph: h.graph, units: h.posts, options: HypercubeOptions(incidentsPerDay: 500))
            Issue.record("expected no steady state")
        } catch let e as CovplanError {
            // The planner's units: incidents a day, offered against what the units can serve.
            #expect(e.kind == .dataError)
            #expect(e.problem.contains("500.0 incidents a day is more than \(h.posts.count) unit(s) can serve"), "\(e.problem)")
            #expect(e.problem.contains("no steady state"))
        }
    }
}

@Suite struct CallTimesTests {
    @Test func isoDateTimesAreLocalWallClock() {
        #expect(CallTimes.parseDateTime("1970-01-01T00:00:00Z") == 0)
        #expect(CallTimes.parseDateTime("2024-03-01T14:05:00") == 1_709_301_900)
        #expect(CallTimes.parseDateTime("2024-03-01 14:05:00+06:00") == 1_709_301_900)
        #expect(CallTimes.parseDateTime("2024-03-01T14:05") == 1_709_301_900)
        #expect(CallTimes.parseDateTime("2024-03-01T14:05:00.25") == 1_709_301_900.25)
        #expect(CallTimes.parseDateTime("2024-03-01") == 1_709_251_200)
        #expect(CallTimes.parseDateTime("2024/03/01 14:05:00+02") == 1_709_301_900)
        #expect(CallTimes.parseDateTime("2024/03-01 14:05:00") == nil)
        for bad in ["2024-13-01", "01.03.2024 14:05", "2024-03-01T25:00", "yesterday", "2024-03-01T14:05:00 PM"] {
            #expect(CallTimes.parseDateTime(bad) == nil, "\(bad)")
        }
    }

    @Test func studyTimesStartOnTheMondayOfTheFirstCall() throws {
        // 2024-03-01 is a Friday: the study starts on Monday 2024-02-26.
        let (s, origin) = try CallTimes.studySeconds([.string("2024-03-01T14:05:00"), .null, .string("2024-03-04T00:00:00")],
                                                     ids: ["a", "b", "c"])
        let friday: Double = 4 * 86_400 + 14 * 3600 + 5 * 60
        let expected: [Double?] = [friday, nil, 7 * 86_400]
        #expect(s == expected)
        #expect(origin.contains("2024-02-26"))
        let (n, _) = try CallTimes.studySeconds([.int(5), .double(7.5), .string("9")], ids: ["a", "b", "c"])
        let numbers: [Double?] = [5, 7.5, 9]
        #expect(n == numbers)
        #expect(throws: CovplanError.self) { try CallTimes.studySeconds([.int(5), .string("2024-03-01")], ids: ["a", "b"]) }
        #expect(throws: CovplanError.self) { try CallTimes.studySeconds([.string("soon")], ids: ["a"]) }
    }
}
