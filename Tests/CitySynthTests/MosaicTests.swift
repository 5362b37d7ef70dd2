import CityIngest
import CityModel
import CitySynth
import GeoCore
import Testing
import TestSupport

@Suite struct MosaicTests {
    static let base: City = try! CityReader.read(CityReadOptions(primary: Fixtures.helsinkiPBF, makeValid: true))

    @Test func oneTileIsTheCityItself() throws {
        let r = try CitySynth.mosaic(Self.base, .init(tiles: 1))
        #expect(r.connectors == 0)
        #expect(r.city.streets.map(\.points) == Self.base.streets.map(\.points))
        #expect(r.city.buildings.count == Self.base.buildings.count)
    }

    @Test func threeByThreeScalesEveryLayer() throws {
        let r = try CitySynth.mosaic(Self.base, .init(tiles: 3))
        let b = Self.base
        #expect(r.city.streets.count == 9 * b.streets.count + r.connectors)
        #expect(r.city.buildings.count == 9 * b.buildings.count)
        #expect(r.city.cameras.count == 9 * b.cameras.count)
        #expect(r.city.schools.count == 27)
        // Mirroring preserves lengths and areas.
        let mapped = r.city.streets.filter { !$0.id.hasPrefix("connector/") }
        #expect(abs(mapped.reduce(0) { $0 + $1.lengthMeters } - 9 * b.streetLengthMeters) < 1e-3)
        let area = r.city.buildings.reduce(0) { $0 + $1.footprintAreaM2 }
        #expect(abs(area - 9 * b.buildings.reduce(0) { $0 + $1.footprintAreaM2 }) < 1e-2)
        // Unique ids.
        #expect(Set(r.city.streets.map(\.id)).count == r.city.streets.count)
        #expect(Set(r.city.buildings.map(\.id)).count == r.city.buildings.count)
        // Connectors are short: a seam gap plus twice the join distance at most.
        #expect(r.connectors > 0)
        #expect(r.city.streets.filter { $0.id.hasPrefix("connector/") }.allSatisfy { $0.lengthMeters <= 10 + 2 * 30 + 1e-9 })
    }

    /// Union–find over shared street vertices: the largest street component of a 2×2 mosaic
    /// reaches all four tiles, so seams are really joined.
    @Test func seamsJoinTheStreetNetwork() throws {
        let r = try CitySynth.mosaic(Self.base, .init(tiles: 2))
        var parent: [Int] = []
        var index: [Point: Int] = [:]
        func id(_ p: Point) -> Int {
            if let i = index[p] { return i }
            index[p] = parent.count
            parent.append(parent.count)
            return parent.count - 1
        }
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        for s in r.city.streets {
            let a = id(s.points[0])
            for p in s.points.dropFirst() {
                let b = id(p)
                parent[find(b)] = find(a)
            }
        }
        var tilesOfRoot: [Int: Set<String>] = [:]
        var sizeOfRoot: [Int: Int] = [:]
        for s in r.city.streets where !s.id.hasPrefix("connector/") {
            let root = find(index[s.points[0]]!)
            tilesOfRoot[root, default: []].insert(String(s.id.split(separator: "~").last!))
            sizeOfRoot[root, default: 0] += 1
        }
        let largest = sizeOfRoot.max { $0.value < $1.value }!.key
        #expect(tilesOfRoot[largest] == ["0_0", "1_0", "0_1", "1_1"])
    }

    @Test func mirroredHeadingsPointTheMirroredWay() throws {
        var city = City(crs: Self.base.crs, streets: [Street(id: "s", highway: "primary", points: [Point(0, 0), Point(100, 0)])])
        city.cameras = [CameraRecord(id: "c", position: Point(10, 0), headingDeg: 30)]
        let r = try CitySynth.mosaic(city, .init(tiles: 2))
        let byTile = Dictionary(uniqueKeysWithValues: r.city.cameras.map { ($0.id, $0.headingDeg!) })
        #expect(byTile["c~0_0"] == 30)
        #expect(byTile["c~1_0"] == 330)  // left–right mirror
        #expect(byTile["c~0_1"] == 150)  // top–bottom mirror
        #expect(byTile["c~1_1"] == 210)  // both
    }

    @Test func precinctsTileTheExtentAndCamerasLieOnStreets() throws {
        let r = try CitySynth.mosaic(Self.base, .init(tiles: 2, seed: 7, precincts: 12, randomCamerasPerKm: 5))
        let e = r.city.extent
        #expect(abs(r.precincts.reduce(0) { $0 + $1.polygon.area } - e.width * e.height) < 1e-3 * e.width * e.height)
        #expect((10...14).contains(r.precincts.count))
        #expect(r.precincts.allSatisfy { (2...6).contains($0.inspectors) })
        let km = r.city.streetLengthMeters / 1000
        #expect(abs(Double(r.randomCameras.count) - 5 * km) <= 1)
        let tree = PackedRTree(r.city.streets.map(\.envelope))
        for c in r.randomCameras.prefix(200) {
            let near = tree.nearest(to: c.position, k: 1) { i in
                let pts = r.city.streets[i].points
                var best = Double.infinity
                for j in 1..<pts.count { best = min(best, Planar.closestOnSegment(c.position, pts[j - 1], pts[j]).distanceSquared) }
                return best
            }
            #expect(near[0].distance < 1e-6)
        }
        // Same seed, same output.
        let again = try CitySynth.mosaic(Self.base, .init(tiles: 2, seed: 7, precincts: 12, randomCamerasPerKm: 5))
        #expect(again.randomCameras == r.randomCameras && again.precincts == r.precincts)
    }

    @Test func badTileCountIsAUsageError() {
        #expect { try CitySynth.mosaic(Self.base, .init(tiles: 0)) } throws: { ($0 as? CovplanError)?.kind == .usage }
    }

    /// The size limit counts the layers made: 3,000 streets and one building at k = 58 are
    /// 10.1 M features (refused), the building alone 3,364 (made).
    @Test func sizeLimitCountsOnlyTheLayersMade() throws {
        var city = City(crs: Self.base.crs)
        city.streets = (0..<3000).map { i in Street(id: "s\(i)", highway: "service", points: [Point(Double(i), 0), Point(Double(i), 5)]) }
        let ring: Ring = [Point(0, 10), Point(4, 10), Point(4, 14), Point(0, 14), Point(0, 10)]
        city.buildings = [Building(id: "b", footprint: [Polygon(exterior: ring)], levels: 2, buildingTag: "apartments", use: .residential)]
        #expect(throws: CovplanError.self) { try CitySynth.mosaic(city, .init(tiles: 58)) }
        let r = try CitySynth.mosaic(city, .init(tiles: 58, layers: ["buildings"]))
        #expect(r.city.buildings.count == 58 * 58 && r.city.streets.isEmpty)
    }
}
