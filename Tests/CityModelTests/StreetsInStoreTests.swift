import Foundation
@testable import CityIngest
import CityModel
import GeoCore
@testable import StreetGraph
import Testing
import TestSupport

/// A prepared city read with its streets and buildings left in the file
/// (`streetsForStoredGraphsOnly`, `buildingsForStoredSnapsOnly`: what `covplan reach` asks for):
/// the same ids, extent, residents figures, ingest report, graphs and reach as a full read,
/// checked against the street and building values of that full read; refused where the stored
/// values cannot answer.
@Suite(.serialized) struct StreetsInStoreTests {
    typealias P = PreparedCityTests

    static func lean(_ path: String, buildings: Bool = false) throws -> City {
        var o = CityReadOptions()
        o.streetsForStoredGraphsOnly = true
        o.buildingsForStoredSnapsOnly = buildings
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

    /// Buildings left in the file: their figures are those of the full read's building values
    /// (`BuildingFigures(buildings)`, exactly), residents the same to the last bit, and reach from
    /// them (stored snaps) gives the summary and arrival times reach from the building values gives.
    @Test func buildingFiguresAndReachEqualThoseOfTheBuildingValues() throws {
        let full = try P.load(P.prepared.path)
        let lean = try Self.lean(P.prepared.path, buildings: true)
        let figures = try #require(lean.buildingFigures)
        #expect(lean.buildings.isEmpty && full.buildings.count > 400)
        #expect(figures == BuildingFigures(full.buildings))
        #expect(lean.ingest == full.ingest && lean.schools == full.schools)
        let model = ResidentsModel()
        #expect(model.residents(of: figures) == model.residents(of: full.buildings))
        #expect(model.residents(of: figures, scaledTo: 12_345) == model.residents(of: full.buildings, scaledTo: 12_345))
        let sources = Array(full.schools.prefix(3).map(\.location))
        for mode in TravelMode.allCases {
            let g = try GraphBuilder.build(streetsOf: lean, mode: mode)
            var fromFigures = ReachRequest(sourcePoints: sources, sourceIds: ["a", "b", "c"], minutes: [3, 5],
                                           residentsPerBuilding: model.residents(of: figures), populationMethod: "m",
                                           schools: lean.schools, isochroneBufferMeters: nil)
            fromFigures.buildingFigures = figures
            let a = try ReachAnalysis.run(graph: g, request: fromFigures)
            // From the building values, snapped afresh (a copy of the array has no stored snaps).
            let b = try ReachAnalysis.run(graph: try GraphBuilder.build(streets: P.copy(full.streets), mode: mode), request: ReachRequest(
                sourcePoints: sources, sourceIds: ["a", "b", "c"], minutes: [3, 5], buildings: P.copy(full.buildings),
                residentsPerBuilding: model.residents(of: full.buildings), populationMethod: "m", schools: full.schools,
                isochroneBufferMeters: nil))
            #expect(a.summary == b.summary, "\(mode)")
            #expect(a.summary.thresholds.last!.residents > 1000, "\(mode)")
            #expect(a.buildingTimes.seconds == b.buildingTimes.seconds && a.schoolTimes.seconds == b.schoolTimes.seconds, "\(mode)")
            // Another snap distance: the stored snaps do not answer, and there is no footprint to snap.
            var other = fromFigures
            other.maxSnapMeters = 249.5
            let e = #expect(throws: CovplanError.self) { try ReachAnalysis.run(graph: g, request: other) }
            #expect(e?.kind == .usage && e?.problem.contains("read the buildings in full") == true)
        }
        // A GIS source ignores the option.
        var o = P.options
        o.buildingsForStoredSnapsOnly = true
        o.kinds = [.buildings]
        let pbf = try CityReader.read(o)
        #expect(pbf.buildingFigures == nil && pbf.buildings.count == full.buildings.count)
    }

    /// A read that leaves values in the file checks exactly the columns it reads: a flipped byte in
    /// any of them is refused; one in a column it leaves alone (street classes and names, building
    /// ids and tags, the obstacle index) is not read, so not refused, while a full read refuses it.
    @Test func aLeanReadChecksTheColumnsItReads() throws {
        let container = try PreparedContainer(P.prepared.bytes.withUnsafeBytes { $0 })
        func flipped(_ name: String) throws -> [UInt8] {
            let s = try #require(container.sections.first { $0.name == name }, "\(name)")
            var b = P.prepared.bytes
            b[s.offset + s.length / 2] ^= 0x5A
            return b
        }
        func leanRefusal(_ bytes: [UInt8]) -> CovplanError? {
            do {
                _ = try Self.lean(P.write(bytes, name: "lean.covplan"), buildings: true)
                return nil
            } catch let e as CovplanError {
                return e
            } catch {
                return CovplanError(.software, "\(error)")
            }
        }
        for name in ["st.id.b", "st.id.o", "st.pt", "st.pt.o", "bd.use", "bd.lv", "bd.lv.p", "bd.fp", "bd.fp.g", "bd.fp.r", "bd.fp.o"] {
            let e = leanRefusal(try flipped(name))
            #expect(e?.kind == .dataError && e?.problem.contains(name) == true, "\(name): \(String(describing: e))")
        }
        for name in ["st.hw.b", "st.nm.b", "bd.id.b", "bd.tag.b", "ob.eo"] {
            #expect(leanRefusal(try flipped(name)) == nil, "\(name)")
            #expect(P.refusal(try flipped(name))?.kind == .dataError, "\(name) in a full read")
        }
    }
}
