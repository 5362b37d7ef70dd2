// placement-bench: times the Placement solvers on seeded synthetic instances or on an exported
// instance JSON, and prints one JSON line per run. Not part of the product; benchmarks only.
//
//   placement-bench [--demand N] [--candidates M] [--cover C] [--fixed F] [--count P | --budget B]
//                   [--costs a,b,...] [--seed S] [--problem mclp|backup|lscp] [--target FRACTION]
//                   [--local first|best|none] [--bound-iterations K] [--export FILE] [--import FILE]
import GeoCore
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
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CovplanError(.noInput, file: path, "cannot read the instance file")
        }
        instance = try CoverageInstance(jsonBytes: [UInt8](data), source: path)
        if let limit { instance.limit = limit }
    } else {
        instance = try SyntheticCoverage.spatial(demandCount: demand, candidateCount: candidates, meanCover: cover,
                                                 fixedCount: fixedCount, costsTenge: costs, limit: limit, seed: seed)
    }
    let t1 = now()
    if let path = value("--export") { try Data(instance.jsonBytes()).write(to: URL(fileURLWithPath: path), options: .atomic) }
    var options = PlacementOptions(seed: seed)
    if let l = value("--local") { options.localSearch = LocalSearchStrategy(rawValue: l)! }
    if let k = value("--bound-iterations") { options.boundIterations = Int(k)! }
    if let k = value("--rounds") { options.perturbationRounds = Int(k)! }
    let t2 = now()
    let c2 = cpu()
    let result: PlacementResult
    if problem == "p-median" || problem == "p-center" {
        // Facility instance: demand points and candidate posts uniform in a square whose side
        // gives ~`cover` demand points within the cutoff; times = distance / 8.33 m/s (30 km/h).
        var rng = SplitMix64(seed: seed)
        let cutoff = Double(value("--cutoff-seconds") ?? "600")!
        let speed = 8.33
        let reachM = cutoff * speed
        let side = (Double(demand) * Double.pi * reachM * reachM / cover).squareRoot()
        let dx = (0 ..< demand).map { _ in rng.nextUnit() * side }, dy = (0 ..< demand).map { _ in rng.nextUnit() * side }
        let w = (0 ..< demand).map { _ in Double(1 + rng.nextIndex(100)) }
        var offsets = [0], idx: [Int32] = [], secs: [Double] = []
        let cell = reachM
        let cells = max(1, Int(side / cell) + 1)
        var grid = [[Int32]](repeating: [], count: cells * cells)
        for i in 0 ..< demand { grid[min(cells - 1, Int(dy[i] / cell)) * cells + min(cells - 1, Int(dx[i] / cell))].append(Int32(i)) }
        for _ in 0 ..< candidates {
            let x = rng.nextUnit() * side, y = rng.nextUnit() * side
            let cx = min(cells - 1, Int(x / cell)), cy = min(cells - 1, Int(y / cell))
            var row: [(Int32, Double)] = []
            for gy in max(0, cy - 1) ... min(cells - 1, cy + 1) {
                for gx in max(0, cx - 1) ... min(cells - 1, cx + 1) {
                    for i in grid[gy * cells + gx] {
                        let d = ((dx[Int(i)] - x) * (dx[Int(i)] - x) + (dy[Int(i)] - y) * (dy[Int(i)] - y)).squareRoot()
                        if d <= reachM { row.append((i, d / speed)) }
                    }
                }
            }
            row.sort { $0.0 < $1.0 }
            for (i, t) in row { idx.append(i); secs.append(t) }
            offsets.append(idx.count)
        }
        let p: Int = { if case .count(let p)? = limit { return p } else { return 10 } }()
        let facility = try FacilityInstance(demandWeights: w, candidateIDs: (0 ..< candidates).map { "post\($0)" },
                                            offsets: offsets, demandIndices: idx, seconds: secs,
                                            fixed: (0 ..< Int32(fixedCount)).map { $0 }, count: p,
                                            unservedSeconds: 2 * cutoff)
        if let path = value("--export") {
            // {"demand": [...], "candidates": [{"id", "reach": [[i, seconds], ...]}], "fixed", "count", "unserved_seconds"}
            var text = "{\"demand\": [" + w.map { String($0) }.joined(separator: ",") + "], \"candidates\": ["
            for j in 0 ..< candidates {
                let pairs = (offsets[j] ..< offsets[j + 1]).map { "[\(idx[$0]),\(secs[$0])]" }.joined(separator: ",")
                text += (j > 0 ? "," : "") + "{\"id\": \"post\(j)\", \"reach\": [\(pairs)]}"
            }
            text += "], \"fixed\": [" + (0 ..< fixedCount).map { "\"post\($0)\"" }.joined(separator: ",")
            text += "], \"count\": \(p), \"unserved_seconds\": \(2 * cutoff)}"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let c0 = cpu(), w0 = now()
        let r = problem == "p-median" ? try PMedian.solve(facility, options: options) : try PCenter.solve(facility, options: options)
        let out: [String: Any] = ["problem": r.problem.rawValue, "demand": demand, "candidates": candidates,
                                  "pairs": idx.count, "objective": r.objective, "lower_bound": r.lowerBound,
                                  "gap": r.gap, "greedy_objective": r.statistics.greedyObjective,
                                  "local_search_moves": r.statistics.localSearchMoves, "bound_method": r.boundMethod.rawValue,
                                  "bound_iterations": r.statistics.boundIterations,
                                  "solve_seconds": now() - w0, "solve_cpu_seconds": cpu() - c0]
        print(String(decoding: try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys]), as: UTF8.self))
        exit(0)
    }
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
