import CityIngest
import CityModel
import GDALBridge
import GEOSBridge
import GeoCore
import PROJBridge
import Testing
import TestSupport

/// Loads the bundled real city and checks it against computations that do not use the loader.
@Suite struct HelsinkiLoadTests {
    static let city: City = try! CityReader.read(CityReadOptions(primary: Fixtures.helsinkiPBF, makeValid: true))

    /// Street lengths computed without covplan's loader: GDAL reads the raw lines, PROJ
    /// transforms each line on its own, GEOS measures it.
    static func independentLengths(where filter: String) throws -> Double {
        let src = try VectorSource(path: Fixtures.helsinkiPBF)
        let (layer, _) = try src.read(layer: "lines", attributeFilter: filter)
        let t = try CoordinateTransformer(from: "EPSG:4326", to: "EPSG:32635")
        let geos = try GEOSEngine()
        var total = 0.0
        for f in layer.features {
            guard let g = f.geometry else { continue }
            total += try geos.length(try geos.geometry(try t.transform(g)))
        }
        return total
    }

    /// The city summary (computed with concurrent lengths and one class lookup per street)
    /// equals the plain loop over streets and buildings, bit for bit, and its total agrees with
    /// GDAL + PROJ + GEOS measuring the raw lines.
    @Test func citySummaryEqualsThePlainLoop() throws {
        let city = Self.city
        let s = CitySummary(city)
        var total = 0.0, drivable = 0.0, walkable = 0.0
        var byClass: [String: (Double, Int)] = [:]
        for st in city.streets {
            let l = Planar.length(st.points)
            total += l
            if RoadClass.isDrivable(st.highway) { drivable += l }
            if RoadClass.isWalkable(st.highway) { walkable += l }
            byClass[st.highway, default: (0, 0)].0 += l
            byClass[st.highway, default: (0, 0)].1 += 1
        }
        #expect(s.streetLengthM == total && s.drivableLengthM == drivable && s.walkableLengthM == walkable)
        #expect(s.streetSegments == city.streets.count)
        #expect(s.lengthByClassM.count == byClass.count)
        for row in s.lengthByClassM {
            #expect(byClass[row.highway]?.0 == row.lengthM && byClass[row.highway]?.1 == row.segments, "\(row.highway)")
        }
        let keys = s.lengthByClassM.map { RoadClass.sortKey($0.highway) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 })
        var area = 0.0
        for b in city.buildings { area += b.footprint.reduce(0) { $0 + $1.area } }
        #expect(s.buildingFootprintM2 == area && s.buildings == city.buildings.count)
        let independent = try Self.independentLengths(where: "highway IS NOT NULL")
        #expect(abs(s.streetLengthM - independent) / independent < 0.005)
    }

    @Test func picksUTM35NForHelsinki() {
        #expect(Self.city.crs == WorkingCRS(epsg: 32635))
    }

    @Test func streetLengthAgreesWithIndependentComputation() throws {
        let expected = try Self.independentLengths(where: "highway IS NOT NULL")
        let got = Self.city.streetLengthMeters
        #expect(abs(got - expected) / expected < 0.005, "covplan \(got) m vs GDAL+PROJ+GEOS \(expected) m")
        #expect(Self.city.streets.count == 2504)
        #expect(abs(got - 95_900) < 500)  // DESIGN.md: 95.9 km
    }

    @Test func drivableLengthAgreesWithIndependentComputation() throws {
        let classes = RoadClass.drivable.sorted().map { "'\($0)'" }.joined(separator: ",")
        let expected = try Self.independentLengths(where: "highway IN (\(classes))")
        let got = Self.city.drivableLengthMeters
        #expect(abs(got - expected) / expected < 0.005, "covplan \(got) m vs GDAL+PROJ+GEOS \(expected) m")
        #expect(abs(got - 32_300) < 300)  // DESIGN.md: 32.3 km incl. service roads
    }

    @Test func buildingsFacilitiesAndCameras() {
        let c = Self.city
        #expect(c.buildings.count == 482)
        #expect(c.ingest.skipped.count == 12)  // collapsed rings at the extract edge, each reported
        #expect(c.ingest.repaired.count == 11)
        #expect(c.buildings.filter { $0.levels != nil }.count == 160)
        #expect(c.schools.count == 3)
        #expect(c.police.isEmpty)
        #expect(c.cameras.count == 221)
        #expect(c.cameras.allSatisfy { c.extent.contains($0.position) })
    }

    @Test func repairedBuildingsAreValidAndKeepTheirArea() throws {
        let geos = try GEOSEngine()
        let repairedIds = Set(Self.city.ingest.repaired.map(\.feature))
        let repaired = Self.city.buildings.filter { repairedIds.contains($0.id) }
        #expect(repaired.count == repairedIds.count)
        for b in repaired {
            #expect(try geos.validity(.multiPolygon(b.footprint)).isValid, "\(b.id)")
            #expect(b.footprintAreaM2 > 0)
        }
    }

    @Test func withoutRepairTheFirstInvalidBuildingIsNamed() {
        #expect {
            try CityReader.read(CityReadOptions(primary: Fixtures.helsinkiPBF, kinds: [.buildings], strict: true))
        } throws: { e in
            let e = e as? CovplanError
            return e?.kind == .dataError && e?.feature != nil && e!.description.contains("--make-valid")
        }
    }

    @Test func givenWorkingCRSIsUsedAndGeographicIsRefused() throws {
        let c = try CityReader.read(CityReadOptions(primary: Fixtures.helsinkiPBF, kinds: [.cameras], workingCRS: "EPSG:3067"))
        #expect(c.crs.epsg == 3067)  // ETRS-TM35FIN
        #expect { try CityReader.read(CityReadOptions(primary: Fixtures.helsinkiPBF, kinds: [.cameras], workingCRS: "EPSG:4326")) }
            throws: { ($0 as? CovplanError)?.kind == .usage }
    }
}
