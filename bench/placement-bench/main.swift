// placement-bench: times the Placement solvers on seeded synthetic instances or on an exported
// instance JSON, and prints one JSON line per run. Not part of the product; benchmarks only.
//
//   placement-bench [--demand N] [--candidates M] [--cover C] [--fixed F] [--count P | --budget B]
//                   [--costs a,b,...] [--seed S] [--problem mclp|backup|lscp] [--target FRACTION]
//                   [--local first|best|none] [--bound-iterations K] [--export FILE] [--import FILE]
import Foundation
import Placement

let args = Array(CommandLine.arguments.dropFirst())
func value(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}
let demand = Int(value("--demand") ?? "100000")!
let candidates = Int(value("--candidates") ?? "30000")!
let cover = Double(value("--cover") ?? "50")!
let fixedCount = Int(value("--fixed") ?? "0")!
let seed = UInt64(value("--seed") ?? "1")!
let costs = (value("--costs") ?? "1").split(separator: ",").map { Double($0)! }
let problem = value("--problem") ?? "mclp"
var limit: PlacementLimit? = nil
if let p = value("--count") { limit = .count(Int(p)!) }
if let b = value("--budget") { limit = .budget(Double(b)!) }
if limit == nil && problem != "lscp" { limit = .count(48) }

func now() -> Double { Date().timeIntervalSince1970 }
/// CPU seconds of this process (robust against other load on a shared machine).
func cpu() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

do {
    let t0 = now()
    var instance: CoverageInstance
    if let path = value("--import") {
        instance = try CoverageInstance(contentsOfJSONFile: path)
        if let limit { instance.limit = limit }
    } else {
        instance = try SyntheticCoverage.spatial(demandCount: demand, candidateCount: candidates, meanCover: cover,
                                                 fixedCount: fixedCount, costsTenge: costs, limit: limit, seed: seed)
    }
    let t1 = now()
    if let path = value("--export") { try instance.writeJSON(to: path) }
    var options = PlacementOptions(seed: seed)
    if let l = value("--local") { options.localSearch = LocalSearchStrategy(rawValue: l)! }
    if let k = value("--bound-iterations") { options.boundIterations = Int(k)! }
    if let k = value("--rounds") { options.perturbationRounds = Int(k)! }
    let t2 = now()
    let c2 = cpu()
    let result: PlacementResult
    switch problem {
    case "backup": result = try BackupCoverage.solve(instance, options: options)
    case "lscp": result = try SetCovering.solve(instance, target: .fraction(Double(value("--target") ?? "0.9")!),
                                               minimize: costs.count > 1 ? .cost : .count, options: options)
    default: result = try MaximalCoverage.solve(instance, options: options)
    }
    let t3 = now()
    let c3 = cpu()
    let s = result.statistics
    let out: [String: Any] = [
        "problem": result.problem.rawValue, "demand": instance.demandCount, "candidates": instance.candidateCount,
        "nonzeros": instance.nonzeroCount, "reduced_demand": s.reducedDemandCount,
        "reduced_candidates": s.reducedCandidateCount, "reduced_nonzeros": s.reducedNonzeroCount,
        "objective": result.objective, "upper_bound": result.upperBound, "lower_bound": result.lowerBound,
        "gap": result.gap, "bound_method": result.boundMethod.rawValue, "greedy_objective": s.greedyObjective,
        "local_search_moves": s.localSearchMoves, "bound_iterations": s.boundIterations,
        "bb_nodes": s.branchAndBoundNodes, "selected": result.selected.count, "cost_tenge": result.costTenge,
        "build_seconds": t1 - t0, "solve_seconds": t3 - t2, "solve_cpu_seconds": c3 - c2,
    ]
    let data = try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
} catch {
    FileHandle.standardError.write(Data("placement-bench: error: \(error)\n".utf8))
    exit(1)
}
