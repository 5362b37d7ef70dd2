import GeoCore
import Testing

@Suite struct UTMZoneTests {
    @Test func almatyIsZone43North() {
        // Almaty city centre (Republic Square): 76.945° E, 43.238° N.
        #expect(UTMZone.zone(longitude: 76.945, latitude: 43.238) == 43)
        #expect(UTMZone.epsg(longitude: 76.945, latitude: 43.238) == 32643)
    }

    @Test func kazakhCitiesFallIn38To45() {
        // Atyrau (51.9 E), Aktobe (57.2), Astana (71.4), Taraz (71.4), Oskemen (82.6).
        let cities: [(Double, Double, Int)] = [(51.92, 47.11, 39), (57.17, 50.28, 40), (71.43, 51.13, 42),
                                               (71.37, 42.90, 42), (82.61, 49.95, 44), (47.9, 46.8, 38)]
        for (lon, lat, zone) in cities {
            #expect(UTMZone.zone(longitude: lon, latitude: lat) == zone, "\(lon), \(lat)")
            #expect((38...45).contains(UTMZone.zone(longitude: lon, latitude: lat)))
        }
    }

    @Test func helsinkiAndSouthernHemisphere() {
        #expect(UTMZone.epsg(longitude: 24.94, latitude: 60.17) == 32635)
        #expect(UTMZone.epsg(longitude: 151.2, latitude: -33.9) == 32756)  // Sydney
    }

    @Test func zoneEdgesAndExceptions() {
        #expect(UTMZone.zone(longitude: -180, latitude: 0) == 1)
        #expect(UTMZone.zone(longitude: 179.999, latitude: 0) == 60)
        #expect(UTMZone.zone(longitude: 6.0, latitude: 0) == 32)
        #expect(UTMZone.zone(longitude: 5.9, latitude: 0) == 31)
        #expect(UTMZone.zone(longitude: 5.3, latitude: 60.4) == 32)  // Bergen, Norway exception
        #expect(UTMZone.zone(longitude: 15.6, latitude: 78.2) == 33)  // Svalbard exception
    }
}
