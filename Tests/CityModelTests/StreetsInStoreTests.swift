import Foundation
@testable import CityIngest
import CityModel
import GeoCore
@testable import StreetGraph
import Testing
import TestSupport

/// A prepared city read with its streets left in the file (`streetsForStoredGraphsOnly`, what
/// `covplan reach` asks for): the same ids, extent, ingest report and graphs as a full read,
/// checked against the street values of that full read; refused where the stored graphs cannot
/// answer.
@Suite(.serialized) struct StreetsInStoreTests {
    typealias P = PreparedCityTests

    static func lean(_ path: String) throws -> City {
        var o = CityReadOptions()
        o.streetsForStoredGraphsOnly = true
        return try P.load(path, o)
    }

    @Test func idsExtentAndIngestAreThoseOfTheFullRead() throws {
        let full = try P.load(P.prepared.path)
        let lean = try Self.lean(P.prepared.path)
        let stored = try #require(lean.streetsInStore)
        #expect(lean.streets.isEmpty && full.streetsInStore == nil)
        #expect(stored.count == full.streets.count && stored.count > 2000)
        #expect(Array(stored.ids) == full.streets.map(\.id))
        // The extent: the union of every street's envelope (the full read's street values).
        var env = Envelope.empty
        for s in full.streets { env.expand(by: s.envelope) }
        #expect(stored.extent == env)
        #expect(lean.extent == full.extent)
        #expect(lean.ingest == full.ingest)
        #expect(lean.buildings == full.buildings && lean.schools == full.schools && lean.cameras == full.cameras)
    }

    /// The graphs the builder gives for streets left in the file are those built from the full
    /// read's street values (a fresh copy, so built, not looked up), array for array.
    @Test func storedGraphsEqualGraphsBuiltFromTheStreetValues() throws {
        let full = try P.load(P.prepared.path)
        let lean = try Self.lean(P.prepared.path)
        for mode in TravelMode.allCases {
            let built = try GraphBuilder.build(streets: P.copy(full.streets), mode: mode)
            #expect(built.edgeCount > 1000)
            P.expectSameGraph(try GraphBuilder.build(streetsOf: lean, mode: mode), built, "\(mode.rawValue) from the store")
            P.expectSameGraph(try GraphBuilder.build(streetsOf: full, mode: mode), built, "\(mode.rawValue) from the values")
            // Another kind of graph cannot come from the store: refused, never an empty graph.
            let e = #expect(throws: CovplanError.self) {
                try GraphBuilder.build(streetsOf: lean, mode: mode, noding: NodingOptions(snapToleranceMeters: 1, nodeCrossings: true))
            }
            #expect(e?.kind == .usage)
        }
    }

    /// Other sources ignore the option; the camera check from the stored extent says what the
    /// check over the street values says.
    @Test func otherSourcesReadStreetsAndCameraWarningsAgree() throws {
        var o = P.options
        o.streetsForStoredGraphsOnly = true
        o.kinds = [.streets]
        let pbf = try CityReader.read(o)
        #expect(pbf.streetsInStore == nil && pbf.streets.count > 2000)
        let lean = try Self.lean(P.prepared.path)
        let env = try #require(lean.streetsInStore).extent
        let cameras = [
            CameraRecord(id: "in", position: env.center),
            CameraRecord(id: "near", position: Point(env.maxX + 4_900, env.center.y)),
            CameraRecord(id: "far", position: Point(env.minX - 12_345, env.minY - 6_000)),
        ]
        let fromValues = CameraExtentCheck.warnings(cameras, streets: pbf.streets)
        #expect(fromValues.count == 1 && fromValues[0].contains("far"))
        #expect(CameraExtentCheck.warnings(cameras, streetExtent: env) == fromValues)
    }

    /// A prepared city replaced after the load: its stored graph is no longer read, and streets
    /// left in the file cannot be built from, so the build is refused (not an empty graph).
    @Test func aFileReplacedAfterTheLoadIsRefused() throws {
        let path = P.write(P.prepared.bytes, name: "replaced.covplan")
        let lean = try Self.lean(path)
        try FileManager.default.removeItem(atPath: path)
        FileManager.default.createFile(atPath: path, contents: Data(P.prepared.bytes))
        let e = #expect(throws: CovplanError.self) { try GraphBuilder.build(streetsOf: lean, mode: .drive) }
        #expect(e?.kind == .ioError && e?.problem.contains("replaced") == true)
    }
}
