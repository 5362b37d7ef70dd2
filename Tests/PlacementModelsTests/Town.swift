import CityModel
import Coverage
import Foundation
import GeoCore
import TestSupport

/// A seeded small town for placement tests: a street grid (with a diagonal and mixed road
/// classes), rectangular buildings in the blocks, a school, and two existing cameras. UTM-sized
/// coordinates (offset by 385 km / 6672 km) so rounding behaves as with real data.
struct Town {
    static let origin = Point(385_000, 6_672_000)

    var streets: [Street] = []
    var buildings: [Building] = []
    var schools: [Facility] = []
    var cameras: [CameraRecord] = []

    init(seed: UInt64, blocks: Int = 3, blockMeters: Double = 80, buildingsPerBlock: Int = 2) {
        var rng = SeededRandom(seed: seed)
        func unit() -> Double { Double(rng.next() >> 11) * 0x1.0p-53 }
        let o = Self.origin
        let classes = ["primary", "residential", "secondary", "footway", "service"]
        var id = 0
        func street(_ pts: [Point], _ cls: String) {
            id += 1
            streets.append(Street(id: "way/\(id)", highway: cls, name: "Street \(id)", points: pts.map { o + $0 }))
        }
        for i in 0...blocks {
            let v = Double(i) * blockMeters
            for j in 0..<blocks {
                let a = Double(j) * blockMeters, b = a + blockMeters
                street([Point(v, a), Point(v, (a + b) / 2 + 2 * (unit() - 0.5)), Point(v, b)], classes[i % classes.count])
                street([Point(a, v), Point(b, v)], classes[(i + 1) % classes.count])
            }
        }
        let size = Double(blocks) * blockMeters
        street([Point(0, 0), Point(size / 2, size / 2 + 5), Point(size, size)], "tertiary")
        var bid = 0
        for bx in 0..<blocks {
            for by in 0..<blocks {
                let x0 = Double(bx) * blockMeters, y0 = Double(by) * blockMeters
                for _ in 0..<buildingsPerBlock {
                    bid += 1
                    let w = 8 + unit() * 18, h = 8 + unit() * 18
                    let cx = x0 + 15 + unit() * (blockMeters - 30), cy = y0 + 15 + unit() * (blockMeters - 30)
                    let ring = [Point(cx - w / 2, cy - h / 2), Point(cx + w / 2, cy - h / 2), Point(cx + w / 2, cy + h / 2),
                                Point(cx - w / 2, cy + h / 2), Point(cx - w / 2, cy - h / 2)].map { o + $0 }
                    buildings.append(Building(id: "way/b\(bid)", footprint: [Polygon(exterior: ring)], levels: 4,
                                              buildingTag: "apartments", use: .residential))
                }
            }
        }
        schools.append(Facility(id: "node/s1", kind: .school, name: "School", location: o + Point(blockMeters, blockMeters * 2)))
        cameras.append(CameraRecord(id: "node/c1", position: o + Point(blockMeters, 0.5), headingDeg: 90, fovDeg: 60, rangeMeters: 40, type: "fixed"))
        cameras.append(CameraRecord(id: "node/c2", position: o + Point(2 * blockMeters, 2 * blockMeters), fovDeg: 360, rangeMeters: 25, type: "dome"))
    }

    var city: City {
        City(crs: WorkingCRS(epsg: 32635), streets: streets, buildings: buildings, schools: schools, cameras: cameras)
    }
}

/// Independent interval arithmetic for tests: covered metres per street from `CoverageResult`
/// runs, unions of several cameras' runs.
enum Intervals {
    /// Covered stretches (street index → sorted disjoint [from, to] in metres) of a coverage result.
    static func covered(_ r: CoverageResult) -> [Int: [(Double, Double)]] {
        var out: [Int: [(Double, Double)]] = [:]
        for run in r.runs where run.cameraCount > 0 { out[run.streetIndex, default: []].append((run.fromMeters, run.toMeters)) }
        return out.mapValues(merge)
    }

    static func merge(_ ivs: [(Double, Double)]) -> [(Double, Double)] {
        let s = ivs.sorted { $0.0 < $1.0 }
        var out: [(Double, Double)] = []
        for iv in s {
            if let last = out.last, iv.0 <= last.1 + 1e-9 { out[out.count - 1].1 = max(last.1, iv.1) } else { out.append(iv) }
        }
        return out
    }

    static func length(_ m: [Int: [(Double, Double)]]) -> Double {
        m.values.reduce(0) { $0 + $1.reduce(0) { $0 + $1.1 - $1.0 } }
    }

    static func union(_ maps: [[Int: [(Double, Double)]]]) -> [Int: [(Double, Double)]] {
        var all: [Int: [(Double, Double)]] = [:]
        for m in maps { for (k, v) in m { all[k, default: []] += v } }
        return all.mapValues(merge)
    }
}
