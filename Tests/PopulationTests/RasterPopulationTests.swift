import CityIngest
import CityModel
import Foundation
import GDALBridge
import GEOSBridge
import GeoCore
import PROJBridge
import PropertyBased
import Testing
import TestSupport

/// Population rasters: exact pixel fractions against hand-computed values and GEOS overlays.
@Suite struct RasterPopulationTests {
    static let utm = WorkingCRS(epsg: 32635)

    static func rect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Polygon {
        Polygon(exterior: [Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1), Point(x0, y0)])
    }

    /// A 4 × 3 raster of 10 m pixels with its top-left corner at (500000, 6670030) in UTM 35N:
    /// pixel (c, r) covers x 500000+10c … +10, y 6670030−10r … −10 and holds 1 + c + 4r
    /// (values 1…12, total 78).
    static func smallRaster(nodata: Double? = nil, values: [Double]? = nil, epsg: Int? = 32635) throws -> String {
        let path = Fixtures.tempDir("raster") + "/pop.tif"
        try RasterWriter.writeGeoTIFF(path: path, columns: 4, rows: 3,
                                      geoTransform: RasterGeoTransform(originX: 500_000, pixelWidth: 10, originY: 6_670_030, pixelHeight: -10),
                                      epsg: epsg, nodata: nodata, values: values ?? (0..<12).map { Double($0 + 1) })
        return path
    }

    /// Hand-computed: precinct A = x 500000…500015 (all of column 0, half of column 1) over
    /// rows 0–1 (y 6670010…6670030); precinct B = the triangle (500020, 6670000),
    /// (500040, 6670000), (500040, 6670020) — it covers half of pixels (2,2) and (3,1), all of
    /// (3,2), and nothing else... precisely: pixel (3,2) fully (10·10), (2,2) half, (3,1) half.
    @Test func handComputedFractionsIncludingSplitPixels() throws {
        let path = try Self.smallRaster()
        let surface = try PopulationSurface.raster(path: path, precincts: [], crs: Self.utm)
        let a = Self.rect(500_000, 6_670_010, 500_015, 6_670_030)
        let b = Polygon(exterior: [Point(500_020, 6_670_000), Point(500_040, 6_670_000), Point(500_040, 6_670_020),
                                   Point(500_020, 6_670_000)])
        let agg = try surface.aggregate(to: [[a], [b]], crs: Self.utm)
        // A: row 0: v(0,0)=1 full, v(1,0)=2 half; row 1: v(0,1)=5 full, v(1,1)=6 half → 1 + 1 + 5 + 3 = 10.
        #expect(abs(agg.perTarget[0] - 10) < 1e-9)
        // B: rows are counted from the top: row 2 is y 6670000…6670010. The triangle below the
        // line y = x − 500020 (+ 6670000): pixel (3,2) [v 12] full, (2,2) [v 11] half,
        // (3,1) [v 8] half → 12 + 5.5 + 4 = 21.5.
        #expect(abs(agg.perTarget[1] - 21.5) < 1e-9)
        // Window = pixels touching the bounding box of A ∪ B = the whole raster (total 78).
        #expect(abs(agg.total - 78) < 1e-9)
        #expect(abs(agg.unassigned - (78 - 10 - 21.5)) < 1e-9)
    }

    @Test func nodataPixelsCountZeroAndAreNoted() throws {
        var values = (0..<12).map { Double($0 + 1) }
        values[0] = -9999
        let path = try Self.smallRaster(nodata: -9999, values: values)
        let surface = try PopulationSurface.raster(path: path, precincts: [], crs: Self.utm)
        let agg = try surface.aggregate(to: [[Self.rect(500_000, 6_670_000, 500_040, 6_670_030)]], crs: Self.utm)
        #expect(abs(agg.perTarget[0] - 77) < 1e-9)
        #expect(agg.unassigned.magnitude < 1e-9)
        #expect(agg.notes.contains { $0.contains("nodata") })
    }

    @Test func negativeValuesWithoutNodataAreAnError() throws {
        var values = (0..<12).map { Double($0 + 1) }
        values[5] = -3
        let path = try Self.smallRaster(values: values)
        let surface = try PopulationSurface.raster(path: path, precincts: [], crs: Self.utm)
        #expect(throws: CovplanError.self) {
            _ = try surface.aggregate(to: [[Self.rect(500_000, 6_670_000, 500_040, 6_670_030)]], crs: Self.utm)
        }
    }

    @Test func rasterWithoutCRSIsAClearError() throws {
        let path = try Self.smallRaster(epsg: nil)
        do {
            _ = try PopulationSurface.raster(path: path, precincts: [], crs: Self.utm)
            Issue.record("expected an error")
        } catch let e as CovplanError {
            #expect(e.kind == .dataError)
            #expect(e.description.contains("states no CRS"))
            #expect(e.file == path)
        }
    }

    @Test func missingRasterIsNoInput() {
        #expect { try PopulationSurface.raster(path: "/no/such.tif", precincts: [], crs: Self.utm) } throws: { e in
            (e as? CovplanError)?.kind == .noInput
        }
    }

    @Test func scalingToAKnownTotal() throws {
        let path = try Self.smallRaster()
        let whole = Self.rect(500_000, 6_670_000, 500_040, 6_670_030)
        let surface = try PopulationSurface.raster(path: path, totalPopulation: 1560, precincts: [[whole]], crs: Self.utm)
        let agg = try surface.aggregate(to: [[whole]], crs: Self.utm)
        #expect(abs(agg.perTarget[0] - 1560) < 1e-6)
        #expect(surface.description.contains("scaled by 20"))
    }

    /// Independent check: every pixel as a GEOS polygon, intersected with the area.
    static func geosSum(_ area: [Polygon], values: [Double], columns: Int, gt: RasterGeoTransform, engine: GEOSEngine) throws -> Double {
        let g = try engine.geometry(.multiPolygon(area))
        var s = 0.0
        for (k, v) in values.enumerated() {
            let c = k % columns, r = k / columns
            let e = gt.envelope(columns: c, c + 1, rows: r, r + 1)
            let pix = try engine.geometry(.polygon(rect(e.minX, e.minY, e.maxX, e.maxY)))
            s += v * (try engine.area(engine.intersection(pix, g))) / (e.width * e.height)
        }
        return s
    }

    /// Random star-shaped polygons with holes over a random raster: exact fractions agree with
    /// GEOS pixel-by-pixel overlays.
    @Test func randomPolygonsAgreeWithGEOSOverlay() async throws {
        let columns = 12, rows = 9
        let gt = RasterGeoTransform(originX: 400_000, pixelWidth: 25, originY: 7_000_000, pixelHeight: -20)
        let dir = Fixtures.tempDir("rand")
        await propertyCheck(count: 25, input: Gen.int(in: 0...1_000_000)) { seed in
            var rng = SeededRandom(seed: UInt64(seed))
            let values = (0..<(columns * rows)).map { _ in Double(rng.next() % 1000) / 10 }
            let path = dir + "/r\(seed).tif"
            try? RasterWriter.writeGeoTIFF(path: path, columns: columns, rows: rows, geoTransform: gt, epsg: 32635, values: values)
            let cx = 400_000 + Double(rng.next() % 300), cy = 6_999_820 + Double(rng.next() % 180)
            let n = 3 + Int(rng.next() % 12)
            var ring: Ring = (0..<n).map { i in
                let a = Double(i) / Double(n) * 2 * Double.pi
                let rad = 20 + Double(rng.next() % 150)
                return Point(cx + rad * cos(a), cy + rad * sin(a))
            }
            ring.append(ring[0])
            let hole: Ring = [Point(cx - 5, cy - 5), Point(cx - 5, cy + 5), Point(cx + 5, cy + 5), Point(cx + 5, cy - 5), Point(cx - 5, cy - 5)]
            let poly = Polygon(exterior: ring, holes: [hole])
            guard let surface = try? PopulationSurface.raster(path: path, precincts: [], crs: Self.utm),
                  let got = try? surface.aggregate(to: [[poly]], crs: Self.utm),
                  let engine = try? GEOSEngine(),
                  let want = try? Self.geosSum([poly], values: values, columns: columns, gt: gt, engine: engine)
            else {
                Issue.record("setup failed")
                return
            }
            #expect(abs(got.perTarget[0] - want) <= 1e-6 * max(1, want), "seed \(seed): \(got.perTarget[0]) vs GEOS \(want)")
            #expect(abs(got.perTarget[0] + got.unassigned - got.total) < 1e-6)
        }
    }

    /// The raster is in WGS 84 while the working CRS is UTM 35N: areas are reprojected into the
    /// raster CRS. Independent check: PROJ transforms the (densified) polygon, GEOS overlays it
    /// with every pixel.
    @Test func rasterInADifferentCRS() throws {
        let columns = 10, rows = 8
        // About 0.001° pixels over central Helsinki.
        let gt = RasterGeoTransform(originX: 24.930, pixelWidth: 0.002, originY: 60.175, pixelHeight: -0.001)
        var rng = SeededRandom(seed: 7)
        let values = (0..<(columns * rows)).map { _ in Double(rng.next() % 500) }
        let path = Fixtures.tempDir("wgs") + "/pop4326.tif"
        try RasterWriter.writeGeoTIFF(path: path, columns: columns, rows: rows, geoTransform: gt, epsg: 4326, values: values)
        let toUTM = try CoordinateTransformer(from: "EPSG:4326", to: "EPSG:32635")
        let a = try toUTM.transform(Point(24.934, 60.1705)), b = try toUTM.transform(Point(24.9445, 60.1685))
        let area = Self.rect(a.x, b.y, b.x, a.y)
        let surface = try PopulationSurface.raster(path: path, precincts: [[area]], crs: Self.utm)
        #expect(surface.description.contains("reprojected"))
        let got = try surface.aggregate(to: [[area]], crs: Self.utm)
        // Independent: densify to 5 m, transform with PROJ, overlay with GEOS.
        var ring: Ring = []
        for i in 1..<area.exterior.count {
            let p = area.exterior[i - 1], q = area.exterior[i]
            for k in 0..<200 { ring.append(p.lerp(q, Double(k) / 200)) }
        }
        ring.append(ring[0])
        let back = try CoordinateTransformer(from: "EPSG:32635", to: "EPSG:4326")
        try back.transform(&ring)
        let want = try Self.geosSum([Polygon(exterior: ring)], values: values, columns: columns, gt: gt, engine: GEOSEngine())
        #expect(want > 1000)
        #expect(abs(got.perTarget[0] - want) / want < 0.005, "covplan \(got.perTarget[0]) vs PROJ+GEOS \(want)")
        #expect(abs(got.perTarget[0] + got.unassigned - got.total) < 1e-6)
    }
}
