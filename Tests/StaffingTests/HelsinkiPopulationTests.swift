import CityIngest
import CityModel
import Foundation
import GDALBridge
import GEOSBridge
import GeoCore
import Staffing
import Testing
import TestSupport

/// Residents per precinct on the real Helsinki buildings with generated (Voronoi) precincts,
/// for every population source, against independent computations, with conservation.
@Suite struct HelsinkiPopulationTests {
    static let city: City = try! CityReader.read(CityReadOptions(primary: Fixtures.helsinkiPBF, kinds: [.streets, .buildings], makeValid: true))
    /// Six generated precincts; only the first five are used so that some residents fall
    /// outside every precinct and the remainder is non-trivial.
    static let all: [Precinct] = {
        let offices = try! PrecinctGenerator.officeSites(count: 6, buildings: city.buildings, model: ResidentsModel(), seed: 3)
        return try! PrecinctGenerator.voronoi(offices: offices, city: city, inspectors: 2)
    }()
    static var precincts: [Precinct] { Array(all.prefix(5)) }
    static var areas: [[Polygon]] { precincts.map(\.polygons) }
    static let model = ResidentsModel()

    /// Brute force with GEOS: every building's footprint area and centroid by GEOS, residents
    /// by the documented formula, the precinct by GEOS point-in-polygon over all precincts.
    static func bruteForce() throws -> (perPrecinct: [Double], outside: Double) {
        let engine = try GEOSEngine()
        let precinctGeoms = try precincts.map { try engine.geometry(.multiPolygon($0.polygons)) }
        var sums = [Double](repeating: 0, count: precincts.count), outside = 0.0
        for b in city.buildings {
            let g = Geometry.multiPolygon(b.footprint)
            let area = try engine.area(engine.geometry(g))
            let share: Double = b.use == .residential ? 1 : (b.use == .unknown ? 0.5 : 0)
            let residents = area * (b.levels ?? 3) * share / 22
            let c = try engine.centroid(g)!
            let cg = try engine.geometry(.point(c))
            if let k = try precinctGeoms.firstIndex(where: { try engine.intersects($0, cg) }) { sums[k] += residents } else { outside += residents }
        }
        return (sums, outside)
    }

    @Test func buildingsMethodMatchesBruteForceAndConserves() throws {
        let surface = try PopulationSurface.buildings(Self.city.buildings, model: Self.model)
        let agg = try surface.aggregate(to: Self.areas, crs: Self.city.crs)
        let (want, outside) = try Self.bruteForce()
        for (k, w) in want.enumerated() {
            #expect(w > 100)
            #expect(abs(agg.perTarget[k] - w) / w < 0.005, "precinct \(k): \(agg.perTarget[k]) vs brute force \(w)")
        }
        #expect(outside > 100)
        #expect(abs(agg.unassigned - outside) / outside < 0.005)
        let total = Self.city.buildings.reduce(0.0) { $0 + Self.model.residents($1) }
        #expect(abs(agg.total - total) < 1e-6 * total)
        #expect(abs(agg.perTarget.reduce(0, +) + agg.unassigned - total) < 1e-6 * total)
        #expect(surface.description.contains("22 m² per person") && surface.description.contains("building=yes 50%"))
    }

    @Test func scalingToKnownTotalKeepsSharesAndConserves() throws {
        let surface = try PopulationSurface.buildings(Self.city.buildings, model: Self.model, totalPopulation: 50_000)
        let plain = try PopulationSurface.buildings(Self.city.buildings, model: Self.model).aggregate(to: Self.areas, crs: Self.city.crs)
        let agg = try surface.aggregate(to: Self.areas, crs: Self.city.crs)
        #expect(abs(agg.total - 50_000) < 1e-6)
        #expect(abs(agg.perTarget.reduce(0, +) + agg.unassigned - 50_000) < 1e-6)
        let f = 50_000 / plain.total
        for k in agg.perTarget.indices { #expect(abs(agg.perTarget[k] - plain.perTarget[k] * f) < 1e-6) }
    }

    /// A 3 × 3 grid of census zones over the city with counts 1000 · (i + 1).
    static func zones() -> CensusZones {
        let e = city.extent
        var polys: [[Polygon]] = [], counts: [Double] = [], ids: [String] = []
        for i in 0..<9 {
            let c = i % 3, r = i / 3
            let x0 = e.minX + Double(c) * e.width / 3, y0 = e.minY + Double(r) * e.height / 3
            let ring: Ring = [Point(x0, y0), Point(x0 + e.width / 3, y0), Point(x0 + e.width / 3, y0 + e.height / 3),
                              Point(x0, y0 + e.height / 3), Point(x0, y0)]
            polys.append([Polygon(exterior: ring)])
            counts.append(Double(1000 * (i + 1)))
            ids.append("Z\(i)")
        }
        return CensusZones(ids: ids, polygons: polys, residents: counts, source: "test grid")
    }

    @Test func censusByAreaMatchesGEOSOverlayAndConserves() throws {
        let z = Self.zones()
        let agg = try PopulationSurface.census(z, method: .area, buildings: [], model: Self.model).aggregate(to: Self.areas, crs: Self.city.crs)
        // Independent: GEOS difference of each zone with the union of the precincts.
        let engine = try GEOSEngine()
        let union = try engine.union(Self.areas.map { .multiPolygon($0) })
        var outside = 0.0
        var want = [Double](repeating: 0, count: Self.precincts.count)
        for (i, zp) in z.polygons.enumerated() {
            let zg = try engine.geometry(.multiPolygon(zp))
            let za = try engine.area(zg)
            outside += z.residents[i] * (try engine.area(engine.difference(zg, union))) / za
            for (k, a) in Self.areas.enumerated() {
                want[k] += z.residents[i] * (try engine.area(engine.intersection(zg, engine.geometry(.multiPolygon(a))))) / za
            }
        }
        for k in want.indices { #expect(abs(agg.perTarget[k] - want[k]) / want[k] < 0.005) }
        #expect(abs(agg.unassigned - outside) / max(outside, 1) < 0.005)
        #expect(abs(agg.total - 45_000) < 1e-6)
        #expect(abs(agg.perTarget.reduce(0, +) + agg.unassigned - 45_000) < 1e-6)
    }

    @Test func censusDasymetricFollowsFloorAreaAndConserves() throws {
        let z = Self.zones()
        let surface = try PopulationSurface.census(z, method: .dasymetric, buildings: Self.city.buildings, model: Self.model)
        let agg = try surface.aggregate(to: Self.areas, crs: Self.city.crs)
        #expect(abs(agg.total - 45_000) < 1e-6)
        #expect(abs(agg.perTarget.reduce(0, +) + agg.unassigned - 45_000) < 1e-6)
        // Independent: per zone, floor area of buildings by GEOS centroid; per precinct by GEOS.
        let engine = try GEOSEngine()
        let zoneG = try z.polygons.map { try engine.geometry(.multiPolygon($0)) }
        let precinctG = try Self.areas.map { try engine.geometry(.multiPolygon($0)) }
        var zoneFloor = [Double](repeating: 0, count: 9)
        var rows: [(zone: Int, precinct: Int?, floor: Double)] = []
        for b in Self.city.buildings {
            let floor = Self.model.floorAreaM2(b)
            guard floor > 0 else { continue }
            let c = try engine.geometry(.point(try engine.centroid(.multiPolygon(b.footprint))!))
            guard let zi = try zoneG.firstIndex(where: { try engine.intersects($0, c) }) else { continue }
            zoneFloor[zi] += floor
            rows.append((zi, try precinctG.firstIndex(where: { try engine.intersects($0, c) }), floor))
        }
        var want = [Double](repeating: 0, count: Self.precincts.count)
        for r in rows { if let p = r.precinct { want[p] += z.residents[r.zone] * r.floor / zoneFloor[r.zone] } }
        // Zones without residential buildings go by area (none or few here).
        let fallback = (0..<9).filter { zoneFloor[$0] == 0 }
        for zi in fallback {
            let za = try engine.area(zoneG[zi])
            for k in want.indices { want[k] += z.residents[zi] * (try engine.area(engine.intersection(zoneG[zi], precinctG[k]))) / za }
        }
        for k in want.indices { #expect(abs(agg.perTarget[k] - want[k]) / max(want[k], 1) < 0.005, "precinct \(k)") }
    }

    @Test func rasterOverTheCityConservesAndMatchesGEOS() throws {
        let e = Self.city.extent
        let columns = 30, rows = 25
        let gt = RasterGeoTransform(originX: e.minX - 50, pixelWidth: (e.width + 100) / Double(columns),
                                    originY: e.maxY + 50, pixelHeight: -(e.height + 100) / Double(rows))
        var rng = SeededRandom(seed: 11)
        let values = (0..<(columns * rows)).map { _ in Double(rng.next() % 200) }
        let path = Fixtures.tempDir("hel") + "/pop.tif"
        try RasterWriter.writeGeoTIFF(path: path, columns: columns, rows: rows, geoTransform: gt, epsg: 32635, values: values)
        let agg = try PopulationSurface.raster(path: path, precincts: Self.areas, crs: Self.city.crs).aggregate(to: Self.areas, crs: Self.city.crs)
        let engine = try GEOSEngine()
        for k in Self.areas.indices {
            var want = 0.0
            let g = try engine.geometry(.multiPolygon(Self.areas[k]))
            for (i, v) in values.enumerated() {
                let pe = gt.envelope(columns: i % columns, i % columns + 1, rows: i / columns, i / columns + 1)
                let pix = try engine.geometry(.polygon(Polygon(exterior: [Point(pe.minX, pe.minY), Point(pe.maxX, pe.minY),
                                                                          Point(pe.maxX, pe.maxY), Point(pe.minX, pe.maxY), Point(pe.minX, pe.minY)])))
                want += v * (try engine.area(engine.intersection(pix, g))) / (pe.width * pe.height)
            }
            #expect(abs(agg.perTarget[k] - want) / want < 0.005)
        }
        #expect(agg.unassigned > 0)
        #expect(abs(agg.perTarget.reduce(0, +) + agg.unassigned - agg.total) < 1e-6 * agg.total)
    }

    @Test func generatedPrecinctsTileTheHullWithoutOverlap() throws {
        let hull = try PrecinctGenerator.cityHull(Self.city, marginMeters: 50)
        let sum = Self.all.reduce(0.0) { $0 + $1.areaM2 }
        #expect(abs(sum - hull.area) / hull.area < 1e-6)
        #expect(try PrecinctOverlaps.find(Self.all).allSatisfy { $0.areaM2 < 1e-3 })
        #expect(Self.all.count == 6)
        #expect(Self.all.allSatisfy { $0.inspectors == 2 && $0.name!.contains("stand-in") })
    }
}

/// Street km and crimes per precinct on Helsinki, against GEOS and brute force.
@Suite struct HelsinkiLoadExtrasTests {
    @Test func streetKmMatchesGEOSIntersectionLengths() throws {
        let city = HelsinkiPopulationTests.city
        let precincts = HelsinkiPopulationTests.precincts
        let set = PrecinctSet(precincts: precincts, source: "generated")
        var rng = SeededRandom(seed: 5)
        let e = city.extent
        let incidents = (0..<500).map { _ in
            Point(e.minX + Double(rng.next() % 10_000) / 10_000 * e.width, e.minY + Double(rng.next() % 10_000) / 10_000 * e.height)
        }
        let surface = try PopulationSurface.buildings(city.buildings, model: ResidentsModel())
        let result = try StaffingAnalysis.precinctLoad(city: city, precincts: set, population: .surface(surface), incidents: incidents)
        let engine = try GEOSEngine()
        let lines = try engine.geometry(.multiLineString(city.streets.map(\.points)))
        for (k, p) in precincts.enumerated() {
            let g = try engine.geometry(.multiPolygon(p.polygons))
            let want = try engine.length(engine.intersection(lines, g)) / 1000
            let got = result.loads[k].streetKm!
            #expect(abs(got - want) / want < 0.005, "precinct \(p.id): \(got) km vs GEOS \(want) km")
            let crimes = incidents.filter { pt in p.polygons.contains { $0.contains(pt) } }.count
            #expect(result.loads[k].crimes == crimes)
            #expect(abs(result.loads[k].crimesPer10k! - Double(crimes) / result.loads[k].residents * 10_000) < 1e-9)
            #expect(abs(result.loads[k].streetKmPerInspector! - got / 2) < 1e-12)
        }
        #expect(result.notes.contains { $0.contains("incidents fall outside every precinct") })
    }
}
