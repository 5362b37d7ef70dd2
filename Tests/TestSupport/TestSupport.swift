import Foundation
import GeoCore

/// Paths and helpers shared by the test targets.
public enum Fixtures {
    /// The repository root (found from this file's location).
    public static let repoRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The bundled OpenStreetMap extract of central Helsinki.
    public static var helsinkiPBF: String { repoRoot + "/geodata/helsinki-center.osm.pbf" }

    /// A fresh empty temporary folder, unique per call.
    public static func tempDir(_ label: String = "t") -> String {
        let path = NSTemporaryDirectory() + "covplan-\(label)-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes text to a new file in a fresh temp folder and returns its path.
    @discardableResult
    public static func file(_ name: String, _ text: String, in dir: String? = nil) -> String {
        let d = dir ?? tempDir("f")
        let p = d + "/" + name
        FileManager.default.createFile(atPath: p, contents: Data(text.utf8))
        return p
    }

    /// A copy of the first `fraction` of a file's bytes (a truncated download).
    public static func truncatedCopy(of path: String, fraction: Double) -> String {
        let data = FileManager.default.contents(atPath: path)!
        let d = tempDir("trunc")
        let out = d + "/" + (path as NSString).lastPathComponent
        FileManager.default.createFile(atPath: out, contents: data.prefix(Int(Double(data.count) * fraction)))
        return out
    }

    public static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Files in a folder (names), sorted; without the marker covplan puts in its output
    /// folders (`.covplan-output`), with everything else (temporary leftovers included).
    public static func listing(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0 != ".covplan-output" }.sorted()
    }
}

/// Runs the built `covplan` binary.
public enum CLI {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// The `covplan` executable next to the test bundle in the build folder.
    public static var binary: String {
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // swift-testing runs inside `<build>/debug/covplanPackageTests.xctest`.
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("covplan").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return Fixtures.repoRoot + "/.build/debug/covplan"
    }

    /// Runs `covplan args...` in `cwd` and captures its output.
    public static func run(_ args: [String], cwd: String? = nil, env: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        if !env.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 } }
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read both pipes concurrently so a large output cannot block the child.
        nonisolated(unsafe) var outData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            outData = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// The seeded PRNG tests use for reproducible data (GeoCore's SplitMix64).
public typealias SeededRandom = SplitMix64
