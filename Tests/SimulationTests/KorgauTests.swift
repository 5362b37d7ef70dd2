import GeoCore
import PropertyBased
import Testing
@testable import Simulation

@Suite struct KorgauTests {
    /// One trip through four pieces; hand-computed detection and intercepts.
    func handCase() throws -> (VehicleTrips, CoveredPieces, UnitNodeTravelTable) {
        var trips = VehicleTrips()
        try trips.append([
            TripStep(piece: 0, entrySeconds: 0, exitSeconds: 10, exitNode: 0),
            TripStep(piece: 1, entrySeconds: 10, exitSeconds: 30, exitNode: 1),
            TripStep(piece: 2, entrySeconds: 30, exitSeconds: 60, exitNode: 2),
            TripStep(piece: 3, entrySeconds: 60, exitSeconds: 100, exitNode: 3),
        ], dangerous: true, entersCity: true)
        var cameras = CoveredPieces(pieceCount: 5)
        try cameras.cover(piece: 1, fromFraction: 0.5)
        try cameras.cover(piece: 3, fromFraction: 0, cordon: true)
        // Nodes 0…3; unit 0 and unit 1.
        let units = try UnitNodeTravelTable(unitCount: 2, nodeCount: 4, secondsRowMajor: [
            99, 50, 40, 45,
            99, 30, 70, 20,
        ])
        return (trips, cameras, units)
    }

    @Test func handComputedDetectionAndIntercept() throws {
        let (trips, cameras, units) = try handCase()
        // Detected halfway along piece 1: 10 + 0.5 × 20 = 20 s. Alert at 25 s. Nearest unit to
        // node 1 is unit 1 (30 s); it reaches node 3 at 45 s, the vehicle at 100 s.
        let r = try KorgauAnalysis.analyse(trips: trips, cameras: cameras, units: units,
                                           settings: KorgauSettings(alertDelaySeconds: 5))
        #expect(r.detectedTrips == 1 && r.detectedFraction == 1)
        #expect(r.firstDetectionSeconds == [20])
        #expect(r.timeToFirstDetection.meanSeconds == 20)
        #expect(r.entryTrips == 1 && r.entryTripsCaughtByCordon == 1 && r.cordonFraction == 1)
        #expect(r.dangerousDetected == 1 && r.interceptable == 1 && r.interceptFraction == 1)
        #expect(r.alertedUnit == [1])
        #expect(r.interceptStep == [3])
        // Unit 1 busy: unit 0 is alerted; node 2 at 25 + 40 = 65 s is too late (vehicle 60 s),
        // node 3 at 70 s is in time.
        let busy = try KorgauAnalysis.analyse(trips: trips, cameras: cameras, units: units,
                                              settings: KorgauSettings(alertDelaySeconds: 5, availability: .fixed([true, false])))
        #expect(busy.alertedUnit == [0] && busy.interceptable == 1 && busy.interceptStep == [3])
        // A 60 s margin makes every intercept infeasible (45 + 60 > 100, 70 + 60 > 100).
        let margin = try KorgauAnalysis.analyse(trips: trips, cameras: cameras, units: units,
                                                settings: KorgauSettings(alertDelaySeconds: 5, interceptMarginSeconds: 60))
        #expect(margin.interceptable == 0 && margin.interceptableByAnyUnit == 0 && margin.interceptStep == [-1])
        // Everyone busy: no alert.
        let none = try KorgauAnalysis.analyse(trips: trips, cameras: cameras, units: units,
                                              settings: KorgauSettings(availability: .random(busyProbability: [1, 1])))
        #expect(none.alertedUnit == [-1] && none.interceptable == 0)
    }

    @Test func matchesBruteForceOnRandomTrips() async throws {
        await propertyCheck(count: 40, input: Gen.uint64()) { seed in
            var rng = Xoshiro256StarStar(seed: seed)
            let pieces = 20, nodes = 15, unitCount = 1 + rng.nextIndex(below: 4)
            var trips = VehicleTrips()
            var raw: [[TripStep]] = []
            var flags: [(dangerous: Bool, entry: Bool)] = []
            for _ in 0..<(1 + rng.nextIndex(below: 25)) {
                var t = rng.nextUnit() * 100
                var steps: [TripStep] = []
                for _ in 0..<(1 + rng.nextIndex(below: 8)) {
                    let d = 5 + rng.nextUnit() * 60
                    steps.append(TripStep(piece: Int32(rng.nextIndex(below: pieces)), entrySeconds: t, exitSeconds: t + d,
                                          exitNode: Int32(rng.nextIndex(below: nodes))))
                    t += d + (rng.nextUnit() < 0.3 ? rng.nextUnit() * 10 : 0)
                }
                let f = (rng.nextUnit() < 0.5, rng.nextUnit() < 0.3)
                try trips.append(steps, dangerous: f.0, entersCity: f.1)
                raw.append(steps)
                flags.append(f)
            }
            var cameras = CoveredPieces(pieceCount: pieces)
            var coverFrom = [Double?](repeating: nil, count: pieces)
            var cordonPiece = [Bool](repeating: false, count: pieces)
            for p in 0..<pieces where rng.nextUnit() < 0.3 {
                let f = Double(Float(rng.nextUnit()))  // representable in the oracle's Float storage
                let cordon = rng.nextUnit() < 0.3
                try cameras.cover(piece: p, fromFraction: f, cordon: cordon)
                coverFrom[p] = f
                cordonPiece[p] = cordon
            }
            let table = (0..<(unitCount * nodes)).map { _ in Double(Float(rng.nextUnit() * 200)) }
            let units = try UnitNodeTravelTable(unitCount: unitCount, nodeCount: nodes, secondsRowMajor: table)
            let free = (0..<unitCount).map { _ in rng.nextUnit() < 0.7 }
            let delay = rng.nextUnit() * 20
            let r = try KorgauAnalysis.analyse(trips: trips, cameras: cameras, units: units,
                                               settings: KorgauSettings(alertDelaySeconds: delay, availability: .fixed(free)))

            // Brute force, straight from the definitions.
            var detected = 0, entry = 0, caught = 0, dangerousDetected = 0, ok = 0, okAny = 0
            for (k, steps) in raw.enumerated() {
                let hits = steps.filter { coverFrom[Int($0.piece)] != nil }
                if flags[k].entry {
                    entry += 1
                    if steps.contains(where: { cordonPiece[Int($0.piece)] }) { caught += 1 }
                }
                guard let first = hits.first else { continue }
                detected += 1
                let idx = steps.firstIndex(of: first)!
                let when = first.entrySeconds + coverFrom[Int(first.piece)]! * (first.exitSeconds - first.entrySeconds)
                #expect(abs(r.firstDetectionSeconds[k] - when) < 1e-9)
                guard flags[k].dangerous else { continue }
                dangerousDetected += 1
                func feasible(_ u: Int) -> Bool {
                    steps[idx...].contains { when + delay + table[u * nodes + Int($0.exitNode)] <= $0.exitSeconds }
                }
                let candidates = (0..<unitCount).filter { free[$0] }
                guard let nearest = candidates.min(by: {
                    (table[$0 * nodes + Int(first.exitNode)], $0) < (table[$1 * nodes + Int(first.exitNode)], $1)
                }) else { continue }
                if feasible(nearest) { ok += 1 }
                if candidates.contains(where: feasible) { okAny += 1 }
            }
            #expect(r.detectedTrips == detected)
            #expect(r.entryTrips == entry && r.entryTripsCaughtByCordon == caught)
            #expect(r.dangerousDetected == dangerousDetected)
            #expect(r.interceptable == ok)
            #expect(r.interceptableByAnyUnit == okAny)
        }
    }

    @Test func randomAvailabilityIsSeeded() throws {
        let (trips, cameras, units) = try handCase()
        let s = KorgauSettings(availability: .random(busyProbability: [0.5, 0.5]), seed: 3)
        #expect(try KorgauAnalysis.analyse(trips: trips, cameras: cameras, units: units, settings: s)
                == KorgauAnalysis.analyse(trips: trips, cameras: cameras, units: units, settings: s))
    }

    @Test func badInputIsRejected() throws {
        var trips = VehicleTrips()
        #expect(throws: CovplanError.self) { try trips.append([]) }
        #expect(throws: CovplanError.self) {
            try trips.append([TripStep(piece: 0, entrySeconds: 10, exitSeconds: 5, exitNode: 0)])
        }
        #expect(throws: CovplanError.self) {
            try trips.append([TripStep(piece: 0, entrySeconds: .nan, exitSeconds: 5, exitNode: 0)])
        }
        #expect(trips.count == 0)
        var cameras = CoveredPieces(pieceCount: 2)
        #expect(throws: CovplanError.self) { try cameras.cover(piece: 2) }
        #expect(throws: CovplanError.self) { try cameras.cover(piece: 0, fromFraction: 1.5) }
        #expect(throws: CovplanError.self) {
            try UnitNodeTravelTable(unitCount: 2, nodeCount: 2, secondsRowMajor: [1, 2, 3])
        }
        let (t, c, u) = try handCase()
        #expect(throws: CovplanError.self) {
            try KorgauAnalysis.analyse(trips: t, cameras: c, units: u, settings: KorgauSettings(alertDelaySeconds: -1))
        }
        #expect(throws: CovplanError.self) {
            try KorgauAnalysis.analyse(trips: t, cameras: c, units: u, settings: KorgauSettings(availability: .fixed([true])))
        }
    }
}
