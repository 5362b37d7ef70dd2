@testable import CityIngest
import CityModel
import Foundation
import GDALBridge
import GeoCore
import PROJBridge
import Testing
import TestSupport

/// A city read for residents alone (`CityReadOptions.buildingsForResidentsOnly`) must carry, for
/// every building, exactly the figures of a full read (centroid, area, levels, use: bit for bit),
/// with the same ingest report (repairs and skips in the same order) and the same errors.
@Suite struct BuildingFiguresReadTests {
    /// Helsinki's buildings (OSM, repaired where invalid) written to a GeoPackage in the working
    /// CRS, with the features a lean read must keep whole placed among them: a bow-tie
    /// (repaired), implausible levels (skipped), no geometry (skipped), a footprint of 200
    /// vertices, a multipolygon of two parts and a polygon with a hole. `streetsWest`: also
    /// write a streets layer (lon/lat) 6° west of Helsinki, in UTM zone 34, which then decides
    /// the working CRS.
    static func city(streetsWest: Bool = false) throws -> (path: String, helsinki: City) {
        let helsinki = try CityReader.read(CityReadOptions(primary: Fixtures.helsinkiPBF, kinds: [.buildings, .streets],
                                                           makeValid: true))
        let path = Fixtures.tempDir("figures") + "/city.gpkg"
        let w = try VectorWriter(path: path, driver: "GPKG")
        var features: [Feature] = []
        let e = helsinki.buildings[0].envelope
        let c = Point(e.minX, e.minY)
        func square(_ x: Double, _ y: Double, _ s: Double) -> Ring {
            [Point(x, y), Point(x + s, y), Point(x + s, y + s), Point(x, y + s), Point(x, y)]
        }
        let circle: Ring = (0...200).map { k in
            let a = Double(k % 200) / 200 * 2 * .pi
            return Point(c.x + 30 * cos(a), c.y + 30 * sin(a))
        }
        let extra: [(Geometry?, FieldValue, String)] = [
            (.polygon(Polygon(exterior: [Point(c.x, c.y), Point(c.x + 20, c.y + 20), Point(c.x + 20, c.y), Point(c.x, c.y + 20), Point(c.x, c.y)])),
             .double(2), "apartments"),
            (.polygon(Polygon(exterior: square(c.x, c.y, 10))), .double(500), "apartments"),
            (nil, .double(3), "yes"),
            (.polygon(Polygon(exterior: circle)), .double(4), "residential"),
            (.multiPolygon([Polygon(exterior: square(c.x, c.y, 10)), Polygon(exterior: square(c.x + 20, c.y, 10))]), .null, "house"),
            (.polygon(Polygon(exterior: square(c.x, c.y, 20), holes: [square(c.x + 5, c.y + 5, 5).reversed()])), .double(2.5), "yes"),
        ]
        for (i, b) in helsinki.buildings.enumerated() {
            features.append(Feature(id: "\(i)", geometry: .multiPolygon(b.footprint),
                                    values: [.string(b.id), b.levels.map(FieldValue.double) ?? .null, .string(b.buildingTag)]))
            if i % 80 == 5, i / 80 < extra.count {
                let (g, levels, tag) = extra[i / 80]
                features.append(Feature(id: "x\(i)", geometry: g, values: [.string("extra/\(i / 80)"), levels, .string(tag)]))
            }
        }
        try w.writeLayer(name: "buildings", geometryType: .multiPolygon, epsg: helsinki.crs.epsg,
                         fields: [FieldDefinition("id", .string), FieldDefinition("levels", .double),
                                  FieldDefinition("building", .string)], features: features)
        if streetsWest {
            let t = try CoordinateTransformer(from: helsinki.crs.identifier, to: "EPSG:4326")
            let streets = try helsinki.streets.prefix(200).enumerated().map { i, s in
                var points = s.points
                try t.transform(&points)
                return Feature(id: "\(i)", geometry: .lineString(points.map { Point($0.x - 6, $0.y) }),
                               values: [.string(s.id), .string(s.highway)])
            }
            try w.writeLayer(name: "streets", geometryType: .lineString, epsg: 4326,
                             fields: [FieldDefinition("id", .string), FieldDefinition("highway", .string)], features: streets)
        }
        try w.close()
        return (path, helsinki)
    }

    static func read(_ path: String, kinds: Set<CityLayerKind> = [.buildings], lean: Bool, strict: Bool = false) throws -> City {
        var o = CityReadOptions(primary: path, kinds: kinds, strict: strict)
        o.buildingsForResidentsOnly = lean
        return try CityReader.read(o)
    }

    @Test func figuresEqualThoseOfAFullRead() throws {
        let (path, helsinki) = try Self.city()
        let full = try Self.read(path, lean: false)
        let lean = try Self.read(path, lean: true)
        #expect(lean.buildings.isEmpty)
        #expect(full.buildingFigures == nil)
        let figures = try #require(lean.buildingFigures)
        #expect(figures == BuildingFigures(full.buildings))
        #expect(figures.count == helsinki.buildings.count + 4)  // 6 extra features, 2 skipped
        #expect(lean.ingest == full.ingest)
        #expect(full.ingest.repaired.map(\.feature) == ["extra/0"])
        #expect(full.ingest.skipped.map(\.feature) == ["extra/1", "extra/2"])
        // Against an independent computation: the shoelace area and centroid of the first
        // single-ring building, and the 20 × 20 − 5 × 5 m² footprint with a hole.
        let k = try #require(full.buildings.firstIndex { $0.footprint.count == 1 && $0.footprint[0].holes.isEmpty })
        let o = full.buildings[k].footprint[0].exterior[0]
        let ring = full.buildings[k].footprint[0].exterior.map { Point($0.x - o.x, $0.y - o.y) }  // for precision
        var a = 0.0, cx = 0.0, cy = 0.0
        for i in 0..<(ring.count - 1) {
            let cross = ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y
            a += cross
            cx += (ring[i].x + ring[i + 1].x) * cross
            cy += (ring[i].y + ring[i + 1].y) * cross
        }
        #expect(abs(abs(a / 2) - figures.footprintAreasM2[k]) < 1e-6)
        #expect(abs(o.x + cx / (3 * a) - figures.centroids[k].x) < 1e-6 && abs(o.y + cy / (3 * a) - figures.centroids[k].y) < 1e-6)
        #expect(figures.footprintAreasM2.contains { abs($0 - 375) < 1e-9 })
        // Most features are reduced to figures as they are read; the odd ones are kept whole.
        let raw = try GenericLayerReader(source: try CityReader.openSource(path))
            .readBuildingFigures(layer: "buildings", filter: nil, mapping: [:], sourceCRS: nil)
        let reduced = try #require(raw.figures).rows.filter { if case .figures = $0 { true } else { false } }.count
        #expect(reduced > raw.featureCount * 3 / 4 && raw.features.count >= 6 && reduced + raw.features.count == raw.featureCount)
    }

    @Test func residentsEqualThoseOfAFullRead() throws {
        let (path, _) = try Self.city()
        let full = try Self.read(path, lean: false)
        let lean = try Self.read(path, lean: true)
        for total in [nil, 123_456.0] {
            let request = PopulationRequest(source: .buildings, totalPopulation: total)
            let precincts = PrecinctSet(precincts: [], source: "none", warnings: [], overlaps: [])
            guard case .surface(let a) = try request.resolve(city: full, precincts: precincts, sourceCRS: nil, makeValid: false),
                  case .surface(let b) = try request.resolve(city: lean, precincts: precincts, sourceCRS: nil, makeValid: false)
            else { Issue.record("not a surface"); return }
            #expect(a.points == b.points)
            #expect(a.pointResidents == b.pointResidents)
            #expect(a.description == b.description)
        }
    }

    @Test func strictReadsFailAlike() throws {
        let (path, _) = try Self.city()
        func message(_ lean: Bool) -> String? {
            do { _ = try Self.read(path, lean: lean, strict: true) } catch { return "\(error)" }
            return nil
        }
        let full = message(false)
        #expect(full?.contains("extra/0") == true)
        #expect(message(true) == full)
    }

    /// Streets in UTM zone 34 decide the working CRS; the buildings, in zone 35, are then read
    /// again in full and reprojected: the same figures as a full read.
    @Test func anotherWorkingCRSReadsTheBuildingsInFull() throws {
        let (path, _) = try Self.city(streetsWest: true)
        let full = try Self.read(path, kinds: [.buildings, .streets], lean: false)
        let lean = try Self.read(path, kinds: [.buildings, .streets], lean: true)
        #expect(full.crs.epsg == 32634 && lean.crs.epsg == 32634)
        #expect(lean.buildingFigures == BuildingFigures(full.buildings))
        #expect(lean.streets == full.streets)
        #expect(lean.ingest == full.ingest)
    }
}
