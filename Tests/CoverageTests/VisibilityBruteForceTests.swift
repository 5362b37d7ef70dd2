import CityModel
import Coverage
import Foundation
import GeoCore
import PropertyBased
import Testing

/// `VisibilityRegion.contains` against a brute-force line-of-sight test: a point is visible when
/// it lies in the camera's annular sector and the sight line from the camera crosses no building
/// edge. Random scenes with heavily overlapping footprints stress the sweep's crossing handling.
@Suite struct VisibilityBruteForceTests {
    func bruteForceVisible(_ cam: Camera, _ p: Point, _ buildings: [Building]) -> Bool? {
        let c = cam.position
        let d = c.distance(to: p)
        if d > cam.rangeMeters || d < cam.minRangeMeters { return false }
        if cam.fovDeg < 360 {
            var off = Planar.bearing(from: c, to: p) - cam.headingDeg
            while off > 180 { off -= 360 }
            while off < -180 { off += 360 }
            if abs(off) > cam.fovDeg / 2 { return false }
        }
        for b in buildings {
            for poly in b.footprint {
                for ring in poly.rings {
                    for i in 1..<ring.count {
                        let a = ring[i - 1], e = ring[i]
                        // Too close to call: the sight line passes within a micrometre of a vertex,
                        // or the point lies on the edge.
                        if Planar.closestOnSegment(a, c, p).distanceSquared < 1e-12 { return nil }
                        if Planar.closestOnSegment(p, a, e).distanceSquared < 1e-12 { return nil }
                        if let hit = Planar.segmentIntersection(c, p, a, e), hit.t > 1e-12, hit.t < 1 - 1e-12 {
                            // Edges seen edge-on hide nothing.
                            if abs((a - c).cross(e - c)) < 1e-9 * a.distance(to: e) { continue }
                            return false
                        }
                    }
                }
            }
        }
        return true
    }

    @Test func regionMatchesBruteForceLineOfSight() async {
        await propertyCheck(count: 40, input: Gen.uint64()) { seed in
            var scene = RandomScene(seed: seed, cameraCount: 4)
            // Add a dense cluster of overlapping boxes around the first camera.
            var rng = SplitMix64(seed: seed ^ 0xABCDEF)
            let c0 = scene.cameras[0].position
            for i in 0..<12 {
                let c = c0 + Point((rng.nextUnit() - 0.5) * 60, (rng.nextUnit() - 0.5) * 60)
                let w = 2 + rng.nextUnit() * 15, h = 2 + rng.nextUnit() * 15, a = rng.nextUnit() * .pi
                let pts = [(-w, -h), (w, -h), (w, h), (-w, h), (-w, -h)].map { (x, y) in
                    c + Point(x / 2 * cos(a) - y / 2 * sin(a), x / 2 * sin(a) + y / 2 * cos(a))
                }
                scene.buildings.append(Building(id: "x\(i)", footprint: [Polygon(exterior: pts)], levels: nil,
                                                buildingTag: "yes", use: .unknown))
            }
            let obstacles = ObstacleIndex(buildings: scene.buildings)
            var mismatches: [String] = []
            for cam in scene.cameras {
                let region = VisibilitySweep.region(for: cam, obstacles: obstacles)
                for _ in 0..<400 {
                    let r = cam.rangeMeters * 1.1 * rng.nextUnit().squareRoot()
                    let a = rng.nextUnit() * 2 * .pi
                    let p = cam.position + Point(r * cos(a), r * sin(a))
                    guard let expected = bruteForceVisible(cam, p, scene.buildings) else { continue }
                    if region.contains(p) != expected { mismatches.append("\(cam.id) at \(p - cam.position): \(expected)") }
                }
            }
            #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        }
    }
}
