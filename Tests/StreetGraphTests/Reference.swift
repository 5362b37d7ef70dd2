import CityIngest
import CityModel
import Foundation
import GeoCore
import StreetGraph
import TestSupport

/// Independent reference implementations for the tests: a plain adjacency list built straight
/// from street lines (Dictionary-based junction detection), Bellman–Ford and a naive O(V²)
/// Dijkstra. Nothing here calls StreetGraph's builder or search code.
struct ReferenceGraph {
    struct Arc { var from: Int; var to: Int; var seconds: Double }
    /// Junction coordinates.
    var nodes: [Point] = []
    var nodeIndex: [Point: Int] = [:]
    var arcs: [Arc] = []
    /// Virtual source nodes are appended after `baseNodeCount`.
    var baseNodeCount = 0

    /// Splits every admitted street at coordinates used twice or more (or at its ends), with
    /// seconds = length / speed (km/h ÷ 3.6) per piece; `oneway` honoured for drive.
    init(streets: [Street], mode: TravelMode, speedKmh: (Street) -> Double) {
        let kept = streets.filter { mode == .drive ? $0.isDrivable : $0.isWalkable }
        var uses: [Point: Int] = [:]
        for s in kept {
            var pts: [Point] = []
            for p in s.points where pts.last != p { pts.append(p) }
            guard pts.count > 1 else { continue }
            for (i, p) in pts.enumerated() { uses[p, default: 0] += (i == 0 || i == pts.count - 1) ? 2 : 1 }
        }
        for s in kept {
            var pts: [Point] = []
            for p in s.points where pts.last != p { pts.append(p) }
            guard pts.count > 1 else { continue }
            let mps = speedKmh(s) / 3.6
            var start = node(pts[0])
            var length = 0.0
            for i in 1..<pts.count {
                length += (pts[i] - pts[i - 1]).norm
                if uses[pts[i]]! >= 2 {
                    let end = node(pts[i])
                    addStreetPiece(start, end, seconds: length / mps, oneway: mode == .walk ? .no : s.oneway)
                    start = end
                    length = 0
                }
            }
        }
        baseNodeCount = nodes.count
    }

    mutating func node(_ p: Point) -> Int {
        if let i = nodeIndex[p] { return i }
        nodes.append(p)
        nodeIndex[p] = nodes.count - 1
        return nodes.count - 1
    }

    mutating func addStreetPiece(_ a: Int, _ b: Int, seconds: Double, oneway: Oneway) {
        if oneway != .reverse { arcs.append(Arc(from: a, to: b, seconds: seconds)) }
        if oneway != .forward { arcs.append(Arc(from: b, to: a, seconds: seconds)) }
    }

    /// Adds a virtual node partway (fraction `f`) along the piece a→b of `seconds` with the
    /// given direction rule, connected outwards only (a source).
    mutating func addSource(a: Int, b: Int, seconds: Double, fraction f: Double, oneway: Oneway) -> Int {
        nodes.append(Point(.nan, .nan))
        let v = nodes.count - 1
        if oneway != .reverse { arcs.append(Arc(from: v, to: b, seconds: (1 - f) * seconds)) }
        if oneway != .forward { arcs.append(Arc(from: v, to: a, seconds: f * seconds)) }
        return v
    }

    /// Bellman–Ford from several zero-time sources: relax every arc until nothing changes.
    func bellmanFord(from sources: [Int]) -> [Double] {
        var d = [Double](repeating: .infinity, count: nodes.count)
        for s in sources { d[s] = 0 }
        for _ in 0..<nodes.count {
            var changed = false
            for a in arcs where d[a.from] + a.seconds < d[a.to] {
                d[a.to] = d[a.from] + a.seconds
                changed = true
            }
            if !changed { break }
        }
        return d
    }

    /// Textbook O(V²) Dijkstra (array scan for the minimum, no heap).
    func naiveDijkstra(from sources: [Int]) -> [Double] {
        let n = nodes.count
        var out = [[Arc]](repeating: [], count: n)
        for a in arcs { out[a.from].append(a) }
        var d = [Double](repeating: .infinity, count: n)
        var done = [Bool](repeating: false, count: n)
        for s in sources { d[s] = 0 }
        for _ in 0..<n {
            var u = -1
            for i in 0..<n where !done[i] && d[i].isFinite && (u < 0 || d[i] < d[u]) { u = i }
            if u < 0 { break }
            done[u] = true
            for a in out[u] where d[u] + a.seconds < d[a.to] { d[a.to] = d[u] + a.seconds }
        }
        return d
    }
}

/// Random street networks: nodes scattered in a square, streets between random pairs with an
/// optional bent middle vertex, random one-way flags and classes.
enum RandomStreets {
    static let classes = ["primary", "secondary", "residential", "service", "living_street"]

    static func make(seed: UInt64, nodes n: Int, streets m: Int, onewayShare: Double = 0.3,
                     size: Double = 2000) -> [Street] {
        var rng = SeededRandom(seed: seed)
        let pts = (0..<n).map { _ in Point(Double.random(in: 0..<size, using: &rng), Double.random(in: 0..<size, using: &rng)) }
        var out: [Street] = []
        for i in 0..<m {
            let a = Int.random(in: 0..<n, using: &rng)
            var b = Int.random(in: 0..<n, using: &rng)
            if b == a { b = (a + 1) % n }
            var line = [pts[a]]
            if Bool.random(using: &rng) {
                let mid = pts[a].lerp(pts[b], 0.5)
                line.append(Point(mid.x + Double.random(in: -50...50, using: &rng), mid.y + Double.random(in: -50...50, using: &rng)))
            }
            line.append(pts[b])
            let r = Double.random(in: 0..<1, using: &rng)
            let oneway: Oneway = r < onewayShare / 2 ? .forward : (r < onewayShare ? .reverse : .no)
            let cls = classes[Int.random(in: 0..<classes.count, using: &rng)]
            let maxspeed: Double? = Int.random(in: 0..<4, using: &rng) == 0 ? 60 : nil
            out.append(Street(id: "s\(i)", highway: cls, oneway: oneway, maxspeedKmh: maxspeed, points: line))
        }
        return out
    }
}

/// Loads the bundled Helsinki city once per process (streets, buildings, schools).
enum Helsinki {
    static let city: City? = {
        do {
            return try CityReader.read(CityReadOptions(primary: Fixtures.helsinkiPBF, kinds: [.streets, .buildings, .schools], makeValid: true))
        } catch {
            print("Helsinki load failed: \(error)")
            return nil
        }
    }()
}
