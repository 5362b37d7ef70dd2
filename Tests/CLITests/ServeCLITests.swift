import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// `covplan serve` refuses unsafe or impossible settings before loading anything, and serves a
/// city (not only a scenario) until stopped.
@Suite("covplan serve (CLI)") struct ServeCLITests {
    @Test("a non-loopback host needs --allow-remote; a port must be a TCP port")
    func refusals() throws {
        let remote = try CLI.run(["serve", Fixtures.helsinkiPBF, "--host", "0.0.0.0"])
        #expect(remote.status == 64, "\(remote.stderr)")
        #expect(remote.stderr.contains("--allow-remote") && remote.stderr.split(separator: "\n").count == 1, "\(remote.stderr)")
        let port = try CLI.run(["serve", Fixtures.helsinkiPBF, "--port", "70000"])
        #expect(port.status == 64, "\(port.stderr)")
        let layers = try CLI.run(["serve", Fixtures.helsinkiPBF, "--streets", Fixtures.helsinkiPBF])
        #expect(layers.status == 64, "\(layers.stderr)")
    }

    @Test("serving a city prints its URL; the summary has the city's mapped cameras; SIGTERM stops it")
    func servesACity() async throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["serve", Fixtures.helsinkiPBF, "--port", "0", "--quiet", "--export-dir", Fixtures.tempDir("serve-cli")]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { p.terminate() } }
        var text = ""
        while !text.contains("\n"), let chunk = try out.fileHandleForReading.read(upToCount: 1), !chunk.isEmpty {
            text += String(decoding: chunk, as: UTF8.self)
        }
        #expect(text.hasPrefix("covplan serve: http://127.0.0.1:"), "\(text)")
        let url = String(text.split(separator: " ").last ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let (data, _) = try await URLSession.shared.data(from: URL(string: url + "api/summary")!)
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(json?["cameras"] as? Int == 221, "\(String(decoding: data.prefix(300), as: UTF8.self))")
        p.terminate()
        p.waitUntilExit()
        #expect(!p.isRunning)
    }
}
