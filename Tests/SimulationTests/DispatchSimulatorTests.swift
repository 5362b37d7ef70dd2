import GeoCore
import PropertyBased
import Testing
@testable import Simulation

/// A random small city: atoms at random points, units at random homes, three incident types.
func randomDispatchCase(seed: UInt64) throws -> (area: StudyArea, stream: IncidentStream,
                                                 travel: StraightLineTravelTimes, units: [ResponseUnit]) {
    var rng = Xoshiro256StarStar(seed: seed)
    let A = 3 + rng.nextIndex(below: 6)
    let U = 1 + rng.nextIndex(below: 4)
    let points = (0..<A).map { _ in Point(rng.nextUnit() * 3000, rng.nextUnit() * 3000) }
    let area = StudyArea(atoms: (0..<A).map { DemandAtom(id: "a\($0)", residents: 100 + rng.nextUnit() * 900,
                                                         zone: $0 % 2) },
                         zoneNames: ["north", "south"])
    let travel = try StraightLineTravelTimes(points: points, speedMetersPerSecond: 9, fixedSeconds: 30)
    let units = (0..<U).map { ResponseUnit(id: "u\($0)", homeAtom: rng.nextIndex(below: A)) }
    let types = [
        IncidentType(name: "urgent", priority: 1, share: 0.2, onScene: .exponential(meanSeconds: 900), targetSeconds: 300),
        IncidentType(name: "normal", priority: 2, share: 0.5, onScene: .logNormal(meanSeconds: 1500, standardDeviationSeconds: 900),
                     targetSeconds: 600),
        IncidentType(name: "traffic", priority: 3, share: 0.3, onScene: .uniform(minSeconds: 600, maxSeconds: 3000),
                     targetSeconds: 900),
    ]
    // Load between light and heavy so that queues form.
    let perDay = Double(U) * (10 + rng.nextUnit() * 50)
    let stream = try IncidentGenerator.generate(area: area, settings: IncidentGeneratorSettings(
        incidentsPerDay: perDay, days: 3, profile: .typicalUrbanPolice, types: types, seed: rng.next()))
    return (area, stream, travel, units)
}

@Suite struct DispatchSimulatorTests {
    @Test func matchesReferenceImplementationIncidentByIncident() async throws {
        let policies: [AfterService] = [.returnHome, .returnHomeAvailable, .stayAtScene]
        let models: [ServiceTimeModel] = [.travelPlusOnScene, .onSceneIsTotalBusyTime]
        await propertyCheck(count: 30, input: Gen.uint64(), Gen.int(in: 0...2), Gen.int(in: 0...1), Gen.bool) {
            seed, policy, model, usePreferences in
            let c = try randomDispatchCase(seed: seed)
            var prng = Xoshiro256StarStar(seed: seed ^ 0x5EED)
            // Partial random preference lists (the engine falls back to the nearest available).
            let prefs: [[Int]]? = usePreferences ? c.area.atoms.map { _ in
                var p = Array(0..<c.units.count)
                for i in stride(from: p.count - 1, to: 0, by: -1) { p.swapAt(i, prng.nextIndex(below: i + 1)) }
                return Array(p.prefix(1 + prng.nextIndex(below: p.count)))
            } : nil
            let warmup = 3_600.0
            let result = try DispatchSimulator.run(
                area: c.area, incidents: c.stream, travel: [c.travel],
                settings: DispatchSettings(units: c.units, selection: prefs.map { .preferenceLists($0) } ?? .nearestAvailable,
                                           afterService: policies[policy], serviceTime: models[model],
                                           warmupSeconds: warmup, recordOutcomes: true))
            let ref = ReferenceDispatch.run(stream: c.stream, travel: c.travel, units: c.units, preferences: prefs,
                                            after: policies[policy], model: models[model], warmup: warmup)
            let o = try #require(result.outcomes)
            for i in 0..<c.stream.count {
                #expect(Int(o.unit[i]) == ref.outcomes[i].unit, "incident \(i)")
                #expect(abs(o.dispatchSeconds[i] - ref.outcomes[i].dispatch) < 1e-6)
                #expect(abs(o.onSceneSeconds[i] - ref.outcomes[i].onScene) < 1e-6)
                #expect(abs(o.clearSeconds[i] - ref.outcomes[i].clear) < 1e-6)
            }
            for u in 0..<c.units.count { #expect(abs(result.units[u].utilization - ref.utilization[u]) < 1e-9) }
            // Summary figures against direct recomputation from the outcomes.
            let counted = (0..<c.stream.count).filter { c.stream.timeSeconds[$0] >= warmup }
            let responses = counted.map { o.onSceneSeconds[$0] - c.stream.timeSeconds[$0] }.sorted()
            #expect(result.incidents == counted.count)
            if !responses.isEmpty {
                #expect(abs(result.response.meanSeconds - responses.reduce(0, +) / Double(responses.count)) < 1e-6)
                let rank50 = Int((0.5 * Double(responses.count)).rounded(.up)) - 1
                let rank90 = Int((0.9 * Double(responses.count)).rounded(.up)) - 1
                #expect(result.response.p50Seconds == responses[rank50])
                #expect(result.response.p90Seconds == responses[rank90])
                #expect(result.response.maxSeconds == responses.last!)
                let within = counted.filter {
                    o.onSceneSeconds[$0] - c.stream.timeSeconds[$0] <= c.stream.types[Int(c.stream.type[$0])].targetSeconds
                }.count
                #expect(abs(result.response.withinTargetFraction - Double(within) / Double(counted.count)) < 1e-12)
            }
            #expect(result.units.map(\.dispatches).reduce(0, +) == counted.count)
        }
    }

    /// One unit, zero travel, hand-computed priority order.
    @Test func higherPriorityIsServedFirstThenFIFO() throws {
        let area = StudyArea(atoms: [DemandAtom(id: "a", residents: 1)])
        let low = IncidentType(name: "low", priority: 3, share: 1, onScene: .constant(seconds: 10), targetSeconds: 60)
        let high = IncidentType(name: "high", priority: 1, share: 1, onScene: .constant(seconds: 10), targetSeconds: 60)
        let records = [
            IncidentRecord(id: "A", timeSeconds: 0, atom: 0, type: 0, onSceneSeconds: 100),
            IncidentRecord(id: "B", timeSeconds: 10, atom: 0, type: 0, onSceneSeconds: 10),
            IncidentRecord(id: "C", timeSeconds: 20, atom: 0, type: 1, onSceneSeconds: 10),
            IncidentRecord(id: "D", timeSeconds: 30, atom: 0, type: 0, onSceneSeconds: 10),
        ]
        let stream = try IncidentStream(records: records, types: [low, high], atomCount: 1, horizonSeconds: 200)
        let r = try DispatchSimulator.run(area: area, incidents: stream, travel: [ConstantTravelTimes(atomCount: 1, seconds: 0)],
                                          settings: DispatchSettings(units: [ResponseUnit(id: "car", homeAtom: 0)],
                                                                     recordOutcomes: true))
        let o = try #require(r.outcomes)
        // A 0–100; C (priority 1) 100–110; then B, D in call order: 110–120, 120–130.
        #expect(o.dispatchSeconds == [0, 110, 100, 120])
        #expect(o.clearSeconds == [100, 120, 110, 130])
        #expect(r.wait.maxQueueLength == 3)
        #expect(r.types[1].response.meanSeconds == 80)           // C waited 80 s
        #expect(abs(r.types[0].response.meanSeconds - (0 + 100 + 90) / 3.0) < 1e-12)
        #expect(abs(r.units[0].utilization - 130.0 / 200) < 1e-12)
    }

    /// Two atoms 600 s apart, one unit at atom 0; the three after-service policies by hand.
    @Test func afterServicePoliciesByHand() throws {
        let area = StudyArea(atoms: [DemandAtom(id: "home"), DemandAtom(id: "far")])
        let travel = try TravelTimeMatrix(atomCount: 2, secondsRowMajor: [0, 600, 600, 0])
        let type = IncidentType(name: "call", priority: 1, share: 1, onScene: .constant(seconds: 0), targetSeconds: 900)
        let records = [
            IncidentRecord(id: "1", timeSeconds: 0, atom: 1, onSceneSeconds: 300),     // on scene 600–900
            IncidentRecord(id: "2", timeSeconds: 1_000, atom: 1, onSceneSeconds: 300),
        ]
        let stream = try IncidentStream(records: records, types: [type], atomCount: 2, horizonSeconds: 5_000)
        func run(_ after: AfterService) throws -> IncidentOutcomes {
            try #require(try DispatchSimulator.run(
                area: area, incidents: stream, travel: [travel],
                settings: DispatchSettings(units: [ResponseUnit(id: "car", homeAtom: 0)], afterService: after,
                                           recordOutcomes: true)).outcomes)
        }
        // returnHome: clears at 900, home at 1500; call 2 waits until 1500, arrives 2100.
        let home = try run(.returnHome)
        #expect(home.dispatchSeconds[1] == 1_500)
        #expect(home.onSceneSeconds[1] == 2_100)
        // returnHomeAvailable: available at 900; dispatched at 1000 from the scene atom: 0 s.
        let avail = try run(.returnHomeAvailable)
        #expect(avail.dispatchSeconds[1] == 1_000)
        #expect(avail.onSceneSeconds[1] == 1_000)
        // stayAtScene: same as above here.
        let stay = try run(.stayAtScene)
        #expect(stay.onSceneSeconds[1] == 1_000)
    }

    @Test func zoneFiguresAndRatesPerTenThousand() throws {
        let area = StudyArea(atoms: [DemandAtom(id: "a", residents: 20_000, zone: 0),
                                     DemandAtom(id: "b", residents: 5_000, zone: 1),
                                     DemandAtom(id: "c", residents: 0, zone: 2)],
                             zoneNames: ["P1", "P2", "empty"])
        let type = IncidentType(name: "call", priority: 1, share: 1, onScene: .constant(seconds: 60), targetSeconds: 100)
        let records = (0..<10).map { IncidentRecord(id: "i\($0)", timeSeconds: Double($0) * 1_000, atom: $0 < 6 ? 0 : 1) }
        let stream = try IncidentStream(records: records, types: [type], atomCount: 3, horizonSeconds: 10_000)
        let travel = try TravelTimeMatrix(atomCount: 3, secondsRowMajor: [0, 200, 50, 200, 0, 50, 50, 50, 0])
        let r = try DispatchSimulator.run(area: area, incidents: stream, travel: [travel],
                                          settings: DispatchSettings(units: [ResponseUnit(id: "u", homeAtom: 0)]))
        #expect(r.zones.map(\.incidents) == [6, 4, 0])
        #expect(r.zones[0].incidentsPer10kResidents == 3)   // 6 / 20,000 × 10,000
        #expect(r.zones[1].incidentsPer10kResidents == 8)   // 4 / 5,000 × 10,000
        #expect(r.zones[2].incidentsPer10kResidents == nil)
        #expect(r.zones[0].response.meanSeconds == 0)
        #expect(r.zones[1].response.meanSeconds == 200)
        #expect(r.zones[1].response.withinTargetFraction == 0)
        #expect(r.response.withinTargetFraction == 0.6)
        #expect(r.crossBeatFraction == 0)
        #expect(r.atomIncidents == [6, 4, 0])
    }

    @Test func sameSeedSameResult() throws {
        let a = try randomDispatchCase(seed: 77)
        let b = try randomDispatchCase(seed: 77)
        #expect(a.stream == b.stream)
        let settings = DispatchSettings(units: a.units, afterService: .returnHomeAvailable, recordOutcomes: true)
        let ra = try DispatchSimulator.run(area: a.area, incidents: a.stream, travel: [a.travel], settings: settings)
        let rb = try DispatchSimulator.run(area: b.area, incidents: b.stream, travel: [b.travel], settings: settings)
        #expect(ra == rb)
        let c = try randomDispatchCase(seed: 78)
        #expect(c.stream != a.stream)
    }

    @Test func badInputGivesClearErrors() throws {
        let c = try randomDispatchCase(seed: 5)
        func error(_ body: () throws -> Void) -> CovplanError? {
            do { try body(); return nil } catch let e as CovplanError { return e } catch { return nil }
        }
        // Zero units.
        let e1 = error { _ = try DispatchSimulator.run(area: c.area, incidents: c.stream, travel: [c.travel],
                                                       settings: DispatchSettings(units: [])) }
        #expect(e1?.kind == .dataError)
        #expect(e1?.description.contains("no response units") == true)
        // A home outside the atoms.
        let e2 = error { _ = try DispatchSimulator.run(area: c.area, incidents: c.stream, travel: [c.travel],
                                                       settings: DispatchSettings(units: [ResponseUnit(id: "ghost", homeAtom: 99)])) }
        #expect(e2?.kind == .dataError)
        #expect(e2?.description.contains("ghost") == true)
        // A unit off the network: its home cannot reach the incident atoms.
        var table = [Double](repeating: 60, count: 9)
        for k in 0..<3 { table[k * 3 + 2] = .infinity; table[2 * 3 + k] = .infinity }
        table[8] = 0
        let islands = try TravelTimeMatrix(atomCount: 3, secondsRowMajor: table)
        let area3 = StudyArea(atoms: (0..<3).map { DemandAtom(id: "a\($0)", residents: 1) })
        let stream3 = try IncidentStream(records: [IncidentRecord(id: "x", timeSeconds: 5, atom: 0)],
                                         types: IncidentType.defaultMix(), atomCount: 3, horizonSeconds: 100)
        let e3 = error { _ = try DispatchSimulator.run(area: area3, incidents: stream3, travel: [islands],
                                                       settings: DispatchSettings(units: [ResponseUnit(id: "island", homeAtom: 2)])) }
        #expect(e3?.kind == .dataError)
        #expect(e3?.description.contains("off the network") == true)
        // Unknown travel mode; warm-up longer than the study.
        let e4 = error { _ = try DispatchSimulator.run(area: c.area, incidents: c.stream, travel: [c.travel],
                                                       settings: DispatchSettings(units: [ResponseUnit(id: "walk", homeAtom: 0, travelMode: 1)])) }
        #expect(e4?.kind == .usage)
        let e5 = error { _ = try DispatchSimulator.run(area: c.area, incidents: c.stream, travel: [c.travel],
                                                       settings: DispatchSettings(units: c.units, warmupSeconds: 1e9)) }
        #expect(e5?.kind == .usage)
        // Preference list naming a unit twice.
        let e6 = error { _ = try DispatchSimulator.run(
            area: c.area, incidents: c.stream, travel: [c.travel],
            settings: DispatchSettings(units: c.units, selection: .preferenceLists(c.area.atoms.map { _ in [0, 0] }))) }
        #expect(e6?.kind == .dataError)
    }
}
