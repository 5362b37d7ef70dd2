import GEOSBridge
import GeoCore
import Testing

@Suite struct GEOSBridgeTests {
    let bowtie = Geometry.polygon(Polygon(exterior: [Point(0, 0), Point(10, 10), Point(10, 0), Point(0, 10), Point(0, 0)]))
    let square = Geometry.polygon(Polygon(exterior: [Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10), Point(0, 0)]))

    @Test func reportsSelfIntersection() throws {
        let g = try GEOSEngine()
        let r = try g.validity(bowtie)
        #expect(!r.isValid)
        #expect(r.reason?.contains("Self-intersection") == true)
        #expect(r.location == Point(5, 5))
        #expect(try g.validity(square).isValid)
    }

    @Test func makeValidKeepsTheArea() throws {
        let g = try GEOSEngine()
        let fixed = try g.makeValid(bowtie)
        #expect(abs(fixed.area - 50) < 1e-9)  // two triangles of 25 m²
        #expect(try g.validity(fixed).isValid)
    }

    @Test func overlaysAgreeWithHandArithmetic() throws {
        let g = try GEOSEngine()
        let shifted = square.mapPoints { Point($0.x + 5, $0.y) }
        let u = try g.union([square, shifted])
        #expect(abs(try g.area(u) - 150) < 1e-9)
        let i = try g.intersection(try g.geometry(square), try g.geometry(shifted))
        #expect(abs(try g.area(i) - 50) < 1e-9)
        let line = try g.geometry(.lineString([Point(-5, 5), Point(15, 5)]))
        #expect(abs(try g.length(try g.intersection(line, try g.geometry(square))) - 10) < 1e-9)
    }

    @Test func polygonizesAGrid() throws {
        let g = try GEOSEngine()
        var lines: [Geometry] = []
        for k in 0...2 {
            let c = Double(k) * 10
            lines.append(.lineString([Point(c, 0), Point(c, 20)]))
            lines.append(.lineString([Point(0, c), Point(20, c)]))
        }
        // Node the lines first: polygonize needs noded input.
        let noded = try g.value(try g.union(lines))
        let cells = try g.polygonize(noded.lineStrings.map { .lineString($0) })
        #expect(cells.count == 4)
        #expect(cells.allSatisfy { abs($0.area - 100) < 1e-9 })
    }

    @Test func bufferAreaApproachesTheCircle() throws {
        let g = try GEOSEngine()
        let b = try g.buffer(try g.geometry(.point(Point(0, 0))), distance: 10, quadrantSegments: 64)
        #expect(abs(try g.area(b) - Double.pi * 100) / (Double.pi * 100) < 1e-3)
    }
}
