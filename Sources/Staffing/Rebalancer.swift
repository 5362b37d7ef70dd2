import CityModel
import GeoCore

/// What the rebalancer works on: blocks with residents, their adjacency, their current
/// precinct, and each precinct's capacity (norm × inspectors).
public struct RebalanceProblem: Sendable {
    public var residents: [Double]
    public var adjacency: BlockAdjacency
    /// Current precinct of each block.
    public var current: [Int32]
    public var inspectors: [Int]
    public var norm: Double

    public init(residents: [Double], adjacency: BlockAdjacency, current: [Int32], inspectors: [Int], norm: Double) {
        self.residents = residents
        self.adjacency = adjacency
        self.current = current
        self.inspectors = inspectors
        self.norm = norm
    }
}

/// A proposed assignment of blocks to precincts.
public struct RebalancePlan: Sendable {
    /// Proposed precinct of each block.
    public var assignment: [Int32]
    /// Inspectors to add per precinct so that it is at or under the norm (0 when the
    /// boundaries alone suffice).
    public var extraInspectors: [Int]
    public var loadsBefore: [Double]
    public var loadsAfter: [Double]
    /// Residents of blocks whose precinct changed.
    public var residentsMoved: Double
    public var blocksMoved: Int
    /// Block moves tried and applied (including ones later undone).
    public var moves: Int
}

/// Moves street blocks between neighbouring precincts so that every precinct is at or under
/// norm × inspectors, keeping precincts contiguous and compact and moving few residents.
///
/// Local search from the current assignment. Objective F = Σ_p max(0, load_p − cap_p)². Each
/// step takes the most overloaded precinct that can improve and applies its best boundary-block
/// move to a neighbouring precinct with room (a move never pushes a precinct over its
/// capacity): the move must lower F, and is ranked by the
/// decrease × (0.5 + share of the block's boundary shared with the receiving precinct), which
/// favours compact shapes. A boundary block without residents moves together with a short chain
/// of empty blocks leading to a block with residents (so empty slivers cannot lock a precinct).
/// When no neighbour has room, an ejection chain (a flow along a shortest path of precincts to
/// one with room, one block per hop, see `tryChain`) passes the load on. A move is allowed only when the block touches the receiving precinct
/// and its remaining neighbours in the giving precinct stay connected without it (so no
/// precinct is ever split and a contiguous precinct stays contiguous); a precinct never gives
/// away its last block. When no move lowers F while a precinct is still over, one inspector is
/// added to the most overloaded precinct (reported as extra) and the search goes on, so the
/// plan ends with every precinct at or under the norm with the fewest extra inspectors this
/// search finds. A final pass moves blocks back to their original precinct wherever that keeps
/// both precincts within their capacity, to reduce the residents moved. Deterministic
/// (ties broken by block and precinct index). Cost per step O(blocks of the precinct ·
/// neighbours), plus a BFS over the giving precinct per tried move.
public enum Rebalancer {
    public static func solve(_ problem: RebalanceProblem, maxSteps: Int = 200_000) -> RebalancePlan {
        let n = problem.residents.count
        let P = problem.inspectors.count
        let adj = problem.adjacency
        let r = problem.residents
        var assign = problem.current
        var load = [Double](repeating: 0, count: P)
        var count = [Int](repeating: 0, count: P)
        var members = [[Int]](repeating: [], count: P)
        for b in 0..<n {
            let p = Int(assign[b])
            load[p] += r[b]
            count[p] += 1
            members[p].append(b)
        }
        let before = load
        var extra = [Int](repeating: 0, count: P)
        func cap(_ p: Int) -> Double { problem.norm * Double(problem.inspectors[p] + extra[p]) }
        let eps = 1e-9
        func pen(_ p: Int, _ l: Double) -> Double {
            let o = l - cap(p)
            return o > eps ? o * o : 0
        }
        var mark = [Int32](repeating: -1, count: n)
        var stamp: Int32 = 0
        /// Removing the blocks `set` from p keeps their remaining neighbours in p connected.
        func staysConnected(_ set: [Int], _ p: Int32) -> Bool {
            stamp += 1
            for b in set { mark[b] = stamp }
            var targets: [Int] = []
            for b in set {
                for k in adj.neighbours(of: b) {
                    let y = Int(adj.neighbors[k])
                    if assign[y] == p, mark[y] != stamp, !targets.contains(y) { targets.append(y) }
                }
            }
            if targets.count <= 1 { return true }
            var stack = [targets[0]]
            mark[targets[0]] = stamp
            var found = 1
            let want = Set(targets)
            while let x = stack.popLast() {
                for k in adj.neighbours(of: x) {
                    let y = Int(adj.neighbors[k])
                    if mark[y] == stamp || assign[y] != p { continue }
                    mark[y] = stamp
                    if want.contains(y) {
                        found += 1
                        if found == targets.count { return true }
                    }
                    stack.append(y)
                }
            }
            return false
        }
        func move(_ b: Int, to q: Int) {
            let p = Int(assign[b])
            load[p] -= r[b]
            load[q] += r[b]
            count[p] -= 1
            count[q] += 1
            if let i = members[p].firstIndex(of: b) { members[p].remove(at: i) }
            members[q].append(b)
            assign[b] = Int32(q)
        }
        struct Candidate { let score: Double; let blocks: [Int]; let to: Int }
        /// Moves of p's boundary blocks: a block with residents alone, or a block without
        /// residents together with a chain (up to `zeroDepth` blocks without residents) leading
        /// to a block with residents, so that empty slivers along a boundary (parks, squares,
        /// faces between parallel streets) do not lock a precinct in.
        func candidates(for p: Int) -> [Candidate] {
            var out: [Candidate] = []
            guard count[p] > 1 else { return out }
            let zeroDepth = 3
            for b in members[p] {
                var seen: [Int: Double] = [:]
                for k in adj.neighbours(of: b) {
                    let q = Int(assign[Int(adj.neighbors[k])])
                    if q != p { seen[q, default: 0] += adj.sharedMeters[k] }
                }
                if seen.isEmpty { continue }
                var sets: [([Int], Double)] = []
                if r[b] > 0 {
                    sets.append(([b], 1))
                } else {
                    // BFS through blocks without residents inside p.
                    var parent: [Int: Int] = [b: -1]
                    var frontier = [b]
                    for _ in 0..<zeroDepth {
                        var next: [Int] = []
                        for x in frontier {
                            for k in adj.neighbours(of: x) {
                                let y = Int(adj.neighbors[k])
                                guard assign[y] == Int32(p), parent[y] == nil else { continue }
                                parent[y] = x
                                if r[y] > 0 {
                                    var chain = [y]
                                    var z = x
                                    while z >= 0 { chain.append(z); z = parent[z]! }
                                    if chain.count < count[p] { sets.append((chain, 0.9)) }
                                } else {
                                    next.append(y)
                                }
                            }
                        }
                        frontier = next
                        if frontier.isEmpty { break }
                    }
                }
                for (set, weight) in sets {
                    let moved = set.reduce(0.0) { $0 + r[$1] }
                    for (q, shared) in seen.sorted(by: { $0.key < $1.key }) where load[q] + moved <= cap(q) + eps {
                        let delta = pen(p, load[p]) + pen(q, load[q]) - pen(p, load[p] - moved) - pen(q, load[q] + moved)
                        if delta <= eps { continue }
                        let compact = adj.perimeterMeters[b] > 0 ? shared / adj.perimeterMeters[b] : 0
                        out.append(Candidate(score: delta * (0.5 + compact) * weight, blocks: set, to: q))
                    }
                }
            }
            out.sort { ($0.score, -$0.blocks[0], -$0.to) > ($1.score, -$1.blocks[0], -$1.to) }
            return out
        }
        func touches(_ b: Int, _ q: Int) -> Bool {
            for k in adj.neighbours(of: b) where Int(assign[Int(adj.neighbors[k])]) == q { return true }
            return false
        }
        /// Ejection chain for a stuck precinct p: along a shortest path p → q1 → … → t in the
        /// precinct adjacency graph (through precincts at or under capacity) to one with room,
        /// p gives one boundary block to q1, and each following precinct passes on boundary
        /// blocks to the next until it is back within capacity. Kept only when no precinct of
        /// the path ends over capacity (p then lost residents); otherwise undone.
        func tryChain(_ p: Int) -> Bool {
            var padj = [Set<Int>](repeating: [], count: P)
            for x in 0..<n {
                for k in adj.neighbours(of: x) {
                    let a = Int(assign[x]), b = Int(assign[Int(adj.neighbors[k])])
                    if a != b { padj[a].insert(b) }
                }
            }
            var prev = [Int](repeating: -2, count: P)
            prev[p] = -1
            var queue = [p], head = 0, targets: [Int] = []
            while head < queue.count {
                let a = queue[head]
                head += 1
                for b in padj[a].sorted() where prev[b] == -2 {
                    prev[b] = a
                    if load[b] - cap(b) > eps { continue }
                    queue.append(b)
                    if cap(b) - load[b] > eps { targets.append(b) }
                }
            }
            /// Moves blocks from a to b (adjacent to b, not in `frozen`) until a is within
            /// capacity minus `keep`: the smallest block that clears the rest, else the largest.
            func shed(_ a: Int, to b: Int, target: Double, frozen: Set<Int>, done: inout [(block: Int, from: Int)]) -> Bool {
                while load[a] > target + eps {
                    guard count[a] > 1 else { return false }
                    let need = load[a] - target
                    let cands = members[a].filter { r[$0] > 0 && !frozen.contains($0) && touches($0, b) }
                        .sorted { (r[$0] >= need - eps ? 0 : 1, r[$0] >= need - eps ? r[$0] : -r[$0], $0)
                            < (r[$1] >= need - eps ? 0 : 1, r[$1] >= need - eps ? r[$1] : -r[$1], $1) }
                    guard let blk = cands.first(where: { staysConnected([$0], Int32(a)) }) else { return false }
                    move(blk, to: b)
                    done.append((blk, a))
                }
                return true
            }
            let before = load[p]
            for t in targets {
                var path = [t]
                var x = t
                while prev[x] != -1 { x = prev[x]; path.append(x) }
                path.reverse()
                var done: [(block: Int, from: Int)] = []
                var frozen = Set<Int>()
                // p gives one block (the smallest that clears its excess, else the largest) to
                // q1; each following precinct passes on what it cannot hold.
                _ = shed(p, to: path[1], target: cap(p), frozen: frozen, done: &done)
                // Only the first block from p: put any further ones back.
                while done.count > 1, let d = done.popLast() { move(d.block, to: d.from) }
                var ok = !done.isEmpty
                for d in done { frozen.insert(d.block) }
                if ok, load[p] >= before - eps { ok = false }
                var i = 1
                while ok && i < path.count - 1 {
                    ok = shed(path[i], to: path[i + 1], target: cap(path[i]), frozen: frozen, done: &done)
                    for d in done { frozen.insert(d.block) }
                    i += 1
                }
                if ok {
                    for q in path.dropFirst() where load[q] > cap(q) + eps { ok = false }
                }
                if ok { return true }
                for d in done.reversed() { move(d.block, to: d.from) }
            }
            return false
        }
        var moves = 0
        var steps = 0
        var stuck = Set<Int>()
        while steps < maxSteps {
            steps += 1
            let over = (0..<P).filter { load[$0] - cap($0) > eps && !stuck.contains($0) }
                .sorted { (load[$0] - cap($0), -$0) > (load[$1] - cap($1), -$1) }
            if over.isEmpty {
                // Nothing left to improve by moves: if a precinct is still over, staff it.
                let still = (0..<P).filter { load[$0] - cap($0) > eps }
                guard let worst = still.max(by: { (load[$0] - cap($0), -$0) < (load[$1] - cap($1), -$1) }) else { break }
                extra[worst] += 1
                stuck.removeAll()
                continue
            }
            let p = over[0]
            var applied = false
            for c in candidates(for: p) where staysConnected(c.blocks, Int32(p)) {
                for b in c.blocks { move(b, to: c.to) }
                moves += 1
                applied = true
                break
            }
            if !applied, tryChain(p) {
                moves += 1
                applied = true
            }
            if applied { stuck.removeAll() } else { stuck.insert(p) }
        }
        // Restore pass: send blocks home where both sides stay within capacity.
        var changed = true
        while changed {
            changed = false
            let away = (0..<n).filter { assign[$0] != problem.current[$0] }
                .sorted { (r[$0], -$0) > (r[$1], -$1) }
            for b in away {
                let home = Int(problem.current[b]), p = Int(assign[b])
                guard count[p] > 1, load[home] + r[b] <= cap(home) + eps else { continue }
                var touches = false
                for k in adj.neighbours(of: b) where Int(assign[Int(adj.neighbors[k])]) == home { touches = true; break }
                guard touches, staysConnected([b], Int32(p)) else { continue }
                move(b, to: home)
                moves += 1
                changed = true
            }
        }
        var movedResidents = 0.0, movedBlocks = 0
        for b in 0..<n where assign[b] != problem.current[b] {
            movedResidents += r[b]
            movedBlocks += 1
        }
        return RebalancePlan(assignment: assign, extraInspectors: extra, loadsBefore: before, loadsAfter: load,
                             residentsMoved: movedResidents, blocksMoved: movedBlocks, moves: moves)
    }
}
