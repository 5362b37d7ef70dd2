import Foundation
import GeoCore
import Testing

/// `OrderedParts.collect` against the plain concatenation of the parts, with values that hold
/// references (so a copy, a lost value or a double release would show in the live count).
@Suite struct OrderedPartsTests {
    /// Counts live instances across threads.
    final class Live: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        var count: Int { lock.withLock { n } }
        func add(_ d: Int) { lock.withLock { n += d } }
    }

    final class Tracked: @unchecked Sendable {
        let value: Int
        let live: Live
        init(_ value: Int, _ live: Live) {
            self.value = value
            self.live = live
            live.add(1)
        }
        deinit { live.add(-1) }
    }

    /// Part `p` holds `sizes[p]` values numbered after the previous parts'.
    static func expected(_ sizes: [Int]) -> [Int] { Array(0..<sizes.reduce(0, +)) }

    @Test(arguments: [[5_000], [3_000, 4_000], [0, 2_500], [2_500, 0], [700, 0, 1_300], [0, 0]])
    func partsJoinInOrderWithoutCopies(sizes: [Int]) {
        let live = Live()
        let total = sizes.reduce(0, +)
        let first = sizes.indices.map { p in sizes[..<p].reduce(0, +) }
        for stated in [nil, total, total + 9, max(0, total - 1), 0] as [Int?] {
            do {
                let rows = OrderedParts.collect(parts: sizes.count, expected: stated) { (part, append: (Tracked) -> Bool) in
                    for i in 0..<sizes[part] where !append(Tracked(first[part] + i, live)) { break }
                }
                if let stated, stated < total {
                    #expect(rows == nil, "stated \(stated) of \(total)")
                } else {
                    #expect(rows?.map(\.value) == Self.expected(sizes), "stated \(String(describing: stated))")
                    #expect(live.count == total)
                }
            }
            // Everything made was released exactly once, kept or not.
            #expect(live.count == 0, "stated \(String(describing: stated))")
        }
    }
}
