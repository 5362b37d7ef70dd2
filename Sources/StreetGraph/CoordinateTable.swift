/// An open-addressing hash table from exact coordinates to dense ids `0, 1, 2, ...` in order of
/// first insertion.
///
/// Used by `Noder`'s vertex snapping to list the distinct coordinates (junctions themselves are
/// found by `JunctionFinder`). Keys are the bit patterns of `x` and `y` with `-0.0` normalised to
/// `0.0`. Insert and lookup are O(1) expected; memory is two `UInt64` and one
/// `Int32` per slot (interleaved) at a load factor of at most 1/2.
struct CoordinateTable {
    /// One slot: both key halves and the id together (one cache line per probe).
    private struct Slot {
        var x: UInt64
        var y: UInt64
        var id: Int32
    }
    private var slots: [Slot]
    private var mask: Int
    /// Number of distinct coordinates inserted.
    private(set) var count = 0

    init(expectedCount: Int) {
        var cap = 16
        while cap < expectedCount * 2 { cap <<= 1 }
        slots = Array(repeating: Slot(x: 0, y: 0, id: -1), count: cap)
        mask = cap - 1
    }

    @inline(__always) private static func bits(_ v: Double) -> UInt64 { v == 0 ? 0 : v.bitPattern }

    @inline(__always) private static func hash(_ x: UInt64, _ y: UInt64) -> Int {
        var z = x &* 0x9E37_79B9_7F4A_7C15 ^ (y &+ 0x632B_E59B_D9B4_E019)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: z ^ (z >> 31))
    }

    /// The id of `(x, y)`, inserting it with the next free id when new.
    mutating func insert(_ x: Double, _ y: Double) -> Int32 {
        if count * 2 >= slots.count { grow() }
        let bx = CoordinateTable.bits(x), by = CoordinateTable.bits(y)
        var i = CoordinateTable.hash(bx, by) & mask
        let m = mask
        let newId = Int32(count)
        let found: Int32 = slots.withUnsafeMutableBufferPointer { s in
            while true {
                let id = s[i].id
                if id < 0 {
                    s[i] = Slot(x: bx, y: by, id: newId)
                    return -1
                }
                if s[i].x == bx && s[i].y == by { return id }
                i = (i + 1) & m
            }
        }
        if found >= 0 { return found }
        count += 1
        return newId
    }

    /// The id of `(x, y)`, or nil when never inserted.
    func lookup(_ x: Double, _ y: Double) -> Int32? {
        let bx = CoordinateTable.bits(x), by = CoordinateTable.bits(y)
        var i = CoordinateTable.hash(bx, by) & mask
        while true {
            let id = slots[i].id
            if id < 0 { return nil }
            if slots[i].x == bx && slots[i].y == by { return id }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        let cap = slots.count * 2
        slots = Array(repeating: Slot(x: 0, y: 0, id: -1), count: cap)
        mask = cap - 1
        for s in old where s.id >= 0 {
            var i = CoordinateTable.hash(s.x, s.y) & mask
            while slots[i].id >= 0 { i = (i + 1) & mask }
            slots[i] = s
        }
    }
}
