import CityIngest
import ArgumentParser
import CityModel
import Foundation
import GeoCore
import Reports

/// Values kept until the process exits (`Console.keepUntilExit`).
nonisolated(unsafe) private var keptUntilExit: [Any] = []

/// stderr logging and phase timings for the CLI. Data goes to stdout; everything else here.
final class Console {
    let quiet: Bool
    let timings: Bool
    private var phases: [(String, Double)] = []

    init(_ common: CommonOptions) {
        quiet = common.quiet
        timings = common.timings
    }

    /// A progress/info line on stderr (suppressed by --quiet).
    func info(_ message: String) {
        guard !quiet else { return }
        Console.stderr(message)
    }

    /// Writes one line to stderr; a failing stderr is ignored (there is nowhere left to say so).
    static func stderr(_ message: String) {
        // Control characters and bidi overrides from data never reach the terminal.
        let bytes = Array((TextSafety.clean(message) + "\n").utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// Sub-phase laps of `phase` on stderr, indented under it (for --timings).
    static func stderrLaps(_ phase: String, _ laps: [(phase: String, seconds: Double)]) {
        for lap in laps { stderr("timing:   \(phase): \(lap.phase) \(String(format: "%.3f", lap.seconds)) s") }
    }

    /// Loads a city as phase `name`, with the loader's own laps under it when --timings is on.
    func readCity(_ name: String, _ options: @autoclosure () throws -> CityReadOptions) throws -> City {
        var clock = PhaseClock()
        let city = try phase(name) { try CityReader.read(try options(), clock: &clock) }
        if timings { Console.stderrLaps(name, clock.laps) }
        if let line = IngestSummary.line(city.ingest) { info(line) }
        for line in IngestSummary.warningLines(city.ingest) { info(line) }
        Console.keepUntilExit(city)
        return city
    }

    /// Keeps `value` alive until the process exits, so it is never freed piece by piece: a
    /// national city is millions of small allocations, and freeing them only to exit cost 1.4 s
    /// of a 9.4 s run at k = 64. The operating system takes the memory back at exit. For values
    /// a command uses to its end (one city per command); main thread only.
    static func keepUntilExit(_ value: Any) {
        keptUntilExit.append(value)
    }

    /// Runs `body`, recording its wall-clock duration under `name`.
    func phase<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let s = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            phases.append((name, s))
            if timings { Console.stderr("timing: \(name) \(String(format: "%.3f", s)) s") }
        }
        return try body()
    }
}

extension ParsableCommand {
    /// Runs a command body and turns every failure into a one-line message and an exit code;
    /// first checks every number option of the command (`NumberOptions.check`).
    func runCommand(_ body: () throws -> Void) throws {
        try runCommandCatching {
            try NumberOptions.check(self, arguments: CommandLine.arguments)
            try body()
        }
    }
}

/// Runs a command body and turns every failure into a one-line message and an exit code.
func runCommandCatching(_ body: () throws -> Void) throws {
    do {
        AtomicOutput.protectInputs(CommandInputs.paths(in: CommandLine.arguments))
        try body()
    } catch let e as CovplanError {
        Console.stderr("covplan: error: \(e.description)")
        throw ExitCode(e.kind.rawValue)
    } catch let e as ExitCode {
        throw e
    } catch {
        Console.stderr("covplan: error: \(String(describing: error).replacingNewlines())")
        throw ExitCode(FailureKind.software.rawValue)
    }
}

/// Writes data to stdout. Throws `.ioError` (exit 74, one line) when stdout cannot take it —
/// a full disk, a closed pipe, `/dev/full` — instead of the runtime trap `FileHandle` raises.
func printData(_ text: String) throws {
    var bytes = Array(text.utf8)
    let failure: Int32? = bytes.withUnsafeMutableBytes { buffer -> Int32? in
        var offset = 0
        while offset < buffer.count {
            let n = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return nil
    }
    if let code = failure {
        throw CovplanError(.ioError, file: "stdout", "cannot write the output: \(String(cString: strerror(code)))")
    }
}

/// The paths a command line reads: every argument (or the value after `=` in `--flag=value` and
/// `KIND=value`) that names an existing file or folder, except the outputs (`-o`/`--output`,
/// `--export-instance`). Registered with `AtomicOutput.protectInputs` before any work, so no
/// output can replace an input or a folder holding one.
enum CommandInputs {
    static let outputFlags: Set<String> = ["-o", "--output", "--export-instance"]

    static func paths(in arguments: [String]) -> [String] {
        var out: [String] = []
        var skipNext = false
        for arg in arguments.dropFirst() {
            if skipNext { skipNext = false; continue }
            if outputFlags.contains(arg) { skipNext = true; continue }
            if outputFlags.contains(where: { arg.hasPrefix($0 + "=") }) { continue }
            for candidate in [arg] + (arg.contains("=") ? [String(arg[arg.index(after: arg.firstIndex(of: "=")!)...])] : [])
            where !candidate.isEmpty && FileManager.default.fileExists(atPath: candidate) {
                out.append(candidate)
            }
        }
        return out
    }
}

/// No non-finite or absurd number reaches a computation: ArgumentParser reads `inf`, `nan` and
/// `1e308` as a `Double`, so every `Double` option of a command (its option groups included) is
/// checked to be finite and at most `InputLimits.maxMagnitude` in size before any work. Each
/// analysis checks its own tighter limits (minutes, counts, metres) in the library.
enum NumberOptions {
    static func check(_ command: Any, arguments: [String]) throws {
        try walk(Mirror(reflecting: command), name: nil, depth: 0, arguments: arguments)
    }

    private static func walk(_ m: Mirror, name: String?, depth: Int, arguments: [String]) throws {
        guard depth < 12 else { return }
        for child in m.children {
            var n = name
            if let label = child.label, label.hasPrefix("_"),
               String(describing: type(of: child.value)).hasPrefix("Option<") {
                n = String(label.dropFirst())
            }
            if let d = child.value as? Double {
                try checkValue(d, property: n, arguments: arguments)
            } else if let ds = child.value as? [Double] {
                for d in ds { try checkValue(d, property: n, arguments: arguments) }
            } else {
                try walk(Mirror(reflecting: child.value), name: n, depth: depth + 1, arguments: arguments)
            }
        }
    }

    private static func checkValue(_ d: Double, property: String?, arguments: [String]) throws {
        guard !d.isFinite || abs(d) > InputLimits.maxMagnitude else { return }
        let flag = typedFlag(for: d, arguments: arguments) ?? property.map(kebab) ?? "a number option"
        throw CovplanError(.usage, "\(flag) \(d) is out of range: numbers must be finite and at most 1e15 in size")
    }

    /// The flag as typed whose value parses to `d` (`--x v` or `--x=v`).
    private static func typedFlag(for d: Double, arguments: [String]) -> String? {
        func same(_ text: Substring) -> Bool {
            guard let v = Double(text) else { return false }
            return v == d || (v.isNaN && d.isNaN)
        }
        for (i, arg) in arguments.enumerated() where arg.hasPrefix("-") {
            if let eq = arg.firstIndex(of: "="), same(arg[arg.index(after: eq)...]) { return String(arg[..<eq]) }
            if i + 1 < arguments.count, Double(arg) == nil, same(Substring(arguments[i + 1])) { return arg }
        }
        return nil
    }

    private static func kebab(_ name: String) -> String {
        var out = "--"
        for ch in name {
            if ch.isUppercase { out += "-" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }
}
