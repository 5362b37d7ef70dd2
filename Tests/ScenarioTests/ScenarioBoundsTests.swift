import Foundation
import GeoCore
import Scenario
import Testing
import TestSupport

/// Hostile scenario files are refused at once: alias bombs, deep nesting, huge files.
@Suite struct ScenarioBoundsTests {
    func failure(_ text: String) -> (CovplanError?, Double) {
        let dir = Fixtures.tempDir("bounds")
        let path = Fixtures.file("s.yaml", text, in: dir)
        let start = Date()
        do {
            _ = try ScenarioDocument.load(path)
            return (nil, Date().timeIntervalSince(start))
        } catch {
            return (error as? CovplanError, Date().timeIntervalSince(start))
        }
    }

    /// "Billion laughs": each level repeats the previous one nine times. 9^15 values once
    /// expanded; the reader stops after its budget instead of expanding them.
    @Test(arguments: [6, 9, 15]) func aliasBombIsRefusedAtOnce(levels: Int) {
        var lines = ["name: bomb", #"l0: &l0 ["x","x","x","x","x","x","x","x","x"]"#]
        for i in 1...levels { lines.append("l\(i): &l\(i) [" + Array(repeating: "*l\(i - 1)", count: 9).joined(separator: ",") + "]") }
        let (e, _) = failure(lines.joined(separator: "\n") + "\n")
        #expect(e?.kind == .dataError)
        #expect(e?.problem.contains("expands to more than") == true, "\(String(describing: e))")
    }

    @Test func deepNestingIsRefused() {
        let (e, _) = failure("name: deep\nx: " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000) + "\n")
        #expect(e?.kind == .dataError)
        let (e2, _) = failure("name: deep\nx: " + String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + "\n")
        #expect(e2?.kind == .dataError && e2?.problem.contains("deeper than") == true, "\(String(describing: e2))")
    }

    @Test func aHugeFileIsNotRead() {
        let (e, _) = failure("name: big\n# " + String(repeating: "x", count: 5 << 20) + "\n")
        #expect(e?.kind == .dataError && e?.problem.contains("bytes") == true)
    }

    /// Many keys in one map: duplicate detection stays fast, the duplicate is named.
    @Test func manyKeysStayLinearAndDuplicatesAreFound() {
        let keys = (0..<20_000).map { "  k\($0): 1" }
        let (e, _) = failure("name: wide\nx:\n" + keys.joined(separator: "\n") + "\n  k7: 2\n")
        #expect(e?.kind == .dataError)
        #expect(e?.problem.contains("'k7'") == true)
        // The message stays one short line (the YAML library quotes the whole map as context).
        #expect((e?.description.count ?? 0) < 500 && e?.description.contains("\n") == false)
    }
}
