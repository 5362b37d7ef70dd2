import CityIngest
import CityModel
import GDALBridge
import GeoCore
import Testing
import TestSupport

/// Loading cities from generic GIS layers: every format the foundation issue lists.
@Suite struct GenericSourceTests {
    static let streetsGeoJSON = """
    {"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"id":"a","fclass":"primary","name":"Abai","oneway":"yes","maxspeed":60},
     "geometry":{"type":"LineString","coordinates":[[76.90,43.24],[76.91,43.24]]}},
    {"type":"Feature","properties":{"id":"b","fclass":"footway","name":null},
     "geometry":{"type":"LineString","coordinates":[[76.90,43.24],[76.90,43.25]]}}
    ]}
    """

    @Test func geoJSONWithFieldMappingAndFilter() throws {
        let path = Fixtures.file("roads.geojson", Self.streetsGeoJSON)
        let opts = CityReadOptions(layers: [.streets: LayerSource(path: path, filter: "fclass <> 'footway'", fields: ["highway": "fclass"])],
                               kinds: [.streets])
        let c = try CityReader.read(opts)
        #expect(c.crs.epsg == 32643)  // Almaty → UTM 43N
        #expect(c.streets.count == 1)
        let s = c.streets[0]
        #expect(s.id == "a" && s.highway == "primary" && s.oneway == .forward && s.maxspeedKmh == 60 && s.name == "Abai")
        // 0.01° of longitude at 43.24° N ≈ 810 m (haversine 810.3 m; UTM scale ~0.9996–1.0002).
        #expect(abs(s.lengthMeters - 810.6) < 2.5, "\(s.lengthMeters)")
    }

    /// Street attributes parsed on the reading threads: numbers as km/h, text with units or
    /// zones, directions from `oneway` and `junction`, a missing class as `road`.
    @Test func streetAttributesOfAGenericLayer() throws {
        func line(_ id: String, _ props: String) -> String {
            #"{"type":"Feature","properties":{"id":"\#(id)"\#(props)},"geometry":{"type":"LineString","coordinates":[[76.90,43.24],[76.91,43.24]]}}"#
        }
        let text = #"{"type":"FeatureCollection","features":["# + [
            line("real", #","highway":"primary","maxspeed":"40.5""#),
            line("mph", #","highway":"primary","maxspeed":"30 mph","oneway":"-1""#),
            line("zone", #","highway":"residential","maxspeed":"FI:urban","junction":"roundabout""#),
            line("none", #","highway":"service","maxspeed":"none","oneway":"no""#),
            line("noclass", #","name":"Tole bi""#),
        ].joined(separator: ",") + "]}"
        let c = try CityReader.read(CityReadOptions(layers: [.streets: LayerSource(path: Fixtures.file("attrs.geojson", text))],
                                                kinds: [.streets]))
        let byId = Dictionary(uniqueKeysWithValues: c.streets.map { ($0.id, $0) })
        #expect(byId["real"]?.maxspeedKmh == 40.5)
        #expect(abs((byId["mph"]?.maxspeedKmh ?? 0) - 48.28032) < 1e-9 && byId["mph"]?.oneway == .reverse)
        #expect(byId["zone"]?.maxspeedKmh == 50 && byId["zone"]?.oneway == .forward)
        #expect(byId["none"]?.maxspeedKmh == nil && byId["none"]?.oneway == .no)
        #expect(byId["noclass"]?.highway == "road" && byId["noclass"]?.name == "Tole bi" && byId["noclass"]?.maxspeedKmh == nil)
    }

    @Test func csvWithWKTNeedsASourceCRS() throws {
        let path = Fixtures.file("cams.csv", "id,WKT,heading_deg,fov_deg,range_m,type\nc1,POINT (76.9 43.24),90,60,50,anpr\nc2,POINT (76.91 43.25),,,,dome\n")
        let noCRS = CityReadOptions(layers: [.cameras: LayerSource(path: path)], kinds: [.cameras])
        #expect { try CityReader.read(noCRS) } throws: { e in
            let e = e as? CovplanError
            return e?.kind == .dataError && e!.description.contains("--source-crs") && e!.description.contains("cams.csv")
        }
        var withCRS = noCRS
        withCRS.sourceCRS = "EPSG:4326"
        let c = try CityReader.read(withCRS)
        #expect(c.cameras.count == 2)
        #expect(c.cameras[0].headingDeg == 90 && c.cameras[0].fovDeg == 60 && c.cameras[0].rangeMeters == 50 && c.cameras[0].type == "anpr")
        #expect(c.cameras[1].headingDeg == nil && c.cameras[1].type == "dome")
    }

    @Test func csvWithLonLatColumns() throws {
        let path = Fixtures.file("schools.csv", "name,lon,lat\nSchool 1,71.43,51.13\nSchool 2,71.44,51.12\n")
        let c = try CityReader.read(CityReadOptions(layers: [.schools: LayerSource(path: path)], kinds: [.schools], sourceCRS: "EPSG:4326"))
        #expect(c.schools.map(\.name) == ["School 1", "School 2"])
        #expect(c.crs.epsg == 32642)  // Astana → 42N
    }

    /// Shapefile, FlatGeobuf and GeoPackage written with GDAL, read back as a city.
    @Test(arguments: [("ESRI Shapefile", "shp"), ("FlatGeobuf", "fgb"), ("GPKG", "gpkg")])
    func gdalFormats(driver: String, ext: String) throws {
        let dir = Fixtures.tempDir(ext)
        let path = dir + "/buildings.\(ext)"
        let ring: Ring = [Point(500_000, 4_800_000), Point(500_020, 4_800_000), Point(500_020, 4_800_010),
                          Point(500_000, 4_800_010), Point(500_000, 4_800_000)]
        let w = try VectorWriter(path: path, driver: driver)
        try w.writeLayer(name: "buildings", geometryType: .polygon, epsg: 32643,
                         fields: [FieldDefinition("id", .string), FieldDefinition("levels", .int), FieldDefinition("building", .string)],
                         features: [Feature(id: "1", geometry: .polygon(Polygon(exterior: ring)), values: [.string("b1"), .int(5), .string("apartments")])])
        try w.close()
        let c = try CityReader.read(CityReadOptions(primary: path, kinds: [.buildings]))
        #expect(c.crs.epsg == 32643)
        #expect(c.buildings.count == 1)
        let b = c.buildings[0]
        #expect(b.id == "b1" && b.levels == 5 && b.use == .residential)
        #expect(abs(b.footprintAreaM2 - 200) < 1e-6)
    }

    @Test func workingCRSGivenOverridesTheZone() throws {
        let path = Fixtures.file("roads.geojson", Self.streetsGeoJSON)
        let c = try CityReader.read(CityReadOptions(layers: [.streets: LayerSource(path: path)], kinds: [.streets], workingCRS: "EPSG:32642"))
        #expect(c.crs.epsg == 32642)
    }
}
