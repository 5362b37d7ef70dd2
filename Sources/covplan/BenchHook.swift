import Foundation
import Reports

/// Test hook for the benchmark runner's agreement check (`bench/run --perturb F`): when the
/// environment variable `COVPLAN_BENCH_PERTURB` holds a number F, every number covplan reports
/// in its JSON outputs is multiplied by F, so the runner must flag the disagreement. Never set
/// in normal use; a notice is printed on stderr whenever it is active.
enum BenchHook {
    static let factor: Double? = ProcessInfo.processInfo.environment["COVPLAN_BENCH_PERTURB"].flatMap(Double.init)

    static func apply(_ v: JSONValue) -> JSONValue {
        guard let f = factor else { return v }
        Console.stderr("covplan: warning: COVPLAN_BENCH_PERTURB=\(f) is set: reported numbers are deliberately wrong")
        return v.mapNumbers { $0 * f }
    }
}
