import Dispatch

/// Two-way fork–join (used by the graph builder): runs two independent pieces of work on two threads
/// when the machine has them (`DispatchQueue.concurrentPerform`). The pieces must not share
/// mutable state; results are the same as running them one after the other.
extension ParallelChunks {
    /// Results of `a` and `b`, run concurrently.
    public static func both<A, B>(_ a: () -> A, _ b: () -> B) -> (A, B) {
        nonisolated(unsafe) var ra: A?
        nonisolated(unsafe) var rb: B?
        withoutActuallyEscaping(a) { a in
            withoutActuallyEscaping(b) { b in
                nonisolated(unsafe) let a = a, b = b
                DispatchQueue.concurrentPerform(iterations: 2) { i in
                    if i == 0 { ra = a() } else { rb = b() }
                }
            }
        }
        return (ra!, rb!)
    }

    /// Results of `a` and `b`, run concurrently; `a`'s error first, then `b`'s.
    public static func tryBoth<A, B>(_ a: () throws -> A, _ b: () throws -> B) throws -> (A, B) {
        let (ra, rb) = both({ Result { try a() } }, { Result { try b() } })
        return (try ra.get(), try rb.get())
    }

    /// Runs `body` on the two halves `0 ..< n/2` and `n/2 ..< n` concurrently (sequentially for
    /// small `n`).
    public static func halves(_ n: Int, minimum: Int = 4096, _ body: (Range<Int>) -> Void) {
        guard n >= minimum else { body(0..<n); return }
        _ = both({ body(0..<(n / 2)) }, { body((n / 2)..<n) })
    }
}
