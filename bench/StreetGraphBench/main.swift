// Street-graph benchmark: build + query on k×k tilings of the bundled city.
//
//   swift run -c release StreetGraphBench [k] [mode] [exportDir] [--builds N] [--build-only]
//
// Tiles the Helsinki streets k×k (translated copies, joined by connector streets across each
// tile border so the network stays connected), then times graph build, snapping index,
// multi-source Dijkstra (no cut-off and 10-minute cut-off), reach cut at 3/5/10 minutes, beats,
// and 3-nearest units for 10,000 points. With exportDir, writes arcs.csv (from,to,seconds),
// nodes.csv and sources.csv (node ids) so NetworkX/pandana can run the same query, and
// graph-digest.txt (a hash of every graph array and the report) to check that a build change
// leaves the graph unchanged.
import CityIngest
import CityModel
import Dispatch
import Foundation
import GeoCore
import StreetGraph

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
/// Process CPU seconds (all threads): steadier than wall time on a shared, loaded machine.
func cpu() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
    let t0 = now(), c0 = cpu()
    let r = try body()
    FileHandle.standardError.write(Data(String(format: "%-34@ wall %7.3f s   cpu %7.3f s\n", name as NSString, now() - t0, cpu() - c0).utf8))
    return r
}

var args = CommandLine.arguments
/// `--builds N`: build the graph N times (median reported; for profiling the build), default 1.
var builds = 1
if let i = args.firstIndex(of: "--builds"), i + 1 < args.count {
    builds = max(1, Int(args[i + 1])!)
    args.removeSubrange(i...(i + 1))
}
/// `--build-only`: stop after building (for profiling the build).
let buildOnly = args.contains("--build-only")
args.removeAll { $0 == "--build-only" }
let k = args.count > 1 ? Int(args[1])! : 4
let mode = args.count > 2 ? TravelMode(rawValue: args[2])! : .walk
let exportDir = args.count > 3 ? args[3] : nil
let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
let city = try timed("load Helsinki") {
    try CityReader.read(CityReadOptions(primary: repo + "/geodata/helsinki-center.osm.pbf", kinds: [.streets], makeValid: true))
}
let base = city.streets.filter { mode.admits($0) }
let ext = Envelope(of: base.flatMap(\.points))
let w = ext.width + 50, h = ext.height + 50

// Border endpoints of the base tile: 12 nearest each side.
let ends = base.flatMap { [$0.points.first!, $0.points.last!] }
func side(_ key: (Point) -> Double) -> [Point] { Array(Set(ends).sorted { key($0) < key($1) || (key($0) == key($1) && ($0.x, $0.y) < ($1.x, $1.y)) }.prefix(12)) }
let east = side { -$0.x }, west = side { $0.x }, north = side { -$0.y }, south = side { $0.y }

var streets: [Street] = []
streets.reserveCapacity(base.count * k * k + 48 * k * k)
for i in 0..<k {
    for j in 0..<k {
        let d = Point(Double(i) * w, Double(j) * h)
        for s in base {
            streets.append(Street(id: "\(s.id)@\(i),\(j)", highway: s.highway, name: s.name, oneway: s.oneway,
                                  maxspeedKmh: s.maxspeedKmh, points: s.points.map { $0 + d }))
        }
        for n in 0..<12 {
            if i + 1 < k {
                streets.append(Street(id: "link-e\(n)@\(i),\(j)", highway: "residential",
                                      points: [east[n] + d, west[n] + d + Point(w, 0)]))
            }
            if j + 1 < k {
                streets.append(Street(id: "link-n\(n)@\(i),\(j)", highway: "residential",
                                      points: [north[n] + d, south[n] + d + Point(0, h)]))
            }
        }
    }
}
FileHandle.standardError.write(Data("k=\(k) mode=\(mode.rawValue): \(streets.count) street lines\n".utf8))

var buildWall: [Double] = [], buildCPU: [Double] = []
var built: RoadGraph?
for _ in 0..<builds {
    built = nil  // free the previous graph first
    var buildClock = PhaseClock()
    let t0 = now(), c0 = cpu()
    built = try timed("build graph") { try GraphBuilder.build(streets: streets, mode: mode, clock: &buildClock) }
    buildWall.append(now() - t0); buildCPU.append(cpu() - c0)
    for lap in buildClock.laps {
        FileHandle.standardError.write(Data(("  " + lap.phase.padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: " wall %7.3f s\n", lap.seconds)).utf8))
    }
}
if builds > 1 {
    func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }
    FileHandle.standardError.write(Data(String(format: "build graph, median of %d: wall %.3f s   cpu %.3f s\n", builds, median(buildWall), median(buildCPU)).utf8))
}
let g = built!
if buildOnly { exit(0) }
FileHandle.standardError.write(Data("graph: \(g.nodeCount) nodes, \(g.edgeCount) edges, \(g.arcCount) arcs, \(g.report.componentCount) components, main \(g.report.largestComponents[0].edges) edges\n".utf8))
let snapper = timed("snap index") { EdgeSnapper(graph: g) }

struct SplitMix: RandomNumberGenerator { var s: UInt64; mutating func next() -> UInt64 { s &+= 0x9E3779B97F4A7C15; var z = s; z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9; z = (z ^ (z >> 27)) &* 0x94D049BB133111EB; return z ^ (z >> 31) } }
var r = SplitMix(s: 42)
let all = Envelope(minX: ext.minX, minY: ext.minY, maxX: ext.minX + Double(k) * w, maxY: ext.minY + Double(k) * h)
func randomPoint(_ r: inout SplitMix) -> Point { Point(Double.random(in: all.minX...all.maxX, using: &r), Double.random(in: all.minY...all.maxY, using: &r)) }
// Sources: 100 random main-component nodes (so NetworkX gets identical sources).
var sourceNodes: [Int] = []
while sourceNodes.count < 100 {
    let n = Int.random(in: 0..<g.nodeCount, using: &r)
    if g.nodeComponent[n] == 0 { sourceNodes.append(n) }
}
let sources = sourceNodes.map { n -> SearchSource in
    let a = Int(g.arcStart[n])
    let e = Int(g.arcEdge[a] >= 0 ? g.arcEdge[a] : ~g.arcEdge[a])
    return SearchSource(EdgePosition(edge: Int32(e), offsetMeters: g.edgeFrom[e] == Int32(n) ? 0 : g.edgeLengthMeters[e]))
}
let full = timed("dijkstra 100 sources") { g.shortestTimes(from: sources) }
let reachedNodes = full.seconds.filter(\.isFinite).count
FileHandle.standardError.write(Data("  reached nodes \(reachedNodes), max \(String(format: "%.1f", full.seconds.filter(\.isFinite).max()!)) s\n".utf8))
let cut = timed("dijkstra cut-off 10 min") { g.shortestTimes(from: sources, cutoffSeconds: 600) }
FileHandle.standardError.write(Data("  within 600 s: \(cut.seconds.filter(\.isFinite).count) nodes\n".utf8))
let reach = try timed("reach 3/5/10 min (incl. search)") { try g.reach(from: sources, thresholdsSeconds: [180, 300, 600]) }
FileHandle.standardError.write(Data("  reached \(String(format: "%.1f", reach.reachedLengthMeters[2] / 1000)) km of \(String(format: "%.1f", reach.totalLengthMeters / 1000)) km, \(reach.pieces.count) pieces\n".utf8))
let beats = timed("beats (incl. search)") { g.beats(from: sources) }
FileHandle.standardError.write(Data("  \(beats.pieces.count) beat pieces\n".utf8))
var pts: [Point] = []
for _ in 0..<10_000 { pts.append(randomPoint(&r)) }
let snaps = timed("snap 10k points") { snapper.snapAll(pts, maxDistanceMeters: 500) }
let near = try timed("3-nearest of 100 units, 10k pts") {
    try g.nearestUnits(units: sources, points: snaps.map { $0?.position }, k: 3)
}
_ = near
if k <= 2 {
    let isos = try timed("isochrones 3/5/10 (GEOS)") { try g.isochrones(of: reach, bufferMeters: 50) }
    FileHandle.standardError.write(Data("  areas \(isos.map { Int($0.areaM2) })\n".utf8))
}

if let dir = exportDir {
    var csv = "from,to,seconds\n"
    csv.reserveCapacity(g.arcCount * 24)
    for u in 0..<g.nodeCount {
        for a in Int(g.arcStart[u])..<Int(g.arcStart[u + 1]) { csv += "\(u),\(g.arcHead[a]),\(g.arcSeconds[a])\n" }
    }
    try csv.write(toFile: dir + "/arcs.csv", atomically: true, encoding: .utf8)
    try (sourceNodes.map(String.init).joined(separator: "\n") + "\n").write(toFile: dir + "/sources.csv", atomically: true, encoding: .utf8)
    var nodes = "id,x,y\n"
    for n in 0..<g.nodeCount { nodes += "\(n),\(g.nodeX[n]),\(g.nodeY[n])\n" }
    try nodes.write(toFile: dir + "/nodes.csv", atomically: true, encoding: .utf8)
    // Every array of the graph and its report, hashed: a build change must leave this file unchanged.
    func fnv<T>(_ a: [T]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        a.withUnsafeBytes { for b in $0 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 } }
        return String(h, radix: 16) + " (\(a.count))"
    }
    let digest = [
        "nodeX \(fnv(g.nodeX))", "nodeY \(fnv(g.nodeY))", "edgeFrom \(fnv(g.edgeFrom))", "edgeTo \(fnv(g.edgeTo))",
        "edgeLengthMeters \(fnv(g.edgeLengthMeters))", "edgeSeconds \(fnv(g.edgeSeconds))", "edgeAccess \(fnv(g.edgeAccess))",
        "edgeStreet \(fnv(g.edgeStreet))", "edgeVertexStart \(fnv(g.edgeVertexStart))", "vertexX \(fnv(g.vertexX))",
        "vertexY \(fnv(g.vertexY))", "arcStart \(fnv(g.arcStart))", "arcHead \(fnv(g.arcHead))", "arcSeconds \(fnv(g.arcSeconds))",
        "arcEdge \(fnv(g.arcEdge))", "nodeComponent \(fnv(g.nodeComponent))", "report \(g.report)",
    ].joined(separator: "\n") + "\n"
    try digest.write(toFile: dir + "/graph-digest.txt", atomically: true, encoding: .utf8)
    // covplan's answer for the agreement check: reached nodes within 600 s and their time sum.
    let within = cut.seconds.filter(\.isFinite)
    try "\(within.count) \(within.reduce(0, +))\n".write(toFile: dir + "/covplan-answer.txt", atomically: true, encoding: .utf8)
}
