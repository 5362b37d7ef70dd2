import GeoCore
import Testing

@Suite struct PlanarTests {
    let square: Ring = [Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10), Point(0, 0)]

    @Test func signedAreaFollowsOrientation() {
        #expect(Planar.signedArea(square) == 100)
        #expect(Planar.signedArea(square.reversed()) == -100)
        // Far from the origin (UTM-sized coordinates) the shifted shoelace stays exact.
        let far = square.map { Point($0.x + 385_000, $0.y + 6_671_000) }
        #expect(Planar.signedArea(far) == 100)
    }

    @Test func polygonAreaSubtractsHoles() {
        let hole: Ring = [Point(2, 2), Point(4, 2), Point(4, 4), Point(2, 4), Point(2, 2)]
        #expect(Polygon(exterior: square, holes: [hole]).area == 96)
    }

    @Test func orientingForRFC7946() {
        let hole: Ring = [Point(2, 2), Point(4, 2), Point(4, 4), Point(2, 4), Point(2, 2)]  // CCW
        let p = Polygon(exterior: square.reversed(), holes: [hole]).oriented()
        #expect(Planar.signedArea(p.exterior) > 0)
        #expect(Planar.signedArea(p.holes[0]) < 0)
    }

    @Test func pointInPolygon() {
        let hole: Ring = [Point(2, 2), Point(4, 2), Point(4, 4), Point(2, 4), Point(2, 2)]
        let p = Polygon(exterior: square, holes: [hole])
        #expect(p.contains(Point(5, 5)))
        #expect(!p.contains(Point(3, 3)))
        #expect(!p.contains(Point(11, 5)))
    }

    @Test func segmentIntersectionParameters() {
        let r = Planar.segmentIntersection(Point(0, 0), Point(10, 0), Point(5, -5), Point(5, 5))
        #expect(r?.t == 0.5 && r?.u == 0.5)
        #expect(Planar.segmentIntersection(Point(0, 0), Point(10, 0), Point(0, 1), Point(10, 1)) == nil)
        #expect(Planar.segmentIntersection(Point(0, 0), Point(1, 0), Point(5, -5), Point(5, 5)) == nil)
    }

    @Test func slicingAndWalkingALine() {
        let l = [Point(0, 0), Point(10, 0), Point(10, 10)]
        #expect(Planar.length(l) == 20)
        #expect(Planar.point(along: l, at: 15) == Point(10, 5))
        let s = Planar.slice(l, from: 5, to: 15)
        #expect(s == [Point(5, 0), Point(10, 0), Point(10, 5)])
        #expect(Planar.length(s) == 10)
    }

    @Test func compassBearing() {
        #expect(Planar.bearing(from: Point(0, 0), to: Point(0, 1)) == 0)
        #expect(Planar.bearing(from: Point(0, 0), to: Point(1, 0)) == 90)
        #expect(Planar.bearing(from: Point(0, 0), to: Point(0, -1)) == 180)
        #expect(Planar.bearing(from: Point(0, 0), to: Point(-1, 0)) == 270)
    }
}
