import Budget
import CityIngest
import CityModel
import Foundation
import GeoCore
import Testing
import TestSupport

/// Bad control-centre connection layers: one-line errors naming file, layer and object.
@Suite struct ConnectionSourceTests {
    static let city = City(crs: WorkingCRS(epsg: 32635))

    func layer(_ features: [String]) -> String {
        Fixtures.file("conn-\(UUID().uuidString).geojson",
                      #"{"type":"FeatureCollection","name":"connections","features":["# + features.joined(separator: ",") + "]}")
    }

    func feature(_ props: String, lon: Double = 24.94, lat: Double = 60.17) -> String {
        #"{"type":"Feature","properties":{"# + props + #"},"geometry":{"type":"Point","coordinates":["# + "\(lon),\(lat)]}}"
    }

    @Test func readsObjectsAndControlCentre() throws {
        let path = layer([
            feature(#""id":"cc","kind":"control_centre""#),
            feature(#""id":"s1","kind":"school","connected":false,"pupils":800"#, lon: 24.95),
            feature(#""id":"s2","connected":"да","pupils":null"#, lon: 24.96),
        ])
        let (objects, points) = try ConnectionSource.load(path: path, layer: nil, city: Self.city, sourceCRS: nil)
        #expect(objects.map(\.id) == ["cc", "s1", "s2"])
        #expect(objects.map(\.connected) == [true, false, true])
        #expect(objects[1].pupils == 800 && objects[2].pupils == nil && objects[2].kind == "school")
        #expect(points.count == 3 && points[0].x > 300_000)  // UTM 35N metres
    }

    @Test(arguments: [
        ([#""id":"cc","kind":"control_centre","connected":true"#, #""id":"s1","pupils":5"#], "s1", "'connected' is missing"),
        ([#""id":"cc","kind":"control_centre""#, #""id":"s1","connected":"maybe""#], "s1", "must be true or false"),
        ([#""id":"cc","kind":"control_centre""#, #""id":"s1","connected":false,"pupils":-3"#], "s1", "pupils must be a number in 0"),
        ([#""id":"cc","kind":"control_centre""#, #""id":"s1","connected":false,"pupils":"many""#], "s1", "pupils must be a number in 0"),
        ([#""id":"cc","kind":"control_centre","connected":false"#], "cc", "cannot be unconnected"),
        ([#""id":"s1","connected":false"#, #""id":"s2","connected":false"#], nil, "no connection point"),
        ([#""id":"cc","kind":"control_centre""#, #""id":"cc","connected":true"#], "cc", "duplicate id"),
    ] as [([String], String?, String)])
    func badLayersAreOneLineErrors(props: [String], feature: String?, problem: String) throws {
        let path = layer(props.enumerated().map { self.feature($0.element, lon: 24.94 + Double($0.offset) * 0.001) })
        do {
            _ = try ConnectionSource.load(path: path, layer: nil, city: Self.city, sourceCRS: nil)
            Issue.record("accepted a bad layer: \(problem)")
        } catch let e as CovplanError {
            #expect(e.kind == .dataError)
            #expect(e.file == path && e.layer == "connections" && e.feature == feature, "\(e)")
            #expect(e.description.contains(problem), "\(e)")
            #expect(!e.description.contains("\n"))
        }
    }

    @Test func layerWithoutConnectedFieldIsRefused() throws {
        let path = layer([feature(#""id":"s1","pupils":5"#)])
        #expect(throws: CovplanError.self) { try ConnectionSource.load(path: path, layer: nil, city: Self.city, sourceCRS: nil) }
        do { _ = try ConnectionSource.load(path: path, layer: nil, city: Self.city, sourceCRS: nil) } catch let e as CovplanError {
            #expect(e.description.contains("no 'connected' field"))
        }
    }

    @Test func costFileOnDisk() throws {
        let good = Fixtures.file("costs-\(UUID().uuidString).json", #"{"contract_years": 3}"#)
        #expect(try CostTable.load(path: good).contractYears == 3)
        let bad = Fixtures.file("costs-\(UUID().uuidString).json", #"{"items": {"car": {"capex_tenge": -1}}}"#)
        #expect(throws: CovplanError.self) { try CostTable.load(path: bad) }
        #expect(throws: CovplanError(.noInput, file: "/nonexistent/costs.json", "cannot read the cost file")) {
            try CostTable.load(path: "/nonexistent/costs.json")
        }
        // The bundled scenarios' cost table is valid and says where its figures come from.
        let bundled = try CostTable.load(path: Fixtures.repoRoot + "/scenarios/data/helsinki-costs.json")
        #expect(bundled.items.values.allSatisfy { !$0.source.isEmpty })
    }
}
