import CityModel
import Coverage
import Foundation
import GEOSBridge
import GeoCore

/// An independent coverage computation with GEOS overlays, for comparison with `Coverage`.
///
/// Each camera's view is built as a plain polygon — the field-of-view sector (arc drawn with
/// chords every `arcStepDeg`, minus the minimum-range disc) minus the union of the *shadow* of
/// every building edge within range (the quadrilateral of points behind the edge as seen from the
/// camera, closed far beyond the range) — then all views are unioned and intersected with each
/// street line; the covered length is the summed GEOS length. Nothing here uses the sweep,
/// the piece representation or the segment clipping of the library.
struct GEOSReference {
    let engine: GEOSEngine
    var arcStepDeg = 0.1

    init() throws { engine = try GEOSEngine() }

    /// Points on the circle around `c`, from compass bearing `fromDeg` clockwise to `toDeg`.
    func arc(_ c: Point, radius: Double, fromDeg: Double, toDeg: Double) -> [Point] {
        let n = max(1, Int(((toDeg - fromDeg) / arcStepDeg).rounded(.up)))
        return (0...n).map { i in
            let b = (fromDeg + (toDeg - fromDeg) * Double(i) / Double(n)) * .pi / 180
            return Point(c.x + radius * sin(b), c.y + radius * cos(b))
        }
    }

    /// The camera's sector polygon (no occlusion).
    func sector(_ cam: Camera) throws -> GEOSGeometry {
        let c = cam.position
        var g: GEOSGeometry
        if cam.fovDeg >= 360 {
            var ring = arc(c, radius: cam.rangeMeters, fromDeg: 0, toDeg: 360)
            ring[ring.count - 1] = ring[0]
            g = try engine.geometry(.polygon(Polygon(exterior: ring)))
        } else {
            var ring = [c] + arc(c, radius: cam.rangeMeters, fromDeg: cam.headingDeg - cam.fovDeg / 2,
                                 toDeg: cam.headingDeg + cam.fovDeg / 2)
            ring.append(c)
            g = try engine.geometry(.polygon(Polygon(exterior: ring)))
        }
        if cam.minRangeMeters > 0 {
            var inner = arc(c, radius: cam.minRangeMeters, fromDeg: 0, toDeg: 360)
            inner[inner.count - 1] = inner[0]
            g = try engine.difference(g, engine.geometry(.polygon(Polygon(exterior: inner))))
        }
        return g
    }

    /// Shadow polygons of every building edge near the camera.
    func shadows(_ cam: Camera, buildings: [Building]) throws -> [Geometry] {
        let c = cam.position
        let R = cam.rangeMeters
        var out: [Geometry] = []
        for b in buildings {
            guard b.envelope.distanceSquared(to: c) <= R * R else { continue }
            for poly in b.footprint {
                for ring in poly.rings where ring.count > 1 {
                    for i in 1..<ring.count {
                        let p = ring[i - 1], q = ring[i]
                        let cr = (p - c).cross(q - c)
                        if abs(cr) < 1e-9 * p.distance(to: q) { continue }  // seen edge-on
                        let (a, bb) = cr > 0 ? (p, q) : (q, p)              // a → b counter-clockwise
                        let far = 2 * max(R, (a - c).norm, (bb - c).norm)
                        // Far boundary from b's bearing back to a's bearing, every ≤ 10°.
                        let ba = Planar.bearing(from: c, to: bb), aa = Planar.bearing(from: c, to: a)
                        var span = aa - ba
                        if span < 0 { span += 360 }  // clockwise from b to a in compass terms
                        let n = max(1, Int((span / 10).rounded(.up)))
                        var ringPts = [a, bb]
                        for k in 0...n {
                            let brg = (ba + span * Double(k) / Double(n)) * .pi / 180
                            ringPts.append(Point(c.x + far * sin(brg), c.y + far * cos(brg)))
                        }
                        ringPts.append(a)
                        out.append(.polygon(Polygon(exterior: ringPts)))
                    }
                }
            }
        }
        return out
    }

    /// The camera's visible region (sector minus shadows when `occlusion`).
    func view(_ cam: Camera, buildings: [Building], occlusion: Bool) throws -> GEOSGeometry {
        let s = try sector(cam)
        guard occlusion else { return s }
        let sh = try shadows(cam, buildings: buildings)
        if sh.isEmpty { return s }
        return try engine.difference(s, engine.union(sh))
    }

    /// Covered street length: the union of the views near each street (by envelope), intersected
    /// with that street; summed over streets (so overlapping street lines count separately, as
    /// in the library).
    func coveredLength(cameras: [Camera], buildings: [Building], streets: [Street], occlusion: Bool) throws -> Double {
        var views: [(Envelope, Geometry)] = []
        for cam in cameras {
            let c = cam.position, r = cam.rangeMeters
            let env = Envelope(minX: c.x - r, minY: c.y - r, maxX: c.x + r, maxY: c.y + r)
            views.append((env, try engine.value(view(cam, buildings: buildings, occlusion: occlusion))))
        }
        var total = 0.0
        for s in streets {
            let env = s.envelope
            let near = views.filter { $0.0.intersects(env) }.map(\.1)
            if near.isEmpty { continue }
            let line = try engine.geometry(.lineString(s.points))
            total += try engine.length(engine.intersection(line, engine.union(near)))
        }
        return total
    }
}
