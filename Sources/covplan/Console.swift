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
        let bytes = Array((message + "\n").utf8)
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
    func loadCity(_ name: String, _ options: @autoclosure () throws -> LoadOptions) throws -> City {
        var clock = PhaseClock()
        let city = try phase(name) { try CityLoader.load(try options(), clock: &clock) }
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

/// Runs a command body and turns every failure into a one-line message and an exit code.
func runCommand(_ body: () throws -> Void) throws {
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
