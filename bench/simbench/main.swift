// simbench — timing of the Simulation module on a synthetic city (not a test; prints timings).
//
//   swift build -c release --product simbench && .build/release/simbench
//
// City: 60 × 60 atoms on a 250 m grid (15 × 15 km), 2,000,000 residents with density falling off
// exponentially from the centre; 200 patrol units placed at residents-weighted atoms; straight-line
// travel at 30 km/h with a 1.3 detour factor and 60 s set-off. One year of incidents at 1,370 per
// day (≈ 500,000) with the documented default type mix and the illustrative hourly profile.
import Foundation
import GeoCore
import Simulation

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

let clock = ContinuousClock()

/// CPU seconds of this thread (less sensitive than wall time to other load on a shared machine).
func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
let side = 60
let spacing = 250.0
var points: [Point] = []
var density: [Double] = []
for k in 0..<(side * side) {
    let p = Point(Double(k % side) * spacing, Double(k / side) * spacing)
    points.append(p)
    let c = Double(side - 1) * spacing / 2
    let r = ((p.x - c) * (p.x - c) + (p.y - c) * (p.y - c)).squareRoot()
    density.append(exp(-r / 4_000))
}
let scale = 2_000_000 / density.reduce(0, +)
let atoms = density.enumerated().map {
    DemandAtom(id: "a\($0.offset)", residents: ($0.element * scale).rounded(), zone: ($0.offset / side) / 6 * 10 + ($0.offset % side) / 6)
}
let area = StudyArea(atoms: atoms, zoneNames: (0..<100).map { "precinct-\($0)" })
let travel = try StraightLineTravelTimes(points: points, speedMetersPerSecond: 30 / 3.6, detourFactor: 1.3, fixedSeconds: 60)

// 200 distinct homes, residents-weighted.
var rng = Xoshiro256StarStar(seed: 2024)
let table = AliasTable(weights: atoms.map(\.residents))!
var homes: [Int] = []
var used = Set<Int>()
while homes.count < 200 {
    let a = table.sample(&rng)
    if used.insert(a).inserted { homes.append(a) }
}
let units = homes.enumerated().map { ResponseUnit(id: "car-\($0.offset)", homeAtom: $0.element) }

var stream: IncidentStream!
let genTime = try clock.measure {
    stream = try IncidentGenerator.generate(area: area, settings: IncidentGeneratorSettings(
        incidentsPerDay: 1_370, days: 365, profile: .typicalUrbanPolice, seed: 7))
}
print("atoms \(atoms.count), residents \(Int(atoms.map(\.residents).reduce(0, +))), units \(units.count)")
print(String(format: "generate: %d incidents in %.3f s", stream.count, seconds(genTime)))

for (name, after) in [("returnHome", AfterService.returnHome), ("returnHomeAvailable", .returnHomeAvailable),
                      ("stayAtScene", .stayAtScene)] {
    var result: DispatchResult!
    let cpu0 = cpuSeconds()
    let t = try clock.measure {
        result = try DispatchSimulator.run(area: area, incidents: stream, travel: [travel],
                                           settings: DispatchSettings(units: units, afterService: after))
    }
    let cpu = cpuSeconds() - cpu0
    print(String(format: "simulate %@: %.3f s wall, %.3f s CPU — response mean %.0f s, p50 %.0f s, p90 %.0f s, within target %.3f, utilisation %.3f, delayed %.4f",
                 name, seconds(t), cpu, result.response.meanSeconds, result.response.p50Seconds, result.response.p90Seconds,
                 result.response.withinTargetFraction, result.meanUtilization, result.wait.delayedFraction))
}

// A-hypercube on the same city: 200 units × 3,600 atoms.
let rates = atoms.map { $0.residents / 2_000_000 * 1_370 / 86_400 }
var hp: HypercubeProblem!
let prepTime = try clock.measure {
    hp = try HypercubeProblem.nearestFirst(arrivalRatesPerSecond: rates, units: units, travel: [travel],
                                           meanServiceSeconds: 45 * 60)
}
var approx: HypercubeResult!
let approxTime = try clock.measure { approx = try ApproximateHypercube.solve(hp) }
print(String(format: "A-hypercube N=200, J=3600: lists %.3f s, solve %.3f s (%d iterations), max workload %.3f, interdistrict %.3f",
             seconds(prepTime), seconds(approxTime), approx.iterations, approx.workloads.max()!, approx.interdistrictFraction))

// Exact hypercube with 15 units (32,768 states) over all atoms, demand scaled to ρ = 0.6.
let small = Array(units.prefix(15))
let smallRates = rates.map { $0 * (0.6 * 15 / 2_700) / rates.reduce(0, +) }  // ρ = 0.6
let smallProblem = try HypercubeProblem.nearestFirst(arrivalRatesPerSecond: smallRates, units: small, travel: [travel],
                                                     meanServiceSeconds: 45 * 60)
var exact: HypercubeResult!
let exactTime = try clock.measure { exact = try ExactHypercube.solve(smallProblem) }
var approx15: HypercubeResult!
let approx15Time = try clock.measure { approx15 = try ApproximateHypercube.solve(smallProblem) }
let offeredLoad = smallRates.reduce(0, +) * 45 * 60
let maxRel = zip(exact.workloads, approx15.workloads).map { abs($1 / $0 - 1) }.max()!
let maxAbs = zip(exact.workloads, approx15.workloads).map { abs($1 - $0) }.max()!
print(String(format: "exact hypercube N=15 (λ/μ = %.2f): %.3f s, %d sweeps; A-hypercube %.4f s; workload difference max %.4f (relative %.4f); mean travel exact %.1f s, approx %.1f s",
             offeredLoad, seconds(exactTime), exact.iterations, seconds(approx15Time), maxAbs, maxRel,
             exact.meanTravelSeconds!, approx15.meanTravelSeconds!))

// Exact hypercube convergence at high load (ρ = 0.9, 15 units).
let heavyRates = rates.map { $0 * (0.9 * 15 / 2_700) / rates.reduce(0, +) }
let heavy = try HypercubeProblem.nearestFirst(arrivalRatesPerSecond: heavyRates, units: small, travel: [travel],
                                              meanServiceSeconds: 45 * 60)
var heavyExact: HypercubeResult!
let heavyTime = try clock.measure { heavyExact = try ExactHypercube.solve(heavy) }
let heavyApprox = try ApproximateHypercube.solve(heavy)
print(String(format: "exact hypercube N=15 at ρ = 0.9: %.3f s, %d sweeps, P_Q %.4f; A-hypercube max workload difference %.4f",
             seconds(heavyTime), heavyExact.iterations, heavyExact.queueProbability,
             zip(heavyExact.workloads, heavyApprox.workloads).map { abs($1 - $0) }.max()!))
