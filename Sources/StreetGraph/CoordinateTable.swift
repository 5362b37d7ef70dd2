/// An open-addressing hash table from exact coordinates to dense ids `0, 1, 2, ...` in order of
/// first insertion.
///
/// Used by graph building to find vertices shared by several street lines (OSM ways share node
/// coordinates exactly after projection). Keys are the bit patterns of `x` and `y` with `-0.0`
/// normalised to `0.0`. Insert and lookup are O(1) expected; memory is two `UInt64` and one
/// `Int32` per slot at a load factor of at most 1/2.
struct CoordinateTable {
    private var keysX: [UInt64]
    private var keysY: [UInt64]
    private var ids: [Int32]
    private var mask: Int
    /// Number of distinct coordinates inserted.
    private(set) var count = 0

    init(expectedCount: Int) {
        var cap = 16
        while cap < expectedCount * 2 { cap <<= 1 }
        keysX = Array(repeating: 0, count: cap)
        keysY = Array(repeating: 0, count: cap)
        ids = Array(repeating: -1, count: cap)
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
        if count * 2 >= ids.count { grow() }
        let bx = CoordinateTable.bits(x), by = CoordinateTable.bits(y)
        var i = CoordinateTable.hash(bx, by) & mask
        while true {
            let id = ids[i]
            if id < 0 {
                keysX[i] = bx
                keysY[i] = by
                ids[i] = Int32(count)
                count += 1
                return ids[i]
            }
            if keysX[i] == bx && keysY[i] == by { return id }
            i = (i + 1) & mask
        }
    }

    /// The id of `(x, y)`, or nil when never inserted.
    func lookup(_ x: Double, _ y: Double) -> Int32? {
        let bx = CoordinateTable.bits(x), by = CoordinateTable.bits(y)
        var i = CoordinateTable.hash(bx, by) & mask
        while true {
            let id = ids[i]
            if id < 0 { return nil }
            if keysX[i] == bx && keysY[i] == by { return id }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let oldX = keysX, oldY = keysY, oldIds = ids
        let cap = ids.count * 2
        keysX = Array(repeating: 0, count: cap)
        keysY = Array(repeating: 0, count: cap)
        ids = Array(repeating: -1, count: cap)
        mask = cap - 1
        for j in 0..<oldIds.count where oldIds[j] >= 0 {
            var i = CoordinateTable.hash(oldX[j], oldY[j]) & mask
            while ids[i] >= 0 { i = (i + 1) & mask }
            keysX[i] = oldX[j]
            keysY[i] = oldY[j]
            ids[i] = oldIds[j]
        }
    }
}
