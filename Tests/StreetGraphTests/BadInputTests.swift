import CityIngest
import CityModel
import Foundation
import GeoCore
import StreetGraph
import Testing

@Suite struct BadInputTests {
    let graph = try! GraphBuilder.build(streets: handGrid(), mode: .drive)

    @Test func sourcesBeyondTheSnapLimitAreCountedOrRefused() throws {
        let near = Point(50, 1), far = Point(5000, 5000)
        let r = try ReachAnalysis.run(graph: graph, request: ReachRequest(
            sourcePoints: [near, far], sourceIds: ["post-1", "post-far"], minutes: [1], maxSnapMeters: 25,
            isochroneBufferMeters: nil))
        #expect(r.summary.sources == 1)
        #expect(r.summary.unsnapped == 1)
        #expect(r.summary.unsnappedIds == ["post-far"])
        #expect(r.sourceSnaps[1] == nil)
        #expect(abs(r.sourceSnaps[0]!.distanceMeters - 1) < 1e-12)
        let error = #expect(throws: CovplanError.self) {
            try ReachAnalysis.run(graph: graph, request: ReachRequest(sourcePoints: [far], sourceIds: ["x"], minutes: [5], maxSnapMeters: 25))
        }
        #expect(error?.kind == .dataError)
        #expect(error?.description.contains("25") == true)
    }

    @Test func emptySourceListIsAnError() {
        let error = #expect(throws: CovplanError.self) {
            try ReachAnalysis.run(graph: graph, request: ReachRequest(sourcePoints: [], sourceIds: [], minutes: [5]))
        }
        #expect(error?.kind == .dataError)
        #expect(error?.description.contains("empty") == true)
    }

    @Test(arguments: ["3,-5", "abc", "", "5,,10", "nan", "inf", "3;5"])
    func badThresholdsAreUsageErrors(text: String) {
        let error = #expect(throws: CovplanError.self) { try Thresholds.parseMinutes(text) }
        #expect(error?.kind == .usage)
    }

    @Test func goodThresholdsAreSortedAndDeduplicated() throws {
        #expect(try Thresholds.parseMinutes("10, 3,5,3") == [3, 5, 10])
        #expect(throws: CovplanError.self) { try graph.reach(from: [], thresholdsSeconds: [-1]) }
        #expect(throws: CovplanError.self) { try graph.reach(from: [], thresholdsSeconds: [.nan]) }
        #expect(throws: CovplanError.self) { try graph.reach(from: [], thresholdsSeconds: [60, 30]) }
        // No sources: nothing reached, no crash.
        #expect(try graph.reach(from: [], thresholdsSeconds: [60]).reachedLengthMeters == [0])
    }

    @Test(arguments: [
        #"{"drive": {"residential": 0}}"#, #"{"drive": {"residential": -20}}"#, #"{"drive": {"default": "fast"}}"#,
        #"{"drive": {"primary": true}}"#, #"{"bike": {"default": 15}}"#, #"{"drive": 30}"#, #"[1, 2]"#, "not json",
        #"{"drive": {"use_maxspeed": 1}}"#,
    ])
    func badSpeedTablesAreDataErrors(json: String) {
        let error = #expect(throws: CovplanError.self) {
            try SpeedTable.overriding(.drive, json: Data(json.utf8), source: "speeds.json")
        }
        #expect(error?.kind == .dataError)
        #expect(error?.description.hasPrefix("speeds.json") == true)
    }

    @Test func speedTableOverridesApply() throws {
        let t = try SpeedTable.overriding(.drive, json: Data(#"{"drive": {"residential": 25, "default": 12, "use_maxspeed": false}, "walk": {"default": 4}}"#.utf8), source: "s.json")
        #expect(t.speedKmh(highway: "residential", maxspeedKmh: 50) == 25)
        #expect(t.speedKmh(highway: "unknown_class", maxspeedKmh: nil) == 12)
        #expect(t.speedKmh(highway: "primary", maxspeedKmh: nil) == 50)
        let w = try SpeedTable.overriding(.walk, json: Data(#"{"walk": {"default": 4}}"#.utf8), source: "s.json")
        #expect(w.speedKmh(highway: "footway", maxspeedKmh: 80) == 4)
        #expect(throws: CovplanError.self) { try SpeedTable(mode: .drive, kmh: ["a": 0], defaultKmh: 30) }
        #expect(throws: CovplanError.self) { try SpeedTable(mode: .drive, kmh: [:], defaultKmh: -1) }
        #expect(throws: CovplanError.self) { try GraphBuilder.build(streets: handGrid(), mode: .walk, speeds: .defaults(for: .drive)) }
        // The override changes travel times: 100 m at 25 km/h.
        let g = try GraphBuilder.build(streets: handGrid(), mode: .drive, speeds: t)
        #expect(abs(g.edgeSeconds[0] - 100 / (25 / 3.6)) < 1e-9)
        #expect(throws: CovplanError.self) { try SpeedTable.load(.drive, path: "/nonexistent/speeds.json") }
    }

    @Test func badSnapDistanceAndPopulationLength() {
        #expect(throws: CovplanError.self) {
            try ReachAnalysis.run(graph: graph, request: ReachRequest(sourcePoints: [Point(0, 0)], sourceIds: ["a"], minutes: [5], maxSnapMeters: -1))
        }
        let b = Building(id: "b", footprint: [Polygon(exterior: [Point(0, 0), Point(1, 0), Point(1, 1), Point(0, 0)])], levels: nil, buildingTag: "yes", use: .unknown)
        #expect(throws: CovplanError.self) {
            try ReachAnalysis.run(graph: graph, request: ReachRequest(sourcePoints: [Point(0, 0)], sourceIds: ["a"], minutes: [5],
                                                                      buildings: [b], residentsPerBuilding: [1, 2]))
        }
    }
}
