import CityIngest
import CityModel
import Foundation
import GEOSBridge
import GeoCore
import PlanServer
import PROJBridge
import Scenario
import Staffing
import TestSupport

/// The bundled baseline scenario, loaded once per test (the city read takes about a second).
enum PlanFixtures {
    static var baselinePath: String { Fixtures.repoRoot + "/scenarios/helsinki-baseline.yaml" }

    /// The baseline's path as a YAML double-quoted scalar (for `extends:`).
    static var quotedBaseline: String { "\"" + baselinePath.replacingOccurrences(of: "\\", with: "\\\\") + "\"" }

    static func baseline() throws -> (ScenarioDocument, City) {
        let doc = try ScenarioDocument.load(baselinePath)
        let city = try CityReader.read(doc.cityReadOptions())
        return (doc, city)
    }

    static func service(exportRoot: String) throws -> (PlanService, ScenarioDocument, City) {
        let (doc, city) = try baseline()
        let s = try ServedPlan.service(doc: doc, city: city, scenarioPath: baselinePath, baseText: nil, exportRoot: exportRoot)
        return (s, doc, city)
    }

    static func bytes(_ json: Any) -> [UInt8] {
        Array(try! JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]))
    }

    static func object(_ bytes: [UInt8]) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:]
    }
}

/// Random edits for the property tests: cameras and posts at random street points (lon/lat),
/// random types, headings, FOV and range, moves, renames and deletions.
struct RandomEdits {
    var rng: SplitMix64
    let city: City
    let toLonLat: CoordinateTransformer
    let types: [String]

    /// A point inside each street block of the precincts as given (working CRS).
    let blockPoints: [Point]

    /// - Parameter precincts: the baseline's precincts, for block moves (empty: none).
    init(seed: UInt64, city: City, types: [String], precincts: [Precinct] = []) throws {
        rng = SplitMix64(seed: seed)
        self.city = city
        toLonLat = try CoordinateTransformer(from: city.crs.identifier, to: "EPSG:4326")
        self.types = types
        if precincts.isEmpty {
            blockPoints = []
        } else {
            let blocks = try StreetBlocks.build(streets: city.streets, precincts: precincts)
            let engine = try GEOSEngine()
            blockPoints = try blocks.polygons.compactMap { try engine.pointOnSurface(.polygon($0)) }
        }
    }

    /// A point inside a random street block, as `[lon, lat]`, and the block's index.
    mutating func blockPoint() -> ([Double], Int) {
        let k = int(blockPoints.count)
        let g = try! toLonLat.transform(blockPoints[k])
        return ([g.x, g.y], k)
    }

    mutating func unit() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
    mutating func int(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }

    /// A point within 15 m of a random street vertex, as `[lon, lat]`.
    mutating func lonLat() -> [Double] {
        let s = city.streets[int(city.streets.count)]
        let p = s.points[int(s.points.count)]
        let q = Point(p.x + (unit() - 0.5) * 30, p.y + (unit() - 0.5) * 30)
        let g = try! toLonLat.transform(q)
        return [g.x, g.y]
    }

    mutating func feature(_ props: [String: Any]) -> [String: Any] {
        ["type": "Feature", "geometry": ["type": "Point", "coordinates": lonLat()], "properties": props]
    }

    mutating func cameraProperties() -> [String: Any] {
        var p: [String: Any] = ["type": types[int(types.count)], "heading_deg": Double(int(360))]
        if unit() < 0.3 { p["fov_deg"] = 30 + Double(int(300)) }
        if unit() < 0.3 { p["range_m"] = 10 + Double(int(60)) }
        return p
    }
}
