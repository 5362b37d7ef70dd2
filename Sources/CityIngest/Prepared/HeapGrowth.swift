#if canImport(Glibc)
import Glibc
#endif

/// Building a prepared city's values makes about 1.3 million small allocations at k = 16 (an id
/// string and a points array per street line), and glibc's malloc grows each thread's heap for
/// them 128 KiB at a time: a `brk`/`mprotect` call and a heap extension every few hundred
/// streets. While `body` runs, the heaps grow 64 MiB at a time instead (`mallopt(M_TOP_PAD)`);
/// glibc's default padding is set again afterwards. The memory actually used is the same (pages
/// are only committed when written); measured at k = 16, the street values build 6–15 % faster.
///
/// Side effect: glibc stops adapting its mmap threshold once `M_TOP_PAD` has been set (it keeps
/// the value reached so far); whole `coverage` runs at k = 16 took the same time and peak memory
/// with and without it (BENCHMARKS.md). A no-op where malloc is not glibc's.
enum HeapGrowth {
    /// glibc's `M_TOP_PAD` (malloc.h) and its default, 128 KiB.
    static let topPadOption: Int32 = -2
    static let defaultTopPad: Int32 = 128 * 1024
    static let loadTopPad: Int32 = 64 << 20

    /// glibc's `int mallopt(int param, int value)`, looked up at run time (Swift's Glibc module
    /// does not export malloc.h); nil where there is none.
    static let mallopt: (@convention(c) (Int32, Int32) -> Int32)? = {
        #if canImport(Glibc)
        guard let f = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return nil }
        return unsafeBitCast(f, to: (@convention(c) (Int32, Int32) -> Int32).self)
        #else
        return nil
        #endif
    }()

    static func inLargeSteps<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        guard let set = mallopt else { return try body() }
        _ = set(topPadOption, loadTopPad)
        defer { _ = set(topPadOption, defaultTopPad) }
        return try body()
    }
}
