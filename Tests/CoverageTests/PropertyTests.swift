import CityModel
import Coverage
import Foundation
import GeoCore
import PropertyBased
import Testing

/// A random small scene from a seed: crooked streets, overlapping rotated buildings, cameras of
/// every kind (all-round, narrow, blind radius, inside buildings).
struct RandomScene: CustomStringConvertible {
    var streets: [Street] = []
    var buildings: [Building] = []
    var cameras: [Camera] = []
    let seed: UInt64

    init(seed: UInt64, cameraCount: Int = 6) {
        self.seed = seed
        var rng = SplitMix64(seed: seed)
        let o = Point(400_000, 5_000_000)
        func pt() -> Point { o + Point(rng.nextUnit() * 300, rng.nextUnit() * 300) }
        let classes = ["primary", "residential", "footway", "service"]
        for i in 0..<6 {
            let n = 2 + Int(rng.nextUnit() * 3)
            streets.append(Street(id: "s\(i)", highway: classes[i % 4], name: nil, points: (0..<n).map { _ in pt() }))
        }
        for i in 0..<10 {
            let c = pt(), w = 5 + rng.nextUnit() * 40, h = 5 + rng.nextUnit() * 40, a = rng.nextUnit() * .pi
            let corners = [(-w, -h), (w, -h), (w, h), (-w, h), (-w, -h)].map { (x, y) in
                c + Point(x / 2 * cos(a) - y / 2 * sin(a), x / 2 * sin(a) + y / 2 * cos(a))
            }
            buildings.append(Building(id: "b\(i)", footprint: [Polygon(exterior: corners)], levels: nil,
                                      buildingTag: "yes", use: .unknown))
        }
        for i in 0..<cameraCount {
            let fov = rng.nextUnit() < 0.25 ? 360 : 5 + rng.nextUnit() * 355
            let range = 10 + rng.nextUnit() * 150
            let minRange = rng.nextUnit() < 0.3 ? rng.nextUnit() * range * 0.5 : 0
            cameras.append(Camera(id: "c\(i)", position: pt(), headingDeg: rng.nextUnit() * 360, fovDeg: fov,
                                  rangeMeters: range, minRangeMeters: minRange))
        }
    }

    var description: String { "RandomScene(seed: \(seed))" }

    func run(cameras: [Camera]? = nil, occlusion: Bool = true, minGap: Double = 10) throws -> CoverageResult {
        try CoverageAnalysis.run(streets: streets, cameras: cameras ?? self.cameras,
                                 obstacles: ObstacleIndex(buildings: buildings),
                                 options: CoverageOptions(occlusion: occlusion, minGapMeters: minGap, viewsheds: false))
    }
}

@Suite struct PropertyTests {
    static let scenes = Gen.uint64().map { RandomScene(seed: $0) }

    @Test func coveredNeverExceedsTotal() async {
        await propertyCheck(count: 60, input: Self.scenes) { scene in
            let r = try scene.run()
            let s = r.summary
            #expect(s.coveredLengthMeters >= 0)
            #expect(s.coveredLengthMeters <= s.streetLengthMeters * (1 + 1e-12))
            #expect(s.coveredFraction >= 0 && s.coveredFraction <= 1 + 1e-12)
            for (cls, pair) in s.byClass { #expect(pair.coveredMeters <= pair.lengthMeters * (1 + 1e-12), "\(cls)") }
            let m = s.multiplicityMeters
            #expect(abs(m.zero + m.one + m.two + m.threeOrMore - s.streetLengthMeters) <= 1e-9 * s.streetLengthMeters)
        }
    }

    @Test func addingACameraNeverDecreasesCoverage() async {
        await propertyCheck(count: 60, input: Self.scenes) { scene in
            for occlusion in [true, false] {
                let before = try scene.run(cameras: Array(scene.cameras.dropLast()), occlusion: occlusion)
                let after = try scene.run(occlusion: occlusion)
                #expect(after.summary.coveredLengthMeters >= before.summary.coveredLengthMeters - 1e-6)
                // Per street as well.
                for (cls, pair) in before.summary.byClass {
                    #expect(after.summary.byClass[cls]!.coveredMeters >= pair.coveredMeters - 1e-6)
                }
            }
        }
    }

    @Test func coveredPlusGapsIsTotal() async {
        await propertyCheck(count: 60, input: Self.scenes) { scene in
            let r = try scene.run(minGap: 0)
            let gapSum = r.gaps.reduce(0) { $0 + $1.lengthMeters }
            let total = r.summary.streetLengthMeters
            #expect(abs(r.summary.coveredLengthMeters + gapSum - total) <= 1e-9 * total + 1e-9)
            #expect(abs(r.summary.gapsLengthMeters - gapSum) <= 1e-9 * total)
            // Gaps and covered pieces do not overlap and tile every street.
            for (l, street) in scene.streets.enumerated() {
                var parts = r.gaps.filter { $0.streetIndex == l }.map { ($0.fromMeters, $0.toMeters) }
                parts += r.coveredPieces.filter { $0.streetIndex == l }.map { ($0.fromMeters, $0.toMeters) }
                parts.sort { $0.0 < $1.0 }
                var at = 0.0
                for (a, b) in parts {
                    #expect(abs(a - at) < 1e-6)
                    at = b
                }
                #expect(abs(at - street.lengthMeters) < 1e-6)
            }
            // Larger minimum gap keeps exactly the long gaps.
            let r10 = try scene.run(minGap: 10)
            #expect(r10.gaps.count == r.gaps.filter { $0.lengthMeters >= 10 }.count)
        }
    }

    @Test func occlusionNeverIncreasesCoverage() async {
        await propertyCheck(count: 60, input: Self.scenes) { scene in
            let open = try scene.run(occlusion: false)
            let occluded = try scene.run(occlusion: true)
            #expect(occluded.summary.coveredLengthMeters <= open.summary.coveredLengthMeters + 1e-6)
            for (cls, pair) in occluded.summary.byClass {
                #expect(pair.coveredMeters <= open.summary.byClass[cls]!.coveredMeters + 1e-6)
            }
            // Per camera too: a single camera's occluded coverage is inside its open coverage.
            for cam in scene.cameras {
                let a = try scene.run(cameras: [cam], occlusion: true).summary.coveredLengthMeters
                let b = try scene.run(cameras: [cam], occlusion: false).summary.coveredLengthMeters
                #expect(a <= b + 1e-6)
            }
        }
    }
}
