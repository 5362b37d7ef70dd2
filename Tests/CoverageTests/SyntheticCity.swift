import CityModel
import Coverage
import Foundation
import GeoCore

/// A seeded synthetic town for tests: a street grid with diagonals and dead ends, rectangular
/// and rotated buildings in the blocks (some overlapping each other, some with a courtyard hole,
/// some touching a street), and a school. Coordinates are UTM-sized (offset by 385 km / 6672 km)
/// so that precision problems of real data show up here too.
struct SyntheticCity {
    static let origin = Point(385_000, 6_672_000)

    var streets: [Street] = []
    var buildings: [Building] = []
    var schools: [Facility] = []

    init(seed: UInt64, blocks: Int = 5, blockMeters: Double = 80) {
        var rng = SplitMix64(seed: seed)
        let o = Self.origin
        let size = Double(blocks) * blockMeters
        // Grid streets (each grid line is split into one street per block for realistic counts).
        var id = 0
        func street(_ pts: [Point], _ cls: String) {
            id += 1
            streets.append(Street(id: "way/\(id)", highway: cls, name: "Street \(id)", points: pts.map { o + $0 }))
        }
        let classes = ["primary", "secondary", "residential", "residential", "service", "footway"]
        for i in 0...blocks {
            let v = Double(i) * blockMeters
            let cls = classes[i % classes.count]
            for j in 0..<blocks {
                let a = Double(j) * blockMeters, b = a + blockMeters
                street([Point(v, a), Point(v, (a + b) / 2 + 3 * (rng.nextUnit() - 0.5)), Point(v, b)], cls)
                street([Point(a, v), Point(b, v)], cls)
            }
        }
        // Diagonals and a curved dead end.
        street([Point(0, 0), Point(size / 2, size / 2 + 7), Point(size, size)], "tertiary")
        var curve: [Point] = []
        for k in 0...12 {
            let t = Double(k) / 12
            curve.append(Point(blockMeters * 1.5 + 30 * cos(t * .pi), blockMeters * 2.5 + 30 * sin(t * .pi)))
        }
        street(curve, "living_street")

        // Buildings: in each block a few rectangles, rotated at random.
        var bid = 0
        func rect(cx: Double, cy: Double, w: Double, h: Double, angle: Double, hole: Bool) -> Polygon {
            let c = cos(angle), s = sin(angle)
            func pt(_ x: Double, _ y: Double) -> Point { o + Point(cx + x * c - y * s, cy + x * s + y * c) }
            let ext = [pt(-w / 2, -h / 2), pt(w / 2, -h / 2), pt(w / 2, h / 2), pt(-w / 2, h / 2), pt(-w / 2, -h / 2)]
            if !hole { return Polygon(exterior: ext) }
            let hw = w / 4, hh = h / 4
            let inner = [pt(-hw, -hh), pt(-hw, hh), pt(hw, hh), pt(hw, -hh), pt(-hw, -hh)]
            return Polygon(exterior: ext, holes: [inner])
        }
        for bx in 0..<blocks {
            for by in 0..<blocks {
                let x0 = Double(bx) * blockMeters, y0 = Double(by) * blockMeters
                let n = 1 + Int(rng.nextUnit() * 4)
                for _ in 0..<n {
                    bid += 1
                    let w = 8 + rng.nextUnit() * 25, h = 8 + rng.nextUnit() * 25
                    let cx = x0 + 10 + rng.nextUnit() * (blockMeters - 20)
                    let cy = y0 + 10 + rng.nextUnit() * (blockMeters - 20)
                    let angle = rng.nextUnit() < 0.5 ? 0 : rng.nextUnit() * .pi
                    let hole = w > 20 && h > 20 && rng.nextUnit() < 0.5
                    buildings.append(Building(id: "way/b\(bid)", footprint: [rect(cx: cx, cy: cy, w: w, h: h, angle: angle, hole: hole)],
                                              levels: nil, buildingTag: "yes", use: .unknown))
                }
            }
        }
        // A school footprint and a school point.
        let sx = blockMeters * 2 + 40, sy = blockMeters + 40
        let school = rect(cx: sx, cy: sy, w: 30, h: 20, angle: 0.3, hole: false)
        schools.append(Facility(id: "way/s1", kind: .school, name: "School 1", location: o + Point(sx, sy), footprint: [school]))
        schools.append(Facility(id: "node/s2", kind: .school, name: "School 2", location: o + Point(blockMeters * 3, blockMeters * 3)))
    }

    var city: City {
        City(crs: WorkingCRS(epsg: 32635), streets: streets, buildings: buildings, schools: schools)
    }
}
